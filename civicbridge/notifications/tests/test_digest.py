"""The daily digest: one e-mail per user with their unread notifications held for it, then the queue is empty."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.utils import timezone

from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.notifications import notify
from civicbridge.notifications.models import Notification
from civicbridge.notifications.tasks import send_digests
from civicbridge.registry.tests.factories import OrganisationFactory

from .conftest import DIGESTIBLE
from .factories import PreferenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def digest_user(db):
    user = UserFactory(email="digest@example.org", language="ru", time_zone="Europe/Moscow")
    PreferenceFactory(user=user, event=DIGESTIBLE, channel="email", frequency="digest")
    return user


def notify_about(orgs, users, capture, context) -> None:
    with capture(execute=True):
        for org in orgs:
            notify(event=DIGESTIBLE, recipients=users, context=context, target=org)


def test_digest_collects_unread_notifications_into_one_e_mail(
    django_capture_on_commit_callbacks, digest_user, citizen, context
):
    orgs = OrganisationFactory.create_batch(3)
    notify_about(orgs, [digest_user, citizen], django_capture_on_commit_callbacks, context)
    assert [message.to for message in mail.outbox] == [[citizen.email]] * 3  # the others get theirs at once
    mail.outbox.clear()
    first, *rest = Notification.objects.filter(recipient=digest_user).order_by("id")
    first.read_at = timezone.now()  # already seen on the website: not worth an e-mail
    first.save()

    assert send_digests.delay().get() == {"users": 1, "items": 2}

    (message,) = mail.outbox
    assert message.to == [digest_user.email]
    assert "2" in message.subject
    for row in rest:
        assert row.title in message.body
        assert f"/registry/organisations/{row.object_id}/" in message.body
    assert message.body.count("\n- ") == 2
    assert not Notification.objects.filter(digest_pending=True).exists()
    assert all(row.emailed_at for row in Notification.objects.filter(pk__in=[row.pk for row in rest]))

    mail.outbox.clear()
    assert send_digests.delay().get() == {"users": 0, "items": 0}  # nothing twice
    assert mail.outbox == []


def test_digest_without_the_website_channel_still_reaches_the_user(
    django_capture_on_commit_callbacks, digest_user, context
):
    PreferenceFactory(user=digest_user, event=DIGESTIBLE, channel="inapp", enabled=False)
    notify_about(OrganisationFactory.create_batch(2), [digest_user], django_capture_on_commit_callbacks, context)
    assert not Notification.objects.filter(in_inbox=True).exists()  # not in the inbox...
    send_digests.delay().get()
    assert len(mail.outbox) == 1 and mail.outbox[0].body.count("\n- ") == 2  # ...but in the digest


def test_inactive_users_get_no_digest_and_their_queue_is_cleared(
    django_capture_on_commit_callbacks, digest_user, context
):
    notify_about(OrganisationFactory.create_batch(1), [digest_user], django_capture_on_commit_callbacks, context)
    digest_user.is_active = False
    digest_user.save()
    assert send_digests.delay().get() == {"users": 0, "items": 0}
    assert mail.outbox == []
    assert not Notification.objects.filter(digest_pending=True).exists()


class BrokenBackend(BaseEmailBackend):
    """An SMTP server that accepts the connection and then refuses every message."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP is down")


class UnreachableBackend(BaseEmailBackend):
    """An SMTP server that cannot be reached."""

    def open(self):
        raise ConnectionRefusedError("no route to host")

    def send_messages(self, messages):
        raise AssertionError("never called: the connection did not open")


@pytest.mark.parametrize("backend", ["BrokenBackend", "UnreachableBackend"])
def test_a_failed_digest_waits_for_the_next_run(django_capture_on_commit_callbacks, digest_user, context, backend):
    notify_about(OrganisationFactory.create_batch(2), [digest_user], django_capture_on_commit_callbacks, context)
    with override_settings(EMAIL_BACKEND=f"civicbridge.notifications.tests.test_digest.{backend}"):
        assert send_digests.delay().get() == {"users": 0, "items": 0}
    assert Notification.objects.filter(digest_pending=True, emailed_at__isnull=True).count() == 2
    assert send_digests.delay().get() == {"users": 1, "items": 2}  # the mail server is back
