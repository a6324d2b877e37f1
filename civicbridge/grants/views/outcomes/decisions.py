"""Outcome pages of those who run a call: the decision form, the call's dashboard, publishing the results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from civicbridge.core.pagination import page_of
from civicbridge.core.permissions import RulePermissionMixin
from civicbridge.core.workflow import actions_for

from ...choices import ApplicationStatus, Outcome
from ...forms.outcomes import (
    DecisionForm,
)
from ...models import Application, Call
from ...selectors import dashboard as dash
from ...selectors.applications import application_detail
from ...services import decisions as decision_services
from ...workflow import APPLICATION_WORKFLOW
from ..operator import CallPageMixin
from .common import PER_PAGE, history_rows


class DecisionRecordView(RulePermissionMixin, FormView):
    """The committee's decision on one application: award (with amount), reject or waitlist, reason, protocol."""

    permission_required = "grants.decide"
    form_class = DecisionForm
    template_name = "grants/outcomes/decision_form.html"

    @cached_property
    def application(self) -> Application:
        return get_object_or_404(
            application_detail().select_related("decision", "call__programme"), pk=self.kwargs["pk"]
        )

    def get_permission_object(self) -> Application:
        return self.application

    def outcomes(self) -> list[str]:
        allowed = APPLICATION_WORKFLOW.transitions_from(self.application.status)
        return [value for value in Outcome.values if value in allowed]

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["outcomes"] = self.outcomes()
        kwargs.setdefault("initial", {})["amount"] = self.application.requested_amount
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        application = self.application
        return super().get_context_data(
            application=application,
            call=application.call,
            decision=getattr(application, "decision", None),
            can_decide=bool(self.outcomes()),
            history=history_rows(application),
            **kwargs,
        )

    def form_valid(self, form: DecisionForm) -> HttpResponse:
        try:
            decision_services.decision_record(
                actor=self.request.user, application=self.application, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_service_error(exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The decision was recorded and the applicant informed."))
        return redirect("grants:call-dashboard", code=self.application.call.code)


class CallDashboardView(CallPageMixin, TemplateView):
    """A call at a glance for those who run it: applications by status, reviews, budget, overdue reports, decisions."""

    permission_required = "grants.view_call_dashboard"
    template_name = "grants/outcomes/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        status = self.request.GET.get("status", "")
        return super().get_context_data(
            call=self.call,
            figures=dash.call_dashboard(self.call),
            page_obj=page_of(self.request, dash.decision_table(self.call, status), PER_PAGE),
            status=status,
            status_choices=[(s.value, s.label) for s in ApplicationStatus if s in dash.DECISION_STAGE],
            call_actions=actions_for(self.call, self.request.user),
            today=timezone.localdate(),
            **kwargs,
        )


class CallPublishResultsView(LoginRequiredMixin, View):
    """POST: publish the call's results (every application decided)."""

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        call = get_object_or_404(Call, code=code)
        try:
            decision_services.call_publish_results(actor=request.user, call=call)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("grants:call-dashboard", code=code)
        messages.success(request, _("The results were published."))
        return redirect("grants:call-results", code=code)
