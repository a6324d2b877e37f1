"""Overdue issues: the grouped list for coordinators, each organisation's own list, permissions, query counts, and
the daily digest — once per issue, to the responsible organisation's people only."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.appeals.choices import AppealStatus
from civicbridge.appeals.selectors.overdue import overdue_groups, overdue_of
from civicbridge.appeals.tasks import send_overdue_digests, send_overdue_digests_task
from civicbridge.registry.tests.factories import OrganisationFactory

from .factories import AppealFactory, person_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NOW = datetime.datetime(2026, 11, 20, 2, 30, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def due(organisation, when, **fields):
    return AppealFactory(responsible=organisation, due_at=when, **fields)


class TestSelectors:
    def test_groups_count_open_overdue_issues_oldest_first(self, org, other_org):
        due(org, NOW - 2 * DAY)
        due(org, NOW - DAY)
        due(other_org, NOW - 5 * DAY, status=AppealStatus.IN_PROGRESS)
        due(other_org, NOW + DAY)  # not yet due
        due(other_org, NOW - 9 * DAY, status=AppealStatus.ANSWERED, answered_at=NOW)  # answered
        due(other_org, NOW - 9 * DAY, status=AppealStatus.DECLINED)  # declined (or merged)
        AppealFactory(due_at=NOW - 3 * DAY)  # not routed
        rows = overdue_groups(NOW)
        assert [(row["responsible_id"], row["count"]) for row in rows] == [(other_org.pk, 1), (None, 1), (org.pk, 2)]
        assert rows[0]["oldest"] == NOW - 5 * DAY
        assert [a.due_at for a in overdue_of([org.pk], NOW)] == [NOW - 2 * DAY, NOW - DAY]
        assert overdue_of([None], NOW).count() == 1


class TestPages:
    def test_coordinator_sees_every_organisation(self, client, org, other_org, django_assert_max_num_queries):
        for n in range(3):
            due(org, timezone.now() - (n + 1) * DAY)
            due(OrganisationFactory(), timezone.now() - DAY)
        AppealFactory(due_at=timezone.now() - DAY)
        client.force_login(person_of(other_org, Role.COORDINATOR))
        with django_assert_max_num_queries(6):
            response = client.get(reverse("appeals:overdue"))
        html = response.content.decode()
        assert response.status_code == 200
        assert reverse("appeals:overdue-organisation", args=[org.pk]) in html and org.name in html
        assert reverse("appeals:overdue-unrouted") in html
        assert html.count('<th scope="row"') == 5  # org, three others, the unrouted

    def test_an_organisation_sees_only_its_own(self, client, org, other_org, django_assert_max_num_queries):
        mine = [due(org, timezone.now() - (n + 1) * DAY) for n in range(4)]
        theirs = due(other_org, timezone.now() - DAY)
        official = person_of(org, Role.OFFICIAL)
        client.force_login(official)
        response = client.get(reverse("appeals:overdue"))
        assert response.status_code == 302 and response.url == reverse("appeals:overdue-organisation", args=[org.pk])
        with django_assert_max_num_queries(7):
            html = client.get(response.url).content.decode()
        assert all(appeal.get_absolute_url() in html for appeal in mine)
        assert theirs.get_absolute_url() not in html
        assert client.get(reverse("appeals:overdue-organisation", args=[other_org.pk])).status_code == 403
        assert client.get(reverse("appeals:overdue-unrouted")).status_code == 403

    def test_someone_who_answers_for_nobody_is_refused(self, client, citizen):
        client.force_login(citizen)
        assert client.get(reverse("appeals:overdue")).status_code == 403
        client.logout()
        assert client.get(reverse("appeals:overdue")).status_code == 302


class TestDigest:
    def test_each_issue_is_told_once_and_a_missed_day_is_caught_up(
        self, org, other_org, mailoutbox, django_capture_on_commit_callbacks
    ):
        person_of(org, Role.OFFICIAL, email="official@example.org", language="en")
        person_of(org, Role.REPRESENTATIVE, email="rep@example.org", language="en")
        person_of(other_org, Role.REPRESENTATIVE, email="other@example.org")
        first = due(org, NOW - DAY, title="Яма на дороге")
        old = due(org, NOW - 5 * DAY, title="Старая")  # the job did not run that day: caught up now
        due(org, NOW - DAY, title="Отвечено", status=AppealStatus.ANSWERED, answered_at=NOW)
        due(org, NOW + datetime.timedelta(hours=6), title="Завтра")  # not yet overdue
        with django_capture_on_commit_callbacks(execute=True):
            assert send_overdue_digests(NOW) == 1
        assert sorted(mail.to[0] for mail in mailoutbox) == ["official@example.org", "rep@example.org"]
        body = mailoutbox[0].body
        assert f"No. {first.pk}" in body and "Яма на дороге" in body and "Старая" in body
        assert "Отвечено" not in body and "Завтра" not in body
        assert reverse("appeals:overdue-organisation", args=[org.pk]) in body
        first.refresh_from_db()
        old.refresh_from_db()
        assert first.overdue_notified_at == NOW and old.overdue_notified_at == NOW
        with django_capture_on_commit_callbacks(execute=True):
            assert send_overdue_digests(NOW + datetime.timedelta(hours=3)) == 0  # a second run: nothing new
        assert len(mailoutbox) == 2
        with django_capture_on_commit_callbacks(execute=True):
            assert send_overdue_digests(NOW + DAY) == 1  # the next day: only "Завтра"
        assert "Завтра" in mailoutbox[-1].body and "Яма на дороге" not in mailoutbox[-1].body

    def test_two_runs_send_once(self, org, mailoutbox, django_capture_on_commit_callbacks):
        person_of(org, Role.OFFICIAL, email="official@example.org", language="en")
        due(org, NOW - DAY)
        with django_capture_on_commit_callbacks(execute=True):
            assert [send_overdue_digests(NOW), send_overdue_digests(NOW)] == [1, 0]
        assert len(mailoutbox) == 1

    def test_an_organisation_with_nobody_to_tell_is_stamped(self, org):
        appeal = due(org, NOW - DAY)
        assert send_overdue_digests(NOW) == 0
        appeal.refresh_from_db()
        assert appeal.overdue_notified_at == NOW

    def test_an_issue_routed_late_is_told_when_routed(self, org, mailoutbox, django_capture_on_commit_callbacks):
        person_of(org, Role.OFFICIAL, email="official@example.org", language="en")
        appeal = AppealFactory(due_at=NOW - 3 * DAY)
        assert send_overdue_digests(NOW) == 0
        appeal.responsible = org
        appeal.save(update_fields=["responsible"])
        with django_capture_on_commit_callbacks(execute=True):
            assert send_overdue_digests(NOW + DAY) == 1
        assert f"No. {appeal.pk}" in mailoutbox[0].body

    def test_the_task_runs_with_nothing_to_say(self):
        assert send_overdue_digests_task.delay().get() == 0
