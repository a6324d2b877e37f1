"""Writes of "me too": a signed-in person supports an open public issue once, and may withdraw.

The unique constraint (appeal, user) keeps one support per person; the count on the issue moves by F() under the
issue's row lock, so two people supporting at once both count, and a merge or a status change in between is seen.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from civicbridge.core.permissions import require

from ..choices import OPEN_STATUSES
from ..models import Appeal, Supporter


def _check_supportable(appeal: Appeal) -> None:
    if appeal.merged_into_id is not None:
        raise ValidationError(
            _("This issue was merged into issue No. %(number)s: support that one instead.")
            % {"number": appeal.merged_into_id},
            code="merged",
        )
    if appeal.hidden_at is not None:
        raise ValidationError(_("This issue is hidden by a moderator and cannot be supported."), code="hidden")
    if appeal.status not in OPEN_STATUSES:
        raise ValidationError(_("Only an issue still waiting for an answer can be supported."), code="closed")


@transaction.atomic
def support_add(*, actor, appeal: Appeal) -> Appeal:
    """Add the actor's "me too" to an open issue (once; again is harmless). Returns the issue with its new count."""
    require(actor, "appeals.support_appeal", appeal)
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    _check_supportable(locked)
    if locked.author_id == actor.pk:
        raise ValidationError(_("You raised this issue yourself: it already counts you."), code="own")
    try:
        with transaction.atomic():  # a savepoint: a second click refused by the database leaves the transaction usable
            Supporter.objects.create(appeal=locked, user=actor)
    except IntegrityError:
        return locked  # already a supporter
    Appeal.objects.filter(pk=locked.pk).update(supporters_count=F("supporters_count") + 1)
    locked.refresh_from_db(fields=["supporters_count"])
    appeal.supporters_count = locked.supporters_count
    return locked


@transaction.atomic
def support_withdraw(*, actor, appeal: Appeal) -> Appeal:
    """Take the actor's support back (nothing happens when they did not support it)."""
    require(actor, "appeals.support_appeal", appeal)
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    deleted, _rows = Supporter.objects.filter(appeal=locked, user=actor).delete()
    if deleted:
        Appeal.objects.filter(pk=locked.pk, supporters_count__gt=0).update(supporters_count=F("supporters_count") - 1)
        locked.refresh_from_db(fields=["supporters_count"])
    appeal.supporters_count = locked.supporters_count
    return locked


def supports(user, appeal: Appeal) -> bool:
    """Whether the user supports the issue (for the button)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Supporter.objects.filter(appeal_id=appeal.pk, user_id=user.pk).exists()
