"""Create and edit a call with its sets and parts; what a call may still change at its stage, and why not."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.core.permissions import require
from civicbridge.registry.choices import OrganisationKind
from civicbridge.registry.models import Country, LegalForm, Region, Theme

from ...choices import ApplicationStatus, CallStatus
from ...models import Call, Programme, Review
from .base import APPLICANT_FIELDS, CALL_FIELDS, CALL_SETS, PART_FIELDS, REVIEW_FIELDS, _add, _strip
from .parts import _clean_parts, _existing_rows, _same_rows, _save_parts, preset_rows


def _check_call(call: Call, sets: dict[str, list], parts: dict[str, list[dict]], errors: dict[str, list[str]]) -> None:
    """Check a call as a whole (fields, sets and the parts it will have), adding to `errors`."""
    if not (call.name_ru or "").strip():
        _add(errors, "name_ru", _("Enter the name in Russian."))
    try:
        validate_slug(call.code or "")
    except ValidationError:
        _add(errors, "code", _("The code may contain only Latin letters, digits, - and _ (for example kz-2027-1)."))
    else:
        if Call.objects.filter(code=call.code).exclude(pk=call.pk).exists():
            _add(errors, "code", _("Another call already has the code “%(code)s”.") % {"code": call.code})
    for name in ("opens_at", "closes_at", "review_deadline"):
        value = getattr(call, name)
        if value is not None and timezone.is_naive(value):
            raise ValueError(f"{name} must be an aware datetime")
    if call.opens_at is None:
        _add(errors, "opens_at", _("Enter when the call opens."))
    if call.closes_at is None:
        _add(errors, "closes_at", _("Enter when the call closes."))
    if call.opens_at and call.closes_at and call.closes_at <= call.opens_at:
        _add(errors, "closes_at", _("The call must close after it opens."))
    if call.review_deadline and call.closes_at and call.review_deadline <= call.closes_at:
        _add(errors, "review_deadline", _("The review deadline must come after the call closes."))
    if call.budget is None or call.budget < 0:
        _add(errors, "budget", _("The budget must be zero or more."))
    else:
        programme = call.programme
        others = (
            programme.calls.exclude(pk=call.pk).exclude(status=CallStatus.CANCELLED).aggregate(s=Sum("budget"))["s"]
            or 0
        )
        if others + call.budget > programme.budget:
            _add(
                errors,
                "budget",
                _("The programme's calls would together exceed its budget of %(budget)s %(currency)s.")
                % {"budget": programme.budget, "currency": programme.currency},
            )
        for row in parts.get("bands", []):
            if row.get("max_amount") is not None and row["max_amount"] > call.budget:
                _add(
                    errors,
                    "bands",
                    _("The band “%(band)s” allows more than the call's whole budget.") % {"band": row["name_ru"]},
                )
    if call.min_cofinancing_percent is None or not 0 <= call.min_cofinancing_percent <= 100:
        _add(errors, "min_cofinancing_percent", _("The minimum co-financing must be between 0 and 100%."))
    kinds = set(OrganisationKind.values)
    if not isinstance(call.eligible_kinds, list) or not set(call.eligible_kinds) <= kinds:
        _add(errors, "eligible_kinds", _("Choose kinds of organisation from the list."))
    languages = {code for code, _name in settings.LANGUAGES}
    if not isinstance(call.submission_languages, list) or not set(call.submission_languages) <= languages:
        _add(errors, "submission_languages", _("Choose the languages from the list."))
    if call.experts_per_application is None or not 1 <= call.experts_per_application <= 9:
        _add(errors, "experts_per_application", _("An application needs between 1 and 9 experts."))
    if call.divergence_threshold is None or not 0 <= call.divergence_threshold <= 100:
        _add(errors, "divergence_threshold", _("The divergence threshold must be between 0 and 100 points."))
    countries = {getattr(c, "pk", c) for c in sets.get("eligible_countries", [])}
    if countries:
        for region in sets.get("eligible_regions", []):
            code = getattr(region, "pk", region)
            if code.split("-")[0] not in countries:
                _add(
                    errors,
                    "eligible_regions",
                    _("The region %(region)s is not in an eligible country.") % {"region": region},
                )
        for form in sets.get("eligible_legal_forms", []):
            if form.country_id not in countries:
                _add(
                    errors,
                    "eligible_legal_forms",
                    _("The legal form “%(form)s” belongs to a country the call does not accept.") % {"form": form},
                )


# --- Calls: what may change now ---------------------------------------------------------------------------------


def locked_fields(call: Call) -> dict[str, str]:
    """{field or part: why it cannot change now} for a saved call."""
    if call.status in (CallStatus.RESULTS_PUBLISHED, CallStatus.CANCELLED):
        why = _("The call is “%(status)s”: it can no longer be changed.") % {"status": call.get_status_display()}
        return dict.fromkeys([*CALL_FIELDS, *CALL_SETS, *PART_FIELDS], why)
    locked: dict[str, str] = {}
    if call.status != CallStatus.DRAFT:
        locked["code"] = _("The code of a published call cannot change: links and receipt numbers use it.")
    if call.applications.exclude(status=ApplicationStatus.DRAFT).exists():
        why = _("Applications have been submitted under this rule, so it can no longer change.")
        for name in APPLICANT_FIELDS:
            locked.setdefault(name, why)
    if Review.objects.filter(application__call=call).exists():
        why = _("Experts have started reviewing, so the rubric and review settings can no longer change.")
        for name in REVIEW_FIELDS:
            locked.setdefault(name, why)
    if call.status == CallStatus.IN_REVIEW:
        locked.setdefault("closes_at", _("Intake has closed: the closing time can no longer change."))
    return locked


def _apply(
    call: Call,
    fields: dict[str, Any],
    given_sets: Sequence[Iterable | None],
    given_parts: Sequence[Sequence[dict] | None],
    rubric_preset: str | None,
    *,
    creating: bool,
) -> Call:
    """Check and save a new or changed call. The sets come in the order of CALL_SETS, the parts in that of
    PART_FIELDS; None (when editing) leaves them as they are."""
    sets = dict(zip(CALL_SETS, given_sets, strict=True))
    parts = dict(zip(PART_FIELDS, given_parts, strict=True))
    unknown = set(fields) - CALL_FIELDS
    if unknown:
        raise TypeError(f"unknown call fields: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    for name in ("eligible_kinds", "submission_languages"):
        if isinstance(fields.get(name), list | tuple | set):
            fields[name] = sorted(set(fields[name]))  # a set of codes: order and repeats mean nothing
    if rubric_preset:
        parts["criteria"] = preset_rows(rubric_preset)
    clean_parts = {kind: _clean_parts(kind, rows, errors) for kind, rows in parts.items() if rows is not None}
    clean_sets = {name: list(values) for name, values in sets.items() if values is not None}

    locked = {} if creating else locked_fields(call)
    original = {k: getattr(call, k) for k in fields}

    def differs(name: str, value: Any) -> bool:
        before = getattr(call, name)
        if name in ("eligible_kinds", "submission_languages") and isinstance(before, list):
            return sorted(set(before)) != value
        return before != _strip(value)

    changed = {k for k, v in fields.items() if differs(k, v)}
    if not creating:
        for name, values in clean_sets.items():
            now = set(getattr(call, name).values_list("pk", flat=True))
            if now != {getattr(v, "pk", v) for v in values}:
                changed.add(name)
        for kind, rows in clean_parts.items():
            if not _same_rows(_existing_rows(call, kind), rows):
                changed.add(kind)
    for name in sorted(changed & set(locked)):
        _add(errors, name, locked[name])
    if (
        not creating
        and "closes_at" in changed
        and "closes_at" not in locked
        and call.status == CallStatus.PUBLISHED
        and fields["closes_at"] is not None
        and fields["closes_at"] <= timezone.now()
    ):
        _add(errors, "closes_at", _("A published call's new closing time must be in the future."))
    for key in changed & set(fields):
        setattr(call, key, _strip(fields[key]))
    if not creating and call.status != CallStatus.DRAFT and "bands" in clean_parts and not clean_parts["bands"]:
        _add(errors, "bands", _("A published call needs at least one request-size band."))
    # Sets and parts as they will be, for the checks that span them.
    effective_sets = {
        name: clean_sets.get(name, [] if creating else list(getattr(call, name).all()))
        for name in ("eligible_countries", "eligible_regions", "eligible_legal_forms")
    }
    effective_parts = {"bands": clean_parts.get("bands", [] if creating else _existing_rows(call, "bands"))}
    _check_call(call, effective_sets, effective_parts, errors)
    if not errors:
        try:
            call.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        for key, value in original.items():
            setattr(call, key, value)
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            call.save()
    except IntegrityError as exc:
        raise ValidationError(_("The call conflicts with another one saved at the same time.")) from exc
    for name, values in clean_sets.items():
        if creating or name in changed:
            getattr(call, name).set(values)
    for kind, rows in clean_parts.items():
        if creating or kind in changed:
            _save_parts(call, kind, rows)
    return call


@transaction.atomic
def call_create(
    *,
    actor,
    programme: Programme,
    themes: Iterable[Theme] = (),
    eligible_countries: Iterable[Country] = (),
    eligible_regions: Iterable[Region] = (),
    eligible_legal_forms: Iterable[LegalForm] = (),
    bands: Sequence[dict] = (),
    terms: Sequence[dict] = (),
    criteria: Sequence[dict] = (),
    documents: Sequence[dict] = (),
    rubric_preset: str | None = None,
    **fields: Any,
) -> Call:
    """Create a draft call of a programme with its bands, terms, rubric (or a preset) and required documents."""
    require(actor, "grants.add_call", programme)
    defaults = {"eligible_kinds": [], "submission_languages": ["ru", "kk"]}
    call = Call(programme=programme, **defaults, opens_at=None, closes_at=None)
    if not programme.is_active:
        raise ValidationError(_("The programme is closed: it takes no new calls."))
    sets = (themes, eligible_countries, eligible_regions, eligible_legal_forms)
    return _apply(call, fields, sets, (bands, terms, criteria, documents), rubric_preset, creating=True)


@transaction.atomic
def call_update(
    *,
    actor,
    call: Call,
    themes: Iterable[Theme] | None = None,
    eligible_countries: Iterable[Country] | None = None,
    eligible_regions: Iterable[Region] | None = None,
    eligible_legal_forms: Iterable[LegalForm] | None = None,
    bands: Sequence[dict] | None = None,
    terms: Sequence[dict] | None = None,
    criteria: Sequence[dict] | None = None,
    documents: Sequence[dict] | None = None,
    rubric_preset: str | None = None,
    **fields: Any,
) -> Call:
    """Change a call (and its parts when given); refuses, with the reason, what can no longer change at its stage."""
    require(actor, "grants.change_call", call)
    call = Call.objects.select_for_update(of=("self",)).select_related("programme").get(pk=call.pk)
    sets = (themes, eligible_countries, eligible_regions, eligible_legal_forms)
    return _apply(call, fields, sets, (bands, terms, criteria, documents), rubric_preset, creating=False)
