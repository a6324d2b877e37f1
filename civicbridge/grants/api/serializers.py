"""Shapes of state-support records in /api/v1/grants/. Serializers only shape input; services check the rest.

Money is a decimal string with the currency beside it. An application never carries its score, its reviews or the
names of its experts (experts are blind to each other; applicants see the decision, not the review).
"""

from __future__ import annotations

from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from civicbridge.registry.models import Country, LegalForm, Organisation, Person, Region, Theme

from .. import models as m
from ..choices import ApplicationStatus, BudgetCategory, CallStatus, Currency, Instrument, Level, ReviewStatus
from ..selectors.results import OPEN_DATA_FIELDS

LANGS = ("ru", "kk", "en")
LOCALISED = _("In the language of the request, with fallback.")


def translated(*fields: str) -> list[str]:
    """The per-language columns of translated fields: name → name_ru, name_kk, name_en."""
    return [f"{field}_{lang}" for field in fields for lang in LANGS]


def _codes(objects) -> list[str]:
    return [obj.code for obj in objects]


def status_field(choices) -> serializers.CharField:
    """A read-only status, its values listed in the description rather than as an enum component: several models
    have a `status` and drf-spectacular would otherwise need settings overrides to name their enums apart."""
    values = ", ".join(str(value) for value in choices.values)
    return serializers.CharField(read_only=True, help_text=format_lazy(_("One of: {values}."), values=values))


# --- programmes and calls -------------------------------------------------------------------------------------------


class ProgrammeSerializer(serializers.ModelSerializer):
    """A support programme of a funder, with its instrument, level, currency and budget."""

    name = serializers.CharField(read_only=True, help_text=LOCALISED)
    description = serializers.CharField(read_only=True)
    priorities = serializers.CharField(read_only=True)
    funder_name = serializers.CharField(source="funder.name", read_only=True)
    operator_name = serializers.CharField(source="operator.name", read_only=True, allow_null=True, default=None)
    country = serializers.CharField(source="country_id", read_only=True, allow_null=True)
    region = serializers.CharField(source="region_id", read_only=True, allow_null=True)
    themes = serializers.SerializerMethodField(help_text=_("Theme codes."))

    class Meta:
        model = m.Programme
        fields = [
            "id",
            "name",
            *translated("name"),
            "description",
            "priorities",
            "funder",
            "funder_name",
            "operator",
            "operator_name",
            "instrument",
            "level",
            "country",
            "region",
            "themes",
            "currency",
            "budget",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_themes(self, programme: m.Programme) -> list[str]:
        return _codes(programme.themes.all())


def _text(**kwargs) -> serializers.CharField:
    return serializers.CharField(required=False, allow_blank=True, **kwargs)


class ProgrammeWriteSerializer(serializers.Serializer):
    """What those who run a programme write; the service checks the rest (the funder must be theirs)."""

    name_ru = _text(max_length=300)
    name_kk = _text(max_length=300)
    name_en = _text(max_length=300)
    description_ru = _text()
    description_kk = _text()
    description_en = _text()
    priorities_ru = _text()
    priorities_kk = _text()
    priorities_en = _text()
    funder = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False)
    operator = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False, allow_null=True)
    instrument = serializers.ChoiceField(choices=Instrument.choices, required=False)
    level = serializers.ChoiceField(choices=Level.choices, required=False)
    country = serializers.SlugRelatedField(
        slug_field="code", queryset=Country.objects.all(), required=False, allow_null=True
    )
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), required=False, allow_null=True
    )
    currency = serializers.ChoiceField(choices=Currency.choices, required=False)
    budget = serializers.DecimalField(max_digits=16, decimal_places=2, required=False)
    is_active = serializers.BooleanField(required=False)
    themes = serializers.SlugRelatedField(
        slug_field="code", queryset=Theme.objects.all(), many=True, required=False, help_text=_("Theme codes.")
    )


class SizeBandSerializer(serializers.ModelSerializer):
    """A request-size band: applications are ranked within it against its own pass mark."""

    name = serializers.CharField(read_only=True, help_text=LOCALISED)

    class Meta:
        model = m.SizeBand
        fields = ["id", "name", "min_amount", "max_amount", "pass_mark"]
        read_only_fields = fields


