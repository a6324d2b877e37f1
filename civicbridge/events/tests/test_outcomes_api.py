"""API of delegations, closing reports and commitments: reads, organisers' writes, status actions, permissions,
filters, drafts hidden, fixed query counts of the lists."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from civicbridge.events.choices import CommitmentStatus, EventStatus
from civicbridge.events.models import Commitment, Event, Outcome
from civicbridge.events.services import outcomes as services
from civicbridge.registry.tests.factories import OrganisationFactory

from .test_delegations import full_delegation, visit_event
from .test_outcomes_services import commit, editor, make_event

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
BASE = "/api/v1/events"


def api(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


class TestDelegations:
    def test_list_and_detail(self, org, representative):
        event = full_delegation(org, representative, members=2, visits=2)
        visit_event(org, status=EventStatus.DRAFT)
        rows = api().get(f"{BASE}/delegations/").json()["results"]
        assert [row["event"] for row in rows] == [event.pk]
        detail = api().get(f"{BASE}/delegations/{rows[0]['id']}/").json()
        assert len(detail["members"]) == 2 and len(detail["visits"]) == 2
        assert {h["country"] for h in detail["hosts"]} == {"RU"} and detail["purpose_ru"] == "Обмен опытом"
        assert api().get(f"{BASE}/delegations/", {"host_country": "KZ"}).json()["count"] == 0
        assert api().get(f"{BASE}/delegations/", {"visitor_country": "KZ"}).json()["count"] == 1
        assert api().get(f"{BASE}/delegations/", {"host_country": "ZZZ"}).status_code == 400

    def test_read_only(self, org, representative):
        assert api(representative).post(f"{BASE}/delegations/", {}).status_code == 405

    def test_list_queries_fixed(self, org, representative, django_assert_max_num_queries):
        full_delegation(org, representative, members=1, visits=1)
        with django_assert_max_num_queries(12) as few:
            api().get(f"{BASE}/delegations/")
        for _ in range(3):
            full_delegation(org, representative, members=3, visits=3)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert api().get(f"{BASE}/delegations/").json()["count"] == 4


class TestOutcomes:
    def test_write_publish_read(self, org, representative, other_org):
        event = make_event(org, languages=("ru", "kk"))
        client = api(representative)
        response = client.post(
            f"{BASE}/outcomes/",
            {"event": event.pk, "summary_ru": "Итоги", "organisations_present": [other_org.pk]},
            format="json",
        )
        assert response.status_code == 201, response.json()
        outcome_id = response.json()["id"]
        assert api().get(f"{BASE}/outcomes/{outcome_id}/").status_code == 404  # a draft
        assert api().get(f"{BASE}/outcomes/").json()["count"] == 0
        refused = client.post(f"{BASE}/outcomes/{outcome_id}/publish/")
        assert refused.status_code == 400 and "summary_kk" in refused.json()["errors"]
        again = client.post(f"{BASE}/outcomes/", {"event": event.pk, "summary_kk": "Қорытынды"}, format="json")
        assert again.status_code == 200 and again.json()["id"] == outcome_id
        published = client.post(f"{BASE}/outcomes/{outcome_id}/publish/")
        assert published.status_code == 200 and published.json()["published_at"] and published.json()["attendance"] == 0
        public = api().get(f"{BASE}/outcomes/", {"event": event.pk}).json()["results"]
        assert public[0]["summary_kk"] == "Қорытынды" and public[0]["organisations_present"][0]["id"] == other_org.pk

    def test_an_attendance_beyond_the_columns_range_is_a_clear_refusal(self, org, representative):
        event = make_event(org)
        too_many = {"event": event.pk, "summary_ru": "Итоги", "attendance": 2_147_483_648}
        response = api(representative).post(f"{BASE}/outcomes/", too_many, format="json")
        assert response.status_code == 400 and "attendance" in response.json()["errors"]
        assert not Outcome.objects.filter(event=event).exists()  # nothing saved

    def test_strangers_refused(self, org, citizen):
        event = make_event(org)
        assert api().post(f"{BASE}/outcomes/", {"event": event.pk}, format="json").status_code == 401
        assert api(citizen).post(f"{BASE}/outcomes/", {"event": event.pk}, format="json").status_code == 403

    def test_draft_event_is_not_found(self, org, citizen):
        event = make_event(org, status=EventStatus.DRAFT)
        assert api(citizen).post(f"{BASE}/outcomes/", {"event": event.pk}, format="json").status_code == 404


class TestCommitments:
    def test_record_and_move(self, org, other_org, representative, django_capture_on_commit_callbacks):
        event = make_event(org)
        due = (timezone.localdate() + timedelta(days=10)).isoformat()
        client = api(representative)
        response = client.post(
            f"{BASE}/commitments/",
            {"event": event.pk, "text_ru": "Провести обучение", "responsible": other_org.pk, "due_on": due},
            format="json",
        )
        assert response.status_code == 201, response.json()
        pk = response.json()["id"]
        assert response.json()["status"] == "planned" and response.json()["overdue"] is False
        responsible = api(editor(other_org))
        assert responsible.patch(f"{BASE}/commitments/{pk}/", {"note": "x"}, format="json").status_code == 403
        assert responsible.post(f"{BASE}/commitments/{pk}/start/").json()["status"] == "in_progress"
        refused = responsible.post(f"{BASE}/commitments/{pk}/drop/", {}, format="json")
        assert refused.status_code == 400 and "reason" in refused.json()["errors"]
        done = responsible.post(f"{BASE}/commitments/{pk}/complete/", {}, format="json").json()
        assert done["status"] == "done" and done["done_on"] == timezone.localdate().isoformat()
        assert api().post(f"{BASE}/commitments/{pk}/reopen/").status_code == 401
        changed = client.patch(f"{BASE}/commitments/{pk}/", {"note": "Отчёт на сайте"}, format="json")
        assert changed.status_code == 200 and changed.json()["note"] == "Отчёт на сайте"

    def test_bad_input(self, org, representative):
        event = make_event(org)
        response = api(representative).post(
            f"{BASE}/commitments/", {"event": event.pk, "text_ru": "x", "responsible": org.pk}, format="json"
        )
        assert response.status_code == 400 and "due_on" in response.json()["errors"]
        assert not Commitment.objects.exists()

    def test_list_filters(self, org, other_org, representative):
        event = make_event(org)
        today = timezone.localdate()
        late = commit(representative, event, other_org, due_on=today - timedelta(days=3))
        ontime = commit(representative, event, org)
        services.commitment_act(actor=representative, commitment=ontime, action="start")
        client = api()

        def ids(**params):
            return [row["id"] for row in client.get(f"{BASE}/commitments/", params).json()["results"]]

        assert set(ids()) == {late.pk, ontime.pk}
        assert ids(overdue="true") == [late.pk]
        assert ids(responsible=org.pk) == [ontime.pk]
        assert ids(status=CommitmentStatus.IN_PROGRESS) == [ontime.pk]
        assert (
            ids(event=event.pk, kind="commitment")
            and client.get(f"{BASE}/commitments/", {"status": "x"}).status_code == 400
        )
        row = client.get(f"{BASE}/commitments/{late.pk}/").json()
        assert row["overdue"] is True and row["responsible"]["id"] == other_org.pk
        Event.objects.filter(pk=event.pk).update(status=EventStatus.DRAFT)
        assert ids() == [] and client.get(f"{BASE}/commitments/{late.pk}/").status_code == 404
        assert api(representative).get(f"{BASE}/commitments/{late.pk}/").status_code == 200  # its organiser

    def test_list_queries_fixed(self, org, representative, django_assert_max_num_queries):
        event = make_event(org)
        commit(representative, event, OrganisationFactory())
        with django_assert_max_num_queries(6) as few:
            api().get(f"{BASE}/commitments/")
        for _ in range(10):
            commit(representative, make_event(org), OrganisationFactory())
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert api().get(f"{BASE}/commitments/").json()["count"] == 11
