"""Admin: notifications read-only; preferences editable; the test message an administrator sends to check e-mail."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.contrib.auth.models import Permission
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from civicbridge.accounts.models import User
from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.notifications import services
from civicbridge.notifications.admin import send_test_notification
from civicbridge.notifications.models import Notification

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

SEND_TEST = reverse("admin:notifications_notification_send_test")


def test_notifications_are_read_only_in_the_admin(client, admin_user):
    notification = NotificationFactory()
    client.force_login(admin_user)
    assert client.get(reverse("admin:notifications_notification_changelist")).status_code == 200
    response = client.post(
        reverse("admin:notifications_notification_change", args=[notification.pk]), {"title": "Changed"}
    )
    assert response.status_code == 403
    assert client.get(reverse("admin:notifications_notification_add")).status_code == 403
    notification.refresh_from_db()
    assert notification.title != "Changed"


def test_preferences_can_be_set_in_the_admin_for_declared_events(client, admin_user, citizen):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:notifications_notificationpreference_add"),
        {"user": citizen.pk, "event": "*", "channel": "email", "frequency": "instant"},
    )
    assert response.status_code == 302
    assert citizen.notification_preferences.get().enabled is False  # unticked "enabled": e-mail off for everything
    response = client.post(
        reverse("admin:notifications_notificationpreference_add"),
        {"user": citizen.pk, "event": "grants.undeclared", "channel": "email", "frequency": "instant"},
    )
    assert response.status_code == 200 and response.context["adminform"].form.errors["event"]


def test_an_administrator_sends_themself_a_test_message(client, admin_user, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    assert (
        "Send a test notification"
        in client.get(reverse("admin:notifications_notification_changelist")).content.decode()
    )
    assert client.get(SEND_TEST).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SEND_TEST, follow=True)
    assert f"A test notification was sent to {admin_user.email}" in response.content.decode()
    assert [message.to for message in mail.outbox] == [[admin_user.email]]
    assert Notification.objects.get().recipient == admin_user


def test_staff_who_are_not_administrators_cannot_send_test_messages(client, django_capture_on_commit_callbacks):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_notification"))
    client.force_login(staff)
    assert (
        "Send a test notification"
        not in client.get(reverse("admin:notifications_notification_changelist")).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(SEND_TEST).status_code == 403
    assert mail.outbox == []


def test_the_users_list_action_sends_to_each_active_selected_user(
    rf, admin_user, citizen, django_capture_on_commit_callbacks
):
    """The action the lead attaches to the users' admin (UserAdmin.actions)."""
    closed = UserFactory(is_active=False)
    request = rf.post("/")
    request.user = admin_user
    request._messages = CookieStorage(request)
    with django_capture_on_commit_callbacks(execute=True):
        send_test_notification(site._registry[User], request, User.objects.filter(pk__in=[citizen.pk, closed.pk]))
    assert [message.to for message in mail.outbox] == [[citizen.email]]


def test_only_administrators_may_send_test_messages(citizen, moderator):
    for actor in (citizen, moderator, None):
        with pytest.raises(PermissionDenied):
            services.send_test_message(actor=actor, recipients=[citizen])
