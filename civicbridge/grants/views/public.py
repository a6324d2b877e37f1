"""Pages of state support: public. The open calls, a call's page and a programme's page.

Times are shown in the viewer's zone (their own when signed in, else the site's display zone).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views import View

from civicbridge.accounts.rules import is_admin, organisations_edited_by
from civicbridge.core.pagination import page_of
from civicbridge.registry.choices import OrganisationKind

from ..forms.calls import CallFilterForm
from ..selectors import calls as selectors

PER_PAGE = 20


def kind_labels(kinds) -> list[str]:
    labels = dict(OrganisationKind.choices)
    return [labels.get(k, k) for k in kinds]


class CallListView(View):
    """Calls for proposals: open ones first, with filters and pages."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = CallFilterForm(request.GET or None)
        page = page_of(request, selectors.public_calls(filters=form.filters() if form.is_bound else {}))
        now = timezone.now()
        for call in page.object_list:
            call.current_phase = call.phase(now)
        return render(request, "grants/calls/call_list.html", {"filter_form": form, "page_obj": page, "now": now})


class CallDetailView(View):
    """A call: dates in the viewer's zone with a countdown, bands, durations, eligibility, rubric, documents."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        user = request.user
        call = selectors.visible_call(user, code)
        now = timezone.now()
        phase = call.phase(now)
        runs = selectors.runs_call(user, call)
        editor = bool(organisations_edited_by(user)) or is_admin(user)
        context = {
            "call": call,
            "programme": call.programme,
            "phase": phase,
            "now": now,
            "criteria": list(call.criteria.all()),
            "eligible_kinds": kind_labels(call.eligible_kinds or []),
            "submission_language_names": [
                name for code_, name in settings.LANGUAGES if code_ in (call.submission_languages or [])
            ],
            "can_apply": phase == "open" and editor,
            "sign_in_to_apply": phase == "open" and not user.is_authenticated,
            "runs": runs,
        }
        return render(request, "grants/calls/call_detail.html", context)


class ProgrammeDetailView(View):
    """A programme: funder, operator, instrument, level, budget, themes and its calls."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        programme = selectors.programme_detail(pk)
        page = page_of(request, selectors.programme_calls(programme, request.user))
        now = timezone.now()
        for call in page.object_list:
            call.current_phase = call.phase(now)
        context = {
            "programme": programme,
            "page_obj": page,
            "can_add_call": request.user.has_perm("grants.add_call", programme),
            "can_edit": request.user.has_perm("grants.change_programme", programme),
        }
        return render(request, "grants/calls/programme_detail.html", context)


urls = [
    path("calls/", CallListView.as_view(), name="call-list"),
    path("calls/<slug:code>/", CallDetailView.as_view(), name="call-detail"),
    path("programmes/<int:pk>/", ProgrammeDetailView.as_view(), name="programme-detail"),
]
