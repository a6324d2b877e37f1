"""ApiSchema documents what RulesPermission does: who may read, and the error answers of each operation."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from civicbridge.core.api import ModelViewSet, ReadOnlyModelViewSet
from civicbridge.core.models import Source


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "title", "kind"]
        ref_name = "SchemaTestSource"


class PublicSources(ReadOnlyModelViewSet):
    """Reads open to anyone (no read rule)."""

    queryset = Source.objects.all()
    serializer_class = SourceSerializer


class GuardedSources(ReadOnlyModelViewSet):
    """Reads need the rule `core.view_auditentry` (any rule will do here)."""

    queryset = Source.objects.all()
    serializer_class = SourceSerializer
    read_perm = "core.view_auditentry"


class PublicSourcesWithGuardedAction(ModelViewSet):
    """Public reads, one GET action guarded through `permission_map`, one body-less POST action."""

    queryset = Source.objects.all()
    serializer_class = SourceSerializer
    permission_map = {"private": "core.view_auditentry", "touch": "core.change_source"}

    @action(detail=True, methods=["get"])
    def private(self, request, pk=None) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=None, responses=SourceSerializer)
    @action(detail=True, methods=["post"])
    def touch(self, request, pk=None) -> Response:
        return Response(self.get_serializer(self.get_object()).data)


router = DefaultRouter()
router.register("public", PublicSources, basename="public")
router.register("guarded", GuardedSources, basename="guarded")
router.register("mixed", PublicSourcesWithGuardedAction, basename="mixed")
urlpatterns = [path("api/v1/", include(router.urls))]


@pytest.fixture(scope="module")
def operations() -> dict[tuple[str, str], dict[str, Any]]:
    GENERATOR_STATS.reset()
    schema = SchemaGenerator(patterns=urlpatterns).get_schema(request=None, public=True)
    assert not GENERATOR_STATS._warn_cache and not GENERATOR_STATS._error_cache
    return {(p, method): op for p, ops in schema["paths"].items() for method, op in ops.items()}


def codes(operations, path_: str, method: str = "get") -> list[str]:
    return list(operations[(f"/api/v1/{path_}", method)]["responses"])


def anonymous_allowed(operations, path_: str, method: str = "get") -> bool:
    return {} in operations[(f"/api/v1/{path_}", method)]["security"]


def test_public_reads_are_open_and_answer_no_401_or_403(operations):
    assert codes(operations, "public/") == ["200", "404"]
    assert codes(operations, "public/{id}/") == ["200", "404"]
    assert anonymous_allowed(operations, "public/") and anonymous_allowed(operations, "public/{id}/")


def test_reads_of_a_view_with_a_read_rule_document_401_and_on_one_object_403(operations):
    assert codes(operations, "guarded/") == ["200", "401", "404"]
    assert codes(operations, "guarded/{id}/") == ["200", "401", "403", "404"]
    assert not anonymous_allowed(operations, "guarded/") and not anonymous_allowed(operations, "guarded/{id}/")


def test_a_get_action_guarded_by_the_permission_map_is_documented_like_a_guarded_read(operations):
    assert codes(operations, "mixed/{id}/private/") == ["200", "401", "403", "404"]
    assert not anonymous_allowed(operations, "mixed/{id}/private/")
    assert anonymous_allowed(operations, "mixed/{id}/")


def test_writes_document_their_errors_even_when_an_action_names_its_success_answer(operations):
    assert codes(operations, "mixed/", "post") == ["201", "400", "401", "403"]
    # @extend_schema(responses=...) replaces the success answer only; a body-less action has no 400.
    assert codes(operations, "mixed/{id}/touch/", "post") == ["200", "401", "403", "404"]
