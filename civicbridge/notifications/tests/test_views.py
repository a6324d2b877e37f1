"""The inbox (own notifications only, mark read with and without htmx), the preferences page and the header badge."""

from __future__ import annotations

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.notifications import notify
from civicbridge.notifications.choices import Channel
from civicbridge.notifications.forms import field_name
from civicbridge.notifications.models import Notification, NotificationPreference
from civicbridge.notifications.registry import configurable_events

from .conftest import DIGESTIBLE, WEBSITE_ONLY
from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("notifications:inbox")
PREFERENCES = reverse("notifications:preferences")


def as_shown(**choices: str) -> dict[str, str]:
    """The preferences form as the page shows it to a user with no preferences (every other module's events at their
    defaults), with `choices` (field name → "on") for the sample events of conftest.py."""
    data = {}
    for event in configurable_events():
        if event.key in (DIGESTIBLE, WEBSITE_ONLY):
            continue
        for channel, option in ((Channel.INAPP, "inapp"), (Channel.EMAIL, "email")):
            if channel in event.default_channels:
                data[field_name(event, option)] = "on"
    return {**data, **choices}


@pytest.fixture
def signed_in(client, citizen) -> Client:
    client.force_login(citizen)
    return client


def test_pages_need_a_signed_in_user(client):
    for url in (INBOX, PREFERENCES):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_inbox_shows_only_ones_own_notifications_newest_first(signed_in, citizen):
    older = NotificationFactory(recipient=citizen, title="Older")
    newer = NotificationFactory(recipient=citizen, title="Newer")
    NotificationFactory(title="Someone else's")
    NotificationFactory(recipient=citizen, title="Digest only", in_inbox=False)
    response = signed_in.get(INBOX)
    assert list(response.context["page_obj"].object_list) == [newer, older]
    assert b"Someone else" not in response.content and b"Digest only" not in response.content


def test_inbox_pages_by_25(signed_in, citizen):
    NotificationFactory.create_batch(30, recipient=citizen)
    first = signed_in.get(INBOX).context["page_obj"]
    second = signed_in.get(INBOX, {"page": 2}).context["page_obj"]
    assert (len(first.object_list), len(second.object_list)) == (25, 5)
    assert first.paginator.num_pages == 2


@pytest.mark.parametrize("rows", [3, 30])
def test_inbox_queries_do_not_grow_with_rows(signed_in, citizen, django_assert_max_num_queries, rows):
    NotificationFactory.create_batch(rows, recipient=citizen)
    # session, user, count for the paginator, the page of rows, and the unread count of the header badge.
    with django_assert_max_num_queries(5):
        response = signed_in.get(INBOX)
    assert response.status_code == 200


