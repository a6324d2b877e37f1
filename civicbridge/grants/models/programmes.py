"""Programmes and their calls: the rules a call sets (dates, bands, durations, eligibility, rubric, documents)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicbridge.core.models import TimeStampedModel
from civicbridge.core.workflow import phase_of
from civicbridge.registry.models import Country, LegalForm, Organisation, Region, Theme

from ..choices import CallStatus, Currency, Instrument, Level

MONEY = {"max_digits": 16, "decimal_places": 2}
PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]
# The widest marking scale a rubric may use (0–100). Explicit, so the API schema states the same range on every
# database (otherwise each backend's integer range would leak into it).
MARK_MAX = 100
MARK_RANGE = [MaxValueValidator(MARK_MAX)]


class Programme(TimeStampedModel):
    """A support programme of a funder (ministry, grant operator, foundation, network): grant, social order, award."""

    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    priorities = models.TextField(_("priorities"), blank=True)
    funder = models.ForeignKey(
        Organisation, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="funded_programmes"
    )
    operator = models.ForeignKey(
        Organisation,
        verbose_name=_("grant operator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="operated_programmes",
        help_text=_("The organisation that runs the calls for the funder, if any."),
    )
    instrument = models.CharField(_("instrument"), max_length=24, choices=Instrument.choices, default=Instrument.GRANT)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.NATIONAL)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="grant_programmes")
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.KZT)
    budget = models.DecimalField(_("budget"), **MONEY, validators=[MinValueValidator(Decimal(0))])
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("grant programme")
        verbose_name_plural = _("grant programmes")
        ordering = ["-created_at", "id"]
        constraints = [models.CheckConstraint(condition=Q(budget__gte=0), name="programme_budget_nonnegative")]

    def __str__(self) -> str:
        return self.name or self.name_ru

    def get_absolute_url(self) -> str:
        return reverse("grants:programme-detail", args=[self.pk])

    @property
    def run_by_ids(self) -> set[int]:
        """The organisations whose operators and officials run this programme's calls."""
        return {self.funder_id, *([self.operator_id] if self.operator_id else [])}


