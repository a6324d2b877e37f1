"""Forms of registration: the organisers' questions, and the check-in code."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from civicbridge.registry.forms import ServiceErrorsMixin

from ..choices import QuestionKind
from ..models import Event, Registration


class RegistrationForm(ServiceErrorsMixin, forms.Form):
    """One field per question of the event (`question_<id>`); the service checks required ones and options."""

    service_model = Registration

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(event.questions.all())
        for question in self.questions:
            name, label = f"question_{question.pk}", question.text
            options = [(option, option) for option in question.options]
            if question.kind == QuestionKind.CHOICE:
                field = forms.ChoiceField(label=label, choices=options, widget=forms.RadioSelect)
            elif question.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(label=label, choices=options, widget=forms.CheckboxSelectMultiple)
            elif question.kind == QuestionKind.YES_NO:
                field = forms.ChoiceField(
                    label=label, choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect
                )
            else:
                field = forms.CharField(label=label, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
            field.required = question.required
            self.fields[name] = field

    def answers(self) -> dict[int, Any]:
        return {question.pk: self.cleaned_data.get(f"question_{question.pk}") for question in self.questions}


class CheckinForm(ServiceErrorsMixin, forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=300,
        help_text=_("Type the participant's code, or scan their QR code: it opens this page with the code filled in."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}),
    )
