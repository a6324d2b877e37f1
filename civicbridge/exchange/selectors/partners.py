"""Reads of needs and offers, partnership requests and partnerships, ready for list pages and the API."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from civicbridge.accounts.rules import is_admin, organisations_edited_by
from civicbridge.registry.models import Organisation

from ..choices import ListingStatus
from ..models import Listing, Partnership, PartnershipRequest

LISTING_FILTERS = ("kind", "theme", "country", "region", "language", "cross_border", "organisation")


def open_q() -> Q:
    """Open and not past its closing date: what the public list and matching show."""
    return Q(status=ListingStatus.OPEN) & (Q(expires_on__isnull=True) | Q(expires_on__gte=timezone.localdate()))


def _with_parts(queryset: QuerySet[Listing]) -> QuerySet[Listing]:
    return queryset.select_related("organisation__country", "organisation__region").prefetch_related(
        "themes", "countries", "regions"
    )


def filter_listings(queryset: QuerySet[Listing], filters: dict[str, Any]) -> QuerySet[Listing]:
    """Apply the list filters (kind, theme code, country code, region code, language code, cross_border)."""
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("theme"):
        queryset = queryset.filter(themes__code=filters["theme"])
    if filters.get("country"):
        # A listing open to anywhere (no countries) is open to this country too.
        queryset = queryset.filter(Q(countries__code=filters["country"]) | Q(countries__isnull=True))
    if filters.get("region"):
        region = str(filters["region"])
        queryset = queryset.filter(
            Q(regions__code=region) | (Q(regions__isnull=True) & (Q(countries__code=region[:2]) | Q(countries=None)))
        )
    if filters.get("language"):
        # JSON containment is not portable (SQLite has none): match the quoted code in the list's text.
        queryset = queryset.annotate(languages_text=Cast("languages", TextField())).filter(
            languages_text__contains=f'"{filters["language"]}"'
        )
    if filters.get("cross_border") is not None:
        queryset = queryset.filter(cross_border=filters["cross_border"])
    if filters.get("organisation"):
        queryset = queryset.filter(organisation=filters["organisation"])
    return queryset.distinct() if any(filters.get(k) for k in ("theme", "country", "region")) else queryset


def public_listings(filters: dict[str, Any] | None = None) -> QuerySet[Listing]:
    """Open needs and offers, newest first, with their organisation, themes and places."""
    return _with_parts(filter_listings(Listing.objects.filter(open_q()), filters or {})).order_by("-created_at", "-id")


def visible_listings(user) -> QuerySet[Listing]:
    """What the user may read: every open listing, and the closed ones of organisations they edit (all for admins)."""
    queryset = Listing.objects.all()
    if not is_admin(user):
        queryset = queryset.filter(open_q() | Q(organisation_id__in=organisations_edited_by(user)))
    return _with_parts(queryset).order_by("-created_at", "-id")


def organisation_listings(organisation: Organisation) -> QuerySet[Listing]:
    """Every listing of one organisation (for its editors), open first."""
    return _with_parts(Listing.objects.filter(organisation=organisation)).order_by("status", "-created_at", "-id")


def _requests() -> QuerySet[PartnershipRequest]:
    return PartnershipRequest.objects.select_related(
        "from_organisation", "to_organisation", "listing", "partnership"
    ).order_by("-created_at", "-id")


def requests_received(user) -> QuerySet[PartnershipRequest]:
    """Requests to the organisations the user edits (the inbox), pending first."""
    return _requests().filter(to_organisation_id__in=organisations_edited_by(user))


def requests_sent(user) -> QuerySet[PartnershipRequest]:
    """Requests from the organisations the user edits (the outbox)."""
    return _requests().filter(from_organisation_id__in=organisations_edited_by(user))


def visible_requests(user) -> QuerySet[PartnershipRequest]:
    """Requests the user may read: to or from an organisation they edit (all for admins)."""
    if is_admin(user):
        return _requests()
    ids = organisations_edited_by(user)
    return _requests().filter(Q(from_organisation_id__in=ids) | Q(to_organisation_id__in=ids))


def partnerships() -> QuerySet[Partnership]:
    """Partnerships (public records) with their parties, themes and file."""
    return Partnership.objects.select_related("document", "request").prefetch_related(
        Prefetch("parties", queryset=Organisation.objects.select_related("country").order_by("name_ru")), "themes"
    )


def organisation_partnerships(organisation: Organisation) -> QuerySet[Partnership]:
    """The partnerships an organisation is a party to, newest signed first."""
    return partnerships().filter(parties=organisation).order_by("-signed_on", "-id")
