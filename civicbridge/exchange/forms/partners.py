"""Forms of needs and offers, partner suggestions, partnership requests and partnerships; the services validate."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from civicbridge.core.text import LANGUAGES as LANGS
from civicbridge.files.forms import UploadField
from civicbridge.registry.forms import RegionChoiceField, RegistryNumbersField, ServiceErrorsMixin, countries
from civicbridge.registry.models import Country, Organisation, Region, Theme

from ..choices import ListingKind
from ..models import Listing, Partnership, PartnershipRequest
from ..services.listings import is_language_code

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegionsField(forms.ModelMultipleChoiceField):
    """Regions labelled with their country, since names repeat across countries."""

    def label_from_instance(self, obj: Region) -> str:
        return RegionChoiceField.label_from_instance(self, obj)


def _text_fields() -> dict[str, forms.Field]:
    names = {"ru": _("(Russian)"), "kk": _("(Kazakh)"), "en": _("(English)")}
    fields: dict[str, forms.Field] = {}
    for lang in LANGS:
        fields[f"title_{lang}"] = forms.CharField(label=f"{_('Title')} {names[lang]}", max_length=300, required=False)
    for lang in LANGS:
        fields[f"description_{lang}"] = forms.CharField(
            label=f"{_('Description')} {names[lang]}", required=False, widget=forms.Textarea(attrs={"rows": 4})
        )
    return fields


class ListingForm(ServiceErrorsMixin, forms.Form):
    """A need or an offer; `services.listings` takes `service_kwargs()`."""

    service_model = Listing

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(
        label=_("Is this a need or an offer?"), choices=ListingKind.choices, widget=forms.RadioSelect
    )
    original_language = forms.ChoiceField(
        label=_("Language you write in"), choices=settings.LANGUAGES, initial="ru", widget=forms.RadioSelect
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.none(),
        required=False,
        help_text=_("Where you look for partners or can work. Choose none for anywhere."),
    )
    regions = RegionsField(
        label=_("Regions"),
        queryset=Region.objects.none(),
        required=False,
        help_text=_("Choose none for the whole of the chosen countries."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"), choices=settings.LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    other_languages = forms.CharField(
        label=_("Other working languages"),
        required=False,
        max_length=100,
        help_text=_("Two-letter ISO 639-1 codes separated by commas, for example: uz, ky."),
    )
    cross_border = forms.BooleanField(label=_("Ready to work across borders"), required=False, initial=True)
    expires_on = forms.DateField(label=_("Open until"), required=False, widget=DATE, help_text=_("Optional."))

    def __init__(self, *args: Any, organisations=None, instance: Listing | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs["initial"] = {**initial_from_listing(instance), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields.update(_text_fields())
        if instance is not None or organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
        self.fields["themes"].queryset = Theme.objects.order_by("order", "code")
        self.fields["countries"].queryset = countries()
        self.fields["regions"].queryset = Region.objects.filter(country_id__in=["KZ", "RU"]).select_related("country")
        self.order_fields(["organisation", "kind", "original_language"])

    def clean_other_languages(self) -> list[str]:
        codes = [c.strip().lower() for c in self.cleaned_data["other_languages"].split(",") if c.strip()]
        unknown = [c for c in codes if not is_language_code(c)]
        if unknown:
            raise forms.ValidationError(_("Unknown language codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        return codes

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs = {
            "kind": data["kind"],
            "original_language": data["original_language"],
            "fields": {name: data[name] for name in self.fields if name.startswith(("title_", "description_"))},
            "themes": list(data["themes"]),
            "countries": list(data["countries"]),
            "regions": list(data["regions"]),
            "languages": [*data["languages"], *data["other_languages"]],
            "cross_border": data["cross_border"],
            "expires_on": data["expires_on"],
        }
        if "organisation" in data:
            kwargs["organisation"] = data["organisation"]
        return kwargs


def initial_from_listing(listing: Listing) -> dict[str, Any]:
    languages = listing.languages or []
    return {
        "kind": listing.kind,
        "original_language": listing.original_language,
        **{f"{n}_{lang}": getattr(listing, f"{n}_{lang}") for n in ("title", "description") for lang in LANGS},
        "themes": list(listing.themes.all()),
        "countries": list(listing.countries.all()),
        "regions": list(listing.regions.all()),
        "languages": [c for c in languages if c in dict(settings.LANGUAGES)],
        "other_languages": ", ".join(c for c in languages if c not in dict(settings.LANGUAGES)),
        "cross_border": listing.cross_border,
        "expires_on": listing.expires_on,
    }


class ListingFilterForm(forms.Form):
    """Filters of the public list of needs and offers (GET)."""

    kind = forms.ChoiceField(label=_("Need or offer"), choices=[("", _("All")), *ListingKind.choices], required=False)
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.none(), required=False, to_field_name="code", empty_label=_("All")
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False, to_field_name="code", empty_label=_("All")
    )
    region = forms.CharField(label=_("Region code"), required=False, max_length=10, help_text=_("For example KZ-75."))
    language = forms.ChoiceField(label=_("Language"), choices=[("", _("All")), *settings.LANGUAGES], required=False)
    cross_border = forms.ChoiceField(
        label=_("Across borders"),
        choices=[("", _("All")), ("yes", _("Ready to work across borders")), ("no", _("Only at home"))],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.order_by("order", "code")
        self.fields["country"].queryset = countries()

    def clean_region(self) -> str:
        return self.cleaned_data["region"].strip().upper()

    def filters(self) -> dict[str, Any]:
        """The selector's filters (empty when the form is invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "theme": data["theme"].code if data["theme"] else "",
            "country": data["country"].code if data["country"] else "",
            "region": data["region"],
            "language": data["language"],
            "cross_border": {"yes": True, "no": False}.get(data["cross_border"]),
        }


class SuggestionForm(forms.Form):
    """Which of the organisation's needs or offers to find partners for (all of them by default)."""

    listing = forms.ModelChoiceField(
        label=_("Find partners for"),
        queryset=Listing.objects.none(),
        required=False,
        empty_label=_("All my needs and offers"),
    )

    def __init__(self, *args: Any, listings, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["listing"].queryset = listings


class RequestForm(ServiceErrorsMixin, forms.Form):
    """A partnership request; the organisation it goes to comes from the address."""

    service_model = PartnershipRequest

    from_organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=Organisation.objects.none())
    listing = forms.ModelChoiceField(queryset=Listing.objects.none(), required=False, widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say who you are and what you propose to do together."),
    )

    def __init__(self, *args: Any, organisations, listings, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_organisation"].queryset = organisations
        self.fields["listing"].queryset = listings


class AnswerForm(forms.Form):
    reply = forms.CharField(
        label=_("Your reply (optional)"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PartnershipForm(ServiceErrorsMixin, forms.Form):
    """A memorandum: the recorder's organisation, the other parties, dates, themes and the file."""

    service_model = Partnership

    organisation = forms.ModelChoiceField(label=_("Your organisation"), queryset=Organisation.objects.none())
    partners = RegistryNumbersField(label=_("Other parties"), max_length=500)
    title = forms.CharField(label=_("Title of the memorandum"), max_length=300)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)
    starts_on = forms.DateField(label=_("In force from"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("In force until"), required=False, widget=DATE)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("What the parties agreed"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    document = UploadField(label=_("Memorandum (file)"), purpose="exchange.memorandum", required=False)

    def __init__(self, *args: Any, organisations, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["themes"].queryset = Theme.objects.order_by("order", "code")
        self.fields["signed_on"].initial = datetime.date.today
