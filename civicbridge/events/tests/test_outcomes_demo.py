"""The demo of delegations and outcomes: the delegation visit of Kazakh NGOs in Moscow and the outcomes of the XII
Forum and the report's round table load through the services, skip politely when their events are absent, and a
second load adds nothing."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.utils import timezone

from civicbridge.accounts import demo as accounts_demo
from civicbridge.core.context import acting_as
from civicbridge.events.choices import CommitmentStatus, DelegationRole, EventKind, EventStatus
from civicbridge.events.demo import delegation as delegation_demo
from civicbridge.events.demo import outcomes as outcomes_demo
from civicbridge.events.models import Commitment, Delegation, DelegationMember, DelegationVisit, Event, Outcome
from civicbridge.events.services import events as event_services
from civicbridge.registry import demo as registry_demo
from civicbridge.registry.models import Country, Organisation

pytestmark = [pytest.mark.django_db]


def _stand_ins(actor) -> None:
    """The forum and round table as the events demo makes them (kind, number, organisers, title words)."""
    gak = Organisation.objects.get(name_ru=delegation_demo.GAK_RU)
    chamber = Organisation.objects.get(name_ru=delegation_demo.CHAMBER_RU)
    start = timezone.now() - datetime.timedelta(days=40)
    for kind, title, organisers, number in [
        (EventKind.FORUM, "XII Гражданский форум Казахстана", [gak], 12),
        (EventKind.ROUND_TABLE, "Круглый стол «Казахстан – Россия: НКО»", [gak, chamber], None),
    ]:
        event = event_services.event_create(
            actor=actor,
            organisers=organisers,
            kind=kind,
            fields={"title_ru": title},
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=6),
            languages=["ru", "kk"],
            series_number=number,
            country=Country.objects.get(pk="KZ"),
        )
        event_services.event_publish(actor=actor, event=event)


def counts() -> dict[str, int]:
    models = (Event, Delegation, DelegationMember, DelegationVisit, Outcome, Commitment)
    return {model.__name__: model.objects.count() for model in models}


def test_demo_loads_and_is_idempotent():
    out = StringIO()
    with acting_as(None):
        registry_demo.load(stdout=out)
        accounts_demo.load(stdout=out)
        outcomes_demo.load(stdout=out)
        assert "no XII Civil Forum in the demo data yet" in out.getvalue()
        assert not Outcome.objects.exists()
        delegation_demo.load(stdout=out)
        _stand_ins(delegation_demo.moderator())
        outcomes_demo.load(stdout=out)
        first = counts()
        delegation_demo.load(stdout=out)
        outcomes_demo.load(stdout=out)
    assert counts() == first

    delegation = Delegation.objects.get(event__title_ru=delegation_demo.TITLE_RU)
    event = delegation.event
    assert event.kind == EventKind.DELEGATION_VISIT and event.status == EventStatus.COMPLETED
    assert event.starts_at.year == 2025 and event.country_id == "RU"
    assert [h.name_ru for h in delegation.hosts.all()] == ["Общественная палата Российской Федерации"]
    visitors = list(delegation.visitors.all())
    assert 3 <= len(visitors) <= 4 and all(org.country_id == "KZ" for org in visitors)
    assert "ГАК" in {org.short_name for org in visitors}
    members = list(delegation.members.select_related("person"))
    assert members[0].role == DelegationRole.HEAD and members[0].person.full_name_ru == "Бану Нургазиева"
    assert len(members) >= 3 and delegation.visits.count() >= 4

    forum = outcomes_demo.xii_forum()
    assert forum.outcome.published_at is not None and forum.outcome.summary_kk
    statuses = set(Commitment.objects.filter(event=forum).values_list("status", flat=True))
    assert statuses == set(CommitmentStatus.values)
    assert any(c.is_overdue for c in Commitment.objects.filter(event=forum))
    assert Commitment.objects.filter(event__kind=EventKind.ROUND_TABLE).count() == 2
