"""API policy read by DRF's settings while DRF itself is being imported: it may import only permissions and pagination.

(Anything here that imported rest_framework.views or viewsets would be an import cycle.)
"""

from __future__ import annotations

from rest_framework import pagination, permissions

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
        if action in ACTION_PERMS and hasattr(view, "get_queryset"):
            model = view.get_queryset().model
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
