"""Forms of the applicant's pages: the application's fields, one formset per part, documents, withdrawal.

They only shape input for services.applications; the services check and save (and say why they refuse).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from civicbridge.files.forms import UploadField
from civicbridge.registry.forms import ServiceErrorsMixin
from civicbridge.registry.models import Organisation, Region, Theme

from ..choices import BudgetCategory
from ..models import Application, Call, RequiredDocument

TEXTAREA = {"rows": 4}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"max_digits": 16, "decimal_places": 2, "localize": True}


def language_choices(call: Call) -> list[tuple[str, str]]:
    """The call's submission languages, named in the viewer's language (all site languages when the call names none)."""
    codes = list(call.submission_languages or []) or [code for code, _name in settings.LANGUAGES]
    return [(code, get_language_info(code)["name_translated"].capitalize()) for code in codes]


class StartApplicationForm(forms.Form):
    """Start a draft: for which of the user's organisations, and a working title."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Applicant organisation"), empty_label=None
    )
    title = forms.CharField(label=_("Project title"), max_length=300)

    def __init__(self, *args: Any, organisations, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ApplicationForm(ServiceErrorsMixin, forms.Form):
    """The application's own fields. `version` carries the draft's version for the optimistic check."""

    service_model = Application

    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Project title"), max_length=300)
    summary = forms.CharField(
        label=pgettext_lazy("application", "Summary"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    problem = forms.CharField(
        label=_("Problem"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("What problem the project solves, for whom, and how you know."),
    )
    target_groups = forms.CharField(label=_("Target groups"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    goal = forms.CharField(label=_("Goal"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    language = forms.ChoiceField(label=_("Language of the application"))
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(), label=_("Themes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    region = forms.ModelChoiceField(queryset=Region.objects.none(), label=_("Region of the project"), required=False)
    starts_on = forms.DateField(label=_("Project start"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Project end"), required=False, widget=DATE)

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        call = application.call
        self.fields["language"].choices = language_choices(call)
        countries = {application.organisation.country_id, *call.eligible_countries.values_list("code", flat=True)}
        regions = Q(country_id__in=[c for c in countries if c])
        eligible = list(call.eligible_regions.values_list("code", flat=True))
        self.fields["region"].queryset = Region.objects.filter(Q(code__in=eligible) if eligible else regions)

    @staticmethod
    def initial_for(application: Application) -> dict[str, Any]:
        data = {name: getattr(application, name) for name in ("title", "summary", "problem", "target_groups", "goal")}
        return {
            **data,
            "version": application.version,
            "language": application.language,
            "themes": list(application.themes.all()),
            "region": application.region_id,
            "starts_on": application.starts_on,
            "ends_on": application.ends_on,
        }

    def service_fields(self) -> dict[str, Any]:
        names = ("title", "summary", "problem", "target_groups", "goal", "language", "region", "starts_on", "ends_on")
        return {name: self.cleaned_data[name] for name in names}


class TaskForm(forms.Form):
    text = forms.CharField(label=_("Task"), max_length=500)


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=500)
    task = forms.TypedChoiceField(label=_("Task"), coerce=int, required=False, empty_value=None)
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE)

    def __init__(self, *args: Any, task_choices=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["task"].choices = [("", _("— not tied to a task —")), *task_choices]

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The activity must end on or after its start date."))
        return data


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=300)
    unit = forms.CharField(label=pgettext_lazy("measure", "Unit"), max_length=60, required=False)
    target = forms.DecimalField(label=_("Target"), min_value=0, max_digits=14, decimal_places=2, localize=True)


class PartnerField(forms.CharField):
    """A registry organisation by its BIN, INN, OGRN or registry number (a select of 250,000 names is unusable)."""

    def to_python(self, value: Any) -> Organisation | None:
        value = (super().to_python(value) or "").strip()
        if not value:
            return None
        digits = value.replace(" ", "")
        if digits.isdigit():
            found = Organisation.objects.filter(Q(bin=digits) | Q(inn=digits) | Q(ogrn=digits)).first() or (
                Organisation.objects.filter(pk=int(digits)).first() if len(digits) <= 9 else None
            )
            if found:
                return found
        raise ValidationError(
            _("No organisation in the registry has the number %(value)s."), code="unknown", params={"value": value}
        )

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Organisation):
            return value.bin or value.inn or value.ogrn or str(value.pk)
        return value


class PartnerForm(forms.Form):
    organisation = PartnerField(
        label=_("Partner organisation"),
        help_text=_("Its BIN, INN, OGRN or registry number, as on its page in the registry."),
    )
    role = forms.CharField(label=_("Role in the project"), max_length=300, required=False)


class TeamMemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=300)
    role = forms.CharField(label=_("Role in the project"), max_length=300)


class BudgetLineForm(forms.Form):
    # A blank first choice, so that an empty extra row posts nothing and is left out rather than refused.
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *BudgetCategory.choices])
    item = forms.CharField(label=_("Item"), max_length=300)
    unit_cost = forms.DecimalField(label=_("Unit cost"), min_value=0, **MONEY)
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=12, decimal_places=2, localize=True)
    requested = forms.DecimalField(label=_("Requested"), min_value=0, **MONEY)
    cofinancing = forms.DecimalField(label=_("Co-financing"), min_value=0, required=False, **MONEY)

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if quantity is not None and quantity <= 0:
            raise ValidationError(_("The quantity must be above zero."))
        return quantity


def _formset(form, prefix_extra=1):
    return forms.formset_factory(form, extra=prefix_extra, can_delete=True, max_num=200, validate_max=True)


TaskFormSet = _formset(TaskForm)
ActivityFormSet = _formset(ActivityForm)
IndicatorFormSet = _formset(IndicatorForm)
PartnerFormSet = _formset(PartnerForm)
TeamFormSet = _formset(TeamMemberForm)
BudgetFormSet = _formset(BudgetLineForm)

# part name → (formset class, prefix, title for the page); the order is the page's order.
SECTIONS = {
    "tasks": (TaskFormSet, "tasks", _("Tasks")),
    "activities": (ActivityFormSet, "activities", _("Activities")),
    "indicators": (IndicatorFormSet, "indicators", _("Expected results")),
    "partners": (PartnerFormSet, "partners", _("Partners")),
    "team": (TeamFormSet, "team", _("Team")),
    "budget_lines": (BudgetFormSet, "budget", _("Budget")),
}


def initial_parts(application: Application) -> dict[str, list[dict]]:
    """The stored parts as formset initial data (activities name their task by number)."""
    return {
        "tasks": [{"text": t.text} for t in application.tasks.all()],
        "activities": [
            {
                "title": a.title,
                "task": a.task.order if a.task_id else None,
                "starts_on": a.starts_on,
                "ends_on": a.ends_on,
            }
            for a in application.activities.select_related("task").order_by("id")
        ],
        "indicators": [{"name": i.name, "unit": i.unit, "target": i.target} for i in application.indicators.all()],
        "partners": [
            {"organisation": p.organisation, "role": p.role}
            for p in application.partners.select_related("organisation")
        ],
        "team": [{"full_name": t.full_name, "role": t.role} for t in application.team.all()],
        "budget_lines": [
            {
                "category": b.category,
                "item": b.item,
                "unit_cost": b.unit_cost,
                "quantity": b.quantity,
                "requested": b.requested,
                "cofinancing": b.cofinancing,
            }
            for b in application.budget_lines.order_by("id")
        ],
    }


def task_choices_from(data, stored_tasks) -> list[tuple[int, str]]:
    """Numbered tasks for the activities' select: from the posted tasks when there are any, else the stored ones."""
    if data is not None and "tasks-TOTAL_FORMS" in data:
        texts = []
        try:
            total = min(int(data.get("tasks-TOTAL_FORMS") or 0), 200)
        except ValueError:
            total = 0
        for i in range(total):
            text = (data.get(f"tasks-{i}-text") or "").strip()
            if text and not data.get(f"tasks-{i}-DELETE"):
                texts.append(text)
    else:
        texts = [t.text for t in stored_tasks]
    return [(n, f"{n}. {text[:80]}") for n, text in enumerate(texts, 1)]


def build_formsets(application: Application, data=None) -> dict[str, forms.BaseFormSet]:
    """One bound (or initial) formset per part of the application."""
    initial = initial_parts(application) if data is None else {}
    choices = task_choices_from(data, application.tasks.all())
    formsets = {}
    for part, (formset_class, prefix, _title) in SECTIONS.items():
        kwargs = {"form_kwargs": {"task_choices": choices}} if part == "activities" else {}
        formsets[part] = formset_class(data, prefix=prefix, initial=initial.get(part), **kwargs)
    return formsets


def rows_of(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The kept rows of a valid formset: filled in and not marked for deletion, in page order."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append({key: value for key, value in data.items() if key != "DELETE"})
    return rows


class DocumentForm(forms.Form):
    required_document = forms.ModelChoiceField(
        queryset=RequiredDocument.objects.none(),
        label=_("Which document"),
        required=False,
        empty_label=_("Another document"),
    )
    file = UploadField(purpose="grants.application", label=_("File"))

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["required_document"].queryset = call.required_documents.all()


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing the application?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
