"""Events of citizens' issues. Templates: templates/appeals/email/<event>_{subject,body}.txt (docs/notifications.md).

The citizen is told at each step: at their consented contact e-mail if they gave one (they may have no account — the
organiser recorded the issue at a meeting), else at their account's e-mail, never if neither. The responsible
organisation's people are told when an issue reaches them.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from civicbridge.notifications import rendering
from civicbridge.notifications.choices import Channel
from civicbridge.notifications.registry import get_event, register_event

logger = logging.getLogger("civicbridge.appeals")

BOTH = {Channel.EMAIL, Channel.INAPP}

RECEIVED = "appeals.received"
STATUS_CHANGED = "appeals.status_changed"
TRANSFERRED = "appeals.transferred"
ASSIGNED = "appeals.assigned"

for key, label in [
    # To the citizen: "received, number N, goes to X, answer expected by D"; then each step of its lifecycle.
    ("received", _("Your issue was received")),
    ("status_changed", _("Your issue moved to a new step")),
    ("transferred", _("Your issue was passed to another organisation")),
    # To the responsible organisation's people.
    ("assigned", _("A citizens' issue was routed to your organisation")),
]:
    register_event(key=f"appeals.{key}", label=label, template=f"appeals/email/{key}", default_channels=BOTH)


def tell_citizen(appeal, event: str, context: dict) -> None:
    """After commit: to the consented contact e-mail, else to the author's account (by notify), else to nobody."""
    get_event(event)
    context = {**context, "appeal": appeal}
    if appeal.contact_consent_at is not None and appeal.contact_email:
        address, language, pk = appeal.contact_email, appeal.language, appeal.pk
        transaction.on_commit(lambda: _mail_address(address, language, event, pk, context))
    elif appeal.author_id is not None:
        from civicbridge.notifications.services import notify

        notify(event=event, recipients=[appeal.author_id], context=context, target=appeal)


def _address_footer(language: str) -> str:
    with translation.override(language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE):
        return str(_("You get this e-mail because you gave this address with your issue on CivicBridge."))


def _mail_address(address: str, language: str, event_key: str, appeal_pk: int, context: dict) -> None:
    """Render the event's templates in the issue's language and send them to an address that is not an account."""
    from .models import Appeal

    event = get_event(event_key)
    appeal = Appeal.objects.select_related("responsible", "category").filter(pk=appeal_pk).first()
    if appeal is None:
        return
    languages = {code for code, _name in settings.LANGUAGES}
    with translation.override(language if language in languages else settings.LANGUAGE_CODE):
        full = {
            **context,
            "appeal": appeal,
            "recipient": None,
            "url": rendering.site_url(appeal.get_absolute_url()),
            "site_name": "CivicBridge",
            "site_url": rendering.site_url(),
        }
        subject = rendering.one_line(rendering.render_text(event.subject_template, full))
        body = rendering.render_text(event.body_template, full).strip()
    message = EmailMessage(
        subject=subject,
        body=f"{body}\n\n-- \n{_address_footer(language)}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={"Auto-Submitted": "auto-generated"},
    )
    try:
        message.send()
    except Exception:  # a refused address must not turn a saved step into an error
        logger.exception("e-mail %s about issue %s could not be sent", event_key, appeal_pk)


# Moderation and deadlines: a report to the moderators; a daily digest of newly overdue issues to the
# responsible organisation's people.
for key, label, digestible in [
    ("appeal_reported", _("Someone reported a citizens' issue to the moderators"), True),
    ("overdue_digest", _("Issues of your organisation became overdue"), False),
]:
    register_event(
        key=f"appeals.{key}", label=label, template=f"appeals/email/{key}", default_channels=BOTH, digestible=digestible
    )
