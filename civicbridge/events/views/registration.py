"""Registration: register with the organisers' questions, my registrations, one registration's check-in code and QR,
cancel, and the organisers' list of participants (with answers; CSV export).

Registration is for signed-in users only: the seat is tied to an account, which gets the e-mails and shows the code.
"""

from __future__ import annotations

import csv

import segno
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from civicbridge.core.pagination import page_of
from civicbridge.core.permissions import require

from ..choices import RegistrationStatus
from ..forms.registration import RegistrationForm
from ..models import Event, Registration
from ..selectors import events as selectors
from ..services import registration as services
from .events import visible_event


class RegisterView(LoginRequiredMixin, View):
    """Register for an event: answer its questions; a seat is confirmed, or the place is on the waitlist."""

    template_name = "events/register.html"

    def event(self, request: HttpRequest, pk: int) -> Event:
        return visible_event(request, pk, Event.objects.prefetch_related("questions"))

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.event(request, pk)
        existing = selectors.user_registration(event, request.user)
        if existing is not None:
            return redirect("events:registration", pk=existing.pk)
        context = {"event": event, "form": RegistrationForm(event=event), "is_open": services.registration_open(event)}
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.event(request, pk)
        form = RegistrationForm(request.POST, event=event)
        if form.is_valid():
            try:
                registration = services.register(actor=request.user, event=event, answers=form.answers())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                if registration.status == RegistrationStatus.CONFIRMED:
                    messages.success(request, _("You are registered. Your seat is confirmed."))
                else:
                    messages.success(request, _("The event is full: you are on the waitlist."))
                return redirect("events:registration", pk=registration.pk)
        context = {"event": event, "form": form, "is_open": services.registration_open(event)}
        return render(request, self.template_name, context, status=400)


class MyRegistrationsView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        page = page_of(request, selectors.registrations_of(request.user))
        return render(request, "events/my_registrations.html", {"page_obj": page})


def qr_svg(text: str, title: str) -> str:
    """An inline SVG QR code of our own link (no user text in it but the escaped title)."""
    svg = segno.make(text, error="m").svg_inline(scale=5, title=title, svgclass="events-qr")
    return mark_safe(svg)  # noqa: S308 -- segno's markup of a URL we built and of our own translated title


class RegistrationDetailView(LoginRequiredMixin, View):
    """One registration: status, answers, and — for a confirmed seat — the check-in code and its QR code."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        registration = get_object_or_404(
            Registration.objects.select_related("event__country", "event__region").prefetch_related(
                "answers__question"
            ),
            pk=pk,
        )
        require(request.user, "events.view_registration", registration)
        event = registration.event
        checkin_link = (
            request.build_absolute_uri(reverse("events:checkin", args=[event.pk]))
            + f"?code={registration.checkin_code}"
        )
        show_code = registration.status == RegistrationStatus.CONFIRMED
        context = {
            "registration": registration,
            "event": event,
            "show_code": show_code,
            "waitlist_place": services.waitlist_place(registration),
            "qr": qr_svg(checkin_link, _("Check-in QR code")) if show_code else "",
            "can_cancel": registration.status != RegistrationStatus.CANCELLED
            and request.user.has_perm("events.cancel_registration", registration),
        }
        return render(request, "events/registration_detail.html", context)


class RegistrationCancelView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        registration = get_object_or_404(Registration, pk=pk)
        try:
            services.registration_cancel(actor=request.user, registration=registration)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The registration is cancelled."))
        if registration.user_id == request.user.pk:
            return redirect("events:registration", pk=pk)
        return redirect("events:participants", pk=registration.event_id)


class ParticipantsView(LoginRequiredMixin, View):
    """The organisers' list: who registered, in which order, their status, answers and check-in; CSV on ?format=csv."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = get_object_or_404(Event.objects.prefetch_related("questions"), pk=pk)
        require(request.user, "events.view_participants", event)
        status = request.GET.get("status") if request.GET.get("status") in RegistrationStatus.values else None
        registrations = selectors.participants(event, status)
        questions = list(event.questions.all())
        if request.GET.get("format") == "csv":
            return participants_csv(event, registrations, questions)
        page = page_of(request, registrations, per_page=50)
        rows = [(r, answers_in_order(r, questions)) for r in page.object_list]
        context = {
            "event": event,
            "page_obj": page,
            "rows": rows,
            "questions": questions,
            "status": status or "",
            "statuses": RegistrationStatus.choices,
            "counts": selectors.seat_counts(event),
        }
        return render(request, "events/participants.html", context)


def answers_in_order(registration: Registration, questions) -> list[str]:
    by_question = {answer.question_id: answer.value for answer in registration.answers.all()}
    return [by_question.get(question.pk, "") for question in questions]


def _cell(value: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def participants_csv(event: Event, registrations, questions) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-participants.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with a BOM
    writer = csv.writer(response)
    writer.writerow(
        [_("Name"), _("E-mail"), _("Organisation"), _("Status"), _("Registered at"), _("Checked in at")]
        + [question.text for question in questions]
    )
    for registration in registrations:
        writer.writerow(
            [
                _cell(registration.name),
                _cell(registration.email),
                _cell(str(registration.organisation or "")),
                registration.get_status_display(),
                registration.created_at.isoformat(),
                registration.checked_in_at.isoformat() if registration.checked_in_at else "",
            ]
            + [_cell(value) for value in answers_in_order(registration, questions)]
        )
    return response


urls = [
    path("<int:pk>/register/", RegisterView.as_view(), name="register"),
    path("<int:pk>/participants/", ParticipantsView.as_view(), name="participants"),
    path("registrations/", MyRegistrationsView.as_view(), name="my-registrations"),
    path("registrations/<int:pk>/", RegistrationDetailView.as_view(), name="registration"),
    path("registrations/<int:pk>/cancel/", RegistrationCancelView.as_view(), name="registration-cancel"),
]
