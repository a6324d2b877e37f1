"""One set of filters for the directory page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from civicbridge.core.text import filter_words, normalize

from .choices import OrganisationKind
from .models import Country, LegalForm, Organisation, Person, Region, Theme
from .selectors import countries_in_use


class OrganisationFilterSet(django_filters.FilterSet):
    """Search (names, abbreviation, description; case- and ё-insensitive) and facet filters."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    country = django_filters.ModelChoiceFilter(label=_("Country"), queryset=Country.objects.all())
    region = django_filters.ModelChoiceFilter(label=_("Region"), queryset=Region.objects.all())
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), queryset=Theme.objects.all(), to_field_name="code", field_name="themes"
    )
    legal_form = django_filters.ModelChoiceFilter(
        label=_("Legal form"), queryset=LegalForm.objects.all(), to_field_name="code"
    )

    class Meta:
        model = Organisation
        fields = ["q", "country", "region", "kind", "theme", "legal_form"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any country in the registry may be filtered on (cross-border work), not only KZ and RU.
        self.filters["country"].queryset = Country.objects.filter(code__in=countries_in_use()).order_by("code")

    def search(self, queryset, name, value):
        return rank_organisations(filter_words(queryset, value), value)


def rank_organisations(queryset, query: str):
    """Put an exact abbreviation match first («ГАК»), then names that start with the query, then the rest.

    Besides helping people, ranking by an expression stops PostgreSQL from walking the name index and filtering
    every row (measured: 370 ms → 60 ms for «фонд надежда» over 250,000 organisations): it uses the trigram index
    and sorts only the matches.
    """
    folded = normalize(query)
    if not folded:
        return queryset
    relevance = Case(
        When(short_name__iexact=query.strip(), then=Value(0)),
        When(search_text__startswith=folded, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    return queryset.order_by(relevance, *ordering)


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    organisation = django_filters.NumberFilter(
        label=_("Organisation"), field_name="positions__organisation", distinct=True
    )

    class Meta:
        model = Person
        fields = ["q", "organisation"]

    def search(self, queryset, name, value):
        return filter_words(queryset, value)
