"""An Open311 GeoReport v2 style, read-only view of the public issues: categories are services, issues are requests.

    GET /api/v1/open311/services.json           every active category as a service
    GET /api/v1/open311/requests.json           issues, latest number first (?service_code, status=open|closed,
                                                 start_date, end_date, service_request_id=1,2; page, page_size ≤ 1000)
    GET /api/v1/open311/requests/<id>.json      one issue, as a list of one (as GeoReport v2 answers)

The `.json` suffix is optional. Statuses: new, accepted and in progress are «open»; answered and declined «closed».
Issues have no coordinates here: `lat`/`long` are null and `address` names the region. No personal data.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import pagination, serializers
from rest_framework.response import Response

from civicbridge.core.api import ReadOnlyModelViewSet

from ..choices import OPEN_STATUSES, AppealStatus
from ..models import Appeal, Category
from ..selectors import public as selectors

OPEN, CLOSED = "open", "closed"


def open311_status(appeal: Appeal) -> str:
    return OPEN if appeal.status in OPEN_STATUSES else CLOSED


# --- services -------------------------------------------------------------------------------------------------------


class Open311ServiceSerializer(serializers.ModelSerializer):
    """A category as an Open311 service."""

    service_code = serializers.CharField(source="code")
    service_name = serializers.CharField(source="name")
    description = serializers.SerializerMethodField()
    metadata = serializers.SerializerMethodField(help_text=_("Always false: no extra attributes are asked."))
    type = serializers.SerializerMethodField(help_text=_("Always «realtime»."))
    keywords = serializers.SerializerMethodField(help_text=_("Comma-separated: the theme code and the category code."))
    group = serializers.SerializerMethodField(help_text=_("The category's theme, by name."))

    class Meta:
        model = Category
        fields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]

    def get_description(self, category: Category) -> str:
        return gettext("%(name)s: answered within %(days)s days.") % {
            "name": category.name,
            "days": category.response_days,
        }

    def get_metadata(self, category: Category) -> bool:
        return False

    def get_type(self, category: Category) -> str:
        return "realtime"

    def get_keywords(self, category: Category) -> str:
        return ",".join(filter(None, [category.theme.code if category.theme else "", category.code]))

    def get_group(self, category: Category) -> str:
        return category.theme.name if category.theme else ""


# --- requests -------------------------------------------------------------------------------------------------------


class Open311RequestSerializer(serializers.ModelSerializer):
    """An issue as an Open311 service request."""

    service_request_id = serializers.CharField(source="pk")
    status = serializers.SerializerMethodField(help_text=_("open or closed."))
    status_notes = serializers.SerializerMethodField(help_text=_("The issue's own status, and what it merged into."))
    service_name = serializers.CharField(source="category.name")
    service_code = serializers.CharField(source="category.code")
    description = serializers.SerializerMethodField(help_text=_("The public text; the notice if it was hidden."))
    agency_responsible = serializers.CharField(source="responsible.name", default="", allow_null=True)
    requested_datetime = serializers.DateTimeField(source="created_at")
    updated_datetime = serializers.DateTimeField(source="updated_at")
    expected_datetime = serializers.DateTimeField(source="due_at", allow_null=True)
    address = serializers.CharField(source="region.name", default="", allow_null=True)
    lat = serializers.SerializerMethodField(help_text=_("Always null: issues are placed by region only."))
    long = serializers.SerializerMethodField(help_text=_("Always null."))

    class Meta:
        model = Appeal
        fields = [
            "service_request_id",
            "status",
            "status_notes",
            "service_name",
            "service_code",
            "description",
            "agency_responsible",
            "requested_datetime",
            "updated_datetime",
            "expected_datetime",
            "address",
            "lat",
            "long",
        ]

    def get_status(self, appeal: Appeal) -> str:
        return open311_status(appeal)

    def get_status_notes(self, appeal: Appeal) -> str:
        if appeal.merged_into_id:
            return gettext("Merged into issue №%(number)s.") % {"number": appeal.merged_into_id}
        note = AppealStatus(appeal.status).label
        return f"{note} ({gettext('overdue')})" if appeal.is_overdue else str(note)

    def get_description(self, appeal: Appeal) -> str:
        return selectors.public_title(appeal) if appeal.hidden_at else selectors.public_body(appeal)

    def get_lat(self, appeal: Appeal) -> float | None:
        return None

    def get_long(self, appeal: Appeal) -> float | None:
        return None


class RequestFilterSet(django_filters.FilterSet):
    service_code = django_filters.CharFilter(label=_("Service (category) code"), field_name="category__code")
    status = django_filters.ChoiceFilter(
        label=_("open or closed"), choices=[(OPEN, OPEN), (CLOSED, CLOSED)], method="by_status"
    )
    start_date = django_filters.IsoDateTimeFilter(
        label=_("Raised at or after"), field_name="created_at", lookup_expr="gte"
    )
    end_date = django_filters.IsoDateTimeFilter(label=_("Raised before"), field_name="created_at", lookup_expr="lt")
    service_request_id = django_filters.BaseInFilter(
        label=_("Comma-separated request ids"), field_name="id", lookup_expr="in"
    )

    class Meta:
        model = Appeal
        fields = ["service_code", "status", "start_date", "end_date", "service_request_id"]

    def by_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        condition = Q(status__in=OPEN_STATUSES)
        return queryset.filter(condition if value == OPEN else ~condition)


class Open311Pagination(pagination.PageNumberPagination):
    """?page=N&page_size=M (at most 1000); a bare list as GeoReport v2 answers; the next page in a Link header.
    Nothing is counted: one row more than the page is read to know whether there is a next one."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        try:
            self.number = max(1, int(request.query_params.get(self.page_query_param, 1)))
        except ValueError:
            self.number = 1
        start = (self.number - 1) * size
        rows = list(queryset[start : start + size + 1])
        self.has_next = len(rows) > size
        return rows[:size]

    def get_paginated_response(self, data):
        headers = {}
        if self.has_next:
            url = self.request.build_absolute_uri()
            from rest_framework.utils.urls import replace_query_param

            headers["Link"] = f'<{replace_query_param(url, self.page_query_param, self.number + 1)}>; rel="next"'
        return Response(data, headers=headers)

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return schema


