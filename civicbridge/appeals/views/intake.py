"""Intake: a citizen sends an issue online; an organiser records issues raised at a meeting, one after another.

The text box asks the "appeals:similar" fragment for similar open issues while the citizen types; the country
select reloads the region select ("appeals:regions").
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from civicbridge.core.permissions import require

from ..forms.intake import IntakeForm
from ..services import intake as services


@method_decorator(login_required, name="dispatch")
class SubmitView(View):
    """A signed-in citizen sends an issue."""

    template_name = "appeals/intake/form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        initial = {"language": request.LANGUAGE_CODE if request.LANGUAGE_CODE in ("ru", "kk", "en") else "ru"}
        if request.GET.get("event"):
            initial["event"] = request.GET["event"]
        return render(request, self.template_name, {"form": IntakeForm(initial=initial)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = IntakeForm(request.POST)
        if form.is_valid():
            try:
                appeal = services.appeal_submit(actor=request.user, data=form.issue_input())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(
                    request,
                    _("Your issue is received. Its number is %(number)s; we sent the details by e-mail.")
                    % {"number": appeal.pk},
                )
                return redirect("appeals:manage", pk=appeal.pk)
        return render(request, self.template_name, {"form": form}, status=400)


@method_decorator(login_required, name="dispatch")
class RecordView(View):
    """An organiser of the event (or a coordinator) records issues raised there; the form comes back empty for the
    next one, with the last one's number. Without an event: a coordinator records one received by mail or phone."""

    template_name = "appeals/intake/record.html"

    def event_of(self, request: HttpRequest, event_pk: int | None):
        event = None
        if event_pk is not None:
            from civicbridge.events.models import Event

            event = get_object_or_404(Event.objects.select_related("country", "region"), pk=event_pk)
        require(request.user, "appeals.record_appeal", event)
        return event

    def get(self, request: HttpRequest, event_pk: int | None = None) -> HttpResponse:
        event = self.event_of(request, event_pk)
        return render(request, self.template_name, {"form": self.blank(event, request), "event": event})

    @staticmethod
    def blank(event, request: HttpRequest, data=None) -> IntakeForm:
        initial = {"language": request.GET.get("language") or "ru", "consent": False}
        if event is not None:
            initial |= {"country": event.country_id, "region": event.region_id, "language": event.original_language}
        if data is not None:  # keep the place, category and language for the next issue at the same meeting
            initial |= {key: data.get(key) for key in ("country", "region", "category", "language") if data.get(key)}
        return IntakeForm(data=None, initial=initial, event=event)

    def post(self, request: HttpRequest, event_pk: int | None = None) -> HttpResponse:
        event = self.event_of(request, event_pk)
        form = IntakeForm(request.POST, event=event)
        if form.is_valid():
            try:
                appeal = services.appeal_record(actor=request.user, data=form.issue_input())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(
                    request, _("Recorded as issue No. %(number)s. Record the next one.") % {"number": appeal.pk}
                )
                context = {"form": self.blank(event, request, request.POST), "event": event, "last": appeal}
                return render(request, self.template_name, context)
        return render(request, self.template_name, {"form": form, "event": event}, status=400)


def regions(request: HttpRequest) -> HttpResponse:
    """The region select for the chosen country (htmx fragment)."""
    form = IntakeForm(initial={"country": request.GET.get("country") or None})
    country = request.GET.get("country")
    if country:
        from civicbridge.registry.models import Region

        form.fields["region"].queryset = Region.objects.filter(country_id=country).order_by("name")
    return render(request, "appeals/intake/_region.html", {"form": form})


urls = [
    path("new/", SubmitView.as_view(), name="intake"),
    path("record/", RecordView.as_view(), name="record-other"),
    path("events/<int:event_pk>/record/", RecordView.as_view(), name="record"),
    path("regions/", regions, name="regions"),
]
