"""Shapes of events, their programme and registrations in /api/v1/events/.

Serializers only shape input and output; the services check every rule. A participant's check-in code is shown to
that participant only — the organisers' view of registrations leaves it out.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from civicbridge.core.text import LANGUAGES as LANGS
from civicbridge.grants.api.serializers.base import status_field

from .. import models as m
from ..choices import EventKind, EventStatus, QuestionKind, RegistrationStatus, SpeakerRole

CODES = serializers.ListField(child=serializers.CharField())


def _translated(*names: str) -> list[str]:
    return [f"{name}_{lang}" for name in names for lang in LANGS]


class OrganiserSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="organisation_id", read_only=True)
    name = serializers.CharField(source="organisation.name", read_only=True)
    country = serializers.CharField(source="organisation.country_id", read_only=True, allow_null=True)

    class Meta:
        model = m.EventOrganiser
        fields = ["id", "name", "country", "is_lead"]
        read_only_fields = fields


class EventSerializer(serializers.ModelSerializer):
    """An event: `title` etc. in the reader's language (else the original); times in UTC with the event's zone."""

    kind = status_field(EventKind)
    status = status_field(EventStatus)
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    series = serializers.CharField(read_only=True)
    address = serializers.CharField(read_only=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    organisers = OrganiserSerializer(source="organiser_links", many=True, read_only=True)
    themes = serializers.SerializerMethodField(help_text=_("Theme codes."))
    country = serializers.CharField(source="country_id", read_only=True, allow_null=True)
    region = serializers.CharField(source="region_id", read_only=True, allow_null=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = m.Event
        fields = [
            "id",
            "kind",
            "status",
            "title",
            "summary",
            "series",
            "series_number",
            "original_language",
            "languages",
            "organisers",
            "themes",
            "country",
            "region",
            "address",
            "venue",
            "online_url",
            "starts_at",
            "ends_at",
            "time_zone",
            "registration_enabled",
            "capacity",
            "registration_closes_at",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(CODES)
    def get_themes(self, event: m.Event) -> list[str]:
        return [theme.code for theme in event.themes.all()]


class SpeakerSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    position_title = serializers.CharField(read_only=True, help_text=_("The post as worded at the time."))
    role = status_field(SpeakerRole)

    class Meta:
        model = m.Speaker
        fields = ["person", "person_name", "position", "position_title", "role", "order"]
        read_only_fields = fields


class SessionSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    speakers = SpeakerSerializer(many=True, read_only=True)

    class Meta:
        model = m.Session
        fields = ["id", "title", "description", "starts_at", "ends_at", "room", "order", "speakers"]
        read_only_fields = fields


class QuestionSerializer(serializers.ModelSerializer):
    text = serializers.CharField(read_only=True)
    kind = status_field(QuestionKind)
    options = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = m.RegistrationQuestion
        fields = ["id", "text", "kind", "options", "required", "order"]
        read_only_fields = fields


class EventDetailSerializer(EventSerializer):
    """An event with every language version, its programme and registration questions."""

    description = serializers.CharField(read_only=True)
    sessions = SessionSerializer(many=True, read_only=True)
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [
            *EventSerializer.Meta.fields,
            "description",
            *_translated("title", "summary", "description"),
            "sessions",
            "questions",
        ]
        read_only_fields = fields


class AnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.Answer
        fields = ["question", "value"]
        read_only_fields = fields


class RegistrationSerializer(serializers.ModelSerializer):
    """The user's own registration, with the check-in code (for a confirmed seat)."""

    event_title = serializers.CharField(source="event.title", read_only=True)
    status = status_field(RegistrationStatus)
    answers = AnswerSerializer(many=True, read_only=True)
    checkin_code = serializers.SerializerMethodField(help_text=_("Shown for a confirmed seat only."))

    class Meta:
        model = m.Registration
        fields = ["id", "event", "event_title", "status", "created_at", "checked_in_at", "checkin_code", "answers"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_checkin_code(self, registration: m.Registration) -> str | None:
        return registration.checkin_code if registration.status == "confirmed" else None


class ParticipantSerializer(serializers.ModelSerializer):
    """A registration as the organisers see it (no check-in code)."""

    answers = AnswerSerializer(many=True, read_only=True)
    status = status_field(RegistrationStatus)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True, allow_null=True)

    class Meta:
        model = m.Registration
        fields = [
            "id",
            "event",
            "name",
            "email",
            "organisation",
            "organisation_name",
            "status",
            "created_at",
            "checked_in_at",
            "answers",
        ]
        read_only_fields = fields


class RegisterSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        default=dict,
        help_text=_('Answers by question id: text, "yes"/"no", one option, or a list of options.'),
    )


class CheckInSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=300, help_text=_("The participant's code, or the scanned check-in link."))


class CheckInResultSerializer(serializers.Serializer):
    registration = ParticipantSerializer()
    already = serializers.BooleanField(help_text=_("Was already checked in before."))
