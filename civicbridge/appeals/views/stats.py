"""Statistics of citizens' issues: by region, theme, responsible party and status, as bar charts and tables."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views import View

from civicbridge.registry.models import Country

from ..selectors import stats as selectors
from .tracker import TRACKED_COUNTRIES

CHART_WIDTH = 400
BAR_HEIGHT = 22
BAR_GAP = 10


class StatsFilterForm(forms.Form):
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False, empty_label=_("Any country")
    )
    since = forms.DateField(label=_("Raised from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Raised until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.filter(code__in=TRACKED_COUNTRIES).order_by("code")

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start of the period must come before its end."))
        return data


SECTIONS = [
    ("status", _("By status")),
    ("region", _("By region")),
    ("theme", _("By theme")),
    ("responsible", _("By responsible organisation")),
]


class StatsView(View):
    template_name = "appeals/stats/stats.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = StatsFilterForm(request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        country = data.get("country")
        result = selectors.statistics(
            country=country.pk if country else None,
            since=data.get("since"),
            until=data.get("until"),
            chart_width=CHART_WIDTH,
        )
        sections = []
        for key, title in SECTIONS:
            rows = result.tables[key]
            for index, row in enumerate(rows):
                row.y = 10 + index * (BAR_HEIGHT + BAR_GAP)
            sections.append(
                {"key": key, "title": title, "rows": rows, "height": 20 + len(rows) * (BAR_HEIGHT + BAR_GAP)}
            )
        context = {
            "form": form,
            "stats": result,
            "sections": sections,
            "chart_width": CHART_WIDTH,
            "bar_height": BAR_HEIGHT,
            "top_responsible": selectors.TOP_RESPONSIBLE,
            "cache_minutes": selectors.CACHE_SECONDS // 60,
        }
        return render(request, self.template_name, context, status=200 if form.is_valid() or not form.is_bound else 400)


urls = [path("stats/", StatsView.as_view(), name="stats")]
