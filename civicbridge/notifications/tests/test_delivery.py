"""notify → job after commit → in-app rows and e-mails in each recipient's language, by their preferences."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.test import override_settings
from django.utils.translation import gettext_lazy

from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.notifications import notify, rendering
from civicbridge.notifications.models import Notification
from civicbridge.notifications.services import TEST_MESSAGE
from civicbridge.notifications.tasks import deliver
from civicbridge.registry.tests.factories import OrganisationFactory

from .conftest import DIGESTIBLE, SENT_AT, WEBSITE_ONLY
from .factories import PreferenceFactory

pytestmark = pytest.mark.django_db


def test_nothing_is_sent_until_the_transaction_commits(django_capture_on_commit_callbacks, citizen, context):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            notify(event=DIGESTIBLE, recipients=[citizen], context=context)
            assert mail.outbox == []
            assert not Notification.objects.exists()
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["citizen@example.org"]
    assert Notification.objects.get().recipient == citizen


def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks, citizen, context):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notify(event=DIGESTIBLE, recipients=[citizen], context=context)
            raise RuntimeError("the service failed after notify")
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_real_commits_send_and_real_rollbacks_do_not(context):
    """Without the test's wrapping transaction: a real COMMIT runs the job, a real ROLLBACK drops it."""
    user = UserFactory(email="real@example.org")
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(event=DIGESTIBLE, recipients=[user], context=context)
        raise RuntimeError
    assert mail.outbox == [] and not Notification.objects.exists()
    with transaction.atomic():
        notify(event=DIGESTIBLE, recipients=[user], context=context)
        assert mail.outbox == []
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "zone", "expected"),
    [
        # 20:30 UTC on 26 November is 23:30 the same day in Moscow and 01:30 the next day in Almaty.
        ("ru", "Europe/Moscow", "26 ноября 2026 г. 23:30"),
        ("kk", "Asia/Almaty", "2026 ж. 27 қараша, 01:30"),
        ("en", "Asia/Almaty", "Nov. 27, 2026, 1:30 a.m."),
    ],
)
def test_email_is_in_the_recipients_language_and_time_zone(
    django_capture_on_commit_callbacks, admin_user, language, zone, expected
):
    user = UserFactory(language=language, time_zone=zone)
    with django_capture_on_commit_callbacks(execute=True):
        notify(event=TEST_MESSAGE, recipients=[user], context={"sender": admin_user, "sent_at": SENT_AT})
    (message,) = mail.outbox
    assert expected in message.subject
    assert expected in message.body and zone in message.body
    assert admin_user.full_name in message.body  # the sender was fetched again by the job
    notification = Notification.objects.get(recipient=user)
    assert notification.title == message.subject  # the inbox says the same, in the same language
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert "/notifications/settings/" in message.body  # the footer says where to change this


def test_each_recipient_gets_their_own_language(django_capture_on_commit_callbacks, context):
    ru = UserFactory(language="ru", time_zone="Europe/Moscow")
    kk = UserFactory(language="kk", time_zone="Asia/Almaty")
    with django_capture_on_commit_callbacks(execute=True):
        notify(event=DIGESTIBLE, recipients=[ru, kk], context=context)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert "ноября" in subjects[ru.email]
    assert "қараша" in subjects[kk.email]


def test_one_notification_per_recipient_per_call(django_capture_on_commit_callbacks, citizen, context):
    with django_capture_on_commit_callbacks(execute=True):
        notify(event=DIGESTIBLE, recipients=[citizen, citizen, citizen.pk, None], context=context)
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=citizen).count() == 1


def test_inactive_users_get_nothing(django_capture_on_commit_callbacks, citizen, context):
    closed = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(event=DIGESTIBLE, recipients=[closed, citizen], context=context)
    assert [message.to for message in mail.outbox] == [[citizen.email]]
    assert list(Notification.objects.values_list("recipient", flat=True)) == [citizen.pk]


def test_the_link_is_the_targets_page_unless_the_context_names_one(
    django_capture_on_commit_callbacks, citizen, context
):
    org = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(event=DIGESTIBLE, recipients=[citizen], context=context, target=org)
    notification = Notification.objects.get()
    assert notification.url == org.get_absolute_url()
    assert notification.target == org
    assert rendering.site_url(org.get_absolute_url()) in notification.body
    assert rendering.site_url(org.get_absolute_url()) in mail.outbox[0].body