class DurationTermSerializer(serializers.ModelSerializer):
    """A project length the call accepts."""

    name = serializers.CharField(read_only=True, help_text=LOCALISED)

    class Meta:
        model = m.DurationTerm
        fields = ["id", "name", "min_months", "max_months"]
        read_only_fields = fields


class CriterionSerializer(serializers.ModelSerializer):
    """One criterion of the rubric: weight, scale and what the marks mean."""

    name = serializers.CharField(read_only=True, help_text=LOCALISED)
    descriptors = serializers.CharField(read_only=True, help_text=LOCALISED)

    class Meta:
        model = m.Criterion
        fields = ["id", "order", "name", "descriptors", "weight", "scale_min", "scale_max"]
        read_only_fields = fields


class RequiredDocumentSerializer(serializers.ModelSerializer):
    """A document applicants attach; `mandatory` ones are needed to submit."""

    name = serializers.CharField(read_only=True, help_text=LOCALISED)

    class Meta:
        model = m.RequiredDocument
        fields = ["id", "code", "name", "mandatory"]
        read_only_fields = fields


class EligibilitySerializer(serializers.Serializer):
    """A call's eligibility rules; an empty list means "any"."""

    countries = serializers.ListField(child=serializers.CharField(), help_text=_("ISO 3166-1 alpha-2 codes."))
    regions = serializers.ListField(child=serializers.CharField(), help_text=_("ISO 3166-2 codes."))
    legal_forms = serializers.ListField(child=serializers.CharField(), help_text=_("Legal form codes."))
    kinds = serializers.ListField(child=serializers.CharField(), help_text=_("Kinds of organisation."))
    min_age_months = serializers.IntegerField(allow_null=True)
    refuse_overdue_reports = serializers.BooleanField()
    max_active_grants = serializers.IntegerField(allow_null=True)


class CallSerializer(serializers.ModelSerializer):
    """A call as a list row shows it. `phase` (upcoming, open, closed) comes from the clock, to the second."""

    name = serializers.CharField(read_only=True, help_text=LOCALISED)
    programme_name = serializers.CharField(source="programme.name", read_only=True)
    funder = serializers.IntegerField(source="programme.funder_id", read_only=True)
    funder_name = serializers.CharField(source="programme.funder.name", read_only=True)
    instrument = serializers.CharField(source="programme.instrument", read_only=True)
    level = serializers.CharField(source="programme.level", read_only=True)
    currency = serializers.CharField(source="programme.currency", read_only=True)
    status = status_field(CallStatus)
    phase = serializers.SerializerMethodField(help_text=_("upcoming, open or closed, computed from the dates now."))
    themes = serializers.SerializerMethodField(help_text=_("Theme codes."))

    class Meta:
        model = m.Call
        fields = [
            "id",
            "code",
            "name",
            "programme",
            "programme_name",
            "funder",
            "funder_name",
            "instrument",
            "level",
            "status",
            "phase",
            "opens_at",
            "closes_at",
            "budget",
            "currency",
            "min_cofinancing_percent",
            "themes",
        ]
        read_only_fields = fields

    def get_phase(self, call: m.Call) -> str:
        return call.phase()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_themes(self, call: m.Call) -> list[str]:
        return _codes(call.themes.all())


class CallDetailSerializer(CallSerializer):
    """A call with everything an applicant needs: bands, terms, eligibility, rubric, documents, review settings."""

    description = serializers.CharField(read_only=True, help_text=LOCALISED)
    priorities = serializers.CharField(read_only=True, help_text=LOCALISED)
    bands = SizeBandSerializer(many=True, read_only=True)
    duration_terms = DurationTermSerializer(many=True, read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)
    required_documents = RequiredDocumentSerializer(many=True, read_only=True)
    eligibility = serializers.SerializerMethodField()

    class Meta(CallSerializer.Meta):
        fields = [
            *CallSerializer.Meta.fields,
            *translated("name"),
            "description",
            *translated("description"),
            "priorities",
            *translated("priorities"),
            "bands",
            "duration_terms",
            "eligibility",
            "submission_languages",
            "criteria",
            "required_documents",
            "experts_per_application",
            "divergence_threshold",
            "review_deadline",
            "results_published_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(EligibilitySerializer)
    def get_eligibility(self, call: m.Call) -> dict[str, Any]:
        return {
            "countries": [country.pk for country in call.eligible_countries.all()],
            "regions": [region.pk for region in call.eligible_regions.all()],
            "legal_forms": _codes(call.eligible_legal_forms.all()),
            "kinds": list(call.eligible_kinds or []),
            "min_age_months": call.min_age_months,
            "refuse_overdue_reports": call.refuse_overdue_reports,
            "max_active_grants": call.max_active_grants,
        }


class _PartSerializer(serializers.Serializer):
    """A row of a call's part: `id` keeps (updates) an existing row; rows left out are removed."""

    id = serializers.IntegerField(required=False, help_text=_("An existing row's id; leave out for a new row."))
    name_ru = _text(max_length=300)
    name_kk = _text(max_length=300)
    name_en = _text(max_length=300)


class BandInSerializer(_PartSerializer):
    min_amount = serializers.DecimalField(max_digits=16, decimal_places=2, required=False)
    max_amount = serializers.DecimalField(max_digits=16, decimal_places=2, required=False)
    pass_mark = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)


