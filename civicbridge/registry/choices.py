"""Fixed vocabularies of the registry."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    NGO = "ngo", _("NGO")
    NETWORK = "network", _("network or alliance")
    STATE_BODY = "state_body", _("state body")
    PARLIAMENT = "parliament", _("parliament")
    PUBLIC_CHAMBER = "public_chamber", _("public chamber")
    FOUNDATION = "foundation", _("foundation")
    BUSINESS = "business", _("business")
    INTERNATIONAL = "international", _("international organisation")


# Kinds that can have member organisations.
NETWORK_KINDS = frozenset({OrganisationKind.NETWORK, OrganisationKind.PUBLIC_CHAMBER})


class OrganisationStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")
    LIQUIDATED = "liquidated", _("liquidated")


class UnitKind(models.TextChoices):
    COMMITTEE = "committee", _("committee")
    DEPARTMENT = "department", _("department")
    COMMISSION = "commission", _("commission")
    CHAMBER = "chamber", _("chamber")
    BRANCH = "branch", _("branch")
    WORKING_GROUP = "working_group", _("working group")
    OTHER = "other", _("other")


class MembershipType(models.TextChoices):
    FULL = "full", _("full member")
    ASSOCIATE = "associate", _("associate member")
