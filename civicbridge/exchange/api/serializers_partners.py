"""Shapes of needs and offers, partner suggestions, partnership requests and partnerships in /api/v1/exchange/.

Serializers only shape input (types, codes to records); the services check every rule.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from civicbridge.core.text import LANGUAGES as LANGS
from civicbridge.grants.api.serializers.base import status_field
from civicbridge.registry.models import Country, Organisation, Region, Theme

from .. import models as m
from ..choices import ListingKind, ListingStatus, RequestStatus


class LANGUAGE_CHOICES:  # noqa: N801 -- shaped like a TextChoices for status_field
    values = LANGS


def _codes(items) -> list[str]:
    return [item.code for item in items]


def _translated(*names: str) -> list[str]:
    return [f"{name}_{lang}" for name in names for lang in LANGS]


CODES = serializers.ListField(child=serializers.CharField())


class ListingSerializer(serializers.ModelSerializer):
    """A need or an offer: texts in each language (`title` in the reader's), themes, places, languages."""

    title = serializers.CharField(read_only=True, help_text=_("In the reader's language, else the original."))
    description = serializers.CharField(read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    themes = serializers.SerializerMethodField(help_text=_("Theme codes."))
    countries = serializers.SerializerMethodField(help_text=_("ISO 3166-1 codes; empty: anywhere."))
    regions = serializers.SerializerMethodField(help_text=_("ISO 3166-2 codes; empty: the whole countries."))
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    kind = status_field(ListingKind)
    status = status_field(ListingStatus)
    original_language = status_field(LANGUAGE_CHOICES)

    class Meta:
        model = m.Listing
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "kind",
            "status",
            "original_language",
            "title",
            "description",
            *_translated("title", "description"),
            "themes",
            "countries",
            "regions",
            "languages",
            "cross_border",
            "expires_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(CODES)
    def get_themes(self, listing: m.Listing) -> list[str]:
        return _codes(listing.themes.all())

    @extend_schema_field(CODES)
    def get_countries(self, listing: m.Listing) -> list[str]:
        return [country.pk for country in listing.countries.all()]

    @extend_schema_field(CODES)
    def get_regions(self, listing: m.Listing) -> list[str]:
        return [region.pk for region in listing.regions.all()]


class ListingWriteSerializer(serializers.Serializer):
    """A new need or offer (or the fields to change): codes for themes, countries and regions."""

    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False)
    kind = serializers.CharField(required=False, help_text=_("need or offer"))
    original_language = serializers.CharField(required=False, help_text=_("ru, kk or en"))
    themes = serializers.SlugRelatedField(slug_field="code", queryset=Theme.objects.all(), many=True, required=False)
    countries = serializers.SlugRelatedField(
        slug_field="code", queryset=Country.objects.all(), many=True, required=False
    )
    regions = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all(), many=True, required=False)
    languages = serializers.ListField(child=serializers.CharField(max_length=5), required=False)
    cross_border = serializers.BooleanField(required=False)
    expires_on = serializers.DateField(required=False, allow_null=True)

    def get_fields(self):
        fields = super().get_fields()
        for name in _translated("title"):
            fields[name] = serializers.CharField(required=False, allow_blank=True, max_length=300)
        for name in _translated("description"):
            fields[name] = serializers.CharField(required=False, allow_blank=True)
        return fields


class SuggestionSerializer(serializers.Serializer):
    """One partner suggestion: the organisation, a score (0–100), the reasons in the reader's language, the matches."""

    organisation = serializers.IntegerField(source="organisation.pk")
    organisation_name = serializers.CharField(source="organisation.name")
    country = serializers.CharField(source="organisation.country_id")
    region = serializers.CharField(source="organisation.region_id", allow_null=True)
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    listings = serializers.SerializerMethodField(help_text=_("Ids of their matching needs and offers."))
    already_partners = serializers.BooleanField()

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_listings(self, suggestion) -> list[int]:
        return [listing.pk for listing in suggestion.listings]


class RequestSerializer(serializers.ModelSerializer):
    """A partnership request between two organisations."""

    from_organisation_name = serializers.CharField(source="from_organisation.name", read_only=True)
    to_organisation_name = serializers.CharField(source="to_organisation.name", read_only=True)
    status = status_field(RequestStatus)

    class Meta:
        model = m.PartnershipRequest
        fields = [
            "id",
            "from_organisation",
            "from_organisation_name",
            "to_organisation",
            "to_organisation_name",
            "listing",
            "status",
            "message",
            "reply",
            "decided_at",
            "created_at",
        ]
        read_only_fields = fields


class RequestWriteSerializer(serializers.Serializer):
    from_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    to_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    listing = serializers.PrimaryKeyRelatedField(queryset=m.Listing.objects.all(), required=False, allow_null=True)
    message = serializers.CharField(max_length=5000)


class ReplySerializer(serializers.Serializer):
    reply = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class PartnershipSerializer(serializers.ModelSerializer):
    """A partnership (memorandum): its parties, dates and themes."""

    themes = serializers.SerializerMethodField(help_text=_("Theme codes."))
    parties = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = m.Partnership
        fields = [
            "id",
            "title",
            "parties",
            "request",
            "signed_on",
            "starts_on",
            "ends_on",
            "themes",
            "description",
            "has_document",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(CODES)
    def get_themes(self, partnership: m.Partnership) -> list[str]:
        return _codes(partnership.themes.all())

    def get_has_document(self, partnership: m.Partnership) -> bool:
        return partnership.document_id is not None


class PartnershipWriteSerializer(serializers.Serializer):
    parties = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), many=True)
    title = serializers.CharField(max_length=300)
    signed_on = serializers.DateField()
    starts_on = serializers.DateField(required=False, allow_null=True)
    ends_on = serializers.DateField(required=False, allow_null=True)
    themes = serializers.SlugRelatedField(slug_field="code", queryset=Theme.objects.all(), many=True, required=False)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    request = serializers.PrimaryKeyRelatedField(
        queryset=m.PartnershipRequest.objects.all(), required=False, allow_null=True
    )
