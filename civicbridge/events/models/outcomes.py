"""Outcomes of an event: the closing report, and the resolutions and commitments followed up until done."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicbridge.core.models import TimeStampedModel
from civicbridge.registry.models import Organisation

from ..choices import CommitmentKind, CommitmentStatus


class Outcome(TimeStampedModel):
    """The closing report of an event: summary (in each of the event's languages), attendance, who was there."""

    event = models.OneToOneField(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="outcome"
    )
    original_language = models.CharField(_("original language"), max_length=5, choices=settings.LANGUAGES, default="ru")
    # Translated (ru/kk/en columns, see translation.py).
    summary = models.TextField(_("summary"), blank=True)
    attendance = models.PositiveIntegerField(
        _("attendance"), null=True, blank=True, help_text=_("Left empty, the number checked in is used.")
    )
    organisations_present = models.ManyToManyField(
        Organisation, verbose_name=_("organisations present"), blank=True, related_name="event_outcomes"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("closing report")
        verbose_name_plural = _("closing reports")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["published_at"], name="outcome_published")]

    def __str__(self) -> str:
        return str(self.event)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Commitment(TimeStampedModel):
    """A resolution or commitment of an event, with the organisation responsible for it, followed up until done."""

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="commitments"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CommitmentKind.choices, default=CommitmentKind.COMMITMENT)
    original_language = models.CharField(_("original language"), max_length=5, choices=settings.LANGUAGES, default="ru")
    # Translated (ru/kk/en columns, see translation.py).
    text = models.TextField(_("text"))
    responsible = models.ForeignKey(
        Organisation, verbose_name=_("responsible organisation"), on_delete=models.PROTECT, related_name="commitments"
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=CommitmentStatus.choices, default=CommitmentStatus.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("resolution or commitment")
        verbose_name_plural = _("resolutions and commitments")
        ordering = ["event", "due_on", "id"]
        indexes = [
            models.Index(fields=["responsible", "status", "due_on"], name="commitment_responsible"),
            models.Index(fields=["status", "due_on"], name="commitment_status_due"),
        ]
        constraints = [
            # A commitment has a date it is due; a resolution may have none.
            models.CheckConstraint(
                condition=~Q(kind=CommitmentKind.COMMITMENT) | Q(due_on__isnull=False), name="commitment_has_due_date"
            ),
            models.CheckConstraint(
                condition=~Q(status=CommitmentStatus.DONE) | Q(done_on__isnull=False), name="commitment_done_has_date"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("events:commitment", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)

    @property
    def is_overdue(self) -> bool:
        """Past its due date and neither done nor dropped (selectors annotate `overdue` for lists and filters)."""
        annotated = self.__dict__.get("overdue")
        if annotated is not None:
            return bool(annotated)
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()
