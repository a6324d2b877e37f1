"""Reading input rows of a draft's parts: numbers, dates and ids from forms or API clients, refused in words."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from civicbridge.registry.models import Organisation, Person

from ...choices import BudgetCategory
from ...models import (
    Application,
)
from .base import CENT


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).replace(" ", "").replace("\xa0", "").replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _int(value: Any) -> int | None | bool:
    """A positive database id or number from input; None when empty, False when it is not one."""
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        return False
    return number if 0 < number < 2**31 else False


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def _row_error(errors: dict[str, list[str]], part: str, number: int, message: str) -> None:
    errors.setdefault(part, []).append(_("Row %(number)s: %(message)s") % {"number": number, "message": message})


def _text(row: Mapping[str, Any], key: str) -> str:
    return str(row.get(key) or "").strip()


def _clean_tasks(rows, errors) -> list[str] | None:
    if rows is None:
        return None
    clean = []
    for number, row in enumerate(rows, 1):
        text = _text(row, "text")
        if not text:
            _row_error(errors, "tasks", number, _("describe the task."))
        clean.append(text[:500])
    return clean


def _clean_activities(rows, task_count: int, errors) -> list[dict] | None:
    if rows is None:
        return None
    clean = []
    for number, row in enumerate(rows, 1):
        title, starts, ends = _text(row, "title"), _date(row.get("starts_on")), _date(row.get("ends_on"))
        task = row.get("task")
        task = getattr(task, "order", task)
        task = _int(task)
        if task is False:
            _row_error(errors, "activities", number, _("give the task by its number."))
            task = None
        if not title:
            _row_error(errors, "activities", number, _("name the activity."))
        if starts is None or ends is None:
            _row_error(errors, "activities", number, _("give the activity's start and end dates."))
        elif ends < starts:
            _row_error(errors, "activities", number, _("the activity must end on or after its start date."))
        if task is not None and not 1 <= task <= task_count:
            _row_error(errors, "activities", number, _("there is no task number %(task)s.") % {"task": task})
        clean.append({"title": title[:500], "starts_on": starts, "ends_on": ends, "task": task})
    return clean


def _clean_indicators(rows, errors) -> list[dict] | None:
    if rows is None:
        return None
    clean = []
    for number, row in enumerate(rows, 1):
        name, target = _text(row, "name"), _decimal(row.get("target"))
        if not name:
            _row_error(errors, "indicators", number, _("name the indicator."))
        if target is None or target < 0:
            _row_error(errors, "indicators", number, _("give a target of zero or more."))
        elif target >= 10**12:
            _row_error(errors, "indicators", number, _("the target is too large."))
        clean.append({"name": name[:300], "unit": _text(row, "unit")[:60], "target": target})
    return clean


def _clean_partners(rows, application: Application, errors) -> list[dict] | None:
    if rows is None:
        return None
    clean, seen = [], set()
    for number, row in enumerate(rows, 1):
        org = row.get("organisation")
        if org is not None and not isinstance(org, Organisation):
            org = Organisation.objects.filter(pk=pk).first() if (pk := _int(org)) else None
        if org is None:
            _row_error(errors, "partners", number, _("choose a partner organisation from the registry."))
            continue
        if org.pk == application.organisation_id:
            _row_error(errors, "partners", number, _("the applicant cannot be its own partner."))
            continue
        if org.pk in seen:
            _row_error(errors, "partners", number, _("%(name)s is listed twice.") % {"name": org})
            continue
        seen.add(org.pk)
        clean.append({"organisation": org, "role": _text(row, "role")[:300]})
    return clean


def _clean_team(rows, errors) -> list[dict] | None:
    if rows is None:
        return None
    clean = []
    for number, row in enumerate(rows, 1):
        full_name, role = _text(row, "full_name"), _text(row, "role")
        person = row.get("person")
        if person is not None and not isinstance(person, Person):
            person = Person.objects.filter(pk=pk).first() if (pk := _int(person)) else None
        if not full_name or not role:
            _row_error(errors, "team", number, _("give the team member's full name and role."))
        clean.append({"full_name": full_name[:300], "role": role[:300], "person": person})
    return clean


def _clean_budget_lines(rows, errors) -> list[dict] | None:
    if rows is None:
        return None
    clean = []
    for number, row in enumerate(rows, 1):
        category, item = _text(row, "category"), _text(row, "item")
        amounts = {key: _decimal(row.get(key)) for key in ("unit_cost", "quantity", "requested", "cofinancing")}
        if amounts["cofinancing"] is None:
            amounts["cofinancing"] = Decimal(0)
        if category not in BudgetCategory.values:
            _row_error(errors, "budget_lines", number, _("choose a category."))
        if not item:
            _row_error(errors, "budget_lines", number, _("name the item."))
        if any(amounts[key] is None for key in ("unit_cost", "quantity", "requested")):
            _row_error(errors, "budget_lines", number, _("give the unit cost, the quantity and the amount requested."))
        elif amounts["quantity"] <= 0:
            _row_error(errors, "budget_lines", number, _("the quantity must be above zero."))
        elif min(amounts["unit_cost"], amounts["requested"], amounts["cofinancing"]) < 0:
            _row_error(errors, "budget_lines", number, _("amounts cannot be negative."))
        elif (
            max(amounts["unit_cost"], amounts["requested"], amounts["cofinancing"]) >= 10**14
            or amounts["quantity"] >= 10**10
        ):
            _row_error(errors, "budget_lines", number, _("an amount is too large."))
        else:
            for key in ("unit_cost", "requested", "cofinancing"):
                amounts[key] = amounts[key].quantize(CENT)
            amounts["quantity"] = amounts["quantity"].quantize(CENT)
        clean.append({"category": category, "item": item[:300], **amounts})
    return clean
