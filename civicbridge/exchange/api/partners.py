"""API of needs and offers, match suggestions, partnership requests and partnerships (thin over the same services,
selectors and rules as the pages). Lists are scoped to what the user may see, so what they may not read is 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from civicbridge.core.api import AuditedViewSetMixin, ModelViewSet
from civicbridge.core.api_support import refusable, validated
from civicbridge.core.permissions import require
from civicbridge.registry.models import Organisation

from .. import models as m
from ..forms.partners import ListingFilterForm
from ..matching import suggest_partners
from ..selectors import partners as selectors
from ..services import listings as listing_services
from ..services import partnerships as services
from . import serializers_partners as s

LISTING_PARAMETERS = [
    OpenApiParameter("kind", str, enum=["need", "offer"], description=_("Needs or offers only.")),
    OpenApiParameter("theme", str, description=_("A theme code.")),
    OpenApiParameter("country", str, description=_("An ISO 3166-1 code.")),
    OpenApiParameter("region", str, description=_("An ISO 3166-2 code.")),
    OpenApiParameter("language", str, description=_("A working language code.")),
    OpenApiParameter("cross_border", str, enum=["yes", "no"], description=_("Ready to work across borders.")),
]


def _listing_filters(request: Request) -> dict:
    form = ListingFilterForm(request.query_params)
    if not form.is_valid():
        raise exceptions.ValidationError({field: list(errors) for field, errors in form.errors.items()})
    return form.filters()


@extend_schema_view(
    list=extend_schema(summary=_("Open needs and offers"), parameters=LISTING_PARAMETERS),
    retrieve=extend_schema(summary=_("A need or an offer")),
    create=extend_schema(
        summary=_("Post a need or an offer (editors of the organisation)"),
        request=s.ListingWriteSerializer,
        responses={201: s.ListingSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Change a need or an offer (editors of its organisation)"),
        request=s.ListingWriteSerializer,
        responses=s.ListingSerializer,
    ),
)
class ListingViewSet(ModelViewSet):
    """Needs and offers. The list shows open ones; an organisation's editors also read its closed ones."""

    serializer_class = s.ListingSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_checked_by_service = True  # the rule is asked about the organisation
    permission_map = {"close": "exchange.close_listing", "reopen": "exchange.close_listing"}

    def get_queryset(self) -> QuerySet[m.Listing]:
        if self.action == "list":
            return selectors.public_listings(_listing_filters(self.request))
        return selectors.visible_listings(self.request.user)

    def _detail(self, listing: m.Listing, status: int = 200) -> Response:
        return Response(
            self.get_serializer(selectors.visible_listings(self.request.user).get(pk=listing.pk)).data, status
        )

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = validated(s.ListingWriteSerializer, request.data)
        organisation = data.pop("organisation", None)
        if organisation is None:
            raise exceptions.ValidationError({"organisation": [_("Choose the organisation.")]})
        fields = {k: data.pop(k) for k in list(data) if k.startswith(("title_", "description_"))}
        listing = listing_services.listing_create(
            actor=request.user, organisation=organisation, kind=data.pop("kind", ""), fields=fields, **data
        )
        return self._detail(listing, 201)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        listing = self.get_object()
        data = validated(s.ListingWriteSerializer, request.data, partial=True)
        if "organisation" in data and data.pop("organisation").pk != listing.organisation_id:
            raise exceptions.ValidationError(
                {"organisation": [_("A need or offer cannot move to another organisation.")]}
            )
        fields = {k: data.pop(k) for k in list(data) if k.startswith(("title_", "description_"))}
        listing_services.listing_update(actor=request.user, listing=listing, fields=fields, **data)
        return self._detail(listing)

    @extend_schema(summary=_("Close a need or an offer"), request=None, responses=refusable(s.ListingSerializer))
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(listing_services.listing_close(actor=request.user, listing=self.get_object()))

    @extend_schema(
        summary=_("Open a closed need or offer again"), request=None, responses=refusable(s.ListingSerializer)
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(listing_services.listing_reopen(actor=request.user, listing=self.get_object()))


class SuggestionViewSet(AuditedViewSetMixin, viewsets.GenericViewSet):
    """Partner suggestions for an organisation the user edits (or for one of its needs or offers)."""

    serializer_class = s.SuggestionSerializer
    pagination_class = None  # bounded by `limit` (at most 50)
    read_perm = "exchange.view_suggestions"

    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.none()

    @extend_schema(
        summary=_("Partner suggestions, best first, each with its reasons"),
        parameters=[
            OpenApiParameter("organisation", OpenApiTypes.INT, required=True, description=_("Your organisation.")),
            OpenApiParameter("listing", OpenApiTypes.INT, description=_("One of its needs or offers.")),
            OpenApiParameter("limit", OpenApiTypes.INT, description=_("How many (1–50, default 10).")),
        ],
        responses=refusable(s.SuggestionSerializer(many=True)),
    )
    def list(self, request: Request) -> Response:
        params = request.query_params
        errors = {}
        for name in ("organisation", "listing", "limit"):
            if params.get(name) and not params[name].isdigit():
                errors[name] = [_("Enter a whole number.")]
        if not params.get("organisation"):
            errors["organisation"] = [_("Name the organisation.")]
        if errors:
            raise exceptions.ValidationError(errors)
        organisation = get_object_or_404(Organisation, pk=params["organisation"])
        require(request.user, "exchange.view_suggestions", organisation)
        listing = None
        if params.get("listing"):
            listing = get_object_or_404(m.Listing, pk=params["listing"], organisation=organisation)
        limit = min(50, max(1, int(params.get("limit") or 10)))
        suggestions = suggest_partners(organisation=organisation, listing=listing, limit=limit)
        return Response(self.get_serializer(suggestions, many=True).data)


@extend_schema_view(
    list=extend_schema(
        summary=_("Partnership requests to or from the organisations you edit"),
        parameters=[OpenApiParameter("box", str, enum=["received", "sent"], description=_("Received or sent only."))],
    ),
    retrieve=extend_schema(summary=_("A partnership request")),
    create=extend_schema(
        summary=_("Send a partnership request on behalf of an organisation you edit"),
        request=s.RequestWriteSerializer,
        responses={201: s.RequestSerializer},
    ),
)
class RequestViewSet(AuditedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Partnership requests: each side sees its own; the asked side accepts or declines, the asking side withdraws."""

    serializer_class = s.RequestSerializer
    read_perm = "exchange.view_request"
    create_checked_by_service = True
    permission_map = {
        "create": "exchange.send_request",
        "accept": "exchange.answer_request",
        "decline": "exchange.answer_request",
        "withdraw": "exchange.withdraw_request",
    }

    def get_queryset(self) -> QuerySet[m.PartnershipRequest]:
        box = self.request.query_params.get("box")
        if self.action == "list" and box == "sent":
            return selectors.requests_sent(self.request.user)
        if self.action == "list" and box == "received":
            return selectors.requests_received(self.request.user)
        return selectors.visible_requests(self.request.user)

    def _detail(self, obj: m.PartnershipRequest, status: int = 200) -> Response:
        return Response(self.get_serializer(selectors.visible_requests(self.request.user).get(pk=obj.pk)).data, status)

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = validated(s.RequestWriteSerializer, request.data)
        return self._detail(services.request_send(actor=request.user, **data), 201)

    def _answer(self, service, request: Request) -> Response:
        reply = validated(s.ReplySerializer, request.data)["reply"]
        return self._detail(service(actor=request.user, request=self.get_object(), reply=reply))

    @extend_schema(summary=_("Accept a request (the asked organisation)"), request=s.ReplySerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        return self._answer(services.request_accept, request)

    @extend_schema(summary=_("Decline a request (the asked organisation)"), request=s.ReplySerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str | None = None) -> Response:
        return self._answer(services.request_decline, request)

    @extend_schema(
        summary=_("Withdraw a request (the asking organisation)"),
        request=None,
        responses=refusable(s.RequestSerializer),
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(services.request_withdraw(actor=request.user, request=self.get_object()))


@extend_schema_view(
    list=extend_schema(
        summary=_("Partnerships (public records)"),
        parameters=[OpenApiParameter("organisation", OpenApiTypes.INT, description=_("One party's partnerships."))],
    ),
    retrieve=extend_schema(summary=_("A partnership")),
    create=extend_schema(
        summary=_("Record a partnership (you edit one of the parties); the file is attached on the page"),
        request=s.PartnershipWriteSerializer,
        responses={201: s.PartnershipSerializer},
    ),
)
class PartnershipViewSet(AuditedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Partnerships between organisations: memoranda with their parties, dates and themes."""

    serializer_class = s.PartnershipSerializer
    create_checked_by_service = True
    permission_map = {"create": "exchange.add_partnership"}

    def get_queryset(self) -> QuerySet[m.Partnership]:
        organisation = self.request.query_params.get("organisation")
        if self.action == "list" and organisation:
            if not organisation.isdigit():
                raise exceptions.ValidationError({"organisation": [_("Enter a whole number.")]})
            return selectors.partnerships().filter(parties=int(organisation)).order_by("-signed_on", "-id")
        return selectors.partnerships().order_by("-signed_on", "-id")

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = validated(s.PartnershipWriteSerializer, request.data)
        partnership = services.partnership_record(actor=request.user, **data)
        return Response(self.get_serializer(selectors.partnerships().get(pk=partnership.pk)).data, status=201)


def register(router) -> None:
    """Add the endpoints to the /api/v1/ router."""
    router.register("exchange/listings", ListingViewSet, basename="exchange-listing")
    router.register("partner-suggestions", SuggestionViewSet, basename="partner-suggestion")
    router.register("exchange/requests", RequestViewSet, basename="exchange-request")
    router.register("exchange/partnerships", PartnershipViewSet, basename="exchange-partnership")
