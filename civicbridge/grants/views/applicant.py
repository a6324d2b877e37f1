"""Pages of state support: the applicant's own space.

"My applications", starting a draft from a call, the structured form (saved as it is written, by htmx), the submit
page listing every problem, withdrawal, and the application's page shared by applicant, runner and assigned expert.
Views are thin: reads from selectors, writes through services.applications, permissions by the same rules as the API.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View

from civicbridge.accounts.rules import organisations_edited_by
from civicbridge.core.pagination import page_of
from civicbridge.core.permissions import require
from civicbridge.core.workflow import actions_for, history_for
from civicbridge.registry.models import Organisation

from ..forms.applications import (
    SECTIONS,
    ApplicationForm,
    DocumentForm,
    StartApplicationForm,
    WithdrawForm,
    build_formsets,
    rows_of,
)
from ..models import Application, ApplicationDocument, Call
from ..selectors import applications as selectors
from ..services import applications as services
from ..workflow import APPLICATION_WORKFLOW

PER_PAGE = 20


class MyApplicationsView(LoginRequiredMixin, View):
    """Every application of the organisations the user acts for, newest change first."""

    def get(self, request: HttpRequest) -> HttpResponse:
        page = page_of(request, selectors.my_applications(request.user), PER_PAGE)
        return render(request, "grants/applications/my_applications.html", {"page_obj": page})


class ApplicationCreateView(LoginRequiredMixin, View):
    """Start a draft to a call for one of the user's organisations."""

    template_name = "grants/applications/create.html"

    @cached_property
    def call(self) -> Call:
        return get_object_or_404(Call.objects.select_related("programme"), code=self.kwargs["code"])

    def organisations(self):
        return Organisation.objects.filter(pk__in=organisations_edited_by(self.request.user)).order_by("name_ru")

    def render_form(self, form) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {
                "call": self.call,
                "form": form,
                "is_open": self.call.is_open(),
                "has_organisations": form.fields["organisation"].queryset.exists(),
            },
        )

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        return self.render_form(StartApplicationForm(organisations=self.organisations()))

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        form = StartApplicationForm(request.POST, organisations=self.organisations())
        if not form.is_valid():
            return self.render_form(form)
        try:
            application = services.application_create(
                actor=request.user,
                call=self.call,
                organisation=form.cleaned_data["organisation"],
                title=form.cleaned_data["title"],
                language=request.LANGUAGE_CODE
                if request.LANGUAGE_CODE in (self.call.submission_languages or [])
                else "",
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_form(form)
        messages.success(request, _("Your draft was created. It is saved as you write."))
        return redirect("grants:application-edit", pk=application.pk)


class ApplicationMixin(LoginRequiredMixin):
    """One application by its id, the permission asked on it before anything else."""

    permission = "grants.change_application"

    @cached_property
    def application(self) -> Application:
        return get_object_or_404(selectors.application_detail(), pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        require(request.user, self.permission, self.application)
        return super().dispatch(request, *args, **kwargs)


class ApplicationEditView(ApplicationMixin, View):
    """The structured form of a draft. htmx posts it as it is written (autosave); the buttons post it whole."""

    template_name = "grants/applications/edit.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.application.is_draft:
            return redirect(self.application)
        form = ApplicationForm(initial=ApplicationForm.initial_for(self.application), application=self.application)
        return self.render_page(form, build_formsets(self.application))

    def render_page(self, form, formsets, document_form=None, status=200) -> HttpResponse:
        application = self.application
        context = {
            "application": application,
            "call": application.call,
            "form": form,
            "sections": [(part, formsets[part], title) for part, (_cls, _prefix, title) in SECTIONS.items()],
            "formset_errors": any(fs.non_form_errors() or any(f.errors for f in fs.forms) for fs in formsets.values()),
            "document_form": document_form or DocumentForm(call=application.call),
            "documents": list(application.documents.all()),
            "required_documents": list(application.call.required_documents.all()),
        }
        return render(self.request, self.template_name, context, status=status)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if "upload" in request.POST:
            return self.upload()
        if "remove_document" in request.POST:
            return self.remove_document()
        autosave = bool(request.htmx)
        form = ApplicationForm(request.POST, application=self.application)
        formsets = build_formsets(self.application, request.POST)
        valid = form.is_valid() & all([fs.is_valid() for fs in formsets.values()])  # noqa: C419 -- validate all
        saved = None
        if valid:
            try:
                saved = services.application_save_draft(
                    actor=request.user,
                    application=self.application,
                    version=form.cleaned_data["version"],
                    themes=form.cleaned_data["themes"],
                    **{part: rows_of(formsets[part]) for part in SECTIONS},
                    **form.service_fields(),
                )
            except ValidationError as exc:
                self._put_errors(exc, form, formsets)
        if autosave:
            response = render(
                request,
                "grants/applications/_autosave_status.html",
                {
                    "saved": saved,
                    "form": form,
                    "stale": _is_stale(form),
                    "now": timezone.now(),
                    "application": self.application,
                },
            )
            patch_vary_headers(response, ["HX-Request"])
            return response
        if saved is None:
            return self.render_page(form, formsets, status=400 if not valid else 409 if _is_stale(form) else 400)
        messages.success(request, _("Your draft was saved."))
        if "to_submit" in request.POST:
            return redirect("grants:application-submit", pk=saved.pk)
        return redirect("grants:application-edit", pk=saved.pk)

    @staticmethod
    def _put_errors(exc: ValidationError, form, formsets) -> None:
        if not hasattr(exc, "error_dict"):
            form.add_error(None, exc)
            if getattr(exc, "code", None) == "stale_version":
                form._stale = True
            return
        for field, errors in exc.error_dict.items():
            if field in SECTIONS:
                formsets[field]._non_form_errors = formsets[field].error_class(
                    [m for e in errors for m in e.messages], error_class="nonform"
                )
            elif field in form.fields:
                form.add_error(field, errors)
            else:
                form.add_error(None, errors)

    def upload(self) -> HttpResponse:
        document_form = DocumentForm(self.request.POST, self.request.FILES, call=self.application.call)
        if document_form.is_valid():
            try:
                services.application_attach_document(
                    actor=self.request.user,
                    application=self.application,
                    uploaded_file=document_form.cleaned_data["file"],
                    required_document=document_form.cleaned_data["required_document"],
                )
            except ValidationError as exc:
                document_form.add_error("file", exc)
            else:
                messages.success(self.request, _("The document was attached."))
                return redirect("grants:application-edit", pk=self.application.pk)
        form = ApplicationForm(initial=ApplicationForm.initial_for(self.application), application=self.application)
        return self.render_page(form, build_formsets(self.application), document_form=document_form, status=400)

    def remove_document(self) -> HttpResponse:
        document = get_object_or_404(
            ApplicationDocument, pk=self.request.POST.get("remove_document"), application=self.application
        )
        try:
            services.application_remove_document(actor=self.request.user, document=document)
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
        else:
            messages.success(self.request, _("The document was removed."))
        return redirect("grants:application-edit", pk=self.application.pk)


def _problem_link(edit_url: str, field: str) -> str | None:
    """Where on the edit page a submission problem is mended (None for the call's own state)."""
    if field in SECTIONS:
        return f"{edit_url}#part-{field}"
    if field in ("requested_amount", "cofinancing_amount"):
        return f"{edit_url}#part-budget_lines"
    if field == "documents":
        return f"{edit_url}#documents"
    if field in ApplicationForm.base_fields:
        return f"{edit_url}#id_{field}"
    return None


def _is_stale(form) -> bool:
    return bool(getattr(form, "_stale", False))


class ApplicationSubmitView(ApplicationMixin, View):
    """Shows every problem that stops the submission, or the button that submits."""

    permission = "grants.submit_application"
    template_name = "grants/applications/submit.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.application.is_draft:
            return redirect(self.application)
        return self.render_page(services.validate_for_submission(self.application))

    def render_page(self, problems, status=200) -> HttpResponse:
        edit = reverse("grants:application-edit", args=[self.application.pk])
        linked = [{"field": p.field, "message": p.message, "url": _problem_link(edit, p.field)} for p in problems]
        return render(
            self.request,
            self.template_name,
            {"application": self.application, "call": self.application.call, "problems": linked},
            status=status,
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            submitted = services.application_submit(actor=request.user, application=self.application)
        except ValidationError as exc:
            problems = [
                services.Problem(field, message)
                for field, errors in (exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)])
                for message in errors
            ]
            return self.render_page(problems, status=400)
        messages.success(
            request,
            _("Your application was submitted. Its receipt number is %(number)s.")
            % {"number": submitted.receipt_number},
        )
        return redirect(submitted)


class ApplicationWithdrawView(ApplicationMixin, View):
    """Withdraw a submitted application while the call is open."""

    permission = "grants.withdraw_application"
    template_name = "grants/applications/withdraw.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, {"application": self.application, "form": WithdrawForm()})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.application_withdraw(
                    actor=request.user, application=self.application, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Your application was withdrawn."))
                return redirect(self.application)
        return render(request, self.template_name, {"application": self.application, "form": form}, status=400)


class ApplicationDetailView(ApplicationMixin, View):
    """The application as submitted (or the draft), for its applicant, those who run the call and assigned experts.

    It never shows reviews, scores or experts' names; the history names who acted only to those who run the call
    (an expert's own action, such as completing the review, must not reveal them to the applicant).
    """

    permission = "grants.view_application"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        application, user = self.application, request.user
        actions = actions_for(application, user)
        return render(
            request,
            "grants/applications/detail.html",
            {
                "application": application,
                "call": application.call,
                "history": [
                    {
                        "at": row.at,
                        "source": APPLICATION_WORKFLOW.state_label(row.source),
                        "target": APPLICATION_WORKFLOW.state_label(row.target),
                        "actor": row.actor_repr,
                        "reason": row.reason,
                    }
                    for row in history_for(application)
                ],
                "show_actors": user.has_perm("grants.screen_application", application),
                "can_edit": application.is_draft and user.has_perm("grants.change_application", application),
                "can_submit": "submit" in actions,
                "can_withdraw": "withdraw" in actions,
            },
        )


urls = [
    path("my/applications/", MyApplicationsView.as_view(), name="my-applications"),
    path("calls/<slug:code>/apply/", ApplicationCreateView.as_view(), name="application-create"),
    path("applications/<int:pk>/", ApplicationDetailView.as_view(), name="application-detail"),
    path("applications/<int:pk>/edit/", ApplicationEditView.as_view(), name="application-edit"),
    path("applications/<int:pk>/submit/", ApplicationSubmitView.as_view(), name="application-submit"),
    path("applications/<int:pk>/withdraw/", ApplicationWithdrawView.as_view(), name="application-withdraw"),
]
