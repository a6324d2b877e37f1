"""Forms of the practice pages: writing a practice (a section per language), recording an adoption, returning a
practice with comments, attaching a file, and dressing the library's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from civicbridge.files.forms import UploadField
from civicbridge.registry.forms import RegionChoiceField, ServiceErrorsMixin, countries
from civicbridge.registry.models import Country, Organisation, Region, Theme

from ..models import Adoption, Practice, TargetGroup
from ..selectors.practices import LANGUAGES, TEXT_FIELDS
from ..services.practices import PURPOSE, language_choices
from . import edited_organisations

TEXTAREA = {"rows": 5}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LANGUAGE_NAMES = dict(settings.LANGUAGES)
# Labels per text field: "Title (Russian)" etc. are built from these and the language's name.
TEXT_LABELS = {
    "title": _("Title"),
    "problem": _("Problem"),
    "solution": _("Solution"),
    "steps": _("How to do it"),
    "resources": _("Resources needed"),
    "results": _("Measured results"),
}
# Whole phrases, so each language can decline the name of another as its grammar needs.
SECTION_TITLES = {"ru": _("Russian version"), "kk": _("Kazakh version"), "en": _("English version")}
TEXT_HINTS = {
    "problem": _("What was wrong, for whom, and how you knew."),
    "solution": _("What you did about it, in a few sentences."),
    "steps": _("The steps, one per line, so another organisation can repeat them."),
    "resources": _("People, money, premises, equipment."),
    "results": _("What changed, in numbers where you can: people reached, before and after."),
}


class PracticeForm(ServiceErrorsMixin, forms.Form):
    """A practice's fields; texts as one section per language. The service decides what is required."""

    service_model = Practice

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    original_language = forms.ChoiceField(
        label=_("Original language"),
        help_text=_("The language you write the practice in. Versions in other languages are optional."),
    )
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none(), to_field_name="code")
    region = RegionChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    contacts = forms.CharField(
        label=_("Contacts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=Practice._meta.get_field("contacts").help_text,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text=_("One per line: the address, then a space and a title if you like."),
    )

    def __init__(self, *args: Any, user, practice: Practice | None = None, **kwargs: Any) -> None:
        if practice is not None:
            kwargs["initial"] = {**initial_from(practice), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.practice = practice
        for lang in LANGUAGES:
            for name in TEXT_FIELDS:
                self.fields[f"{name}_{lang}"] = _text_field(name, lang)
        if practice is not None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = edited_organisations(user)
        self.fields["original_language"].choices = language_choices()
        self.fields["country"].queryset = countries()
        self.fields["region"].queryset = _regions_for(self)
        self.fields["themes"].queryset = Theme.objects.order_by("order", "code")
        self.fields["target_groups"].queryset = TargetGroup.objects.order_by("order", "code")

    def language_sections(self) -> list[tuple[str, str, list]]:
        """(code, section title, bound fields) per language, for the template's sections."""
        return [(lang, SECTION_TITLES[lang], [self[f"{name}_{lang}"] for name in TEXT_FIELDS]) for lang in LANGUAGES]

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned data as the services' keyword arguments."""
        data = self.cleaned_data
        fields = {f"{name}_{lang}": data[f"{name}_{lang}"] for lang in LANGUAGES for name in TEXT_FIELDS}
        fields.update(country=data["country"], region=data["region"], contacts=data["contacts"])
        return {
            "fields": fields,
            "themes": list(data["themes"]),
            "target_groups": list(data["target_groups"]),
            "links": parse_links(data["links"]),
        }


def _text_field(name: str, lang: str) -> forms.CharField:
    label = _("%(field)s (%(language)s)") % {"field": TEXT_LABELS[name], "language": LANGUAGE_NAMES[lang]}
    if name == "title":
        return forms.CharField(label=label, required=False, max_length=300)
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs=TEXTAREA), help_text=TEXT_HINTS.get(name, "")
    )


def parse_links(text: str) -> list[dict[str, str]]:
    """Lines of "address title" as link rows (the service checks the addresses)."""
    rows = []
    for line in (text or "").splitlines():
        url, _sep, title = line.strip().partition(" ")
        if url:
            rows.append({"url": url, "title": title.strip()})
    return rows


def initial_from(practice: Practice) -> dict[str, Any]:
    """The form's starting values from a saved practice."""
    initial = {
        f"{name}_{lang}": getattr(practice, f"{name}_{lang}") or "" for lang in LANGUAGES for name in TEXT_FIELDS
    }
    initial.update(
        version=practice.version,
        original_language=practice.original_language,
        country=practice.country_id,
        region=practice.region_id,
        contacts=practice.contacts,
        themes=[theme.code for theme in practice.themes.all()],
        target_groups=[group.code for group in practice.target_groups.all()],
        links="\n".join(f"{link.url} {link.title}".strip() for link in practice.links.all()),
    )
    return initial


class AdoptionForm(ServiceErrorsMixin, forms.Form):
    """Record an adoption: which of the user's organisations, when, where, with what result."""

    service_model = Adoption

    organisation = forms.ModelChoiceField(
        label=_("Your organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DATE, help_text=_("For example 2026-03-01."))
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none(), to_field_name="code")
    region = RegionChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    place = forms.CharField(label=_("Place"), required=False, max_length=300, help_text=_("Town, village or district."))
    result = forms.CharField(
        label=_("Result"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What changed where you adopted it."),
    )

    def __init__(self, *args: Any, user, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = edited_organisations(user)
        self.fields["country"].queryset = countries()
        self.fields["region"].queryset = _regions_for(self)


def _regions_for(form: forms.Form):
    """The regions offered: those of the chosen country, or of Kazakhstan and Russia before one is chosen (every
    country's subdivisions would be thousands of options)."""
    country = form.data.get("country") if form.is_bound else form.initial.get("country")
    codes = [getattr(country, "pk", country)] if country else ["KZ", "RU"]
    return Region.objects.filter(country_id__in=codes).order_by("country_id", "name")


class ReturnForm(forms.Form):
    """A moderator's comments when returning a practice to its authors."""

    reason = forms.CharField(
        label=_("Comments for the authors"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say what to change; the authors receive this text."),
    )


class DocumentForm(forms.Form):
    """Attach a file to a practice (a methodology, a template, photos)."""

    file = UploadField(label=_("File"), purpose=PURPOSE)


def prepare_library_filters(form: forms.Form) -> forms.Form:
    """Dress the library's filter form (built by PracticeFilterSet): 'any' choices in the reader's words."""
    empty = {
        "theme": _("Any theme"),
        "target_group": _("Any target group"),
        "country": _("Any country"),
        "region": _("Any region"),
    }
    for name, label in empty.items():
        form.fields[name].empty_label = label
    # django-filter's ChoiceField renders its empty label before the choices, and fixes it when they are set.
    form.fields["language"].empty_label = _("Any language")
    form.fields["language"].choices = language_choices()
    form.fields["region"].queryset = Region.objects.filter(country_id__in=["KZ", "RU"]).order_by("country_id", "name")
    form.fields["region"].label_from_instance = lambda region: f"{region.name} ({region.country_id})"
    form.fields["country"].queryset = countries()
    form.fields["organisation"].widget = forms.HiddenInput()  # set by an organisation's page link, not chosen here
    return form
