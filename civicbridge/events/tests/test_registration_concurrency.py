"""Two people taking the last seat at once, and cancelling while others register: real transactions on PostgreSQL."""

from __future__ import annotations

from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.core.tests.concurrency import CONCURRENT_WRITERS, run_at_once
from civicbridge.events.choices import RegistrationStatus
from civicbridge.events.models import Event, Registration
from civicbridge.events.services import registration as services
from civicbridge.registry.tests.factories import CountryFactory

from .factories import PublishedEventFactory

pytestmark = CONCURRENT_WRITERS


def test_two_people_taking_the_last_seat_at_once_only_one_gets_it():
    CountryFactory()
    event = PublishedEventFactory(capacity=1)
    people = [UserFactory(), UserFactory()]
    results, errors = run_at_once(
        [lambda user=user: services.register(actor=user, event=Event.objects.get(pk=event.pk)) for user in people]
    )
    assert errors == [] and len(results) == 2
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]


def test_many_at_once_never_overbook():
    CountryFactory()
    event = PublishedEventFactory(capacity=3)
    people = [UserFactory() for _ in range(8)]
    results, errors = run_at_once(
        [lambda user=user: services.register(actor=user, event=Event.objects.get(pk=event.pk)) for user in people]
    )
    assert errors == []
    assert Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 3
    assert Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).count() == 5


def test_a_cancellation_and_a_new_registration_at_once_keep_the_count_right():
    CountryFactory()
    event = PublishedEventFactory(capacity=1)
    holder, waiting, newcomer = UserFactory(), UserFactory(), UserFactory()
    seat = services.register(actor=holder, event=event)
    services.register(actor=waiting, event=event)
    results, errors = run_at_once(
        [
            lambda: services.registration_cancel(actor=holder, registration=Registration.objects.get(pk=seat.pk)),
            lambda: services.register(actor=newcomer, event=Event.objects.get(pk=event.pk)),
        ]
    )
    assert errors == []
    confirmed = list(Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED))
    assert [r.user_id for r in confirmed] == [waiting.pk]  # the waitlist goes first, the newcomer waits
    assert Registration.objects.get(user=newcomer).status == RegistrationStatus.WAITLISTED
