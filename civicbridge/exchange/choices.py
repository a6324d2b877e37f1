"""Fixed vocabularies of the exchange: statuses of practices, listings and partnership requests."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PracticeStatus(models.TextChoices):
    """A practice is written as a draft, moderated, then published (or returned to its authors with comments)."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("awaiting moderation")
    RETURNED = "returned", _("returned for changes")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class ListingKind(models.TextChoices):
    NEED = "need", _("need")
    OFFER = "offer", _("offer")


class ListingStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class RequestStatus(models.TextChoices):
    """A partnership request: sent by one organisation to another, then accepted, declined or withdrawn."""

    SENT = "sent", _("sent")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")
