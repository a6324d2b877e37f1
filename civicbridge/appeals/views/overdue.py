"""Overdue issues per responsible party: coordinators see every organisation's counts and oldest due date; each
organisation's people see their own overdue issues."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from civicbridge.core.pagination import page_of
from civicbridge.core.permissions import require
from civicbridge.registry.models import Organisation

from ..rules import organisations_responding_for
from ..selectors import overdue as selectors


class OverdueView(LoginRequiredMixin, View):
    """Coordinators: organisations with overdue issues, most overdue first. Someone who answers for one organisation
    goes straight to its list; for several, sees their counts."""

    def get(self, request: HttpRequest) -> HttpResponse:
        now = timezone.now()
        if request.user.has_perm("appeals.view_overdue"):
            rows = selectors.overdue_groups_now()
        else:
            mine = organisations_responding_for(request.user)
            if not mine:
                raise PermissionDenied(_("You do not have permission to do this."))
            if len(mine) == 1:
                return redirect("appeals:overdue-organisation", org_pk=next(iter(mine)))
            rows = [row for row in selectors.overdue_groups_now() if row["responsible_id"] in mine]
        page = page_of(request, rows)
        context = {"page_obj": page, "groups": selectors.with_organisations(page.object_list), "now": now}
        return render(request, "appeals/overdue/groups.html", context)


class OverdueOrganisationView(LoginRequiredMixin, View):
    """One organisation's overdue issues, oldest due first (no organisation: the issues not yet routed)."""

    def get(self, request: HttpRequest, org_pk: int | None = None) -> HttpResponse:
        if org_pk is None:
            require(request.user, "appeals.view_overdue")
            organisation = None
        else:
            organisation = get_object_or_404(Organisation, pk=org_pk)
            require(request.user, "appeals.view_overdue_of", organisation)
        now = timezone.now()
        page = page_of(request, selectors.overdue_of([org_pk], now))
        context = {"organisation": organisation, "page_obj": page, "now": now}
        return render(request, "appeals/overdue/organisation.html", context)


urls = [
    path("overdue/", OverdueView.as_view(), name="overdue"),
    path("overdue/unrouted/", OverdueOrganisationView.as_view(), name="overdue-unrouted"),
    path("overdue/<int:org_pk>/", OverdueOrganisationView.as_view(), name="overdue-organisation"),
]
