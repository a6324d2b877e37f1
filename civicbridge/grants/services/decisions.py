"""Committee decisions on applications (award, reject, waitlist) and publishing a call's results.

A decision is one `Decision` row plus the application's transition, written in one transaction: either both are
stored or neither. The database allows one decision per application (a one-to-one key); a second attempt — even
from a second committee member pressing the button at the same moment — is refused with a clear message. The one
change allowed later is the one the workflow allows: a waitlisted application may still be awarded or rejected, and
then its decision row is updated (the history keeps both steps).
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civicbridge.accounts.selectors import editors_of
from civicbridge.core.context import user_or_none
from civicbridge.core.permissions import require
from civicbridge.core.workflow import transition
from civicbridge.notifications.services import notify

from ..choices import ApplicationStatus, CallStatus, Outcome
from ..models import Application, Call, Decision
from ..workflow import APPLICATION_WORKFLOW

CENT = Decimal("0.01")
# Applications that still wait for screening, review or a decision: results cannot be published while any remain.
UNDECIDED = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.ELIGIBLE,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.REVIEWED,
)


def _already_decided(decision: Decision) -> ValidationError:
    return ValidationError(
        _("A decision on this application has already been recorded (protocol № %(protocol)s of %(date)s)."),
        code="already_decided",
        params={"protocol": decision.protocol_number, "date": formats.date_format(decision.decided_on)},
    )


def _clean_amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({"amount": _("Enter the amount as a number.")}) from None
    if not amount.is_finite():
        raise ValidationError({"amount": _("Enter the amount as a number.")})
    return amount


def committed_amount(call: Call, *, exclude: Application | None = None) -> Decimal:
    """The money a call has awarded so far (the sum of its award decisions)."""
    qs = Decision.objects.filter(application__call=call, outcome=Outcome.AWARD)
    if exclude is not None:
        qs = qs.exclude(application=exclude)
    return qs.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def _validate(
    *, application: Application, call: Call, outcome: str, amount, reason: str, protocol_number: str, decided_on
) -> Decimal | None:
    """Every problem with the decision at once, field by field."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if outcome not in Outcome.values:
        add("outcome", _("Choose award, reject or waitlist."))
    if not reason.strip():
        add("reason", _("Give the reason for the decision."))
    if not protocol_number.strip():
        add("protocol_number", _("Enter the number of the committee's protocol."))
    if not isinstance(decided_on, datetime.date):
        add("decided_on", _("Enter the date of the protocol."))
    elif decided_on > timezone.localdate():
        add("decided_on", _("The date of the protocol cannot be in the future."))
    try:
        amount = _clean_amount(amount)
    except ValidationError as exc:
        errors.setdefault("amount", []).extend(exc.messages)
        amount = None
        outcome = None  # the amount checks below would only repeat the problem
    if outcome == Outcome.AWARD:
        if amount is None:
            add("amount", _("Enter the amount awarded."))
        elif amount <= 0:
            add("amount", _("The amount awarded must be more than zero."))
        elif amount != amount.quantize(CENT):
            add("amount", _("The amount can have at most two decimal places."))
        elif amount > application.requested_amount:
            add(
                "amount",
                _("The amount awarded cannot exceed the amount requested (%(requested)s %(currency)s).")
                % {
                    "requested": formats.number_format(application.requested_amount, 2, force_grouping=True),
                    "currency": call.currency,
                },
            )
        else:
            left = call.budget - committed_amount(call, exclude=application)
            if amount > left:
                add(
                    "amount",
                    _("The call's budget has %(left)s %(currency)s left; this award would exceed it.")
                    % {"left": formats.number_format(left, 2, force_grouping=True), "currency": call.currency},
                )
    elif outcome in (Outcome.REJECT, Outcome.WAITLIST) and amount is not None:
        add("amount", _("Only an award has an amount; leave it empty."))
    if errors:
        raise ValidationError(errors)
    return amount if outcome == Outcome.AWARD else None


