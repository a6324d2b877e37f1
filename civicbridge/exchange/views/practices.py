"""Practices and adoptions: the library, a practice page with its spread, writing, moderation, adoptions.

Views are thin: reads from selectors.practices, writes through services.practices and services.adoptions, and
permissions by the same rules the API asks (exchange/rules.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from civicbridge.accounts.rules import organisations_edited_by
from civicbridge.core.pagination import page_of
from civicbridge.core.permissions import RulePermissionMixin, require
from civicbridge.core.workflow import actions_for
from civicbridge.registry.models import Organisation

from ..choices import PracticeStatus
from ..forms import edited_organisations
from ..forms.practices import AdoptionForm, DocumentForm, PracticeForm, ReturnForm, prepare_library_filters
from ..models import Adoption, Practice, PracticeDocument
from ..selectors import practices as selectors
from ..services import adoptions as adoption_services
from ..services import practices as services

BAR_STEPS = list(range(0, 101, 5))


def _messages_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class PracticeMixin:
    """One practice by its id; a practice the viewer may not read is not found (drafts stay private)."""

    permission = "exchange.view_practice"

    @cached_property
    def practice(self) -> Practice:
        practice = get_object_or_404(selectors.practice_detail(), pk=self.kwargs["pk"])
        if not self.request.user.has_perm("exchange.view_practice", practice):
            raise Http404
        return practice

    def dispatch(self, request, *args, **kwargs):
        if self.permission != "exchange.view_practice":
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            require(request.user, self.permission, self.practice)
        return super().dispatch(request, *args, **kwargs)


# --- the library ----------------------------------------------------------------------------------------------------


class PracticeListView(View):
    """The library of published practices: filters, order and pages. An htmx request gets only the results."""

    template_name = "exchange/practices/list.html"
    partial_template_name = "exchange/practices/_results.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        filterset = selectors.PracticeFilterSet(request.GET or None, queryset=selectors.library(), request=request)
        prepare_library_filters(filterset.form)
        organisation = None
        if filterset.form.is_valid() and filterset.form.cleaned_data.get("organisation"):
            organisation = Organisation.objects.filter(pk=filterset.form.cleaned_data["organisation"]).first()
        context = {
            "filter_form": filterset.form,
            "page_obj": page_of(request, filterset.qs),
            "organisation": organisation,
            "can_write": bool(organisations_edited_by(request.user)),
            "can_moderate": request.user.has_perm("exchange.moderate_practice"),
        }
        partial = request.htmx and not request.htmx.history_restore_request
        response = render(request, self.partial_template_name if partial else self.template_name, context)
        patch_vary_headers(response, ["HX-Request"])  # the same URL answers with a fragment or a page
        return response


# --- a practice -----------------------------------------------------------------------------------------------------


class PracticeDetailView(PracticeMixin, View):
    """A practice in one language version, its attachments, its spread, and what the viewer may do with it."""

    template_name = "exchange/practices/detail.html"

    def version(self) -> str:
        """The version shown: the one asked for (?lang=), else the reader's language, else the original."""
        versions = selectors.versions_of(self.practice)
        for language in (self.request.GET.get("lang"), (get_language() or "ru").split("-")[0]):
            if language in versions:
                return language
        return self.practice.original_language

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, self.context())

    def context(self, adoption_form: AdoptionForm | None = None) -> dict[str, Any]:
        practice, user = self.practice, self.request.user
        language = self.version()
        adoptions = page_of(self.request, selectors.adoptions_of(practice))
        is_author = user.has_perm("exchange.submit_practice", practice)
        may_moderate = user.has_perm("exchange.moderate_practice", practice)
        can_adopt = practice.status == PracticeStatus.PUBLISHED and bool(organisations_edited_by(user))
        if can_adopt and adoption_form is None:
            adoption_form = AdoptionForm(user=user, initial=_adoption_initial(user))
        return {
            "practice": practice,
            "text": selectors.version_text(practice, language),
            "language": language,
            "versions": [(code, services.language_name(code)) for code in selectors.versions_of(practice)],
            "original_language_name": services.language_name(practice.original_language),
            "spread": selectors.spread_of(practice),
            "bar_steps": BAR_STEPS,
            "adoptions": adoptions,
            "deletable": {a.pk for a in adoptions.object_list if user.has_perm("exchange.delete_adoption", a)},
            "actions": actions_for(practice, user),
            "can_edit": user.has_perm("exchange.change_practice", practice),
            "adoption_form": adoption_form if can_adopt else None,
            "history": selectors.practice_history(practice) if is_author or may_moderate else None,
            "show_actors": may_moderate,
        }


