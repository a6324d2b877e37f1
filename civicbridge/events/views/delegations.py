"""Delegation visits: the public list (hosted in / visitors from), the delegation's page, and the organisers' page
to record the delegation (hosts, visitors, purpose), its members and its programme of visits.

Views are thin: reads from selectors.delegations, writes through services.delegations; organisers of the event may
edit (`events.change_delegation`, which is the event's `events.change_event`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views import View

from civicbridge.core.pagination import page_of

from ..choices import EventKind
from ..forms.delegations import DelegationFilterForm, DelegationForm, MemberForm, VisitForm
from ..models import Delegation, DelegationMember, DelegationVisit, Event
from ..selectors import delegations as selectors
from ..services import delegations as services
from .outcomes import event_for


class DelegationListView(View):
    """Delegation visits, newest first, filtered by the hosts' or the visitors' country."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = DelegationFilterForm(request.GET or None)
        page = page_of(request, selectors.public_delegation_visits(form.filters() if form.is_bound else {}))
        return render(request, "events/delegations/delegation_list.html", {"filter_form": form, "page_obj": page})


class DelegationView(View):
    """The delegation of a visit: hosts, visitors, members, programme (the panel of the event's page)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = event_for(request, pk)
        if event.kind != EventKind.DELEGATION_VISIT:
            raise Http404
        selectors.attach_delegation(event)
        context = {"event": event, "can_edit": request.user.has_perm("events.change_delegation", event)}
        return render(request, "events/delegations/delegation.html", context)


class DelegationEditView(LoginRequiredMixin, View):
    """The organisers' page: the delegation's record, then its members and visits (each added by its own form)."""

    template_name = "events/delegations/delegation_form.html"

    def event(self, request: HttpRequest, pk: int) -> Event:
        event = event_for(request, pk, "events.change_delegation")
        if event.kind != EventKind.DELEGATION_VISIT:
            raise Http404
        return selectors.attach_delegation(event)

    def context(self, event: Event, **forms) -> dict:
        delegation = getattr(event, "delegation", None)  # None cached: RelatedObjectDoesNotExist, an AttributeError
        return {
            "event": event,
            "delegation": delegation,
            "form": forms.get("form") or DelegationForm(delegation=delegation),
            "member_form": forms.get("member_form") or MemberForm(),
            "visit_form": forms.get("visit_form") or VisitForm(event=event),
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, self.context(self.event(request, pk)))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.event(request, pk)
        form = DelegationForm(request.POST)
        if form.is_valid():
            try:
                services.delegation_save(actor=request.user, event=event, **form.service_kwargs())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The delegation is saved."))
                return redirect("events:delegation-edit", pk=event.pk)
        return render(request, self.template_name, self.context(event, form=form), status=400)


def _delegation(event: Event) -> Delegation:
    delegation = Delegation.objects.filter(event=event).first()
    if delegation is None:
        raise Http404
    return delegation


class MemberAddView(DelegationEditView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return redirect("events:delegation-edit", pk=pk)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.event(request, pk)
        delegation = _delegation(event)
        form = MemberForm(request.POST)
        if form.is_valid():
            try:
                services.member_add(actor=request.user, delegation=delegation, **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The member is added."))
                return redirect("events:delegation-edit", pk=event.pk)
        return render(request, self.template_name, self.context(event, member_form=form), status=400)


class VisitAddView(DelegationEditView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return redirect("events:delegation-edit", pk=pk)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.event(request, pk)
        delegation = _delegation(event)
        form = VisitForm(request.POST, event=event)
        if form.is_valid():
            try:
                services.visit_add(actor=request.user, delegation=delegation, **form.service_kwargs())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The visit is added to the programme."))
                return redirect("events:delegation-edit", pk=event.pk)
        return render(request, self.template_name, self.context(event, visit_form=form), status=400)


class VisitEditView(LoginRequiredMixin, View):
    """Change one visit of the programme."""

    template_name = "events/delegations/visit_form.html"

    def setup_visit(self, request: HttpRequest, pk: int, visit_pk: int) -> tuple[Event, DelegationVisit]:
        event = event_for(request, pk, "events.change_delegation")
        visit = get_object_or_404(DelegationVisit, pk=visit_pk, delegation__event=event)
        return event, visit

    def get(self, request: HttpRequest, pk: int, visit_pk: int) -> HttpResponse:
        event, visit = self.setup_visit(request, pk, visit_pk)
        form = VisitForm(event=event, visit=visit)
        return render(request, self.template_name, {"event": event, "visit": visit, "form": form})

    def post(self, request: HttpRequest, pk: int, visit_pk: int) -> HttpResponse:
        event, visit = self.setup_visit(request, pk, visit_pk)
        form = VisitForm(request.POST, event=event)
        if form.is_valid():
            try:
                services.visit_update(actor=request.user, visit=visit, **form.service_kwargs())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect("events:delegation-edit", pk=event.pk)
        return render(request, self.template_name, {"event": event, "visit": visit, "form": form}, status=400)


class RemoveView(LoginRequiredMixin, View):
    """Take a member or a visit off the delegation (POST)."""

    def post(self, request: HttpRequest, pk: int, what: str, item_pk: int) -> HttpResponse:
        event = event_for(request, pk, "events.change_delegation")
        if what == "members":
            member = get_object_or_404(DelegationMember, pk=item_pk, delegation__event=event)
            services.member_remove(actor=request.user, member=member)
        elif what == "visits":
            visit = get_object_or_404(DelegationVisit, pk=item_pk, delegation__event=event)
            services.visit_remove(actor=request.user, visit=visit)
        else:
            raise Http404
        messages.success(request, _("Removed."))
        return redirect("events:delegation-edit", pk=event.pk)


urls = [
    path("delegations/", DelegationListView.as_view(), name="delegations"),
    path("<int:pk>/delegation/", DelegationView.as_view(), name="delegation"),
    path("<int:pk>/delegation/edit/", DelegationEditView.as_view(), name="delegation-edit"),
    path("<int:pk>/delegation/members/", MemberAddView.as_view(), name="delegation-member-add"),
    path("<int:pk>/delegation/visits/", VisitAddView.as_view(), name="delegation-visit-add"),
    path("<int:pk>/delegation/visits/<int:visit_pk>/", VisitEditView.as_view(), name="delegation-visit-edit"),
    path("<int:pk>/delegation/<slug:what>/<int:item_pk>/remove/", RemoveView.as_view(), name="delegation-remove"),
]
