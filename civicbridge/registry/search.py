"""What the platform search knows of the registry: organisations (not liquidated ones), and the facets the registry
owns — theme, country, region and organisation kind — which every module's documents use."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from civicbridge.core import search

from .choices import OrganisationKind, OrganisationStatus
from .models import Country, Organisation, Region, Theme


def _names(model, values: Iterable[str], key: str = "pk") -> dict[str, str]:
    return {str(getattr(obj, key)): str(obj) for obj in model.objects.filter(**{f"{key}__in": list(values)})}


def place(country: Country | None, region: Region | None) -> str:
    """ "Казахстан, Алматы": the country, and the region where there is one."""
    return ", ".join(str(part) for part in (country, region) if part)


def with_themes(body: dict[str, str | None], themes: Iterable[Theme]) -> dict[str, str]:
    """The body texts with the names of the record's themes added in each language (a search for «экология» finds
    the records on that theme whose texts name it otherwise)."""
    themes = list(themes)
    return {
        language: "\n".join(filter(None, [body.get(language), *(getattr(t, f"name_{language}", None) for t in themes)]))
        for language in ("ru", "kk", "en")
    }


def organisation_document(org: Organisation) -> search.Document | None:
    """Names (title), abbreviation (summary), description and theme names (body); liquidated ones are left out."""
    if org.status == OrganisationStatus.LIQUIDATED:
        return None
    return search.Document(
        kind="organisation",
        title={"ru": org.name_ru, "kk": org.name_kk, "en": org.name_en},
        summary={"ru": org.short_name},
        body=with_themes(
            {"ru": org.description_ru, "kk": org.description_kk, "en": org.description_en}, org.themes.all()
        ),
        facets={
            "theme": [theme.code for theme in org.themes.all()],
            "country": [org.country_id],
            "region": [org.region_id],
            "org_kind": [org.kind],
        },
    )


def organisation_card(org: Organisation) -> search.Card:
    return search.Card(title=str(org), url=org.get_absolute_url(), place=place(org.country, org.region))


def _kind_names(values: Iterable[str]) -> dict[str, str]:
    return {value: str(OrganisationKind(value).label) for value in values if value in OrganisationKind.values}


search.register_facet("org_kind", _("Kind of organisation"), _kind_names, order=10)
search.register_facet("theme", _("Theme"), lambda values: _names(Theme, values, "code"), order=20)
search.register_facet("country", _("Country"), lambda values: _names(Country, values), order=30)
search.register_facet("region", _("Region"), lambda values: _names(Region, values), order=40)
search.register(
    Organisation,
    document=organisation_document,
    present=organisation_card,
    kinds={"organisation": _("Organisation")},
    queryset=lambda: Organisation.objects.select_related("country", "region").prefetch_related("themes"),
    watch=[Organisation.themes.through],
)
