"""A call's workflow: publish a complete draft, close intake and start the review, cancel; one entry for the buttons."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from civicbridge.core.permissions import require
from civicbridge.core.workflow import transition

from ...choices import CallStatus
from ...models import Call
from .base import _add


def when(moment) -> str:
    """An instant as the reader sees it: date and time in the active zone, with the zone's name."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'DATETIME_FORMAT')} ({timezone.get_current_timezone_name()})"


def _completeness(call: Call) -> dict[str, list[str]]:
    """What a call must have before it is published (read from the database)."""
    errors: dict[str, list[str]] = {}
    if not call.bands.exists():
        _add(errors, "bands", _("Add at least one request-size band."))
    if not call.duration_terms.exists():
        _add(errors, "terms", _("Add at least one duration term."))
    if not call.criteria.exists():
        _add(errors, "criteria", _("Add the criteria of the rubric (or choose a preset)."))
    if not call.submission_languages:
        _add(errors, "submission_languages", _("Choose at least one submission language."))
    if call.closes_at <= timezone.now():
        message = _("The closing time %(closes)s has already passed.") % {"closes": when(call.closes_at)}
        _add(errors, "closes_at", message)
    return errors


@transaction.atomic
def call_publish(*, actor, call: Call) -> Call:
    """Publish a complete draft call (bands, terms, rubric, languages, a closing time still ahead)."""
    require(actor, "grants.manage_call", call)
    if call.status == CallStatus.DRAFT:
        errors = _completeness(Call.objects.get(pk=call.pk))
        if errors:
            raise ValidationError(errors)
    return transition(call, "publish", actor=actor)


@transaction.atomic
def call_start_review(*, actor, call: Call) -> Call:
    """Close intake and start the review; only once the call has closed, so no applicant loses time."""
    require(actor, "grants.manage_call", call)
    fresh = Call.objects.get(pk=call.pk)
    if fresh.status == CallStatus.PUBLISHED and timezone.now() < fresh.closes_at:
        raise ValidationError(
            _("The call accepts applications until %(closes)s; start the review after it closes.")
            % {"closes": when(fresh.closes_at)},
            code="call_still_open",
        )
    return transition(call, "start_review", actor=actor)


@transaction.atomic
def call_cancel(*, actor, call: Call, reason: str) -> Call:
    """Cancel a call, with the reason (kept in its history)."""
    require(actor, "grants.manage_call", call)
    return transition(call, "cancel", actor=actor, reason=reason)


CALL_ACTIONS = {"publish": call_publish, "start_review": call_start_review, "cancel": call_cancel}


def call_take_action(*, actor, call: Call, action: str, reason: str = "") -> Call:
    """One entry for the call's buttons: the action's own service (each checks what it needs)."""
    try:
        service = CALL_ACTIONS[action]
    except KeyError:
        raise ValidationError(_("“%(action)s” is not an action on a call here.") % {"action": action}) from None
    if action == "cancel":
        return service(actor=actor, call=call, reason=reason)
    return service(actor=actor, call=call)
