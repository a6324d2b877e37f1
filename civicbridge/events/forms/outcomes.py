"""Forms of outcomes: the closing report, a resolution or commitment, a step of its workflow, the list's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from civicbridge.core.text import LANGUAGES
from civicbridge.registry.forms import RegistryNumberField, RegistryNumbersField, ServiceErrorsMixin
from civicbridge.registry.models import Organisation

from ..choices import CommitmentKind, CommitmentStatus
from ..models import Commitment, Outcome
from .delegations import text_fields

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OutcomeForm(ServiceErrorsMixin, forms.Form):
    """The closing report; `services.outcomes.outcome_save` takes `service_kwargs()`."""

    service_model = Outcome

    attendance = forms.IntegerField(
        label=_("Attendance"),
        min_value=0,
        required=False,
        help_text=_("How many people came. Left empty, the number checked in is used when the report is published."),
    )
    organisations_present = RegistryNumbersField(label=_("Organisations present"), required=False)
    original_language = forms.ChoiceField(
        label=_("Language you write in"), choices=settings.LANGUAGES, initial="ru", widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, outcome: Outcome | None = None, languages=(), **kwargs: Any) -> None:
        if outcome is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "attendance": outcome.attendance,
                "organisations_present": list(outcome.organisations_present.all()),
                "original_language": outcome.original_language,
                **{f"summary_{lang}": getattr(outcome, f"summary_{lang}") for lang in LANGUAGES},
            }
        super().__init__(*args, **kwargs)
        self.fields.update(text_fields("summary", _("Summary"), textarea=True, max_length=20_000))
        for lang in languages:
            if f"summary_{lang}" in self.fields:
                self.fields[f"summary_{lang}"].help_text = _("A language of the event: needed to publish the report.")

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "attendance": data.get("attendance"),
            "organisations_present": data.get("organisations_present") or [],
            "original_language": data["original_language"],
            "fields": {f"summary_{lang}": data.get(f"summary_{lang}", "") for lang in LANGUAGES},
        }


class CommitmentForm(ServiceErrorsMixin, forms.Form):
    """A resolution or a commitment of the event, with the organisation responsible for it."""

    service_model = Commitment

    kind = forms.ChoiceField(
        label=_("Resolution or commitment?"), choices=CommitmentKind.choices, widget=forms.RadioSelect
    )
    responsible = RegistryNumberField(label=_("Responsible organisation"))
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=DATE,
        help_text=_("Needed for a commitment; optional for a resolution."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    original_language = forms.ChoiceField(
        label=_("Language you write in"), choices=settings.LANGUAGES, initial="ru", widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, commitment: Commitment | None = None, **kwargs: Any) -> None:
        if commitment is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "kind": commitment.kind,
                "responsible": commitment.responsible_id,
                "due_on": commitment.due_on,
                "note": commitment.note,
                "original_language": commitment.original_language,
                **{f"text_{lang}": getattr(commitment, f"text_{lang}") for lang in LANGUAGES},
            }
        kwargs.setdefault("initial", {}).setdefault("kind", CommitmentKind.COMMITMENT)
        super().__init__(*args, **kwargs)
        self.fields.update(text_fields("text", _("Text"), textarea=True, max_length=5000))

    def clean_responsible(self) -> Organisation:
        responsible = self.cleaned_data["responsible"]
        if responsible is None:
            raise forms.ValidationError(_("Name the organisation responsible."))
        return responsible

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "responsible": data["responsible"],
            "due_on": data.get("due_on"),
            "note": data.get("note", ""),
            "original_language": data["original_language"],
            "fields": {f"text_{lang}": data.get(f"text_{lang}", "") for lang in LANGUAGES},
        }


class CommitmentActionForm(forms.Form):
    """A step of a commitment's workflow: the reason (to drop or reopen), the date it was done (to complete)."""

    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    done_on = forms.DateField(label=_("Done on"), required=False, widget=DATE)


class CommitmentFilterForm(forms.Form):
    """Filters of the public list of commitments."""

    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any"))] + CommitmentStatus.choices)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any"))] + CommitmentKind.choices)
    responsible = forms.IntegerField(
        label=_("Responsible organisation"),
        required=False,
        min_value=1,
        help_text=_("Its number in the registry."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    event = forms.IntegerField(label=_("Event"), required=False, min_value=1, widget=forms.HiddenInput)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "", False)}
