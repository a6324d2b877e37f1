"""What the jobs do: render and store each recipient's notification, send e-mail, and send the daily digests."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from . import rendering, selectors
from .models import Notification
from .registry import get_event

logger = logging.getLogger("civicbridge.notifications")

DIGEST_BATCH = 200  # users per digest transaction
BATCH = 500  # recipients fetched and stored per round: bounded memory and SQL parameters for large fan-outs
# RFC 3834: tells mail servers and out-of-office robots not to answer an automatic message.
HEADERS = {"Auto-Submitted": "auto-generated"}


def _target(ref: list | None) -> tuple[ContentType | None, str, models.Model | None]:
    if not ref:
        return None, "", None
    content_type = ContentType.objects.get_for_id(ref[0])
    model = content_type.model_class()
    obj = model._default_manager.filter(pk=ref[1]).first() if model is not None else None
    return content_type, str(ref[1]), obj


def _message(user, subject: str, body: str, connection) -> EmailMessage:
    return EmailMessage(
        subject=subject,
        body=f"{body}\n\n-- \n{rendering.email_footer()}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers=HEADERS,
        connection=connection,
    )


def _send(message: EmailMessage, what: str) -> bool:
    """Send one e-mail; a refused address must not stop the others (it is logged, and the row says not e-mailed)."""
    try:
        message.send()
    except Exception:  # any transport error: SMTP, DNS, a refused recipient
        logger.exception("e-mail %s to user could not be sent", what)
        return False
    return True


def _send_all(connection, mails: list[tuple[int, EmailMessage]], what: str) -> set[int]:
    """Send over one connection (one SMTP session, not one per message); the ids of the users reached."""
    if not mails:
        return set()
    try:
        connection.open()
    except Exception:  # the mail server is unreachable: the in-app notifications stand, the e-mails are lost
        logger.exception("mail server unreachable: %d e-mails %s not sent", len(mails), what)
        return set()
    try:
        return {user_id for user_id, message in mails if _send(message, what)}
    finally:
        connection.close()


def deliver(*, event: str, recipient_ids: list[int], context: dict[str, Any], target: list | None = None) -> dict:
    """Store the in-app notifications and send the instant e-mails of one `notify` call."""
    spec = get_event(event)
    content_type, object_id, target_obj = _target(target)
    decoded = rendering.decode(context)
    users_model = get_user_model()
    counts = {"inapp": 0, "email": 0, "digest": 0}
    connection = get_connection()
    for start in range(0, len(recipient_ids), BATCH):
        ids = recipient_ids[start : start + BATCH]
        users = list(users_model.objects.filter(pk__in=ids, is_active=True).order_by("pk"))
        rows = selectors.preference_rows([user.pk for user in users], [spec.key])
        rows_to_store, mails = [], []
        for user in users:
            choice = selectors.delivery(spec, rows.get(user.pk, {}))
            if not choice.anything:
                continue
            with rendering.as_recipient(user):
                title, body, path = rendering.render_event(spec, user, decoded, target_obj)
                if choice.email and not choice.digest and user.email:
                    mails.append((user.pk, _message(user, title, body, connection)))
            if choice.inapp or choice.digest:
                rows_to_store.append(
                    Notification(
                        recipient=user,
                        event=spec.key,
                        title=title,
                        body=body,
                        url=path,
                        content_type=content_type,
                        object_id=object_id,
                        in_inbox=choice.inapp,
                        digest_pending=choice.digest,
                    )
                )
                counts["inapp"] += choice.inapp
                counts["digest"] += choice.digest
        stored = Notification.objects.bulk_create(rows_to_store)
        sent_to = _send_all(connection, mails, spec.key)
        counts["email"] += len(sent_to)
        _update([row.pk for row in stored if row.recipient_id in sent_to], emailed_at=timezone.now())
    return counts


def send_digests() -> dict:
    """One e-mail per user with their notifications waiting for the digest and still unread; then clear the queue."""
    pending = Notification.objects.filter(digest_pending=True)
    user_ids = sorted(set(pending.order_by().values_list("recipient_id", flat=True).distinct()))
    counts = {"users": 0, "items": 0}
    connection = get_connection()
    for start in range(0, len(user_ids), DIGEST_BATCH):
        users, items = _digest_batch(user_ids[start : start + DIGEST_BATCH], connection)
        counts["users"] += users
        counts["items"] += items
    return counts


@transaction.atomic
def _digest_batch(user_ids: list[int], connection) -> tuple[int, int]:
    """Send the digests of some users and take their rows off the queue, in one transaction.

    Rows claimed by a concurrent run are skipped (PostgreSQL; SQLite serialises writers anyway). A user whose
    e-mail fails keeps their rows queued for the next run; a crash mid-batch re-sends at most this batch.
    """
    rows = list(
        Notification.objects.select_for_update(skip_locked=True)
        .filter(recipient_id__in=user_ids, digest_pending=True)
        .order_by("recipient_id", "id")
    )
    users = get_user_model().objects.in_bulk([row.recipient_id for row in rows])
    try:
        connection.open()
    except Exception:
        logger.exception("mail server unreachable: digests wait for the next run")
        return 0, 0
    by_user: dict[int, list[Notification]] = {}
    for row in rows:
        by_user.setdefault(row.recipient_id, []).append(row)
    done: list[int] = []
    emailed: list[int] = []
    sent = 0
    try:
        for user_id, user_rows in by_user.items():
            user = users.get(user_id)
            unread = [row for row in user_rows if row.read_at is None]
            if user is not None and user.is_active and user.email and unread:
                with rendering.as_recipient(user):
                    subject, body = _digest_text(user, unread)
                    message = _message(user, subject, body, connection)
                if not _send(message, "digest"):
                    continue
                emailed += [row.pk for row in unread]
                sent += 1
            done += [row.pk for row in user_rows]
    finally:
        connection.close()
    _update(emailed, emailed_at=timezone.now())
    _update(done, digest_pending=False)
    return sent, len(emailed)


def _update(ids: list[int], **values: Any) -> None:
    """UPDATE rows by id, 500 ids a statement (SQLite limits the parameters of one statement)."""
    for start in range(0, len(ids), BATCH):
        Notification.objects.filter(pk__in=ids[start : start + BATCH]).update(**values)


def _digest_text(user, rows: list[Notification]) -> tuple[str, str]:
    context = {
        "recipient": user,
        "items": [{"title": row.title, "url": rendering.site_url(row.url) if row.url else ""} for row in rows],
        "count": len(rows),
        "inbox_url": rendering.site_url(reverse("notifications:inbox")),
    }
    subject = rendering.one_line(rendering.render_text("notifications/email/digest_subject.txt", context))
    body = rendering.render_text("notifications/email/digest_body.txt", context).strip()
    return subject, body
