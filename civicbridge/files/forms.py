"""The upload field every form uses: the same policy as the service, so a refused file is a form error first."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from . import policy


def help_text_for(purpose: str) -> str:
    """ "PDF, Word, Excel, image; up to 10 MB." for the purpose's kinds and limit."""
    spec = policy.get_purpose(purpose)
    return _("%(kinds)s; up to %(limit)s.") % {"kinds": spec.labels(), "limit": policy.human_size(spec.limit)}


class UploadInput(forms.ClearableFileInput):
    """A file input that tells the browser which extensions and what size to expect (a hint; the server decides)."""

    purpose: str = ""

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        if self.purpose:
            spec = policy.get_purpose(self.purpose)
            context["widget"]["attrs"].setdefault("accept", spec.accept)
            context["widget"]["attrs"].setdefault("data-max-bytes", str(spec.limit))
        return context


class UploadField(forms.FileField):
    """A file field for one registered purpose: size, type by content and name checked while the form is cleaned."""

    widget = UploadInput

    def __init__(self, *, purpose: str, **kwargs: Any) -> None:
        self.purpose = purpose
        # Lazy: forms are defined at import time, purposes are registered in AppConfig.ready().
        kwargs.setdefault("help_text", lazy(help_text_for, str)(purpose))
        super().__init__(**kwargs)
        self.widget.purpose = purpose

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            policy.check(value, policy.get_purpose(self.purpose))
        return value
