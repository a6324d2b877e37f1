"""The public tracker of citizens' issues: the list with its filters, and an issue's page with its full history.

Public pages never show a contact or the name of a citizen's account: only the name the citizen chose to show.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views import View

from civicbridge.registry.models import Country, Region

from ..choices import AppealStatus
from ..models import Category
from ..selectors import public as selectors

TRACKED_COUNTRIES = ("KZ", "RU")


def _dress(form: forms.Form) -> forms.Form:
    """The filter form in the reader's words: «any» choices, regions of the tracked countries, active categories."""
    for name, label in {
        "country": _("Any country"),
        "region": _("Any region"),
        "category": _("Any category"),
        "theme": _("Any theme"),
        "status": _("Any status"),
    }.items():
        form.fields[name].empty_label = label
    # django-filters' ChoiceField lists its empty_label through an iterator bound when the field was made: re-bind it.
    form.fields["status"].choices = AppealStatus.choices
    form.fields["country"].queryset = Country.objects.filter(code__in=TRACKED_COUNTRIES).order_by("code")
    form.fields["region"].queryset = Region.objects.filter(country_id__in=TRACKED_COUNTRIES).order_by(
        "country_id", "name"
    )
    form.fields["region"].label_from_instance = lambda region: f"{region.name} ({region.country_id})"
    form.fields["category"].queryset = Category.objects.filter(is_active=True).order_by("order", "code")
    form.fields["responsible"].widget = forms.HiddenInput()  # set by a link from an issue's page
    form.fields["event"].widget = forms.HiddenInput()  # set by a link from a meeting's page
    return form


class TrackerView(View):
    """Every issue, newest first, filtered by place, status, category, theme, responsible party and meeting.
    An htmx request gets only the results."""

    template_name = "appeals/tracker/list.html"
    partial_template_name = "appeals/tracker/_results.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        filterset = selectors.AppealFilterSet(request.GET or None, queryset=selectors.tracker(), request=request)
        _dress(filterset.form)
        items = filterset.qs if filterset.is_bound else filterset.queryset
        user = request.user
        context = {
            "filter_form": filterset.form,
            "page_obj": selectors.capped_page(request, items),
            "can_send": user.is_authenticated,
            "can_work": user.is_authenticated and user.has_perm("appeals.view_work"),
            "can_see_overdue": user.is_authenticated and user.has_perm("appeals.view_overdue"),
        }
        partial = request.htmx and not request.htmx.history_restore_request
        response = render(request, self.partial_template_name if partial else self.template_name, context)
        patch_vary_headers(response, ["HX-Request"])
        return response


class AppealDetailView(View):
    """An issue's public page: its text (or why it is hidden), place, meeting, responsible organisation, the answer,
    the deadline, supporters, and every status change and transfer."""

    template_name = "appeals/tracker/detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        appeal = get_object_or_404(selectors.appeal_detail(), pk=pk)
        transfers = list(selectors.transfers_of(appeal))
        context = {
            "appeal": appeal,
            "title": selectors.public_title(appeal),
            "body": selectors.public_body(appeal),
            "answer": selectors.public_answer(appeal),
            "author_name": selectors.public_author(appeal),
            "history": selectors.public_history(appeal, transfers),
            "merged_here": list(selectors.merged_here(appeal)),
            **_staff_links(request.user, appeal),
        }
        return render(request, self.template_name, context)


def _staff_links(user, appeal) -> dict[str, bool]:
    """What a signed-in viewer may do from the public page: manage, moderate, report (the rules decide)."""
    if not user.is_authenticated:
        return {}
    return {
        "can_manage": user.has_perm("appeals.view_private", appeal),
        "can_moderate": user.has_perm("appeals.moderate_appeal", appeal),
        "can_report": user.has_perm("appeals.report_appeal", appeal),
    }


urls = [
    path("", TrackerView.as_view(), name="tracker"),
    path("<int:pk>/", AppealDetailView.as_view(), name="detail"),
]