def test_marking_another_users_notification_is_not_found(signed_in):
    theirs = NotificationFactory()
    response = signed_in.post(reverse("notifications:mark-read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_without_javascript_goes_back_to_the_same_page(signed_in, citizen):
    mine = NotificationFactory(recipient=citizen)
    response = signed_in.post(reverse("notifications:mark-read", args=[mine.pk]), {"next": f"{INBOX}?page=2"})
    assert response.status_code == 302 and response.url == f"{INBOX}?page=2"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_mark_read_refuses_to_send_the_user_to_another_site(signed_in, citizen):
    mine = NotificationFactory(recipient=citizen)
    response = signed_in.post(reverse("notifications:mark-read", args=[mine.pk]), {"next": "https://evil.example/"})
    assert response.url == INBOX


def test_mark_read_with_htmx_swaps_the_item_and_the_badge(signed_in, citizen):
    mine, other = NotificationFactory.create_batch(2, recipient=citizen)
    response = signed_in.post(
        reverse("notifications:mark-read", args=[mine.pk]), {"next": INBOX}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="notification-{mine.pk}"' in html and "Mark as read" not in html
    assert 'id="cb-notification-count" hx-swap-oob="true"' in html and ">1<" in html  # one left unread
    assert "<html" not in html


def test_marking_read_needs_a_csrf_token(citizen):
    mine = NotificationFactory(recipient=citizen)
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    assert client.post(reverse("notifications:mark-read", args=[mine.pk])).status_code == 403
    assert client.post(reverse("notifications:mark-all-read")).status_code == 403
    assert client.get(reverse("notifications:mark-read", args=[mine.pk])).status_code == 405


def test_mark_all_read_leaves_other_users_alone(signed_in, citizen):
    NotificationFactory.create_batch(3, recipient=citizen)
    theirs = NotificationFactory()
    response = signed_in.post(reverse("notifications:mark-all-read"), follow=True)
    assert not Notification.objects.filter(recipient=citizen, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "All notifications are marked as read." in response.content.decode()


def test_preferences_page_lists_events_without_the_mandatory_test_message(signed_in):
    html = signed_in.get(PREFERENCES).content.decode()
    assert "Sample digestible event" in html and "Sample website-only event" in html
    assert "Test message" not in html
    # The digest box is offered only where the event allows a digest.
    assert 'name="notifications-sample_digestible--digest"' in html
    assert 'name="notifications-sample_website_only--digest"' not in html
    # Defaults: the digestible event by website and e-mail; the other on the website only.
    assert 'name="notifications-sample_digestible--email" value="on" checked' in html
    assert 'name="notifications-sample_website_only--email" value="on">' in html


def test_saving_preferences_changes_delivery_and_keeps_only_differences(
    signed_in, citizen, django_capture_on_commit_callbacks, context
):
    data = as_shown(
        **{
            "notifications-sample_digestible--inapp": "on",
            "notifications-sample_digestible--email": "on",
            "notifications-sample_digestible--digest": "on",
            # the website-only event: website switched off, e-mail switched on
            "notifications-sample_website_only--email": "on",
        }
    )
    response = signed_in.post(PREFERENCES, data, follow=True)
    assert "Your notification settings are saved." in response.content.decode()
    rows = set(
        NotificationPreference.objects.filter(user=citizen).values_list("event", "channel", "enabled", "frequency")
    )
    assert rows == {
        (DIGESTIBLE, "email", True, "digest"),
        (WEBSITE_ONLY, "inapp", False, "instant"),
        (WEBSITE_ONLY, "email", True, "instant"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        notify(event=WEBSITE_ONLY, recipients=[citizen], context=context)
        notify(event=DIGESTIBLE, recipients=[citizen], context=context)
    assert len(mail.outbox) == 1  # the website-only event by e-mail now; the other waits for the digest
    assert list(Notification.objects.values_list("event", "in_inbox", "digest_pending")) == [(DIGESTIBLE, True, True)]

    # Back to the defaults: no rows left, so a later change of an event's defaults reaches this user too.
    signed_in.post(
        PREFERENCES,
        as_shown(
            **{
                "notifications-sample_digestible--inapp": "on",
                "notifications-sample_digestible--email": "on",
                "notifications-sample_website_only--inapp": "on",
            }
        ),
    )
    assert not NotificationPreference.objects.filter(user=citizen).exists()


def test_the_badge_counts_unread_once_per_request(citizen, django_assert_num_queries):
    NotificationFactory.create_batch(3, recipient=citizen)
    NotificationFactory(recipient=citizen, read_at="2026-11-01T00:00:00Z")
    request = RequestFactory().get("/")
    request.user = citizen
    template = Template("{% load notifications %}{% notification_badge %}{% notification_badge %}")
    with django_assert_num_queries(1):
        html = template.render(Context({"request": request}))
    assert html.count('href="/notifications/"') == 2
    assert ">3<" in html and "3 unread" in html


def test_the_badge_caps_the_count_and_says_nothing_to_visitors(citizen):
    NotificationFactory.create_batch(100, recipient=citizen)
    request = RequestFactory().get("/")
    request.user = citizen
    template = Template("{% load notifications %}{% notification_badge %}")
    assert ">99+<" in template.render(Context({"request": request}))
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert template.render(Context({"request": request})).strip() == ""


def test_a_user_sees_the_notification_a_service_sent(signed_in, citizen, django_capture_on_commit_callbacks, context):
    """End to end: notify → job → inbox page."""
    other = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(event=DIGESTIBLE, recipients=[citizen, other], context=context)
    html = signed_in.get(INBOX).content.decode()
    title = Notification.objects.get(recipient=citizen).title
    assert title in html and html.count('class="cb-notification"') == 1


def test_every_page_header_shows_a_signed_in_users_unread_count(client, citizen):
    NotificationFactory.create_batch(2, recipient=citizen)
    NotificationFactory()  # someone else's
    assert 'href="/notifications/"' not in client.get("/").content.decode()  # a visitor has no inbox
    client.force_login(citizen)
    html = client.get("/").content.decode()
    assert html.count('href="/notifications/"') == 1
    assert 'id="cb-notification-count"' in html and "2 unread" in html  # htmx updates this count after "mark read"
    html = client.get(INBOX).content.decode()
    assert 'aria-current="page"' in html.split('href="/notifications/"')[1].split(">")[0]
