"""The lifecycle of an issue, only through core.workflow: accept, start, answer, decline, reopen; e-mails per step."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.core import workflow
from civicbridge.notifications.rendering import site_url

from .. import links
from ..choices import AppealStatus
from ..links import ReopenLink
from ..models import Appeal
from ..notifications import STATUS_CHANGED, tell_citizen
from ..workflow import APPEAL_WORKFLOW


@transaction.atomic
def appeal_accept(appeal: Appeal, *, actor) -> Appeal:
    locked = workflow.transition(appeal, "accept", actor=actor)
    now = timezone.now()
    Appeal.objects.filter(pk=locked.pk).update(accepted_at=now)
    appeal.accepted_at = locked.accepted_at = now
    return locked


@transaction.atomic
def appeal_start(appeal: Appeal, *, actor) -> Appeal:
    return workflow.transition(appeal, "start", actor=actor)


@transaction.atomic
def appeal_answer(appeal: Appeal, *, actor, answer: str) -> Appeal:
    """Write the answer and mark the issue answered (the workflow's guard refuses an empty answer)."""
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer to the citizen.")}, code="required")
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if locked.status != appeal.status:
        # Let the workflow explain the stale state (it compares the caller's copy with the stored one).
        return workflow.transition(appeal, "answer", actor=actor)
    now = timezone.now()
    Appeal.objects.filter(pk=appeal.pk).update(
        answer=answer, answered_at=now, answered_by_organisation_id=locked.responsible_id
    )
    locked = workflow.transition(appeal, "answer", actor=actor)
    appeal.answer, appeal.answered_at = locked.answer, locked.answered_at
    appeal.answered_by_organisation_id = locked.answered_by_organisation_id
    return locked


@transaction.atomic
def appeal_decline(appeal: Appeal, *, actor, reason: str) -> Appeal:
    return workflow.transition(appeal, "decline", actor=actor, reason=reason)


@transaction.atomic
def appeal_reopen(appeal: Appeal, *, actor, reason: str) -> Appeal:
    """The author says "not resolved": back to work, counted, no longer answered (the old answer stays on record)."""
    locked = workflow.transition(appeal, "reopen", actor=actor, reason=reason)
    Appeal.objects.filter(pk=locked.pk).update(reopened_count=F("reopened_count") + 1, answered_at=None)
    locked.refresh_from_db(fields=["reopened_count", "answered_at"])
    appeal.reopened_count, appeal.answered_at = locked.reopened_count, None
    return locked


def link_state(token: str) -> tuple[ReopenLink, Appeal]:
    """The link's holder and its issue, or a ValidationError saying why the link cannot be used (the page asks)."""
    link = links.read_token(token)
    appeal = Appeal.objects.filter(pk=link.appeal_id).first()
    if appeal is None:
        raise ValidationError(_("This issue no longer exists."), code="gone")
    if appeal.status != AppealStatus.ANSWERED or appeal.answered_at != link.answered_at:
        raise ValidationError(
            _("This link was already used, or the issue has a newer answer: see the issue's page for its status."),
            code="used",
        )
    return link, appeal


def appeal_reopen_by_link(token: str, *, reason: str) -> Appeal:
    """A citizen without an account says "not resolved" through the signed link of the "answered" e-mail.

    The step is the workflow's reopen, taken with the link as actor (the rule holds_reopen_link checks, on the locked
    row, that the issue still stands answered with the answer the link was sent for); the history has no actor."""
    link, appeal = link_state(token)
    try:
        return appeal_reopen(appeal, actor=link, reason=reason)
    except PermissionDenied as exc:  # a new answer landed between the check and the lock
        raise ValidationError(
            _("This link was already used, or the issue has a newer answer: see the issue's page for its status."),
            code="used",
        ) from exc


ACTIONS = {
    "accept": lambda appeal, actor, text: appeal_accept(appeal, actor=actor),
    "start": lambda appeal, actor, text: appeal_start(appeal, actor=actor),
    "answer": lambda appeal, actor, text: appeal_answer(appeal, actor=actor, answer=text),
    "decline": lambda appeal, actor, text: appeal_decline(appeal, actor=actor, reason=text),
    "reopen": lambda appeal, actor, text: appeal_reopen(appeal, actor=actor, reason=text),
}


def appeal_act(appeal: Appeal, action: str, *, actor, text: str = "") -> Appeal:
    """One of the buttons of the manage page (merging needs the other issue: services/duplicates.py)."""
    if action not in ACTIONS:
        raise ValidationError(_("Unknown action."), code="unknown_action")
    return ACTIONS[action](appeal, actor, text)


def _reopen_url(appeal: Appeal) -> str:
    """Where the citizen says "not resolved": a signed link when the e-mail goes to a consented contact address (the
    citizen may have no account; notifications.tell_citizen picks that address first), else the author's manage page
    (the public page has no buttons)."""
    if appeal.answered_at is not None and appeal.contact_consent_at is not None and appeal.contact_email:
        return site_url(links.reopen_path(appeal))
    if appeal.author_id:
        return site_url(reverse("appeals:manage", args=[appeal.pk]))
    return ""


def on_transition(sender, obj, action, source, target, actor, reason, history, **kwargs) -> None:
    """After each committed step, tell the citizen (core.workflow.transitioned, connected in apps.py).

    The step and its status go into the context as text: the job re-reads the issue, which may have moved on since."""
    appeal = Appeal.objects.select_related("responsible", "merged_into").get(pk=obj.pk)
    context = {
        "step": action,
        "status": str(APPEAL_WORKFLOW.state_label(target)),
        "reason": reason,
        "answer": appeal.answer if target == AppealStatus.ANSWERED else "",
        "reopen_url": _reopen_url(appeal) if target == AppealStatus.ANSWERED else "",
    }
    tell_citizen(appeal, STATUS_CHANGED, context)
