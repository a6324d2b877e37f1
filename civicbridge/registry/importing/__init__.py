"""Import and export of organisations as CSV (UTF-8) or XLSX, shared by the command line and the web UI.

An import checks every row before it writes anything: if one row is bad, nothing is saved and the report lists
each problem as `row N, column C: reason` (N as a spreadsheet numbers rows, the header being row 1). Otherwise one
transaction creates or updates organisations through the registry services, so every change is audited; a row
that matches an organisation and changes nothing writes nothing, which makes a second import of a file a no-op.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civicbridge.core.text import normalize

from .. import services
from ..choices import OrganisationKind
from ..models import Country, LegalForm, Organisation, Region, Theme

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
MAX_PROBLEMS = 1000  # problems listed in a report; the rest are only counted
IDENTIFIERS: tuple[str, ...] = ("bin", "ogrn", "inn")  # the order in which a row is matched to an organisation
_IDENTIFIER_WIDTH = {"bin": 12, "inn": 10, "ogrn": 13}  # XLSX number cells lose leading zeros; put them back
_TEXT_FIELDS = ("name_ru", "name_kk", "name_en", "short_name", "website", "email")
_OPTIONAL_TRANSLATIONS = ("name_kk", "name_en")  # stored as NULL when empty, like every other translation column
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A cell starting with = + - @ (or a tab or CR) is a formula to a spreadsheet. The CSV export prefixes it with '
# and the import removes that prefix, so a name like "=cmd|..." neither runs in Excel nor changes on a round trip;
# a value that already starts with ' before such a character gets one more, for the same reason.
_NEEDS_QUOTE = re.compile(r"^'*[=+\-@\t\r]")
_QUOTED = re.compile(r"^'+[=+\-@\t\r]")
_NOT_CLEANED = ("name", "country", "region", "legal_form", "search_text")  # checked by lookups or by the services
_COLUMN_ORDER = {name: i for i, name in enumerate(HEADER)}
XLSX_MAX_UNPACKED_BYTES = 256 * 1024 * 1024
_CHUNK = 500  # identifiers per IN (...) query: well under every backend's parameter limit


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be imported, located by spreadsheet row and column name."""

    row: int | None
    column: str
    reason: str

    def __str__(self) -> str:
        # The locator stays in the file's own vocabulary (row number, header name); the reason is translated.
        if self.row is None:
            return self.reason
        if not self.column:
            return f"row {self.row}: {self.reason}"
        return f"row {self.row}, column {self.column}: {self.reason}"


@dataclass(frozen=True)
class ReportItem:
    """One organisation the import created, updated or left unchanged."""

    row: int
    name: str
    pk: int


