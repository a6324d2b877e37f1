"""The upload form of the organisation import page: checks the file's type by content and its size."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import importing


class OrganisationImportForm(forms.Form):
    """One CSV (UTF-8) or XLSX file in the import format."""

    file = forms.FileField(
        label=_("Upload a file"),
        help_text=_("A CSV (UTF-8) or XLSX file whose first row is the header shown above."),
        widget=forms.FileInput(
            attrs={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        fmt = importing.format_of(upload.name)
        if fmt is None:
            raise ValidationError(_("The file must be a CSV or XLSX file."), code="extension")
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise ValidationError(
                _("The file must be smaller than %(size)s."),
                code="size",
                params={"size": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            )
        # The extension is only a claim: look at the content as well.
        if fmt == "xlsx" and not importing.is_xlsx(upload):
            raise ValidationError(
                _("The file is not an XLSX workbook. Save it from your spreadsheet as .xlsx."), code="content"
            )
        if fmt == "csv":
            upload.seek(0)
            data = upload.read()
            upload.seek(0)
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                raise ValidationError(
                    _("The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”."), code="encoding"
                ) from None
            if b"\x00" in data:
                raise ValidationError(_("The file is not a CSV text file."), code="content")
        self.cleaned_data["format"] = fmt
        return upload
