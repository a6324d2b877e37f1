"""API base: permission class, pagination and the error format shared by every endpoint under /api/v1/."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination, permissions, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from . import context

ACTION_PERMS = {"create": "add", "update": "change", "partial_update": "change", "destroy": "delete"}


class RulesPermission(permissions.BasePermission):
    """Asks the django-rules rule `<app>.<verb>_<model>` for writes; reads are public unless a view says otherwise.

    A viewset may set `permission_map = {"action": "app.perm"}` to name other rules, or `read_perm` to guard reads.
    Services check the same rules again, so this class is the polite early answer, not the only guard.
    """

    def _perm(self, view) -> str | None:
        action = getattr(view, "action", None)
        custom = getattr(view, "permission_map", {})
        if action in custom:
            return custom[action]
        model = view.get_queryset().model
        if action in ACTION_PERMS:
            return f"{model._meta.app_label}.{ACTION_PERMS[action]}_{model._meta.model_name}"
        return getattr(view, "read_perm", None)

    def has_permission(self, request, view) -> bool:
        perm = self._perm(view)
        if perm is None:
            return request.method in permissions.SAFE_METHODS or bool(request.user and request.user.is_authenticated)
        if not request.user or not request.user.is_authenticated:
            return False
        if getattr(view, "action", None) == "create":
            # Creating checks the rule without an object; rules that depend on a parent object
            # (an organisation's unit) are checked again by the service with that object.
            return request.user.has_perm(perm) or bool(getattr(view, "create_checked_by_service", False))
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        perm = self._perm(view)
        return perm is None or request.user.has_perm(perm, obj)


class Pagination(pagination.PageNumberPagination):
    """One pagination for every list: ?page=N&page_size=M (at most 100)."""

    page_size_query_param = "page_size"
    max_page_size = 100


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
