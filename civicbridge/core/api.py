"""API base: permission class, pagination and the error format shared by every endpoint under /api/v1/."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from . import context
from .api_policy import ACTION_PERMS, Pagination, RulesPermission

__all__ = [
    "ACTION_PERMS",
    "ApiSchema",
    "ErrorSerializer",
    "ModelViewSet",
    "Pagination",
    "ReadOnlyModelViewSet",
    "RulesPermission",
    "exception_handler",
]


def exception_handler(exc: Exception, ctx: dict[str, Any]) -> Response | None:
    """Errors as JSON: {"detail": "...", "errors": {"field": ["message", ...]}} in the request's language."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            exc = exceptions.ValidationError(exc.message_dict)
        else:
            exc = exceptions.ValidationError({"non_field_errors": exc.messages})
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, ctx)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        response.data = {"detail": _("The data you sent has errors."), "errors": errors}
    elif isinstance(data, dict) and "detail" in data:
        response.data = {"detail": data["detail"], "errors": {}}
    return response


class AuditedViewSetMixin:
    """DRF authenticates tokens inside the view, after the middleware ran: name the actor for the audit log here."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.user and request.user.is_authenticated:
            self._actor_token = context.set_actor(request.user)

    def finalize_response(self, request, response, *args, **kwargs):
        token = getattr(self, "_actor_token", None)
        if token is not None:
            context.reset_actor(token)
            self._actor_token = None
        return super().finalize_response(request, response, *args, **kwargs)


class ModelViewSet(AuditedViewSetMixin, viewsets.ModelViewSet):
    """Base for write endpoints: no DELETE unless a viewset opts in; writes go to services via perform_*."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]


class ReadOnlyModelViewSet(AuditedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Base for read-only endpoints."""


class ErrorSerializer(serializers.Serializer):
    """Every error answer of the API (see civicbridge.core.api.exception_handler)."""

    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))

    class Meta:
        ref_name = "Error"


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


class ApiSchema(AutoSchema):
    """Documents what RulesPermission and the error handler do: reads are public unless the view names a read rule;
    errors come in one JSON shape."""

    def _read_perm(self) -> str | None:
        """The rule RulesPermission asks for this read: the view's `permission_map` entry for the action, else its
        `read_perm` (None: anyone may read)."""
        custom = getattr(self.view, "permission_map", {})
        action = getattr(self.view, "action", None)
        if action in custom:
            return custom[action]
        return getattr(self.view, "read_perm", None)

    def get_auth(self) -> list:
        auths = super().get_auth()
        if self.method in permissions.SAFE_METHODS and self._read_perm() is None:
            auths.append({})
        return auths

    def _error_responses(self) -> dict[str, OpenApiResponse]:
        """The error answers this operation can give, by status code."""
        responses: dict[str, OpenApiResponse] = {}
        if self.method not in permissions.SAFE_METHODS:
            if self.get_request_serializer() is not None:  # an action that takes no body has no invalid data
                responses["400"] = _error(gettext_lazy("Invalid data: `errors` maps each field to its messages."))
            responses["401"] = _error(gettext_lazy("Not signed in: send `Authorization: Token <key>`."))
            responses["403"] = _error(gettext_lazy("The rules do not let this user do this."))
        else:
            if self.view.action == "list" and getattr(self.view, "filterset_class", None):
                responses["400"] = _error(gettext_lazy("An invalid filter value: `errors` names the parameter."))
            if self._read_perm() is not None:
                # RulesPermission refuses an anonymous read of a guarded view (401) and asks the rule about the object
                # itself (403); a list is already scoped to what the user may see, so it never answers 403.
                responses["401"] = _error(gettext_lazy("Not signed in: send `Authorization: Token <key>`."))
                if "{" in self.path:
                    responses["403"] = _error(gettext_lazy("The rules do not let this user do this."))
            if self.view.action == "list":
                responses["404"] = _error(gettext_lazy("No such page."))
        if "{" in self.path:
            responses["404"] = _error(gettext_lazy("No such record."))
        return responses

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        # Added here rather than in get_response_serializers(): an action's @extend_schema(responses=...) replaces
        # that method, and its errors would go undocumented. Operations that list their own codes keep them.
        bodies = super()._get_response_bodies(direction)
        if set(bodies) <= {"200", "201", "204"}:
            for code, response in self._error_responses().items():
                bodies[code] = self._get_response_for_code(response, code, direction=direction)
        return bodies
