"""Writes of needs and offers: post, change, close and reopen, for the organisation's editors."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import pycountry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.core.context import user_or_none
from civicbridge.core.permissions import require
from civicbridge.core.workflow import transition
from civicbridge.registry.choices import OrganisationStatus
from civicbridge.registry.models import Country, Organisation, Region, Theme

from ..choices import ListingKind
from ..models import Listing
from ..selectors.practices import LANGUAGES
from .practices import _add

TEXT_FIELDS = frozenset(f"{name}_{lang}" for name in ("title", "description") for lang in LANGUAGES)
_UNSET: Any = object()


def is_language_code(code: str) -> bool:
    """An interface language or any ISO 639-1 (two-letter) language code."""
    return code in LANGUAGES or (len(code) == 2 and pycountry.languages.get(alpha_2=code) is not None)


def _languages(codes: Iterable[str], errors: dict[str, list[str]]) -> list[str]:
    cleaned = [str(code).strip().lower() for code in codes if code and str(code).strip()]
    unknown = sorted({code for code in cleaned if not is_language_code(code)})
    if unknown:
        _add(errors, "languages", _("Unknown language codes: %(codes)s.") % {"codes": ", ".join(unknown)})
    return list(dict.fromkeys(cleaned))


def _check_places(countries: list[Country], regions: list[Region], errors: dict[str, list[str]]) -> None:
    if not countries:
        return
    codes = {country.pk for country in countries}
    outside = sorted(str(region) for region in regions if region.country_id not in codes)
    if outside:
        _add(
            errors,
            "regions",
            _("These regions are not in the chosen countries: %(regions)s.") % {"regions": ", ".join(outside)},
        )


def _check_expiry(expires_on: datetime.date | None, errors: dict[str, list[str]]) -> None:
    if expires_on is None:
        return
    if not isinstance(expires_on, datetime.date):
        _add(errors, "expires_on", _("Enter a date."))
    elif expires_on < timezone.localdate():
        _add(errors, "expires_on", _("The closing date cannot be in the past."))


def _apply_texts(listing: Listing, fields: dict[str, Any]) -> None:
    unknown = set(fields) - TEXT_FIELDS
    if unknown:
        raise TypeError(f"unknown listing fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(listing, name, (value or "").strip())


def _check_listing(listing: Listing, errors: dict[str, list[str]]) -> None:
    if listing.kind not in ListingKind.values:
        _add(errors, "kind", _("Choose whether this is a need or an offer."))
    if listing.original_language not in LANGUAGES:
        _add(errors, "original_language", _("Choose the language the text is written in."))
    elif not getattr(listing, f"title_{listing.original_language}", ""):
        _add(errors, f"title_{listing.original_language}", _("Enter the title in the language you write in."))
    for lang in LANGUAGES:
        if len(getattr(listing, f"title_{lang}", "") or "") > 300:
            _add(errors, f"title_{lang}", _("The title is too long (at most 300 characters)."))
        if len(getattr(listing, f"description_{lang}", "") or "") > 10_000:
            _add(errors, f"description_{lang}", _("The description is too long (at most 10,000 characters)."))
    if errors:
        raise ValidationError(errors)
    # No assignment to the plain `title`: modeltranslation would write it into the ACTIVE language's column (an English
    # request would put the Russian title into title_en). The texts live in their `title_<lang>` columns only.


@transaction.atomic
def listing_create(
    *,
    actor,
    organisation: Organisation,
    kind: str,
    fields: dict[str, Any],
    themes: Iterable[Theme] = (),
    countries: Iterable[Country] = (),
    regions: Iterable[Region] = (),
    languages: Iterable[str] = (),
    cross_border: bool = True,
    expires_on: datetime.date | None = None,
    original_language: str = "ru",
) -> Listing:
    """Post a need or an offer of an organisation the actor edits."""
    require(actor, "exchange.add_listing", organisation)
    errors: dict[str, list[str]] = {}
    if organisation.status != OrganisationStatus.ACTIVE:
        _add(errors, "organisation", _("Only an active organisation can post needs and offers."))
    countries, regions = list(countries), list(regions)
    listing = Listing(
        organisation=organisation,
        created_by=user_or_none(actor),
        kind=kind,
        original_language=original_language,
        cross_border=bool(cross_border),
        expires_on=expires_on,
    )
    _apply_texts(listing, fields)
    listing.languages = _languages(languages, errors)
    _check_places(countries, regions, errors)
    _check_expiry(expires_on, errors)
    _check_listing(listing, errors)
    listing.save()
    listing.themes.set(list(themes))
    listing.countries.set(countries)
    listing.regions.set(regions)
    return listing


@transaction.atomic
def listing_update(
    *,
    actor,
    listing: Listing,
    fields: dict[str, Any] | None = None,
    kind: str | None = None,
    themes: Iterable[Theme] | None = None,
    countries: Iterable[Country] | None = None,
    regions: Iterable[Region] | None = None,
    languages: Iterable[str] | None = None,
    cross_border: bool | None = None,
    expires_on: datetime.date | None = _UNSET,
    original_language: str | None = None,
) -> Listing:
    """Change a need or an offer; what is not passed stays as it is (the status changes only by close/reopen)."""
    require(actor, "exchange.change_listing", listing)
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    errors: dict[str, list[str]] = {}
    _apply_texts(listing, fields or {})
    if kind is not None:
        listing.kind = kind
    if original_language is not None:
        listing.original_language = original_language
    if cross_border is not None:
        listing.cross_border = bool(cross_border)
    if languages is not None:
        listing.languages = _languages(languages, errors)
    if expires_on is not _UNSET:
        if expires_on != listing.expires_on:
            _check_expiry(expires_on, errors)
        listing.expires_on = expires_on
    if countries is not None or regions is not None:  # the stored side is read only when the other one changes
        countries = list(countries) if countries is not None else None
        regions = list(regions) if regions is not None else None
        _check_places(
            countries if countries is not None else list(listing.countries.all()),
            regions if regions is not None else list(listing.regions.all()),
            errors,
        )
    _check_listing(listing, errors)
    listing.save()
    if themes is not None:
        listing.themes.set(list(themes))
    if countries is not None:
        listing.countries.set(countries)
    if regions is not None:
        listing.regions.set(regions)
    return listing


@transaction.atomic
def listing_close(*, actor, listing: Listing) -> Listing:
    """Close a need or an offer (found a partner, or no longer relevant); it leaves the public list."""
    require(actor, "exchange.close_listing", listing)
    return transition(listing, "close", actor=actor)


@transaction.atomic
def listing_reopen(*, actor, listing: Listing) -> Listing:
    """Open a closed need or offer again, if its closing date is still ahead."""
    require(actor, "exchange.close_listing", listing)
    return transition(listing, "reopen", actor=actor)  # the table's guard refuses a listing past its closing date
