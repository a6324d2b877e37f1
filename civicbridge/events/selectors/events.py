"""Reads of events, their programme and registrations, ready for pages, the API, ICS and check-in."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from civicbridge.accounts.rules import is_admin_or_moderator, organisations_edited_by

from ..choices import EventStatus, RegistrationStatus
from ..models import Answer, Event, EventOrganiser, Registration, Session, Speaker

PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.COMPLETED, EventStatus.CANCELLED)
EVENT_FILTERS = ("kind", "country", "region", "theme", "when", "organisation")


def _organiser_links() -> Prefetch:
    return Prefetch(
        "organiser_links",
        queryset=EventOrganiser.objects.select_related("organisation__country").order_by("-is_lead", "order", "id"),
    )


def with_parts(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """An event's place, organisers and themes, for list rows."""
    return queryset.select_related("country", "region").prefetch_related(_organiser_links(), "themes")


def filter_events(queryset: QuerySet[Event], filters: dict[str, Any]) -> QuerySet[Event]:
    """kind, country code, region code, theme code, organisation id, when = upcoming | past."""
    now = timezone.now()
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("country"):
        queryset = queryset.filter(country_id=filters["country"])
    if filters.get("region"):
        queryset = queryset.filter(region_id=filters["region"])
    if filters.get("theme"):
        queryset = queryset.filter(themes__code=filters["theme"]).distinct()
    if filters.get("organisation"):
        queryset = queryset.filter(organiser_links__organisation_id=filters["organisation"]).distinct()
    if filters.get("when") == "upcoming":
        queryset = queryset.filter(ends_at__gte=now).order_by("starts_at", "id")
    elif filters.get("when") == "past":
        queryset = queryset.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    return queryset


def public_events(filters: dict[str, Any] | None = None) -> QuerySet[Event]:
    """Published, completed and cancelled events, soonest first (latest first for past ones)."""
    queryset = Event.objects.filter(status__in=PUBLIC_STATUSES).order_by("starts_at", "id")
    return with_parts(filter_events(queryset, filters or {}))


def visible_events(user) -> QuerySet[Event]:
    """What the user may read: the public events, plus drafts of organisations they edit (all for moderators)."""
    queryset = Event.objects.all()
    if not is_admin_or_moderator(user):
        edited = organisations_edited_by(user)
        visible = Q(status__in=PUBLIC_STATUSES)
        if edited:
            visible |= Q(pk__in=EventOrganiser.objects.filter(organisation_id__in=edited).values("event_id"))
        queryset = queryset.filter(visible)
    return queryset


def events_organised_by(user) -> QuerySet[Event]:
    """Events of the organisations the user edits (every status), newest first: the organiser's own list."""
    edited = organisations_edited_by(user)
    queryset = Event.objects.filter(pk__in=EventOrganiser.objects.filter(organisation_id__in=edited).values("event_id"))
    return with_parts(queryset).order_by("-starts_at", "-id")


def programme() -> Prefetch:
    """Sessions with their speakers, each with the person and the position held then."""
    speakers = Speaker.objects.select_related("person", "position__organisation").order_by("order", "id")
    return Prefetch(
        "sessions",
        queryset=Session.objects.prefetch_related(Prefetch("speakers", queryset=speakers)).order_by(
            "starts_at", "order", "id"
        ),
    )


def event_detail() -> QuerySet[Event]:
    """Events with everything their page shows: place, organisers, themes, programme and questions."""
    return with_parts(Event.objects.all()).prefetch_related(programme(), "questions")


def seat_counts(event: Event) -> dict[str, int]:
    """Confirmed, waitlisted and checked-in counts, and the seats left (None: unlimited) — one query."""
    counts = event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        checked_in=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=False)),
    )
    counts["left"] = None if event.capacity is None else max(event.capacity - counts["confirmed"], 0)
    return counts


def user_registration(event: Event, user) -> Registration | None:
    """The user's active registration for the event, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return event.registrations.filter(user=user).exclude(status=RegistrationStatus.CANCELLED).first()


def registrations_of(user) -> QuerySet[Registration]:
    """The user's own registrations, upcoming first, with their event."""
    return (
        Registration.objects.filter(user=user)
        .select_related("event__country", "event__region")
        .order_by("-event__starts_at", "-id")
    )


def participants(event: Event, status: str | None = None) -> QuerySet[Registration]:
    """An event's registrations with their answers and organisation, in the order they came (the waitlist's order)."""
    answers = Answer.objects.select_related("question").order_by("question__order", "question_id")
    queryset = (
        event.registrations.select_related("organisation", "user")
        .prefetch_related(Prefetch("answers", queryset=answers))
        .order_by("created_at", "pk")
    )
    return queryset.filter(status=status) if status else queryset


def upcoming_feed(limit: int = 200) -> QuerySet[Event]:
    """Published events not yet over, soonest first, for the ICS feed."""
    return (
        Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gte=timezone.now())
        .select_related("country", "region")
        .order_by("starts_at", "id")[:limit]
    )


def personal_data(user) -> dict[str, Any]:
    """The user's registrations for the export of their data: events, statuses, answers."""
    rows = []
    for registration in registrations_of(user).prefetch_related("answers__question"):
        rows.append(
            {
                "event": registration.event.title,
                "starts_at": registration.event.starts_at.isoformat(),
                "name": registration.name,
                "email": registration.email,
                "status": registration.status,
                "registered_at": registration.created_at.isoformat(),
                "checked_in_at": registration.checked_in_at.isoformat() if registration.checked_in_at else None,
                "answers": {answer.question.text: answer.value for answer in registration.answers.all()},
            }
        )
    return {"event_registrations": rows}