@transaction.atomic
def decision_record(
    *,
    actor,
    application: Application,
    outcome: str,
    reason: str,
    protocol_number: str,
    decided_on: datetime.date,
    amount: Decimal | str | None = None,
) -> Decision:
    """Record the committee's decision on an application (award with an amount, reject or waitlist) and notify it.

    Refuses a second decision; a waitlisted application's decision may become an award or a rejection.
    """
    require(actor, "grants.decide", application)
    # Lock the call, then the application: two awards racing for the last of the budget are serialised, and so are
    # two committee members deciding the same application.
    call = Call.objects.select_for_update(of=("self",)).select_related("programme").get(pk=application.call_id)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    reason, protocol_number = (reason or "").strip(), (protocol_number or "").strip()
    existing = Decision.objects.filter(application=locked).first()
    upgrading = (
        existing is not None and existing.outcome == Outcome.WAITLIST and locked.status == ApplicationStatus.WAITLISTED
    )
    if existing is not None and not (upgrading and outcome in (Outcome.AWARD, Outcome.REJECT)):
        raise _already_decided(existing)
    if call.status == CallStatus.CANCELLED:
        raise ValidationError(_("The call was cancelled: no decisions can be recorded."), code="call_cancelled")
    if outcome in Outcome.values and outcome not in APPLICATION_WORKFLOW.transitions_from(locked.status):
        # Said before the field checks: an amount problem is beside the point while no decision is possible at all.
        raise ValidationError(
            _("A decision can be recorded only on a reviewed or waitlisted application; this one is “%(status)s”.")
            % {"status": locked.get_status_display()},
            code="not_decidable",
        )
    amount = _validate(
        application=locked,
        call=call,
        outcome=outcome,
        amount=amount,
        reason=reason,
        protocol_number=protocol_number,
        decided_on=decided_on,
    )
    fields = {
        "outcome": outcome,
        "amount": amount,
        "reason": reason,
        "protocol_number": protocol_number,
        "decided_on": decided_on,
        "decided_by": user_or_none(actor),
    }
    if upgrading:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save(update_fields=[*fields, "updated_at"])
        decision = existing
    else:
        try:
            with transaction.atomic():  # a savepoint: the refusal below must leave the outer transaction usable
                decision = Decision.objects.create(application=locked, **fields)
        except IntegrityError:
            # The one-to-one key: someone recorded a decision between our check and our insert.
            existing = Decision.objects.filter(application=locked).first()
            if existing is None:
                raise
            raise _already_decided(existing) from None
    # The workflow checks the state (only a reviewed or waitlisted application can be decided) and writes history.
    transition(locked, str(outcome), actor=actor, reason=reason)
    application.refresh_from_db(fields=["status", "updated_at"])
    notify(
        event="grants.decision",
        recipients=editors_of(locked.organisation_id),
        context={
            "application": locked,
            "outcome": str(outcome),
            "amount": amount,
            "currency": call.currency,
            "reason": reason,
            "protocol_number": protocol_number,
        },
        target=locked,
    )
    return decision


@transaction.atomic
def call_publish_results(*, actor, call: Call) -> Call:
    """Publish a call's results once every application it received has a decision (or left the race)."""
    require(actor, "grants.manage_call", call)
    locked = Call.objects.select_for_update().get(pk=call.pk)
    undecided = locked.applications.filter(status__in=UNDECIDED).count()
    if locked.status == CallStatus.IN_REVIEW and undecided:
        raise ValidationError(
            ngettext(
                "%(count)d application has no decision yet: record it before publishing the results.",
                "%(count)d applications have no decision yet: record them before publishing the results.",
                undecided,
            )
            % {"count": undecided},
            code="undecided",
        )
    locked = transition(locked, "publish_results", actor=actor)
    locked.results_published_at = timezone.now()
    locked.save(update_fields=["results_published_at", "updated_at"])
    call.refresh_from_db(fields=["status", "results_published_at", "updated_at"])
    return locked
