"""The events demo (forum and meetings parts): loads through the services, a second load adds nothing."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.utils import timezone

from civicbridge.accounts import demo as accounts_demo
from civicbridge.core.context import acting_as
from civicbridge.events.choices import EventKind, EventStatus, RegistrationStatus
from civicbridge.events.demo import forum, meetings
from civicbridge.events.models import Event, Registration, Speaker
from civicbridge.registry import demo as registry_demo


def _counts() -> tuple[int, int, int]:
    return Event.objects.count(), Registration.objects.count(), Speaker.objects.count()


@pytest.mark.django_db
def test_forum_round_table_and_regional_meetings_load_once():
    out = StringIO()
    with acting_as(None):
        registry_demo.load(stdout=out)
        accounts_demo.load(stdout=out)
        forum.load(stdout=out)
        meetings.load(stdout=out)

    xii = forum.forum()
    assert xii.series_number == 12 and xii.kind == EventKind.FORUM and xii.status == EventStatus.COMPLETED
    assert xii.starts_at.month == 10 and xii.region_id == "KZ-71"
    assert [link.organisation.name_ru for link in xii.organiser_links.all()] == [forum.GAK]
    assert xii.registrations.filter(checked_in_at__isnull=False).count() == 5

    table = meetings.round_table()
    assert table.kind == EventKind.ROUND_TABLE and set(table.languages) == {"ru", "kk"}
    assert {link.organisation.name_ru for link in table.organiser_links.all()} == {forum.GAK, forum.CHAMBER}
    speakers = {s.person.full_name_ru: s for s in Speaker.objects.filter(session__event=table).select_related("person")}
    assert set(speakers) == {"Бану Нургазиева", "Елена Тополева-Солдунова", "Ирина Смирнова", "Елдар Сапаров"}
    assert all(s.position_id and s.position_title for s in speakers.values())

    regional = meetings.regional_meetings()
    assert len({event.region_id for event in regional}) >= 4
    assert {event.status for event in regional} == {EventStatus.COMPLETED, EventStatus.PUBLISHED}
    assert all(event.kind == EventKind.REGIONAL_MEETING for event in regional)

    me = forum.participant()
    mine = dict(Registration.objects.filter(user=me, event__in=regional).values_list("event__region_id", "status"))
    assert mine == {"KZ-39": RegistrationStatus.CONFIRMED, "KZ-63": RegistrationStatus.WAITLISTED}

    for event in [xii, table, *regional]:  # every demo event reads in the three languages
        assert all(getattr(event, f"title_{lang}") for lang in ("ru", "kk", "en")), event.title_ru
        assert all(getattr(event, f"summary_{lang}") for lang in ("ru", "kk", "en")), event.title_ru

    counts = _counts()
    with acting_as(None):
        forum.load(stdout=StringIO())
        meetings.load(stdout=StringIO())
    assert _counts() == counts


@pytest.mark.django_db
def test_upcoming_meetings_stay_ahead_whenever_the_demo_is_loaded():
    """Loaded long after autumn 2026, the two meetings ahead are still ahead (dates relative to today), the held ones
    and the round table keep their real dates; a second load (days later) finds them by their keys."""
    from freezegun import freeze_time

    with freeze_time("2028-05-01 06:00:00"), acting_as(None):
        out = StringIO()
        registry_demo.load(stdout=out)
        accounts_demo.load(stdout=out)
        forum.load(stdout=out)
        meetings.load(stdout=out)
        regional = meetings.regional_meetings()
        ahead = [event for event in regional if event.status == EventStatus.PUBLISHED]
        assert {event.region_id for event in ahead} == {"KZ-39", "KZ-63"}
        assert all(event.starts_at > timezone.now() for event in ahead)
        assert [event.starts_at.astimezone(forum.ALMATY).hour for event in ahead] == [15, 15]
        assert meetings.round_table().starts_at.date() == datetime.date(2026, 11, 26)
        assert forum.forum().starts_at.date() == datetime.date(2026, 10, 8)
    counts = _counts()
    with freeze_time("2028-05-03 06:00:00"), acting_as(None):
        meetings.load(stdout=StringIO())
    assert _counts() == counts


@pytest.mark.usefixtures("english")
def test_demo_accounts_name_the_participant():
    from civicbridge.events import demo as events_demo

    [(email, password, role)] = events_demo.demo_accounts()
    assert email == "events-participant@demo.civicbridge.kz"
    assert password == accounts_demo.DEMO_PASSWORD and role == "event participant"
