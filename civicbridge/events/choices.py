"""Fixed vocabularies of events: kinds and statuses of events, registrations, questions and speakers.

The vocabularies of delegations and outcomes follow those of events and registration.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    FORUM = "forum", _("forum")
    ROUND_TABLE = "round_table", _("round table")
    REGIONAL_MEETING = "regional_meeting", _("regional meeting with citizens")
    DELEGATION_VISIT = "delegation_visit", _("delegation visit")
    TRAINING = "training", _("training or webinar")
    CONFERENCE = "conference", _("conference")


class EventStatus(models.TextChoices):
    """An event is prepared as a draft, published (registration opens), then completed or cancelled with a reason."""

    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CANCELLED = "cancelled", _("cancelled")
    COMPLETED = "completed", _("completed")


class RegistrationStatus(models.TextChoices):
    """A seat is confirmed while there is room, else waitlisted; a cancelled seat promotes the oldest waitlisted."""

    CONFIRMED = "confirmed", _("confirmed")
    WAITLISTED = "waitlisted", _("on the waitlist")
    CANCELLED = "cancelled", _("cancelled")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("text")
    CHOICE = "choice", _("one choice")
    MULTIPLE = "multiple", _("several choices")
    YES_NO = "yes_no", _("yes or no")


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("speaker")
    MODERATOR = "moderator", _("moderator")


# --- Delegations and outcomes ---


class DelegationRole(models.TextChoices):
    HEAD = "head", _("head of the delegation")
    MEMBER = "member", _("member")
    COORDINATOR = "coordinator", _("coordinator")
    INTERPRETER = "interpreter", _("interpreter")
    EXPERT = "expert", _("expert")


class CommitmentKind(models.TextChoices):
    RESOLUTION = "resolution", _("resolution")
    COMMITMENT = "commitment", _("commitment")


class CommitmentStatus(models.TextChoices):
    """Planned → in progress → done, or dropped with a reason; a done or dropped one may be reopened."""

    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")
