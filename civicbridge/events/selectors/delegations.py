"""Reads of delegation visits: one delegation with everything its panel shows (a fixed number of queries), and the
public list of delegation visits with its country filters."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from civicbridge.registry.models import Organisation

from ..choices import EventKind, EventStatus
from ..models import Delegation, DelegationMember, DelegationVisit, Event

_ORGS = Organisation.objects.select_related("country").order_by("name", "id")


def delegations_with_everything() -> QuerySet[Delegation]:
    """Delegations with hosts, visitors, members and visits: 5 queries however many there are."""
    return Delegation.objects.select_related("event").prefetch_related(
        Prefetch("hosts", queryset=_ORGS),
        Prefetch("visitors", queryset=_ORGS),
        Prefetch(
            "members",
            queryset=DelegationMember.objects.select_related("person", "organisation").order_by("order", "id"),
        ),
        Prefetch("visits", queryset=DelegationVisit.objects.select_related("organisation").order_by("starts_at", "id")),
    )


def delegation_of(event: Event) -> Delegation | None:
    """The event's delegation with everything its panel shows (5 queries), or None."""
    return delegations_with_everything().filter(event_id=event.pk).first()


def attach_delegation(event: Event) -> Event:
    """Fetch the event's delegation once, with everything, and cache it on `event.delegation` for the panel
    (`events/delegations/_panel.html`). An event of another kind costs no query."""
    delegation = delegation_of(event) if event.kind == EventKind.DELEGATION_VISIT else None
    Event.delegation.related.set_cached_value(event, delegation)
    if delegation is not None:
        delegation.event = event
    return event


def public_delegation_visits(filters: dict[str, Any] | None = None) -> QuerySet[Event]:
    """Delegation visits anyone may read (not drafts), newest first; filters: host_country, visitor_country (ISO
    codes), year. Each row brings its delegation, hosts and visitors (4 queries a page)."""
    filters = filters or {}
    events = Event.objects.filter(kind=EventKind.DELEGATION_VISIT).exclude(status=EventStatus.DRAFT)
    if filters.get("host_country"):
        hosts = Delegation.hosts.through.objects.filter(
            delegation__event=OuterRef("pk"), organisation__country_id=filters["host_country"]
        )
        events = events.filter(Exists(hosts))
    if filters.get("visitor_country"):
        visitors = Delegation.visitors.through.objects.filter(
            delegation__event=OuterRef("pk"), organisation__country_id=filters["visitor_country"]
        )
        events = events.filter(Exists(visitors))
    if filters.get("year"):
        events = events.filter(starts_at__year=filters["year"])
    return (
        events.select_related("delegation", "country")
        .prefetch_related(
            Prefetch("delegation__hosts", queryset=_ORGS), Prefetch("delegation__visitors", queryset=_ORGS)
        )
        .order_by("-starts_at", "-id")
    )
