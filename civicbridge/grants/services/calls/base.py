"""What every write of programmes and calls shares: the fields each takes, what locks when, small value helpers."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from civicbridge.core.text import LANGUAGES as LANGS

from ...models import Criterion, DurationTerm, RequiredDocument, SizeBand


def _translated(*names: str) -> set[str]:
    return {f"{name}_{lang}" for name in names for lang in LANGS}


# The call's own fields, apart from its texts (the call form's initial values are read from the same list).
CALL_OWN_FIELDS = (
    "code",
    "opens_at",
    "closes_at",
    "budget",
    "min_cofinancing_percent",
    "eligible_kinds",
    "min_age_months",
    "refuse_overdue_reports",
    "max_active_grants",
    "submission_languages",
    "experts_per_application",
    "divergence_threshold",
    "review_deadline",
)

PROGRAMME_FIELDS = frozenset(
    _translated("name", "description", "priorities")
    | {"funder", "operator", "instrument", "level", "country", "region", "currency", "budget", "is_active"}
)
CALL_FIELDS = frozenset(_translated("name", "description", "priorities") | set(CALL_OWN_FIELDS))
CALL_SETS = ("themes", "eligible_countries", "eligible_regions", "eligible_legal_forms")
PART_FIELDS = {
    "bands": (SizeBand, _translated("name") | {"min_amount", "max_amount", "pass_mark"}),
    "terms": (DurationTerm, _translated("name") | {"min_months", "max_months"}),
    "criteria": (Criterion, _translated("name", "descriptors") | {"weight", "scale_min", "scale_max"}),
    "documents": (RequiredDocument, _translated("name") | {"code", "mandatory"}),
}
# What applicants rely on once they have submitted; and what experts rely on once reviews exist.
APPLICANT_FIELDS = frozenset(
    {
        "code",
        "opens_at",
        "min_cofinancing_percent",
        "eligible_kinds",
        "min_age_months",
        "refuse_overdue_reports",
        "max_active_grants",
        "submission_languages",
        "eligible_countries",
        "eligible_regions",
        "eligible_legal_forms",
        "bands",
        "terms",
        "documents",
    }
)
REVIEW_FIELDS = frozenset({"criteria", "experts_per_application", "divergence_threshold"})


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _money(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
