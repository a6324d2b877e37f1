"""Exporting organisations in the import format, so that importing the export changes nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

from django.db.models import QuerySet

from ..models import Organisation
from .reading import _NEEDS_QUOTE, FORMATS, HEADER, format_of


def _export_row(org: Organisation) -> list[Any]:
    return [
        org.name_ru or "",
        org.name_kk or "",
        org.name_en or "",
        org.short_name,
        org.kind,
        org.legal_form.code if org.legal_form_id else "",
        org.country_id,
        org.region_id or "",
        org.bin,
        org.inn,
        org.ogrn,
        org.registered_on,
        ";".join(sorted(t.code for t in org.themes.all())),
        org.website,
        org.email,
    ]


def export_organisations(queryset: QuerySet[Organisation], destination: str | Path | IO, fmt: str | None = None) -> int:
    """Write organisations in the import format (CSV UTF-8 or XLSX) to a path or file; returns how many."""
    fmt = fmt or format_of(getattr(destination, "name", destination))
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {FORMATS}")
    orgs = queryset.select_related("legal_form").prefetch_related("themes").order_by("name_ru", "id")
    rows = (_export_row(org) for org in orgs.iterator(chunk_size=2000))
    if fmt == "csv":
        return _write_csv(rows, destination)
    return _write_xlsx(rows, destination)


def _escape(value: Any) -> str:
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def _write_csv(rows: Iterable[list[Any]], destination: str | Path | IO) -> int:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    count = 0
    for row in rows:
        writer.writerow([_escape(v) for v in row])
        count += 1
    # A byte-order mark makes Excel open the file as UTF-8 (its "CSV UTF-8" format); the import accepts it.
    data = buffer.getvalue().encode("utf-8-sig")
    if isinstance(destination, str | Path):
        Path(destination).write_bytes(data)
    elif isinstance(destination, io.TextIOBase):
        destination.write(data.decode("utf-8"))
    else:
        destination.write(data)
    return count


def _write_xlsx(rows: Iterable[list[Any]], destination: str | Path | IO) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("organisations")
    sheet.append(list(HEADER))
    count = 0
    for row in rows:
        cells = []
        for value in row:
            if value in ("", None):
                cell = None
            elif isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
            else:
                cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"  # text, never a formula; identifiers keep their leading zeros
                cell.number_format = "@"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(str(destination) if isinstance(destination, str | Path) else destination)
    return count
