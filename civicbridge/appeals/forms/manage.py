"""Forms of the responsible party's and the coordinators' pages: actions, passing on, routing by hand, rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from civicbridge.registry.choices import OrganisationStatus
from civicbridge.registry.forms import ServiceErrorsMixin
from civicbridge.registry.models import Organisation

from ..choices import AppealStatus
from ..models import Appeal, RoutingRule


def active_organisations():
    return Organisation.objects.filter(status=OrganisationStatus.ACTIVE).order_by("name_ru", "id")


class WorkFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Open (not answered or declined)")), *AppealStatus.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class ActionForm(ServiceErrorsMixin, forms.Form):
    """The text an action needs: the answer, or the reason (declining, reopening)."""

    service_model = Appeal

    text = forms.CharField(label=_("Answer or reason"), widget=forms.Textarea(attrs={"rows": 5}), required=False)


class TransferForm(ServiceErrorsMixin, forms.Form):
    service_model = Appeal

    organisation = forms.ModelChoiceField(label=_("Pass on to"), queryset=Organisation.objects.none())
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = active_organisations()


class AssignForm(ServiceErrorsMixin, forms.Form):
    service_model = Appeal

    organisation = forms.ModelChoiceField(label=_("Responsible organisation"), queryset=Organisation.objects.none())
    reason = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = active_organisations()


class RuleForm(ServiceErrorsMixin, forms.ModelForm):
    service_model = RoutingRule

    class Meta:
        model = RoutingRule
        fields = ["category", "theme", "country", "region", "responsible", "priority", "is_active"]
        help_texts = {
            "category": _("Empty: any category."),
            "theme": _("Empty: any theme."),
            "country": _("Empty: any country."),
            "region": _("Empty: the whole country."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Inactive organisations are not offered; the service refuses them anyway (and a rule without one).
        current = self.instance.responsible_id if self.instance.pk else None
        queryset = active_organisations()
        if current:
            queryset = Organisation.objects.filter(pk=current) | queryset
        self.fields["responsible"].queryset = queryset.order_by("name_ru", "id")
        self.fields["region"].queryset = self.fields["region"].queryset.order_by("country_id", "name")


class ReopenLinkForm(ServiceErrorsMixin, forms.Form):
    """The citizen's "not resolved" through the e-mail link: why the answer does not resolve the issue."""

    service_model = Appeal

    reason = forms.CharField(
        label=_("Why is your issue not resolved?"),
        help_text=_("The organisation that answered will read this and take the issue up again."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
    )
