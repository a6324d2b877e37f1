"""Outcomes: an event's closing report and its resolutions and commitments (public page, the organisers' editing),
the public list of commitments across events, one commitment with its history and workflow buttons.

Views are thin: reads from selectors.outcomes, writes through services.outcomes, permissions by the same rules as the
API (`events.change_outcome`, `events.add_commitment`, `events.change_commitment`, `events.update_commitment`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View

from civicbridge.core.pagination import page_of
from civicbridge.core.permissions import require
from civicbridge.core.workflow import actions_for, history_for
from civicbridge.registry.models import Organisation

from ..choices import CommitmentStatus
from ..forms.outcomes import CommitmentActionForm, CommitmentFilterForm, CommitmentForm, OutcomeForm
from ..models import Commitment, Event
from ..selectors import outcomes as selectors
from ..services import outcomes as services
from ..workflow import COMMITMENT_WORKFLOW


def event_for(request: HttpRequest, pk: int, perm: str = "events.view_event") -> Event:
    """The event, if the user may see it (else 404) and holds `perm` on it (else 403)."""
    event = get_object_or_404(Event, pk=pk)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    if perm != "events.view_event":
        require(request.user, perm, event)
    return event


def _errors_to_messages(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- the closing report -----------------------------------------------------------------------------------------------


class OutcomeView(View):
    """The closing report of an event with its resolutions and commitments (the same panel as on the event's page)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = selectors.attach_outcomes(event_for(request, pk), request.user)
        context = {"event": event, "can_edit": request.user.has_perm("events.change_outcome", event)}
        return render(request, "events/outcomes/outcome.html", context)


class OutcomeEditView(LoginRequiredMixin, View):
    """Write the closing report (organisers); publish or withdraw it from the same page."""

    template_name = "events/outcomes/outcome_form.html"

    def context(self, event: Event, form: OutcomeForm) -> dict:
        outcome = selectors.outcome_of(event)
        return {
            "event": event,
            "outcome": outcome,
            "form": form,
            "checked_in": services.checked_in_count(event),
            "is_over": services.is_over(event),
            "missing": services.missing_summaries(outcome, event) if outcome else list(event.languages),
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = event_for(request, pk, "events.change_outcome")
        form = OutcomeForm(outcome=selectors.outcome_of(event), languages=event.languages)
        return render(request, self.template_name, self.context(event, form))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = event_for(request, pk, "events.change_outcome")
        form = OutcomeForm(request.POST, languages=event.languages)
        if form.is_valid():
            try:
                services.outcome_save(actor=request.user, event=event, **form.service_kwargs())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The closing report is saved."))
                return redirect("events:outcome-edit", pk=event.pk)
        return render(request, self.template_name, self.context(event, form), status=400)


class OutcomeActionView(LoginRequiredMixin, View):
    """Publish or withdraw the closing report (POST)."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        event = event_for(request, pk, "events.change_outcome")
        outcome = selectors.outcome_of(event)
        if outcome is None or action not in ("publish", "withdraw"):
            raise Http404
        service = services.outcome_publish if action == "publish" else services.outcome_withdraw
        try:
            service(actor=request.user, outcome=outcome)
        except ValidationError as exc:
            _errors_to_messages(request, exc)
            return redirect("events:outcome-edit", pk=event.pk)
        if action == "publish":
            messages.success(request, _("The closing report is published."))
            return redirect("events:outcome", pk=event.pk)
        messages.success(request, _("The closing report is withdrawn from the public pages."))
        return redirect("events:outcome-edit", pk=event.pk)


# --- resolutions and commitments --------------------------------------------------------------------------------------


class CommitmentListView(View):
    """ "Commitments": every resolution and commitment of public events, with filters (status, kind, responsible
    organisation, overdue) and pages."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = CommitmentFilterForm(request.GET or None)
        filters = form.filters() if form.is_bound else {}
        rows = selectors.public_commitments(filters)
        page = page_of(request, rows)
        responsible = event = None
        if filters.get("responsible"):
            responsible = Organisation.objects.filter(pk=filters["responsible"]).first()
        if filters.get("event"):
            event = Event.objects.filter(pk=filters["event"]).first()
        context = {
            "filter_form": form,
            "page_obj": page,
            "responsible": responsible,
            "filtered_event": event,
            "counts": selectors.commitment_counts(rows),
            "statuses": CommitmentStatus.choices,
        }
        return render(request, "events/outcomes/commitment_list.html", context)


def labelled_history(commitment: Commitment) -> list[dict]:
    """The commitment's steps with the states' and actions' names (what the reader sees, not the stored codes)."""
    return [
        {
            "at": row.at,
            "action": COMMITMENT_WORKFLOW.action_label(row.action),
            "source": COMMITMENT_WORKFLOW.state_label(row.source),
            "target": COMMITMENT_WORKFLOW.state_label(row.target),
            "reason": row.reason,
        }
        for row in history_for(commitment)
    ]


def visible_commitment(request: HttpRequest, pk: int) -> Commitment:
    commitment = get_object_or_404(Commitment.objects.select_related("event", "responsible"), pk=pk)
    if not request.user.has_perm("events.view_event", commitment.event):
        raise Http404
    return commitment


class CommitmentDetailView(View):
    """One resolution or commitment: its text, responsible organisation, dates, status, history and buttons."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        commitment = visible_commitment(request, pk)
        user = request.user
        context = {
            "commitment": commitment,
            "actions": actions_for(commitment, user),
            "action_form": CommitmentActionForm(),
            "can_edit": user.has_perm("events.change_commitment", commitment),
            "history": labelled_history(commitment),
        }
        return render(request, "events/outcomes/commitment_detail.html", context)


class CommitmentCreateView(LoginRequiredMixin, View):
    """Record a resolution or commitment of an event (organisers)."""

    template_name = "events/outcomes/commitment_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = event_for(request, pk, "events.add_commitment")
        return render(request, self.template_name, {"event": event, "form": CommitmentForm()})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = event_for(request, pk, "events.add_commitment")
        form = CommitmentForm(request.POST)
        if form.is_valid():
            try:
                services.commitment_create(actor=request.user, event=event, **form.service_kwargs())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Recorded; the responsible organisation is told."))
                if "another" in request.POST:
                    return redirect("events:commitment-create", pk=event.pk)
                return redirect("events:outcome", pk=event.pk)
        return render(request, self.template_name, {"event": event, "form": form}, status=400)


class CommitmentEditView(LoginRequiredMixin, View):
    """Change a resolution or commitment (organisers), or delete one still planned."""

    template_name = "events/outcomes/commitment_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        commitment = visible_commitment(request, pk)
        require(request.user, "events.change_commitment", commitment)
        form = CommitmentForm(commitment=commitment)
        return render(request, self.template_name, {"event": commitment.event, "commitment": commitment, "form": form})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        commitment = visible_commitment(request, pk)
        require(request.user, "events.change_commitment", commitment)
        if "delete" in request.POST:
            try:
                services.commitment_delete(actor=request.user, commitment=commitment)
            except ValidationError as exc:
                _errors_to_messages(request, exc)
                return redirect(commitment)
            messages.success(request, _("Deleted."))
            return redirect("events:outcome", pk=commitment.event_id)
        form = CommitmentForm(request.POST)
        if form.is_valid():
            try:
                services.commitment_update(actor=request.user, commitment=commitment, **form.service_kwargs())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(commitment)
        context = {"event": commitment.event, "commitment": commitment, "form": form}
        return render(request, self.template_name, context, status=400)


class CommitmentActionView(LoginRequiredMixin, View):
    """Start, complete, drop or reopen a commitment (POST): the responsible organisation's editors or organisers."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        commitment = visible_commitment(request, pk)
        if action not in services.COMMITMENT_ACTIONS:
            raise Http404
        form = CommitmentActionForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
            return redirect(commitment)
        try:
            services.commitment_act(
                actor=request.user,
                commitment=commitment,
                action=action,
                reason=form.cleaned_data["reason"],
                done_on=form.cleaned_data["done_on"],
            )
        except ValidationError as exc:
            _errors_to_messages(request, exc)
        else:
            messages.success(request, _("Done."))
        return redirect(commitment)


def organisation_commitments_url(organisation: Organisation) -> str:
    """The commitments an organisation is responsible for (a link for its page in the registry)."""
    return f"{reverse('events:commitments')}?responsible={organisation.pk}"


urls = [
    path("commitments/", CommitmentListView.as_view(), name="commitments"),
    path("commitments/<int:pk>/", CommitmentDetailView.as_view(), name="commitment"),
    path("commitments/<int:pk>/edit/", CommitmentEditView.as_view(), name="commitment-edit"),
    path("commitments/<int:pk>/do/<slug:action>/", CommitmentActionView.as_view(), name="commitment-action"),
    path("<int:pk>/outcome/", OutcomeView.as_view(), name="outcome"),
    path("<int:pk>/outcome/edit/", OutcomeEditView.as_view(), name="outcome-edit"),
    path("<int:pk>/outcome/do/<slug:action>/", OutcomeActionView.as_view(), name="outcome-action"),
    path("<int:pk>/commitments/new/", CommitmentCreateView.as_view(), name="commitment-create"),
]
