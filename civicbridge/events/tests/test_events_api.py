"""API of events and registrations: lists (query count), detail with the programme, register / cancel / check-in,
the organisers' list of registrations, and the codes shown only to their owner."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.events.choices import SpeakerRole
from civicbridge.events.models import Registration, Speaker
from civicbridge.registry.tests.factories import OrganisationFactory, PositionFactory, RussianOrganisationFactory

from .factories import EventFactory, PublishedEventFactory, QuestionFactory, SessionFactory

pytestmark = [pytest.mark.django_db]
BASE = "/api/v1/events"


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_list_is_public_without_drafts_and_its_query_count_is_flat(django_assert_max_num_queries):
    organisers = [OrganisationFactory(), RussianOrganisationFactory()]
    for _ in range(20):
        PublishedEventFactory(organisers=organisers)
    EventFactory()
    with django_assert_max_num_queries(6):
        response = client_for().get(f"{BASE}/events/")
    assert response.status_code == 200 and response.data["count"] == 20
    first = response.data["results"][0]
    assert {o["id"] for o in first["organisers"]} == {o.pk for o in organisers}


def test_detail_has_the_programme_with_speakers_and_their_position_then():
    event = PublishedEventFactory()
    session = SessionFactory(event=event, title_ru="Пленарное заседание")
    position = PositionFactory()
    Speaker.objects.create(
        session=session,
        person=position.person,
        position=position,
        position_title="председатель",
        role=SpeakerRole.MODERATOR,
    )
    QuestionFactory(event=event)
    data = client_for().get(f"{BASE}/events/{event.pk}/").data
    [row] = data["sessions"]
    assert row["title"] == "Пленарное заседание"
    assert row["speakers"][0]["person"] == position.person.pk and row["speakers"][0]["role"] == "moderator"
    assert data["questions"][0]["kind"] == "yes_no"


def test_register_cancel_and_my_registrations():
    event = PublishedEventFactory(capacity=1)
    question = QuestionFactory(event=event)
    first, second = UserFactory(), UserFactory()
    assert client_for().post(f"{BASE}/events/{event.pk}/register/", {}, format="json").status_code == 401
    refused = client_for(first).post(f"{BASE}/events/{event.pk}/register/", {"answers": {}}, format="json")
    assert refused.status_code == 400 and f"question_{question.pk}" in refused.data["errors"]
    mine = client_for(first).post(
        f"{BASE}/events/{event.pk}/register/", {"answers": {str(question.pk): "yes"}}, format="json"
    )
    assert mine.status_code == 201 and mine.data["status"] == "confirmed" and len(mine.data["checkin_code"]) == 22
    queued = client_for(second).post(
        f"{BASE}/events/{event.pk}/register/", {"answers": {str(question.pk): "no"}}, format="json"
    )
    assert queued.data["status"] == "waitlisted" and queued.data["checkin_code"] is None
    assert client_for(second).get(f"{BASE}/registrations/{mine.data['id']}/").status_code == 404
    cancelled = client_for(first).post(f"{BASE}/registrations/{mine.data['id']}/cancel/")
    assert cancelled.status_code == 200 and cancelled.data["status"] == "cancelled"
    listing = client_for(second).get(f"{BASE}/registrations/").data
    assert [r["status"] for r in listing["results"]] == ["confirmed"]


def test_organisers_list_registrations_without_codes_and_check_in(representative, org):
    event = PublishedEventFactory(organisers=[org])
    participant = UserFactory()
    code = client_for(participant).post(f"{BASE}/events/{event.pk}/register/", {}, format="json").data["checkin_code"]
    assert client_for(participant).get(f"{BASE}/events/{event.pk}/registrations/").status_code == 403
    rows = client_for(representative).get(f"{BASE}/events/{event.pk}/registrations/").data["results"]
    assert rows[0]["email"] == participant.email and "checkin_code" not in rows[0]
    assert client_for(participant).post(f"{BASE}/events/{event.pk}/check-in/", {"code": code}).status_code == 403
    done = client_for(representative).post(f"{BASE}/events/{event.pk}/check-in/", {"code": code})
    assert done.status_code == 200 and done.data["already"] is False
    again = client_for(representative).post(f"{BASE}/events/{event.pk}/check-in/", {"code": code})
    assert again.data["already"] is True
    wrong = client_for(representative).post(f"{BASE}/events/{event.pk}/check-in/", {"code": "x" * 22})
    assert wrong.status_code == 400
    assert Registration.objects.get().checked_in_at is not None


def test_a_draft_is_not_found_for_the_public():
    assert client_for().get(f"{BASE}/events/{EventFactory().pk}/").status_code == 404
