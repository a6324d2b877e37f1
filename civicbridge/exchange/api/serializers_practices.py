"""Shapes of practices and adoptions in /api/v1/exchange/. Serializers only shape input; the services check the rest."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from civicbridge.registry.models import Country, Organisation, Region, Theme

from ..choices import PracticeStatus
from ..models import Adoption, Practice, PracticeDocument, PracticeLink, TargetGroup
from ..selectors.practices import LANGUAGES, TEXT_FIELDS, spread_of

LOCALISED = _("In the language of the request, falling back to another version.")
VERSIONED = [f"{name}_{lang}" for name in TEXT_FIELDS for lang in LANGUAGES]


def _codes(objects) -> list[str]:
    return [obj.code for obj in objects]


class PracticeLinkSerializer(serializers.ModelSerializer):
    """A link with more about a practice (the service checks the address, with the practice's other fields)."""

    url = serializers.CharField(max_length=500, help_text=_("An http:// or https:// address."))

    class Meta:
        model = PracticeLink
        fields = ["url", "title"]
        extra_kwargs = {"title": {"required": False, "allow_blank": True}}


class PracticeDocumentSerializer(serializers.ModelSerializer):
    """A file attached to a practice; `url` downloads it (to whoever may read the practice)."""

    name = serializers.CharField(source="file.original_name", read_only=True)
    size = serializers.IntegerField(source="file.size", read_only=True)
    url = serializers.CharField(source="file.url", read_only=True)

    class Meta:
        model = PracticeDocument
        fields = ["id", "name", "size", "url"]


class PracticeSerializer(serializers.ModelSerializer):
    """A practice in a list: its title, organisation, place, themes and how often it was adopted."""

    title = serializers.CharField(read_only=True, help_text=LOCALISED)
    status = serializers.CharField(
        read_only=True, help_text=format_lazy(_("One of: {values}."), values=", ".join(PracticeStatus.values))
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    country = serializers.CharField(source="country_id", read_only=True)
    region = serializers.CharField(source="region_id", read_only=True, allow_null=True)
    themes = serializers.SerializerMethodField(help_text=_("Theme codes."))
    adoption_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Practice
        fields = [
            "id",
            "title",
            "title_ru",
            "title_kk",
            "title_en",
            "original_language",
            "status",
            "organisation",
            "organisation_name",
            "country",
            "region",
            "themes",
            "adoption_count",
            "published_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_themes(self, practice: Practice) -> list[str]:
        return _codes(practice.themes.all())


class RegionCountSerializer(serializers.Serializer):
    region = serializers.CharField(allow_null=True, help_text=_("Region code; null where none was given."))
    count = serializers.IntegerField()


class CountryCountSerializer(serializers.Serializer):
    country = serializers.CharField(help_text=_("Country code."))
    count = serializers.IntegerField()
    regions = RegionCountSerializer(many=True)


class SpreadSerializer(serializers.Serializer):
    """How far a practice has spread: adoptions in all, by country and region."""

    total = serializers.IntegerField()
    countries = CountryCountSerializer(many=True)


class PracticeDetailSerializer(PracticeSerializer):
    """A practice with every language version of its texts, its links, files, target groups and spread."""

    target_groups = serializers.SerializerMethodField(help_text=_("Target group codes."))
    links = PracticeLinkSerializer(many=True, read_only=True)
    documents = PracticeDocumentSerializer(many=True, read_only=True)
    spread = serializers.SerializerMethodField()

    class Meta(PracticeSerializer.Meta):
        fields = [
            *PracticeSerializer.Meta.fields,
            *[name for name in TEXT_FIELDS if name != "title"],
            *[name for name in VERSIONED if not name.startswith("title_")],
            "target_groups",
            "contacts",
            "links",
            "documents",
            "spread",
            "submitted_at",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_target_groups(self, practice: Practice) -> list[str]:
        return _codes(practice.target_groups.all())

    @extend_schema_field(SpreadSerializer)
    def get_spread(self, practice: Practice) -> dict[str, Any]:
        spread = spread_of(practice)
        countries = [
            {
                "country": row.country.pk,
                "count": row.count,
                "regions": [{"region": region.pk if region else None, "count": n} for region, n, _p in row.regions],
            }
            for row in spread.countries
        ]
        return {"total": spread.total, "countries": countries}


def _optional_text(**kwargs) -> serializers.CharField:
    return serializers.CharField(required=False, allow_blank=True, allow_null=True, **kwargs)


class PracticeWriteSerializer(serializers.Serializer):
    """What authors write. Texts per language (`title_ru`, `problem_kk`, …); the original language needs a title."""

    original_language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    country = serializers.SlugRelatedField(slug_field="code", queryset=Country.objects.all(), required=False)
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), required=False, allow_null=True
    )
    contacts = _optional_text()
    themes = serializers.SlugRelatedField(
        slug_field="code", queryset=Theme.objects.all(), many=True, required=False, help_text=_("Theme codes.")
    )
    target_groups = serializers.SlugRelatedField(
        slug_field="code",
        queryset=TargetGroup.objects.all(),
        many=True,
        required=False,
        help_text=_("Target group codes."),
    )
    links = PracticeLinkSerializer(many=True, required=False, help_text=_("Replaces every link when given."))
    version = serializers.IntegerField(
        required=False, help_text=_("The version your changes start from; refused if the practice changed since.")
    )

    def get_fields(self):
        fields = super().get_fields()
        for name in VERSIONED:
            limit = 300 if name.startswith("title_") else None
            fields[name] = _optional_text(max_length=limit) if limit else _optional_text()
        return fields


class PracticeCreateSerializer(PracticeWriteSerializer):
    """A new practice: for which organisation (one you act for), and its fields."""

    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())


class PracticeReasonSerializer(serializers.Serializer):
    """The moderator's comments when returning a practice."""

    reason = serializers.CharField(help_text=_("What the authors should change."))


class AdoptionSerializer(serializers.ModelSerializer):
    """An adoption: which organisation took up which practice, when, where, and with what result."""

    practice_title = serializers.CharField(source="practice.title", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    country = serializers.CharField(source="country_id", read_only=True)
    region = serializers.CharField(source="region_id", read_only=True, allow_null=True)

    class Meta:
        model = Adoption
        fields = [
            "id",
            "practice",
            "practice_title",
            "organisation",
            "organisation_name",
            "adopted_on",
            "country",
            "region",
            "place",
            "result",
            "created_at",
        ]
        read_only_fields = fields


class AdoptionWriteSerializer(serializers.Serializer):
    """Record an adoption for one of your organisations."""

    practice = serializers.PrimaryKeyRelatedField(queryset=Practice.objects.all())
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    adopted_on = serializers.DateField()
    country = serializers.SlugRelatedField(slug_field="code", queryset=Country.objects.all())
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), required=False, allow_null=True
    )
    place = serializers.CharField(required=False, allow_blank=True, max_length=300)
    result = serializers.CharField(required=False, allow_blank=True)
