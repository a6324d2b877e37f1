"""Pages of state support: outcomes — decisions, public results and open data, the call's dashboard, agreements
and reports.

Views are thin: reads come from `selectors.results`/`selectors.dashboard`, writes go through `services.decisions`/
`services.agreements`, and the permissions are the rules the services and the API ask.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from civicbridge.core.permissions import RulePermissionMixin, require
from civicbridge.core.workflow import actions_for, history_for, workflow_for
from civicbridge.files.selectors import files_for

from ..choices import ApplicationStatus, CallStatus, Outcome, ReportKind
from ..forms.outcomes import (
    AgreementCloseForm,
    AgreementForm,
    DecisionForm,
    InstalmentFormSet,
    InstalmentPaidForm,
    MilestoneFormSet,
    ReportFileForm,
    ReportForm,
    ReportReviewForm,
    ResultsFilterForm,
)
from ..models import Agreement, Application, Call, Instalment, Report
from ..selectors import dashboard as dash
from ..selectors import results as res
from ..selectors.applications import application_detail
from ..services import agreements as agreement_services
from ..services import decisions as decision_services
from ..workflow import APPLICATION_WORKFLOW

PER_PAGE = 25


def _page(request: HttpRequest, queryset, per_page: int = PER_PAGE) -> Page:
    """One page of a list; a page number out of range shows the last page rather than an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _errors_to_form(form, exc: ValidationError, *, extra_fields: tuple[str, ...] = ()) -> None:
    """A service's errors on the form; errors of the formsets' rows (instalments, milestones) go above the form."""
    if hasattr(exc, "error_dict"):
        for name in extra_fields:
            for message in exc.message_dict.get(name, []):
                form.add_error(None, message)
        rest = {k: v for k, v in exc.error_dict.items() if k not in extra_fields}
        if not rest:
            return
        exc = ValidationError(rest)
    form.add_service_error(exc)


def _history(obj) -> list[dict[str, Any]]:
    """The object's workflow history with the labels of its states and actions, in the viewer's language."""
    workflow = workflow_for(type(obj))
    return [
        {
            "step": step,
            "action": workflow.action_label(step.action),
            "source": workflow.state_label(step.source),
            "target": workflow.state_label(step.target),
        }
        for step in history_for(obj)
    ]


# --- Decisions ----------------------------------------------------------------------------------------------------


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
            history=_history(application),
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


# --- Public results and open data ------------------------------------------------------------------------------------


def _results_filter(request: HttpRequest) -> tuple[ResultsFilterForm, dict[str, Any]]:
    form = ResultsFilterForm(request.GET or None, choices=res.filter_choices())
    return form, (form.filters() if request.GET else {})


class ResultsView(View):
    """Winners of every call whose results are published: filters, pages, and the open-data downloads."""

    template_name = "grants/outcomes/results.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form, filters = _results_filter(request)
        queryset = res.filter_winners(res.winners(), **filters)
        context = {
            "filter_form": form,
            "page_obj": _page(request, queryset),
            "fields": res.OPEN_DATA_FIELDS,
            "query": request.GET.urlencode(),
        }
        return render(request, self.template_name, context)


class CallResultsView(View):
    """One call's results: winners per band with amounts, regions, themes and scores (a preview for its runners)."""

    template_name = "grants/outcomes/call_results.html"

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        call = get_object_or_404(Call.objects.select_related("programme__funder"), code=code)
        if not request.user.has_perm("grants.view_results", call):
            raise Http404(_("The results of this call are not published."))
        published = call.status == CallStatus.RESULTS_PUBLISHED
        groups = res.call_results(call, published_only=published)
        context = {
            "call": call,
            "groups": groups,
            "published": published,
            "total": sum((g["total"] for g in groups), 0),
            "count": sum(len(g["winners"]) for g in groups),
        }
        return render(request, self.template_name, context)