class TestPreferences:
    def deliver_to(self, user, event, capture, context) -> tuple[int, bool]:
        """(e-mails sent, whether the notification is in the inbox)."""
        with capture(execute=True):
            notify(event=event, recipients=[user], context=context)
        return len(mail.outbox), Notification.objects.filter(recipient=user, in_inbox=True).exists()

    def test_defaults_of_the_event(self, citizen, django_capture_on_commit_callbacks, context):
        assert self.deliver_to(citizen, WEBSITE_ONLY, django_capture_on_commit_callbacks, context) == (0, True)

    def test_e_mail_switched_off_for_the_event(self, citizen, django_capture_on_commit_callbacks, context):
        PreferenceFactory(user=citizen, event=DIGESTIBLE, channel="email", enabled=False)
        assert self.deliver_to(citizen, DIGESTIBLE, django_capture_on_commit_callbacks, context) == (0, True)

    def test_website_switched_off_for_the_event(self, citizen, django_capture_on_commit_callbacks, context):
        PreferenceFactory(user=citizen, event=DIGESTIBLE, channel="inapp", enabled=False)
        assert self.deliver_to(citizen, DIGESTIBLE, django_capture_on_commit_callbacks, context) == (1, False)
        assert not Notification.objects.exists()  # nothing kept that nobody will see

    def test_e_mail_switched_on_for_a_website_only_event(self, citizen, django_capture_on_commit_callbacks, context):
        PreferenceFactory(user=citizen, event=WEBSITE_ONLY, channel="email", enabled=True)
        assert self.deliver_to(citizen, WEBSITE_ONLY, django_capture_on_commit_callbacks, context) == (1, True)

    def test_every_event_off_with_a_star_row(self, citizen, django_capture_on_commit_callbacks, context):
        PreferenceFactory(user=citizen, event="*", channel="email", enabled=False)
        PreferenceFactory(user=citizen, event="*", channel="inapp", enabled=False)
        assert self.deliver_to(citizen, DIGESTIBLE, django_capture_on_commit_callbacks, context) == (0, False)
        assert not Notification.objects.exists()

    def test_the_events_own_row_beats_the_star_row(self, citizen, django_capture_on_commit_callbacks, context):
        PreferenceFactory(user=citizen, event="*", channel="email", enabled=False)
        PreferenceFactory(user=citizen, event=DIGESTIBLE, channel="email", enabled=True)
        assert self.deliver_to(citizen, DIGESTIBLE, django_capture_on_commit_callbacks, context) == (1, True)

    def test_mandatory_events_ignore_preferences(self, citizen, django_capture_on_commit_callbacks, context):
        PreferenceFactory(user=citizen, event="*", channel="email", enabled=False)
        PreferenceFactory(user=citizen, event=TEST_MESSAGE, channel="inapp", enabled=False)
        assert self.deliver_to(citizen, TEST_MESSAGE, django_capture_on_commit_callbacks, context) == (1, True)

    def test_digest_choice_holds_the_e_mail_back(self, citizen, django_capture_on_commit_callbacks, context):
        PreferenceFactory(user=citizen, event=DIGESTIBLE, channel="email", frequency="digest")
        assert self.deliver_to(citizen, DIGESTIBLE, django_capture_on_commit_callbacks, context) == (0, True)
        assert Notification.objects.get().digest_pending

    def test_digest_is_ignored_for_events_that_do_not_allow_it(
        self, citizen, django_capture_on_commit_callbacks, context
    ):
        PreferenceFactory(user=citizen, event="*", channel="email", enabled=True, frequency="digest")
        assert self.deliver_to(citizen, TEST_MESSAGE, django_capture_on_commit_callbacks, context) == (1, True)
        assert not Notification.objects.get().digest_pending


def test_context_crosses_to_the_job_as_json_and_comes_back(admin_user):
    org = OrganisationFactory()
    value = {
        "org": org,
        "when": SENT_AT,
        "day": datetime.date(2026, 12, 1),
        "amount": Decimal("1500000.50"),
        "items": [org, 3, "x", None, True],
    }
    encoded = rendering.encode(value)
    import json

    assert json.loads(json.dumps(encoded)) == encoded
    assert rendering.decode(encoded) == value


@pytest.mark.parametrize(
    "bad",
    [gettext_lazy("Notifications"), datetime.datetime(2026, 1, 1), object()],  # noqa: DTZ001 -- naive on purpose
)
def test_context_that_cannot_cross_is_refused_in_the_caller(citizen, bad):
    with pytest.raises(TypeError):
        notify(event=DIGESTIBLE, recipients=[citizen], context={"value": bad})


def test_an_undeclared_event_is_refused_in_the_caller(citizen):
    with pytest.raises(ImproperlyConfigured, match="grants.no_such_event"):
        notify(event="grants.no_such_event", recipients=[citizen], context={})


def test_no_recipients_queues_nothing(django_capture_on_commit_callbacks, context):
    with django_capture_on_commit_callbacks() as callbacks:
        notify(event=DIGESTIBLE, recipients=[], context=context)
    assert callbacks == []


class RefusingBackend(EmailBackend):
    """An SMTP server that refuses one address."""

    def send_messages(self, messages):
        if any("refused" in address for message in messages for address in message.to):
            raise OSError("550 mailbox unavailable")
        return super().send_messages(messages)


@override_settings(EMAIL_BACKEND="civicbridge.notifications.tests.test_delivery.RefusingBackend")
def test_a_refused_address_does_not_stop_the_others(django_capture_on_commit_callbacks, citizen, context):
    refused = UserFactory(email="refused@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        notify(event=DIGESTIBLE, recipients=[refused, citizen], context=context)
    assert [message.to for message in mail.outbox] == [[citizen.email]]
    emailed = dict(Notification.objects.values_list("recipient__email", "emailed_at"))
    assert emailed["refused@example.org"] is None
    assert emailed[citizen.email] is not None


@override_settings(EMAIL_BACKEND="civicbridge.notifications.tests.test_digest.UnreachableBackend")
def test_an_unreachable_mail_server_leaves_the_website_notifications(
    django_capture_on_commit_callbacks, citizen, context
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(event=DIGESTIBLE, recipients=[citizen], context=context)
    notification = Notification.objects.get()
    assert notification.in_inbox and notification.emailed_at is None


def test_a_large_fan_out_costs_a_fixed_number_of_queries(django_assert_max_num_queries, context):
    """600 recipients: users and preferences fetched per batch of 500, rows stored in bulk — not a query per user.

    (SQLite splits a bulk INSERT into statements of 999 parameters, hence more than the 8 queries of PostgreSQL.)
    """
    users = UserFactory.create_batch(600)
    PreferenceFactory(user=users[0], event=DIGESTIBLE, channel="email", enabled=False)
    payload = {"recipient_ids": [user.pk for user in users], "context": rendering.encode(context)}
    with django_assert_max_num_queries(20):
        counts = deliver.delay(event=DIGESTIBLE, **payload).get()
    assert counts == {"inapp": 600, "email": 599, "digest": 0}
    assert len(mail.outbox) == 599
