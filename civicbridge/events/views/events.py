"""Events: the public list and page, ICS, and the organisers' pages (create, edit, programme, questions, actions).

Views are thin: reads from selectors.events, writes through services.events, permissions by the same rules as the API.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views import View

from civicbridge.accounts.rules import is_admin_or_moderator, organisations_edited_by
from civicbridge.core.pagination import page_of
from civicbridge.core.permissions import require
from civicbridge.core.timezones import zone_of
from civicbridge.core.workflow import actions_for, history_for

from ..forms.events import (
    CancelForm,
    EventFilterForm,
    EventForm,
    QuestionForm,
    SessionForm,
    SpeakerForm,
    positions_of,
)
from ..forms.registration import RegistrationForm
from ..ics import calendar_of
from ..models import Event, RegistrationQuestion, Session, Speaker
from ..selectors import delegations as delegation_selectors
from ..selectors import events as selectors
from ..selectors import outcomes as outcome_selectors
from ..services import events as services
from ..services.common import zone_of_event
from ..services.registration import registration_open
from ..workflow import EVENT_WORKFLOW


class EventListView(View):
    """Published events, upcoming first, with filters and pages."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = EventFilterForm(request.GET or None)
        filters = form.filters() if form.is_bound else {"when": "upcoming"}
        page = page_of(request, selectors.public_events(filters))
        can_create = is_admin_or_moderator(request.user) or bool(organisations_edited_by(request.user))
        context = {"filter_form": form, "page_obj": page, "can_create": can_create, "when": filters.get("when")}
        return render(request, "events/event_list.html", context)


class MyEventsView(LoginRequiredMixin, View):
    """The events of the organisations the user acts for, drafts included."""

    def get(self, request: HttpRequest) -> HttpResponse:
        page = page_of(request, selectors.events_organised_by(request.user))
        return render(request, "events/my_events.html", {"page_obj": page})


def visible_event(request: HttpRequest, pk: int, queryset=None) -> Event:
    queryset = queryset if queryset is not None else Event.objects.all()
    return get_object_or_404(queryset.filter(pk__in=selectors.visible_events(request.user).values("pk")), pk=pk)


