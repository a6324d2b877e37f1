"""Forms after the review: decisions, agreements, reports and their review, closing, and the results filters.

They shape input for `services.decisions` and `services.agreements`; the services validate again and save.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicbridge.files.forms import UploadField
from civicbridge.registry.forms import ServiceErrorsMixin

from ..choices import Instrument, Level, Outcome, ProjectRating, ReportKind
from ..models import Agreement, Decision, Report

DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
MONEY_FIELD = {"max_digits": 16, "decimal_places": 2}


class DecisionForm(ServiceErrorsMixin, forms.Form):
    """The committee's decision on one application; the outcomes offered are those its status allows."""

    service_model = Decision

    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect)
    amount = forms.DecimalField(
        label=_("Amount awarded"),
        required=False,
        min_value=0,
        help_text=_("Only for an award: more than zero and no more than the amount requested."),
        **MONEY_FIELD,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}))
    protocol_number = forms.CharField(label=_("Protocol number"), max_length=60)
    decided_on = forms.DateField(label=_("Date of the protocol"), **DATE_WIDGET)

    def __init__(self, *args: Any, outcomes: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if outcomes is not None:
            self.fields["outcome"].choices = [(v, label) for v, label in Outcome.choices if v in outcomes]
        self.fields["decided_on"].initial = timezone.localdate()
        self.fields["amount"].widget.attrs.update({"inputmode": "decimal", "step": "0.01"})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("outcome") and data["outcome"] != Outcome.AWARD:
            data["amount"] = None  # the field is prefilled with the request: only an award keeps it
        return data


class InstalmentForm(forms.Form):
    due_on = forms.DateField(label=_("Due"), **DATE_WIDGET)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, **MONEY_FIELD)


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportKind.choices)
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due"), **DATE_WIDGET)


InstalmentFormSet = forms.formset_factory(InstalmentForm, extra=0, min_num=1, validate_min=True, max_num=24)
MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=0, min_num=1, validate_min=True, max_num=24)


class AgreementForm(ServiceErrorsMixin, forms.Form):
    """The agreement's own fields; instalments and milestones come in two formsets beside it."""

    service_model = Agreement

    number = forms.CharField(label=_("Agreement number"), max_length=60)
    signed_on = forms.DateField(label=_("Signed"), **DATE_WIDGET)
    starts_on = forms.DateField(label=_("Project start"), **DATE_WIDGET)
    ends_on = forms.DateField(label=_("Project end"), **DATE_WIDGET)


class ReportForm(ServiceErrorsMixin, forms.Form):
    """A report's text and one pair of fields (value, comment) per indicator or budget line of the application."""

    service_model = Report

    narrative = forms.CharField(label=_("What was done in the period"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, report: Report, lines: list, existing: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report, self.lines = report, lines
        self.fields["narrative"].initial = report.narrative
        narrative = report.kind == ReportKind.NARRATIVE
        for line in lines:
            row = existing.get(line.pk)
            if narrative:
                label = _("%(indicator)s: actual (target %(target)s %(unit)s)") % {
                    "indicator": line.name,
                    "target": line.target.normalize(),
                    "unit": line.unit,
                }
            else:
                label = _("%(item)s: spent (planned %(planned)s)") % {"item": line.item, "planned": line.requested}
            self.fields[f"value_{line.pk}"] = forms.DecimalField(
                label=label,
                required=False,
                min_value=0,
                max_digits=16,
                decimal_places=2,
                initial=(row.value if narrative else row.spent) if row else None,
            )
            self.fields[f"comment_{line.pk}"] = forms.CharField(
                label=_("Comment on “%(name)s”") % {"name": line.name if narrative else line.item},
                required=False,
                initial=row.comment if row else "",
            )

    def pairs(self):
        """(line, value field, comment field) for the template."""
        return [(line, self[f"value_{line.pk}"], self[f"comment_{line.pk}"]) for line in self.lines]

    def service_rows(self) -> dict[int, dict[str, Any]]:
        key = "value" if self.report.kind == ReportKind.NARRATIVE else "spent"
        return {
            line.pk: {
                key: self.cleaned_data.get(f"value_{line.pk}"),
                "comment": self.cleaned_data.get(f"comment_{line.pk}"),
            }
            for line in self.lines
        }


class ReportFileForm(forms.Form):
    file = UploadField(purpose="grants.report", label=_("Supporting document"))


class ReportReviewForm(ServiceErrorsMixin, forms.Form):
    service_model = Report

    verdict = forms.ChoiceField(
        label=_("Your verdict"),
        choices=[("accept", _("Accept")), ("return", _("Return for revision")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you return or reject the report."),
    )


class AgreementCloseForm(ServiceErrorsMixin, forms.Form):
    service_model = Agreement

    rating = forms.ChoiceField(label=_("Project rating"), choices=ProjectRating.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Closing note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class InstalmentPaidForm(ServiceErrorsMixin, forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), **DATE_WIDGET)


class ResultsFilterForm(forms.Form):
    """The public results' filters (GET). Choices are the values that occur among the winners."""

    q = forms.CharField(label=_("Project or organisation"), required=False, max_length=200)
    call = forms.ChoiceField(label=_("Call"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("Any")), *Level.choices])
    instrument = forms.ChoiceField(label=_("Instrument"), required=False, choices=[("", _("Any")), *Instrument.choices])
    year = forms.TypedChoiceField(label=_("Year of the results"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_ = [("", _("Any"))]
        self.fields["call"].choices = any_ + [(code, name) for code, name in choices["calls"]]
        self.fields["country"].choices = any_ + [(c.code, c.name) for c in choices["countries"]]
        self.fields["region"].choices = any_ + [(r.code, f"{r.name} ({r.country_id})") for r in choices["regions"]]
        self.fields["theme"].choices = any_ + [(t.code, t.name) for t in choices["themes"]]
        self.fields["year"].choices = any_ + [(y, y) for y in choices["years"]]

    def filters(self) -> dict[str, Any]:
        """The cleaned filters for `selectors.results.filter_winners`."""
        self.is_valid()  # an unknown value drops only its own filter; cleaned_data keeps the valid ones
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
