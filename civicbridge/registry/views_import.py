"""The organisation import page: the same import and report as `civicbridge import organisations`."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.views.generic import FormView

from civicbridge.core.permissions import RulePermissionMixin

from . import importing
from .choices import OrganisationKind
from .forms_import import OrganisationImportForm
from .reference_data import codes_help


class OrganisationImportView(RulePermissionMixin, FormView):
    """Operators and moderators upload a CSV or XLSX file; every row is imported, or none and the problems shown."""

    permission_required = "registry.import_organisations"
    template_name = "registry/organisation_import.html"
    form_class = OrganisationImportForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            header_columns=importing.HEADER, kinds=OrganisationKind.choices, codes=codes_help().splitlines(), **kwargs
        )

    def form_valid(self, form: OrganisationImportForm) -> HttpResponse:
        data = form.cleaned_data
        report = importing.import_organisations(data["file"], data["format"], actor=self.request.user)
        return self.render_to_response(self.get_context_data(form=form, report=report))
