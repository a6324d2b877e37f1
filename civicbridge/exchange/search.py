"""What the platform search knows of the exchange: published practices, and open needs and offers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from civicbridge.core import search
from civicbridge.core.text import LANGUAGES
from civicbridge.registry.models import Organisation
from civicbridge.registry.search import place, with_themes

from .choices import ListingKind, ListingStatus, PracticeStatus
from .models import Listing, Practice


def _per_language(obj, *fields: str) -> dict[str, str]:
    """{language: the fields' texts in that language, one per line}."""
    return {
        language: "\n".join(value for name in fields if (value := getattr(obj, f"{name}_{language}", None)))
        for language in LANGUAGES
    }


def practice_document(practice: Practice) -> search.Document | None:
    """Title; problem and solution (summary); steps, resources, results and target groups (body). Published only."""
    if practice.status != PracticeStatus.PUBLISHED:
        return None
    body = _per_language(practice, "steps", "resources", "results")
    for group in practice.target_groups.all():
        for language in LANGUAGES:
            if body[language] and (name := getattr(group, f"name_{language}", None)):
                body[language] += f"\n{name}"
    return search.Document(
        kind="practice",
        title=_per_language(practice, "title"),
        summary=_per_language(practice, "problem", "solution"),
        body=with_themes(body, practice.themes.all()),
        facets={
            "theme": [theme.code for theme in practice.themes.all()],
            "country": [practice.country_id],
            "region": [practice.region_id],
            "org_kind": [practice.organisation.kind],
        },
        original_language=practice.original_language,
    )


def listing_document(listing: Listing) -> search.Document | None:
    """A need or an offer while it is open: title; description (summary). Its countries and regions, else its
    organisation's."""
    if listing.status != ListingStatus.OPEN:
        return None
    org = listing.organisation
    countries = [country.pk for country in listing.countries.all()]
    regions = [region.pk for region in listing.regions.all()]
    if not countries and not regions:
        countries, regions = [org.country_id], [org.region_id]
    return search.Document(
        kind=listing.kind,
        title=_per_language(listing, "title"),
        summary=_per_language(listing, "description"),
        body=with_themes({}, listing.themes.all()),
        facets={
            "theme": [theme.code for theme in listing.themes.all()],
            "country": countries,
            "region": regions,
            "org_kind": [org.kind],
        },
        original_language=listing.original_language,
    )


def practice_card(practice: Practice) -> search.Card:
    return search.Card(
        title=str(practice),
        url=practice.get_absolute_url(),
        organisation=practice.organisation,
        place=place(practice.country, practice.region),
    )


def listing_card(listing: Listing) -> search.Card:
    org = listing.organisation
    return search.Card(
        title=str(listing), url=listing.get_absolute_url(), organisation=org, place=place(org.country, org.region)
    )


search.register(
    Practice,
    document=practice_document,
    present=practice_card,
    kinds={"practice": _("Practice")},
    queryset=lambda: (
        Practice.objects.filter(status=PracticeStatus.PUBLISHED)
        .select_related("organisation", "country", "region")
        .prefetch_related("themes", "target_groups")
    ),
    watch=[Practice.themes.through, Practice.target_groups.through],
    follow={Organisation: "organisation"},
)
search.register(
    Listing,
    document=listing_document,
    present=listing_card,
    kinds={ListingKind.NEED.value: _("Need"), ListingKind.OFFER.value: _("Offer")},
    queryset=lambda: (
        Listing.objects.filter(status=ListingStatus.OPEN)
        .select_related("organisation__country", "organisation__region")
        .prefetch_related("themes", "countries", "regions")
    ),
    watch=[Listing.themes.through, Listing.countries.through, Listing.regions.through],
    follow={Organisation: "organisation"},
)
