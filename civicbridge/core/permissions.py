"""The one permission check used by services, HTML views and the API alike.

Rules themselves live in each app's `rules.py` (django-rules); this module only asks them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from rules.contrib.views import PermissionRequiredMixin


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
