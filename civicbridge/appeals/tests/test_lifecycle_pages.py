"""The responsible party's pages: "our issues" (overdue first, filtered, constant queries) and one issue's manage page
(private detail, contacts only with consent and only to the responsible party and coordinators, the buttons)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.appeals.choices import AppealStatus
from civicbridge.appeals.models import Appeal
from civicbridge.appeals.selectors.work import overdue_q
from civicbridge.appeals.tests.factories import AppealFactory, person_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = AppealStatus


@pytest.fixture
def official(org):
    return person_of(org, Role.OFFICIAL, email="official@example.org")


def days(n):
    return timezone.now() + timezone.timedelta(days=n)


class TestWorkQueue:
    def test_our_open_issues_overdue_first(self, client, official, org, other_org):
        later = AppealFactory(responsible=org, due_at=days(10), title="Later")
        soon = AppealFactory(responsible=org, due_at=days(2), title="Soon")
        late = AppealFactory(responsible=org, due_at=days(-3), status=S.ACCEPTED, title="Late")
        AppealFactory(responsible=org, due_at=days(-9), status=S.DECLINED, title="Declined")
        AppealFactory(responsible=other_org, due_at=days(-9), title="Theirs")
        client.force_login(official)
        response = client.get(reverse("appeals:work"))
        assert [a.title for a in response.context["page_obj"]] == [late.title, soon.title, later.title]
        page = response.content.decode()
        assert "overdue" in page and "Theirs" not in page

    def test_filters(self, client, official, org):
        AppealFactory(responsible=org, due_at=days(-3), title="Late")
        AppealFactory(responsible=org, due_at=days(3), title="On time")
        AppealFactory(responsible=org, status=S.ANSWERED, answered_at=timezone.now(), title="Done")
        client.force_login(official)
        titles = lambda **q: [a.title for a in client.get(reverse("appeals:work"), q).context["page_obj"]]  # noqa: E731
        assert titles(status="answered") == ["Done"]
        assert titles(overdue="on") == ["Late"]

    def test_the_number_of_queries_does_not_grow_with_the_list(
        self, client, official, org, django_assert_max_num_queries
    ):
        AppealFactory.create_batch(3, responsible=org, due_at=days(1))
        client.force_login(official)
        client.get(reverse("appeals:work"))  # warm caches (content types, session)
        with django_assert_max_num_queries(12) as few:
            client.get(reverse("appeals:work"))
        AppealFactory.create_batch(17, responsible=org, due_at=days(1))
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(reverse("appeals:work"))
        assert len(response.context["page_obj"]) == 20

    def test_for_people_who_answer_only(self, client, citizen):
        client.force_login(citizen)
        assert client.get(reverse("appeals:work")).status_code == 403

    def test_overdue_q_matches_the_property(self, org):
        AppealFactory(responsible=org, due_at=days(-1))
        AppealFactory(responsible=org, due_at=days(1))
        AppealFactory(responsible=org, due_at=days(-1), status=S.ANSWERED, answered_at=timezone.now())
        AppealFactory(responsible=org, due_at=None)
        assert [a.pk for a in Appeal.objects.filter(overdue_q())] == [
            a.pk for a in Appeal.objects.all() if a.is_overdue
        ]
        assert Appeal.objects.filter(overdue_q()).count() == 1


class TestManagePage:
    @pytest.fixture
    def appeal(self, org, citizen):
        return AppealFactory(
            responsible=org,
            author=citizen,
            due_at=days(5),
            contact_consent_at=timezone.now(),
            contact_email="aigul@example.kz",
            contact_phone="+7 701 111 22 33",
        )

    def test_the_responsible_party_sees_contacts_and_buttons(self, client, official, appeal):
        client.force_login(official)
        page = client.get(reverse("appeals:manage", args=[appeal.pk])).content.decode()
        assert "aigul@example.kz" in page and "+7 701 111 22 33" in page
        assert reverse("appeals:act", args=[appeal.pk, "accept"]) in page
        assert reverse("appeals:act", args=[appeal.pk, "decline"]) in page
        assert reverse("appeals:transfer", args=[appeal.pk]) in page

    def test_a_coordinator_sees_contacts_the_author_sees_the_page_without_staff_buttons(
        self, client, appeal, other_org, citizen
    ):
        coordinator = person_of(other_org, Role.COORDINATOR)
        client.force_login(coordinator)
        assert "aigul@example.kz" in client.get(reverse("appeals:manage", args=[appeal.pk])).content.decode()
        client.force_login(citizen)
        page = client.get(reverse("appeals:manage", args=[appeal.pk])).content.decode()
        assert "aigul@example.kz" not in page
        assert reverse("appeals:act", args=[appeal.pk, "accept"]) not in page

    def test_no_contacts_without_consent(self, client, official, org):
        appeal = AppealFactory(responsible=org)
        client.force_login(official)
        page = client.get(reverse("appeals:manage", args=[appeal.pk])).content.decode()
        assert 'id="contacts"' not in page

    def test_others_are_refused(self, client, appeal, other_org):
        client.force_login(person_of(other_org, Role.OFFICIAL))
        assert client.get(reverse("appeals:manage", args=[appeal.pk])).status_code == 403

    def test_answering_without_text_comes_back_with_the_reason(self, client, official, appeal):
        client.force_login(official)
        client.post(reverse("appeals:act", args=[appeal.pk, "accept"]))
        page = client.get(reverse("appeals:manage", args=[appeal.pk])).content.decode()
        assert reverse("appeals:act", args=[appeal.pk, "answer"]) in page  # offered, though no answer is written yet
        response = client.post(reverse("appeals:act", args=[appeal.pk, "answer"]), {"text": ""})
        assert response.status_code == 400
        page = response.content.decode()
        assert "Write the answer" in page
        response = client.post(reverse("appeals:act", args=[appeal.pk, "answer"]), {"text": "Repaired."})
        assert response.status_code == 302
        assert Appeal.objects.get(pk=appeal.pk).status == S.ANSWERED

    def test_the_author_reopens(self, client, official, appeal, citizen):
        client.force_login(official)
        client.post(reverse("appeals:act", args=[appeal.pk, "accept"]))
        client.post(reverse("appeals:act", args=[appeal.pk, "answer"]), {"text": "Repaired."})
        client.force_login(citizen)
        page = client.get(reverse("appeals:manage", args=[appeal.pk])).content.decode()
        assert reverse("appeals:act", args=[appeal.pk, "reopen"]) in page
        client.post(reverse("appeals:act", args=[appeal.pk, "reopen"]), {"text": "Still broken."})
        appeal.refresh_from_db()
        assert (appeal.status, appeal.reopened_count) == (S.IN_PROGRESS, 1)

    def test_a_stranger_cannot_act(self, client, appeal, other_org):
        client.force_login(person_of(other_org, Role.OFFICIAL))
        assert client.post(reverse("appeals:act", args=[appeal.pk, "accept"])).status_code == 403
        assert Appeal.objects.get(pk=appeal.pk).status == S.NEW

    def test_passing_on_from_the_page(self, client, official, appeal, other_org):
        client.force_login(official)
        url = reverse("appeals:transfer", args=[appeal.pk])
        assert client.post(url, {"organisation": other_org.pk, "reason": ""}).status_code == 400
        response = client.post(url, {"organisation": other_org.pk, "reason": "Their competence"})
        assert response.status_code == 302 and response.url == reverse("appeals:work")
        assert Appeal.objects.get(pk=appeal.pk).responsible == other_org
