"""Forms of the registry pages. They shape input for the services; the services validate and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Case, QuerySet, Value, When
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .choices import OrganisationKind, OrganisationStatus
from .models import Country, LegalForm, Organisation, Person, Region, Theme
from .selectors import regions_in_use


class ServiceErrorsMixin:
    """Puts a service's ValidationError on the form: field errors on their fields, the rest above the form."""

    service_model: type[models.Model] | None = None  # the model the service saves: names the fields the form lacks

    def add_service_error(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for field, errors in exc.error_dict.items():
            if field in self.fields:
                self.add_error(field, errors)
            else:
                # A field this form does not show (e.g. a model-level check): keep the message, name the field.
                for error in errors:
                    for message in error.messages:
                        self.add_error(
                            None, message if field == NON_FIELD_ERRORS else f"{self.field_label(field)}: {message}"
                        )

    def field_label(self, name: str) -> str:
        """The reader's name of a field: the model field's verbose_name (raw name only if the model has none)."""
        if self.service_model is not None:
            try:
                return capfirst(self.service_model._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                pass
        return name


class CodeChoiceField(forms.ModelChoiceField):
    """A legal form chosen by code, labelled with its country so KZ and RU forms are told apart."""

    def label_from_instance(self, obj: LegalForm) -> str:
        return _legal_form_label(obj)


class RegionChoiceField(forms.ModelChoiceField):
    """A region labelled with its ISO 3166-2 code's country, since names repeat across countries."""

    def label_from_instance(self, obj: Region) -> str:
        return f"{obj.name} ({obj.country_id})"


def regions_for(country_code: str | None) -> QuerySet[Region]:
    """Regions offered in the form: those of the chosen country, or of Kazakhstan and Russia before one is chosen."""
    codes = [country_code] if country_code else ["KZ", "RU"]
    return Region.objects.filter(country_id__in=codes).order_by("country_id", "name")


def countries() -> QuerySet[Country]:
    """All countries by name in the viewer's language, Kazakhstan and Russia first."""
    first = Case(When(code__in=["KZ", "RU"], then=Value(0)), default=Value(1))
    return Country.objects.order_by(first, "name")


ORGANISATION_TEXT_FIELDS = ("name_ru", "name_kk", "name_en", "description_ru", "description_kk", "description_en")


def registry_numbers(raw: str) -> list[int]:
    parts = [part.strip() for part in (raw or "").replace(";", ",").split(",") if part.strip()]
    if not all(part.isdigit() and len(part) < 12 for part in parts):
        raise forms.ValidationError(_("Enter registry numbers separated by commas, for example: 12, 345."))
    return list(dict.fromkeys(int(part) for part in parts))


class RegistryNumbersField(forms.CharField):
    """Records of the registry given by their numbers, separated by commas; cleans to the records, in that order."""

    def __init__(self, *args: Any, model: type[models.Model] = Organisation, **kwargs: Any) -> None:
        self.model = model
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault(
            "help_text",
            _("Their numbers in the registry (the number in the address of their page), separated by commas."),
        )
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple | models.QuerySet):
            return ", ".join(str(getattr(item, "pk", item)) for item in value)
        return value

    def clean(self, value: Any) -> list:
        value = super().clean(value)
        ids = registry_numbers(value)
        found = self.model.objects.in_bulk(ids)
        missing = [pk for pk in ids if pk not in found]
        if missing:
            raise forms.ValidationError(
                _("Nothing in the registry has these numbers: %(numbers)s.") % {"numbers": ", ".join(map(str, missing))}
            )
        return [found[pk] for pk in ids]


class RegistryNumberField(RegistryNumbersField):
    """One record of the registry given by its number; cleans to the record or None."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("Its number in the registry (the number in the address of its page)."))
        kwargs.setdefault("max_length", 12)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def prepare_value(self, value: Any) -> Any:
        return getattr(value, "pk", value)

    def clean(self, value: Any):
        records = super().clean(value)
        if len(records) > 1:
            raise forms.ValidationError(_("Enter one number."))
        return records[0] if records else None


class OrganisationForm(ServiceErrorsMixin, forms.Form):
    """Every editable field of an organisation; `organisation_create`/`organisation_update` take its cleaned data."""

    service_model = Organisation

    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=500)
    name_kk = forms.CharField(label=_("Name (Kazakh)"), max_length=500, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=500, required=False)
    short_name = forms.CharField(
        label=_("Abbreviation"), max_length=100, required=False, help_text=_("For example ГАК or МКИ.")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices, initial=OrganisationKind.NGO)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none(), to_field_name="code")
    region = RegionChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    legal_form = CodeChoiceField(
        label=_("Legal form"), queryset=LegalForm.objects.none(), required=False, to_field_name="code"
    )
    bin = forms.CharField(label=_("BIN"), max_length=20, required=False, help_text=_("Kazakhstan: 12 digits."))
    inn = forms.CharField(label=_("INN"), max_length=20, required=False, help_text=_("Russia: 10 digits."))
    ogrn = forms.CharField(label=_("OGRN"), max_length=20, required=False, help_text=_("Russia: 13 digits."))
    registered_on = forms.DateField(
        label=_("Registration date"),
        required=False,
        help_text=_("For example 2015-03-27."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    status = forms.ChoiceField(label=_("Status"), choices=OrganisationStatus.choices, initial=OrganisationStatus.ACTIVE)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("Public e-mail"), required=False)
    description_ru = forms.CharField(label=_("Description (Russian)"), required=False, widget=forms.Textarea)
    description_kk = forms.CharField(label=_("Description (Kazakh)"), required=False, widget=forms.Textarea)
    description_en = forms.CharField(label=_("Description (English)"), required=False, widget=forms.Textarea)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )

    def __init__(self, *args: Any, instance: Organisation | None = None, **kwargs: Any) -> None:
        if instance is not None:  # the view may pass initial={} too: the saved values come first, the view's override
            kwargs["initial"] = {**initial_from(instance), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.instance = instance
        country = self.data.get("country") if self.is_bound else self.initial.get("country")
        country_code = country.code if isinstance(country, Country) else country
        self.fields["country"].queryset = countries()
        self.fields["country"].widget.attrs["autocomplete"] = "country"
        self.fields["region"].queryset = regions_for(country_code or None)
        self.fields["legal_form"].queryset = LegalForm.objects.select_related("country").order_by("country_id", "name")
        self.fields["themes"].queryset = Theme.objects.order_by("order", "code")
        for name in ("bin", "inn", "ogrn"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "spellcheck": "false"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs["autocomplete"] = "url"

    def service_fields(self) -> dict[str, Any]:
        """Cleaned data as the service's keyword arguments (themes apart)."""
        data = dict(self.cleaned_data)
        data.pop("themes", None)
        return data


def initial_from(organisation: Organisation) -> dict[str, Any]:
    """The form's starting values from a saved organisation."""
    initial = {name: getattr(organisation, name) for name in ORGANISATION_TEXT_FIELDS}
    initial.update(
        short_name=organisation.short_name,
        kind=organisation.kind,
        country=organisation.country_id,
        region=organisation.region_id,
        legal_form=organisation.legal_form.code if organisation.legal_form_id else None,
        bin=organisation.bin,
        inn=organisation.inn,
        ogrn=organisation.ogrn,
        registered_on=organisation.registered_on,
        status=organisation.status,
        website=organisation.website,
        email=organisation.email,
        themes=[theme.code for theme in organisation.themes.all()],
    )
    return initial


class PersonForm(ServiceErrorsMixin, forms.Form):
    """A person's names and biography in three languages, contacts, and whether they consented to show them."""

    service_model = Person

    full_name_ru = forms.CharField(label=_("Full name (Russian)"), max_length=300)
    full_name_kk = forms.CharField(label=_("Full name (Kazakh)"), max_length=300, required=False)
    full_name_en = forms.CharField(label=_("Full name (English)"), max_length=300, required=False)
    bio_ru = forms.CharField(label=_("About (Russian)"), required=False, widget=forms.Textarea)
    bio_kk = forms.CharField(label=_("About (Kazakh)"), required=False, widget=forms.Textarea)
    bio_en = forms.CharField(label=_("About (English)"), required=False, widget=forms.Textarea)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    contacts_public = forms.BooleanField(
        label=_("The person agreed to show their e-mail and phone publicly"),
        required=False,
        help_text=_("Leave this unticked unless you have the person's consent. Without it the contacts stay private."),
    )

    def __init__(self, *args: Any, instance: Person | None = None, **kwargs: Any) -> None:
        if instance is not None:
            fields = ("full_name_ru", "full_name_kk", "full_name_en", "bio_ru", "bio_kk", "bio_en", "email", "phone")
            initial = {name: getattr(instance, name) for name in fields}
            initial["contacts_public"] = instance.contacts_public
            kwargs["initial"] = {**initial, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs.update({"autocomplete": "off", "inputmode": "tel"})


def _legal_form_label(obj: LegalForm) -> str:
    return f"{obj.name} ({obj.country_id})"


def prepare_filter_form(form: forms.Form) -> forms.Form:
    """Dress the directory's filter form (built by OrganisationFilterSet) for people: 'any' choices, a search box."""
    empty = {
        "country": _("Any country"),
        "region": _("Any region"),
        "kind": _("Any kind"),
        "theme": _("Any theme"),
        "legal_form": _("Any legal form"),
    }
    for name, label in empty.items():
        form.fields[name].empty_label = label
    # django-filter's plain ChoiceField fixes its choices (with the old empty label) when they are set: set them again.
    form.fields["kind"].choices = OrganisationKind.choices
    form.fields["q"].widget.input_type = "search"
    form.fields["q"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
    form.fields["q"].help_text = _("Name, abbreviation or words from the description.")
    form.fields["legal_form"].label_from_instance = _legal_form_label
    return form


def directory_regions() -> QuerySet[Region]:
    """Regions that have at least one organisation, by country: the directory offers only those."""
    return Region.objects.filter(code__in=regions_in_use()).select_related("country").order_by("country_id", "name")
