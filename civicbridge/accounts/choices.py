"""Roles of DOMAIN.md and consent purposes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person may do. The first four act for one organisation; the rest are platform-wide."""

    REPRESENTATIVE = "representative", _("NGO representative")
    ORG_ADMIN = "org_admin", _("organisation administrator")
    COORDINATOR = "coordinator", _("network coordinator")
    OFFICIAL = "official", _("state official")
    OPERATOR = "operator", _("grant operator")
    EXPERT = "expert", _("expert")
    WORKING_GROUP = "working_group", _("working-group member")
    MODERATOR = "moderator", _("moderator")


# Roles that only make sense for a named organisation (an NGO representative acts for *that* NGO).
ORGANISATION_ROLES = frozenset({Role.REPRESENTATIVE, Role.ORG_ADMIN, Role.COORDINATOR, Role.OFFICIAL, Role.OPERATOR})
# Roles that let a person edit their organisation's records.
EDITOR_ROLES = frozenset({Role.REPRESENTATIVE, Role.ORG_ADMIN, Role.COORDINATOR})


class ConsentPurpose(models.TextChoices):
    PROCESSING = "processing", _("processing of my personal data to use the platform")
    PUBLIC_CONTACTS = "public_contacts", _("showing my contacts publicly")
    NEWSLETTER = "newsletter", _("news and digests by e-mail")
