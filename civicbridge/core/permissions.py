"""The one permission check used by services, HTML views and the API alike.

Rules themselves live in each app's `rules.py` (django-rules); this module only asks them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from rules.contrib.views import PermissionRequiredMixin


class SystemActor:
    """The platform acting by itself as a consequence of a permitted action (an extra expert after a finished review,
    a waitlisted seat confirmed when someone cancels). It holds every permission and is recorded in history as no one
    (`core.context.user_or_none` gives None for it)."""

    is_authenticated = False
    pk = None

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return True

    def __str__(self) -> str:
        return "system"


SYSTEM = SystemActor()


def require(actor: Any, perm: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless `actor` holds `perm` (on `obj` when given)."""
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have permission to do this."))


class RulePermissionMixin(PermissionRequiredMixin):
    """HTML views: ask the same rule the API and the service ask. Object-level via get_permission_object()."""

    raise_exception = False  # anonymous users go to the login page; signed-in users get 403

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise PermissionDenied(_("You do not have permission to do this."))
        return super().handle_no_permission()
