"""ICS: one event and the feed, parsed back with icalendar."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from civicbridge.events.services import events as services
from civicbridge.registry.tests.factories import RegionFactory

from .factories import EventFactory, PublishedEventFactory

pytestmark = [pytest.mark.django_db]


def _events(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_one_event_as_ics_with_utc_start_location_url_and_a_stable_uid(client):
    starts = datetime.datetime(2026, 10, 15, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Almaty"))
    event = PublishedEventFactory(
        title_ru="XII Гражданский форум",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=8),
        region=RegionFactory(),
        venue="Дворец Независимости",
    )
    [item] = _events(client.get(reverse("events:event-ics", args=[event.pk])))
    assert str(item["summary"]) == "XII Гражданский форум"
    start = item.decoded("dtstart")
    assert start == datetime.datetime(
        2026, 10, 15, 5, 0, tzinfo=datetime.UTC
    ) and start.utcoffset() == datetime.timedelta(0)
    assert "Дворец Независимости" in str(item["location"]) and "Казахстан" in str(item["location"])
    assert str(item["url"]).endswith(event.get_absolute_url())
    assert event.get_absolute_url() in str(item["description"])
    [again] = _events(client.get(reverse("events:event-ics", args=[event.pk])))
    assert str(item["uid"]) == str(again["uid"]) == f"event-{event.pk}@civicbridge"


def test_a_cancelled_event_says_so(client, representative, org):
    event = PublishedEventFactory(organisers=[org])
    services.event_cancel(actor=representative, event=event, reason="Перенос")
    [item] = _events(client.get(reverse("events:event-ics", args=[event.pk])))
    assert str(item["status"]) == "CANCELLED"


def test_feed_lists_upcoming_published_events_only(client):
    upcoming = PublishedEventFactory()
    online = PublishedEventFactory(country=None, address_ru="", online_url="https://meet.example.org/x")
    EventFactory()  # a draft
    PublishedEventFactory(
        starts_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2020, 1, 2, tzinfo=datetime.UTC),
    )
    items = _events(client.get(reverse("events:feed-ics")))
    assert {str(item["uid"]) for item in items} == {
        f"event-{upcoming.pk}@civicbridge",
        f"event-{online.pk}@civicbridge",
    }
    by_uid = {str(item["uid"]): item for item in items}
    assert str(by_uid[f"event-{online.pk}@civicbridge"]["location"]) == "https://meet.example.org/x"


def test_a_draft_has_no_public_ics(client):
    assert client.get(reverse("events:event-ics", args=[EventFactory().pk])).status_code == 404
