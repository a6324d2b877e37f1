"""Registry endpoints under /api/v1/: thin viewsets over the registry's selectors, filtersets, services and rules."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view

from civicbridge.core.api import ModelViewSet, ReadOnlyModelViewSet

from .. import selectors, services
from ..filtersets import OrganisationFilterSet, PersonFilterSet
from ..models import Country, LegalForm, NetworkMembership, Position, Region, Unit
from . import serializers as s


class UnitFilterSet(django_filters.FilterSet):
    class Meta:
        model = Unit
        fields = ["organisation", "parent"]


class PositionFilterSet(django_filters.FilterSet):
    current = django_filters.BooleanFilter(
        field_name="end_date", lookup_expr="isnull", label=_("Current (no end date)")
    )

    class Meta:
        model = Position
        fields = ["person", "organisation", "unit", "current"]


class NetworkMembershipFilterSet(django_filters.FilterSet):
    current = django_filters.BooleanFilter(field_name="left_on", lookup_expr="isnull", label=_("Current (not left)"))

    class Meta:
        model = NetworkMembership
        fields = ["network", "member", "membership_type", "current"]


class ByCountryFilterSet(django_filters.FilterSet):
    country = django_filters.CharFilter(label=_("Country code (ISO 3166-1 alpha-2)"), method="by_country")

    def by_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(country_id=value.strip().upper())


class RegionFilterSet(ByCountryFilterSet):
    class Meta:
        model = Region
        fields = ["country"]


class LegalFormFilterSet(ByCountryFilterSet):
    class Meta:
        model = LegalForm
        fields = ["country"]


@extend_schema_view(
    list=extend_schema(summary=_("Search and filter organisations")),
    retrieve=extend_schema(summary=_("An organisation with its units, posts, members and networks")),
    create=extend_schema(summary=_("Add an organisation (moderators and operators)")),
    update=extend_schema(summary=_("Replace an organisation's fields (its editors)")),
    partial_update=extend_schema(summary=_("Change some of an organisation's fields (its editors)")),
)
class OrganisationViewSet(ModelViewSet):
    """Organisations: search (names, abbreviation, description; ё = е, any case) and facet filters."""

    filterset_class = OrganisationFilterSet

    def get_queryset(self) -> QuerySet:
        return selectors.organisation_detail() if self.action == "retrieve" else selectors.organisation_list()

    def get_serializer_class(self):
        return s.OrganisationSerializer if self.action == "list" else s.OrganisationDetailSerializer

    def perform_create(self, serializer) -> None:
        org = services.organisation_create(actor=self.request.user, **serializer.validated_data)
        serializer.instance = selectors.organisation_detail().get(pk=org.pk)

    def perform_update(self, serializer) -> None:
        org = services.organisation_update(
            actor=self.request.user, organisation=serializer.instance, **serializer.validated_data
        )
        serializer.instance = selectors.organisation_detail().get(pk=org.pk)


class UnitViewSet(ModelViewSet):
    """Units of organisations (ministry → committee, parliament → chamber). Filter by organisation or parent."""

    queryset = selectors.unit_list()
    serializer_class = s.UnitSerializer
    filterset_class = UnitFilterSet
    create_checked_by_service = True  # the rule is asked about the parent organisation

    def perform_create(self, serializer) -> None:
        serializer.instance = services.unit_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer) -> None:
        services.unit_update(actor=self.request.user, unit=serializer.instance, **serializer.validated_data)


@extend_schema_view(
    list=extend_schema(summary=_("Search people by name; contacts appear only where the person consented")),
)
class PersonViewSet(ModelViewSet):
    """People in public roles, with their posts. Contacts are private unless the person consented."""

    filterset_class = PersonFilterSet

    def get_queryset(self) -> QuerySet:
        return selectors.person_list() if self.action == "list" else selectors.person_detail()

    def get_serializer_class(self):
        return s.PersonSerializer if self.action == "list" else s.PersonDetailSerializer

    def perform_create(self, serializer) -> None:
        serializer.instance = services.person_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer) -> None:
        services.person_update(actor=self.request.user, person=serializer.instance, **serializer.validated_data)


class PositionViewSet(ModelViewSet):
    """Posts people hold in organisations. Filter by person, organisation, unit, or current=true/false."""

    queryset = selectors.position_list()
    serializer_class = s.PositionSerializer
    filterset_class = PositionFilterSet
    create_checked_by_service = True

    def perform_create(self, serializer) -> None:
        serializer.instance = services.position_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer) -> None:
        services.position_update(actor=self.request.user, position=serializer.instance, **serializer.validated_data)


class NetworkMembershipViewSet(ModelViewSet):
    """Member organisations of networks, alliances and public chambers. Filter by network or member."""

    queryset = selectors.network_membership_list()
    serializer_class = s.NetworkMembershipSerializer
    filterset_class = NetworkMembershipFilterSet
    create_checked_by_service = True

    def perform_create(self, serializer) -> None:
        serializer.instance = services.network_membership_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer) -> None:
        services.network_membership_update(
            actor=self.request.user, membership=serializer.instance, **serializer.validated_data
        )


class ThemeViewSet(ModelViewSet):
    """The one theme taxonomy: read by everyone, added to and renamed by moderators."""

    queryset = selectors.theme_list()
    serializer_class = s.ThemeSerializer
    lookup_field = "code"

    def perform_create(self, serializer) -> None:
        serializer.instance = services.theme_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer) -> None:
        services.theme_update(actor=self.request.user, theme=serializer.instance, **serializer.validated_data)


class CountryViewSet(ReadOnlyModelViewSet):
    """Countries by ISO 3166-1 alpha-2 code."""

    queryset = Country.objects.all()
    serializer_class = s.CountrySerializer


class RegionViewSet(ReadOnlyModelViewSet):
    """ISO 3166-2 first-level subdivisions. Filter by country."""

    queryset = Region.objects.all()
    serializer_class = s.RegionSerializer
    filterset_class = RegionFilterSet


class LegalFormViewSet(ReadOnlyModelViewSet):
    """Legal forms of each country, by code. Filter by country."""

    queryset = LegalForm.objects.all()
    serializer_class = s.LegalFormSerializer
    filterset_class = LegalFormFilterSet
    lookup_field = "code"
