"""Merging duplicates: a coordinator folds one citizens' issue into another that says the same thing.

The duplicate points at the main issue (merged_into) and is declined by the workflow's "merge" action with the reason
"Merged into No. N."; its supporters, and its author, become supporters of the main issue. All in one transaction, with
both rows locked in id order (two coordinators merging crosswise wait for each other instead of deadlocking).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from civicbridge.core.permissions import require
from civicbridge.core.workflow import transition

from ..choices import OPEN_STATUSES
from ..models import Appeal, Supporter


def _locked_pair(duplicate_pk: int, main_pk: int) -> tuple[Appeal, Appeal]:
    rows = Appeal.objects.select_for_update().filter(pk__in=[duplicate_pk, main_pk]).order_by("pk")
    found = {appeal.pk: appeal for appeal in rows}
    if duplicate_pk not in found:
        raise ValidationError(_("This issue no longer exists."), code="not_found")
    if main_pk not in found:
        raise _main_error(_("There is no issue No. %(number)s.") % {"number": main_pk}, "not_found")
    return found[duplicate_pk], found[main_pk]


def _main_error(message: str, code: str) -> ValidationError:
    """An error on the form's "main" field (the other issue's number), with its code."""
    return ValidationError({"main": ValidationError(message, code=code)})


def _check(duplicate: Appeal, main: Appeal) -> None:
    if duplicate.pk == main.pk:
        raise _main_error(_("An issue cannot be merged into itself."), "self")
    if main.merged_into_id is not None:
        message = _("Issue No. %(number)s was itself merged into No. %(into)s: merge into that one.")
        raise _main_error(message % {"number": main.pk, "into": main.merged_into_id}, "chain")
    if main.status not in OPEN_STATUSES:
        message = _("Issue No. %(number)s is no longer open, so nothing can be merged into it.")
        raise _main_error(message % {"number": main.pk}, "main_closed")
    if duplicate.merged_into_id is not None:
        raise ValidationError(
            _("This issue is already merged into No. %(number)s.") % {"number": duplicate.merged_into_id},
            code="already_merged",
        )
    if duplicate.status not in OPEN_STATUSES:
        raise ValidationError(_("Only an open issue can be merged into another."), code="closed")


def _carry_supporters(duplicate: Appeal, main: Appeal) -> int:
    """Make the duplicate's supporters and author supporters of the main issue (skipping those already there and the
    main issue's own author); recount. Returns how many were added."""
    wanted = set(Supporter.objects.filter(appeal=duplicate).values_list("user_id", flat=True))
    if duplicate.author_id is not None:
        wanted.add(duplicate.author_id)
    wanted.discard(main.author_id)
    present = set(Supporter.objects.filter(appeal=main, user_id__in=wanted).values_list("user_id", flat=True))
    new = sorted(wanted - present)
    Supporter.objects.bulk_create([Supporter(appeal=main, user_id=user_id) for user_id in new], ignore_conflicts=True)
    count = Supporter.objects.filter(appeal=main).count()
    Appeal.objects.filter(pk=main.pk).update(supporters_count=count)
    main.supporters_count = count
    return len(new)


@transaction.atomic
def appeal_merge(*, actor, duplicate: Appeal, main: Appeal | int) -> Appeal:
    """Merge `duplicate` into `main` (an issue or its number): the duplicate is declined as merged, its supporters
    carry over, its citizen is told. Returns the main issue."""
    require(actor, "appeals.merge_appeal", duplicate)
    main_pk = main if isinstance(main, int) else main.pk
    locked, target = _locked_pair(duplicate.pk, main_pk)
    _check(locked, target)
    # Issues merged earlier into this duplicate now point at the main one: no chains.
    for earlier in Appeal.objects.select_for_update().filter(merged_into=locked).order_by("pk"):
        earlier.merged_into = target
        earlier.save(update_fields=["merged_into", "updated_at"])
    locked.merged_into = target
    locked.save(update_fields=["merged_into", "updated_at"])  # the merge action's guard asks for it
    duplicate.merged_into = target
    # The caller's copy: transition() compares its status with the row's (stale_state) and gives it the new one.
    transition(duplicate, "merge", actor=actor, reason=_("Merged into No. %(number)s.") % {"number": target.pk})
    _carry_supporters(locked, target)
    # The citizen hears of it from the lifecycle's e-mail on every transition (status_changed names the main issue).
    return target
