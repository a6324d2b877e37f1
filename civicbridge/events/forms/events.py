"""Forms of events: the event itself, the list's filters, programme (sessions, speakers), questions, a cancellation."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from civicbridge.accounts.rules import is_admin_or_moderator, organisations_edited_by
from civicbridge.core.text import LANGUAGES as LANGS
from civicbridge.registry.forms import (
    RegionChoiceField,
    RegistryNumberField,
    RegistryNumbersField,
    ServiceErrorsMixin,
    countries,
)
from civicbridge.registry.models import Organisation, Person, Position, Region, Theme

from ..choices import EventKind, QuestionKind, SpeakerRole
from ..models import Event, RegistrationQuestion, Session

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
LANGUAGE_NAMES = {"ru": _("(Russian)"), "kk": _("(Kazakh)"), "en": _("(English)")}
TIME_ZONES = [
    ("Asia/Almaty", "Asia/Almaty (Astana, Almaty)"),
    ("Asia/Aqtobe", "Asia/Aqtobe"),
    ("Asia/Aqtau", "Asia/Aqtau"),
    ("Asia/Oral", "Asia/Oral"),
    ("Asia/Qyzylorda", "Asia/Qyzylorda"),
    ("Europe/Moscow", "Europe/Moscow"),
    ("Asia/Yekaterinburg", "Asia/Yekaterinburg"),
    ("Asia/Novosibirsk", "Asia/Novosibirsk"),
    ("Asia/Tashkent", "Asia/Tashkent"),
    ("Asia/Bishkek", "Asia/Bishkek"),
    ("UTC", "UTC"),
]


def local_field(label, required: bool = True, **kwargs: Any) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, required=required, widget=LOCAL, input_formats=LOCAL_FORMATS, **kwargs)


def in_zone(value: datetime.datetime | None, zone_name: str) -> datetime.datetime | None:
    """A time typed as the event's local time, made aware in that zone."""
    if value is None:
        return None
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("Asia/Almaty")
    return value.replace(tzinfo=None).replace(tzinfo=zone)


def as_local(value: datetime.datetime | None, zone_name: str) -> datetime.datetime | None:
    return None if value is None else value.astimezone(zoneinfo.ZoneInfo(zone_name)).replace(tzinfo=None)


def organisers_hint(user) -> str:
    """The numbers of the organisations the user acts for, so they need not look them up (at most ten)."""
    ids = sorted(organisations_edited_by(user))[:10]
    if not ids:
        return ""
    names = Organisation.objects.filter(pk__in=ids).order_by("name_ru", "id")
    return ", ".join(f"{org.name} — {org.pk}" for org in names)


def _text_fields(names: dict[str, tuple[Any, int | None]]) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for name, (label, limit) in names.items():
        for lang in LANGS:
            key = f"{name}_{lang}"
            if limit is None:
                fields[key] = forms.CharField(
                    label=f"{label} {LANGUAGE_NAMES[lang]}", required=False, widget=forms.Textarea(attrs={"rows": 4})
                )
            else:
                fields[key] = forms.CharField(label=f"{label} {LANGUAGE_NAMES[lang]}", required=False, max_length=limit)
    return fields


EVENT_TEXTS = {
    "title": (_("Title"), 300),
    "summary": (_("Summary"), None),
    "description": (_("Description"), None),
    "series": (_("Series, e.g. Civil Forum of Kazakhstan"), 200),
    "address": (_("Address"), 300),
}


