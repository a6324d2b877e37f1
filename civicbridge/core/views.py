"""Site-wide views: home, health check, the audit log of one object."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import selectors


@require_GET
@never_cache
def healthz(request):
    """Liveness and database state as JSON; 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        db = {"status": "ok", "vendor": connection.vendor}
        status = 200
    except Exception as exc:  # noqa: BLE001 -- any failure means "down"; the message says which
        db = {"status": "error", "error": exc.__class__.__name__}
        status = 503
    return JsonResponse({"status": "ok" if status == 200 else "error", "database": db}, status=status)


def audit_for_object(request, app_label: str, model: str, pk: str):
    """The audit trail of one record, for administrators and moderators."""
    try:
        ct = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.has_perm("core.view_auditentry"):
        raise PermissionDenied(_("You do not have permission to do this."))
    page = selectors.audit_page(ct, pk, request.GET.get("page"))
    target = ct.model_class()._default_manager.filter(pk=pk).first() if ct.model_class() else None
    return render(
        request, "core/audit_object.html", {"page_obj": page, "content_type": ct, "object_id": pk, "target": target}
    )


def home(request):
    """The front page: what the platform is, search, and the registry at a glance."""
    return render(request, "core/home.html", selectors.home_figures())
