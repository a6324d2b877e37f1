"""Report pages: the applicant fills and submits a report, with documents; the operator reviews it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from civicbridge.core.permissions import RulePermissionMixin, require
from civicbridge.files.selectors import files_for

from ...choices import ReportKind
from ...forms.outcomes import (
    ReportFileForm,
    ReportForm,
    ReportReviewForm,
)
from ...models import Report
from ...selectors import dashboard as dash
from ...services import agreements as agreement_services
from .common import errors_to_form, history_rows


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
            history=history_rows(report),
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
            errors_to_form(form, exc, extra_fields=("actuals", "spending"))
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
