"""Check-in: codes are unguessable and unique, a wrong or foreign code is refused without saying why, marking is
idempotent, and the page counts who has arrived."""

from __future__ import annotations

import math

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.events.choices import RegistrationStatus
from civicbridge.events.models.registration import new_checkin_code
from civicbridge.events.services import registration as services

from .factories import PublishedEventFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_codes_carry_at_least_128_bits_and_do_not_repeat():
    codes = [new_checkin_code() for _ in range(5000)]
    assert len(set(codes)) == len(codes)
    alphabet = set("".join(codes))
    assert alphabet <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert all(len(code) == 22 for code in codes)  # 16 random bytes, base64url
    assert 22 * math.log2(64) >= 128
    # Every position varies: no constant prefix or counter a guesser could use.
    assert all(len({code[i] for code in codes}) > 32 for i in range(21))


def test_check_in_marks_once_and_counts(representative, org):
    event = PublishedEventFactory(organisers=[org])
    registration = services.register(actor=UserFactory(), event=event)
    first, already = services.check_in(actor=representative, event=event, code=registration.checkin_code)
    assert not already and first.checked_in_at is not None
    again, already = services.check_in(actor=representative, event=event, code=f"  {registration.checkin_code} ")
    assert already and again.checked_in_at == first.checked_in_at


def test_a_scanned_link_is_read_for_its_code(representative, org):
    event = PublishedEventFactory(organisers=[org])
    registration = services.register(actor=UserFactory(), event=event)
    link = f"https://civicbridge.example/events/{event.pk}/checkin/?code={registration.checkin_code}"
    _, already = services.check_in(actor=representative, event=event, code=link)
    assert not already


@pytest.mark.parametrize("how", ["wrong", "other_event", "empty", "long"])
def test_wrong_and_foreign_codes_are_refused_with_the_same_message(representative, org, how):
    event = PublishedEventFactory(organisers=[org])
    other = PublishedEventFactory()
    foreign = services.register(actor=UserFactory(), event=other)
    code = {
        "wrong": new_checkin_code(),
        "other_event": foreign.checkin_code,
        "empty": "",
        "long": "x" * 300,
    }[how]
    with pytest.raises(ValidationError) as exc:
        services.check_in(actor=representative, event=event, code=code)
    assert exc.value.message_dict == {"code": ["This code is not valid for this event."]}
    foreign.refresh_from_db()
    assert foreign.checked_in_at is None


def test_cancelled_and_waitlisted_registrations_are_refused(representative, org):
    event = PublishedEventFactory(organisers=[org], capacity=1)
    holder, waiting = UserFactory(), UserFactory()
    seat = services.register(actor=holder, event=event)
    queued = services.register(actor=waiting, event=event)
    with pytest.raises(ValidationError):
        services.check_in(actor=representative, event=event, code=queued.checkin_code)
    services.registration_cancel(actor=holder, registration=seat)
    with pytest.raises(ValidationError):
        services.check_in(actor=representative, event=event, code=seat.checkin_code)
    queued.refresh_from_db()
    assert queued.status == RegistrationStatus.CONFIRMED  # promoted: now it checks in
    services.check_in(actor=representative, event=event, code=queued.checkin_code)


def test_only_organisers_check_in(citizen):
    event = PublishedEventFactory()
    registration = services.register(actor=citizen, event=event)
    with pytest.raises(PermissionDenied):
        services.check_in(actor=citizen, event=event, code=registration.checkin_code)


def test_checkin_page_prefills_a_scanned_code_and_counts(client, representative, org):
    event = PublishedEventFactory(organisers=[org])
    registrations = [services.register(actor=UserFactory(), event=event) for _ in range(3)]
    client.force_login(representative)
    url = reverse("events:checkin", args=[event.pk])
    page = client.get(url, {"code": registrations[0].checkin_code}).content.decode()
    assert f'value="{registrations[0].checkin_code}"' in page and "Checked in: 0 of 3 confirmed" in page
    page = client.post(url, {"code": registrations[0].checkin_code}).content.decode()
    assert "Checked in: 1 of 3 confirmed" in page and registrations[0].name in page
    response = client.post(url, {"code": "nope-nope-nope-nope-nope"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "This code is not valid for this event." in response.content.decode()
    assert "<html" not in response.content.decode()


def test_participant_page_shows_code_and_qr_only_to_its_owner_and_organisers(client, citizen, representative, org):
    event = PublishedEventFactory(organisers=[org])
    registration = services.register(actor=citizen, event=event)
    url = reverse("events:registration", args=[registration.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(citizen)
    page = client.get(url).content.decode()
    assert registration.checkin_code in page and "<svg" in page


def test_no_check_in_at_a_cancelled_event(representative, org):
    event = PublishedEventFactory(organisers=[org])
    registration = services.register(actor=UserFactory(), event=event)
    from civicbridge.events.services import events as event_services

    event_services.event_cancel(actor=representative, event=event, reason="Перенос")
    event.refresh_from_db()
    with pytest.raises(ValidationError):
        services.check_in(actor=representative, event=event, code=registration.checkin_code)


def test_waitlisted_participant_sees_their_place(client):
    event = PublishedEventFactory(capacity=1)
    users = [UserFactory() for _ in range(3)]
    registrations = [services.register(actor=user, event=event) for user in users]
    assert [services.waitlist_place(r) for r in registrations] == [None, 1, 2]
    client.force_login(users[2])
    page = client.get(reverse("events:registration", args=[registrations[2].pk])).content.decode()
    assert "Your place on the waitlist: 2." in page and registrations[2].checkin_code not in page
