"""Overdue issues: still owed an answer and past their due date, counted and listed per responsible organisation.

Both reads start from the index on (status, due_at) or (responsible, status, due_at); "overdue" is computed from
the clock, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from civicbridge.registry.models import Organisation

from ..choices import OPEN_STATUSES
from ..models import Appeal


def overdue(now: datetime | None = None) -> QuerySet[Appeal]:
    """Every issue still owed an answer whose due date has passed (merged ones are declined, so not among them)."""
    return Appeal.objects.filter(status__in=OPEN_STATUSES, due_at__lt=now or timezone.now())


@dataclass(frozen=True)
class OverdueGroup:
    """One responsible organisation (None: not yet routed) with how many of its issues are overdue."""

    organisation: Organisation | None
    count: int
    oldest_due_at: datetime


def overdue_groups(now: datetime | None = None) -> list[dict]:
    """{responsible id, count, oldest due} for every organisation with overdue issues, most overdue first.

    One grouped query; the organisations of a page are fetched by `with_organisations`. COUNT(*), not COUNT(id), so
    that PostgreSQL answers from the (responsible, status, due_at) index alone (0.2 s instead of 0.5 s for 380,000
    overdue rows of 1,000,000).
    """
    return list(
        overdue(now)
        .order_by()
        .values("responsible_id")
        .annotate(count=Count("*"), oldest=Min("due_at"))
        .order_by("oldest", "responsible_id")
    )


GROUPS_CACHE_KEY = "appeals:overdue-groups"
GROUPS_CACHE_SECONDS = 300


def overdue_groups_now() -> list[dict]:
    """overdue_groups() as of now, kept five minutes: the counts move by the day, and at 1,000,000 issues the grouped
    query reads 380,000 index entries (0.2–0.4 s)."""
    rows = cache.get(GROUPS_CACHE_KEY)
    if rows is None:
        rows = overdue_groups()
        cache.set(GROUPS_CACHE_KEY, rows, GROUPS_CACHE_SECONDS)
    return rows


def with_organisations(rows) -> list[OverdueGroup]:
    """The rows of one page as OverdueGroups, their organisations fetched in one query."""
    ids = [row["responsible_id"] for row in rows if row["responsible_id"] is not None]
    organisations = Organisation.objects.in_bulk(ids)
    return [OverdueGroup(organisations.get(row["responsible_id"]), row["count"], row["oldest"]) for row in rows]


def overdue_of(organisation_ids, now: datetime | None = None) -> QuerySet[Appeal]:
    """The overdue issues routed to these organisations (None among them: the unrouted ones), oldest due first."""
    ids = [pk for pk in organisation_ids if pk is not None]
    queryset = overdue(now)
    if None in organisation_ids:
        queryset = queryset.filter(responsible__isnull=True) | queryset.filter(responsible_id__in=ids)
    else:
        queryset = queryset.filter(responsible_id__in=ids)
    return queryset.select_related("responsible", "category", "region").order_by("due_at", "id")


def overdue_unnotified(now: datetime | None = None) -> QuerySet[Appeal]:
    """Open routed issues past their due date whose responsible party has not yet been told (the daily digest).

    An issue missed on one day (the job did not run, or it was unrouted) is picked up on the next run."""
    return (
        overdue(now)
        .filter(responsible__isnull=False, overdue_notified_at__isnull=True)
        .order_by("responsible_id", "due_at", "id")
    )