class Call(TimeStampedModel):
    """One round of a programme: open from `opens_at` until the instant `closes_at` (stored in UTC)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="calls"
    )
    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("Short stable code, e.g. kz-2027-1"))
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    priorities = models.TextField(_("priorities"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    budget = models.DecimalField(_("budget"), **MONEY, validators=[MinValueValidator(Decimal(0))])
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="grant_calls")
    min_cofinancing_percent = models.DecimalField(
        _("minimum co-financing, %"), max_digits=5, decimal_places=2, default=Decimal(0), validators=PERCENT
    )
    # Eligibility rules. Empty sets mean "any".
    eligible_countries = models.ManyToManyField(
        Country, verbose_name=_("eligible countries"), blank=True, related_name="+"
    )
    eligible_regions = models.ManyToManyField(Region, verbose_name=_("eligible regions"), blank=True, related_name="+")
    eligible_legal_forms = models.ManyToManyField(
        LegalForm, verbose_name=_("eligible legal forms"), blank=True, related_name="+"
    )
    eligible_kinds = models.JSONField(_("eligible kinds of organisation"), default=list, blank=True)
    min_age_months = models.PositiveSmallIntegerField(_("minimum months since registration"), null=True, blank=True)
    refuse_overdue_reports = models.BooleanField(_("refuse applicants with overdue grant reports"), default=True)
    max_active_grants = models.PositiveSmallIntegerField(_("at most this many active grants"), null=True, blank=True)
    submission_languages = models.JSONField(_("submission languages"), default=list, blank=True)
    # Expert review.
    experts_per_application = models.PositiveSmallIntegerField(
        _("experts per application"), default=2, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    divergence_threshold = models.DecimalField(
        _("divergence threshold (points of 100)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(25),
        validators=PERCENT,
        help_text=_("When two reviews' totals differ by more than this, one more expert is assigned."),
    )
    review_deadline = models.DateTimeField(_("review deadline"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    receipt_sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at", "id"]
        indexes = [models.Index(fields=["status", "closes_at"], name="call_status_closes_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="call_closes_after_opening"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="call_budget_nonnegative"),
            models.CheckConstraint(
                condition=Q(min_cofinancing_percent__gte=0) & Q(min_cofinancing_percent__lte=100),
                name="call_cofinancing_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.name_ru

    def get_absolute_url(self) -> str:
        return reverse("grants:call-detail", args=[self.code])

    @property
    def currency(self) -> str:
        return self.programme.currency

    def phase(self, now=None) -> str:
        """upcoming / open / closed, from the dates and the instant `now` (a draft or cancelled call is never open)."""
        if self.status in (CallStatus.DRAFT, CallStatus.CANCELLED):
            return "closed" if self.status == CallStatus.CANCELLED else "upcoming"
        return phase_of(now or timezone.now(), self.opens_at, self.closes_at)

    def is_open(self, now=None) -> bool:
        return self.phase(now) == "open"


class SizeBand(models.Model):
    """A request-size band of a call: applications are ranked within their band, against its own pass mark."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="bands")
    name = models.CharField(_("name"), max_length=120)
    min_amount = models.DecimalField(_("minimum"), **MONEY)
    max_amount = models.DecimalField(_("maximum"), **MONEY)
    pass_mark = models.DecimalField(
        _("pass mark (of 100)"), max_digits=5, decimal_places=2, default=Decimal(60), validators=PERCENT
    )

    class Meta:
        verbose_name = _("size band")
        verbose_name_plural = _("size bands")
        ordering = ["call", "min_amount"]
        constraints = [
            models.CheckConstraint(condition=Q(max_amount__gte=F("min_amount")), name="band_max_not_below_min"),
            models.CheckConstraint(condition=Q(min_amount__gte=0), name="band_min_nonnegative"),
            models.CheckConstraint(condition=Q(pass_mark__gte=0) & Q(pass_mark__lte=100), name="band_pass_mark_range"),
        ]

    def __str__(self) -> str:
        return self.name


class DurationTerm(models.Model):
    """A project length a call accepts (e.g. short-term 3–12 months); a project must fit one of its call's terms."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="duration_terms")
    name = models.CharField(_("name"), max_length=120)
    min_months = models.PositiveSmallIntegerField(_("from, months"))
    max_months = models.PositiveSmallIntegerField(_("to, months"))

    class Meta:
        verbose_name = _("duration term")
        verbose_name_plural = _("duration terms")
        ordering = ["call", "min_months"]
        constraints = [
            models.CheckConstraint(condition=Q(max_months__gte=F("min_months")), name="term_max_not_below_min"),
            models.CheckConstraint(condition=Q(min_months__gte=1), name="term_at_least_a_month"),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """One criterion of a call's rubric: its weight and its scale; descriptors say what the marks mean."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    name = models.CharField(_("name"), max_length=300)
    descriptors = models.TextField(_("descriptors"), blank=True, help_text=_("What low, middle and high marks mean."))
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, default=Decimal(1), validators=[MinValueValidator(Decimal("0.01"))]
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest mark"), default=0, validators=MARK_RANGE)
    scale_max = models.PositiveSmallIntegerField(_("highest mark"), default=10, validators=MARK_RANGE)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["call", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "order"], name="criterion_order_unique"),
            models.CheckConstraint(condition=Q(scale_max__gt=F("scale_min")), name="criterion_scale_range"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class RequiredDocument(models.Model):
    """A document a call asks applicants to attach (charter, budget justification, letters of support)."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="required_documents")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    mandatory = models.BooleanField(_("mandatory"), default=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["call", "id"]
        constraints = [models.UniqueConstraint(fields=["call", "code"], name="required_document_code_unique")]

    def __str__(self) -> str:
        return self.name