class EventForm(ServiceErrorsMixin, forms.Form):
    """An event; `services.events` takes `service_kwargs()`. Times are typed in the event's own time zone."""

    service_model = Event

    kind = forms.ChoiceField(label=_("Kind of event"), choices=EventKind.choices)
    # Registry numbers, not a select: the registry holds hundreds of thousands of organisations.
    organisers = RegistryNumbersField(
        label=_("Organisers"),
        help_text=_(
            "Their numbers in the registry (the number in the address of their page), separated by commas. One of "
            "them must be an organisation you act for; the first leads. Partners may be in other countries."
        ),
    )
    original_language = forms.ChoiceField(
        label=_("Language you write in"), choices=settings.LANGUAGES, initial="ru", widget=forms.RadioSelect
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of the event"),
        choices=settings.LANGUAGES,
        initial=["ru"],
        widget=forms.CheckboxSelectMultiple,
    )
    series_number = forms.IntegerField(
        label=_("Number in the series"), required=False, min_value=1, max_value=1000, help_text=_("A forum needs it.")
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    country = forms.ModelChoiceField(label=_("Country"), queryset=countries(), required=False)
    region = RegionChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    venue = forms.CharField(label=_("Venue"), required=False, max_length=200)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    time_zone = forms.ChoiceField(label=_("Time zone of the event"), choices=TIME_ZONES, initial="Asia/Almaty")
    starts_at = local_field(_("Starts at"))
    ends_at = local_field(_("Ends at"))
    registration_enabled = forms.BooleanField(label=_("Registration on the platform"), required=False, initial=True)
    capacity = forms.IntegerField(
        label=_("Capacity"), required=False, min_value=1, help_text=_("Leave empty for unlimited seats.")
    )
    registration_closes_at = local_field(_("Registration closes at"), required=False)

    def __init__(self, *args: Any, user=None, instance: Event | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs["initial"] = {**initial_from_event(instance), **(kwargs.get("initial") or {})}
        elif user is not None and not is_admin_or_moderator(user):
            edited = sorted(organisations_edited_by(user))
            kwargs["initial"] = {"organisers": edited[:1], **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields.update(_text_fields(EVENT_TEXTS))
        hint = organisers_hint(user) if user is not None else ""
        if hint:
            mine = _("Yours: %(organisations)s.") % {"organisations": hint}
            self.fields["organisers"].help_text = f"{self.fields['organisers'].help_text} {mine}"
        self.fields["themes"].queryset = Theme.objects.order_by("order", "code")
        self.fields["region"].queryset = Region.objects.filter(country_id__in=["KZ", "RU"]).select_related("country")
        self.order_fields(["kind", "organisers", "original_language", *self.fields])

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        zone = data["time_zone"]
        organisers = list(data["organisers"])
        return {
            "kind": data["kind"],
            "organisers": organisers,
            "original_language": data["original_language"],
            "languages": list(data["languages"]),
            "fields": {f"{n}_{lang}": data[f"{n}_{lang}"] for n in EVENT_TEXTS for lang in LANGS},
            "series_number": data["series_number"],
            "themes": list(data["themes"]),
            "country": data["country"],
            "region": data["region"],
            "venue": data["venue"],
            "online_url": data["online_url"],
            "time_zone": zone,
            "starts_at": in_zone(data["starts_at"], zone),
            "ends_at": in_zone(data["ends_at"], zone),
            "registration_enabled": data["registration_enabled"],
            "capacity": data["capacity"],
            "registration_closes_at": in_zone(data["registration_closes_at"], zone),
        }


def initial_from_event(event: Event) -> dict[str, Any]:
    zone = event.time_zone
    return {
        "kind": event.kind,
        "organisers": [link.organisation for link in event.organiser_links.all()],
        "original_language": event.original_language,
        "languages": event.languages,
        **{f"{n}_{lang}": getattr(event, f"{n}_{lang}") for n in EVENT_TEXTS for lang in LANGS},
        "series_number": event.series_number,
        "themes": list(event.themes.all()),
        "country": event.country_id,
        "region": event.region_id,
        "venue": event.venue,
        "online_url": event.online_url,
        "time_zone": zone,
        "starts_at": as_local(event.starts_at, zone),
        "ends_at": as_local(event.ends_at, zone),
        "registration_enabled": event.registration_enabled,
        "capacity": event.capacity,
        "registration_closes_at": as_local(event.registration_closes_at, zone),
    }


class EventFilterForm(forms.Form):
    """Filters of the public list of events (GET)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Any kind")), *EventKind.choices], required=False)
    country = forms.ModelChoiceField(label=_("Country"), queryset=countries(), required=False, empty_label=_("Any"))
    region = RegionChoiceField(
        label=_("Region"),
        queryset=Region.objects.filter(country_id__in=["KZ", "RU"]).select_related("country"),
        required=False,
        empty_label=_("Any"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.order_by("order", "code"),
        required=False,
        to_field_name="code",
        empty_label=_("Any"),
    )
    when = forms.ChoiceField(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))],
        required=False,
    )
    # Set by links (an organisation's registry page: "events it organises"), kept by the form as it is re-submitted.
    organisation = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"when": "upcoming"}
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "country": data["country"].pk if data["country"] else None,
            "region": data["region"].pk if data["region"] else None,
            "theme": data["theme"].code if data["theme"] else None,
            "when": data["when"] or "upcoming",
            "organisation": data["organisation"],
        }


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the event cancelled?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Everyone registered gets this in an e-mail."),
    )


class SessionForm(ServiceErrorsMixin, forms.Form):
    """A session of the programme, its times typed in the event's time zone."""

    service_model = Session

    starts_at = local_field(_("Starts at"))
    ends_at = local_field(_("Ends at"))
    room = forms.CharField(label=_("Room"), required=False, max_length=200)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields.update(_text_fields({"title": (_("Title"), 300), "description": (_("Description"), None)}))
        self.order_fields([f"title_{event.original_language}", *self.fields])

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "fields": {name: data[name] for name in self.fields if name.startswith(("title_", "description_"))},
            "starts_at": in_zone(data["starts_at"], self.event.time_zone),
            "ends_at": in_zone(data["ends_at"], self.event.time_zone),
            "room": data["room"],
        }


class PositionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Position) -> str:
        return f"{obj.person.full_name}: {obj.title}, {obj.organisation}"


def positions_of(person_id) -> QuerySet[Position]:
    """The positions of one person (none before a person is chosen), current ones first."""
    try:
        person_id = int(person_id)
    except (TypeError, ValueError):
        return Position.objects.none()
    return (
        Position.objects.filter(person_id=person_id)
        .select_related("person", "organisation")
        .order_by(F("end_date").desc(nulls_first=True), "-start_date", "id")
    )


class SpeakerForm(ServiceErrorsMixin, forms.Form):
    """A speaker from the registry: the person, and the post held at the time (one of theirs)."""

    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none())
    # A registry number, not a select: the registry holds every person in a public role of two countries.
    person = RegistryNumberField(
        label=_("Person (from the registry)"),
        model=Person,
        required=True,
        help_text=_("Their number in the registry: the number in the address of their page in the list of people."),
    )
    position = PositionChoiceField(
        label=_("Position at the time"),
        queryset=Position.objects.none(),
        required=False,
        help_text=_("One of the person's positions in the registry; left empty, their current one."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=SpeakerRole.choices, initial=SpeakerRole.SPEAKER)

    def __init__(self, *args: Any, event: Event, positions_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = event.sessions.order_by("starts_at", "order", "id")
        # Only the chosen person's positions are offered (htmx reloads them when the person changes); left empty,
        # the person's current position is taken.
        person = self.data.get("person") if self.is_bound else None
        self.fields["position"].queryset = positions_of(person)
        if positions_url:
            self.fields["person"].widget.attrs.update(
                {
                    "hx-get": positions_url,
                    "hx-trigger": "input changed delay:500ms, change",
                    "hx-target": "#id_position",
                    "hx-swap": "innerHTML",
                }
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        person, position = data.get("person"), data.get("position")
        if person and position and position.person_id != person.pk:
            self.add_error("position", _("This position is not this person's."))
        return data


class QuestionForm(ServiceErrorsMixin, forms.Form):
    service_model = RegistrationQuestion

    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices, initial=QuestionKind.TEXT)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a choice: one option a line."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for lang in LANGS:
            self.fields[f"text_{lang}"] = forms.CharField(
                label=f"{_('Question')} {LANGUAGE_NAMES[lang]}", required=False, max_length=500
            )
        self.order_fields([f"text_{event.original_language}", *self.fields])

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "fields": {f"text_{lang}": data[f"text_{lang}"] for lang in LANGS},
            "kind": data["kind"],
            "options": [line.strip() for line in data["options"].splitlines() if line.strip()],
            "required": data["required"],
        }
