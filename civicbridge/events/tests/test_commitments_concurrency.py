"""Concurrent writers of commitments, with real transactions on PostgreSQL (skipped on SQLite): two reminder runs
remind once; two people moving the same commitment at once cannot both win."""

from __future__ import annotations

import datetime

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from civicbridge.core.tests.concurrency import CONCURRENT_WRITERS, run_at_once
from civicbridge.events.choices import CommitmentStatus
from civicbridge.events.models import Commitment
from civicbridge.events.services import outcomes as services
from civicbridge.registry.tests.factories import CountryFactory, OrganisationFactory

from .test_outcomes_services import commit, editor, make_event

pytestmark = CONCURRENT_WRITERS


def setup_commitment(due_in_days: int = 3) -> tuple[Commitment, object, object]:
    CountryFactory(code="KZ")
    organiser, responsible = OrganisationFactory(), OrganisationFactory()
    organiser_editor, responsible_editor = editor(organiser), editor(responsible)
    event = make_event(organiser)
    commitment = commit(
        organiser_editor, event, responsible, due_on=timezone.localdate() + datetime.timedelta(days=due_in_days)
    )
    return commitment, organiser_editor, responsible_editor


def test_two_reminder_runs_at_once_remind_once():
    commitment, _organiser, responsible_editor = setup_commitment()
    mail.outbox.clear()
    results, errors = run_at_once([services.send_commitment_reminders, services.send_commitment_reminders])
    assert not errors and sorted(results) == [0, 1]
    # The subject is in the recipient's language (Russian by default): it names the due date.
    reminders = [m for m in mail.outbox if str(commitment.due_on.year) in m.subject]
    assert [m.to for m in reminders] == [[responsible_editor.email]]
    commitment.refresh_from_db()
    assert commitment.reminded_at is not None


def test_done_and_dropped_at_once_one_wins():
    commitment, organiser_editor, responsible_editor = setup_commitment()
    results, errors = run_at_once(
        [
            lambda: services.commitment_act(actor=responsible_editor, commitment=commitment, action="complete"),
            lambda: services.commitment_act(
                actor=organiser_editor, commitment=commitment, action="drop", reason="Не актуально"
            ),
        ]
    )
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    commitment.refresh_from_db()
    assert commitment.status in (CommitmentStatus.DONE, CommitmentStatus.DROPPED)
    assert (commitment.done_on is not None) == (commitment.status == CommitmentStatus.DONE)
