"""The import file format (header, CSV UTF-8 or XLSX) and reading a file into numbered rows of cells."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from .report import Problem

HEADER: tuple[str, ...] = (
    "name_ru",
    "name_kk",
    "name_en",
    "short_name",
    "kind",
    "legal_form",
    "country",
    "region",
    "bin",
    "inn",
    "ogrn",
    "registered_on",
    "themes",
    "website",
    "email",
)
FORMATS: tuple[str, ...] = ("csv", "xlsx")
_IDENTIFIER_WIDTH = {"bin": 12, "inn": 10, "ogrn": 13}  # XLSX number cells lose leading zeros; put them back
# A cell starting with = + - @ (or a tab or CR) is a formula to a spreadsheet. The CSV export prefixes it with '
# and the import removes that prefix, so a name like "=cmd|..." neither runs in Excel nor changes on a round trip;
# a value that already starts with ' before such a character gets one more, for the same reason.
_NEEDS_QUOTE = re.compile(r"^'*[=+\-@\t\r]")
_QUOTED = re.compile(r"^'+[=+\-@\t\r]")
XLSX_MAX_UNPACKED_BYTES = 256 * 1024 * 1024


class _FileProblem(Exception):
    """The file as a whole cannot be read (not UTF-8, not a workbook, empty)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class _HeaderProblems(Exception):
    """The first row is not the expected header, so no row can be read."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


def format_of(name: str | Path) -> str | None:
    """The import/export format for a file name by its extension ("csv" or "xlsx"), or None."""
    suffix = Path(str(name)).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def _read_bytes(source: str | Path | IO[bytes]) -> bytes:
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    source.seek(0)
    data = source.read()
    return data.encode() if isinstance(data, str) else data


def _unescape(value: str) -> str:
    return value[1:] if _QUOTED.match(value) else value


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _FileProblem(
            Problem(
                None,
                "",
                _("The file is not UTF-8 text (bad byte at position %(position)d): save it as “CSV UTF-8”.")
                % {"position": exc.start + 1},
            )
        ) from exc
    # The header says which delimiter the file uses. csv.Sniffer is not trusted on its own: `themes` holds
    # semicolons inside comma-separated files, which can make it guess wrong.
    first_line = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    delimiter = ","
    by_semicolon = next(csv.reader([first_line], delimiter=";"), [])
    if {c.strip().lower() for c in by_semicolon} == set(HEADER) or (
        len(next(csv.reader([first_line]), [])) == 1 and len(by_semicolon) > 1
    ):
        delimiter = ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Each record is one spreadsheet row, even when a quoted cell spans several lines of the file.
        for number, cells in enumerate(reader, start=1):
            yield number, [_unescape(cell) for cell in cells]
    except csv.Error as exc:
        raise _FileProblem(
            Problem(None, "", _("The file cannot be read as CSV near line %(line)d.") % {"line": reader.line_num})
        ) from exc


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    unreadable = Problem(None, "", _("The file is not a readable XLSX workbook."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise _FileProblem(unreadable) from exc
    if unpacked > XLSX_MAX_UNPACKED_BYTES:  # a few compressed megabytes can unpack to gigabytes of XML
        raise _FileProblem(Problem(None, "", _("The workbook is too large once unpacked: save it as CSV instead.")))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged files; all mean the same here
        raise _FileProblem(unreadable) from exc
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store wrong dimensions, which would cut rows or columns off
        # read-only mode yields empty tuples for missing rows, so the count matches the row numbers Excel shows
        yield from enumerate((list(row) for row in sheet.iter_rows(values_only=True)), start=1)
    except Exception as exc:
        raise _FileProblem(unreadable) from exc
    finally:
        workbook.close()


def _cell(value: Any, column: str) -> str | date:
    """A cell as text (or a date for `registered_on`), whatever type the spreadsheet stored it as."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value if column == "registered_on" else value.isoformat()
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        width = _IDENTIFIER_WIDTH.get(column)
        return text.zfill(width) if width and len(text) < width else text
    return str(value).strip()


def _header_problems(cells: list[Any]) -> tuple[dict[str, int], list[Problem]]:
    names = [str(c).strip().lower() if c is not None else "" for c in cells]
    while names and not names[-1]:
        names.pop()
    expected = ",".join(HEADER)
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    if not names:
        return {}, [Problem(1, "", _("The first row must be the header: %(header)s") % {"header": expected})]
    for index, name in enumerate(names):
        if not name:
            problems.append(
                Problem(
                    1,
                    str(index + 1),
                    _("This column has no name; the header must be: %(header)s") % {"header": expected},
                )
            )
        elif name not in HEADER:
            problems.append(
                Problem(1, name, _("Unknown column; the header must be: %(header)s") % {"header": expected})
            )
        elif name in positions:
            problems.append(Problem(1, name, _("This column appears twice.")))
        else:
            positions[name] = index
    for name in HEADER:
        if name not in positions:
            problems.append(
                Problem(1, name, _("This column is missing; the header must be: %(header)s") % {"header": expected})
            )
    return positions, problems


@dataclass
class _Raw:
    number: int
    values: dict[str, Any]


def read_rows(source: str | Path | IO[bytes], fmt: str) -> tuple[list[_Raw], list[Problem]]:
    """The data rows of a file as {column: value} with their row numbers, and the rows that cannot be read."""
    data = _read_bytes(source)
    if not data.strip():
        raise _FileProblem(Problem(None, "", _("The file is empty.")))
    rows = _csv_rows(data) if fmt == "csv" else _xlsx_rows(data)
    header_row = next(rows, None)
    if header_row is None:
        raise _FileProblem(Problem(None, "", _("The file is empty.")))
    positions, problems = _header_problems(header_row[1])
    if problems:
        raise _HeaderProblems(problems)
    width = len(HEADER)
    out: list[_Raw] = []
    for number, cells in rows:
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue  # blank rows (often trailing ones in a spreadsheet) are not organisations
        if any(c not in (None, "") for c in cells[width:]):
            problems.append(Problem(number, "", _("This row has more cells than the header.")))
            continue
        values = {name: _cell(cells[i] if i < len(cells) else None, name) for name, i in positions.items()}
        out.append(_Raw(number, values))
    return out, problems


def is_xlsx(upload: IO[bytes]) -> bool:
    """Whether a file's content is an XLSX workbook (a zip holding xl/workbook.xml), whatever its name says."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
