"""Shapes of registry records in /api/v1/. Serializers only check input types; services check the rest."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from civicbridge.core.text import LANGUAGES as LANGS

from ..models import Country, LegalForm, NetworkMembership, Organisation, Person, Position, Region, Theme, Unit

# A positive small integer on every database (SQLite would otherwise put 2^63 - 1 in the schema, PostgreSQL 32767).
ORDER_MAX = 32767


def translated(*fields: str) -> list[str]:
    """The per-language columns of translated fields: name → name_ru, name_kk, name_en."""
    return [f"{field}_{lang}" for field in fields for lang in LANGS]


def _required_ru(*fields: str) -> dict[str, dict[str, Any]]:
    """The Russian version of a translated field is the one every record must have."""
    return {f"{field}_ru": {"required": True, "allow_null": False, "allow_blank": False} for field in fields}


class BaseModelSerializer(serializers.ModelSerializer):
    """No uniqueness validators from model constraints: the services check duplicates with clearer messages.

    Fields listed in `Meta.create_only_fields` (the parent of a unit, position or membership) are read-only on update.
    """

    def get_validators(self) -> list:
        return []

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            for name in getattr(self.Meta, "create_only_fields", ()):
                fields[name].read_only = True
        return fields


# --- reference data -------------------------------------------------------------------------------------------------


class CountrySerializer(BaseModelSerializer):
    """A country by its ISO 3166-1 alpha-2 code."""

    name = serializers.CharField(read_only=True, help_text=_("In the language of the request, with fallback."))

    class Meta:
        model = Country
        fields = ["code", "name", *translated("name")]
        read_only_fields = fields


class RegionSerializer(BaseModelSerializer):
    """A first-level subdivision by its ISO 3166-2 code."""

    name = serializers.CharField(read_only=True, help_text=_("In the language of the request, with fallback."))
    country = serializers.CharField(source="country_id", read_only=True, help_text=_("ISO 3166-1 alpha-2 code."))

    class Meta:
        model = Region
        fields = ["code", "country", "name", *translated("name"), "kind"]
        read_only_fields = fields


class LegalFormSerializer(BaseModelSerializer):
    """A legal form of one country."""

    name = serializers.CharField(read_only=True, help_text=_("In the language of the request, with fallback."))
    country = serializers.CharField(source="country_id", read_only=True, help_text=_("ISO 3166-1 alpha-2 code."))

    class Meta:
        model = LegalForm
        fields = ["code", "country", "name", *translated("name"), "abbreviation"]
        read_only_fields = fields


class ThemeSerializer(BaseModelSerializer):
    """One field of civil-society work; moderators add and rename themes."""

    name = serializers.CharField(read_only=True, help_text=_("In the language of the request, with fallback."))
    description = serializers.CharField(read_only=True)
    order = serializers.IntegerField(min_value=0, max_value=ORDER_MAX, required=False)
    organisation_count = serializers.SerializerMethodField(help_text=_("Active organisations working on the theme."))

    class Meta:
        model = Theme
        fields = [
            "code",
            "name",
            *translated("name"),
            "description",
            *translated("description"),
            "order",
            "organisation_count",
        ]
        extra_kwargs = _required_ru("name")

    def get_organisation_count(self, theme: Theme) -> int | None:
        return getattr(theme, "organisation_count", None)


# --- organisations --------------------------------------------------------------------------------------------------


class OrganisationSerializer(BaseModelSerializer):
    """An organisation as a list row shows it; identifiers are checked (with check digits) by the service."""

    name = serializers.CharField(read_only=True, help_text=_("In the language of the request, with fallback."))
    description = serializers.CharField(read_only=True)
    country = serializers.SlugRelatedField(
        slug_field="code", queryset=Country.objects.all(), help_text=_("ISO 3166-1 alpha-2 code.")
    )
    region = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("ISO 3166-2 code, e.g. KZ-75."),
    )
    legal_form = serializers.SlugRelatedField(
        slug_field="code",
        queryset=LegalForm.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Legal form code, e.g. kz-public-fund."),
    )
    themes = serializers.SlugRelatedField(
        slug_field="code", queryset=Theme.objects.all(), many=True, required=False, help_text=_("Theme codes.")
    )
    # Declared by hand so that the service, not a generic length check, explains what is wrong with a number.
    bin = serializers.CharField(required=False, allow_blank=True, max_length=20, help_text=_("Kazakhstan: 12 digits"))
    inn = serializers.CharField(required=False, allow_blank=True, max_length=20, help_text=_("Russia: 10 digits"))
    ogrn = serializers.CharField(required=False, allow_blank=True, max_length=20, help_text=_("Russia: 13 digits"))

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            *translated("name"),
            "short_name",
            "kind",
            "legal_form",
            "country",
            "region",
            "bin",
            "inn",
            "ogrn",
            "registered_on",
            "themes",
            "status",
            "website",
            "email",
            "description",
            *translated("description"),
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        extra_kwargs = _required_ru("name")


class UnitBriefSerializer(serializers.ModelSerializer):
    """A unit inside an organisation's page."""

    class Meta:
        model = Unit
        fields = ["id", "parent", "name", "short_name", "kind"]
        read_only_fields = fields


class PositionBriefSerializer(serializers.ModelSerializer):
    """A current post inside an organisation's page (no contacts)."""

    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Position
        fields = ["id", "person", "person_name", "unit", "title", "start_date"]
        read_only_fields = fields


