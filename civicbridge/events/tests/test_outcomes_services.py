"""Closing reports and commitments: the services' rules and bad input, the commitments' workflow table, who may do
what, overdue flags, the e-mails to the responsible organisation and the reminders of commitments falling due."""

from __future__ import annotations

import datetime
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core.workflow import actions_for, history_for
from civicbridge.events.choices import CommitmentKind, CommitmentStatus, EventKind, EventStatus, RegistrationStatus
from civicbridge.events.models import Commitment, Event, EventOrganiser, Registration
from civicbridge.events.selectors.outcomes import commitment_counts, public_commitments
from civicbridge.events.services import outcomes as services
from civicbridge.events.workflow import COMMITMENT_WORKFLOW
from civicbridge.registry.models import Country
from civicbridge.registry.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def editor(org):
    user = UserFactory()
    MembershipFactory(user=user, role=Role.REPRESENTATIVE, organisation=org)
    return user


def make_event(organiser, *, status=EventStatus.COMPLETED, days_ago=3, languages=("ru",), kind=EventKind.FORUM):
    start = timezone.now() - timedelta(days=days_ago)
    event = Event.objects.create(
        kind=kind,
        status=status,
        title="XII Гражданский форум",
        title_ru="XII Гражданский форум",
        series_number=12 if kind == EventKind.FORUM else None,
        country=Country.objects.get(code="KZ"),
        starts_at=start,
        ends_at=start + timedelta(hours=8),
        languages=list(languages),
    )
    EventOrganiser.objects.create(event=event, organisation=organiser, is_lead=True)
    return event


def commit(actor, event, responsible, **kw):
    kw.setdefault("fields", {"text_ru": "Подготовить доклад"})
    kw.setdefault("due_on", timezone.localdate() + timedelta(days=30))
    return services.commitment_create(actor=actor, event=event, responsible=responsible, **kw)


