"""Registry pages: the directory, organisation and person pages, and their editing forms.

Views are thin: querysets come from `selectors`, filters from `filtersets`, writes go through `services`,
and permissions are the same rules the API asks.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Value
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, View

from civicbridge.core.pagination import page_of
from civicbridge.core.permissions import RulePermissionMixin
from civicbridge.core.selectors import citations_for

from . import selectors, services
from .filtersets import OrganisationFilterSet, PersonFilterSet
from .forms import OrganisationForm, PersonForm, directory_regions, prepare_filter_form
from .models import Organisation, Person

PER_PAGE = 25


def _by_display_name(queryset, field: str):
    """Order by the name in the viewer's language (Russian where it is missing), so the list reads alphabetically."""
    language = (get_language() or "ru").split("-")[0]
    if language not in ("kk", "en"):
        return queryset  # the models' own ordering is by the Russian name, with an index
    return queryset.order_by(Coalesce(NullIf(f"{field}_{language}", Value("")), f"{field}_ru"), "id")


def _display_time_zone(request: HttpRequest) -> str:
    """The zone the page is served in (core.middleware.ViewerTimeZoneMiddleware chose the viewer's)."""
    return timezone.get_current_timezone_name()


class OrganisationListView(View):
    """The directory: search, filters and pages. An htmx request gets only the results region."""

    template_name = "registry/organisation_list.html"
    partial_template_name = "registry/_organisation_results.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        queryset = _by_display_name(selectors.organisation_list(), "name")
        filterset = OrganisationFilterSet(request.GET or None, queryset=queryset, request=request)
        prepare_filter_form(filterset.form)
        context = {
            "filter_form": filterset.form,
            "page_obj": page_of(request, filterset.qs, PER_PAGE),
            "regions": directory_regions(),
        }
        # A history restore after a cache miss needs the whole page, not the fragment.
        partial = request.htmx and not request.htmx.history_restore_request
        response = render(request, self.partial_template_name if partial else self.template_name, context)
        patch_vary_headers(response, ["HX-Request"])  # the same URL answers with a fragment or a page
        return response


class OrganisationDetailView(DetailView):
    """An organisation: identity, units, people, networks and members, themes, sources."""

    template_name = "registry/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return selectors.organisation_detail()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        org, user = self.object, self.request.user
        return super().get_context_data(
            units=selectors.unit_tree(list(org.units.all())),
            sources=list(citations_for(org)),
            can_edit=user.has_perm("registry.change_organisation", org),
            can_view_audit=user.has_perm("core.view_auditentry"),
            audit_url=reverse("audit-object", args=["registry", "organisation", org.pk]),
            display_time_zone=_display_time_zone(self.request),
            **kwargs,
        )


class OrganisationCreateView(RulePermissionMixin, FormView):
    """A new organisation (moderators and grant operators)."""

    permission_required = "registry.add_organisation"
    form_class = OrganisationForm
    template_name = "registry/organisation_form.html"

    def form_valid(self, form: OrganisationForm) -> HttpResponse:
        try:
            org = services.organisation_create(
                actor=self.request.user, themes=form.cleaned_data["themes"], **form.service_fields()
            )
        except ValidationError as exc:
            form.add_service_error(exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The organisation was added."))
        return redirect(org)


class OrganisationUpdateView(RulePermissionMixin, FormView):
    """Edit an organisation: its representatives and administrators, moderators."""

    permission_required = "registry.change_organisation"
    form_class = OrganisationForm
    template_name = "registry/organisation_form.html"

    @cached_property
    def organisation(self) -> Organisation:
        return get_object_or_404(selectors.organisation_list(), pk=self.kwargs["pk"])

    def get_permission_object(self) -> Organisation:
        return self.organisation

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.organisation}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(organisation=self.organisation, **kwargs)

    def form_valid(self, form: OrganisationForm) -> HttpResponse:
        try:
            services.organisation_update(
                actor=self.request.user,
                organisation=self.organisation,
                themes=form.cleaned_data["themes"],
                **form.service_fields(),
            )
        except ValidationError as exc:
            self.organisation.refresh_from_db()  # the service set the rejected values; show the saved ones
            form.add_service_error(exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(self.organisation)


class PersonListView(View):
    """People in public roles, searchable by name, with their current positions."""

    template_name = "registry/person_list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        queryset = _by_display_name(selectors.person_list(), "full_name")
        filterset = PersonFilterSet(request.GET or None, queryset=queryset, request=request)
        context = {"filter_form": filterset.form, "page_obj": page_of(request, filterset.qs, PER_PAGE)}
        return render(request, self.template_name, context)


class PersonDetailView(DetailView):
    """A person: positions now and before; contacts only with their consent or for those who may see them."""

    template_name = "registry/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return selectors.person_detail()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        person, user = self.object, self.request.user
        positions = person.all_positions
        return super().get_context_data(
            current_positions=[p for p in positions if p.is_current],
            past_positions=[p for p in positions if not p.is_current],
            show_contacts=person.contacts_public or user.has_perm("registry.view_person_contacts", person),
            can_edit=user.has_perm("registry.change_person", person),
            can_view_audit=user.has_perm("core.view_auditentry"),
            audit_url=reverse("audit-object", args=["registry", "person", person.pk]),
            **kwargs,
        )


class PersonUpdateView(RulePermissionMixin, FormView):
    """Edit a person: the person themself, editors of an organisation where they hold a post, moderators."""

    permission_required = "registry.change_person"
    form_class = PersonForm
    template_name = "registry/person_form.html"

    @cached_property
    def person(self) -> Person:
        return get_object_or_404(Person, pk=self.kwargs["pk"])

    def get_permission_object(self) -> Person:
        return self.person

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.person}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(person=self.person, **kwargs)

    def form_valid(self, form: PersonForm) -> HttpResponse:
        try:
            services.person_update(actor=self.request.user, person=self.person, **form.cleaned_data)
        except ValidationError as exc:
            self.person.refresh_from_db()
            form.add_service_error(exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(self.person)
