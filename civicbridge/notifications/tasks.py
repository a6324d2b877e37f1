"""Jobs: deliver the notifications of one `notify` call; send the daily digests (scheduled by beat)."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from civicbridge.core.context import acting_as

from . import delivery


@shared_task(name="notifications.deliver")
def deliver(*, event: str, recipient_ids: list[int], context: dict[str, Any], target: list | None = None) -> dict:
    """Store in-app notifications and send instant e-mails for one event (queued by `notify` after commit)."""
    with acting_as(None):
        return delivery.deliver(event=event, recipient_ids=recipient_ids, context=context, target=target)


@shared_task(name="notifications.send_digests")
def send_digests() -> dict:
    """Daily: one e-mail per user who chose the digest, listing their unread notifications since the last one."""
    with acting_as(None):
        return delivery.send_digests()