def _adoption_initial(user) -> dict[str, Any]:
    organisation = edited_organisations(user).first()
    if organisation is None:
        return {}
    return {"organisation": organisation, "country": organisation.country_id, "region": organisation.region_id}


class PracticeAdoptView(LoginRequiredMixin, PracticeDetailView):
    """Record that one of the user's organisations adopted this practice (the form sits on the practice page)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = AdoptionForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                adoption_services.adoption_record(actor=request.user, practice=self.practice, **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(
                    request, _("The adoption was recorded. Thank you for sharing how the practice spread.")
                )
                return redirect(f"{self.practice.get_absolute_url()}#spread")
        return render(request, self.template_name, self.context(adoption_form=form), status=400)


class AdoptionDeleteView(LoginRequiredMixin, View):
    """Delete an adoption record (its organisation's editors, moderators)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        adoption = get_object_or_404(Adoption.objects.select_related("practice"), pk=pk)
        adoption_services.adoption_delete(actor=request.user, adoption=adoption)
        messages.success(request, _("The adoption record was deleted."))
        return redirect(f"{adoption.practice.get_absolute_url()}#spread")


# --- writing --------------------------------------------------------------------------------------------------------


class PracticeCreateView(LoginRequiredMixin, View):
    """Write a new practice for one of the user's organisations; it is saved as a draft."""

    template_name = "exchange/practices/form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        initial = {"original_language": (get_language() or "ru").split("-")[0]}
        organisation = request.GET.get("organisation")
        if organisation and organisation.isdigit():
            initial["organisation"] = int(organisation)
        form = PracticeForm(user=request.user, initial=initial)
        if not form.fields["organisation"].queryset.exists():
            raise PermissionDenied(_("Only representatives of an organisation can write its practices."))
        return render(request, self.template_name, {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PracticeForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                practice = services.practice_create(
                    actor=request.user,
                    organisation=form.cleaned_data["organisation"],
                    original_language=form.cleaned_data["original_language"],
                    **form.service_arguments(),
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The practice was saved as a draft. Send it for moderation when ready."))
                return redirect(practice)
        return render(request, self.template_name, {"form": form}, status=400)


class PracticeEditView(PracticeMixin, View):
    """Edit a practice (a section per language version), and attach or remove its files."""

    permission = "exchange.change_practice"
    template_name = "exchange/practices/form.html"

    def render_page(self, form, document_form=None, status=200) -> HttpResponse:
        context = {
            "form": form,
            "practice": self.practice,
            "document_form": document_form or DocumentForm(),
            "documents": list(self.practice.documents.all()),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_page(PracticeForm(user=request.user, practice=self.practice))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if "upload" in request.POST:
            return self.upload()
        if "remove_document" in request.POST:
            return self.remove_document()
        form = PracticeForm(request.POST, user=request.user, practice=self.practice)
        if form.is_valid():
            try:
                services.practice_update(
                    actor=request.user,
                    practice=self.practice,
                    version=form.cleaned_data["version"],
                    original_language=form.cleaned_data["original_language"],
                    **form.service_arguments(),
                )
            except ValidationError as exc:
                form.add_service_error(exc)
                status = 409 if getattr(exc, "code", None) == "stale_version" else 400
                return self.render_page(form, status=status)
            messages.success(request, _("The changes were saved."))
            return redirect(self.practice)
        return self.render_page(form, status=400)

    def upload(self) -> HttpResponse:
        document_form = DocumentForm(self.request.POST, self.request.FILES)
        if document_form.is_valid():
            try:
                services.practice_attach(
                    actor=self.request.user, practice=self.practice, upload=document_form.cleaned_data["file"]
                )
            except ValidationError as exc:
                document_form.add_error("file", exc)
            else:
                messages.success(self.request, _("The file was attached."))
                return redirect("exchange:practice-edit", pk=self.practice.pk)
        form = PracticeForm(user=self.request.user, practice=self.practice)
        return self.render_page(form, document_form=document_form, status=400)

    def remove_document(self) -> HttpResponse:
        document = get_object_or_404(
            PracticeDocument.objects.select_related("file", "practice"),
            pk=self.request.POST.get("remove_document"),
            practice=self.practice,
        )
        services.practice_detach(actor=self.request.user, document=document)
        messages.success(self.request, _("The file was removed."))
        return redirect("exchange:practice-edit", pk=self.practice.pk)


# --- the workflow ---------------------------------------------------------------------------------------------------


class PracticeActionView(PracticeMixin, LoginRequiredMixin, View):
    """The practice's buttons: send for moderation, publish, archive, publish again (each asks its own rule)."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        if action == "return":
            return redirect("exchange:practice-return", pk=pk)
        try:
            services.practice_take_action(actor=request.user, practice=self.practice, action=action)
        except ValidationError as exc:
            messages.error(request, _messages_of(exc))
        else:
            messages.success(request, DONE.get(action, _("Done.")))
        return redirect(self.practice)


DONE = {
    "submit": _("The practice was sent for moderation. You will be told when it is published or returned."),
    "publish": _("The practice is published in the library."),
    "archive": _("The practice was archived; it is no longer in the library."),
    "restore": _("The practice is back in the library."),
}


class PracticeReturnView(PracticeMixin, View):
    """Return a practice to its authors with the moderator's comments."""

    permission = "exchange.moderate_practice"
    template_name = "exchange/practices/return.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, {"practice": self.practice, "form": ReturnForm()})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = ReturnForm(request.POST)
        if form.is_valid():
            try:
                services.practice_return(actor=request.user, practice=self.practice, reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The practice was returned to its authors with your comments."))
                return redirect("exchange:practice-moderation")
        return render(request, self.template_name, {"practice": self.practice, "form": form}, status=400)


class ModerationQueueView(RulePermissionMixin, View):
    """Practices awaiting moderation, the longest waiting first (moderators)."""

    permission_required = "exchange.moderate_practice"

    def get(self, request: HttpRequest) -> HttpResponse:
        page = page_of(request, selectors.moderation_queue())
        return render(request, "exchange/practices/moderation.html", {"page_obj": page})


SUMMARY_SIZE = 5


class OrganisationSummaryView(View):
    """The fragment an organisation's registry page loads: a few of its practices and of those it adopted."""

    def get(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        organisation = get_object_or_404(Organisation, pk=org_pk)
        practices = selectors.organisation_practices(organisation, request.user)
        shown = list(practices[:SUMMARY_SIZE])
        context = {
            "organisation": organisation,
            "practices": shown,
            "practice_count": len(shown) if len(shown) < SUMMARY_SIZE else practices.count(),
            "adoptions": list(selectors.organisation_adoptions(organisation)[:SUMMARY_SIZE]),
            "can_write": request.user.has_perm("exchange.add_practice", organisation),
        }
        return render(request, "exchange/practices/_organisation_summary.html", context)


class OrganisationPracticesView(View):
    """An organisation's practices: published ones for everyone, every status for its editors and moderators."""

    def get(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        organisation = get_object_or_404(Organisation, pk=org_pk)
        context = {
            "organisation": organisation,
            "page_obj": page_of(request, selectors.organisation_practices(organisation, request.user)),
            "can_write": request.user.has_perm("exchange.add_practice", organisation),
        }
        return render(request, "exchange/practices/organisation.html", context)


urls = [
    path("practices/", PracticeListView.as_view(), name="practice-list"),
    path("practices/new/", PracticeCreateView.as_view(), name="practice-create"),
    path("practices/moderation/", ModerationQueueView.as_view(), name="practice-moderation"),
    path("practices/<int:pk>/", PracticeDetailView.as_view(), name="practice"),
    path("practices/<int:pk>/edit/", PracticeEditView.as_view(), name="practice-edit"),
    path("practices/<int:pk>/adopt/", PracticeAdoptView.as_view(), name="practice-adopt"),
    path("practices/<int:pk>/return/", PracticeReturnView.as_view(), name="practice-return"),
    path("practices/<int:pk>/do/<slug:action>/", PracticeActionView.as_view(), name="practice-action"),
    path("adoptions/<int:pk>/delete/", AdoptionDeleteView.as_view(), name="adoption-delete"),
    path("organisations/<int:org_pk>/practices/", OrganisationPracticesView.as_view(), name="organisation-practices"),
    path(
        "organisations/<int:org_pk>/practices/summary/",
        OrganisationSummaryView.as_view(),
        name="organisation-practices-summary",
    ),
]
