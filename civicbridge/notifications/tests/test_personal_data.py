"""A user's notifications are part of their personal data: exported on request, erased on request."""

from __future__ import annotations

import json

import pytest

from civicbridge.notifications import selectors, services
from civicbridge.notifications.models import Notification, NotificationPreference

from .factories import NotificationFactory, PreferenceFactory

pytestmark = pytest.mark.django_db


def test_export_holds_the_users_own_notifications_and_preferences(citizen):
    NotificationFactory(recipient=citizen, title="Mine")
    NotificationFactory(title="Theirs")
    PreferenceFactory(user=citizen, event="*", channel="email", enabled=False)
    data = selectors.personal_data(citizen)
    assert [n["title"] for n in data["notifications"]] == ["Mine"]
    assert data["notification_preferences"] == [
        {"event": "*", "channel": "email", "enabled": False, "frequency": "instant"}
    ]
    json.dumps(data)  # goes into the JSON download as it is


def test_erase_removes_only_the_users_own(citizen):
    NotificationFactory(recipient=citizen)
    PreferenceFactory(user=citizen)
    theirs = NotificationFactory()
    services.notifications_erase(user=citizen)
    assert list(Notification.objects.all()) == [theirs]
    assert not NotificationPreference.objects.filter(user=citizen).exists()
