"""Programmes and calls: what the public reads and what those who run them write."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from civicbridge.registry.models import Country, LegalForm, Organisation, Region, Theme

from ... import models as m
from ...choices import CallStatus, Currency, Instrument, Level
from .base import LOCALISED, codes, optional_text, status_field, translated


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
        return codes(programme.themes.all())


class ProgrammeWriteSerializer(serializers.Serializer):
    """What those who run a programme write; the service checks the rest (the funder must be theirs)."""

    name_ru = optional_text(max_length=300)
    name_kk = optional_text(max_length=300)
    name_en = optional_text(max_length=300)
    description_ru = optional_text()
    description_kk = optional_text()
    description_en = optional_text()
    priorities_ru = optional_text()
    priorities_kk = optional_text()
    priorities_en = optional_text()
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
        return codes(call.themes.all())


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
            "legal_forms": codes(call.eligible_legal_forms.all()),
            "kinds": list(call.eligible_kinds or []),
            "min_age_months": call.min_age_months,
            "refuse_overdue_reports": call.refuse_overdue_reports,
            "max_active_grants": call.max_active_grants,
        }


class _PartSerializer(serializers.Serializer):
    """A row of a call's part: `id` keeps (updates) an existing row; rows left out are removed."""

    id = serializers.IntegerField(required=False, help_text=_("An existing row's id; leave out for a new row."))
    name_ru = optional_text(max_length=300)
    name_kk = optional_text(max_length=300)
    name_en = optional_text(max_length=300)


class BandInSerializer(_PartSerializer):
    min_amount = serializers.DecimalField(max_digits=16, decimal_places=2, required=False)
    max_amount = serializers.DecimalField(max_digits=16, decimal_places=2, required=False)
    pass_mark = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)


class TermInSerializer(_PartSerializer):
    min_months = serializers.IntegerField(required=False)
    max_months = serializers.IntegerField(required=False)


class CriterionInSerializer(_PartSerializer):
    descriptors_ru = optional_text()
    descriptors_kk = optional_text()
    descriptors_en = optional_text()
    weight = serializers.DecimalField(max_digits=6, decimal_places=2, required=False)
    scale_min = serializers.IntegerField(required=False)
    scale_max = serializers.IntegerField(required=False)


class DocumentInSerializer(_PartSerializer):
    code = optional_text(max_length=40)
    mandatory = serializers.BooleanField(required=False)


class CallWriteSerializer(serializers.Serializer):
    """A call's fields and parts as those who run it write them. Lists given replace the call's rows whole;
    what may still change depends on the call's stage (the service says what it refuses, and why)."""

    code = optional_text(max_length=40, help_text=_("Short stable code, e.g. kz-2027-1"))
    name_ru = optional_text(max_length=300)
    name_kk = optional_text(max_length=300)
    name_en = optional_text(max_length=300)
    description_ru = optional_text()
    description_kk = optional_text()
    description_en = optional_text()
    priorities_ru = optional_text()
    priorities_kk = optional_text()
    priorities_en = optional_text()
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
