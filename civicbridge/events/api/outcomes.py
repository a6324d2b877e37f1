"""API of delegations (read), closing reports (read; write for organisers) and commitments (list with filters,
record and change for organisers, status actions for the responsible organisation and the organisers).

Thin over the same services, selectors and rules as the pages; drafts' records are 404 for those who may not see them.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from civicbridge.core.api import ModelViewSet, ReadOnlyModelViewSet
from civicbridge.core.api_support import validated

from .. import models as m
from ..choices import EventStatus
from ..forms.delegations import DelegationFilterForm
from ..forms.outcomes import CommitmentFilterForm
from ..selectors import delegations as delegation_selectors
from ..selectors import outcomes as selectors
from ..services import outcomes as services
from . import serializers_outcomes as s


def _filters(form_class, request: Request) -> dict:
    form = form_class(request.query_params)
    if not form.is_valid():
        raise exceptions.ValidationError({field: list(errors) for field, errors in form.errors.items()})
    return form.filters()


def _visible(queryset: QuerySet, user, path: str = "event") -> QuerySet:
    """Records of events anyone may read, plus drafts of the events the user organises (via the rule, per row)."""
    from ..selectors.events import visible_events

    return queryset.filter(**{f"{path}__in": visible_events(user).values("pk")})


@extend_schema_view(
    list=extend_schema(
        summary=_("Delegation visits"),
        parameters=[
            OpenApiParameter("host_country", str, description=_("Hosted in this country (ISO 3166-1 code).")),
            OpenApiParameter("visitor_country", str, description=_("Visitors from this country (ISO 3166-1 code).")),
            OpenApiParameter("year", OpenApiTypes.INT, description=_("The year of the visit.")),
        ],
    ),
    retrieve=extend_schema(summary=_("A delegation: hosts, visitors, members and the programme of visits")),
)
class DelegationViewSet(ReadOnlyModelViewSet):
    """Delegations of delegation visits (read only; organisers write them on the event's pages)."""

    serializer_class = s.DelegationSerializer

    def get_queryset(self) -> QuerySet[m.Delegation]:
        rows = delegation_selectors.delegations_with_everything().order_by("-event__starts_at", "-id")
        if self.action == "list":
            events = delegation_selectors.public_delegation_visits(_filters(DelegationFilterForm, self.request))
            return rows.filter(event__in=events.values("pk"))
        return _visible(rows, self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary=_("Published closing reports"),
        parameters=[OpenApiParameter("event", OpenApiTypes.INT, description=_("One event's report."))],
    ),
    retrieve=extend_schema(summary=_("A closing report (published, or a draft for the event's organisers)")),
    create=extend_schema(
        summary=_("Write the closing report of an event (organisers); again to change it"),
        request=s.OutcomeWriteSerializer,
        responses={201: s.OutcomeSerializer},
    ),
)
class OutcomeViewSet(ModelViewSet):
    """Closing reports. Writing one for an event that has one changes it; publish and withdraw are actions."""

    serializer_class = s.OutcomeSerializer
    http_method_names = ["get", "post", "head", "options"]
    create_checked_by_service = True  # the rule is asked about the event
    permission_map = {
        "create": "events.change_outcome",
        "publish": "events.change_outcome",
        "withdraw": "events.change_outcome",
    }

    def get_queryset(self) -> QuerySet[m.Outcome]:
        rows = m.Outcome.objects.select_related("event").prefetch_related("organisations_present__country")
        if self.action == "list":
            rows = rows.filter(published_at__isnull=False).exclude(event__status=EventStatus.DRAFT)
            event = self.request.query_params.get("event")
            if event:
                if not event.isdigit():
                    raise exceptions.ValidationError({"event": [_("Enter a whole number.")]})
                rows = rows.filter(event_id=int(event))
            return rows.order_by("-published_at", "-id")
        return _visible(rows, self.request.user)  # and get_object asks events.view_outcome: drafts for organisers

    def get_object(self):
        outcome = super().get_object()
        if not self.request.user.has_perm("events.view_outcome", outcome):
            raise exceptions.NotFound()
        return outcome

    def _detail(self, outcome: m.Outcome, code: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=outcome.pk)
        return Response(self.get_serializer(fresh).data, code)

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = validated(s.OutcomeWriteSerializer, request.data)
        event = data.pop("event")
        if not request.user.has_perm("events.view_event", event):
            raise exceptions.NotFound()
        fields = {k: data.pop(k) for k in list(data) if k.startswith("summary_")}
        existed = m.Outcome.objects.filter(event=event).exists()
        outcome = services.outcome_save(actor=request.user, event=event, fields=fields, **data)
        return self._detail(outcome, 200 if existed else 201)

    @extend_schema(summary=_("Publish the closing report (the event over, a summary in each of its languages)"))
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(services.outcome_publish(actor=request.user, outcome=self.get_object()))

    @extend_schema(summary=_("Withdraw the closing report from the public pages"))
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(services.outcome_withdraw(actor=request.user, outcome=self.get_object()))