class TermInSerializer(_PartSerializer):
    min_months = serializers.IntegerField(required=False)
    max_months = serializers.IntegerField(required=False)


class CriterionInSerializer(_PartSerializer):
    descriptors_ru = _text()
    descriptors_kk = _text()
    descriptors_en = _text()
    weight = serializers.DecimalField(max_digits=6, decimal_places=2, required=False)
    scale_min = serializers.IntegerField(required=False)
    scale_max = serializers.IntegerField(required=False)


class DocumentInSerializer(_PartSerializer):
    code = _text(max_length=40)
    mandatory = serializers.BooleanField(required=False)


class CallWriteSerializer(serializers.Serializer):
    """A call's fields and parts as those who run it write them. Lists given replace the call's rows whole;
    what may still change depends on the call's stage (the service says what it refuses, and why)."""

    code = _text(max_length=40, help_text=_("Short stable code, e.g. kz-2027-1"))
    name_ru = _text(max_length=300)
    name_kk = _text(max_length=300)
    name_en = _text(max_length=300)
    description_ru = _text()
    description_kk = _text()
    description_en = _text()
    priorities_ru = _text()
    priorities_kk = _text()
    priorities_en = _text()
    opens_at = serializers.DateTimeField(required=False, help_text=_("With its time zone (ISO 8601)."))
    closes_at = serializers.DateTimeField(required=False, help_text=_("The instant it closes, with its time zone."))
    budget = serializers.DecimalField(max_digits=16, decimal_places=2, required=False)
    min_cofinancing_percent = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)
    eligible_kinds = serializers.ListField(child=serializers.CharField(), required=False)
    min_age_months = serializers.IntegerField(required=False, allow_null=True)
    refuse_overdue_reports = serializers.BooleanField(required=False)
    max_active_grants = serializers.IntegerField(required=False, allow_null=True)
    submission_languages = serializers.ListField(child=serializers.CharField(max_length=5), required=False)
    experts_per_application = serializers.IntegerField(required=False)
    divergence_threshold = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)
    review_deadline = serializers.DateTimeField(required=False, allow_null=True)
    themes = serializers.SlugRelatedField(
        slug_field="code", queryset=Theme.objects.all(), many=True, required=False, help_text=_("Theme codes.")
    )
    eligible_countries = serializers.SlugRelatedField(
        slug_field="code", queryset=Country.objects.all(), many=True, required=False
    )
    eligible_regions = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), many=True, required=False
    )
    eligible_legal_forms = serializers.SlugRelatedField(
        slug_field="code", queryset=LegalForm.objects.all(), many=True, required=False
    )
    bands = BandInSerializer(many=True, required=False)
    terms = TermInSerializer(many=True, required=False)
    criteria = CriterionInSerializer(many=True, required=False)
    documents = DocumentInSerializer(many=True, required=False)
    rubric_preset = serializers.CharField(
        required=False, help_text=_("Replace the criteria with a preset rubric (see the call form for the codes).")
    )


class CallCreateSerializer(CallWriteSerializer):
    """A new draft call of a programme the user runs."""

    programme = serializers.PrimaryKeyRelatedField(queryset=m.Programme.objects.all())


# --- applications ---------------------------------------------------------------------------------------------------


class TaskSerializer(serializers.ModelSerializer):
    """A task of the project; activities name it by `order`."""

    class Meta:
        model = m.Task
        fields = ["id", "order", "text"]
        read_only_fields = ["id"]


