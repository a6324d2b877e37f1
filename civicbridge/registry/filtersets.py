"""One set of filters for the directory page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from civicbridge.core.text import filter_words

from .choices import OrganisationKind
from .models import Country, LegalForm, Organisation, Person, Region, Theme


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
        self.filters["country"].queryset = Country.objects.filter(
            code__in=Organisation.objects.values("country")
        ).order_by("code")

    def search(self, queryset, name, value):
        return filter_words(queryset, value)


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
