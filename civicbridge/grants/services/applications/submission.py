"""Submitting (receipt number, snapshot, notification) and withdrawing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.accounts.selectors import editors_of
from civicbridge.core.permissions import require
from civicbridge.core.workflow import transition
from civicbridge.notifications.services import notify

from ...choices import ApplicationStatus
from ...models import (
    Application,
    Call,
)
from .base import REQUIRED_TEXT, _lock
from .checks import band_for, validate_for_submission

# ---------------------------------------------------------------------------------------------------------------
# Submit and withdraw
# ---------------------------------------------------------------------------------------------------------------


@transaction.atomic
def application_submit(*, actor, application: Application) -> Application:
    """Check everything, then give a receipt number, freeze a snapshot, submit and tell the applicant.

    Refused with every problem at once (field → messages). Receipt numbers count per call without gaps among
    committed submissions: the call's counter is taken under a row lock, inside this transaction.
    """
    locked = _lock(application)
    require(actor, "grants.submit_application", locked)
    problems = validate_for_submission(locked)
    if problems:
        errors: dict[str, list[str]] = {}
        for problem in problems:
            errors.setdefault(problem.field, []).append(problem.message)
        raise ValidationError(errors)
    call = Call.objects.select_for_update().get(pk=locked.call_id)
    call.receipt_sequence += 1
    call.save(update_fields=["receipt_sequence"])
    lines = list(locked.budget_lines.all())
    locked.requested_amount = sum((line.requested for line in lines), Decimal(0))
    locked.cofinancing_amount = sum((line.cofinancing for line in lines), Decimal(0))
    locked.band = band_for(list(call.bands.all()), locked.requested_amount)
    locked.receipt_number = f"{call.code.upper()}-{call.receipt_sequence:05d}"
    locked.submitted_at = timezone.now()
    locked.snapshot = snapshot_of(locked)
    locked.save(
        update_fields=[
            "requested_amount",
            "cofinancing_amount",
            "band",
            "receipt_number",
            "submitted_at",
            "snapshot",
            "updated_at",
        ]
    )
    submitted = transition(locked, "submit", actor=actor)
    notify(
        event="grants.application_received",
        recipients=editors_of(submitted.organisation_id),
        context={"application": submitted},
        target=submitted,
    )
    for name in ("status", "receipt_number", "submitted_at", "band_id", "requested_amount", "cofinancing_amount"):
        setattr(application, name, getattr(submitted, name))
    return submitted


@transaction.atomic
def application_withdraw(*, actor, application: Application, reason: str = "") -> Application:
    """Withdraw a submitted application while the call is still open (the workflow's guard checks the clock)."""
    if application.status == ApplicationStatus.DRAFT:
        raise ValidationError(_("A draft has not been submitted, so there is nothing to withdraw."), code="draft")
    return transition(application, "withdraw", actor=actor, reason=reason)


def snapshot_of(application: Application) -> dict[str, Any]:
    """The application as submitted, as JSON: what the applicant signed, kept even if a registry record changes."""

    def d(value):
        return value.isoformat() if value else None

    def money(value):
        return str(value) if value is not None else None

    tasks = list(application.tasks.all())
    return {
        "receipt_number": application.receipt_number,
        "submitted_at": d(application.submitted_at),
        "call": {"id": application.call_id, "code": application.call.code, "name": application.call.name},
        "currency": application.call.programme.currency,
        "organisation": {
            "id": application.organisation_id,
            "name": application.organisation.name_ru,
            "bin": application.organisation.bin,
            "inn": application.organisation.inn,
        },
        "language": application.language,
        **{field: getattr(application, field) for field in REQUIRED_TEXT},
        "themes": sorted(application.themes.values_list("code", flat=True)),
        "region": application.region_id,
        "starts_on": d(application.starts_on),
        "ends_on": d(application.ends_on),
        "requested_amount": money(application.requested_amount),
        "cofinancing_amount": money(application.cofinancing_amount),
        "band": {"id": application.band_id, "name": application.band.name} if application.band_id else None,
        "tasks": [{"order": t.order, "text": t.text} for t in tasks],
        "activities": [
            {
                "title": a.title,
                "task": a.task.order if a.task_id else None,
                "starts_on": d(a.starts_on),
                "ends_on": d(a.ends_on),
            }
            for a in application.activities.select_related("task")
        ],
        "indicators": [
            {"name": i.name, "unit": i.unit, "target": money(i.target)} for i in application.indicators.all()
        ],
        "partners": [
            {"organisation": p.organisation_id, "name": p.organisation.name_ru, "role": p.role}
            for p in application.partners.select_related("organisation")
        ],
        "team": [{"full_name": t.full_name, "role": t.role, "person": t.person_id} for t in application.team.all()],
        "budget_lines": [
            {
                "category": b.category,
                "item": b.item,
                "unit_cost": money(b.unit_cost),
                "quantity": money(b.quantity),
                "total": money(b.total),
                "requested": money(b.requested),
                "cofinancing": money(b.cofinancing),
            }
            for b in application.budget_lines.all()
        ],
        "documents": [
            {
                "required": doc.required_document.code if doc.required_document_id else None,
                "file": str(doc.file.public_id),
                "name": doc.file.original_name,
                "size": doc.file.size,
                "sha256": doc.file.sha256,
            }
            for doc in application.documents.select_related("required_document", "file")
        ],
    }
