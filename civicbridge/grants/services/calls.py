"""Writes for programmes and calls: create and edit (with bands, duration terms, rubric and documents), rubric
presets, and the call's workflow (publish, start the review, cancel).

What may change depends on how far the call has gone, because applicants and experts rely on it:
- a draft: everything;
- published, before any application is submitted: everything but the code;
- once an application is submitted: no longer the rules applicants relied on (bands, durations, documents,
  eligibility, co-financing, languages, opening); the deadline only to a future instant;
- once a review exists: no longer the rubric or the review settings;
- results published or cancelled: nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, Sum
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from civicbridge.core.permissions import require
from civicbridge.core.workflow import transition
from civicbridge.registry.choices import OrganisationKind
from civicbridge.registry.models import Country, LegalForm, Region, Theme

from ..choices import ApplicationStatus, CallStatus
from ..models import Call, Criterion, DurationTerm, Programme, RequiredDocument, Review, SizeBand
from ..rubrics import PRESETS

LANGS = ("ru", "kk", "en")


def _translated(*names: str) -> set[str]:
    return {f"{name}_{lang}" for name in names for lang in LANGS}


PROGRAMME_FIELDS = frozenset(
    _translated("name", "description", "priorities")
    | {"funder", "operator", "instrument", "level", "country", "region", "currency", "budget", "is_active"}
)
CALL_FIELDS = frozenset(
    _translated("name", "description", "priorities")
    | {
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
    }
)
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


def when(moment) -> str:
    """An instant as the reader sees it: date and time in the active zone, with the zone's name."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'DATETIME_FORMAT')} ({timezone.get_current_timezone_name()})"


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _money(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


# --- Programmes -------------------------------------------------------------------------------------------------


def _check_programme(programme: Programme) -> None:
    errors: dict[str, list[str]] = {}
    if not (programme.name_ru or "").strip():
        _add(errors, "name_ru", _("Enter the name in Russian."))
    if programme.budget is None or programme.budget < 0:
        _add(errors, "budget", _("The budget must be zero or more."))
    if programme.region_id and programme.country_id and not programme.region_id.startswith(f"{programme.country_id}-"):
        _add(errors, "region", _("The region is not in the programme's country."))
    if programme.operator_id and programme.operator_id == programme.funder_id:
        _add(errors, "operator", _("The grant operator is the funder itself; leave the operator empty."))
    if errors:
        raise ValidationError(errors)
    programme.full_clean(validate_unique=False, validate_constraints=False)


@transaction.atomic
def programme_create(*, actor, themes: Iterable[Theme] = (), **fields: Any) -> Programme:
    """Create a programme for a funder the actor runs programmes for (as its operator or official), or as admin."""
    require(actor, "grants.add_programme")
    unknown = set(fields) - PROGRAMME_FIELDS
    if unknown:
        raise TypeError(f"unknown programme fields: {sorted(unknown)}")
    programme = Programme(**{k: _strip(v) for k, v in fields.items()})
    if not programme.funder_id:
        raise ValidationError({"funder": [_("Choose the funder.")]})
    # The new programme must be one the actor will run: its funder or operator is their organisation.
    require(actor, "grants.change_programme", programme)
    _check_programme(programme)
    programme.save()
    if themes:
        programme.themes.set(themes)
    return programme


@transaction.atomic
def programme_update(*, actor, programme: Programme, themes: Iterable[Theme] | None = None, **fields: Any) -> Programme:
    """Change a programme's fields (not its funder: a programme never moves to another funder)."""
    require(actor, "grants.change_programme", programme)
    unknown = set(fields) - PROGRAMME_FIELDS
    if unknown:
        raise TypeError(f"unknown programme fields: {sorted(unknown)}")
    if "funder" in fields and getattr(fields["funder"], "pk", fields["funder"]) != programme.funder_id:
        raise ValidationError({"funder": [_("A programme's funder cannot change.")]})
    if "currency" in fields and fields["currency"] != programme.currency and programme.calls.exists():
        raise ValidationError({"currency": [_("The currency cannot change once the programme has calls.")]})
    for key, value in fields.items():
        setattr(programme, key, _strip(value))
    require(actor, "grants.change_programme", programme)  # a new operator must still leave the actor in charge
    _check_programme(programme)
    programme.save()
    if themes is not None:
        programme.themes.set(themes)
    return programme


# --- Rubric presets ---------------------------------------------------------------------------------------------


def preset_rows(code: str) -> list[dict[str, Any]]:
    """A preset's criteria as rows for `call_create`/`call_update`, with the name in each language's column."""
    try:
        preset = PRESETS[code]
    except KeyError:
        message = _("There is no rubric preset “%(code)s”.") % {"code": code}
        raise ValidationError({"rubric_preset": [message]}) from None
    rows = []
    for item in preset.criteria:
        row: dict[str, Any] = {"weight": item.weight, "scale_min": item.scale_min, "scale_max": item.scale_max}
        for lang in LANGS:
            with translation.override(lang):
                row[f"name_{lang}"] = str(item.name)
                row[f"descriptors_{lang}"] = str(item.descriptors)
        rows.append(row)
    return rows


# --- Calls: validation ------------------------------------------------------------------------------------------


def _row_number(i: int) -> dict[str, int]:
    return {"row": i + 1}


def _clean_parts(kind: str, rows: Sequence[dict[str, Any]], errors: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Check one kind of part row by row; returns the rows with values normalised. Errors are keyed by kind."""
    model, allowed = PART_FIELDS[kind]
    clean = []
    for i, raw in enumerate(rows):
        unknown = set(raw) - allowed - {"id"}
        if unknown:
            raise TypeError(f"unknown {kind} fields: {sorted(unknown)}")
        row = {k: _strip(v) for k, v in raw.items()}
        n = _row_number(i)
        if "name_ru" in allowed and not row.get("name_ru"):
            _add(errors, kind, _("Row %(row)s: enter the name in Russian.") % n)
        if kind == "bands":
            low, high, mark = _money(row.get("min_amount")), _money(row.get("max_amount")), _money(row.get("pass_mark"))
            if low is None or high is None or low < 0:
                _add(errors, kind, _("Row %(row)s: enter a minimum and a maximum, zero or more.") % n)
            elif high < low:
                _add(errors, kind, _("Row %(row)s: the maximum is below the minimum.") % n)
            if mark is None or not 0 <= mark <= 100:
                _add(errors, kind, _("Row %(row)s: the pass mark must be between 0 and 100.") % n)
            row.update(min_amount=low, max_amount=high, pass_mark=mark)
        elif kind == "terms":
            low, high = row.get("min_months"), row.get("max_months")
            if not isinstance(low, int) or not isinstance(high, int) or low < 1:
                _add(errors, kind, _("Row %(row)s: enter whole months, at least 1.") % n)
            elif high < low:
                _add(errors, kind, _("Row %(row)s: “to” is shorter than “from”.") % n)
            elif high > 120:
                _add(errors, kind, _("Row %(row)s: a project can last at most 120 months.") % n)
        elif kind == "criteria":
            weight = _money(row.get("weight"))
            low, high = row.get("scale_min", 0), row.get("scale_max")
            if weight is None or weight <= 0:
                _add(errors, kind, _("Row %(row)s: the weight must be above zero.") % n)
            elif weight >= 10000:
                _add(errors, kind, _("Row %(row)s: the weight must be below 10,000.") % n)
            if not isinstance(low, int) or not isinstance(high, int) or low < 0 or high <= low or high > 100:
                _add(errors, kind, _("Row %(row)s: the highest mark must be above the lowest, at most 100.") % n)
            row.update(weight=weight, scale_min=low)
        elif kind == "documents":
            code = row.get("code") or ""
            try:
                validate_slug(code)
            except ValidationError:
                _add(errors, kind, _("Row %(row)s: the code may contain only Latin letters, digits, - and _.") % n)
            row.setdefault("mandatory", True)
        clean.append(row)
    if kind == "bands" and not errors.get(kind):
        ordered = sorted(clean, key=lambda r: r["min_amount"])
        for before, after in zip(ordered, ordered[1:], strict=False):
            if after["min_amount"] <= before["max_amount"]:
                _add(
                    errors,
                    kind,
                    _("The bands “%(a)s” and “%(b)s” overlap: an amount must fall in one band only.")
                    % {"a": before["name_ru"], "b": after["name_ru"]},
                )
    if kind == "documents":
        codes = [r.get("code") for r in clean]
        for code in sorted({c for c in codes if codes.count(c) > 1}):
            _add(errors, kind, _("The code “%(code)s” is used twice.") % {"code": code})
    return clean


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


def _existing_rows(call: Call, kind: str) -> list[dict[str, Any]]:
    model, allowed = PART_FIELDS[kind]
    manager = {"bands": call.bands, "terms": call.duration_terms, "criteria": call.criteria}.get(kind)
    manager = manager if manager is not None else call.required_documents
    return [{k: getattr(obj, k) for k in sorted(allowed)} | {"id": obj.pk} for obj in manager.all()]


def _same_rows(existing: list[dict], wanted: list[dict]) -> bool:
    """Whether `wanted` describes the rows as they are (ids compared when given; values compared normalised)."""
    if len(existing) != len(wanted):
        return False
    for old, new in zip(existing, wanted, strict=True):
        if new.get("id") not in (None, old["id"]):
            return False
        for key, value in new.items():
            if key == "id":
                continue
            before = old.get(key)
            if isinstance(before, Decimal) or isinstance(value, Decimal):
                if _money(before) != _money(value):
                    return False
            elif (before or "") != (value or "") and before != value:
                return False
    return True


def _save_parts(call: Call, kind: str, rows: list[dict[str, Any]]) -> None:
    """Make the call's parts of one kind exactly `rows`: update by id, delete the missing, create the new."""
    model, _allowed = PART_FIELDS[kind]
    existing = {obj.pk: obj for obj in model.objects.filter(call=call)}
    keep = {row["id"] for row in rows if row.get("id") in existing}
    try:
        with transaction.atomic():
            model.objects.filter(call=call).exclude(pk__in=keep).delete()
            if kind == "criteria":
                # Orders are unique per call: move the kept rows out of the way before renumbering.
                for i, pk in enumerate(sorted(keep)):
                    model.objects.filter(pk=pk).update(order=10000 + i)
            for position, row in enumerate(rows, 1):
                values = {k: v for k, v in row.items() if k != "id"}
                if kind == "criteria":
                    values["order"] = position
                obj = existing.get(row.get("id")) if row.get("id") in keep else None
                if obj is None:
                    obj = model(call=call)
                for key, value in values.items():
                    setattr(obj, key, value)
                obj.save()
    except ProtectedError:
        raise ValidationError(
            {kind: [_("A row you removed is already used by an application, so it cannot be removed.")]}
        ) from None
    except IntegrityError:
        raise ValidationError({kind: [_("These rows conflict with each other; check codes and numbers.")]}) from None


def _apply(
    call: Call,
    *,
    fields: dict[str, Any],
    sets: dict[str, Iterable | None],
    parts: dict[str, Sequence[dict] | None],
    rubric_preset: str | None,
    creating: bool,
) -> Call:
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
    return _apply(
        call,
        fields=fields,
        sets={
            "themes": themes,
            "eligible_countries": eligible_countries,
            "eligible_regions": eligible_regions,
            "eligible_legal_forms": eligible_legal_forms,
        },
        parts={"bands": bands, "terms": terms, "criteria": criteria, "documents": documents},
        rubric_preset=rubric_preset,
        creating=True,
    )


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
    return _apply(
        call,
        fields=fields,
        sets={
            "themes": themes,
            "eligible_countries": eligible_countries,
            "eligible_regions": eligible_regions,
            "eligible_legal_forms": eligible_legal_forms,
        },
        parts={"bands": bands, "terms": terms, "criteria": criteria, "documents": documents},
        rubric_preset=rubric_preset,
        creating=False,
    )


# --- Calls: workflow --------------------------------------------------------------------------------------------


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


__all__ = [
    "call_cancel",
    "call_create",
    "call_publish",
    "call_start_review",
    "call_take_action",
    "call_update",
    "locked_fields",
    "preset_rows",
    "programme_create",
    "programme_update",
]
