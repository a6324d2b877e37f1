"""Forms of duplicates: the similar-issues question the intake form asks as the citizen types, and "merge into…"."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from civicbridge.core.text import LANGUAGES
from civicbridge.registry.forms import ServiceErrorsMixin
from civicbridge.registry.models import Region

from ..models import Appeal, Category

TEXT_LIMIT = 5000  # the beginning of a long text is enough to compare


class SimilarForm(forms.Form):
    """GET ?text=&title=&region=&category=&language= (the intake form's field names); unknown values are ignored, and
    without a language the text's letters tell it (it picks the stemmer)."""

    title = forms.CharField(required=False, max_length=200)
    text = forms.CharField(required=False)
    region = forms.ModelChoiceField(Region.objects.all(), required=False)
    category = forms.ModelChoiceField(Category.objects.all(), required=False)
    language = forms.ChoiceField(choices=[(code, code) for code in LANGUAGES], required=False)

    def query(self) -> dict:
        """The arguments of selectors.duplicates.similar_open (a region or category not found counts as none)."""
        self.is_valid()  # cleaned_data keeps the fields that are valid
        data = self.cleaned_data
        text = f"{data.get('title', '')} {data.get('text', '')}".strip()[:TEXT_LIMIT]
        return {
            "text": text,
            "region": data.get("region"),
            "category": data.get("category"),
            "language": data.get("language") or None,
        }


class MergeForm(ServiceErrorsMixin, forms.Form):
    """The number of the issue this one duplicates."""

    service_model = Appeal

    main = forms.IntegerField(
        label=_("Merge into issue number"),
        min_value=1,
        help_text=_("The issue that stays open: this one is declined as its duplicate, and its supporters move there."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
    )
