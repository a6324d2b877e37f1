"""Forms for programmes and calls: they shape input for services.calls and services.eligibility, which validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civicbridge.accounts.rules import is_admin
from civicbridge.registry.choices import OrganisationKind
from civicbridge.registry.forms import RegionChoiceField, ServiceErrorsMixin, countries
from civicbridge.registry.models import Country, LegalForm, Organisation, Region, Theme

from ..choices import Currency, Instrument, Level
from ..models import Call, Programme
from ..rubrics import preset_choices
from ..rules import organisations_run_by
from ..selectors.calls import PHASES
from ..services.calls import CALL_OWN_FIELDS

DATETIME = {"type": "datetime-local"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
# The per-language columns of the texts programmes and calls both have (see _text_fields).
TEXT_NAMES = [f"{n}_{lang}" for n in ("name", "description", "priorities") for lang in ("ru", "kk", "en")]


def _translated(form_fields: dict, name: str, label_ru, label_kk, label_en, *, required=True, textarea=False, **kw):
    widget = forms.Textarea(attrs={"rows": 3}) if textarea else None
    form_fields[f"{name}_ru"] = forms.CharField(label=label_ru, required=required, widget=widget, **kw)
    form_fields[f"{name}_kk"] = forms.CharField(label=label_kk, required=False, widget=widget, **kw)
    form_fields[f"{name}_en"] = forms.CharField(label=label_en, required=False, widget=widget, **kw)


def _text_fields() -> dict[str, forms.Field]:
    """Name, description and priorities in each language, as programmes and calls both have them."""
    fields: dict[str, forms.Field] = {}
    _translated(fields, "name", _("Name (Russian)"), _("Name (Kazakh)"), _("Name (English)"), max_length=300)
    _translated(
        fields,
        "description",
        _("Description (Russian)"),
        _("Description (Kazakh)"),
        _("Description (English)"),
        required=False,
        textarea=True,
    )
    _translated(
        fields,
        "priorities",
        _("Priorities (Russian)"),
        _("Priorities (Kazakh)"),
        _("Priorities (English)"),
        required=False,
        textarea=True,
    )
    return fields


def funder_choices(user):
    """Organisations the user may name as funder or operator: those they run programmes for (admins: any funder)."""
    if is_admin(user):
        kinds = [OrganisationKind.STATE_BODY, OrganisationKind.FOUNDATION, OrganisationKind.INTERNATIONAL]
        return Organisation.objects.filter(Q(kind__in=kinds) | Q(pk__in=organisations_run_by(user))).order_by("name_ru")
    return Organisation.objects.filter(pk__in=organisations_run_by(user)).order_by("name_ru")


class ProgrammeForm(ServiceErrorsMixin, forms.Form):
    """A new programme; `services.calls.programme_create` takes its cleaned data."""

    service_model = Programme

    def __init__(self, *args: Any, user, instance: Programme | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs["initial"] = {**initial_from_programme(instance), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields.update(_text_fields())
        orgs = funder_choices(user)
        if instance is not None:  # the saved funder and operator stay choosable even if the user acts for neither
            kept = {instance.funder_id, instance.operator_id} - {None}
            orgs = Organisation.objects.filter(Q(pk__in=orgs.values("pk")) | Q(pk__in=kept)).order_by("name_ru")
        self.fields["funder"] = forms.ModelChoiceField(label=_("Funder"), queryset=orgs, disabled=instance is not None)
        self.fields["operator"] = forms.ModelChoiceField(
            label=_("Grant operator"),
            queryset=orgs,
            required=False,
            help_text=_("The organisation that runs the calls for the funder, if any."),
        )
        self.fields["instrument"] = forms.ChoiceField(label=_("Instrument"), choices=Instrument.choices)
        self.fields["level"] = forms.ChoiceField(label=_("Level"), choices=Level.choices)
        self.fields["country"] = forms.ModelChoiceField(label=_("Country"), queryset=countries(), required=False)
        self.fields["region"] = RegionChoiceField(
            label=_("Region"), queryset=Region.objects.order_by("country_id", "name"), required=False
        )
        self.fields["currency"] = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
        self.fields["budget"] = forms.DecimalField(label=_("Budget"), min_value=0, max_digits=16, decimal_places=2)
        self.fields["themes"] = forms.ModelMultipleChoiceField(
            label=_("Themes"),
            queryset=Theme.objects.order_by("order", "code"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

        if instance is not None:  # a new programme is active; closing one is an edit
            self.fields["is_active"] = forms.BooleanField(label=_("The programme takes new calls"), required=False)

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("themes", None)
        if self.instance is not None:
            data.pop("funder", None)  # never changes; the field is shown disabled
        return data


def initial_from_programme(programme: Programme) -> dict[str, Any]:
    initial = {n: getattr(programme, n) for n in TEXT_NAMES}
    for name in ("funder", "operator", "country", "region"):
        initial[name] = getattr(programme, f"{name}_id")
    for name in ("instrument", "level", "currency", "budget", "is_active"):
        initial[name] = getattr(programme, name)
    initial["themes"] = list(programme.themes.all())
    return initial


# --- Call and its parts -----------------------------------------------------------------------------------------


class PartForm(forms.Form):
    """One row of a call's parts; `id` names a saved row (kept), blank means a new one."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def row(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("DELETE",)}
        if not data.get("id"):
            data.pop("id", None)
        return data


