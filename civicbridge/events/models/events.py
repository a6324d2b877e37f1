"""Events (forums, round tables, regional meetings, delegation visits, trainings, conferences) and their programme."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civicbridge.core.models import TimeStampedModel
from civicbridge.registry.models import Country, Organisation, Person, Position, Region, Theme

from ..choices import EventKind, EventStatus, SpeakerRole


def default_languages() -> list[str]:
    return ["ru"]


class Event(TimeStampedModel):
    """An event with one or more organisers (possibly in different countries), a place or an online link."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)
    title = models.CharField(_("title"), max_length=300)  # translated
    summary = models.TextField(_("summary"), blank=True)  # translated
    description = models.TextField(_("description"), blank=True)  # translated
    original_language = models.CharField(_("original language"), max_length=5, choices=settings.LANGUAGES, default="ru")
    languages = models.JSONField(_("languages"), default=default_languages)
    series = models.CharField(_("series"), max_length=200, blank=True)  # translated
    series_number = models.PositiveSmallIntegerField(_("number in the series"), null=True, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="events")
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    address = models.CharField(_("address"), max_length=300, blank=True)  # translated
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Almaty")
    registration_enabled = models.BooleanField(_("registration open"), default=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty: unlimited."))
    registration_closes_at = models.DateTimeField(_("registration closes at"), null=True, blank=True)
    organisers = models.ManyToManyField(
        Organisation, verbose_name=_("organisers"), through="EventOrganiser", related_name="organised_events"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="event_status_start"),
            models.Index(fields=["kind", "status", "starts_at"], name="event_kind_status_start"),
            models.Index(fields=["region", "starts_at"], name="event_region_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=EventKind.FORUM) | Q(series_number__isnull=False), name="event_forum_has_number"
            ),
            models.CheckConstraint(
                condition=Q(country__isnull=False) | ~Q(online_url=""), name="event_place_or_online"
            ),
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event", args=[self.pk])


class EventOrganiser(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="organiser_links")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="event_organiser_links"
    )
    is_lead = models.BooleanField(_("lead organiser"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        ordering = ["-is_lead", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "organisation"], name="event_organiser_unique")]

    def __str__(self) -> str:
        return str(self.organisation)


class Session(models.Model):
    """A part of the programme: a plenary, a panel, a workshop — with its time, room and speakers."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=300)  # translated
    description = models.TextField(_("description"), blank=True)  # translated
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="session_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title


class Speaker(models.Model):
    """A registry person speaking at a session, with the post they held then (kept as worded at the time)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="talks")
    position = models.ForeignKey(
        Position, verbose_name=_("position"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position_title = models.CharField(_("position at the time"), max_length=500, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="speaker_unique_per_session")]

    def __str__(self) -> str:
        return str(self.person)
