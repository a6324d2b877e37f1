"""Filters of the state-support endpoints (query parameters of the list endpoints)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from civicbridge.registry.models import Theme

from .. import models as m
from ..choices import ApplicationStatus, CallStatus, Instrument, Level, ReviewStatus
from ..selectors.calls import phase_q
from ..selectors.results import filter_winners

PHASES = [("upcoming", _("upcoming")), ("open", _("open")), ("closed", _("closed"))]


class CallFilterSet(django_filters.FilterSet):
    """Search by name or code; facets by programme, funder, instrument, level, theme, status and phase."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    programme = django_filters.NumberFilter(label=_("Programme"), field_name="programme_id")
    funder = django_filters.NumberFilter(label=_("Funder (organisation id)"), field_name="programme__funder_id")
    instrument = django_filters.ChoiceFilter(
        label=_("Instrument"), choices=Instrument.choices, field_name="programme__instrument"
    )
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices, field_name="programme__level")
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), to_field_name="code", field_name="themes"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CallStatus.choices)
    phase = django_filters.ChoiceFilter(label=_("Phase now"), choices=PHASES, method="by_phase")

    class Meta:
        model = m.Call
        fields = ["q", "programme", "funder", "instrument", "level", "theme", "status", "phase"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(code__icontains=word)
                | Q(name_ru__icontains=word)
                | Q(name_kk__icontains=word)
                | Q(name_en__icontains=word)
            )
        return queryset

    def by_phase(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(phase_q(value))


class ProgrammeFilterSet(django_filters.FilterSet):
    funder = django_filters.NumberFilter(label=_("Funder (organisation id)"), field_name="funder_id")
    instrument = django_filters.ChoiceFilter(label=_("Instrument"), choices=Instrument.choices)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices)
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), to_field_name="code", field_name="themes"
    )

    class Meta:
        model = m.Programme
        fields = ["funder", "instrument", "level", "theme", "is_active"]


class ApplicationFilterSet(django_filters.FilterSet):
    call = django_filters.CharFilter(label=_("Call code"), field_name="call__code")
    organisation = django_filters.NumberFilter(label=_("Applicant (organisation id)"), field_name="organisation_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ApplicationStatus.choices)

    class Meta:
        model = m.Application
        fields = ["call", "organisation", "status"]


class ReviewFilterSet(django_filters.FilterSet):
    call = django_filters.CharFilter(label=_("Call code"), field_name="application__call__code")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReviewStatus.choices)

    class Meta:
        model = m.Review
        fields = ["call", "status"]


class ResultFilterSet(django_filters.FilterSet):
    """The public results' filters; the narrowing itself is the results selector's (the same as the web page's)."""

    call = django_filters.CharFilter(label=_("Call code"), method="keep")
    country = django_filters.CharFilter(label=_("Country of the organisation (ISO 3166-1 alpha-2)"), method="keep")
    region = django_filters.CharFilter(label=_("Region (ISO 3166-2)"), method="keep")
    theme = django_filters.CharFilter(label=_("Theme code"), method="keep")
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices, method="keep")
    instrument = django_filters.ChoiceFilter(label=_("Instrument"), choices=Instrument.choices, method="keep")
    year = django_filters.NumberFilter(label=_("Year the results were published"), method="keep")
    q = django_filters.CharFilter(label=_("Search: project, organisation or receipt number"), method="keep")

    class Meta:
        model = m.Application
        fields = ["call", "country", "region", "theme", "level", "instrument", "year", "q"]

    def keep(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        given = {name: value for name, value in self.form.cleaned_data.items() if value not in (None, "")}
        if "year" in given:
            given["year"] = int(given["year"])
        for key in ("country", "region"):
            if key in given:
                given[key] = given[key].strip().upper()
        return filter_winners(queryset, **given)
