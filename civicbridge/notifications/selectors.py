"""Reads: a user's inbox and unread count, and who gets which event through which channel."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from .choices import Channel, Frequency
from .models import Notification, NotificationPreference
from .registry import ALL_EVENTS, Event

UNREAD_COUNT_CAP = 100  # the badge says "99+" beyond this; counting further costs without telling more


def inbox(user) -> QuerySet[Notification]:
    """The user's own notifications shown on the website, newest first (nothing for an anonymous visitor)."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user, in_inbox=True).order_by("-id")


def unread_count(user) -> int:
    """Unread notifications in the user's inbox, counted up to UNREAD_COUNT_CAP."""
    return inbox(user).filter(read_at__isnull=True)[:UNREAD_COUNT_CAP].count()


def unread_count_for_request(request) -> int:
    """`unread_count` once per request (the badge may be drawn more than once)."""
    cached = getattr(request, "_cb_unread_notifications", None)
    if cached is None:
        cached = unread_count(request.user)
        request._cb_unread_notifications = cached
    return cached


@dataclass(frozen=True)
class Delivery:
    """How one event reaches one user."""

    inapp: bool
    email: bool
    digest: bool  # e-mail goes into the daily digest rather than at once

    @property
    def anything(self) -> bool:
        return self.inapp or self.email


def preference_rows(
    user_ids: Iterable[int], events: Iterable[str]
) -> dict[int, dict[tuple[str, str], NotificationPreference]]:
    """{user id: {(event, channel): row}} for the given events and '*', in one query."""
    out: dict[int, dict[tuple[str, str], NotificationPreference]] = {}
    rows = NotificationPreference.objects.filter(user_id__in=list(user_ids), event__in=[*events, ALL_EVENTS])
    for row in rows:
        out.setdefault(row.user_id, {})[(row.event, row.channel)] = row
    return out


def _row(rows: dict[tuple[str, str], NotificationPreference], event: Event, channel: str, *, specific: bool):
    if specific and (event.key, channel) in rows:
        return rows[(event.key, channel)]
    return rows.get((ALL_EVENTS, channel))


def delivery(event: Event, rows: dict[tuple[str, str], NotificationPreference], *, specific: bool = True) -> Delivery:
    """The user's choice for the event, else their choice for every event ('*'), else the event's defaults.

    With `specific=False` the event's own row is ignored: what the user would get without it (the baseline that the
    preferences page compares with, so that a choice equal to it stores no row).
    """
    if event.mandatory:
        return Delivery(Channel.INAPP in event.default_channels, Channel.EMAIL in event.default_channels, False)
    enabled = {}
    for channel in Channel.values:
        row = _row(rows, event, channel, specific=specific)
        enabled[channel] = row.enabled if row is not None else channel in event.default_channels
    email_row = _row(rows, event, Channel.EMAIL, specific=specific)
    digest = event.digestible and email_row is not None and email_row.frequency == Frequency.DIGEST
    return Delivery(
        inapp=enabled[Channel.INAPP], email=enabled[Channel.EMAIL], digest=digest and enabled[Channel.EMAIL]
    )


def preferences_for(user, events: list[Event]) -> dict[str, Delivery]:
    """{event key: Delivery} for the preferences page, in one query."""
    rows = preference_rows([user.pk], [event.key for event in events]).get(user.pk, {})
    return {event.key: delivery(event, rows) for event in events}


def personal_data(user) -> dict:
    """The user's notifications and preferences for the «download my data» file (registered in apps.py)."""
    notifications = Notification.objects.filter(recipient=user).order_by("-id")
    return {
        "notifications": [
            {
                "event": n.event,
                "title": n.title,
                "body": n.body,
                "url": n.url,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
                "emailed_at": n.emailed_at.isoformat() if n.emailed_at else None,
            }
            for n in notifications.iterator()
        ],
        "notification_preferences": list(
            NotificationPreference.objects.filter(user=user)
            .order_by("event", "channel")
            .values("event", "channel", "enabled", "frequency")
        ),
    }
