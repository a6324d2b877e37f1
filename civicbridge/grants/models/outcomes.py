"""After review: the committee's decision, the agreement with its instalments, reports and their review."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civicbridge.core.models import TimeStampedModel

from ..choices import AgreementStatus, Outcome, ProjectRating, ReportKind, ReportStatus
from .applications import Application, BudgetLine, Indicator
from .programmes import MONEY


class Decision(TimeStampedModel):
    """The committee's decision on one application. One per application, enforced by the database."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    amount = models.DecimalField(_("amount awarded"), **MONEY, null=True, blank=True)
    reason = models.TextField(_("reason"))
    protocol_number = models.CharField(_("protocol number"), max_length=60)
    decided_on = models.DateField(_("date of the protocol"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(outcome=Outcome.AWARD) & Q(amount__isnull=False, amount__gt=0))
                | (~Q(outcome=Outcome.AWARD) & Q(amount__isnull=True)),
                name="decision_award_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"


class Agreement(TimeStampedModel):
    """The grant agreement of an awarded application, with instalments, reports and, at closing, a rating."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="agreement")
    number = models.CharField(_("agreement number"), max_length=60, unique=True)
    signed_on = models.DateField(_("signed"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    amount = models.DecimalField(_("amount"), **MONEY)
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.ACTIVE
    )
    rating = models.CharField(_("project rating"), max_length=14, choices=ProjectRating.choices, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="agreement_ends_after_start"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="agreement_amount_positive"),
            models.CheckConstraint(
                condition=Q(status=AgreementStatus.ACTIVE) | ~Q(rating=""), name="agreement_closed_is_rated"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("grants:agreement-detail", args=[self.pk])


class Instalment(models.Model):
    """One payment of an agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="instalments")
    order = models.PositiveSmallIntegerField(_("number"))
    due_on = models.DateField(_("due"))
    amount = models.DecimalField(_("amount"), **MONEY)
    paid_on = models.DateField(_("paid"), null=True, blank=True)

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["agreement", "order"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "order"], name="instalment_order_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="instalment_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} #{self.order}"


class Report(TimeStampedModel):
    """A milestone report of an agreement: narrative (indicator actuals) or financial (spending per budget line)."""

    # Supporting documents (files purpose "grants.report") follow the report's own rules.
    file_view_perm = "grants.view_agreement"
    file_attach_perm = "grants.submit_report"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DUE)
    narrative = models.TextField(_("what was done"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    review_comment = models.TextField(_("operator's comment"), blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["agreement", "due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="report_status_due_idx")]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("grants:report-detail", args=[self.pk])


class IndicatorActual(models.Model):
    """What a narrative report says an indicator reached."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="actuals")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="actuals")
    value = models.DecimalField(_("actual"), max_digits=14, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("indicator actual")
        verbose_name_plural = _("indicator actuals")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="actual_one_per_indicator"),
            models.CheckConstraint(condition=Q(value__gte=0), name="actual_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class Spending(models.Model):
    """What a financial report says was spent on one budget line."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="spending")
    budget_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="spending")
    spent = models.DecimalField(_("spent"), **MONEY, default=Decimal(0))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        constraints = [
            models.UniqueConstraint(fields=["report", "budget_line"], name="spending_one_per_line"),
            models.CheckConstraint(condition=Q(spent__gte=0), name="spending_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"{self.budget_line}: {self.spent}"
