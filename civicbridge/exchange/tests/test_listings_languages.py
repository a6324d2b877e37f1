"""A need or offer keeps each text in its own language's column whatever the request's language: an English request
that posts a Russian listing must not put the Russian title into title_en."""

from __future__ import annotations

import pytest
from django.utils import translation

from civicbridge.exchange.choices import ListingKind
from civicbridge.exchange.models import Listing
from civicbridge.exchange.services.listings import listing_create, listing_update

pytestmark = pytest.mark.django_db


def titles(listing):
    return tuple(getattr(listing, f"title_{lang}") or "" for lang in ("ru", "en", "kk"))


def test_create_and_edit_in_an_english_request(org, representative):
    with translation.override("en"):
        listing = listing_create(
            actor=representative,
            organisation=org,
            kind=ListingKind.NEED,
            fields={"title_ru": "Ищем наставника", "description_ru": "Для сельского проекта."},
        )
        row = Listing.objects.get(pk=listing.pk)
        assert titles(row) == ("Ищем наставника", "", "")
        assert (row.description_en or "") == ""
        listing_update(actor=representative, listing=row, fields={"title_ru": "Ищем наставницу"})
        row = Listing.objects.get(pk=listing.pk)
        assert titles(row) == ("Ищем наставницу", "", "")
        assert row.title == "Ищем наставницу"  # English falls back to the Russian title
    with translation.override("ru"):
        listing = listing_create(
            actor=representative,
            organisation=org,
            kind=ListingKind.OFFER,
            original_language="en",
            fields={"title_en": "Mentoring offered"},
        )
    assert titles(Listing.objects.get(pk=listing.pk)) == ("", "Mentoring offered", "")
