"""Agreement pages: creating one from an award, its page with instalments and reports, closing, payments."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from civicbridge.core.pagination import page_of
from civicbridge.core.permissions import RulePermissionMixin

from ...forms.outcomes import (
    AgreementCloseForm,
    AgreementForm,
    InstalmentFormSet,
    InstalmentPaidForm,
    MilestoneFormSet,
)
from ...models import Agreement, Application, Instalment
from ...selectors import dashboard as dash
from ...services import agreements as agreement_services
from .common import PER_PAGE, errors_to_form, history_rows


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
            errors_to_form(form, exc, extra_fields=("instalments", "milestones"))
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
            history=history_rows(agreement),
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
        return super().get_context_data(
            page_obj=page_of(self.request, dash.my_agreements(self.request.user), PER_PAGE), **kwargs
        )
