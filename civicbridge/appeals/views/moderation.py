"""Moderation of citizens' issues: the queue (recent, reported, hidden), an issue's moderation page, and "report".

Writes go through services.moderation; the queue reads the reports from the moderator's own notifications (each
report is a notification to every moderator), so nothing new is stored for a report.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views import View

from civicbridge.core.permissions import require
from civicbridge.notifications.models import Notification

from ..forms.moderation import HideForm, PublicTextForm, ReportForm
from ..models import Appeal
from ..selectors.public import capped_page
from ..services import moderation as services

QUEUE_FIELDS = (
    "id",
    "title",
    "created_at",
    "status",
    "hidden_at",
    "hidden_reason",
    "public_text",
    "supporters_count",
    "region__code",
    "region__name",
    "region__name_ru",
    "region__name_kk",
    "region__name_en",
)
TABS = ("recent", "reported", "hidden")


def queue(tab: str, user):
    """The issues of one tab of the moderation queue, newest first (pages count at most the tracker's cap)."""
    issues = Appeal.objects.select_related("region").only(*QUEUE_FIELDS)
    if tab == "hidden":
        return issues.filter(hidden_at__isnull=False).order_by("-hidden_at", "-id")
    if tab == "reported":
        reported = (
            Notification.objects.filter(
                recipient=user, event="appeals.appeal_reported", content_type=ContentType.objects.get_for_model(Appeal)
            )
            .annotate(appeal_id=Cast("object_id", IntegerField()))
            .values("appeal_id")
        )
        return issues.filter(pk__in=reported).order_by("-id")
    # Newest by id, not created_at: the primary key's index gives the order, so the first page of 1,000,000 issues is
    # read from its end instead of sorting them all (ids follow creation; imports may differ by seconds).
    return issues.filter(hidden_at__isnull=True).order_by("-id")


class QueueView(LoginRequiredMixin, View):
    """What a moderator looks through: the newest issues, those reported to them, those hidden."""

    def get(self, request: HttpRequest) -> HttpResponse:
        require(request.user, "appeals.moderate_appeal")
        tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "recent"
        context = {"tab": tab, "tabs": TABS, "page_obj": capped_page(request, queue(tab, request.user))}
        return render(request, "appeals/moderation/queue.html", context)


class ModerateView(LoginRequiredMixin, View):
    """One issue as the citizen wrote it, what the public sees of it, and the moderator's actions."""

    template_name = "appeals/moderation/moderate.html"
    actions = ("hide", "unhide", "public_text")

    def appeal(self, request: HttpRequest, pk: int) -> Appeal:
        appeal = get_object_or_404(
            Appeal.objects.select_related("region", "category", "hidden_by").defer(
                "contact_name", "contact_email", "contact_phone"
            ),
            pk=pk,
        )
        require(request.user, "appeals.moderate_appeal", appeal)
        return appeal

    def render_page(self, request, appeal, hide_form=None, text_form=None, status=200) -> HttpResponse:
        context = {
            "appeal": appeal,
            "hide_form": hide_form
            or HideForm(initial={"reason": appeal.hidden_reason or None, "note": appeal.hidden_note}),
            "text_form": text_form or PublicTextForm(initial={"public_text": appeal.public_text or appeal.text}),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int, action: str | None = None) -> HttpResponse:
        return self.render_page(request, self.appeal(request, pk))

    def post(self, request: HttpRequest, pk: int, action: str | None = None) -> HttpResponse:
        if action not in self.actions:
            raise Http404
        appeal = self.appeal(request, pk)
        if action == "unhide":
            try:
                services.appeal_unhide(actor=request.user, appeal=appeal)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("The issue is shown publicly again."))
            return redirect("appeals:moderate", pk=appeal.pk)
        form_class = HideForm if action == "hide" else PublicTextForm
        form = form_class(request.POST)
        if form.is_valid():
            try:
                if action == "hide":
                    services.appeal_hide(actor=request.user, appeal=appeal, **form.cleaned_data)
                else:
                    services.appeal_set_public_text(actor=request.user, appeal=appeal, **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                done = _("The issue is hidden.") if action == "hide" else _("The public text is saved.")
                messages.success(request, done)
                return redirect("appeals:moderate", pk=appeal.pk)
        forms = {"hide_form": form} if action == "hide" else {"text_form": form}
        return self.render_page(request, appeal, status=400, **forms)


class ReportView(LoginRequiredMixin, View):
    """Anyone signed in tells the moderators what is wrong with an issue's text."""

    template_name = "appeals/moderation/report.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        appeal = get_object_or_404(Appeal.objects.only("id", "title", "hidden_at", "hidden_reason"), pk=pk)
        return render(request, self.template_name, {"appeal": appeal, "form": ReportForm()})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        appeal = get_object_or_404(Appeal.objects.only("id", "title", "hidden_at", "hidden_reason"), pk=pk)
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                services.appeal_report(actor=request.user, appeal=appeal, note=form.cleaned_data["note"])
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Thank you: the moderators will look at this issue."))
                return redirect(appeal)
        return render(request, self.template_name, {"appeal": appeal, "form": form}, status=400)


urls = [
    path("moderation/", QueueView.as_view(), name="moderation"),
    path("<int:pk>/moderate/", ModerateView.as_view(), name="moderate"),
    path("<int:pk>/moderate/<slug:action>/", ModerateView.as_view(), name="moderate-action"),
    path("<int:pk>/report/", ReportView.as_view(), name="report"),
]
