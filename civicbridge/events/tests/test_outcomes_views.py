"""Outcome pages: the public report and its commitments, the organisers' report page (publish refused while a
language is missing), the public "Commitments" list with its filters and fixed query count, a commitment's page with
the workflow buttons for the responsible organisation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civicbridge.events.choices import CommitmentStatus, EventStatus
from civicbridge.events.models import Commitment, Event
from civicbridge.events.selectors.outcomes import attach_outcomes
from civicbridge.events.services import outcomes as services
from civicbridge.registry.tests.factories import OrganisationFactory

from .test_outcomes_services import commit, editor, make_event

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def event(org):
    return make_event(org, languages=("ru", "en"))


class TestReportPages:
    def test_draft_report_only_for_organisers(self, client, event, representative, citizen):
        services.outcome_save(actor=representative, event=event, fields={"summary_ru": "Черновик итогов"})
        url = reverse("events:outcome", args=[event.pk])
        client.force_login(citizen)
        assert "Черновик итогов" not in client.get(url).content.decode()
        client.force_login(representative)
        text = client.get(url).content.decode()
        assert "Черновик итогов" in text and "only the organisers see it" in text

    def test_empty_page_invites_organisers(self, client, event, representative, citizen):
        url = reverse("events:outcome", args=[event.pk])
        client.force_login(citizen)
        text = client.get(url).content.decode()
        assert "No outcomes are published for this event yet." in text and "Write the closing report" not in text
        client.force_login(representative)
        text = client.get(url).content.decode()
        assert "Write the closing report" in text and "Add a resolution or commitment" in text

    def test_write_and_publish(self, client, event, representative, org):
        client.force_login(representative)
        edit = reverse("events:outcome-edit", args=[event.pk])
        assert client.get(edit).status_code == 200
        response = client.post(
            edit,
            {"original_language": "ru", "summary_ru": "Итоги форума", "organisations_present": str(org.pk)},
        )
        assert response.status_code == 302
        page = client.get(edit).content.decode()
        assert "Missing:" in page and "English" in page and "Publish the closing report" not in page
        # Publishing anyway is refused with the reason.
        response = client.post(reverse("events:outcome-action", args=[event.pk, "publish"]), follow=True)
        assert "Write the summary in every language of the event first: English." in response.content.decode()
        client.post(edit, {"original_language": "ru", "summary_ru": "Итоги форума", "summary_en": "Forum results"})
        response = client.post(reverse("events:outcome-action", args=[event.pk, "publish"]), follow=True)
        assert "The closing report is published." in response.content.decode()
        assert event.outcome.published_at is not None

    def test_bad_attendance_shown(self, client, event, representative):
        client.force_login(representative)
        response = client.post(
            reverse("events:outcome-edit", args=[event.pk]), {"original_language": "ru", "attendance": "-3"}
        )
        assert response.status_code == 400

    def test_strangers_cannot_edit(self, client, event, citizen):
        client.force_login(citizen)
        assert client.get(reverse("events:outcome-edit", args=[event.pk])).status_code == 403
        assert client.post(reverse("events:outcome-action", args=[event.pk, "publish"])).status_code in (403, 404)

    def test_panel_queries(self, event, representative, org, citizen, django_assert_num_queries):
        services.outcome_save(actor=representative, event=event, fields={"summary_ru": "x", "summary_en": "y"})
        for _ in range(4):
            commit(representative, event, OrganisationFactory())
        fresh = Event.objects.get(pk=event.pk)
        with django_assert_num_queries(4):  # report, organisations present, commitments, the user's roles
            attach_outcomes(fresh, citizen)
            assert getattr(fresh, "outcome", None) is None  # not published
            assert [c.responsible.name for c in fresh.commitment_rows]

    def test_published_report_is_public(self, client, event, representative, other_org):
        outcome = services.outcome_save(
            actor=representative,
            event=event,
            fields={"summary_ru": "Итоги", "summary_en": "Results"},
            organisations_present=[other_org],
            attendance=120,
        )
        services.outcome_publish(actor=representative, outcome=outcome)
        text = client.get(reverse("events:outcome", args=[event.pk])).content.decode()
        assert "Results" in text and "120" in text and str(other_org.name) in text


class TestCommitmentPages:
    def test_create_page(self, client, event, representative, other_org):
        client.force_login(representative)
        url = reverse("events:commitment-create", args=[event.pk])
        assert client.get(url).status_code == 200
        response = client.post(
            url,
            {
                "kind": "commitment",
                "original_language": "ru",
                "text_ru": "Провести семинар",
                "responsible": other_org.pk,
                "due_on": (timezone.localdate() + timedelta(days=20)).isoformat(),
            },
        )
        assert response.status_code == 302
        assert Commitment.objects.get().responsible == other_org
        response = client.post(
            url, {"kind": "commitment", "original_language": "ru", "text_ru": "Без даты", "responsible": other_org.pk}
        )
        assert response.status_code == 400 and "A commitment needs the date it is due." in response.content.decode()

    def test_responsible_moves_it_and_drop_needs_reason(self, client, event, representative, other_org):
        commitment = commit(representative, event, other_org)
        client.force_login(editor(other_org))
        page = client.get(commitment.get_absolute_url()).content.decode()
        assert "Start" in page and "Drop" in page and "Change the text" not in page
        client.post(reverse("events:commitment-action", args=[commitment.pk, "start"]))
        commitment.refresh_from_db()
        assert commitment.status == CommitmentStatus.IN_PROGRESS
        response = client.post(reverse("events:commitment-action", args=[commitment.pk, "drop"]), follow=True)
        assert "Give a reason" in response.content.decode()
        client.post(reverse("events:commitment-action", args=[commitment.pk, "drop"]), {"reason": "Нет средств"})
        commitment.refresh_from_db()
        assert commitment.status == CommitmentStatus.DROPPED
        page = client.get(commitment.get_absolute_url()).content.decode()
        assert "Нет средств" in page and "in progress → <strong>dropped</strong>" in page

    def test_stranger_sees_no_buttons_and_is_refused(self, client, event, representative, citizen):
        commitment = commit(representative, event, OrganisationFactory())
        client.force_login(citizen)
        page = client.get(commitment.get_absolute_url()).content.decode()
        assert "Update the status" not in page
        client.post(reverse("events:commitment-action", args=[commitment.pk, "start"]))
        commitment.refresh_from_db()
        assert commitment.status == CommitmentStatus.PLANNED

    def test_edit_and_delete(self, client, event, representative, org):
        commitment = commit(representative, event, org)
        client.force_login(representative)
        url = reverse("events:commitment-edit", args=[commitment.pk])
        assert client.get(url).status_code == 200
        response = client.post(
            url,
            {
                "kind": "resolution",
                "original_language": "ru",
                "text_ru": "Рекомендовать",
                "responsible": org.pk,
            },
        )
        assert response.status_code == 302
        commitment.refresh_from_db()
        assert commitment.kind == "resolution" and commitment.due_on is None
        client.post(url, {"delete": "1"})
        assert not Commitment.objects.exists()

    def test_draft_event_commitment_is_hidden(self, client, event, representative, org):
        commitment = commit(representative, event, org)
        Event.objects.filter(pk=event.pk).update(status=EventStatus.DRAFT)
        assert client.get(commitment.get_absolute_url()).status_code == 404


class TestCommitmentList:
    def test_filters(self, client, event, representative, org, other_org):
        today = timezone.localdate()
        late = commit(representative, event, other_org, fields={"text_ru": "Просрочено"}, due_on=today - timedelta(1))
        commit(representative, event, org, fields={"text_ru": "В срок"})
        url = reverse("events:commitments")
        text = client.get(url).content.decode()
        assert "Просрочено" in text and "В срок" in text and "Overdue" in text
        assert "How far they have come" in text and '?overdue=on">1</a>' in text
        text = client.get(url, {"overdue": "on"}).content.decode()
        assert "Просрочено" in text and "В срок" not in text
        text = client.get(url, {"responsible": org.pk}).content.decode()
        assert "Просрочено" not in text and "В срок" in text and str(org.name) in text
        text = client.get(url, {"status": "done"}).content.decode()
        assert "No commitments match your filters." in text
        assert client.get(url, {"status": "bogus"}).status_code == 200
        assert late.is_overdue

    def test_query_count_does_not_grow(self, client, representative, org, django_assert_max_num_queries):
        url = reverse("events:commitments")
        event = make_event(org)
        for _ in range(3):
            commit(representative, event, OrganisationFactory())
        with django_assert_max_num_queries(10) as few:
            client.get(url)
        for _ in range(3):
            other = make_event(org)
            for _ in range(5):
                commit(representative, other, OrganisationFactory())
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(url)
        assert "18 resolutions and commitments found" in response.content.decode()

    def test_paginated(self, client, representative, org):
        event = make_event(org)
        for i in range(25):
            commit(representative, event, org, fields={"text_ru": f"Пункт {i:02d}"})
        first = client.get(reverse("events:commitments")).content.decode()
        second = client.get(reverse("events:commitments"), {"page": 2}).content.decode()
        assert first.count("Пункт ") == 20 and second.count("Пункт ") == 5


def test_every_page_renders_in_russian(org, representative):
    """The default language: every page of delegations and outcomes renders for an organiser."""
    from django.test import Client

    from .test_delegations import full_delegation

    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    client.force_login(representative)
    visit = full_delegation(org, representative, members=1, visits=1)
    event = make_event(org)
    commitment = commit(representative, event, org)
    urls = [
        reverse("events:delegations"),
        reverse("events:delegation", args=[visit.pk]),
        reverse("events:delegation-edit", args=[visit.pk]),
        reverse("events:delegation-visit-edit", args=[visit.pk, visit.delegation.visits.get().pk]),
        reverse("events:outcome", args=[event.pk]),
        reverse("events:outcome-edit", args=[event.pk]),
        reverse("events:commitment-create", args=[event.pk]),
        reverse("events:commitments"),
        reverse("events:commitment", args=[commitment.pk]),
        reverse("events:commitment-edit", args=[commitment.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'lang="ru"' in response.content.decode(), url
