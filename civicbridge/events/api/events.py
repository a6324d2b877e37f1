"""API of events and registrations under /api/v1/events/: thin viewsets over the selectors and services.

Events are read by everyone (drafts by their organisers); a signed-in user registers and cancels their own
registration; organisers list their event's registrations and check participants in by code.
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from civicbridge.core.api import ReadOnlyModelViewSet
from civicbridge.core.api_support import refusable, validated
from civicbridge.core.permissions import require

from ..choices import EventKind
from ..models import Event, Registration
from ..selectors import events as selectors
from ..services import registration as services
from . import serializers_events as s


class EventFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices)
    country = django_filters.CharFilter(label=_("Country code"), field_name="country_id")
    region = django_filters.CharFilter(label=_("Region code"), field_name="region_id")
    theme = django_filters.CharFilter(label=_("Theme code"), field_name="themes__code", distinct=True)
    when = django_filters.ChoiceFilter(
        label=_("Upcoming or past"), choices=[("upcoming", _("upcoming")), ("past", _("past"))], method="filter_when"
    )

    class Meta:
        model = Event
        fields = ["kind", "country", "region", "theme", "when"]

    def filter_when(self, queryset, name, value):
        return selectors.filter_events(queryset, {"when": value})


@extend_schema_view(
    list=extend_schema(summary=_("Events: published, held and cancelled ones, plus your organisations' drafts")),
    retrieve=extend_schema(summary=_("An event with its organisers, programme (sessions, speakers) and questions")),
)
class EventViewSet(ReadOnlyModelViewSet):
    """Forums, round tables, regional meetings, delegation visits, trainings and conferences."""

    filterset_class = EventFilterSet
    permission_map = {
        "register": "events.register",
        "check_in": "events.check_in",
        "registrations": "events.view_participants",
    }

    def get_queryset(self) -> QuerySet[Event]:
        visible = selectors.visible_events(self.request.user)
        if self.action == "retrieve":
            return selectors.event_detail().filter(pk__in=visible.values("pk"))
        return selectors.with_parts(visible).order_by("starts_at", "id")

    def get_serializer_class(self):
        return s.EventDetailSerializer if self.action == "retrieve" else s.EventSerializer

    @extend_schema(
        summary=_("Register the signed-in user: a confirmed seat while there is room, else the waitlist"),
        request=s.RegisterSerializer,
        responses={201: s.RegistrationSerializer},
    )
    @action(detail=True, methods=["post"])
    def register(self, request: Request, pk: str | None = None) -> Response:
        event = self.get_object()
        answers = validated(s.RegisterSerializer, request.data)["answers"]
        registration = services.register(actor=request.user, event=event, answers=answers)
        return Response(s.RegistrationSerializer(registration).data, status=201)

    @extend_schema(
        summary=_("Check a participant in by their code (organisers); idempotent"),
        request=s.CheckInSerializer,
        responses=s.CheckInResultSerializer,
    )
    @action(detail=True, methods=["post"], url_path="check-in", url_name="check-in")
    def check_in(self, request: Request, pk: str | None = None) -> Response:
        event = self.get_object()
        code = validated(s.CheckInSerializer, request.data)["code"]
        registration, already = services.check_in(actor=request.user, event=event, code=code)
        return Response(s.CheckInResultSerializer({"registration": registration, "already": already}).data)

    @extend_schema(
        summary=_("The event's registrations with answers, in the order they came (organisers)"),
        responses=s.ParticipantSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def registrations(self, request: Request, pk: str | None = None) -> Response:
        event = get_object_or_404(Event, pk=pk)
        require(request.user, "events.view_participants", event)
        page = self.paginate_queryset(selectors.participants(event))
        return self.get_paginated_response(s.ParticipantSerializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(summary=_("My registrations")),
    retrieve=extend_schema(summary=_("One of my registrations, with its check-in code")),
)
class RegistrationViewSet(ReadOnlyModelViewSet):
    """The signed-in user's own registrations."""

    serializer_class = s.RegistrationSerializer
    read_perm = "events.view_registration"
    permission_map = {"cancel": "events.cancel_registration"}

    def get_queryset(self) -> QuerySet[Registration]:
        if not self.request.user.is_authenticated:
            return Registration.objects.none()
        return (
            Registration.objects.filter(user=self.request.user)
            .select_related("event")
            .prefetch_related("answers")
            .order_by("-created_at", "-id")
        )

    @extend_schema(
        summary=_("Cancel my registration: a freed seat goes to the first on the waitlist"),
        request=None,
        responses=refusable(s.RegistrationSerializer),
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        registration = services.registration_cancel(actor=request.user, registration=self.get_object())
        return Response(s.RegistrationSerializer(registration).data)


def register(router) -> None:
    """Add the endpoints to the /api/v1/ router."""
    router.register("events/events", EventViewSet, basename="events-event")
    router.register("events/registrations", RegistrationViewSet, basename="events-registration")
