"""What every step of an application shares: the fixed vocabularies, the lock, the draft-only rule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ...choices import ApplicationStatus
from ...models import (
    Application,
)

CENT = Decimal("0.01")
PURPOSE = "grants.application"
# The fields of the application itself an applicant writes (themes and the parts have their own arguments).
DRAFT_FIELDS = frozenset(
    {"title", "summary", "problem", "target_groups", "goal", "language", "region", "starts_on", "ends_on"}
)
REQUIRED_TEXT = ("title", "summary", "problem", "target_groups", "goal")
PARTS = ("tasks", "activities", "indicators", "partners", "team", "budget_lines")


@dataclass(frozen=True)
class Problem:
    """One reason an application cannot be submitted yet: the field (or part) it concerns and what to mend."""

    field: str
    message: str


def _money(value: Decimal) -> str:
    return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)


def _label(field: str) -> str:
    return str(Application._meta.get_field(field).verbose_name)


def _lock(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("call__programme").get(pk=application.pk)


def _require_draft(application: Application) -> None:
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError(
            _("This application was submitted (receipt %(number)s) and can no longer be changed.")
            % {"number": application.receipt_number or "—"},
            code="not_draft",
        )


def _raise(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise ValidationError(dict(errors))
