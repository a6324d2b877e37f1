"""Moderation of citizens' issues: hide abusive content or personal data from public pages, with a reason; publish a
text with the personal data taken out; show the issue again; let anyone signed in report an issue to moderators.

Each change is saved with save(update_fields) so the audit log records the before and after of the hidden_* and
public_text fields, with the moderator as the actor (docs: core/audit.py).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.accounts.choices import Role
from civicbridge.accounts.selectors import holders_of
from civicbridge.core.context import user_or_none
from civicbridge.core.permissions import require
from civicbridge.notifications.services import notify

from ..choices import HideReason
from ..models import Appeal

NOTE_LIMIT = 2000
REPORT_LIMIT = 1000


def _locked(actor, appeal: Appeal) -> Appeal:
    require(actor, "appeals.moderate_appeal", appeal)
    return Appeal.objects.select_for_update().get(pk=appeal.pk)


def _copy(source: Appeal, target: Appeal, fields: list[str]) -> None:
    for name in fields:
        setattr(target, name, getattr(source, name))


@transaction.atomic
def appeal_hide(*, actor, appeal: Appeal, reason: str, note: str = "", public_text: str | None = None) -> Appeal:
    """Hide an issue's title, text and answer from public pages, with a reason shown publicly and an internal note.

    `public_text`, when given, is saved at the same time (a cleaned text to show once the issue is shown again).
    Hiding an issue that is already hidden changes its reason and note.
    """
    locked = _locked(actor, appeal)
    errors: dict[str, list[str]] = {}
    if reason not in HideReason.values:
        errors["reason"] = [_("Choose why the issue is hidden: abusive content, personal data or off topic.")]
    note = (note or "").strip()
    if len(note) > NOTE_LIMIT:
        errors["note"] = [_("At most %(limit)s characters, please.") % {"limit": NOTE_LIMIT}]
    if errors:
        raise ValidationError(errors)
    locked.hidden_at = locked.hidden_at or timezone.now()
    locked.hidden_reason = reason
    locked.hidden_note = note
    locked.hidden_by = user_or_none(actor)
    fields = ["hidden_at", "hidden_reason", "hidden_note", "hidden_by", "updated_at"]
    if public_text is not None:
        locked.public_text = public_text.strip()
        fields.append("public_text")
    locked.save(update_fields=fields)
    _copy(locked, appeal, fields)
    return locked


@transaction.atomic
def appeal_unhide(*, actor, appeal: Appeal) -> Appeal:
    """Show a hidden issue again (its public text, if a moderator wrote one, stays)."""
    locked = _locked(actor, appeal)
    if locked.hidden_at is None:
        raise ValidationError(_("This issue is not hidden."), code="not_hidden")
    locked.hidden_at = None
    locked.hidden_reason = ""
    locked.hidden_note = ""
    locked.hidden_by = None
    fields = ["hidden_at", "hidden_reason", "hidden_note", "hidden_by", "updated_at"]
    locked.save(update_fields=fields)
    _copy(locked, appeal, fields)
    return locked


@transaction.atomic
def appeal_set_public_text(*, actor, appeal: Appeal, public_text: str) -> Appeal:
    """Publish the issue's text with personal data removed (blank: show the citizen's own text again)."""
    locked = _locked(actor, appeal)
    cleaned = (public_text or "").strip()
    if cleaned and cleaned == locked.text.strip():
        raise ValidationError(
            {"public_text": _("This is the citizen's text unchanged: remove the personal data, or leave it blank.")},
            code="unchanged",
        )
    locked.public_text = cleaned
    locked.save(update_fields=["public_text", "updated_at"])
    _copy(locked, appeal, ["public_text", "updated_at"])
    return locked


@transaction.atomic
def appeal_report(*, actor, appeal: Appeal, note: str) -> None:
    """Anyone signed in tells the moderators that an issue's public text is abusive or shows personal data."""
    require(actor, "appeals.report_appeal", appeal)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what is wrong with this issue's text.")}, code="required")
    if len(note) > REPORT_LIMIT:
        raise ValidationError({"note": _("At most %(limit)s characters, please.") % {"limit": REPORT_LIMIT}})
    notify(
        event="appeals.appeal_reported",
        recipients=holders_of(Role.MODERATOR),
        context={"appeal": appeal, "note": note},
        target=appeal,
    )
