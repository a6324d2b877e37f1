"""Pages of state support: operator. The operator's calls, new programmes, creating and editing calls with their
parts, the call's workflow buttons, and the screening page (run screening, see every check, override)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from civicbridge.core.pagination import page_of
from civicbridge.core.permissions import RulePermissionMixin
from civicbridge.core.workflow import actions_for, history_for

from ..choices import ApplicationStatus, CallStatus
from ..forms.calls import (
    CallActionForm,
    CallForm,
    OverrideForm,
    ProgrammeForm,
    call_initial_parts,
    formset_rows,
    part_formsets,
)
from ..models import Application, Call, Programme
from ..selectors import calls as selectors
from ..selectors import eligibility as screening
from ..services import calls as services
from ..services import eligibility as eligibility_services

# Applications screened per click (setting GRANTS_SCREENING_BATCH): keeps one request well under a minute (about
# 45 ms an application, notifications queued).
SCREEN_BATCH = 500

PART_LABELS = {
    "bands": gettext_lazy("Request-size bands"),
    "terms": gettext_lazy("Duration terms"),
    "criteria": gettext_lazy("Rubric"),
    "documents": gettext_lazy("Required documents"),
}


class ProgrammePageMixin(RulePermissionMixin):
    """A page about the programme in the URL (`pk`); the rule is asked about it."""

    @cached_property
    def programme(self) -> Programme:
        return get_object_or_404(Programme.objects.select_related("funder", "operator"), pk=self.kwargs["pk"])

    def get_permission_object(self) -> Programme:
        return self.programme


class CallPageMixin(RulePermissionMixin):
    """A page about the call in the URL (`code`); the rule is asked about it."""

    def calls(self) -> QuerySet[Call]:
        """Where the call is read from: with its programme, or (a page that shows more) with more."""
        return Call.objects.select_related("programme")

    @cached_property
    def call(self) -> Call:
        return get_object_or_404(self.calls(), code=self.kwargs["code"])

    def get_permission_object(self) -> Call:
        return self.call


class OperatorCallsView(RulePermissionMixin, View):
    """The calls of the programmes the user runs, with their stage and what waits for screening."""

    permission_required = "grants.add_programme"

    def get(self, request: HttpRequest) -> HttpResponse:
        status = request.GET.get("status") or None
        context = {
            "page_obj": page_of(request, selectors.operator_calls(request.user, status=status)),
            "programmes": list(selectors.programmes_run_by(request.user).order_by("-created_at")[:50]),
            "statuses": CallStatus.choices,
            "status": status,
        }
        return render(request, "grants/operator/call_list.html", context)


class ProgrammeCreateView(RulePermissionMixin, View):
    """A new programme of a funder the user runs programmes for."""

    permission_required = "grants.add_programme"
    template_name = "grants/operator/programme_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": ProgrammeForm(user=request.user)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ProgrammeForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                programme = services.programme_create(
                    actor=request.user, themes=form.cleaned_data["themes"], **form.service_fields()
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The programme was created. Now add its first call."))
                return redirect("grants:call-create", pk=programme.pk)
        return render(request, self.template_name, {"form": form})


class ProgrammeEditView(ProgrammePageMixin, View):
    """Edit a programme (its funder never changes; its currency only until it has calls)."""

    permission_required = "grants.change_programme"
    template_name = "grants/operator/programme_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = ProgrammeForm(user=request.user, instance=self.programme)
        return render(request, self.template_name, {"form": form, "programme": self.programme})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        programme = self.programme
        form = ProgrammeForm(request.POST, user=request.user, instance=programme)
        if form.is_valid():
            try:
                services.programme_update(
                    actor=request.user, programme=programme, themes=form.cleaned_data["themes"], **form.service_fields()
                )
            except ValidationError as exc:
                programme.refresh_from_db()
                form.add_service_error(exc)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect(programme)
        return render(request, self.template_name, {"form": form, "programme": programme})


class CallFormMixin(RulePermissionMixin):
    """The call form and its four part formsets, saved through one service call."""

    template_name = "grants/operator/call_form.html"

    def render_form(self, form: CallForm, formsets: dict, **extra: Any) -> HttpResponse:
        context = {
            "form": form,
            "formsets": [(kind, PART_LABELS[kind], fs) for kind, fs in formsets.items()],
            **extra,
        }
        return render(self.request, self.template_name, context)

    def handle(self, form: CallForm, formsets: dict, save) -> HttpResponse | None:
        """Validate, call `save(fields, parts, preset)`; on a refusal put the reasons on the form and return None."""
        if not (form.is_valid() and all(fs.is_valid() for fs in formsets.values())):
            if any(not fs.is_valid() for fs in formsets.values()):
                form.add_error(None, _("Check the rows marked below."))
            return None
        preset = form.cleaned_data.get("rubric_preset") or None
        parts = {kind: formset_rows(fs) for kind, fs in formsets.items()}
        if preset:
            parts.pop("criteria")
        try:
            return save(form.service_fields(), parts, preset)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for kind in list(exc.error_dict):
                    if kind in PART_LABELS:
                        for message in ValidationError(exc.error_dict.pop(kind)).messages:
                            form.add_error(None, f"{PART_LABELS[kind]}: {message}")
                if "rubric_preset" in exc.error_dict:
                    form.add_error("rubric_preset", exc.error_dict.pop("rubric_preset"))
                if exc.error_dict:
                    form.add_service_error(exc)
            else:
                form.add_service_error(exc)
            return None


class CallCreateView(ProgrammePageMixin, CallFormMixin, View):
    """A new draft call of a programme."""

    permission_required = "grants.add_call"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = CallForm(initial={"rubric_preset": "ten", "refuse_overdue_reports": True})
        return self.render_form(form, part_formsets(), programme=self.programme)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form, formsets = CallForm(request.POST), part_formsets(request.POST)

        def save(fields, parts, preset):
            call = services.call_create(
                actor=request.user, programme=self.programme, rubric_preset=preset, **parts, **fields
            )
            messages.success(request, _("The call was saved as a draft. Publish it when it is ready."))
            return redirect("grants:call-edit", code=call.code)

        return self.handle(form, formsets, save) or self.render_form(form, formsets, programme=self.programme)


class CallEditView(CallPageMixin, CallFormMixin, View):
    """Edit a call; what can no longer change at its stage is listed with the reason, and refused if changed."""

    permission_required = "grants.change_call"

    def calls(self) -> QuerySet[Call]:
        return selectors.call_detail_queryset()

    def extra(self) -> dict[str, Any]:
        call = self.call
        return {
            "call": call,
            "programme": call.programme,
            "locked": sorted(set(services.locked_fields(call).values())),
            "actions": actions_for(call, self.request.user),
            "action_form": CallActionForm(),
            "history": list(history_for(call)),
        }

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        call = self.call
        return self.render_form(CallForm(call=call), part_formsets(initial=call_initial_parts(call)), **self.extra())

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        call = self.call
        form = CallForm(request.POST, call=call)
        formsets = part_formsets(request.POST, initial=call_initial_parts(call))

        def save(fields, parts, preset):
            saved = services.call_update(actor=request.user, call=call, rubric_preset=preset, **parts, **fields)
            messages.success(request, _("The changes were saved."))
            return redirect("grants:call-edit", code=saved.code)

        return self.handle(form, formsets, save) or self.render_form(form, formsets, **self.extra())


class CallActionView(CallPageMixin, View):
    """A workflow button of a call: publish, start the review, cancel (with a reason)."""

    permission_required = "grants.manage_call"

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        form = CallActionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose an action."))
            return redirect("grants:call-edit", code=code)
        action = form.cleaned_data["action"]
        try:
            call = services.call_take_action(
                actor=request.user, call=self.call, action=action, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("grants:call-edit", code=code)
        done = {
            "publish": _("The call is published."),
            "start_review": _("Intake is closed and the review has started."),
            "cancel": _("The call is cancelled."),
        }
        messages.success(request, done[action])
        return redirect("grants:call-edit", code=call.code)


class ScreeningView(CallPageMixin, View):
    """Every submitted application of a call with its recorded checks; run screening; override a result."""

    permission_required = "grants.screen_application"
    template_name = "grants/operator/screening.html"

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        call = self.call
        page = page_of(request, screening.screening_list(call), per_page=25)
        screening.attach_overrides(list(page.object_list))
        context = {
            "call": call,
            "page_obj": page,
            "counts": screening.screening_counts(call),
            "can_override": request.user.has_perm("grants.override_eligibility", call),
            "override_form": OverrideForm(),
            "can_run": call.status not in (CallStatus.DRAFT, CallStatus.CANCELLED),
        }
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        try:
            summary = eligibility_services.screen_call(
                actor=request.user, call=self.call, limit=getattr(settings, "GRANTS_SCREENING_BATCH", SCREEN_BATCH)
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            done = _("Screened %(screened)s applications: %(eligible)s eligible, %(ineligible)s not eligible.")
            if summary["remaining"]:
                done += " " + _("%(remaining)s more wait: screen the next batch.")
            messages.success(request, done % summary)
        return redirect("grants:call-screening", code=code)


class OverrideView(RulePermissionMixin, View):
    """An operator's override of one application's screening result, with a reason."""

    permission_required = "grants.override_eligibility"

    @cached_property
    def application(self) -> Application:
        return get_object_or_404(Application.objects.select_related("call", "call__programme"), pk=self.kwargs["pk"])

    def get_permission_object(self) -> Application:
        return self.application

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.application
        back = reverse("grants:call-screening", args=[application.call.code]) + f"#application-{application.pk}"
        form = OverrideForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, f"{application.receipt_number}: {message}")
            return redirect(back)
        try:
            eligibility_services.override_eligibility(
                actor=request.user,
                application=application,
                eligible=form.cleaned_data["eligible"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, f"{application.receipt_number}: {message}")
        else:
            status = ApplicationStatus(application.status).label
            messages.success(
                request,
                _("%(number)s is now “%(status)s”.") % {"number": application.receipt_number, "status": status},
            )
        return redirect(back)


urls = [
    path("operator/calls/", OperatorCallsView.as_view(), name="operator-calls"),
    path("operator/programmes/new/", ProgrammeCreateView.as_view(), name="programme-create"),
    path("operator/programmes/<int:pk>/edit/", ProgrammeEditView.as_view(), name="programme-edit"),
    path("operator/programmes/<int:pk>/calls/new/", CallCreateView.as_view(), name="call-create"),
    path("operator/calls/<slug:code>/edit/", CallEditView.as_view(), name="call-edit"),
    path("operator/calls/<slug:code>/action/", CallActionView.as_view(), name="call-action"),
    path("operator/calls/<slug:code>/screening/", ScreeningView.as_view(), name="call-screening"),
    path("operator/applications/<int:pk>/eligibility/", OverrideView.as_view(), name="eligibility-override"),
]