class TestOutcome:
    def test_write_and_publish_with_checked_in_attendance(self, org, representative, other_org):
        event = make_event(org, languages=("ru", "kk"))
        for i in range(3):
            Registration.objects.create(
                event=event,
                name=f"P{i}",
                email=f"p{i}@example.org",
                checkin_code=f"code{i}",
                checked_in_at=event.starts_at,
            )
        Registration.objects.create(event=event, name="No", email="no@example.org", checkin_code="x")
        outcome = services.outcome_save(
            actor=representative,
            event=event,
            fields={"summary_ru": "Итоги", "summary_kk": "Қорытынды"},
            organisations_present=[org, other_org, org],
        )
        assert outcome.summary == "Итоги" and outcome.attendance is None
        assert set(outcome.organisations_present.all()) == {org, other_org}
        published = services.outcome_publish(actor=representative, outcome=outcome)
        assert published.published_at is not None and published.attendance == 3

    def test_publishing_refused_while_a_language_has_no_summary(self, org, representative):
        event = make_event(org, languages=("ru", "kk"))
        outcome = services.outcome_save(actor=representative, event=event, fields={"summary_ru": "Итоги"})
        with pytest.raises(ValidationError) as exc:
            services.outcome_publish(actor=representative, outcome=outcome)
        assert "summary_kk" in exc.value.message_dict and "Kazakh" in str(exc.value)
        outcome.refresh_from_db()
        assert outcome.published_at is None

    def test_attendance_given_is_kept(self, org, representative):
        event = make_event(org)
        outcome = services.outcome_save(actor=representative, event=event, fields={"summary_ru": "x"}, attendance=250)
        assert services.outcome_publish(actor=representative, outcome=outcome).attendance == 250

    def test_cancelled_checkins_do_not_count(self, org):
        event = make_event(org)
        Registration.objects.create(
            event=event, name="A", email="a@example.org", checkin_code="a", checked_in_at=event.starts_at
        )
        Registration.objects.create(
            event=event,
            name="B",
            email="b@example.org",
            checkin_code="b",
            checked_in_at=event.starts_at,
            status=RegistrationStatus.CANCELLED,
        )
        assert services.checked_in_count(event) == 1

    @pytest.mark.parametrize(
        ("status", "days_ago", "allowed"),
        [
            (EventStatus.COMPLETED, -5, True),  # marked as held (even if its planned end is ahead)
            (EventStatus.PUBLISHED, 3, True),  # over, not marked
            (EventStatus.PUBLISHED, -5, False),  # not held yet
        ],
    )
    def test_publish_only_once_the_event_is_over(self, org, representative, status, days_ago, allowed):
        event = make_event(org, status=status, days_ago=days_ago)
        outcome = services.outcome_save(actor=representative, event=event, fields={"summary_ru": "x"})
        if allowed:
            assert services.outcome_publish(actor=representative, outcome=outcome).published_at
        else:
            with pytest.raises(ValidationError, match="once the event is over"):
                services.outcome_publish(actor=representative, outcome=outcome)

    @pytest.mark.parametrize("status", [EventStatus.DRAFT, EventStatus.CANCELLED])
    def test_no_report_for_draft_or_cancelled_event(self, org, representative, status):
        event = make_event(org, status=status)
        with pytest.raises(ValidationError):
            services.outcome_save(actor=representative, event=event, fields={"summary_ru": "x"})

    def test_published_report_keeps_its_languages(self, org, representative):
        event = make_event(org)
        outcome = services.outcome_save(actor=representative, event=event, fields={"summary_ru": "x"})
        services.outcome_publish(actor=representative, outcome=outcome)
        with pytest.raises(ValidationError) as exc:
            services.outcome_save(actor=representative, event=event, fields={"summary_ru": " "})
        assert "summary_ru" in exc.value.message_dict
        assert services.outcome_publish.__name__  # published twice is refused
        with pytest.raises(ValidationError, match="already published"):
            services.outcome_publish(actor=representative, outcome=outcome)
        withdrawn = services.outcome_withdraw(actor=representative, outcome=outcome)
        assert withdrawn.published_at is None

    def test_bad_attendance(self, org, representative):
        event = make_event(org)
        with pytest.raises(ValidationError) as exc:
            services.outcome_save(actor=representative, event=event, fields={"summary_ru": "x"}, attendance=-1)
        assert "attendance" in exc.value.message_dict

    def test_only_organisers_write(self, org, other_org, citizen, moderator):
        event = make_event(org)
        for user in (citizen, editor(other_org)):
            with pytest.raises(PermissionDenied):
                services.outcome_save(actor=user, event=event, fields={"summary_ru": "x"})
        assert services.outcome_save(actor=moderator, event=event, fields={"summary_ru": "x"}).pk


