"""Writes of applications: create a draft, save it (optimistic version check), attach documents, submit, withdraw.

A draft saves as it is written, incomplete; only the rows it keeps must each be whole (the database holds them to
their constraints). Submitting runs every check of the call at once and reports every problem with its field, so the
applicant can mend them all in one pass. A submitted application is frozen: its receipt number, its snapshot and
its rows never change again (drafts only are editable, here and in the API).

Definitions used by the checks (documented, because applicants and operators read the refusals):
- a budget line adds up when unit cost × quantity, rounded to the tiyn/kopeck, equals requested + co-financing;
- the project's length in months is counted from the start date to the day after the end date, a started month
  counting whole (1 March – 31 May is 3 months; 1 March – 1 June is 4);
- the co-financing share is co-financing ÷ (requested + co-financing) × 100, i.e. of the whole project budget.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from civicbridge.core.permissions import require
from civicbridge.core.workflow import transition
from civicbridge.files.services import store_upload, stored_file_delete
from civicbridge.notifications.services import notify
from civicbridge.registry.models import Organisation, Person, Region, Theme

from ..choices import ApplicationStatus, BudgetCategory, CallStatus
from ..models import (
    Activity,
    Application,
    ApplicationDocument,
    ApplicationPartner,
    BudgetLine,
    Call,
    Indicator,
    RequiredDocument,
    Task,
    TeamMember,
)
from ..selectors.applications import applicant_users

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


# ---------------------------------------------------------------------------------------------------------------
# Create and save a draft
# ---------------------------------------------------------------------------------------------------------------


@transaction.atomic
def application_create(
    *, actor, call: Call, organisation: Organisation, title: str = "", language: str = ""
) -> Application:
    """Start a draft for one of the actor's own organisations, while the call accepts applications."""
    require(actor, "grants.apply", organisation)
    if call.status != CallStatus.PUBLISHED or not call.is_open():
        raise ValidationError(_("The call “%(call)s” is not accepting applications now.") % {"call": call})
    existing = (
        Application.objects.filter(call=call, organisation=organisation)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .first()
    )
    if existing is not None:
        raise ValidationError(
            _("%(organisation)s already has an application to this call: “%(title)s”.")
            % {"organisation": organisation, "title": existing.title},
            code="duplicate",
        )
    languages = list(call.submission_languages or [])
    language = language or (languages[0] if languages else getattr(actor, "language", "") or "ru")
    if languages and language not in languages:
        raise ValidationError(
            {
                "language": [
                    _("This call accepts applications only in: %(languages)s.") % {"languages": ", ".join(languages)}
                ]
            }
        )
    return Application.objects.create(
        call=call,
        organisation=organisation,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        title=(title or "").strip()[:300] or str(_("Untitled project")),
        language=language,
    )


