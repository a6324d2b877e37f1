"""Shapes of delegations, closing reports and commitments in /api/v1/events/.

Serializers only shape input (types, numbers to records); the services check every rule.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from civicbridge.core.text import LANGUAGES as LANGS
from civicbridge.grants.api.serializers.base import status_field
from civicbridge.registry.models import Organisation

from .. import models as m
from ..choices import CommitmentKind, CommitmentStatus, DelegationRole

LANG_HELP = _("The language the text is written in: ru, kk or en.")
# A PositiveIntegerField's range on every database: SQLite would otherwise put 2^63 - 1 in the schema (and let a
# number through that PostgreSQL's integer column refuses with an error instead of a 400).
POSITIVE_INT_MAX = 2_147_483_647


def _translated(*names: str) -> list[str]:
    return [f"{name}_{lang}" for name in names for lang in LANGS]


class OrganisationRefSerializer(serializers.ModelSerializer):
    """An organisation of the registry, by number, name and country."""

    name = serializers.CharField(read_only=True)
    country = serializers.CharField(source="country_id", read_only=True, help_text=_("ISO 3166-1 code."))

    class Meta:
        model = Organisation
        fields = ["id", "name", "country"]
        ref_name = "EventsOrganisationRef"


# --- delegations ------------------------------------------------------------------------------------------------------


class DelegationMemberSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="person_id", read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    organisation = OrganisationRefSerializer(read_only=True, allow_null=True)
    role = status_field(DelegationRole)

    class Meta:
        model = m.DelegationMember
        fields = ["id", "person", "person_name", "organisation", "role", "order"]
        read_only_fields = ["order"]


class DelegationVisitSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True, help_text=_("In the reader's language, else the original."))
    notes = serializers.CharField(read_only=True)
    organisation = OrganisationRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = m.DelegationVisit
        fields = ["id", "title", *_translated("title"), "organisation", "starts_at", "ends_at", "address", "notes"]


class DelegationSerializer(serializers.ModelSerializer):
    """A delegation visit: the event, who hosts whom, why, the members and the programme of visits."""

    event_title = serializers.CharField(source="event.title", read_only=True)
    starts_at = serializers.DateTimeField(source="event.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="event.ends_at", read_only=True)
    purpose = serializers.CharField(read_only=True)
    hosts = OrganisationRefSerializer(many=True, read_only=True)
    visitors = OrganisationRefSerializer(many=True, read_only=True)
    members = DelegationMemberSerializer(many=True, read_only=True)
    visits = DelegationVisitSerializer(many=True, read_only=True)

    class Meta:
        model = m.Delegation
        fields = [
            "id",
            "event",
            "event_title",
            "starts_at",
            "ends_at",
            "purpose",
            *_translated("purpose"),
            "hosts",
            "visitors",
            "members",
            "visits",
        ]


# --- closing reports --------------------------------------------------------------------------------------------------


class OutcomeSerializer(serializers.ModelSerializer):
    """The closing report of an event: summary in each language, attendance, organisations present."""

    event_title = serializers.CharField(source="event.title", read_only=True)
    summary = serializers.CharField(read_only=True, help_text=_("In the reader's language, else the original."))
    organisations_present = OrganisationRefSerializer(many=True, read_only=True)
    original_language = serializers.CharField(read_only=True)
    attendance = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = m.Outcome
        fields = [
            "id",
            "event",
            "event_title",
            "original_language",
            "summary",
            *_translated("summary"),
            "attendance",
            "organisations_present",
            "published_at",
        ]


class OutcomeWriteSerializer(serializers.Serializer):
    """Write the closing report of an event (organisers); what is not sent stays as it is."""

    event = serializers.PrimaryKeyRelatedField(queryset=m.Event.objects.all(), help_text=_("The event's number."))
    original_language = serializers.CharField(required=False, max_length=5, help_text=LANG_HELP)
    attendance = serializers.IntegerField(min_value=0, max_value=POSITIVE_INT_MAX, required=False, allow_null=True)
    organisations_present = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), many=True, required=False, help_text=_("Registry numbers.")
    )

    def get_fields(self):
        fields = super().get_fields()
        for name in _translated("summary"):
            fields[name] = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
        return fields


# --- resolutions and commitments --------------------------------------------------------------------------------------


class CommitmentSerializer(serializers.ModelSerializer):
    """A resolution or a commitment: the event, the text, the responsible organisation, the dates and the status."""

    event_title = serializers.CharField(source="event.title", read_only=True)
    text = serializers.CharField(read_only=True, help_text=_("In the reader's language, else the original."))
    responsible = OrganisationRefSerializer(read_only=True)
    kind = status_field(CommitmentKind)
    status = status_field(CommitmentStatus)
    original_language = serializers.CharField(read_only=True)
    overdue = serializers.BooleanField(
        source="is_overdue", read_only=True, help_text=_("Past due, neither done nor dropped.")
    )

    class Meta:
        model = m.Commitment
        fields = [
            "id",
            "event",
            "event_title",
            "kind",
            "original_language",
            "text",
            *_translated("text"),
            "responsible",
            "due_on",
            "status",
            "done_on",
            "overdue",
            "note",
        ]


class CommitmentWriteSerializer(serializers.Serializer):
    """Record or change a resolution or commitment (organisers of the event)."""

    event = serializers.PrimaryKeyRelatedField(queryset=m.Event.objects.all(), help_text=_("The event's number."))
    kind = serializers.CharField(required=False, max_length=12, help_text=_("resolution or commitment."))
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, help_text=_("Registry number.")
    )
    due_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    original_language = serializers.CharField(required=False, max_length=5, help_text=LANG_HELP)

    def get_fields(self):
        fields = super().get_fields()
        for name in _translated("text"):
            fields[name] = serializers.CharField(required=False, allow_blank=True, max_length=5000)
        return fields


class CommitmentActionSerializer(serializers.Serializer):
    """A step of a commitment's workflow."""

    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text=_("Required to drop or to reopen.")
    )
    done_on = serializers.DateField(required=False, allow_null=True, help_text=_("For complete; default today."))