@dataclass
class ImportReport:
    """What an import did, or why it did nothing."""

    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    created: list[ReportItem] = field(default_factory=list)
    updated: list[ReportItem] = field(default_factory=list)
    unchanged: list[ReportItem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add_problems(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.problem_count += 1
            if len(self.problems) < MAX_PROBLEMS:
                self.problems.append(problem)

    @property
    def more_problems(self) -> int:
        return self.problem_count - len(self.problems)

    def problem_lines(self) -> list[str]:
        """One line per listed problem, and a last line counting the ones left out."""
        lines = [str(p) for p in self.problems]
        if self.more_problems:
            lines.append(
                ngettext("…and %(count)d more problem.", "…and %(count)d more problems.", self.more_problems)
                % {"count": self.more_problems}
            )
        return lines

    def summary(self) -> str:
        """One sentence: how many problems, or how many organisations were created, updated and left as they were."""
        if not self.ok:
            return ngettext(
                "Nothing was imported: %(count)d problem was found.",
                "Nothing was imported: %(count)d problems were found.",
                self.problem_count,
            ) % {"count": self.problem_count}
        return _("Organisations created: %(created)d, updated: %(updated)d, unchanged: %(unchanged)d.") % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }


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


class _Rollback(Exception):
    """Raised inside the import transaction to undo every row when a write fails."""


def format_of(name: str | Path) -> str | None:
    """The import/export format for a file name by its extension ("csv" or "xlsx"), or None."""
    suffix = Path(str(name)).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


# ----------------------------------------------------------------------------------------------------------- reading


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


# -------------------------------------------------------------------------------------------------------- validation


@dataclass
class _Row:
    number: int
    fields: dict[str, Any]
    themes: list[Theme]
    match: Organisation | None = None
    match_column: str = ""
    changes: dict[str, Any] = field(default_factory=dict)
    themes_changed: bool = False

    @property
    def writes(self) -> bool:
        """Whether importing the row creates or changes anything."""
        return self.match is None or bool(self.changes) or self.themes_changed


class _Lookups:
    """Every code and organisation the rows refer to, fetched in a few queries rather than one per row."""

    def __init__(self, raws: list[_Raw]) -> None:
        def col(name: str, fold=str.upper) -> set[str]:
            return {fold(r.values[name]) for r in raws if isinstance(r.values[name], str) and r.values[name]}

        self.countries = {c.code: c for c in _chunked(Country.objects.all(), "code", col("country"))}
        self.regions = {r.code: r for r in _chunked(Region.objects.all(), "code", col("region"))}
        forms = _chunked(LegalForm.objects.all(), "code", col("legal_form", str.lower))
        self.legal_forms = {lf.code: lf for lf in forms}
        theme_codes = {c.strip().lower() for r in raws for c in str(r.values["themes"]).split(";") if c.strip()}
        self.themes = {t.code: t for t in _chunked(Theme.objects.all(), "code", theme_codes)}
        orgs = Organisation.objects.select_related("legal_form")
        found: dict[int, Organisation] = {}
        for name in IDENTIFIERS:
            # The non-empty condition repeats the unique constraints' own, so SQLite can use those partial indexes.
            for org in _chunked(orgs.exclude(**{name: ""}), name, {_digits(v) for v in col(name)} - {""}):
                found.setdefault(org.pk, org)
        names = {r.values["name_ru"] for r in raws if r.values["name_ru"]}
        for org in _chunked(orgs.filter(country_id__in=list(self.countries)), "name_ru", names):
            found.setdefault(org.pk, org)
        self.by_identifier = {
            (name, getattr(o, name)): o for o in found.values() for name in IDENTIFIERS if getattr(o, name)
        }
        self.by_name: dict[tuple[str, str], list[Organisation]] = {}
        for org in found.values():
            self.by_name.setdefault(((org.name_ru or "").strip(), org.country_id), []).append(org)
        # Theme ids straight from the link table: comparing sets needs no Theme objects.
        self.theme_ids: dict[int, set[int]] = {pk: set() for pk in found}
        links = Organisation.themes.through.objects.values_list("organisation_id", "theme_id")
        for start in range(0, len(found), _CHUNK):
            for org_id, theme_id in links.filter(organisation_id__in=list(found)[start : start + _CHUNK]):
                self.theme_ids[org_id].add(theme_id)


def _chunked(queryset: QuerySet, field_name: str, values: set[str]) -> Iterator[Any]:
    ordered = sorted(values)
    for start in range(0, len(ordered), _CHUNK):
        yield from queryset.filter(**{f"{field_name}__in": ordered[start : start + _CHUNK]})


def _digits(value: Any) -> str:
    return "".join(str(value).split())


def _parse(raw: _Raw, lookups: _Lookups) -> tuple[_Row, list[Problem]]:
    """Turn one row's cells into service arguments, noting every value that is not a known code or a date."""
    v, n = raw.values, raw.number
    problems: list[Problem] = []

    def bad(column: str, reason: str) -> None:
        problems.append(Problem(n, column, reason))

    fields: dict[str, Any] = {name: v[name] for name in _TEXT_FIELDS}
    for name in _OPTIONAL_TRANSLATIONS:
        fields[name] = fields[name] or None
    kind = v["kind"].lower() or OrganisationKind.NGO
    if kind not in OrganisationKind.values:
        bad(
            "kind",
            _("Unknown kind “%(value)s”: use one of %(choices)s.")
            % {"value": v["kind"], "choices": ", ".join(OrganisationKind.values)},
        )
    fields["kind"] = kind
    country_code = v["country"].upper()
    fields["country"] = lookups.countries.get(country_code)
    if not country_code:
        bad("country", _("Enter the country as a two-letter ISO code, e.g. KZ or RU."))
    elif fields["country"] is None:
        bad(
            "country",
            _("Unknown country code “%(value)s”: use a two-letter ISO code, e.g. KZ or RU.") % {"value": v["country"]},
        )
    region_code = v["region"].upper()
    fields["region"] = lookups.regions.get(region_code) if region_code else None
    if region_code and fields["region"] is None:
        bad(
            "region",
            _("Unknown region code “%(value)s”: use an ISO 3166-2 code such as KZ-75 or RU-MOW.")
            % {"value": v["region"]},
        )
    form_code = v["legal_form"].lower()
    fields["legal_form"] = lookups.legal_forms.get(form_code) if form_code else None
    if form_code and fields["legal_form"] is None:
        bad("legal_form", _("Unknown legal form code “%(value)s”.") % {"value": v["legal_form"]})
    themes: list[Theme] = []
    unknown: list[str] = []
    for code in dict.fromkeys(c.strip().lower() for c in v["themes"].split(";") if c.strip()):
        if code in lookups.themes:
            themes.append(lookups.themes[code])
        else:
            unknown.append(code)
    if unknown:
        bad(
            "themes",
            ngettext("Unknown theme code: %(codes)s.", "Unknown theme codes: %(codes)s.", len(unknown))
            % {"codes": ", ".join(unknown)},
        )
    fields["registered_on"] = _parse_date(v["registered_on"], lambda reason: bad("registered_on", reason))
    for name in IDENTIFIERS:
        fields[name] = _digits(v[name])
    return _Row(n, fields, themes), problems


def _parse_date(value: str | date, bad) -> date | None:
    if isinstance(value, date):
        parsed = value
    elif not value:
        return None
    else:
        try:
            if not _ISO_DATE.match(value):
                raise ValueError(value)
            parsed = date.fromisoformat(value)
        except ValueError:
            bad(_("Enter the date as YYYY-MM-DD, e.g. 2015-03-27."))
            return None
    if parsed > timezone.localdate():
        bad(_("The registration date is in the future."))
        return None
    return parsed


def _find_match(row: _Row, lookups: _Lookups) -> tuple[Organisation | None, str, list[Problem]]:
    """The organisation a row describes: by БИН, then ОГРН, then ИНН, else by Russian name and country."""
    for name in IDENTIFIERS:
        value = row.fields[name]
        if value and (name, value) in lookups.by_identifier:
            return lookups.by_identifier[(name, value)], name, []
    country = row.fields["country"]
    if country is None:
        return None, "", []
    # A name matches only an organisation whose numbers do not contradict the row's: that fills in a missing БИН
    # of a known organisation but never merges two organisations registered under different numbers.
    candidates = [
        org
        for org in lookups.by_name.get((row.fields["name_ru"], country.code), [])
        if all(not row.fields[name] or not getattr(org, name) for name in IDENTIFIERS)
    ]
    if len(candidates) > 1:
        reason = _("Several organisations in this country have this name: add a BIN, OGRN or INN to say which one.")
        return None, "", [Problem(row.number, "name_ru", reason)]
    return (candidates[0], "name_ru", []) if candidates else (None, "", [])


def _differences(row: _Row, org: Organisation, theme_ids: set[int]) -> tuple[dict[str, Any], bool]:
    """The fields a row would change on `org` (empty identifiers keep the stored ones), and whether themes differ."""
    changes: dict[str, Any] = {}
    for name, value in row.fields.items():
        if name in ("country", "region", "legal_form"):
            if getattr(org, f"{name}_id") != (value.pk if value is not None else None):
                changes[name] = value
        elif name in IDENTIFIERS:
            if value and getattr(org, name) != value:
                changes[name] = value
        elif isinstance(value, str) or (value is None and name in _OPTIONAL_TRANSLATIONS):
            if (getattr(org, name) or "") != (value or ""):
                changes[name] = value
        elif getattr(org, name) != value:
            changes[name] = value
    return changes, {t.pk for t in row.themes} != theme_ids


def _candidate(row: _Row) -> Organisation:
    """An unsaved organisation as it will be after the row is applied, for the services' validation."""
    org = Organisation(**{k: v for k, v in row.fields.items() if k not in ("country", "region", "legal_form")})
    org.country_id = row.fields["country"].pk if row.fields["country"] else None
    org.region_id = row.fields["region"].pk if row.fields["region"] else None
    org.legal_form = row.fields["legal_form"]
    if row.match is not None:
        for name in IDENTIFIERS:
            setattr(org, name, row.fields[name] or getattr(row.match, name))
    return org


def _error_problems(number: int, exc: ValidationError | PermissionDenied, skip: set[str]) -> list[Problem]:
    if isinstance(exc, PermissionDenied):
        return [Problem(number, "", str(exc))]
    if not hasattr(exc, "error_dict"):
        return [Problem(number, "", message) for message in exc.messages]
    problems = []
    for name, messages in exc.message_dict.items():
        column = "name_ru" if name == "name" else ("" if name == NON_FIELD_ERRORS else name)
        if column in skip:
            continue  # already explained by the importer's own message for this cell
        problems.extend(Problem(number, column, message) for message in messages)
    return problems


def _within_file(row: _Row, seen: dict[tuple, int], claimed: dict[int, int]) -> list[Problem]:
    problems = []
    messages = {
        "bin": _("The same BIN is also in row %(row)d."),
        "inn": _("The same INN is also in row %(row)d."),
        "ogrn": _("The same OGRN is also in row %(row)d."),
    }
    for name in ("bin", "inn", "ogrn"):
        value = row.fields[name]
        if value:
            if (name, value) in seen:
                problems.append(Problem(row.number, name, messages[name] % {"row": seen[(name, value)]}))
            else:
                seen[(name, value)] = row.number
    country = row.fields["country"]
    if row.fields["name_ru"] and country is not None:
        key = ("name", normalize(row.fields["name_ru"]), country.code)
        if key in seen:
            problems.append(
                Problem(
                    row.number,
                    "name_ru",
                    _("An organisation with the same name and country is also in row %(row)d.") % {"row": seen[key]},
                )
            )
        else:
            seen[key] = row.number
    if row.match is not None and not problems:
        if row.match.pk in claimed:
            problems.append(
                Problem(
                    row.number,
                    row.match_column,
                    _("This row and row %(row)d describe the same organisation, “%(name)s”.")
                    % {"row": claimed[row.match.pk], "name": row.match},
                )
            )
        else:
            claimed[row.match.pk] = row.number
    return problems


def _model_problems(row: _Row, known: list[Problem]) -> list[Problem]:
    """What the model's field checks and the services' validation say about the organisation the row will make."""
    candidate = _candidate(row)
    explained = {p.column for p in known}
    if "country" in explained:
        explained.update(IDENTIFIERS)  # which numbers apply depends on the country: fix that first
    problems: list[Problem] = []
    try:
        # The model's own field checks (URL, e-mail, lengths, choices) need no queries and report what the
        # services would only reach after their identifier checks pass, so one upload shows every problem.
        candidate.clean_fields(exclude=[*_NOT_CLEANED, *IDENTIFIERS])
    except ValidationError as exc:
        problems += _error_problems(row.number, exc, explained)
    try:
        services.validate_organisation(candidate, exclude_pk=row.match.pk if row.match else None)
    except ValidationError as exc:
        problems += _error_problems(row.number, exc, explained | {p.column for p in problems})
    return problems


def _permission_problems(row: _Row, actor: Any, may_add: bool) -> list[Problem]:
    """The services would refuse this row for this user: say so now, before anything is written."""
    if row.match is None:
        return [] if may_add else [Problem(row.number, "", _("You may not add organisations."))]
    if actor.has_perm("registry.change_organisation", row.match):
        return []
    return [Problem(row.number, "", _("You may not change “%(name)s”.") % {"name": row.match})]


def validate_rows(raws: list[_Raw], actor: Any = None) -> tuple[list[_Row], list[Problem]]:
    """Check every row (codes, dates, duplicates, the services' own validation and permissions); write nothing."""
    lookups = _Lookups(raws)
    rows: list[_Row] = []
    problems: list[Problem] = []
    seen: dict[tuple, int] = {}
    claimed: dict[int, int] = {}
    may_add = actor is None or actor.has_perm("registry.add_organisation")
    for raw in raws:
        row, row_problems = _parse(raw, lookups)
        row.match, row.match_column, match_problems = _find_match(row, lookups)
        row_problems += match_problems
        if row.match is not None:
            row.changes, row.themes_changed = _differences(row, row.match, lookups.theme_ids[row.match.pk])
        row_problems += _within_file(row, seen, claimed)
        if row.writes:  # a row that changes nothing writes nothing: its stored record was validated when saved
            row_problems += _model_problems(row, row_problems)
        if actor is not None and row.writes:  # the command line may do anything; an unchanged row needs nothing
            row_problems += _permission_problems(row, actor, may_add)
        problems.extend(sorted(row_problems, key=lambda p: _COLUMN_ORDER.get(p.column, -1)))
        rows.append(row)
    return rows, problems


# ------------------------------------------------------------------------------------------------------------ import


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


# ------------------------------------------------------------------------------------------------------------ export


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