@transaction.atomic
def application_save_draft(
    *,
    actor,
    application: Application,
    version: int,
    themes: Iterable[Theme] | None = None,
    tasks: Sequence[Mapping[str, Any]] | None = None,
    activities: Sequence[Mapping[str, Any]] | None = None,
    indicators: Sequence[Mapping[str, Any]] | None = None,
    partners: Sequence[Mapping[str, Any]] | None = None,
    team: Sequence[Mapping[str, Any]] | None = None,
    budget_lines: Sequence[Mapping[str, Any]] | None = None,
    **fields: Any,
) -> Application:
    """Save a draft as it is written: the fields given, and each part given replaced whole (None leaves it alone).

    `version` is the version the writer started from; if someone saved since (another tab, a colleague), the save
    is refused and nothing is written, rather than silently overwriting their work. Activities name their task by
    its number (1, 2, …) in `tasks` (or in the saved tasks when `tasks` is not given).
    """
    unknown = set(fields) - DRAFT_FIELDS
    if unknown:
        raise TypeError(f"unknown application fields: {sorted(unknown)}")
    locked = _lock(application)
    require(actor, "grants.change_application", locked)
    _require_draft(locked)
    if int(version) != locked.version:
        raise ValidationError(
            _(
                "This draft was saved elsewhere (in another tab or by a colleague) after you opened it, so your "
                "changes were not saved. Reload the page to see the latest version, then make your changes again."
            ),
            code="stale_version",
        )
    errors: dict[str, list[str]] = {}
    _assign_fields(locked, fields, errors)
    clean = {
        "tasks": _clean_tasks(tasks, errors),
        "indicators": _clean_indicators(indicators, errors),
        "partners": _clean_partners(partners, locked, errors),
        "team": _clean_team(team, errors),
        "budget_lines": _clean_budget_lines(budget_lines, errors),
    }
    task_count = len(clean["tasks"]) if clean["tasks"] is not None else locked.tasks.count()
    clean["activities"] = _clean_activities(activities, task_count, errors)
    _raise(errors)

    # Rows are matched to the stored ones by position (partners by organisation) and only changes are written, so
    # an autosave every few seconds leaves an audit trail of what changed, not of everything deleted and re-added.
    if clean["tasks"] is not None:
        _sync(
            Task, list(locked.tasks.all()), [{"order": i, "text": t} for i, t in enumerate(clean["tasks"], 1)], locked
        )
    if clean["activities"] is not None:
        by_order = {t.order: t for t in locked.tasks.all()}
        rows = [{**row, "task": by_order.get(row["task"])} for row in clean["activities"]]
        _sync(Activity, list(locked.activities.order_by("id")), rows, locked)
    if clean["indicators"] is not None:
        _sync(Indicator, list(locked.indicators.order_by("id")), clean["indicators"], locked)
    if clean["team"] is not None:
        _sync(TeamMember, list(locked.team.order_by("id")), clean["team"], locked)
    if clean["partners"] is not None:
        _sync_partners(locked, clean["partners"])
    if clean["budget_lines"] is not None:
        _sync(BudgetLine, list(locked.budget_lines.order_by("id")), clean["budget_lines"], locked)
        # The totals follow the lines on every save, so lists and the body show the current sums.
        locked.requested_amount = sum((row["requested"] for row in clean["budget_lines"]), Decimal(0))
        locked.cofinancing_amount = sum((row["cofinancing"] for row in clean["budget_lines"]), Decimal(0))
    if themes is not None:
        locked.themes.set(list(themes))
    locked.version += 1
    try:
        with transaction.atomic():
            locked.save(
                update_fields=[
                    *sorted(f for f in fields),
                    "requested_amount",
                    "cofinancing_amount",
                    "version",
                    "updated_at",
                ]
            )
    except IntegrityError as exc:  # a constraint the checks above missed: refuse in words, not a 500
        raise ValidationError(_("The draft could not be saved: %(error)s") % {"error": exc}) from exc
    application.version = locked.version
    return locked


def _differs(obj, name: str, value: Any) -> bool:
    if isinstance(value, models.Model) or value is None and obj._meta.get_field(name).is_relation:
        return getattr(obj, f"{name}_id") != getattr(value, "pk", None)
    return getattr(obj, name) != value


def _sync(model, existing: list, rows: list[dict], application: Application) -> None:
    """Make the stored rows equal `rows`: update in place by position, add the extra, delete the surplus."""
    for obj, row in zip(existing, rows, strict=False):
        changed = [name for name, value in row.items() if _differs(obj, name, value)]
        if changed:
            for name in changed:
                setattr(obj, name, row[name])
            obj.save(update_fields=changed)
    for row in rows[len(existing) :]:
        model.objects.create(application=application, **row)
    for obj in existing[len(rows) :]:
        obj.delete()


def _sync_partners(application: Application, rows: list[dict]) -> None:
    """Partners are matched by organisation (one row per organisation is a database rule)."""
    existing = {p.organisation_id: p for p in application.partners.all()}
    wanted = {row["organisation"].pk: row for row in rows}
    for org_id, partner in existing.items():
        if org_id not in wanted:
            partner.delete()
        elif partner.role != wanted[org_id]["role"]:
            partner.role = wanted[org_id]["role"]
            partner.save(update_fields=["role"])
    for org_id, row in wanted.items():
        if org_id not in existing:
            ApplicationPartner.objects.create(application=application, **row)


