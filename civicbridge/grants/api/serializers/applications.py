"""Applications: the list row, the whole application (never a score), and what an applicant writes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from civicbridge.registry.models import Organisation, Person, Region, Theme

from ... import models as m
from ...choices import ApplicationStatus, BudgetCategory
from .base import codes, optional_text, status_field


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
        return codes(application.themes.all())


class TaskInSerializer(serializers.Serializer):
    text = optional_text(max_length=500)


class ActivityInSerializer(serializers.Serializer):
    task = serializers.IntegerField(required=False, allow_null=True, help_text=_("The task's number (1, 2, …)."))
    title = optional_text(max_length=500)
    starts_on = serializers.DateField(required=False, allow_null=True)
    ends_on = serializers.DateField(required=False, allow_null=True)


class IndicatorInSerializer(serializers.Serializer):
    name = optional_text(max_length=300)
    unit = optional_text(max_length=60)
    target = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)


class PartnerInSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    role = optional_text(max_length=300)


class TeamMemberInSerializer(serializers.Serializer):
    full_name = optional_text(max_length=300)
    role = optional_text(max_length=300)
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)


class BudgetLineInSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=BudgetCategory.choices)
    item = optional_text(max_length=300)
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