class _Echo:
    """A file-like object whose write returns the line, for csv.writer feeding a streaming response."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    names = [field.name for field in res.OPEN_DATA_FIELDS]
    writer = csv.writer(_Echo())
    yield writer.writerow(names)
    for row in rows:
        yield writer.writerow(
            ["; ".join(row[n]) if n == "themes" else ("" if row[n] is None else row[n]) for n in names]
        )


def _json_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for index, row in enumerate(rows):
        yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


class ResultsExportView(View):
    """The winners as open data, CSV or JSON, streamed row by row with the same filters as the results page."""

    def get(self, request: HttpRequest, fmt: str) -> StreamingHttpResponse:
        if fmt not in ("csv", "json"):
            raise Http404(_("Choose csv or json."))
        _form, filters = _results_filter(request)
        rows = res.open_data_rows(res.filter_winners(res.winners(), **filters))
        stamp = timezone.localdate().isoformat()
        if fmt == "csv":
            response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
        else:
            response = StreamingHttpResponse(_json_lines(rows), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="grant-results-{stamp}.{fmt}"'
        return response


# --- The operator's dashboard ------------------------------------------------------------------------------------


class CallDashboardView(RulePermissionMixin, TemplateView):
    """A call at a glance for those who run it: applications by status, reviews, budget, overdue reports, decisions."""

    permission_required = "grants.view_call_dashboard"
    template_name = "grants/outcomes/dashboard.html"

    @cached_property
    def call(self) -> Call:
        return get_object_or_404(Call.objects.select_related("programme"), code=self.kwargs["code"])

    def get_permission_object(self) -> Call:
        return self.call

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        status = self.request.GET.get("status", "")
        return super().get_context_data(
            call=self.call,
            figures=dash.call_dashboard(self.call),
            page_obj=_page(self.request, dash.decision_table(self.call, status)),
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


# --- Agreements ---------------------------------------------------------------------------------------------------


def _split(amount, starts, ends, request: HttpRequest) -> list[dict[str, Any]]:
    """Initial instalments: `?instalments=N` equal parts (the cents left over go to the first), spread over the term."""
    try:
        count = max(1, min(12, int(request.GET.get("instalments", 1))))
    except ValueError:
        count = 1
    if amount is None:
        return [{"due_on": starts} for _ in range(count)]
    part = (amount / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    rows = []
    for index in range(count):
        due = starts + (ends - starts) * index / count if starts and ends else None
        rows.append({"due_on": due, "amount": part + (amount - part * count if index == 0 else 0)})
    return rows


class AgreementCreateView(RulePermissionMixin, View):
    """The agreement of an awarded application: number, dates, instalments summing to the award, milestones."""

    permission_required = "grants.manage_agreement"
    template_name = "grants/outcomes/agreement_form.html"

    @cached_property
    def application(self) -> Application:
        return get_object_or_404(
            Application.objects.select_related("call__programme", "organisation", "decision"), pk=self.kwargs["pk"]
        )

    def get_permission_object(self) -> Application:
        return self.application

    def _render(self, form, instalments, milestones, status=200) -> HttpResponse:
        application = self.application
        context = {
            "application": application,
            "decision": getattr(application, "decision", None),
            "existing": Agreement.objects.filter(application=application).first(),
            "form": form,
            "instalments": instalments,
            "milestones": milestones,
            "instalment_count": len(instalments.forms),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.application
        starts, ends = application.starts_on, application.ends_on
        decision = getattr(application, "decision", None)
        form = AgreementForm(initial={"signed_on": timezone.localdate(), "starts_on": starts, "ends_on": ends})
        instalments = InstalmentFormSet(
            prefix="instalments", initial=_split(decision.amount if decision else None, starts, ends, request)
        )
        defaults = agreement_services.default_milestones(starts, ends) if starts and ends else []
        milestones = MilestoneFormSet(prefix="milestones", initial=defaults)
        return self._render(form, instalments, milestones)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = AgreementForm(request.POST)
        instalments = InstalmentFormSet(request.POST, prefix="instalments")
        milestones = MilestoneFormSet(request.POST, prefix="milestones")
        if not (form.is_valid() and instalments.is_valid() and milestones.is_valid()):
            return self._render(form, instalments, milestones)
        try:
            agreement = agreement_services.agreement_create(
                actor=request.user,
                application=self.application,
                instalments=[row for row in instalments.cleaned_data if row],
                milestones=[row for row in milestones.cleaned_data if row],
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc, extra_fields=("instalments", "milestones"))
            return self._render(form, instalments, milestones)
        messages.success(request, _("The agreement was recorded."))
        return redirect(agreement)


class AgreementDetailView(RulePermissionMixin, TemplateView):
    """An agreement: amount, dates, instalments, reports with their status and overdue flags; closing for runners."""

    permission_required = "grants.view_agreement"
    template_name = "grants/outcomes/agreement_detail.html"

    @cached_property
    def agreement(self) -> Agreement:
        return get_object_or_404(dash.agreement_detail(), pk=self.kwargs["pk"])

    def get_permission_object(self) -> Agreement:
        return self.agreement

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        agreement, user = self.agreement, self.request.user
        today = timezone.localdate()
        reports = [(report, dash.is_overdue(report, today)) for report in agreement.reports.all()]
        can_manage = user.has_perm("grants.manage_agreement", agreement)
        return super().get_context_data(
            agreement=agreement,
            application=agreement.application,
            reports=reports,
            paid=sum((i.amount for i in agreement.instalments.all() if i.paid_on), 0),
            can_manage=can_manage,
            can_report=user.has_perm("grants.submit_report", agreement),
            close_form=AgreementCloseForm() if can_manage and agreement.status == "active" else None,
            paid_form=InstalmentPaidForm(initial={"paid_on": today}) if can_manage else None,
            history=_history(agreement),
            **kwargs,
        )


class AgreementCloseView(RulePermissionMixin, View):
    """POST: close the project with a rating, or terminate it early with a reason."""

    permission_required = "grants.manage_agreement"

    @cached_property
    def agreement(self) -> Agreement:
        return get_object_or_404(Agreement, pk=self.kwargs["pk"])

    def get_permission_object(self) -> Agreement:
        return self.agreement

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = AgreementCloseForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if request.POST.get("action") == "terminate":
                    agreement_services.agreement_terminate(
                        actor=request.user, agreement=self.agreement, reason=data["note"], rating=data["rating"]
                    )
                else:
                    agreement_services.agreement_close(
                        actor=request.user, agreement=self.agreement, rating=data["rating"], note=data["note"]
                    )
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The project was closed."))
        else:
            messages.error(request, _("Rate the project: successful, satisfactory or unsuccessful."))
        return redirect(self.agreement)


class InstalmentPaidView(RulePermissionMixin, View):
    """POST: record the payment of one instalment."""

    permission_required = "grants.manage_agreement"

    @cached_property
    def instalment(self) -> Instalment:
        return get_object_or_404(Instalment.objects.select_related("agreement"), pk=self.kwargs["pk"])

    def get_permission_object(self) -> Agreement:
        return self.instalment.agreement

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = InstalmentPaidForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors["paid_on"])
            agreement_services.instalment_mark_paid(
                actor=request.user, instalment=self.instalment, paid_on=form.cleaned_data["paid_on"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The payment was recorded."))
        return redirect(self.instalment.agreement)


class MyAgreementsView(LoginRequiredMixin, TemplateView):
    """The agreements of the organisations the user acts for, with overdue reports counted."""

    template_name = "grants/outcomes/my_agreements.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(page_obj=_page(self.request, dash.my_agreements(self.request.user)), **kwargs)


# --- Reports ------------------------------------------------------------------------------------------------------


class _ReportMixin:
    """The report of the URL, which is also the object the permission is asked on (so it comes first in the MRO)."""

    @cached_property
    def report(self) -> Report:
        return get_object_or_404(dash.report_detail(), pk=self.kwargs["pk"])

    def get_permission_object(self) -> Report:
        return self.report

    def plan_lines(self) -> list:
        application = self.report.agreement.application
        if self.report.kind == ReportKind.NARRATIVE:
            return list(application.indicators.all())
        return list(application.budget_lines.all())


class ReportDetailView(_ReportMixin, RulePermissionMixin, TemplateView):
    """A report against its plan (indicators vs targets, or spending vs budget), its history, and the review form."""

    permission_required = "grants.view_agreement"
    template_name = "grants/outcomes/report_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        report, user = self.report, self.request.user
        can_review = report.status == "submitted" and user.has_perm("grants.review_report", report)
        kwargs.setdefault("review_form", ReportReviewForm() if can_review else None)
        return super().get_context_data(
            report=report,
            agreement=report.agreement,
            overdue=dash.is_overdue(report),
            can_edit=report.status in dash.OPEN_REPORT and user.has_perm("grants.submit_report", report),
            files=list(files_for(report)),
            history=_history(report),
            **dash.report_rows(report),
            **kwargs,
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The operator's verdict."""
        require(request.user, "grants.review_report", self.report)
        form = ReportReviewForm(request.POST)
        if form.is_valid():
            try:
                agreement_services.report_review(actor=request.user, report=self.report, **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Your verdict was recorded and the applicant informed."))
                return redirect(self.report)
        return self.render_to_response(self.get_context_data(review_form=form, form=form))


class ReportEditView(_ReportMixin, RulePermissionMixin, View):
    """The applicant fills a report: the text and an actual per indicator or the spending per budget line."""

    permission_required = "grants.submit_report"
    template_name = "grants/outcomes/report_form.html"

    def _form(self, data=None) -> ReportForm:
        report = self.report
        rows = report.actuals.all() if report.kind == ReportKind.NARRATIVE else report.spending.all()
        key = "indicator_id" if report.kind == ReportKind.NARRATIVE else "budget_line_id"
        existing = {getattr(row, key): row for row in rows}
        return ReportForm(data, report=report, lines=self.plan_lines(), existing=existing)

    def _render(self, form: ReportForm, file_form: ReportFileForm | None = None) -> HttpResponse:
        report = self.report
        context = {
            "form": form,
            "file_form": file_form or ReportFileForm(),
            "files": list(files_for(report)),
            "report": report,
            "agreement": report.agreement,
            "overdue": dash.is_overdue(report),
            "editable": report.status in dash.OPEN_REPORT,
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(self._form())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if "upload" in request.POST:
            return self._upload(request)
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(form)
        rows = form.service_rows()
        narrative = form.report.kind == ReportKind.NARRATIVE
        try:
            agreement_services.report_save(
                actor=request.user,
                report=self.report,
                narrative=form.cleaned_data["narrative"],
                actuals=rows if narrative else None,
                spending=None if narrative else rows,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc, extra_fields=("actuals", "spending"))
            return self._render(form)
        if "submit" not in request.POST:
            messages.success(request, _("The report was saved. Submit it when it is complete."))
            return redirect("grants:report-edit", pk=self.report.pk)
        try:
            agreement_services.report_submit(actor=request.user, report=self.report)
        except ValidationError as exc:
            form.add_error(None, _("Your changes were saved, but the report cannot be submitted yet:"))
            for message in exc.messages:
                form.add_error(None, message)
            return self._render(form)
        messages.success(request, _("The report was submitted to the operator."))
        return redirect(self.report)

    def _upload(self, request: HttpRequest) -> HttpResponse:
        file_form = ReportFileForm(request.POST, request.FILES)
        if file_form.is_valid():
            try:
                agreement_services.report_attach(
                    actor=request.user, report=self.report, uploaded_file=file_form.cleaned_data["file"]
                )
            except ValidationError as exc:
                file_form.add_error("file", exc)
            else:
                messages.success(request, _("The document was attached."))
                return redirect("grants:report-edit", pk=self.report.pk)
        return self._render(self._form(), file_form)


urls = [
    path("applications/<int:pk>/decision/", DecisionRecordView.as_view(), name="decision-record"),
    path("applications/<int:pk>/agreement/", AgreementCreateView.as_view(), name="agreement-create"),
    path("results/", ResultsView.as_view(), name="results"),
    path("results/export/<str:fmt>/", ResultsExportView.as_view(), name="results-export"),
    path("calls/<slug:code>/results/", CallResultsView.as_view(), name="call-results"),
    path("calls/<slug:code>/results/publish/", CallPublishResultsView.as_view(), name="call-publish-results"),
    path("calls/<slug:code>/dashboard/", CallDashboardView.as_view(), name="call-dashboard"),
    path("agreements/", MyAgreementsView.as_view(), name="my-agreements"),
    path("agreements/<int:pk>/", AgreementDetailView.as_view(), name="agreement-detail"),
    path("agreements/<int:pk>/close/", AgreementCloseView.as_view(), name="agreement-close"),
    path("instalments/<int:pk>/paid/", InstalmentPaidView.as_view(), name="instalment-paid"),
    path("reports/<int:pk>/", ReportDetailView.as_view(), name="report-detail"),
    path("reports/<int:pk>/edit/", ReportEditView.as_view(), name="report-edit"),
]