class BandForm(PartForm):
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=120)
    name_kk = forms.CharField(label=_("Name (Kazakh)"), max_length=120, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=120, required=False)
    min_amount = forms.DecimalField(label=_("Minimum"), min_value=0, max_digits=16, decimal_places=2)
    max_amount = forms.DecimalField(label=_("Maximum"), min_value=0, max_digits=16, decimal_places=2)
    pass_mark = forms.DecimalField(
        label=_("Pass mark (of 100)"), min_value=0, max_value=100, max_digits=5, decimal_places=2, initial=60
    )


class TermForm(PartForm):
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=120)
    name_kk = forms.CharField(label=_("Name (Kazakh)"), max_length=120, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=120, required=False)
    min_months = forms.IntegerField(label=_("From, months"), min_value=1, max_value=120)
    max_months = forms.IntegerField(label=_("To, months"), min_value=1, max_value=120)


class CriterionForm(PartForm):
    name_ru = forms.CharField(label=_("Criterion (Russian)"), max_length=300)
    name_kk = forms.CharField(label=_("Criterion (Kazakh)"), max_length=300, required=False)
    name_en = forms.CharField(label=_("Criterion (English)"), max_length=300, required=False)
    descriptors_ru = forms.CharField(
        label=_("What the marks mean (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    descriptors_kk = forms.CharField(
        label=_("What the marks mean (Kazakh)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    descriptors_en = forms.CharField(
        label=_("What the marks mean (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    weight = forms.DecimalField(label=_("Weight"), min_value=0, max_digits=6, decimal_places=2, initial=1)
    scale_min = forms.IntegerField(label=_("Lowest mark"), min_value=0, max_value=100, initial=0)
    scale_max = forms.IntegerField(label=_("Highest mark"), min_value=1, max_value=100, initial=10)


class DocumentForm(PartForm):
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("Latin letters, digits, - and _."))
    name_ru = forms.CharField(label=_("Document (Russian)"), max_length=300)
    name_kk = forms.CharField(label=_("Document (Kazakh)"), max_length=300, required=False)
    name_en = forms.CharField(label=_("Document (English)"), max_length=300, required=False)
    mandatory = forms.BooleanField(label=_("Mandatory"), required=False, initial=True)


PART_FORMS = {"bands": BandForm, "terms": TermForm, "criteria": CriterionForm, "documents": DocumentForm}


def part_formsets(data=None, *, initial: dict[str, list[dict]] | None = None) -> dict[str, forms.BaseFormSet]:
    """One formset per part kind (prefix = the kind), with one blank row to add."""
    initial = initial or {}
    sets = {}
    for kind, form_class in PART_FORMS.items():
        formset_class = forms.formset_factory(form_class, extra=1, can_delete=True)
        sets[kind] = formset_class(data, prefix=kind, initial=initial.get(kind) or None)
    return sets


def formset_rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The rows a valid formset keeps: filled in and not marked for deletion, in order."""
    return [
        f.row()
        for f in formset.forms
        if f.has_changed() or f.cleaned_data.get("id")
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def call_initial_parts(call: Call) -> dict[str, list[dict[str, Any]]]:
    """The formsets' starting rows from a saved call."""
    names = ("name_ru", "name_kk", "name_en")
    return {
        "bands": [
            {"id": b.pk, **{n: getattr(b, n) for n in names}, "min_amount": b.min_amount, "max_amount": b.max_amount}
            | {"pass_mark": b.pass_mark}
            for b in call.bands.all()
        ],
        "terms": [
            {"id": t.pk, **{n: getattr(t, n) for n in names}, "min_months": t.min_months, "max_months": t.max_months}
            for t in call.duration_terms.all()
        ],
        "criteria": [
            {"id": c.pk, **{n: getattr(c, n) for n in names}}
            | {f"descriptors_{lang}": getattr(c, f"descriptors_{lang}") for lang in ("ru", "kk", "en")}
            | {"weight": c.weight, "scale_min": c.scale_min, "scale_max": c.scale_max}
            for c in call.criteria.all()
        ],
        "documents": [
            {"id": d.pk, "code": d.code, **{n: getattr(d, n) for n in names}, "mandatory": d.mandatory}
            for d in call.required_documents.all()
        ],
    }


class CallForm(ServiceErrorsMixin, forms.Form):
    """A call's own fields and rules; its parts come from the formsets. Times are read in the viewer's zone."""

    service_model = Call
    SETS = ("themes", "eligible_countries", "eligible_regions", "eligible_legal_forms")

    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("Short stable code, e.g. kz-2027-1"))
    opens_at = forms.DateTimeField(
        label=_("Opens at"), widget=forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT)
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"),
        widget=forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT),
        help_text=_("Applications are accepted until this instant, to the second."),
    )
    budget = forms.DecimalField(label=_("Budget"), min_value=0, max_digits=16, decimal_places=2)
    min_cofinancing_percent = forms.DecimalField(
        label=_("Minimum co-financing, %"), min_value=0, max_value=100, decimal_places=2, initial=0
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    eligible_countries = forms.ModelMultipleChoiceField(
        label=_("Eligible countries"),
        queryset=Country.objects.none(),
        required=False,
        help_text=_("Leave empty to accept every country."),
    )
    eligible_regions = forms.ModelMultipleChoiceField(
        label=_("Eligible regions"),
        queryset=Region.objects.none(),
        required=False,
        help_text=_("Leave empty to accept every region."),
    )
    eligible_legal_forms = forms.ModelMultipleChoiceField(
        label=_("Eligible legal forms"),
        queryset=LegalForm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to accept every legal form."),
    )
    eligible_kinds = forms.MultipleChoiceField(
        label=_("Eligible kinds of organisation"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to accept every kind."),
    )
    min_age_months = forms.IntegerField(
        label=_("Minimum months since registration"), min_value=0, max_value=600, required=False
    )
    refuse_overdue_reports = forms.BooleanField(
        label=_("Refuse applicants with overdue grant reports"), required=False, initial=True
    )
    max_active_grants = forms.IntegerField(
        label=_("At most this many active grants"), min_value=0, max_value=100, required=False
    )
    submission_languages = forms.MultipleChoiceField(
        label=_("Submission languages"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        initial=["ru", "kk"],
    )
    experts_per_application = forms.IntegerField(
        label=_("Experts per application"), min_value=1, max_value=9, initial=2
    )
    divergence_threshold = forms.DecimalField(
        label=_("Divergence threshold (points of 100)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        initial=25,
        help_text=_("When two reviews' totals differ by more than this, one more expert is assigned."),
    )
    review_deadline = forms.DateTimeField(
        label=_("Review deadline"), required=False, widget=forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT)
    )
    rubric_preset = forms.ChoiceField(
        label=_("Rubric"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("A preset replaces the criteria below."),
    )

    def __init__(self, *args: Any, call: Call | None = None, **kwargs: Any) -> None:
        if call is not None:
            kwargs["initial"] = {**initial_from_call(call), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        # Names first, as the page reads.
        self.fields = {**_text_fields(), **self.fields}
        self.fields["themes"].queryset = Theme.objects.order_by("order", "code")
        self.fields["eligible_countries"].queryset = countries()
        self.fields["eligible_regions"].queryset = Region.objects.select_related("country").order_by(
            "country_id", "name"
        )
        self.fields["eligible_regions"].label_from_instance = lambda r: f"{r.name} ({r.country_id})"
        self.fields["eligible_legal_forms"].queryset = LegalForm.objects.order_by("country_id", "name")
        self.fields["eligible_legal_forms"].label_from_instance = lambda f: f"{f.name} ({f.country_id})"
        keep = _("Keep the criteria below") if call is not None else _("Enter the criteria below")
        self.fields["rubric_preset"].choices = [("", keep), *preset_choices()]

    def service_fields(self) -> dict[str, Any]:
        """Cleaned data as the service's keyword arguments (sets included, the preset apart)."""
        data = dict(self.cleaned_data)
        data.pop("rubric_preset", None)
        for name in ("eligible_kinds", "submission_languages"):
            data[name] = list(data.get(name) or [])
        if data.get("min_age_months") == 0:
            data["min_age_months"] = None
        for name in ("opens_at", "closes_at", "review_deadline"):
            # The input shows minutes: a value posted back unchanged keeps the stored seconds (or it would "change").
            before, after = self.initial.get(name), data.get(name)
            if before and after and before.replace(second=0, microsecond=0) == after:
                data[name] = before
        return data


def initial_from_call(call: Call) -> dict[str, Any]:
    initial = {n: getattr(call, n) for n in TEXT_NAMES}
    for name in CALL_OWN_FIELDS:
        initial[name] = getattr(call, name)
    for name in CallForm.SETS:
        initial[name] = list(getattr(call, name).all())
    return initial


# --- Buttons and screening --------------------------------------------------------------------------------------


class CallActionForm(forms.Form):
    """One of the call's workflow buttons, with the reason some of them need."""

    action = forms.ChoiceField(choices=[("publish", "publish"), ("start_review", "start_review"), ("cancel", "cancel")])
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OverrideForm(forms.Form):
    """An operator's override of an application's screening result."""

    eligible = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Eligible")), ("0", _("Not eligible"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for the override"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the application's history and the audit log, and sent to the applicant."),
    )


class CallFilterForm(forms.Form):
    """The public list's filters."""

    q = forms.CharField(label=_("Search calls"), required=False, max_length=200)
    phase = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=[("", _("Any")), *zip(PHASES, (_("Open now"), _("Opening soon"), _("Closed")), strict=True)],
    )
    instrument = forms.ChoiceField(label=_("Instrument"), required=False, choices=[("", _("Any")), *Instrument.choices])
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("Any")), *Level.choices])
    theme = forms.ModelChoiceField(
        label=_("Theme"), required=False, queryset=Theme.objects.none(), to_field_name="code", empty_label=_("Any")
    )
    country = forms.ModelChoiceField(
        label=_("Open to organisations of"), required=False, queryset=Country.objects.none(), empty_label=_("Any")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.order_by("order", "code")
        self.fields["country"].queryset = countries()

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