COMMITMENT_PARAMETERS = [
    OpenApiParameter("status", str, description=_("In this status only: planned, in_progress, done or dropped.")),
    OpenApiParameter("kind", str, description=_("Resolutions or commitments only: resolution or commitment.")),
    OpenApiParameter("responsible", OpenApiTypes.INT, description=_("The responsible organisation's number.")),
    OpenApiParameter("event", OpenApiTypes.INT, description=_("One event's.")),
    OpenApiParameter("overdue", OpenApiTypes.BOOL, description=_("Overdue only: past due, neither done nor dropped.")),
]


@extend_schema_view(
    list=extend_schema(summary=_("Resolutions and commitments of events"), parameters=COMMITMENT_PARAMETERS),
    retrieve=extend_schema(summary=_("A resolution or commitment")),
    create=extend_schema(
        summary=_("Record a resolution or commitment (organisers of the event)"),
        request=s.CommitmentWriteSerializer,
        responses={201: s.CommitmentSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Change a resolution or commitment (organisers of the event)"),
        request=s.CommitmentWriteSerializer,
        responses=s.CommitmentSerializer,
    ),
)
class CommitmentViewSet(ModelViewSet):
    """Resolutions and commitments across events, soonest due first, overdue ones flagged."""

    serializer_class = s.CommitmentSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_checked_by_service = True
    permission_map = {
        "create": "events.add_commitment",
        "partial_update": "events.change_commitment",
        **dict.fromkeys(services.COMMITMENT_ACTIONS, "events.update_commitment"),
    }

    def get_queryset(self) -> QuerySet[m.Commitment]:
        if self.action == "list":
            return selectors.public_commitments(_filters(CommitmentFilterForm, self.request))
        return _visible(m.Commitment.objects.select_related("event", "responsible"), self.request.user)

    def _detail(self, commitment: m.Commitment, code: int = 200) -> Response:
        fresh = m.Commitment.objects.select_related("event", "responsible").get(pk=commitment.pk)
        return Response(self.get_serializer(fresh).data, code)

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = validated(s.CommitmentWriteSerializer, request.data)
        event = data.pop("event")
        if not request.user.has_perm("events.view_event", event):
            raise exceptions.NotFound()
        if "responsible" not in data:
            raise exceptions.ValidationError({"responsible": [_("Name the organisation responsible.")]})
        fields = {k: data.pop(k) for k in list(data) if k.startswith("text_")}
        commitment = services.commitment_create(actor=request.user, event=event, fields=fields, **data)
        return self._detail(commitment, 201)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        commitment = self.get_object()
        data = validated(s.CommitmentWriteSerializer, request.data, partial=True)
        if "event" in data and data.pop("event").pk != commitment.event_id:
            raise exceptions.ValidationError({"event": [_("A commitment cannot move to another event.")]})
        fields = {k: data.pop(k) for k in list(data) if k.startswith("text_")}
        services.commitment_update(actor=request.user, commitment=commitment, fields=fields, **data)
        return self._detail(commitment)

    def _act(self, request: Request, name: str) -> Response:
        commitment = self.get_object()
        data = validated(s.CommitmentActionSerializer, request.data)
        saved = services.commitment_act(
            actor=request.user,
            commitment=commitment,
            action=name,
            reason=data.get("reason", ""),
            done_on=data.get("done_on"),
        )
        return self._detail(saved)

    @extend_schema(summary=_("Start work on a commitment"), request=s.CommitmentActionSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "start")

    @extend_schema(summary=_("Mark a commitment as done"), request=s.CommitmentActionSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "complete")

    @extend_schema(summary=_("Drop a commitment (with a reason)"), request=s.CommitmentActionSerializer)
    @action(detail=True, methods=["post"])
    def drop(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "drop")

    @extend_schema(
        summary=_("Reopen a done or dropped commitment (with a reason)"), request=s.CommitmentActionSerializer
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "reopen")


def register(router) -> None:
    """Add the endpoints to the /api/v1/ router."""
    router.register("events/delegations", DelegationViewSet, basename="events-delegation")
    router.register("events/outcomes", OutcomeViewSet, basename="events-outcome")
    router.register("events/commitments", CommitmentViewSet, basename="events-commitment")