def _requests() -> QuerySet[Appeal]:
    return (
        Appeal.objects.select_related("category", "region", "responsible")
        .defer("contact_name", "contact_email", "contact_phone", "search_text", "answer", "hidden_note")
        .order_by("-id")  # newest first by number: the primary key's index serves every filter without a sort
    )


@extend_schema_view(
    list=extend_schema(summary=_("Open311: the categories of issues as services (also at services.json)")),
)
class ServiceViewSet(ReadOnlyModelViewSet):
    """Open311 GeoReport v2 services: the categories of citizens' issues."""

    serializer_class = Open311ServiceSerializer
    lookup_field = "code"
    pagination_class = None

    def get_queryset(self) -> QuerySet[Category]:
        return selectors.categories()


@extend_schema_view(
    list=extend_schema(summary=_("Open311: public issues as service requests, newest first (also at requests.json)")),
    retrieve=extend_schema(
        summary=_("Open311: one issue as a list of one service request (also at requests/<id>.json)"),
        operation_id="open311_requests_retrieve",
        responses=Open311RequestSerializer(many=True),
    ),
)
class RequestViewSet(ReadOnlyModelViewSet):
    """Open311 GeoReport v2 service requests: the public issues, without personal data."""

    serializer_class = Open311RequestSerializer
    filterset_class = RequestFilterSet
    pagination_class = Open311Pagination

    def get_queryset(self) -> QuerySet[Appeal]:
        return _requests()

    def retrieve(self, request, *args, **kwargs) -> Response:
        return Response([self.get_serializer(self.get_object()).data])


def register(router) -> None:
    router.register("open311/services", ServiceViewSet, basename="open311-service")
    router.register("open311/requests", RequestViewSet, basename="open311-request")
