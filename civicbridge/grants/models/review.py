"""Expert review: the expert pool, declared conflicts, reviews (one per expert and application) and their scores."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civicbridge.core.models import TimeStampedModel
from civicbridge.registry.models import Region, Theme

from ..choices import ReviewStatus
from .applications import Application
from .programmes import MARK_RANGE, Criterion


class ExpertProfile(TimeStampedModel):
    """An expert of the pool: what they know (themes, regions, languages) and how many reviews they can take."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="expert_profile"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    regions = models.ManyToManyField(Region, verbose_name=_("regions"), blank=True, related_name="+")
    languages = models.JSONField(_("languages"), default=list, blank=True)
    max_load = models.PositiveSmallIntegerField(_("at most this many open reviews"), default=20)
    is_active = models.BooleanField(_("in the pool"), default=True)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("expert pool")
        ordering = ["user__email"]

    def __str__(self) -> str:
        return str(self.user)


class ConflictDeclaration(models.Model):
    """An expert's own declaration that they have a conflict of interest with an application."""

    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflict_declarations")
    reason = models.TextField(_("reason"))
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["expert", "application"], name="conflict_declaration_unique")]

    def __str__(self) -> str:
        return f"{self.expert} ✗ {self.application}"


class Review(TimeStampedModel):
    """One expert's review of one application. Submitted reviews are locked; experts never see each other's."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="grant_reviews"
    )
    status = models.CharField(_("status"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.ASSIGNED)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    comment = models.TextField(_("overall comment"), blank=True)
    # Weighted criteria normalised to 0–100, computed when the review is submitted.
    total = models.DecimalField(_("total (of 100)"), max_digits=6, decimal_places=2, null=True, blank=True)
    is_extra = models.BooleanField(_("extra review for diverging scores"), default=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["application", "id"]
        indexes = [
            models.Index(fields=["expert", "status"], name="review_expert_status_idx"),
            models.Index(fields=["status", "due_at"], name="review_status_due_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["application", "expert"], name="review_one_per_expert"),
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.SUBMITTED) | Q(total__isnull=False, submitted_at__isnull=False),
                name="review_submitted_has_total",
            ),
            models.CheckConstraint(
                condition=Q(total__isnull=True) | Q(total__gte=0, total__lte=100), name="review_total_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} / {self.expert}"


class Score(models.Model):
    """The mark an expert gave one criterion, with their comment."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(_("mark"), validators=MARK_RANGE)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["review", "criterion__order"]
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="score_one_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
