"""Importing a file: read it, check every row, then write all of them in one transaction or none."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import services
from .checking import _error_problems, _Row, validate_rows
from .reading import FORMATS, _FileProblem, _HeaderProblems, format_of, read_rows
from .report import ImportReport, Problem, ReportItem


class _Rollback(Exception):
    """Raised inside the import transaction to undo every row when a write fails."""


def import_organisations(source: str | Path | IO[bytes], fmt: str | None = None, *, actor: Any = None) -> ImportReport:
    """Import organisations from a CSV or XLSX file: all rows, or none when any row has a problem."""
    report = ImportReport()
    fmt = fmt or format_of(getattr(source, "name", source))
    if fmt not in FORMATS:
        report.add_problems([Problem(None, "", _("Unknown file type: use a .csv or .xlsx file."))])
        return report
    try:
        raws, cell_problems = read_rows(source, fmt)
    except _FileProblem as exc:
        report.add_problems([exc.problem])
        return report
    except _HeaderProblems as exc:
        report.add_problems(exc.problems)
        return report
    rows, problems = validate_rows(raws, actor)
    if cell_problems or problems:
        # sorted() is stable: within a row, problems keep the order of the header's columns
        report.add_problems(sorted(cell_problems + problems, key=lambda p: p.row or 0))
        return report
    try:
        with transaction.atomic():
            for row in rows:
                _write(row, actor, report)
    except _Rollback:
        report.created, report.updated, report.unchanged = [], [], []
    return report


def _write(row: _Row, actor: Any, report: ImportReport) -> None:
    try:
        if row.match is None:
            org = services.organisation_create(actor=actor, themes=row.themes, **row.fields)
            report.created.append(ReportItem(row.number, str(org), org.pk))
        elif row.writes:
            org = services.organisation_update(
                actor=actor, organisation=row.match, themes=row.themes if row.themes_changed else None, **row.changes
            )
            report.updated.append(ReportItem(row.number, str(org), org.pk))
        else:
            report.unchanged.append(ReportItem(row.number, str(row.match), row.match.pk))
    except (ValidationError, PermissionDenied) as exc:
        # Validation passed a moment ago, so this is a race with another writer: undo the whole import.
        report.add_problems(_error_problems(row.number, exc, set()))
        raise _Rollback from exc
