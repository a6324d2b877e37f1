"""Fixed vocabularies of citizens' issues: statuses, how an issue came in, why a moderator hid it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppealStatus(models.TextChoices):
    """new → accepted → in progress → answered, or declined with a reason (docs/appeals.md)."""

    NEW = "new", _("new")
    ACCEPTED = "accepted", _("accepted")
    IN_PROGRESS = "in_progress", _("in progress")
    ANSWERED = "answered", _("answered")
    DECLINED = "declined", _("declined")


#: Statuses in which the responsible party still owes an answer (counted for deadlines).
OPEN_STATUSES = (AppealStatus.NEW, AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS)


class Channel(models.TextChoices):
    MEETING = "meeting", _("raised at a meeting")
    ONLINE = "online", _("sent online")
    OTHER = "other", _("by mail or phone")


class HideReason(models.TextChoices):
    ABUSIVE = "abusive", _("abusive content")
    PERSONAL_DATA = "personal_data", _("personal data")
    OFF_TOPIC = "off_topic", _("off topic")
