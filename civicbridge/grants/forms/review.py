"""Forms of expert review: the rubric (a mark and a comment per criterion), a declared conflict, the operator's
manual assignment and withdrawal, and the budget of the cut-off simulation."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ..models import Application, Call, Criterion, Review


class RubricForm(forms.Form):
    """One mark (radio buttons over the criterion's scale) and one comment per criterion, and an overall comment.

    Marks are optional here: a draft may be saved half done; submitting asks the service, which names every
    missing mark or comment (its errors are keyed `criterion_<id>` like these fields)."""

    comment = forms.CharField(label=_("Overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, criteria: list[Criterion], review: Review, **kwargs):
        scores = {s.criterion_id: s for s in review.scores.all()}
        initial = {"comment": review.comment}
        super().__init__(*args, initial=initial, **kwargs)
        self.criteria = criteria
        self.rows = []
        for criterion in criteria:
            score = scores.get(criterion.pk)
            mark_name, comment_name = f"criterion_{criterion.pk}", f"comment_{criterion.pk}"
            self.fields[mark_name] = forms.TypedChoiceField(
                label=_("Mark for “%(criterion)s” (weight %(weight)s)")
                % {"criterion": criterion, "weight": criterion.weight},
                choices=[(v, str(v)) for v in range(criterion.scale_min, criterion.scale_max + 1)],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text=criterion.descriptors,
                initial=score.value if score else None,
            )
            self.fields[comment_name] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=score.comment if score else "",
            )
            self.rows.append((criterion, mark_name, comment_name))
        self.fields["comment"].initial = review.comment
        self.order_fields([name for _c, mark, comment in self.rows for name in (mark, comment)] + ["comment"])

    def bound_rows(self):
        """(criterion, mark field, comment field) per criterion, for the template."""
        return [(criterion, self[mark], self[comment]) for criterion, mark, comment in self.rows]

    def marks(self) -> dict[int, tuple[int | None, str]]:
        data = self.cleaned_data
        return {c.pk: (data.get(mark), data.get(comment) or "") for c, mark, comment in self.rows}


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you have a conflict of interest?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The review ends and another expert is assigned. Those who run the call see your reason."),
    )


def _expert_by_email(email: str):
    user = get_user_model().objects.filter(email__iexact=email.strip(), expert_profile__isnull=False).first()
    if user is None:
        raise forms.ValidationError(_("No expert of the pool has this e-mail address."))
    return user


class AssignForm(forms.Form):
    """Assign one expert to one application by hand: the receipt number and the expert's e-mail."""

    receipt_number = forms.CharField(label=_("Application (receipt number)"), max_length=40)
    expert = forms.CharField(label=_("Expert's e-mail address"), max_length=254)
    is_extra = forms.BooleanField(label=_("As an extra expert (diverging scores)"), required=False)

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call

    def clean_receipt_number(self):
        number = self.cleaned_data["receipt_number"].strip()
        application = Application.objects.filter(call=self.call, receipt_number__iexact=number).first()
        if application is None:
            raise forms.ValidationError(_("No application of this call has this receipt number."))
        return application

    def clean_expert(self):
        return _expert_by_email(self.cleaned_data["expert"])


class WithdrawForm(forms.Form):
    """Take a review away (with a reason the expert is told), optionally giving it to another expert."""

    review = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    expert = forms.CharField(
        label=_("Give it to (e-mail, optional)"),
        max_length=254,
        required=False,
        help_text=_("Leave empty to only take the review away."),
    )

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call

    def clean_review(self):
        review = Review.objects.filter(pk=self.cleaned_data["review"], application__call=self.call).first()
        if review is None:
            raise forms.ValidationError(_("No such review in this call."))
        return review

    def clean_expert(self):
        email = self.cleaned_data["expert"]
        return _expert_by_email(email) if email.strip() else None


class BudgetForm(forms.Form):
    """The budget of the cut-off simulation (the call's budget when empty) and the band whose rows are listed."""

    budget = forms.DecimalField(
        label=_("Budget to simulate"), required=False, min_value=Decimal(0), max_digits=16, decimal_places=2
    )
    band = forms.IntegerField(required=False, widget=forms.HiddenInput)
