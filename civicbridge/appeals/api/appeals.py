"""Public, read-only API of citizens' issues under /api/v1/: the issues (list with the tracker's filters; detail with
history and transfers), their categories, and an Open311 GeoReport v2 style view of them (open311.py)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view

from civicbridge.core.api import Pagination, ReadOnlyModelViewSet

from ..models import Appeal, Category
from ..selectors import public as selectors
from . import open311
from . import serializers as s


class CappedPagination(Pagination):
    """?page=N&page_size=M; `count` is exact up to 10,000 and says 10,000 beyond (a million issues are not counted
    on every request)."""

    django_paginator_class = selectors.CappedPaginator


@extend_schema_view(
    list=extend_schema(
        summary=_("Citizens' issues, newest first, without personal data (count exact up to 10,000)"),
    ),
    retrieve=extend_schema(summary=_("A citizen's issue with its public text, answer, status history and transfers")),
)
class AppealViewSet(ReadOnlyModelViewSet):
    """Citizens' issues as the public tracker shows them: no contacts, no names of accounts or staff."""

    filterset_class = selectors.AppealFilterSet
    pagination_class = CappedPagination

    def get_queryset(self) -> QuerySet[Appeal]:
        if self.action == "list":
            return selectors.tracker()
        return selectors.appeals_with_transfers()

    def get_serializer_class(self):
        return s.AppealSerializer if self.action == "list" else s.AppealDetailSerializer


@extend_schema_view(
    list=extend_schema(summary=_("Categories of citizens' issues in use, with their response times")),
    retrieve=extend_schema(summary=_("A category of citizens' issues")),
)
class CategoryViewSet(ReadOnlyModelViewSet):
    """What issues are about: each category has a theme and the days the responsible party has to answer."""

    serializer_class = s.CategorySerializer
    lookup_field = "code"
    pagination_class = None

    def get_queryset(self) -> QuerySet[Category]:
        return selectors.categories()


def register(router) -> None:
    """Add the endpoints to the /api/v1/ router."""
    router.register("appeals", AppealViewSet, basename="appeal")
    router.register("appeal-categories", CategoryViewSet, basename="appeal-category")
    open311.register(router)
