"""Registration: seats and the waitlist, questions, cancellation moving the waitlist up, closing, e-mails."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.core.workflow import history_for
from civicbridge.events.choices import QuestionKind, RegistrationStatus
from civicbridge.events.models import Registration
from civicbridge.events.services import events as event_services
from civicbridge.events.services import registration as services
from civicbridge.notifications.rendering import site_url

from .factories import EventFactory, PublishedEventFactory, QuestionFactory

pytestmark = [pytest.mark.django_db]

C, W, X = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED


def test_seats_then_waitlist_then_cancel_promotes_the_oldest_waitlisted(django_capture_on_commit_callbacks):
    event = PublishedEventFactory(capacity=2)
    people = [UserFactory() for _ in range(4)]
    with django_capture_on_commit_callbacks(execute=True):
        regs = [services.register(actor=user, event=event) for user in people]
    assert [r.status for r in regs] == [C, C, W, W]
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=people[0], registration=regs[0])
    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert statuses == {people[0].pk: X, people[1].pk: C, people[2].pk: C, people[3].pk: W}
    promoted = Registration.objects.get(user=people[2])
    assert [h.action for h in history_for(promoted)] == ["promote"]
    subjects = [message.subject for message in mail.outbox]
    assert any(event.title in s for s in subjects)
    assert len(mail.outbox) == 5  # 2 confirmed, 2 waitlisted, 1 promoted


def test_cancelling_a_waitlisted_place_promotes_no_one():
    event = PublishedEventFactory(capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    services.register(actor=first, event=event)
    waiting = services.register(actor=second, event=event)
    services.register(actor=third, event=event)
    services.registration_cancel(actor=second, registration=waiting)
    assert Registration.objects.get(user=third).status == W
    assert Registration.objects.get(user=first).status == C


def test_registering_twice_is_refused_but_again_after_cancelling_is_fine():
    event = PublishedEventFactory()
    user = UserFactory()
    registration = services.register(actor=user, event=event)
    with pytest.raises(ValidationError) as exc:
        services.register(actor=user, event=event)
    assert exc.value.code == "already_registered"
    services.registration_cancel(actor=user, registration=registration)
    again = services.register(actor=user, event=event)
    assert again.status == C and again.checkin_code != registration.checkin_code


@pytest.mark.parametrize(
    "change",
    [
        {"status": "draft"},
        {"registration_enabled": False},
        {"registration_closes_at": timezone.now() - datetime.timedelta(minutes=1)},
    ],
)
def test_registration_is_closed_for_drafts_disabled_and_after_closing(change):
    event = PublishedEventFactory(**change) if "status" not in change else EventFactory()
    with pytest.raises((ValidationError, PermissionDenied)):
        services.register(actor=UserFactory(), event=event)
    assert not Registration.objects.exists()


def test_anonymous_cannot_register():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.register(actor=AnonymousUser(), event=PublishedEventFactory())


def test_required_questions_and_options_are_enforced_and_nothing_is_half_saved():
    event = PublishedEventFactory()
    needs = QuestionFactory(event=event, kind=QuestionKind.YES_NO, required=True)
    track = QuestionFactory(
        event=event, kind=QuestionKind.CHOICE, options=["Экология", "Инклюзия"], required=False, text_ru="Секция"
    )
    topics = QuestionFactory(event=event, kind=QuestionKind.MULTIPLE, options=["a", "b", "c"], required=False)
    user = UserFactory()
    with pytest.raises(ValidationError) as exc:
        services.register(actor=user, event=event, answers={track.pk: "Спорт"})
    assert set(exc.value.message_dict) == {f"question_{needs.pk}", f"question_{track.pk}"}
    assert not Registration.objects.exists()
    registration = services.register(
        actor=user, event=event, answers={needs.pk: "yes", track.pk: "Экология", topics.pk: ["a", "c"]}
    )
    answers = {a.question_id: a.value for a in registration.answers.all()}
    assert answers == {needs.pk: "yes", track.pk: "Экология", topics.pk: "a\nc"}


def test_an_answer_to_another_events_question_is_refused():
    event = PublishedEventFactory()
    foreign = QuestionFactory(required=False)
    with pytest.raises(ValidationError):
        services.register(actor=UserFactory(), event=event, answers={foreign.pk: "yes"})


def test_raising_the_capacity_moves_the_waitlist_up(representative, org):
    event = PublishedEventFactory(capacity=1, organisers=[org])
    users = [UserFactory() for _ in range(3)]
    for user in users:
        services.register(actor=user, event=event)
    event_services.event_update(actor=representative, event=event, capacity=2)
    assert list(Registration.objects.order_by("created_at", "pk").values_list("status", flat=True)) == [C, C, W]


def test_organiser_may_cancel_a_participant_but_another_user_may_not(representative, org):
    event = PublishedEventFactory(organisers=[org])
    registration = services.register(actor=UserFactory(), event=event)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(actor=UserFactory(), registration=registration)
    services.registration_cancel(actor=representative, registration=registration)
    registration.refresh_from_db()
    assert registration.status == X


def test_reminders_go_once_to_confirmed_participants_of_events_within_a_day(django_capture_on_commit_callbacks):
    soon = PublishedEventFactory(starts_at=timezone.now() + datetime.timedelta(hours=5))
    later = PublishedEventFactory(starts_at=timezone.now() + datetime.timedelta(days=3))
    confirmed, other = UserFactory(), UserFactory()
    services.register(actor=confirmed, event=soon)
    services.register(actor=other, event=later)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 0
    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    assert Registration.objects.get(user=confirmed).reminded_at is not None


def test_personal_data_export_and_erase():
    from civicbridge.core import personal_data

    event = PublishedEventFactory()
    question = QuestionFactory(event=event, required=False, kind="text")
    user = UserFactory()
    services.register(actor=user, event=event, answers={question.pk: "вегетарианское"})
    exported = personal_data.export_sections(user)["event_registrations"]
    assert exported[0]["email"] == user.email and "вегетарианское" in exported[0]["answers"].values()
    services.erase_personal_data(user=user)
    registration = Registration.objects.get(event=event)
    assert registration.user_id is None and user.email not in registration.email and not registration.answers.exists()
    assert registration.status == C  # the seat still counts


def test_the_confirmation_links_the_check_in_code_and_the_calendar(django_capture_on_commit_callbacks):
    event = PublishedEventFactory(title_ru="Круглый стол о НПО")
    user = UserFactory(language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(actor=user, event=event)
    [message] = mail.outbox
    assert "Круглый стол о НПО" in message.subject
    assert f"/events/registrations/{registration.pk}/" in message.body
    assert site_url(f"/events/{event.pk}.ics") in message.body
    assert registration.checkin_code not in message.body  # the code is behind the sign-in, not in the mailbox


def test_the_reminder_task_runs_the_service():
    from civicbridge.events import tasks

    soon = PublishedEventFactory(starts_at=timezone.now() + datetime.timedelta(hours=2))
    services.register(actor=UserFactory(), event=soon)
    assert tasks.send_reminders.delay().get() == 1
    assert tasks.send_reminders() == 0
