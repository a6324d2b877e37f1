"""A call's parts (request-size bands, duration terms, rubric criteria, required documents): rubric presets, the
checks of each row, and saving the rows a call should have."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation
from django.utils.translation import gettext as _

from ...models import Call
from ...rubrics import PRESETS
from .base import LANGS, PART_FIELDS, _add, _money, _strip


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
