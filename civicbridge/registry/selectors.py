"""Reads from the registry: the querysets every list and detail page and endpoint use (no N+1)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import NetworkMembership, Organisation, Person, Position, Theme, Unit


def organisation_list() -> QuerySet[Organisation]:
    """Organisations with what a list row shows: country, region, legal form, themes."""
    return Organisation.objects.select_related("country", "region", "legal_form").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("order", "code"))
    )


def organisation_detail() -> QuerySet[Organisation]:
    """Organisations with everything their page shows, in a fixed number of queries."""
    current_positions = Position.objects.filter(end_date__isnull=True).select_related("person", "unit")
    return organisation_list().prefetch_related(
        Prefetch("units", queryset=Unit.objects.order_by("order", "name_ru")),
        Prefetch("positions", queryset=current_positions, to_attr="current_positions"),
        Prefetch(
            "member_links",
            queryset=NetworkMembership.objects.select_related("member", "member__country", "member__region")
            .filter(left_on__isnull=True)
            .order_by("member__name_ru"),
            to_attr="current_members",
        ),
        Prefetch(
            "network_links",
            queryset=NetworkMembership.objects.select_related("network").order_by("-joined_on"),
            to_attr="networks",
        ),
    )


def unit_tree(units: list[Unit]) -> list[tuple[Unit, int]]:
    """Units in tree order with their depth, from a flat list (no queries)."""
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    out: list[tuple[Unit, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for unit in children.get(parent_id, []):
            out.append((unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return out


def person_list() -> QuerySet[Person]:
    """People with their current positions and organisations."""
    return Person.objects.prefetch_related(
        Prefetch(
            "positions",
            queryset=Position.objects.filter(end_date__isnull=True).select_related("organisation", "unit"),
            to_attr="current_positions",
        )
    )


def person_detail() -> QuerySet[Person]:
    """People with all positions, current and past."""
    return Person.objects.prefetch_related(
        Prefetch(
            "positions",
            queryset=Position.objects.select_related("organisation", "unit").order_by("-start_date"),
            to_attr="all_positions",
        )
    )


def unit_list() -> QuerySet[Unit]:
    return Unit.objects.select_related("organisation", "parent")


def position_list() -> QuerySet[Position]:
    return Position.objects.select_related("person", "organisation", "unit")


def network_membership_list() -> QuerySet[NetworkMembership]:
    return NetworkMembership.objects.select_related("network", "member")


def theme_list() -> QuerySet[Theme]:
    """Themes with the number of organisations working on each."""
    return Theme.objects.annotate(organisation_count=Count("organisations", filter=Q(organisations__status="active")))


# The places that have organisations change rarely but cost a scan of the whole table to find, so the directory's
# filter choices are cached for a few minutes (exact enough for a list of choices; never used for permissions).
PLACES_CACHE_SECONDS = 300


def countries_in_use() -> list[str]:
    """Codes of the countries that have at least one organisation."""
    from django.core.cache import cache

    return cache.get_or_set(
        "registry:countries-in-use",
        lambda: sorted(Organisation.objects.order_by().values_list("country_id", flat=True).distinct()),
        PLACES_CACHE_SECONDS,
    )


def regions_in_use() -> list[str]:
    """Codes of the regions that have at least one organisation."""
    from django.core.cache import cache

    return cache.get_or_set(
        "registry:regions-in-use",
        lambda: sorted(
            Organisation.objects.filter(region__isnull=False).order_by().values_list("region_id", flat=True).distinct()
        ),
        PLACES_CACHE_SECONDS,
    )


def forget_places_in_use() -> None:
    """Drop the cached country/region choices (an organisation was added or moved)."""
    from django.core.cache import cache

    cache.delete_many(["registry:countries-in-use", "registry:regions-in-use"])
