"""Forms of moderation: hide an issue with a reason, publish a text without personal data, report an issue."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from civicbridge.registry.forms import ServiceErrorsMixin

from ..choices import HideReason
from ..models import Appeal
from ..services.moderation import NOTE_LIMIT, REPORT_LIMIT


class HideForm(ServiceErrorsMixin, forms.Form):
    service_model = Appeal

    reason = forms.ChoiceField(
        label=_("Why is it hidden?"),
        choices=HideReason.choices,
        widget=forms.RadioSelect,
        help_text=_("Shown publicly in place of the issue's words."),
    )
    note = forms.CharField(
        label=_("Note for other moderators"),
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Not shown publicly."),
    )


class PublicTextForm(ServiceErrorsMixin, forms.Form):
    service_model = Appeal

    public_text = forms.CharField(
        label=_("Text to show publicly"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "The citizen's text with names, addresses, phone numbers and other personal data taken out. "
            "Leave it blank to show the citizen's own text."
        ),
    )


class ReportForm(ServiceErrorsMixin, forms.Form):
    note = forms.CharField(
        label=_("What is wrong with this issue's text?"),
        max_length=REPORT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: it insults someone, or shows a person's address or phone number."),
    )
