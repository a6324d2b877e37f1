"""API of practices and adoptions under /api/v1/exchange/: thin viewsets over the practice selectors and services.

Lists are scoped to what the user may read (exchange.view_practice), so a draft of another organisation is not found
rather than forbidden; writes are asked of the same rules by RulesPermission and again by the services.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from civicbridge.core.api import ModelViewSet
from civicbridge.core.api_support import refusable, rows_of, validated

from ..models import Adoption, Practice
from ..selectors import practices as selectors
from ..services import adoptions as adoption_services
from ..services import practices as services
from . import serializers_practices as s


def _service_arguments(data: dict[str, Any]) -> dict[str, Any]:
    """Split checked input into the services' arguments: fields, and the lists that are replaced whole."""
    arguments = {key: data.pop(key) for key in ("themes", "target_groups", "links") if key in data}
    if "links" in arguments:
        arguments["links"] = rows_of(arguments["links"])
    return {**arguments, "fields": data}


def _action_schema(summary, request=None):
    responses = s.PracticeDetailSerializer if request is not None else refusable(s.PracticeDetailSerializer)
    return extend_schema(summary=summary, request=request, responses=responses)


@extend_schema_view(
    list=extend_schema(summary=_("Practices: the published library, plus your organisations' own drafts")),
    retrieve=extend_schema(summary=_("A practice with every language version, its links, files and spread")),
    create=extend_schema(
        summary=_("Write a draft practice for one of your organisations"),
        request=s.PracticeCreateSerializer,
        responses={201: s.PracticeDetailSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Change a practice (its authors, while a draft, returned or published)"),
        request=s.PracticeWriteSerializer,
        responses=s.PracticeDetailSerializer,
    ),
)
class PracticeViewSet(ModelViewSet):
    """Best practices: what worked, how to do it, in ru/kk/en versions; moderated before they are published."""

    filterset_class = selectors.PracticeFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_checked_by_service = True  # the rule is asked about the organisation
    permission_map = {
        "create": "exchange.add_practice",
        "partial_update": "exchange.change_practice",
        "submit": "exchange.submit_practice",
        "publish": "exchange.moderate_practice",
        "return_": "exchange.moderate_practice",
        "archive": "exchange.archive_practice",
        "restore": "exchange.moderate_practice",
    }

    def get_queryset(self) -> QuerySet[Practice]:
        visible = selectors.visible_practices(self.request.user)
        if self.action == "list":
            return visible
        return selectors.practice_detail().filter(pk__in=visible.values("pk"))

    def get_serializer_class(self):
        return s.PracticeSerializer if self.action == "list" else s.PracticeDetailSerializer

    def _detail(self, practice: Practice, status: int = 200) -> Response:
        fresh = selectors.practice_detail().get(pk=practice.pk)
        return Response(s.PracticeDetailSerializer(fresh, context=self.get_serializer_context()).data, status=status)

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = validated(s.PracticeCreateSerializer, request.data)
        organisation = data.pop("organisation")
        data.pop("version", None)
        language = data.pop("original_language", "ru")
        practice = services.practice_create(
            actor=request.user, organisation=organisation, original_language=language, **_service_arguments(data)
        )
        return self._detail(practice, status=201)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        practice = self.get_object()
        data = validated(s.PracticeWriteSerializer, request.data, partial=True)
        version = data.pop("version", None)
        language = data.pop("original_language", None)
        services.practice_update(
            actor=request.user,
            practice=practice,
            version=version,
            original_language=language,
            **_service_arguments(data),
        )
        return self._detail(practice)

    @_action_schema(_("Send a draft or returned practice for moderation"))
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(services.practice_submit(actor=request.user, practice=self.get_object()))

    @_action_schema(_("Publish a practice awaiting moderation (moderators)"))
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(services.practice_publish(actor=request.user, practice=self.get_object()))

    @_action_schema(
        _("Return a practice to its authors with comments (moderators)"), request=s.PracticeReasonSerializer
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        reason = validated(s.PracticeReasonSerializer, request.data)["reason"]
        return self._detail(services.practice_return(actor=request.user, practice=self.get_object(), reason=reason))

    @_action_schema(_("Archive a practice: it leaves the library, its adoptions stay recorded"))
    @action(detail=True, methods=["post"])
    def archive(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(services.practice_archive(actor=request.user, practice=self.get_object()))

    @_action_schema(_("Put an archived practice back in the library (moderators)"))
    @action(detail=True, methods=["post"])
    def restore(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(services.practice_restore(actor=request.user, practice=self.get_object()))


class AdoptionFilterSet(django_filters.FilterSet):
    practice = django_filters.NumberFilter(label=_("Practice (id)"), field_name="practice_id")
    organisation = django_filters.NumberFilter(label=_("Adopting organisation (id)"), field_name="organisation_id")
    country = django_filters.CharFilter(label=_("Country code"), field_name="country_id")

    class Meta:
        model = Adoption
        fields = ["practice", "organisation", "country"]


@extend_schema_view(
    list=extend_schema(summary=_("Adoptions of published practices (filter by practice to see how one spread)")),
    retrieve=extend_schema(summary=_("An adoption")),
    create=extend_schema(
        summary=_("Record that one of your organisations adopted a published practice"),
        request=s.AdoptionWriteSerializer,
        responses={201: s.AdoptionSerializer},
    ),
    destroy=extend_schema(summary=_("Delete an adoption record (its organisation's editors, moderators)")),
)
class AdoptionViewSet(ModelViewSet):
    """The record of exchange: who adopted which practice, when, where, with what result."""

    serializer_class = s.AdoptionSerializer
    filterset_class = AdoptionFilterSet
    http_method_names = ["get", "post", "delete", "head", "options"]
    create_checked_by_service = True  # the rule is asked about the adopting organisation

    def get_queryset(self) -> QuerySet[Adoption]:
        if self.action == "destroy":  # an adoption of a practice archived since may still be deleted
            return Adoption.objects.select_related("practice")
        return selectors.adoptions_list()

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = validated(s.AdoptionWriteSerializer, request.data)
        adoption = adoption_services.adoption_record(actor=request.user, **data)
        return Response(self.get_serializer(selectors.adoptions_list().get(pk=adoption.pk)).data, status=201)

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        adoption_services.adoption_delete(actor=request.user, adoption=self.get_object())
        return Response(status=204)


def register(router) -> None:
    """Add the endpoints to the /api/v1/ router."""
    router.register("exchange/practices", PracticeViewSet, basename="exchange-practice")
    router.register("exchange/adoptions", AdoptionViewSet, basename="exchange-adoption")
