"""/api/v1/search/: the platform search for programs — the same query function as the page, as JSON."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from . import query
from .views import filters_from

MAX_PAGE_SIZE = 100


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class HitSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("organisation, practice, need or offer"))
    id = serializers.IntegerField(help_text=_("The record's id in its own endpoint."))
    title = serializers.CharField()
    url = serializers.CharField(help_text=_("The record's page."))
    snippet = serializers.CharField(help_text=_("Escaped HTML: the matched words are in <mark> elements."))
    score = serializers.FloatField(help_text=_("Relevance; compare only within one answer."))
    organisation = OrganisationRefSerializer(allow_null=True)
    place = serializers.CharField()


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    values = FacetValueSerializer(many=True)


class SearchAnswerSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text=_("Matches (at most 10,000 are counted)."))
    count_is_lower_bound = serializers.BooleanField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = HitSerializer(many=True)
    facets = FacetSerializer(many=True)
    facets_over_top = serializers.IntegerField(
        allow_null=True, help_text=_("When set, facet counts are over this many most relevant matches only.")
    )
    messages = serializers.ListField(child=serializers.CharField())

    class Meta:
        ref_name = "SearchAnswer"


def _list(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, many=True, explode=True, description=description)


def _hit(hit: query.Hit) -> dict:
    org = hit.card.organisation
    return {
        "kind": hit.kind,
        "id": hit.obj.pk,
        "title": hit.card.title,
        "url": hit.card.url,
        "snippet": str(hit.snippet),
        "score": hit.score,
        "organisation": {"id": org.pk, "name": str(org)} if org is not None else None,
        "place": hit.card.place,
    }


class SearchViewSet(viewsets.ViewSet):
    """Search organisations, published practices and open needs and offers (Russian, Kazakh, English)."""

    permission_classes: list = []
    authentication_classes: list = []  # public, read-only, no session: no CSRF either

    @extend_schema(
        operation_id="search",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description=_("Words to find; every word must match.")),
            _list("kind", _("organisation, practice, need, offer")),
            _list("org_kind", _("Kind of the organisation (ngo, network, …)")),
            _list("theme", _("Theme code")),
            _list("country", _("ISO 3166-1 code, e.g. KZ")),
            _list("region", _("ISO 3166-2 code, e.g. KZ-75")),
            _list("language", _("ru, kk or en: records with text in that language")),
            OpenApiParameter("page", OpenApiTypes.INT),
            OpenApiParameter("page_size", OpenApiTypes.INT, description=_("At most 100; 20 by default.")),
        ],
        responses={200: SearchAnswerSerializer},
    )
    def list(self, request: Request) -> Response:
        try:
            per_page = min(MAX_PAGE_SIZE, max(1, int(request.query_params.get("page_size", query.PER_PAGE))))
        except ValueError:
            per_page = query.PER_PAGE
        results = query.search(
            request.query_params.get("q", ""),
            filters=filters_from(request.query_params),
            page=request.query_params.get("page"),
            per_page=per_page,
        )
        page, url = results.page, request.build_absolute_uri()
        previous = None
        if page is not None and page.has_previous():
            number = page.previous_page_number()
            previous = remove_query_param(url, "page") if number == 1 else replace_query_param(url, "page", number)
        answer = {
            "count": results.total,
            "count_is_lower_bound": results.total_is_lower_bound,
            "next": replace_query_param(url, "page", page.next_page_number()) if page and page.has_next() else None,
            "previous": previous,
            "results": [_hit(hit) for hit in results.hits],
            "facets": [
                {"name": g.name, "label": g.label, "values": [vars(v) for v in g.values]} for g in results.facets
            ],
            "facets_over_top": query.RESULT_CAP if results.facets_capped else None,
            "messages": results.messages,
        }
        return Response(answer)


def register(router) -> None:
    """Add /api/v1/search/ to the router."""
    router.register("search", SearchViewSet, basename="search")