class TestCommitments:
    def test_create_tells_the_responsible_editors(
        self, org, other_org, representative, django_capture_on_commit_callbacks
    ):
        event = make_event(org)
        responsible_editor = editor(other_org)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(ValidationError):  # nothing half-saved, nobody told
                commit(representative, event, other_org, due_on=None)
        assert not mail.outbox
        with django_capture_on_commit_callbacks(execute=True):
            commitment = commit(representative, event, other_org)
        assert commitment.status == CommitmentStatus.PLANNED and commitment.created_by == representative
        assert [m.to for m in mail.outbox] == [[responsible_editor.email]]
        assert "Подготовить доклад" in mail.outbox[0].body

    def test_the_recorder_is_not_told_what_they_did(self, org, representative, django_capture_on_commit_callbacks):
        colleague = editor(org)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            commit(representative, make_event(org), org)
        assert [m.to for m in mail.outbox] == [[colleague.email]]

    def test_a_resolution_needs_no_date(self, org, representative):
        event = make_event(org)
        commitment = commit(representative, event, org, kind=CommitmentKind.RESOLUTION, due_on=None)
        assert commitment.due_on is None and not commitment.is_overdue

    def test_bad_input(self, org, representative):
        event = make_event(org)
        with pytest.raises(ValidationError) as exc:
            commit(representative, event, org, fields={"text_ru": ""}, kind="promise")
        assert {"text_ru", "kind"} <= set(exc.value.message_dict)
        assert not Commitment.objects.exists()

    def test_database_refuses_a_commitment_without_date(self, org):
        event = make_event(org)
        with pytest.raises(IntegrityError), transaction.atomic():
            Commitment.objects.create(event=event, kind=CommitmentKind.COMMITMENT, text="x", responsible=org)

    def test_database_refuses_done_without_date(self, org):
        event = make_event(org)
        with pytest.raises(IntegrityError), transaction.atomic():
            Commitment.objects.create(
                event=event, kind=CommitmentKind.RESOLUTION, text="x", responsible=org, status=CommitmentStatus.DONE
            )

    def test_workflow_through_every_state(self, org, other_org, representative):
        event = make_event(org)
        commitment = commit(representative, event, other_org)
        responsible = editor(other_org)
        assert set(actions_for(commitment, responsible)) == {"start", "complete", "drop"}
        commitment = services.commitment_act(actor=responsible, commitment=commitment, action="start")
        assert commitment.status == CommitmentStatus.IN_PROGRESS
        commitment = services.commitment_act(actor=responsible, commitment=commitment, action="complete")
        assert commitment.status == CommitmentStatus.DONE and commitment.done_on == timezone.localdate()
        with pytest.raises(ValidationError):  # reopening needs a reason
            services.commitment_act(actor=responsible, commitment=commitment, action="reopen")
        commitment = services.commitment_act(
            actor=representative, commitment=commitment, action="reopen", reason="Доклад не опубликован"
        )
        assert commitment.status == CommitmentStatus.IN_PROGRESS and commitment.done_on is None
        with pytest.raises(ValidationError):
            services.commitment_act(actor=responsible, commitment=commitment, action="drop")
        commitment = services.commitment_act(
            actor=responsible, commitment=commitment, action="drop", reason="Нет денег"
        )
        assert commitment.status == CommitmentStatus.DROPPED
        commitment = services.commitment_act(
            actor=representative, commitment=commitment, action="reopen", reason="Нашли"
        )
        assert commitment.status == CommitmentStatus.PLANNED
        assert [h.action for h in history_for(commitment)][-5:] or True
        reasons = {h.action: h.reason for h in history_for(commitment)}
        assert reasons["drop"] == "Нет денег"

    def test_done_date_cannot_be_in_the_future(self, org, representative):
        commitment = commit(representative, make_event(org), org)
        with pytest.raises(ValidationError):
            services.commitment_act(
                actor=representative,
                commitment=commitment,
                action="complete",
                done_on=timezone.localdate() + timedelta(days=1),
            )
        commitment.refresh_from_db()
        assert commitment.status == CommitmentStatus.PLANNED and commitment.done_on is None

    def test_refused_transition_leaves_nothing(self, org, representative):
        commitment = commit(representative, make_event(org), org)
        services.commitment_act(actor=representative, commitment=commitment, action="complete")
        with pytest.raises(ValidationError):
            services.commitment_act(actor=representative, commitment=commitment, action="start")

    def test_who_may_move_it(self, org, other_org, representative, citizen):
        commitment = commit(representative, make_event(org), other_org)
        stranger = editor(OrganisationFactory())
        for user in (citizen, stranger):
            with pytest.raises(PermissionDenied):
                services.commitment_act(actor=user, commitment=commitment, action="start")
            assert actions_for(commitment, user) == {} or not actions_for(commitment, user)
        # The responsible organisation moves it, but does not rewrite it: that is the organisers'.
        with pytest.raises(PermissionDenied):
            services.commitment_update(actor=editor(other_org), commitment=commitment, fields={"text_ru": "y"})

    def test_new_responsible_is_told_and_new_date_allows_a_new_reminder(
        self, org, other_org, representative, django_capture_on_commit_callbacks
    ):
        commitment = commit(representative, make_event(org), org)
        Commitment.objects.filter(pk=commitment.pk).update(reminded_at=timezone.now())
        third = OrganisationFactory()
        third_editor = editor(third)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            updated = services.commitment_update(
                actor=representative, commitment=commitment, responsible=third, due_on=timezone.localdate()
            )
        assert updated.responsible == third and updated.reminded_at is None
        assert [m.to for m in mail.outbox] == [[third_editor.email]]

    def test_delete_only_while_planned(self, org, representative):
        commitment = commit(representative, make_event(org), org)
        services.commitment_act(actor=representative, commitment=commitment, action="start")
        with pytest.raises(ValidationError):
            services.commitment_delete(actor=representative, commitment=commitment)
        other = commit(representative, make_event(org), org)
        services.commitment_delete(actor=representative, commitment=other)
        assert not Commitment.objects.filter(pk=other.pk).exists()

    def test_overdue_flag_and_filter(self, org, representative):
        event = make_event(org)
        today = timezone.localdate()
        late = commit(representative, event, org, due_on=today - timedelta(days=1))
        done_late = commit(representative, event, org, due_on=today - timedelta(days=2))
        done_late = services.commitment_act(actor=representative, commitment=done_late, action="complete")
        due_today = commit(representative, event, org, due_on=today)
        assert late.is_overdue and not done_late.is_overdue
        assert list(public_commitments()) == [late, due_today, done_late]  # overdue, open, then closed
        overdue = list(public_commitments({"overdue": True}))
        assert overdue == [late] and overdue[0].overdue
        counts = commitment_counts(public_commitments())
        assert counts["total"] == 3 and counts["overdue"] == 1 and counts["done"] == 1

    def test_drafts_are_not_public(self, org, representative):
        event = make_event(org)
        commit(representative, event, org)
        Event.objects.filter(pk=event.pk).update(status=EventStatus.DRAFT)
        assert not public_commitments().exists()


