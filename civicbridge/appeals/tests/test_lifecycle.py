"""The lifecycle through core.workflow: who may take each step, what each step records, the citizen's e-mails."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.appeals.choices import AppealStatus
from civicbridge.appeals.models import Appeal
from civicbridge.appeals.services import lifecycle
from civicbridge.appeals.tests.factories import AppealFactory, person_of
from civicbridge.core.workflow import WorkflowBypassError, actions_for, history_for
from civicbridge.notifications.models import Notification

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = AppealStatus


@pytest.fixture
def official(org):
    return person_of(org, Role.OFFICIAL, email="official@example.org")


@pytest.fixture
def appeal(org, citizen):
    return AppealFactory(responsible=org, author=citizen, due_at=timezone.now() + timezone.timedelta(days=10))


def test_the_whole_way_to_an_answer(appeal, official, citizen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.appeal_accept(appeal, actor=official)
        lifecycle.appeal_start(appeal, actor=official)
        lifecycle.appeal_answer(appeal, actor=official, answer="The road will be repaired in May.")
    appeal.refresh_from_db()
    assert appeal.status == S.ANSWERED
    assert appeal.accepted_at is not None and appeal.answered_at is not None
    assert appeal.answer == "The road will be repaired in May."
    assert appeal.answered_by_organisation_id == appeal.responsible_id
    assert [h.action for h in history_for(appeal)] == ["accept", "start", "answer"]
    notices = Notification.objects.filter(recipient=citizen, event="appeals.status_changed").order_by("id")
    assert notices.count() == 3
    assert "repaired in May" in notices.last().body
    assert reverse("appeals:manage", args=[appeal.pk]) in notices.last().body  # where to say "not resolved"


def test_an_answer_needs_its_text(appeal, official):
    lifecycle.appeal_accept(appeal, actor=official)
    with pytest.raises(ValidationError) as refused:
        lifecycle.appeal_answer(appeal, actor=official, answer="  ")
    assert "answer" in refused.value.message_dict
    appeal.refresh_from_db()
    assert appeal.status == S.ACCEPTED and appeal.answered_at is None and appeal.answer == ""


def test_declining_needs_a_reason(appeal, official):
    with pytest.raises(ValidationError):
        lifecycle.appeal_decline(appeal, actor=official, reason="")
    lifecycle.appeal_decline(appeal, actor=official, reason="Not within our competence")
    appeal.refresh_from_db()
    assert appeal.status == S.DECLINED
    assert history_for(appeal).get().reason == "Not within our competence"
    assert actions_for(appeal, official) == {}  # final


def test_only_the_responsible_party_handles_it(appeal, representative, other_org, citizen, moderator):
    outsider = person_of(other_org, Role.OFFICIAL)
    for actor in (outsider, citizen, moderator):
        with pytest.raises(PermissionDenied):
            lifecycle.appeal_accept(appeal, actor=actor)
    assert Appeal.objects.get(pk=appeal.pk).status == S.NEW


def test_an_unrouted_issue_cannot_be_accepted(official, org):
    appeal = AppealFactory(responsible=None)
    with pytest.raises((ValidationError, PermissionDenied)):
        lifecycle.appeal_accept(appeal, actor=official)


def test_skipping_steps_is_refused(appeal, official):
    with pytest.raises(ValidationError):
        lifecycle.appeal_start(appeal, actor=official)  # new → in progress is not an edge


def test_the_status_cannot_be_saved_around_the_workflow(appeal):
    appeal.status = S.ANSWERED
    with pytest.raises(WorkflowBypassError):
        appeal.save()


class TestReopen:
    @pytest.fixture
    def answered(self, appeal, official):
        lifecycle.appeal_accept(appeal, actor=official)
        lifecycle.appeal_answer(appeal, actor=official, answer="Done.")
        appeal.refresh_from_db()
        return appeal

    def test_the_author_says_not_resolved(self, answered, citizen, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            lifecycle.appeal_reopen(answered, actor=citizen, reason="The hole is still there.")
        answered.refresh_from_db()
        assert answered.status == S.IN_PROGRESS
        assert answered.reopened_count == 1 and answered.answered_at is None
        assert Notification.objects.filter(recipient=citizen, event="appeals.status_changed").exists()

    def test_a_reason_is_required(self, answered, citizen):
        with pytest.raises(ValidationError):
            lifecycle.appeal_reopen(answered, actor=citizen, reason="")

    def test_only_the_author(self, answered, official, moderator):
        for actor in (official, moderator):
            with pytest.raises(PermissionDenied):
                lifecycle.appeal_reopen(answered, actor=actor, reason="no")
        assert "reopen" not in actions_for(answered, official)

    def test_the_count_grows_and_it_can_be_answered_again(self, answered, citizen, official):
        lifecycle.appeal_reopen(answered, actor=citizen, reason="no")
        lifecycle.appeal_answer(answered, actor=official, answer="Now really done.")
        answered.refresh_from_db()
        lifecycle.appeal_reopen(answered, actor=citizen, reason="still no")
        answered.refresh_from_db()
        assert answered.reopened_count == 2


class TestWhoIsTold:
    def test_the_consented_contact_address_first(self, org, official, django_capture_on_commit_callbacks):
        appeal = AppealFactory(
            responsible=org,
            contact_consent_at=timezone.now(),
            contact_email="aigul@example.kz",
            language="en",
        )
        with django_capture_on_commit_callbacks(execute=True):
            lifecycle.appeal_accept(appeal, actor=official)
        assert [m.to for m in mail.outbox] == [["aigul@example.kz"]]
        assert f"No. {appeal.pk}" in mail.outbox[0].subject

    def test_the_author_account_without_consent(self, appeal, official, citizen, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            lifecycle.appeal_accept(appeal, actor=official)
        assert Notification.objects.filter(recipient=citizen).count() == 1

    def test_nobody_when_neither(self, org, official, django_capture_on_commit_callbacks):
        appeal = AppealFactory(responsible=org)
        with django_capture_on_commit_callbacks(execute=True):
            lifecycle.appeal_accept(appeal, actor=official)
        assert mail.outbox == []
        assert not Notification.objects.exists()