def _assign_fields(application: Application, fields: Mapping[str, Any], errors: dict[str, list[str]]) -> None:
    """Set the application's own fields, refusing in words what the database would refuse with an error page."""

    def refuse(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        if name in REQUIRED_TEXT:
            value = value or ""
            limit = Application._meta.get_field(name).max_length
            if name == "title" and not value:
                refuse(name, _("Enter the project title."))
                continue
            if limit and len(value) > limit:
                refuse(name, _("At most %(limit)s characters, please.") % {"limit": limit})
                continue
        elif name == "region" and value not in (None, "") and not isinstance(value, Region):
            value = Region.objects.filter(pk=str(value)).first()
            if value is None:
                refuse(name, _("Choose a region from the list."))
                continue
        elif name == "region":
            value = value or None
        elif name == "language":
            languages = list(application.call.submission_languages or []) or [code for code, _n in settings.LANGUAGES]
            if value not in languages:
                refuse(
                    name,
                    _("This call accepts applications only in: %(languages)s.") % {"languages": ", ".join(languages)},
                )
                continue
        elif name in ("starts_on", "ends_on"):
            parsed = _date(value) if value not in (None, "") else None
            if value not in (None, "") and parsed is None:
                refuse(name, _("Enter a real date, such as 2027-03-01."))
                continue
            value = parsed
        setattr(application, name, value)
    starts, ends = application.starts_on, application.ends_on
    if starts and ends and ends < starts:
        refuse("ends_on", _("The project must end on or after its start date."))


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


# ---------------------------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------------------------


@transaction.atomic
def application_attach_document(
    *, actor, application: Application, uploaded_file, required_document: RequiredDocument | None = None
) -> ApplicationDocument:
    """Attach a file (type by content, size checked) answering one of the call's documents; it replaces an earlier one.

    An extra document (no `required_document`) is added alongside the others.
    """
    locked = _lock(application)
    require(actor, "grants.change_application", locked)
    _require_draft(locked)
    if required_document is not None and required_document.call_id != locked.call_id:
        raise ValidationError({"required_document": [_("This document is not one this call asks for.")]})
    stored = store_upload(uploaded_file=uploaded_file, purpose=PURPOSE, actor=actor, owner=locked)
    if required_document is not None:
        for old in locked.documents.filter(required_document=required_document).select_related("file"):
            old_file = old.file
            old.delete()
            stored_file_delete(stored_file=old_file, actor=actor)
    return ApplicationDocument.objects.create(application=locked, required_document=required_document, file=stored)


@transaction.atomic
def application_remove_document(*, actor, document: ApplicationDocument) -> None:
    """Remove a document from a draft, and its file."""
    locked = _lock(document.application)
    require(actor, "grants.change_application", locked)
    _require_draft(locked)
    stored = document.file
    ApplicationDocument.objects.filter(pk=document.pk).delete()
    stored_file_delete(stored_file=stored, actor=actor)


# ---------------------------------------------------------------------------------------------------------------
# Checks before submission
# ---------------------------------------------------------------------------------------------------------------


def project_months(starts_on: date, ends_on: date) -> int:
    """The project's length in months, a started month counting whole (see the module's docstring)."""
    span = relativedelta(ends_on + timedelta(days=1), starts_on)
    return span.years * 12 + span.months + (1 if span.days else 0)


def validate_for_submission(application: Application, *, now=None) -> list[Problem]:
    """Every reason the application cannot be submitted now, each with its field; empty when it can be."""
    call = application.call
    now = now or timezone.now()
    problems: list[Problem] = []

    def add(field: str, message: str) -> None:
        problems.append(Problem(field, message))

    if application.status != ApplicationStatus.DRAFT:
        add("status", _("This application has already been submitted."))
        return problems
    if call.status != CallStatus.PUBLISHED or not call.is_open(now):
        if now >= call.closes_at:
            add(
                "call",
                _("The call closed at %(closes)s; applications are no longer accepted.")
                % {"closes": _when(call.closes_at)},
            )
        else:
            add("call", _("The call is not accepting applications now."))

    for field in REQUIRED_TEXT:
        if not (getattr(application, field) or "").strip():
            add(field, _("Fill in “%(field)s”.") % {"field": _label(field)})
    languages = list(call.submission_languages or [])
    if languages and application.language not in languages:
        add(
            "language",
            _("This call accepts applications only in: %(languages)s.") % {"languages": ", ".join(languages)},
        )

    tasks = list(application.tasks.all())
    activities = list(application.activities.all())
    indicators = list(application.indicators.all())
    lines = list(application.budget_lines.all())
    if not tasks:
        add("tasks", _("List at least one task."))
    if not activities:
        add("activities", _("List at least one activity."))
    if not indicators:
        add("indicators", _("Give at least one expected result as an indicator with a target."))

    _check_dates(application, activities, add)
    requested, cofinancing = _check_budget(application, lines, add)
    if lines and requested > 0:
        _check_band_and_cofinancing(application, requested, cofinancing, add)

    have = {d.required_document_id for d in application.documents.all() if d.required_document_id}
    for document in call.required_documents.filter(mandatory=True):
        if document.pk not in have:
            add("documents", _("Attach “%(document)s”.") % {"document": document.name})
    return problems


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _check_dates(application: Application, activities: list[Activity], add) -> None:
    starts, ends = application.starts_on, application.ends_on
    if not starts or not ends:
        add("starts_on", _("Give the project's start and end dates."))
        return
    if ends < starts:
        add("ends_on", _("The project must end on or after its start date."))
        return
    terms = list(application.call.duration_terms.all())
    months = project_months(starts, ends)
    if terms and not any(t.min_months <= months <= t.max_months for t in terms):
        allowed = "; ".join(
            _("%(name)s: %(low)s–%(high)s months") % {"name": t.name, "low": t.min_months, "high": t.max_months}
            for t in terms
        )
        add(
            "ends_on",
            _("The project lasts %(months)s months, which fits none of the call's durations (%(allowed)s).")
            % {"months": months, "allowed": allowed},
        )
    for activity in activities:
        if activity.starts_on < starts or activity.ends_on > ends:
            add(
                "activities",
                _("The activity “%(title)s” falls outside the project's dates.") % {"title": activity.title},
            )


def _check_budget(application: Application, lines: list[BudgetLine], add) -> tuple[Decimal, Decimal]:
    if not lines:
        add("budget_lines", _("Add at least one budget line."))
        return Decimal(0), Decimal(0)
    for number, line in enumerate(lines, 1):
        total = line.total
        split = line.requested + line.cofinancing
        if total != split:
            add(
                "budget_lines",
                _(
                    "Line %(number)s “%(item)s” does not add up: unit cost × quantity = %(total)s, but requested + "
                    "co-financing = %(split)s."
                )
                % {"number": number, "item": line.item, "total": _money(total), "split": _money(split)},
            )
    requested = sum((line.requested for line in lines), Decimal(0))
    cofinancing = sum((line.cofinancing for line in lines), Decimal(0))
    if requested <= 0:
        add("budget_lines", _("The amount requested must be above zero."))
    return requested, cofinancing


def _check_band_and_cofinancing(application: Application, requested: Decimal, cofinancing: Decimal, add) -> None:
    call = application.call
    currency = call.programme.currency
    bands = list(call.bands.all())
    if bands and band_for(bands, requested) is None:
        allowed = "; ".join(f"{b.name}: {_money(b.min_amount)}–{_money(b.max_amount)} {currency}" for b in bands)
        add(
            "requested_amount",
            _("The amount requested, %(amount)s %(currency)s, is in none of the call's bands (%(bands)s).")
            % {"amount": _money(requested), "currency": currency, "bands": allowed},
        )
    minimum = call.min_cofinancing_percent
    share = cofinancing / (requested + cofinancing) * 100
    if share < minimum:
        add(
            "cofinancing_amount",
            _("Co-financing is %(share)s%% of the project's budget; the call asks for at least %(minimum)s%%.")
            % {
                "share": number_format(share.quantize(CENT), decimal_pos=2, use_l10n=True),
                "minimum": number_format(minimum, decimal_pos=2, use_l10n=True),
            },
        )


def band_for(bands, amount: Decimal):
    """The band whose [minimum, maximum] holds the amount (the lowest such band), or None."""
    return next((b for b in sorted(bands, key=lambda b: b.min_amount) if b.min_amount <= amount <= b.max_amount), None)


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
        recipients=applicant_users(submitted.organisation_id),
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


@transaction.atomic
def application_delete_draft(*, actor, application: Application) -> None:
    """Delete a draft that was never submitted, with its parts and documents."""
    locked = _lock(application)
    require(actor, "grants.change_application", locked)
    _require_draft(locked)
    for document in locked.documents.select_related("file"):
        stored = document.file
        document.delete()
        stored_file_delete(stored_file=stored, actor=actor)
    locked.delete()


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
