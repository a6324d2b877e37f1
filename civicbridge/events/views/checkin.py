"""Check-in on the day: the organisers type or scan a participant's code; the page counts who has arrived."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views import View

from civicbridge.core.permissions import require

from ..forms.registration import CheckinForm
from ..models import Event
from ..selectors import events as selectors
from ..services import registration as services


class CheckinView(LoginRequiredMixin, View):
    """GET ?code=… (a scanned QR code) fills the form in; POST marks the participant present (idempotent)."""

    template_name = "events/checkin.html"

    def event(self, request: HttpRequest, pk: int) -> Event:
        event = get_object_or_404(Event, pk=pk)
        require(request.user, "events.check_in", event)
        return event

    def render_page(self, request, event, form, result=None, status=200) -> HttpResponse:
        context = {"event": event, "form": form, "result": result, "counts": selectors.seat_counts(event)}
        template = "events/_checkin_panel.html" if request.htmx else self.template_name
        return render(request, template, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.event(request, pk)
        form = CheckinForm(initial={"code": services.code_from(request.GET.get("code", ""))})
        return self.render_page(request, event, form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.event(request, pk)
        form = CheckinForm(request.POST)
        if form.is_valid():
            try:
                registration, already = services.check_in(
                    actor=request.user, event=event, code=form.cleaned_data["code"]
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                result = {"registration": registration, "already": already}
                return self.render_page(request, event, CheckinForm(), result)
        return self.render_page(request, event, form, status=200 if request.htmx else 400)


urls = [path("<int:pk>/checkin/", CheckinView.as_view(), name="checkin")]