class ActivitySerializer(serializers.ModelSerializer):
    """An activity with its dates, tied to one task (by the task's `order` on input)."""

    task = serializers.IntegerField(source="task.order", allow_null=True, required=False, help_text=_("Task order."))

    class Meta:
        model = m.Activity
        fields = ["id", "task", "title", "starts_on", "ends_on"]
        read_only_fields = ["id"]


class IndicatorSerializer(serializers.ModelSerializer):
    """An expected result with its target."""

    class Meta:
        model = m.Indicator
        fields = ["id", "name", "unit", "target"]
        read_only_fields = ["id"]


class PartnerSerializer(serializers.ModelSerializer):
    """A partner organisation from the registry and its role."""

    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = m.ApplicationPartner
        fields = ["id", "organisation", "organisation_name", "role"]
        read_only_fields = ["id"]


class TeamMemberSerializer(serializers.ModelSerializer):
    """A member of the project team (a registry person when known)."""

    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), allow_null=True, required=False)

    class Meta:
        model = m.TeamMember
        fields = ["id", "full_name", "role", "person"]
        read_only_fields = ["id"]


class BudgetLineSerializer(serializers.ModelSerializer):
    """A budget line: unit cost × quantity = total = requested + co-financing (checked when submitting)."""

    category = serializers.ChoiceField(choices=BudgetCategory.choices)
    total = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)

    class Meta:
        model = m.BudgetLine
        fields = ["id", "category", "item", "unit_cost", "quantity", "requested", "cofinancing", "total"]
        read_only_fields = ["id", "total"]


class DocumentSerializer(serializers.ModelSerializer):
    """An attached document: which required document it answers, and where to download it (permission-checked)."""

    required_document = serializers.CharField(
        source="required_document.code", read_only=True, allow_null=True, default=None
    )
    name = serializers.CharField(source="file.original_name", read_only=True)
    kind = serializers.CharField(source="file.kind", read_only=True)
    size = serializers.IntegerField(source="file.size", read_only=True)
    url = serializers.CharField(source="file.url", read_only=True)

    class Meta:
        model = m.ApplicationDocument
        fields = ["id", "required_document", "name", "kind", "size", "url"]
        read_only_fields = fields


class EligibilityCheckSerializer(serializers.ModelSerializer):
    """One rule's recorded result, with its reason."""

    class Meta:
        model = m.EligibilityCheck
        fields = ["rule", "passed", "reason", "checked_at"]
        read_only_fields = fields


class ApplicationSerializer(serializers.ModelSerializer):
    """An application as a list row shows it (never a score)."""

    call = serializers.CharField(source="call.code", read_only=True, help_text=_("The call's code."))
    call_name = serializers.CharField(source="call.name", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    currency = serializers.CharField(source="call.programme.currency", read_only=True)
    status = status_field(ApplicationStatus)

    class Meta:
        model = m.Application
        fields = [
            "id",
            "call",
            "call_name",
            "organisation",
            "organisation_name",
            "status",
            "title",
            "requested_amount",
            "cofinancing_amount",
            "currency",
            "receipt_number",
            "submitted_at",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ApplicationDetailSerializer(ApplicationSerializer):
    """An application with all its parts: what the applicant, the call's runners and its assigned experts read."""

    themes = serializers.SerializerMethodField(help_text=_("Theme codes."))
    region = serializers.CharField(source="region_id", read_only=True, allow_null=True)
    band = serializers.IntegerField(source="band_id", read_only=True, allow_null=True)
    band_name = serializers.CharField(source="band.name", read_only=True, allow_null=True, default=None)
    tasks = TaskSerializer(many=True, read_only=True)
    activities = ActivitySerializer(many=True, read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)
    partners = PartnerSerializer(many=True, read_only=True)
    team = TeamMemberSerializer(many=True, read_only=True)
    budget_lines = BudgetLineSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)

    class Meta(ApplicationSerializer.Meta):
        fields = [
            *ApplicationSerializer.Meta.fields,
            "language",
            "summary",
            "problem",
            "target_groups",
            "goal",
            "themes",
            "region",
            "starts_on",
            "ends_on",
            "band",
            "band_name",
            "tasks",
            "activities",
            "indicators",
            "partners",
            "team",
            "budget_lines",
            "documents",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_themes(self, application: m.Application) -> list[str]:
        return _codes(application.themes.all())


class TaskInSerializer(serializers.Serializer):
    text = _text(max_length=500)


class ActivityInSerializer(serializers.Serializer):
    task = serializers.IntegerField(required=False, allow_null=True, help_text=_("The task's number (1, 2, …)."))
    title = _text(max_length=500)
    starts_on = serializers.DateField(required=False, allow_null=True)
    ends_on = serializers.DateField(required=False, allow_null=True)


class IndicatorInSerializer(serializers.Serializer):
    name = _text(max_length=300)
    unit = _text(max_length=60)
    target = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)


class PartnerInSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    role = _text(max_length=300)


class TeamMemberInSerializer(serializers.Serializer):
    full_name = _text(max_length=300)
    role = _text(max_length=300)
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)


class BudgetLineInSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=BudgetCategory.choices)
    item = _text(max_length=300)
    unit_cost = serializers.DecimalField(max_digits=16, decimal_places=2, required=False, allow_null=True)
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    requested = serializers.DecimalField(max_digits=16, decimal_places=2, required=False, allow_null=True)
    cofinancing = serializers.DecimalField(max_digits=16, decimal_places=2, required=False, allow_null=True)


class ApplicationDraftSerializer(serializers.Serializer):
    """What an applicant writes in a draft. Lists replace the draft's parts wholesale; omitted ones stay."""

    version = serializers.IntegerField(
        required=False, help_text=_("The version the edit started from; a stale one is refused.")
    )
    language = serializers.CharField(max_length=5, required=False)
    title = serializers.CharField(max_length=300, required=False)
    summary = serializers.CharField(required=False, allow_blank=True)
    problem = serializers.CharField(required=False, allow_blank=True)
    target_groups = serializers.CharField(required=False, allow_blank=True)
    goal = serializers.CharField(required=False, allow_blank=True)
    themes = serializers.SlugRelatedField(
        slug_field="code", queryset=Theme.objects.all(), many=True, required=False, help_text=_("Theme codes.")
    )
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), required=False, allow_null=True, help_text=_("ISO 3166-2.")
    )
    starts_on = serializers.DateField(required=False, allow_null=True)
    ends_on = serializers.DateField(required=False, allow_null=True)
    tasks = TaskInSerializer(many=True, required=False)
    activities = ActivityInSerializer(many=True, required=False)
    indicators = IndicatorInSerializer(many=True, required=False)
    partners = PartnerInSerializer(many=True, required=False)
    team = TeamMemberInSerializer(many=True, required=False)
    budget_lines = BudgetLineInSerializer(many=True, required=False)


class ApplicationCreateSerializer(ApplicationDraftSerializer):
    """A new draft for one of the organisations the user acts for."""

    call = serializers.SlugRelatedField(slug_field="code", queryset=m.Call.objects.all(), help_text=_("Call code."))
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    title = serializers.CharField(max_length=300)


class ReasonSerializer(serializers.Serializer):
    """Why (kept in the history)."""

    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class DocumentUploadSerializer(serializers.Serializer):
    """A file to attach, and the code of the required document it answers (none: an extra document)."""

    file = serializers.FileField()
    required_document = serializers.CharField(required=False, allow_blank=True, help_text=_("Required document code."))


class ProblemSerializer(serializers.Serializer):
    """One thing that stops a draft from being submitted."""

    field = serializers.CharField()
    message = serializers.CharField()


# --- reviews --------------------------------------------------------------------------------------------------------


class ScoreSerializer(serializers.ModelSerializer):
    """The mark given to one criterion, with the expert's comment."""

    criterion = serializers.PrimaryKeyRelatedField(queryset=m.Criterion.objects.all())

    class Meta:
        model = m.Score
        fields = ["criterion", "value", "comment"]


class ReviewSerializer(serializers.ModelSerializer):
    """A review as the expert's queue shows it."""

    application_title = serializers.CharField(source="application.title", read_only=True)
    receipt_number = serializers.CharField(source="application.receipt_number", read_only=True, allow_null=True)
    call = serializers.CharField(source="application.call.code", read_only=True)
    call_name = serializers.CharField(source="application.call.name", read_only=True)
    status = status_field(ReviewStatus)

    class Meta:
        model = m.Review
        fields = [
            "id",
            "expert",
            "application",
            "application_title",
            "receipt_number",
            "call",
            "call_name",
            "status",
            "is_extra",
            "due_at",
            "submitted_at",
            "total",
        ]
        read_only_fields = fields