class EventDetailView(View):
    """One event: place or link, times in its zone and the viewer's, organisers, programme, registration box."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = visible_event(request, pk, selectors.event_detail())
        user = request.user
        delegation_selectors.attach_delegation(event)
        outcome_selectors.attach_outcomes(event, user)
        viewer_zone = zone_of(user)
        event_zone = zone_of_event(event)
        registration = selectors.user_registration(event, user)
        can_edit = user.has_perm("events.change_event", event)
        is_open = registration_open(event)
        context = {
            "event": event,
            "event_zone": event_zone,
            "viewer_zone": viewer_zone,
            "same_zone": str(viewer_zone) == str(event_zone),
            "organiser_links": list(event.organiser_links.all()),
            "sessions": list(event.sessions.all()),
            "registration": registration,
            "registration_open": is_open,
            "counts": selectors.seat_counts(event) if event.registration_enabled or can_edit else None,
            "form": RegistrationForm(event=event) if is_open and registration is None else None,
            "can_edit": can_edit,
            "actions": actions_for(event, user) if can_edit else [],
            "history": [
                {"at": step.at, "label": EVENT_WORKFLOW.action_label(step.action), "reason": step.reason}
                for step in (history_for(event) if can_edit else [])
            ],
        }
        return render(request, "events/event_detail.html", context)


class EventCreateView(LoginRequiredMixin, View):
    """Prepare a draft event for one of the user's organisations (moderators: any)."""

    template_name = "events/event_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("events.add_event"):
            raise PermissionDenied(_("Only editors of an organisation and moderators can create events."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": EventForm(user=request.user)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = EventForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                event = services.event_create(actor=request.user, **form.service_kwargs())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The event is saved as a draft. Add its programme, then publish it."))
                return redirect("events:programme", pk=event.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class EventEditView(LoginRequiredMixin, View):
    template_name = "events/event_form.html"

    def event(self, request: HttpRequest, pk: int) -> Event:
        event = get_object_or_404(Event.objects.prefetch_related("themes", "organiser_links__organisation"), pk=pk)
        require(request.user, "events.change_event", event)
        return event

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.event(request, pk)
        return render(
            request, self.template_name, {"form": EventForm(instance=event, user=request.user), "event": event}
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.event(request, pk)
        form = EventForm(request.POST, instance=event, user=request.user)
        if form.is_valid():
            try:
                services.event_update(actor=request.user, event=event, **form.service_kwargs())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(event)
        return render(request, self.template_name, {"form": form, "event": event}, status=400)


class EventActionView(LoginRequiredMixin, View):
    """Publish, complete, or cancel with a reason (GET shows the reason form)."""

    def get(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        event = get_object_or_404(Event, pk=pk)
        require(request.user, "events.change_event", event)
        if action != "cancel":
            raise Http404
        return render(request, "events/event_cancel.html", {"event": event, "form": CancelForm()})

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        event = get_object_or_404(Event, pk=pk)
        try:
            if action == "publish":
                services.event_publish(actor=request.user, event=event)
            elif action == "complete":
                services.event_complete(actor=request.user, event=event)
            elif action == "cancel":
                form = CancelForm(request.POST)
                if not form.is_valid():
                    return render(request, "events/event_cancel.html", {"event": event, "form": form}, status=400)
                services.event_cancel(actor=request.user, event=event, reason=form.cleaned_data["reason"])
            else:
                raise Http404
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Done."))
        return redirect(event)


class ProgrammeView(LoginRequiredMixin, View):
    """The organisers' programme page: sessions, speakers and registration questions, added and removed in place."""

    template_name = "events/programme.html"

    def event(self, request: HttpRequest, pk: int) -> Event:
        event = get_object_or_404(selectors.event_detail(), pk=pk)
        require(request.user, "events.change_event", event)
        return event

    def render_page(self, request, event, status=200, **forms):
        context = {
            "event": event,
            "sessions": list(event.sessions.all()),
            "questions": list(event.questions.all()),
            "session_form": forms.get("session_form") or SessionForm(event=event),
            "speaker_form": forms.get("speaker_form") or SpeakerForm(event=event, positions_url=request.path),
            "question_form": forms.get("question_form") or QuestionForm(event=event),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.event(request, pk)
        if request.htmx and "person" in request.GET:  # the chosen person's positions, for the speaker form
            options = positions_of(request.GET.get("person"))
            return render(request, "events/_position_options.html", {"positions": options})
        return self.render_page(request, event)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.event(request, pk)
        what = request.POST.get("what")
        form = None
        try:
            if what == "session":
                form = SessionForm(request.POST, event=event)
                if form.is_valid():
                    services.session_save(actor=request.user, event=event, **form.service_kwargs())
                    messages.success(request, _("The session is added."))
                    return redirect("events:programme", pk=pk)
                return self.render_page(request, event, 400, session_form=form)
            if what == "speaker":
                form = SpeakerForm(request.POST, event=event, positions_url=request.path)
                if form.is_valid():
                    data = form.cleaned_data
                    services.speaker_add(
                        actor=request.user,
                        session=data["session"],
                        person=data["person"],
                        position=data["position"],
                        role=data["role"],
                    )
                    messages.success(request, _("The speaker is added."))
                    return redirect("events:programme", pk=pk)
                return self.render_page(request, event, 400, speaker_form=form)
            if what == "question":
                form = QuestionForm(request.POST, event=event)
                if form.is_valid():
                    services.question_add(actor=request.user, event=event, **form.service_kwargs())
                    messages.success(request, _("The question is added."))
                    return redirect("events:programme", pk=pk)
                return self.render_page(request, event, 400, question_form=form)
            if what == "remove-session":
                services.session_delete(
                    actor=request.user, session=get_object_or_404(Session, pk=request.POST.get("id"), event=event)
                )
            elif what == "remove-speaker":
                speaker = get_object_or_404(Speaker, pk=request.POST.get("id"), session__event=event)
                services.speaker_remove(actor=request.user, speaker=speaker)
            elif what == "remove-question":
                question = get_object_or_404(RegistrationQuestion, pk=request.POST.get("id"), event=event)
                services.question_delete(actor=request.user, question=question)
            else:
                raise Http404
        except ValidationError as exc:
            if form is not None:
                form.add_service_error(exc)
                return self.render_page(request, event, 400, **{f"{what}_form": form})
            for message in exc.messages:
                messages.error(request, message)
            return redirect("events:programme", pk=pk)
        messages.success(request, _("Removed."))
        return redirect("events:programme", pk=pk)


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class EventICSView(View):
    """One event as an .ics file (for calendars)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = visible_event(request, pk, Event.objects.select_related("country", "region"))
        return _ics_response(calendar_of([event], base_url=request.build_absolute_uri("/")[:-1]), f"event-{pk}.ics")


class FeedICSView(View):
    """Upcoming published events as a calendar feed to subscribe to."""

    def get(self, request: HttpRequest) -> HttpResponse:
        body = calendar_of(
            selectors.upcoming_feed(), base_url=request.build_absolute_uri("/")[:-1], name=_("CivicBridge events")
        )
        return _ics_response(body, "events.ics")


urls = [
    path("", EventListView.as_view(), name="event-list"),
    path("mine/", MyEventsView.as_view(), name="my-events"),
    path("new/", EventCreateView.as_view(), name="event-create"),
    path("feed.ics", FeedICSView.as_view(), name="feed-ics"),
    path("<int:pk>.ics", EventICSView.as_view(), name="event-ics"),
    path("<int:pk>/", EventDetailView.as_view(), name="event"),
    path("<int:pk>/edit/", EventEditView.as_view(), name="event-edit"),
    path("<int:pk>/programme/", ProgrammeView.as_view(), name="programme"),
    path("<int:pk>/do/<slug:action>/", EventActionView.as_view(), name="event-action"),
]
