"""Writes: `notify` (queued after commit), marking notifications read, and a user's preferences."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from civicbridge.core.permissions import require

from . import rendering, selectors
from .choices import Channel, Frequency
from .models import Notification, NotificationPreference
from .registry import Event, configurable_events, get_event

logger = logging.getLogger("civicbridge.notifications")

TEST_MESSAGE = "notifications.test_message"


def notify(
    *, event: str, recipients: Iterable[Any], context: dict[str, Any], target: models.Model | None = None
) -> None:
    """Tell `recipients` (users or their ids) that `event` happened; sent by a job once the transaction commits.

    Call it inside the service's transaction: if that rolls back, nothing is sent. Each recipient gets one
    notification per call however often they are listed. `context` may hold model instances, aware datetimes,
    dates, Decimals and JSON values; the job fetches the instances again and renders the templates in each
    recipient's language and time zone. `context["url"]` overrides the link (else the target's page).
    """
    get_event(event)  # an undeclared event is a programming error: fail in the caller, not in the job
    recipient_ids = list(dict.fromkeys(getattr(r, "pk", r) for r in recipients if r is not None))
    if not recipient_ids:
        return
    payload = {
        "event": event,
        "recipient_ids": recipient_ids,
        "context": rendering.encode(dict(context)),
        "target": _target_ref(target),
    }
    transaction.on_commit(lambda: _enqueue(payload))


def _target_ref(target: models.Model | None) -> list | None:
    if target is None:
        return None
    if target.pk is None:
        raise TypeError("notify: the target must be saved")
    return [ContentType.objects.get_for_model(target).pk, str(target.pk)]


def _enqueue(payload: dict[str, Any]) -> None:
    """Hand the delivery to the job queue (it runs at once when there is no broker)."""
    from .tasks import deliver

    try:
        deliver.delay(**payload)
    except OperationalError:
        # The broker is down: the change is committed and must stay so; the notification is lost and logged.
        logger.exception(
            "notification %s for %d users could not be queued", payload["event"], len(payload["recipient_ids"])
        )


def notification_mark_read(*, user, notification: Notification) -> Notification:
    """Mark one of the user's notifications read (again is harmless)."""
    require(user, "notifications.change_notification", notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of the user read; returns how many."""
    require(user, "notifications.view_notification")
    return selectors.inbox(user).filter(read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preferences_set(*, user, choices: dict[str, dict[str, bool]]) -> None:
    """Save the user's choices {event key: {"inapp": bool, "email": bool, "digest": bool}}.

    A row is kept only where the choice differs from what the user would get without it (the event's default or
    their '*' row), so a later change of an event's default still reaches users who never touched it.
    """
    require(user, "notifications.change_notificationpreference")
    events = [event for event in configurable_events() if event.key in choices]
    rows = selectors.preference_rows([user.pk], [event.key for event in events]).get(user.pk, {})
    for event in events:
        baseline = selectors.delivery(event, rows, specific=False)
        wanted = choices[event.key]
        inapp = bool(wanted.get("inapp"))
        _save_channel(user, event, Channel.INAPP, inapp, Frequency.INSTANT, same=inapp == baseline.inapp)
        email = bool(wanted.get("email"))
        digest = email and event.digestible and bool(wanted.get("digest"))
        frequency = Frequency.DIGEST if digest else Frequency.INSTANT
        same = email == baseline.email and digest == baseline.digest
        _save_channel(user, event, Channel.EMAIL, email, frequency, same=same)


def _save_channel(user, event: Event, channel: str, enabled: bool, frequency: str, *, same: bool) -> None:
    if same:
        NotificationPreference.objects.filter(user=user, event=event.key, channel=channel).delete()
    else:
        NotificationPreference.objects.update_or_create(
            user=user, event=event.key, channel=channel, defaults={"enabled": enabled, "frequency": frequency}
        )


def send_test_message(*, actor, recipients: Iterable[Any]) -> int:
    """Send the test notification (website and e-mail, whatever their preferences) to check the e-mail settings."""
    require(actor, "notifications.send_test_message")
    users = [user for user in recipients if getattr(user, "is_active", True)]
    with transaction.atomic():
        context = {"sender": actor, "sent_at": timezone.now(), "url": reverse("notifications:inbox")}
        notify(event=TEST_MESSAGE, recipients=users, context=context)
    return len(users)


@transaction.atomic
def notifications_erase(*, user) -> None:
    """Delete the user's notifications and preferences (erasure of personal data on request)."""
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
