"""Factories for notifications and preferences."""

import factory

from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.notifications.models import Notification, NotificationPreference


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    event = "notifications.sample_digestible"
    title = factory.Sequence(lambda n: f"Notification {n}")
    body = "Something happened.\nhttp://127.0.0.1:8000/notifications/"
    url = "/notifications/"


class PreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationPreference

    user = factory.SubFactory(UserFactory)
    event = "notifications.sample_digestible"
    channel = "email"
    enabled = True
    frequency = "instant"