class ReviewDetailSerializer(ReviewSerializer):
    """One review: the application it is about, the call's rubric and this review's own marks (never another's)."""

    application_detail = ApplicationDetailSerializer(source="application", read_only=True)
    criteria = CriterionSerializer(source="application.call.criteria", many=True, read_only=True)
    scores = ScoreSerializer(many=True, read_only=True)

    class Meta(ReviewSerializer.Meta):
        fields = [*ReviewSerializer.Meta.fields, "comment", "criteria", "scores", "application_detail"]
        read_only_fields = fields


class ReviewWriteSerializer(serializers.Serializer):
    """The marks of a review in progress: every criterion may be given at once or a few at a time."""

    scores = ScoreSerializer(many=True, required=False)
    comment = serializers.CharField(required=False, allow_blank=True)


# --- ranking and results --------------------------------------------------------------------------------------------


class RankedApplicationSerializer(serializers.Serializer):
    """One application in its band's ranking, and where the budget line falls."""

    application = serializers.IntegerField(source="id")
    rank = serializers.IntegerField(allow_null=True, help_text=_("In its band; null until it has a score."))
    receipt_number = serializers.CharField(allow_null=True)
    title = serializers.CharField()
    organisation_name = serializers.CharField(help_text=_("The applicant's name."))
    status = serializers.CharField()
    score = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    min_total = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, help_text=_("The lowest single review total (tie-break).")
    )
    review_count = serializers.IntegerField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    requested = serializers.DecimalField(max_digits=16, decimal_places=2)
    passes = serializers.BooleanField(help_text=_("At or above the band's pass mark."))
    funded = serializers.BooleanField(help_text=_("Above the budget line in the cut-off simulation."))
    cumulative = serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, help_text=_("Funded total up to and including this one.")
    )


class RankedBandSerializer(serializers.Serializer):
    """One band's ranking (scored applications in order) and the applications still without a score."""

    band = serializers.IntegerField(source="band.pk", allow_null=True, default=None)
    name = serializers.CharField(source="band.name", allow_null=True, default=None)
    pass_mark = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    passing = serializers.IntegerField()
    funded_amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    applications = RankedApplicationSerializer(source="rows", many=True)
    unscored = RankedApplicationSerializer(many=True)


class RankingSerializer(serializers.Serializer):
    """A call's ranking per band and the budget cut-off simulation (order: score, lowest review total, earlier
    submission, lower id; passing applications funded in that order until one does not fit)."""

    call = serializers.CharField(source="call.code")
    currency = serializers.CharField(source="call.programme.currency")
    budget = serializers.DecimalField(max_digits=16, decimal_places=2)
    funded_total = serializers.DecimalField(max_digits=16, decimal_places=2)
    remaining = serializers.DecimalField(max_digits=16, decimal_places=2)
    line_after = serializers.IntegerField(allow_null=True, help_text=_("The last application funded."))
    first_below = serializers.IntegerField(allow_null=True, help_text=_("The first passing one that did not fit."))
    bands = RankedBandSerializer(many=True)


class BudgetParameterSerializer(serializers.Serializer):
    budget = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0, required=False)


class ResultSerializer(serializers.Serializer):
    """One winner of a call whose results are published: the fields of the open-data export (CSV/JSON)."""

    call_code = serializers.CharField()
    call_name = serializers.CharField()
    programme = serializers.CharField()
    funder = serializers.CharField()
    instrument = serializers.CharField()
    level = serializers.CharField()
    results_published_at = serializers.CharField(allow_null=True)
    receipt_number = serializers.CharField()
    project_title = serializers.CharField()
    organisation = serializers.CharField()
    organisation_id = serializers.IntegerField()
    bin = serializers.CharField(allow_null=True)
    inn = serializers.CharField(allow_null=True)
    country = serializers.CharField()
    region = serializers.CharField(allow_null=True)
    themes = serializers.ListField(child=serializers.CharField())
    band = serializers.CharField(allow_null=True)
    score = serializers.CharField(allow_null=True)
    requested_amount = serializers.CharField()
    awarded_amount = serializers.CharField()
    currency = serializers.CharField()
    protocol_number = serializers.CharField()
    decided_on = serializers.CharField()

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for field in OPEN_DATA_FIELDS:
            fields[field.name].help_text = field.description
        return fields
