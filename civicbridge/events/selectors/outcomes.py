"""Reads of outcomes: an event's closing report and commitments, and the public list of commitments across events
with its filters (status, responsible organisation, overdue, kind, event)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import BooleanField, Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from civicbridge.registry.models import Organisation

from ..choices import CommitmentStatus, EventStatus
from ..models import Commitment, Event, Outcome

OPEN_STATES = (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)


def overdue_q(today: datetime.date | None = None) -> Q:
    """Past the due date and neither done nor dropped."""
    return Q(due_on__lt=today or timezone.localdate(), status__in=OPEN_STATES)


def _with_overdue(commitments: QuerySet[Commitment], today: datetime.date | None = None) -> QuerySet[Commitment]:
    return commitments.annotate(
        overdue=Case(When(overdue_q(today), then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def public_commitments(filters: dict[str, Any] | None = None, today: datetime.date | None = None):
    """Commitments anyone may read — those of events that are not drafts — soonest due first; each row brings its
    event and responsible organisation (one query a page, plus the count).

    Filters: status, responsible (an organisation or its id), overdue (True), kind, event (an event or its id).
    """
    filters = filters or {}
    rows = Commitment.objects.exclude(event__status=EventStatus.DRAFT)
    if filters.get("status"):
        rows = rows.filter(status=filters["status"])
    if filters.get("responsible"):
        rows = rows.filter(responsible=filters["responsible"])
    if filters.get("kind"):
        rows = rows.filter(kind=filters["kind"])
    if filters.get("event"):
        rows = rows.filter(event=filters["event"])
    if filters.get("overdue"):
        rows = rows.filter(overdue_q(today))
    # Overdue first, then the open ones by due date, then the done and dropped ones.
    closed = Case(When(status__in=OPEN_STATES, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        _with_overdue(rows, today)
        .annotate(closed=closed)
        .select_related("event", "responsible", "responsible__country")
        .order_by("-overdue", "closed", F("due_on").asc(nulls_last=True), "id")
    )


def commitments_of(event: Event, today: datetime.date | None = None) -> QuerySet[Commitment]:
    """An event's resolutions and commitments, resolutions first, then by due date."""
    return (
        _with_overdue(Commitment.objects.filter(event=event), today)
        .select_related("responsible")
        .order_by("kind", "due_on", "id")
    )


def outcome_of(event: Event) -> Outcome | None:
    """The event's closing report with the organisations present (2 queries), or None."""
    present = Organisation.objects.select_related("country").order_by("name", "id")
    return (
        Outcome.objects.filter(event_id=event.pk)
        .prefetch_related(Prefetch("organisations_present", queryset=present))
        .first()
    )


def attach_outcomes(event: Event, user) -> Event:
    """Fetch the event's closing report and commitments once and cache them for `events/outcomes/_panel.html`:
    `event.outcome` (None unless published or the user may edit it) and `event.commitment_rows` (3 queries, and
    the user's roles once a request).
    The panel shows nothing for a draft event."""
    outcome = outcome_of(event)
    if outcome is not None:
        outcome.event = event
        if not user.has_perm("events.view_outcome", outcome):
            outcome = None
    Event.outcome.related.set_cached_value(event, outcome)
    event.commitment_rows = list(commitments_of(event))
    for row in event.commitment_rows:
        row.event = event
    return event


def commitment_counts(rows: QuerySet[Commitment]) -> dict[str, int]:
    """How many commitments in each status and overdue, for the list's summary (one query)."""
    today = timezone.localdate()
    totals = rows.order_by().aggregate(
        total=Count("id"),
        overdue=Count("id", filter=overdue_q(today)),
        **{status: Count("id", filter=Q(status=status)) for status in CommitmentStatus.values},
    )
    return totals
