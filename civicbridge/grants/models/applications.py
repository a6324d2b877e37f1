"""Applications and their structured parts (tasks, activities, indicators, partners, team, budget, documents)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civicbridge.core.models import TimeStampedModel
from civicbridge.registry.models import Organisation, Person, Region, Theme

from ..choices import ApplicationStatus, BudgetCategory, EligibilityRule
from .programmes import MONEY, Call, RequiredDocument, SizeBand


class Application(TimeStampedModel):
    """An organisation's request to a call. A draft is edited freely; once submitted it is an immutable snapshot."""

    # Its attached files follow the application's own rules (civicbridge.files); without these they would be public.
    file_view_perm = "grants.view_application"
    file_attach_perm = "grants.change_application"

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="grant_applications"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    language = models.CharField(_("language of the application"), max_length=5, default="ru")
    title = models.CharField(_("project title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    problem = models.TextField(_("problem"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    region = models.ForeignKey(
        Region,
        verbose_name=_("region of the project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(_("project start"), null=True, blank=True)
    ends_on = models.DateField(_("project end"), null=True, blank=True)
    # Totals are derived from the budget lines when the application is submitted (services.applications).
    requested_amount = models.DecimalField(_("requested amount"), **MONEY, default=Decimal(0))
    cofinancing_amount = models.DecimalField(_("co-financing"), **MONEY, default=Decimal(0))
    band = models.ForeignKey(
        SizeBand, verbose_name=_("size band"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    receipt_number = models.CharField(_("receipt number"), max_length=40, null=True, blank=True, unique=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    snapshot = models.JSONField(_("submitted snapshot"), null=True, blank=True, editable=False)
    # Mean of the submitted reviews' totals (0–100), kept in step by the review service for fast ranking.
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    review_count = models.PositiveSmallIntegerField(_("reviews submitted"), default=0)
    # Optimistic locking for drafts saved from two tabs: a save names the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "id"]
        indexes = [
            models.Index(fields=["call", "status"], name="application_call_status_idx"),
            models.Index(fields=["call", "band", "-score"], name="application_ranking_idx"),
            models.Index(fields=["organisation", "status"], name="application_org_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.DRAFT) | Q(receipt_number__isnull=False),
                name="application_submitted_has_receipt",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="application_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(requested_amount__gte=0) & Q(cofinancing_amount__gte=0),
                name="application_amounts_nonnegative",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_number or self.title

    def get_absolute_url(self) -> str:
        return reverse("grants:application-detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    @property
    def total_amount(self) -> Decimal:
        return self.requested_amount + self.cofinancing_amount


class Task(models.Model):
    """One task serving the project's goal; activities are tied to tasks."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(_("order"), default=1, validators=[MaxValueValidator(999)])
    text = models.CharField(_("task"), max_length=500)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["application", "order", "id"]

    def __str__(self) -> str:
        return self.text


class Activity(models.Model):
    """An activity of the project, with its dates, serving one task."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="activities")
    task = models.ForeignKey(Task, verbose_name=_("task"), null=True, blank=True, on_delete=models.SET_NULL)
    title = models.CharField(_("activity"), max_length=500)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["application", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="activity_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """An expected result as a measurable indicator with a target; reports record actuals against it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["application", "id"]
        constraints = [models.CheckConstraint(condition=Q(target__gte=0), name="indicator_target_nonnegative")]

    def __str__(self) -> str:
        return self.name


class ApplicationPartner(models.Model):
    """A partner organisation of the project (from the registry) and what it contributes."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="grant_partnerships"
    )
    role = models.CharField(_("role in the project"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["application", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "organisation"], name="application_partner_unique")
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class TeamMember(models.Model):
    """A member of the project team: a name and role (a registry person when known)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="team")
    full_name = models.CharField(_("full name"), max_length=300)
    role = models.CharField(_("role in the project"), max_length=300)
    person = models.ForeignKey(Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team")
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return self.full_name


class BudgetLine(models.Model):
    """One budget line: unit cost × quantity = total, split into the amount requested and co-financing."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=16, choices=BudgetCategory.choices)
    item = models.CharField(_("item"), max_length=300)
    unit_cost = models.DecimalField(_("unit cost"), **MONEY)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2)
    requested = models.DecimalField(_("requested"), **MONEY)
    cofinancing = models.DecimalField(_("co-financing"), **MONEY, default=Decimal(0))

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["application", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit_cost__gte=0) & Q(quantity__gt=0) & Q(requested__gte=0) & Q(cofinancing__gte=0),
                name="budget_line_amounts_nonnegative",
            ),
        ]

    def __str__(self) -> str:
        return self.item

    @property
    def total(self) -> Decimal:
        return (self.unit_cost * self.quantity).quantize(Decimal("0.01"))


class ApplicationDocument(models.Model):
    """An uploaded document of an application, answering one of the call's required documents (or an extra one)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    required_document = models.ForeignKey(
        RequiredDocument, verbose_name=_("document"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file = models.ForeignKey("files.StoredFile", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return str(self.file)


class EligibilityCheck(models.Model):
    """The recorded result of one eligibility rule for one application, with its reason."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="eligibility_checks")
    rule = models.CharField(_("rule"), max_length=20, choices=EligibilityRule.choices)
    passed = models.BooleanField(_("passed"))
    reason = models.TextField(_("reason"))
    checked_at = models.DateTimeField(_("checked"), auto_now=True)

    class Meta:
        verbose_name = _("eligibility check")
        verbose_name_plural = _("eligibility checks")
        ordering = ["application", "rule"]
        constraints = [models.UniqueConstraint(fields=["application", "rule"], name="eligibility_check_unique")]

    def __str__(self) -> str:
        return f"{self.rule}: {'✓' if self.passed else '✗'}"
