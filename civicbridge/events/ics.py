"""iCalendar (RFC 5545) of events: one event, or the feed of upcoming ones. UIDs are stable (event id + site)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from .choices import EventStatus
from .models import Event

UTC = datetime.UTC
PRODID = "-//CivicBridge//Events//RU"


def uid_of(event: Event) -> str:
    domain = getattr(settings, "ICS_UID_DOMAIN", "civicbridge")
    return f"event-{event.pk}@{domain}"


def location_of(event: Event) -> str:
    parts = [event.venue, event.address]
    if event.region_id:
        parts.append(event.region.name)
    if event.country_id:
        parts.append(event.country.name)
    place = ", ".join(part for part in parts if part)
    return place or event.online_url


def calendar_of(events: Iterable[Event], *, base_url: str, name: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(UTC)
    for event in events:
        item = VEvent()
        item.add("uid", uid_of(event))
        item.add("dtstamp", stamp)
        item.add("dtstart", event.starts_at.astimezone(UTC))
        item.add("dtend", event.ends_at.astimezone(UTC))
        item.add("summary", event.title)
        url = base_url + event.get_absolute_url()
        description = "\n\n".join(part for part in (event.summary, event.online_url, url) if part)
        item.add("description", description)
        item.add("url", url)
        location = location_of(event)
        if location:
            item.add("location", location)
        item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
        item.add("last-modified", event.updated_at.astimezone(UTC))
        calendar.add_component(item)
    return calendar.to_ical()
