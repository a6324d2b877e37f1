"""Public shapes of citizens' issues in /api/v1/: never a contact, an account or a staff member's name.

A hidden issue's title reads «Hidden by a moderator: <reason>» and its text and answer are empty; `text` is the
moderator's edited public text when there is one.
"""

from __future__ import annotations

from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..choices import AppealStatus, HideReason
from ..models import Appeal, Category
from ..selectors import public as selectors

STATUSES = format_lazy(_("One of: {values}."), values=", ".join(AppealStatus.values))


class CategorySerializer(serializers.ModelSerializer):
    """A category of issues: its names, theme and how many days the responsible party has to answer."""

    theme = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text=_("Theme code."))

    class Meta:
        model = Category
        fields = ["code", "name", "name_ru", "name_kk", "name_en", "theme", "response_days"]
        read_only_fields = fields


class AppealSerializer(serializers.ModelSerializer):
    """An issue in a list: its public title, status, category, place, who answers, dates and supporters."""

    title = serializers.SerializerMethodField(help_text=_("«Hidden by a moderator: …» when a moderator hid it."))
    status = serializers.CharField(read_only=True, help_text=STATUSES)
    category = serializers.CharField(source="category.code", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    theme = serializers.CharField(source="theme.code", read_only=True, allow_null=True, default=None)
    country = serializers.CharField(source="country_id", read_only=True)
    region = serializers.CharField(source="region_id", read_only=True, allow_null=True)
    region_name = serializers.CharField(source="region.name", read_only=True, allow_null=True, default=None)
    event = serializers.IntegerField(source="event_id", read_only=True, allow_null=True)
    responsible = serializers.IntegerField(source="responsible_id", read_only=True, allow_null=True)
    responsible_name = serializers.CharField(source="responsible.name", read_only=True, allow_null=True, default=None)
    public_name = serializers.SerializerMethodField(
        help_text=_("The name the citizen chose to show; blank if anonymous.")
    )
    is_overdue = serializers.BooleanField(read_only=True)
    is_hidden = serializers.SerializerMethodField()
    hidden_reason = serializers.SerializerMethodField(
        help_text=format_lazy(_("One of: {values}; blank."), values=", ".join(HideReason.values))
    )
    merged_into = serializers.IntegerField(source="merged_into_id", read_only=True, allow_null=True)

    class Meta:
        model = Appeal
        fields = [
            "id",
            "title",
            "status",
            "category",
            "category_name",
            "theme",
            "country",
            "region",
            "region_name",
            "event",
            "channel",
            "responsible",
            "responsible_name",
            "public_name",
            "created_at",
            "due_at",
            "is_overdue",
            "answered_at",
            "supporters_count",
            "merged_into",
            "is_hidden",
            "hidden_reason",
        ]
        read_only_fields = fields

    def get_title(self, appeal: Appeal) -> str:
        return selectors.public_title(appeal)

    def get_public_name(self, appeal: Appeal) -> str:
        return selectors.public_author(appeal)

    def get_is_hidden(self, appeal: Appeal) -> bool:
        return appeal.hidden_at is not None

    def get_hidden_reason(self, appeal: Appeal) -> str:
        return appeal.hidden_reason if appeal.hidden_at else ""


class StepSerializer(serializers.Serializer):
    """One status change of the issue (no names of people)."""

    at = serializers.DateTimeField()
    action = serializers.CharField(help_text=_("accept, start, answer, decline, reopen, merge …"))
    status = serializers.CharField(source="target", help_text=STATUSES)
    reason = serializers.CharField(help_text=_("Given for a decline or a merge; blank otherwise."))


class TransferSerializer(serializers.Serializer):
    """One step of the routing trail: sent or passed on from one organisation to another, with the reason."""

    at = serializers.DateTimeField()
    from_organisation = serializers.IntegerField(source="from_organisation.pk", allow_null=True, default=None)
    from_organisation_name = serializers.CharField(source="from_organisation.name", allow_null=True, default=None)
    to_organisation = serializers.IntegerField(source="to_organisation.pk")
    to_organisation_name = serializers.CharField(source="to_organisation.name")
    reason = serializers.CharField()


class AppealDetailSerializer(AppealSerializer):
    """An issue with its public text, the answer, its status history, its transfers and the issues merged into it."""

    text = serializers.SerializerMethodField(help_text=_("The public text (personal data removed); empty if hidden."))
    answer = serializers.SerializerMethodField()
    answered_by_organisation = serializers.IntegerField(
        source="answered_by_organisation_id", read_only=True, allow_null=True
    )
    answered_by_organisation_name = serializers.CharField(
        source="answered_by_organisation.name", read_only=True, allow_null=True, default=None
    )
    language = serializers.CharField(read_only=True)
    history = serializers.SerializerMethodField()
    transfers = serializers.SerializerMethodField()
    merged = serializers.SerializerMethodField(help_text=_("Ids of the issues merged into this one."))

    class Meta(AppealSerializer.Meta):
        fields = [
            *AppealSerializer.Meta.fields,
            "text",
            "language",
            "answer",
            "answered_by_organisation",
            "answered_by_organisation_name",
            "accepted_at",
            "reopened_count",
            "updated_at",
            "history",
            "transfers",
            "merged",
        ]
        read_only_fields = fields

    def get_text(self, appeal: Appeal) -> str:
        return selectors.public_body(appeal)

    def get_answer(self, appeal: Appeal) -> str:
        return selectors.public_answer(appeal)

    def _steps(self, appeal: Appeal) -> list:
        cache = self.context.setdefault("_steps", {})
        if appeal.pk not in cache:
            cache[appeal.pk] = selectors.public_history(appeal, list(appeal.transfers.all()))
        return cache[appeal.pk]

    @extend_schema_field(StepSerializer(many=True))
    def get_history(self, appeal: Appeal) -> list[dict[str, Any]]:
        return StepSerializer([s for s in self._steps(appeal) if s.kind == "status"], many=True).data

    @extend_schema_field(TransferSerializer(many=True))
    def get_transfers(self, appeal: Appeal) -> list[dict[str, Any]]:
        return TransferSerializer([s for s in self._steps(appeal) if s.kind == "transfer"], many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_merged(self, appeal: Appeal) -> list[int]:
        return list(appeal.merged.order_by("id").values_list("id", flat=True))
