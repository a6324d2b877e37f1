"""Forms of delegation visits: the delegation (purpose, hosts, visitors), a member, a visit, the list's filters.

Organisations and people are chosen from the registry by their number (the number in the address of their page), as
elsewhere on the platform where any of thousands may be meant. The services check and save.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicbridge.core.text import LANGUAGES
from civicbridge.registry.forms import RegistryNumberField, RegistryNumbersField, ServiceErrorsMixin
from civicbridge.registry.models import Country, Person

from ..choices import DelegationRole
from ..models import Delegation, DelegationMember, DelegationVisit, Event
from ..services.common import zone_of_event

LANGUAGE_NAMES = {"ru": _("(Russian)"), "kk": _("(Kazakh)"), "en": _("(English)")}
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def text_fields(name: str, label, *, textarea: bool = False, max_length: int | None = None) -> dict[str, forms.Field]:
    """One field per language: `<name>_ru`, `<name>_kk`, `<name>_en`."""
    fields: dict[str, forms.Field] = {}
    for lang in LANGUAGES:
        widget = forms.Textarea(attrs={"rows": 4}) if textarea else None
        fields[f"{name}_{lang}"] = forms.CharField(
            label=f"{label} {LANGUAGE_NAMES.get(lang, lang)}", required=False, max_length=max_length, widget=widget
        )
    return fields


class DelegationForm(ServiceErrorsMixin, forms.Form):
    """Who hosts whom and why; `services.delegations.delegation_save` takes `service_kwargs()`."""

    service_model = Delegation

    hosts = RegistryNumbersField(label=_("Hosting organisations"))
    visitors = RegistryNumbersField(label=_("Visiting organisations"))
    original_language = forms.ChoiceField(
        label=_("Language you write in"), choices=settings.LANGUAGES, initial="ru", widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, delegation: Delegation | None = None, **kwargs: Any) -> None:
        if delegation is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "hosts": list(delegation.hosts.all()),
                "visitors": list(delegation.visitors.all()),
                "original_language": delegation.original_language,
                **{f"purpose_{lang}": getattr(delegation, f"purpose_{lang}") for lang in LANGUAGES},
            }
        super().__init__(*args, **kwargs)
        self.fields.update(text_fields("purpose", _("Purpose of the visit"), textarea=True, max_length=5000))

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "hosts": data["hosts"],
            "visitors": data["visitors"],
            "original_language": data["original_language"],
            "fields": {f"purpose_{lang}": data.get(f"purpose_{lang}", "") for lang in LANGUAGES},
        }


class MemberForm(ServiceErrorsMixin, forms.Form):
    """A person of the registry joining the delegation."""

    service_model = DelegationMember

    person = RegistryNumberField(label=_("Person"), model=Person)
    role = forms.ChoiceField(label=_("Role"), choices=DelegationRole.choices, initial=DelegationRole.MEMBER)
    organisation = RegistryNumberField(
        label=_("Organisation"),
        required=False,
        help_text=_("Its number in the registry. Leave empty to take the organisation of the person's current post."),
    )

    def clean_person(self):
        person = self.cleaned_data["person"]
        if person is None:
            raise forms.ValidationError(_("Enter the person's number in the registry."))
        return person


class VisitForm(ServiceErrorsMixin, forms.Form):
    """A visit of the delegation's programme; times are read in the event's time zone."""

    service_model = DelegationVisit

    organisation = RegistryNumberField(label=_("Organisation visited"), required=False)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    original_language = forms.ChoiceField(
        label=_("Language you write in"), choices=settings.LANGUAGES, initial="ru", widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, event: Event, visit: DelegationVisit | None = None, **kwargs: Any) -> None:
        self.zone = zone_of_event(event)
        if visit is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "organisation": visit.organisation_id,
                "starts_at": visit.starts_at.astimezone(self.zone).replace(tzinfo=None),
                "ends_at": visit.ends_at.astimezone(self.zone).replace(tzinfo=None),
                "address": visit.address,
                **{
                    f"{name}_{lang}": getattr(visit, f"{name}_{lang}")
                    for name in ("title", "notes")
                    for lang in LANGUAGES
                },
            }
        super().__init__(*args, **kwargs)
        self.fields.update(text_fields("title", _("Title"), max_length=300))
        self.fields.update(text_fields("notes", _("Notes"), textarea=True, max_length=5000))
        for name in ("starts_at", "ends_at"):
            self.fields[name].help_text = _("In the event's time zone (%(zone)s).") % {"zone": self.zone.key}

    def _aware(self, value: datetime.datetime | None) -> datetime.datetime | None:
        if value is None:
            return None
        naive = timezone.make_naive(value) if timezone.is_aware(value) else value
        return naive.replace(tzinfo=self.zone)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = [f"{name}_{lang}" for name in ("title", "notes") for lang in LANGUAGES]
        return {
            "organisation": data.get("organisation"),
            "starts_at": self._aware(data["starts_at"]),
            "ends_at": self._aware(data["ends_at"]),
            "address": data.get("address", ""),
            "original_language": data["original_language"],
            "fields": {name: data.get(name, "") for name in names},
        }


class DelegationFilterForm(forms.Form):
    """Filters of the delegation visits' list."""

    host_country = forms.ModelChoiceField(
        label=_("Hosted in"), queryset=Country.objects.none(), required=False, to_field_name="code"
    )
    visitor_country = forms.ModelChoiceField(
        label=_("Visitors from"), queryset=Country.objects.none(), required=False, to_field_name="code"
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = Country.objects.order_by("name", "code")
        self.fields["host_country"].queryset = countries
        self.fields["visitor_country"].queryset = countries

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "host_country": data["host_country"].pk if data.get("host_country") else None,
            "visitor_country": data["visitor_country"].pk if data.get("visitor_country") else None,
            "year": data.get("year"),
        }
