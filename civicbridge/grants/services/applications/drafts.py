"""Creating and saving drafts (optimistic version check), their documents, deleting a draft."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from civicbridge.core.context import user_or_none
from civicbridge.core.permissions import require
from civicbridge.files.services import store_upload, stored_file_delete
from civicbridge.registry.models import Organisation, Region, Theme

from ...choices import ApplicationStatus, CallStatus
from ...models import (
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
from .base import DRAFT_FIELDS, PURPOSE, REQUIRED_TEXT, _lock, _raise, _require_draft
from .rows import (
    _clean_activities,
    _clean_budget_lines,
    _clean_indicators,
    _clean_partners,
    _clean_tasks,
    _clean_team,
    _date,
)

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
        created_by=user_or_none(actor),
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