class MemberBriefSerializer(serializers.ModelSerializer):
    """A current member of a network, inside the network's page."""

    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = NetworkMembership
        fields = ["id", "member", "member_name", "membership_type", "joined_on"]
        read_only_fields = fields


class NetworkBriefSerializer(serializers.ModelSerializer):
    """A network the organisation belongs (or belonged) to."""

    network_name = serializers.CharField(source="network.name", read_only=True)

    class Meta:
        model = NetworkMembership
        fields = ["id", "network", "network_name", "membership_type", "joined_on", "left_on"]
        read_only_fields = fields


class OrganisationDetailSerializer(OrganisationSerializer):
    """An organisation with its units, current posts, current members and networks."""

    units = UnitBriefSerializer(many=True, read_only=True)
    current_positions = PositionBriefSerializer(many=True, read_only=True)
    current_members = MemberBriefSerializer(many=True, read_only=True)
    networks = NetworkBriefSerializer(many=True, read_only=True)

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields, "units", "current_positions", "current_members", "networks"]


class UnitSerializer(BaseModelSerializer):
    """A unit of an organisation's structure; its organisation is fixed once created."""

    name = serializers.CharField(read_only=True, help_text=_("In the language of the request, with fallback."))
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    order = serializers.IntegerField(min_value=0, max_value=ORDER_MAX, required=False)

    class Meta:
        model = Unit
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "parent",
            "name",
            *translated("name"),
            "short_name",
            "kind",
            "order",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        create_only_fields = ["organisation"]
        extra_kwargs = _required_ru("name")


# --- people ---------------------------------------------------------------------------------------------------------


class _ClearableContact:
    """A contact field: null or blank on input clears it; null on output means hidden or absent."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(required=False, allow_blank=True, allow_null=True)
        super().__init__(**kwargs)

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data is None:
            return True, ""
        return super().validate_empty_values(data)


class ContactEmailField(_ClearableContact, serializers.EmailField):
    pass


class ContactPhoneField(_ClearableContact, serializers.CharField):
    pass


class PersonPositionSerializer(serializers.ModelSerializer):
    """A post of a person, inside the person's record."""

    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Position
        fields = ["id", "organisation", "organisation_name", "unit", "unit_name", "title", "start_date", "end_date"]
        read_only_fields = fields


class PersonSerializer(BaseModelSerializer):
    """A person. E-mail and phone are null unless the person consented or the reader may see them."""

    full_name = serializers.CharField(read_only=True, help_text=_("In the language of the request, with fallback."))
    bio = serializers.CharField(read_only=True)
    email = ContactEmailField(max_length=254)
    phone = ContactPhoneField(max_length=40)
    contacts_public = serializers.BooleanField(
        required=False, help_text=_("The person consented to publish their e-mail and phone.")
    )
    current_positions = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id",
            "full_name",
            *translated("full_name"),
            "bio",
            *translated("bio"),
            "email",
            "phone",
            "contacts_public",
            "current_positions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        extra_kwargs = _required_ru("full_name")

    @extend_schema_field(PersonPositionSerializer(many=True))
    def get_current_positions(self, person: Person) -> list[dict[str, Any]]:
        positions = getattr(person, "current_positions", None)
        if positions is None and hasattr(person, "all_positions"):  # the detail selector fetched every post
            positions = [p for p in person.all_positions if p.end_date is None]
        if positions is None:
            positions = person.positions.filter(end_date__isnull=True).select_related("organisation", "unit")
        return PersonPositionSerializer(positions, many=True, context=self.context).data

    def to_representation(self, person: Person) -> dict[str, Any]:
        data = super().to_representation(person)
        if not self.may_see_contacts(person):
            data["email"] = data["phone"] = None
        return data

    def may_see_contacts(self, person: Person) -> bool:
        """Contacts are private unless the person consented, or the reader holds the same rule the web asks."""
        if person.contacts_public:
            return True
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return bool(user and user.is_authenticated and user.has_perm("registry.view_person_contacts", person))


class PersonDetailSerializer(PersonSerializer):
    """A person with every post, current and past."""

    positions = serializers.SerializerMethodField()

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "positions"]

    @extend_schema_field(PersonPositionSerializer(many=True))
    def get_positions(self, person: Person) -> list[dict[str, Any]]:
        positions = getattr(person, "all_positions", None)
        if positions is None:
            positions = person.positions.select_related("organisation", "unit").order_by("-start_date")
        return PersonPositionSerializer(positions, many=True, context=self.context).data


class PositionSerializer(BaseModelSerializer):
    """A post a person holds in an organisation (or one of its units); person and organisation fixed once created."""

    title = serializers.CharField(read_only=True, help_text=_("In the language of the request, with fallback."))
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = Position
        fields = [
            "id",
            "person",
            "person_name",
            "organisation",
            "organisation_name",
            "unit",
            "title",
            *translated("title"),
            "start_date",
            "end_date",
            "is_current",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        create_only_fields = ["person", "organisation"]
        extra_kwargs = _required_ru("title")


class NetworkMembershipSerializer(BaseModelSerializer):
    """An organisation's membership of a network; the network is fixed once created."""

    network_name = serializers.CharField(source="network.name", read_only=True)
    member_name = serializers.CharField(source="member.name", read_only=True)
    is_current = serializers.SerializerMethodField()

    class Meta:
        model = NetworkMembership
        fields = [
            "id",
            "network",
            "network_name",
            "member",
            "member_name",
            "membership_type",
            "joined_on",
            "left_on",
            "is_current",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        create_only_fields = ["network", "member"]

    def get_is_current(self, link: NetworkMembership) -> bool:
        return link.left_on is None