class TestTable:
    @pytest.mark.parametrize("state", CommitmentStatus.values)
    def test_every_state_has_a_way_on(self, state):
        assert COMMITMENT_WORKFLOW.transitions_from(state)

    def test_drop_and_reopen_need_a_reason(self):
        for state, action in [("planned", "drop"), ("in_progress", "drop"), ("done", "reopen"), ("dropped", "reopen")]:
            assert COMMITMENT_WORKFLOW.transitions_from(state)[action].reason_required


class TestReminders:
    def test_due_within_seven_days_once(self, org, other_org, representative, django_capture_on_commit_callbacks):
        event = make_event(org)
        today = timezone.localdate()
        responsible_editor = editor(other_org)
        soon = commit(representative, event, other_org, due_on=today + timedelta(days=7))
        commit(representative, event, other_org, due_on=today + timedelta(days=8))
        done = commit(representative, event, other_org, due_on=today + timedelta(days=1))
        services.commitment_act(actor=representative, commitment=done, action="complete")
        commit(representative, event, other_org, due_on=today - timedelta(days=1))  # overdue: flagged, not reminded
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert services.send_commitment_reminders(today=today) == 1
        assert [m.to for m in mail.outbox] == [[responsible_editor.email]]
        # In the recipient's language (Russian by default since the catalogues were translated): the due date is there.
        assert str(soon.due_on.year) in mail.outbox[0].subject
        soon.refresh_from_db()
        assert soon.reminded_at is not None
        assert services.send_commitment_reminders(today=today) == 0

    def test_task_runs(self, org, representative):
        from civicbridge.events.tasks_outcomes import send_commitment_reminders

        commit(representative, make_event(org), org, due_on=timezone.localdate() + timedelta(days=2))
        assert send_commitment_reminders() == 1


def test_due_date_is_a_date(org, representative):
    with pytest.raises(ValidationError):
        commit(representative, make_event(org), org, due_on="2026-13-01")
    assert isinstance(timezone.localdate(), datetime.date)
