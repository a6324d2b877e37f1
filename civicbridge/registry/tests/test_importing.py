"""Organisation import and export: all-or-nothing, the problem report, idempotence, XLSX, the command and the page."""

from __future__ import annotations

import csv
import importlib
import io
import os
import random
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from civicbridge.core.models import AuditEntry
from civicbridge.registry import importing
from civicbridge.registry.identifiers import bin_check_digit
from civicbridge.registry.importing.exporting import _export_row
from civicbridge.registry.models import Country, LegalForm, Organisation, Region, Theme
from civicbridge.registry.tests.factories import (
    OrganisationFactory,
    RussianOrganisationFactory,
    make_bin,
    make_inn,
    make_ogrn,
)

ImportCommand = importlib.import_module("civicbridge.registry.management.commands.import").Command
HEADER = list(importing.HEADER)
RNG = random.Random(20260101)


@pytest.fixture(autouse=True)
def reference(db):
    """The codes the files below use. Migration 0002 seeds them; get_or_create keeps the tests independent of it."""
    kz, _ = Country.objects.get_or_create(code="KZ", defaults={"name_ru": "Казахстан", "name": "Казахстан"})
    ru, _ = Country.objects.get_or_create(code="RU", defaults={"name_ru": "Россия", "name": "Россия"})
    for code, country, name in (
        ("KZ-75", kz, "Алматы"),
        ("KZ-71", kz, "Астана"),
        ("RU-MOW", ru, "Москва"),
        ("RU-SPE", ru, "Санкт-Петербург"),
    ):
        Region.objects.get_or_create(code=code, defaults={"country": country, "name_ru": name, "name": name})
    for code, country, name in (
        ("kz-public-fund", kz, "общественный фонд"),
        ("kz-public-association", kz, "общественное объединение"),
        ("ru-ano", ru, "АНО"),
    ):
        LegalForm.objects.get_or_create(code=code, defaults={"country": country, "name_ru": name, "name": name})
    for code, name in (("ecology", "экология"), ("inclusion", "инклюзия"), ("education", "образование")):
        Theme.objects.get_or_create(code=code, defaults={"name_ru": name, "name": name})


@pytest.fixture(autouse=True)
def _in_english(english):
    """Exact English lines and pages (the root conftest's `english`); the Russian tests switch the language
    themselves."""


_counter = iter(range(1, 1_000_000))


def org_audit():
    """Audit entries about organisations."""
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(Organisation))


def kz_row(**values: str) -> dict[str, str]:
    """A valid row for a Kazakh NGO; keyword arguments replace cells."""
    n = next(_counter)
    row = {
        "name_ru": f"Общественный фонд «Импорт {n}»",
        "name_kk": f"«Импорт {n}» қоғамдық қоры",
        "name_en": "",
        "short_name": f"ИМ{n}",
        "kind": "",
        "legal_form": "kz-public-fund",
        "country": "KZ",
        "region": "KZ-75",
        "bin": make_bin(RNG),
        "inn": "",
        "ogrn": "",
        "registered_on": "2015-03-27",
        "themes": "ecology;inclusion",
        "website": f"https://fund{n}.example.kz",
        "email": f"info@fund{n}.example.kz",
    }
    row.update(values)
    return row


def ru_row(**values: str) -> dict[str, str]:
    """A valid row for a Russian ANO."""
    row = kz_row(
        name_ru=f"АНО «Импорт {next(_counter)}»",
        name_kk="",
        legal_form="ru-ano",
        country="RU",
        region="RU-MOW",
        bin="",
        inn=make_inn(RNG),
        ogrn=make_ogrn(RNG),
        themes="education",
    )
    row.update(values)
    return row


def write_csv(
    path: Path, rows: list[dict[str, str]], header: list[str] = HEADER, *, delimiter: str = ",", bom: bool = False
) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig" if bom else "utf-8"))
    return path


def run_import(path: Path) -> tuple[int, str, str]:
    """Run `civicbridge import organisations PATH`; returns (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", "organisations", str(path), stdout=out, stderr=err)
    except CommandError as exc:
        err.write(f"{exc}\n")
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def problem_lines(err: str) -> list[str]:
    """stderr without the closing CommandError summary."""
    return [line for line in err.splitlines() if line.startswith("row ") or line.startswith("…")]


# --------------------------------------------------------------------------------------------------- happy path


def test_import_creates_organisations_with_codes_and_audit(tmp_path):
    rows = [kz_row(kind="network", themes="Ecology; inclusion ;"), ru_row(), kz_row(bin="", region="", legal_form="")]
    code, out, err = run_import(write_csv(tmp_path / "orgs.csv", rows))

    assert (code, err) == (0, "")
    assert "Organisations created: 3, updated: 0, unchanged: 0." in out
    first = Organisation.objects.get(name_ru=rows[0]["name_ru"])
    assert (first.kind, first.country_id, first.region_id, first.legal_form.code, first.bin) == (
        "network",
        "KZ",
        "KZ-75",
        "kz-public-fund",
        rows[0]["bin"],
    )
    assert first.registered_on == date(2015, 3, 27)
    assert sorted(first.themes.values_list("code", flat=True)) == ["ecology", "inclusion"]
    assert first.name_en is None  # an empty translation is stored as NULL, like the other forms store it
    russian = Organisation.objects.get(name_ru=rows[1]["name_ru"])
    assert (russian.inn, russian.ogrn, russian.legal_form.code) == (rows[1]["inn"], rows[1]["ogrn"], "ru-ano")
    third = Organisation.objects.get(name_ru=rows[2]["name_ru"])
    assert (third.bin, third.region_id, third.legal_form_id, third.kind) == ("", None, None, "ngo")
    entries = org_audit().filter(action="create", object_id__in=[str(first.pk), str(russian.pk)])
    assert entries.count() == 2
    assert {e.actor_id for e in entries} == {None}
    assert len({e.request_id for e in entries}) == 1 and entries[0].request_id  # one request id for the import


def test_import_accepts_bom_and_semicolons(tmp_path):
    rows = [kz_row(themes="ecology;inclusion"), ru_row()]
    code, out, _ = run_import(write_csv(tmp_path / "excel.csv", rows, delimiter=";", bom=True))

    assert code == 0
    assert Organisation.objects.count() == 2
    assert set(Organisation.objects.get(bin=rows[0]["bin"]).themes.values_list("code", flat=True)) == {
        "ecology",
        "inclusion",
    }


def test_header_only_file_imports_nothing_without_error(tmp_path):
    code, out, _ = run_import(write_csv(tmp_path / "empty.csv", []))

    assert code == 0
    assert "created: 0" in out


# ----------------------------------------------------------------------------------------------- all or nothing


def test_one_bad_row_in_fifty_saves_nothing(tmp_path):
    rows = [kz_row() for _ in range(50)]
    rows[36]["bin"] = rows[36]["bin"][:11] + str((int(rows[36]["bin"][11]) + 1) % 10)  # spreadsheet row 38
    audit_before = AuditEntry.objects.count()

    code, out, err = run_import(write_csv(tmp_path / "fifty.csv", rows))

    assert code == 1
    assert out == ""
    assert problem_lines(err) == ["row 38, column bin: The BIN check digit is wrong: check the number for typos."]
    assert "Nothing was imported: 1 problem was found." in err
    assert Organisation.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before


def test_console_script_exits_with_one(tmp_path):
    """The real `civicbridge` script on a database of its own: problems on stderr, exit code 1, nothing saved."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    script = [sys.executable, "-m", "civicbridge"]
    subprocess.run([*script, "migrate", "--no-input", "-v0"], env=env, check=True, capture_output=True)
    good, bad = kz_row(), kz_row(country="XX")
    bad_file = write_csv(tmp_path / "bad.csv", [good, bad])

    failed = subprocess.run(
        [*script, "import", "organisations", str(bad_file)], env=env, capture_output=True, text=True
    )
    done = subprocess.run(
        [*script, "import", "organisations", str(write_csv(tmp_path / "good.csv", [good]))],
        env=env,
        capture_output=True,
        text=True,
    )

    assert failed.returncode == 1
    assert failed.stdout == ""
    assert failed.stderr.splitlines()[0].startswith("row 3, column country: ")
    assert done.returncode == 0, done.stderr
    assert "1" in done.stdout.splitlines()[0]


BAD_VALUES = [
    pytest.param(
        {"bin": "150312345678"},
        "bin",
        "The 5th digit of a BIN is 4, 5 or 6 (legal-entity type); this looks like an individual's IIN.",
        id="bin-structure",
    ),
    pytest.param({"bin": "12345"}, "bin", "A BIN has exactly 12 digits.", id="bin-length"),
    pytest.param({"inn": "7707083893"}, "inn", "This identifier is used only for organisations of RU.", id="inn-kz"),
    pytest.param(
        {"region": "KZ-99"},
        "region",
        "Unknown region code “KZ-99”: use an ISO 3166-2 code such as KZ-75 or RU-MOW.",
        id="region-unknown",
    ),
    pytest.param(
        {"region": "RU-MOW"}, "region", "The region is not in the organisation's country.", id="region-other-country"
    ),
    pytest.param({"legal_form": "kz-club"}, "legal_form", "Unknown legal form code “kz-club”.", id="form-unknown"),
    pytest.param(
        {"legal_form": "ru-ano"}, "legal_form", "This legal form belongs to another country.", id="form-other-country"
    ),
    pytest.param({"themes": "ecology;space;time"}, "themes", "Unknown theme codes: space, time.", id="themes"),
    pytest.param(
        {"registered_on": "27.03.2015"},
        "registered_on",
        "Enter the date as YYYY-MM-DD, e.g. 2015-03-27.",
        id="date-format",
    ),
    pytest.param(
        {"registered_on": "2015-02-30"},
        "registered_on",
        "Enter the date as YYYY-MM-DD, e.g. 2015-03-27.",
        id="date-impossible",
    ),
    pytest.param(
        {"kind": "club"},
        "kind",
        "Unknown kind “club”: use one of ngo, network, state_body, parliament, "
        "public_chamber, foundation, business, international.",
        id="kind",
    ),
    pytest.param({"name_ru": "  "}, "name_ru", "Enter the name in Russian.", id="name-missing"),
    pytest.param(
        {"country": ""}, "country", "Enter the country as a two-letter ISO code, e.g. KZ or RU.", id="country-missing"
    ),
    pytest.param({"website": "not a site"}, "website", "Enter a valid URL.", id="website"),
    pytest.param({"email": "info@"}, "email", "Enter a valid email address.", id="email"),
]


@pytest.mark.parametrize(("cells", "column", "reason"), BAD_VALUES)
def test_each_kind_of_bad_value_is_reported_and_nothing_saved(tmp_path, cells, column, reason):
    rows = [kz_row(), kz_row(**cells)]

    code, _, err = run_import(write_csv(tmp_path / "bad.csv", rows))

    assert code == 1
    assert problem_lines(err) == [f"row 3, column {column}: {reason}"]
    assert Organisation.objects.count() == 0


def test_future_registration_date(tmp_path):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    code, _, err = run_import(write_csv(tmp_path / "bad.csv", [kz_row(registered_on=tomorrow)]))

    assert code == 1
    assert problem_lines(err) == ["row 2, column registered_on: The registration date is in the future."]


def test_every_problem_of_a_row_is_listed_in_column_order(tmp_path):
    row = kz_row(kind="club", region="KZ-99", bin="1", themes="space", website="nope", email="@")

    _, _, err = run_import(write_csv(tmp_path / "bad.csv", [row]))

    assert [line.split(":")[0] for line in problem_lines(err)] == [
        "row 2, column kind",
        "row 2, column region",
        "row 2, column bin",
        "row 2, column themes",
        "row 2, column website",
        "row 2, column email",
    ]


def test_duplicates_within_the_file(tmp_path):
    first = kz_row()
    rows = [
        first,
        kz_row(bin=first["bin"]),  # row 3: same BIN
        kz_row(name_ru=first["name_ru"].upper().replace("Е", "Ё"), bin=""),  # row 4: same name (case, ё) and country
        kz_row(name_ru=first["name_ru"], country="RU", region="", legal_form="", bin=""),  # row 5: other country: fine
    ]
    inn = make_inn(RNG)
    rows += [ru_row(inn=inn), ru_row(inn=inn, ogrn="")]  # rows 6 and 7: same INN

    code, _, err = run_import(write_csv(tmp_path / "dupes.csv", rows))

    assert code == 1
    assert problem_lines(err) == [
        "row 3, column bin: The same BIN is also in row 2.",
        "row 4, column name_ru: An organisation with the same name and country is also in row 2.",
        "row 7, column inn: The same INN is also in row 6.",
    ]
    assert Organisation.objects.count() == 0


def test_identifier_of_another_organisation_in_the_database(tmp_path):
    a, b = RussianOrganisationFactory(), RussianOrganisationFactory()
    row = ru_row(ogrn=a.ogrn, inn=b.inn)  # matches A by OGRN, but its INN is B's

    _, _, err = run_import(write_csv(tmp_path / "clash.csv", [row]))

    assert problem_lines(err) == [f"row 2, column inn: Another organisation already has this number: {b}."]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param(
            [*HEADER[:-1], "phone"],
            [
                "row 1, column phone: Unknown column; the header must be: {h}",
                "row 1, column email: This column is missing; the header must be: {h}",
            ],
            id="unknown-and-missing",
        ),
        pytest.param(
            [c for c in HEADER if c != "region"],
            ["row 1, column region: This column is missing; the header must be: {h}"],
            id="missing",
        ),
        pytest.param([*HEADER, "bin"], ["row 1, column bin: This column appears twice."], id="twice"),
    ],
)
def test_bad_header(tmp_path, header, expected):
    code, _, err = run_import(write_csv(tmp_path / "header.csv", [kz_row()], header))

    assert code == 1
    assert problem_lines(err) == [line.format(h=",".join(HEADER)) for line in expected]


def test_header_in_another_order_is_read_by_name(tmp_path):
    row = kz_row()
    code, _, _ = run_import(write_csv(tmp_path / "reordered.csv", [row], list(reversed(HEADER))))

    assert code == 0
    assert Organisation.objects.get().bin == row["bin"]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "The file is empty."),
        (
            "name_ru;Фонд".encode("cp1251"),
            "ansi.csv",
            "The file is not UTF-8 text (bad byte at position 9): save it as “CSV UTF-8”.",
        ),
        (b"PK\x03\x04 not really a workbook", "broken.xlsx", "The file is not a readable XLSX workbook."),
    ],
)
def test_unreadable_files(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)

    code, _, err = run_import(path)

    assert code == 1
    assert err.splitlines()[0] == message


def test_workbook_that_unpacks_to_too_much_is_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"0" * 1024 * 1024
            for _ in range(importing.XLSX_MAX_UNPACKED_BYTES // len(chunk) + 1):
                sheet.write(chunk)
    assert path.stat().st_size < 2_000_000

    report = importing.import_organisations(path)

    assert report.problem_lines() == ["The workbook is too large once unpacked: save it as CSV instead."]


def test_row_with_more_cells_than_the_header(tmp_path):
    path = write_csv(tmp_path / "wide.csv", [kz_row()])
    path.write_text(path.read_text(encoding="utf-8").rstrip("\r\n") + ",extra\r\n", encoding="utf-8")

    _, _, err = run_import(path)

    assert problem_lines(err) == ["row 2: This row has more cells than the header."]


def test_blank_rows_are_skipped_but_counted(tmp_path):
    path = tmp_path / "blank.csv"
    write_csv(path, [kz_row(), kz_row(kind="club")])
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\r\n".join([lines[0], lines[1], ",,,", lines[2]]) + "\r\n", encoding="utf-8")

    _, _, err = run_import(path)

    assert problem_lines(err)[0].startswith("row 4, column kind:")


def test_problem_list_is_capped(tmp_path):
    rows = [kz_row(kind="club", bin="") for _ in range(importing.MAX_PROBLEMS + 3)]

    code, _, err = run_import(write_csv(tmp_path / "many.csv", rows))

    lines = problem_lines(err)
    assert code == 1
    assert len(lines) == importing.MAX_PROBLEMS + 1
    assert lines[-1] == "…and 3 more problems."
    assert f"{importing.MAX_PROBLEMS + 3} problems were found" in err


# -------------------------------------------------------------------------------------------- updates, idempotence


def test_same_file_twice_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "orgs.csv", [kz_row(), ru_row(), kz_row(bin="", themes="")])
    assert run_import(path)[0] == 0
    audit_before = AuditEntry.objects.count()

    code, out, _ = run_import(path)

    assert code == 0
    assert "Organisations created: 0, updated: 0, unchanged: 3." in out
    assert Organisation.objects.count() == 3
    assert AuditEntry.objects.count() == audit_before


def test_update_matched_by_bin(tmp_path):
    org = OrganisationFactory(name_en="Old name")
    old_name = org.name_ru
    org.themes.set([Theme.objects.get(code="education")])
    row = kz_row(bin=org.bin, name_ru="Новое имя", name_en="", themes="ecology")

    code, out, _ = run_import(write_csv(tmp_path / "update.csv", [row]))

    assert code == 0
    assert "Organisations created: 0, updated: 1, unchanged: 0." in out
    org.refresh_from_db()
    assert (org.name_ru, org.name_en or "", org.region_id) == ("Новое имя", "", "KZ-75")
    assert list(org.themes.values_list("code", flat=True)) == ["ecology"]
    changes = org_audit().filter(object_id=str(org.pk), action="update").values_list("changes", flat=True)
    assert any(c.get("name_ru") == [old_name, "Новое имя"] for c in changes)
    assert any("themes" in c for c in changes)


def test_update_matched_by_ogrn_then_inn_keeps_identifiers_left_empty(tmp_path):
    by_ogrn, by_inn = RussianOrganisationFactory(), RussianOrganisationFactory()
    kept = (by_ogrn.inn, by_inn.ogrn)
    rows = [ru_row(ogrn=by_ogrn.ogrn, inn="", name_ru="По ОГРН"), ru_row(inn=by_inn.inn, ogrn="", name_ru="По ИНН")]

    code, out, err = run_import(write_csv(tmp_path / "ru.csv", rows))

    assert code == 0, err
    assert "Organisations created: 0, updated: 2, unchanged: 0." in out
    by_ogrn.refresh_from_db()
    by_inn.refresh_from_db()
    assert (by_ogrn.name_ru, by_inn.name_ru) == ("По ОГРН", "По ИНН")
    assert (by_ogrn.inn, by_inn.ogrn) == kept  # an empty cell does not erase a recorded number
    assert Organisation.objects.count() == 2


def test_match_by_name_and_country_fills_in_the_bin(tmp_path):
    org = OrganisationFactory(bin="", name_ru="Фонд без БИН")
    OrganisationFactory(bin="", name_ru="Фонд без БИН", country=Country.objects.get(code="RU"))
    row = kz_row(name_ru="Фонд без БИН")

    code, out, _ = run_import(write_csv(tmp_path / "name.csv", [row]))

    assert code == 0
    assert "updated: 1" in out
    org.refresh_from_db()
    assert org.bin == row["bin"]


def test_name_match_never_merges_organisations_with_different_numbers(tmp_path):
    OrganisationFactory(name_ru="Тёзка")
    row = kz_row(name_ru="Тёзка")  # another BIN: another organisation with the same name

    code, out, _ = run_import(write_csv(tmp_path / "namesake.csv", [row]))

    assert code == 0
    assert "created: 1" in out
    assert Organisation.objects.filter(name_ru="Тёзка").count() == 2


def test_ambiguous_name_needs_an_identifier(tmp_path):
    OrganisationFactory(bin="", name_ru="Двойник")
    OrganisationFactory(bin="", name_ru="Двойник")

    _, _, err = run_import(write_csv(tmp_path / "twins.csv", [kz_row(name_ru="Двойник", bin="")]))

    assert problem_lines(err) == [
        "row 2, column name_ru: Several organisations in this country have this name: add a BIN, OGRN or INN "
        "to say which one."
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_lookups_do_not_grow_with_the_rows(tmp_path, fmt):
    """Codes and existing organisations are fetched in bulk: an unchanged file costs the same queries at any size."""
    themes = list(Theme.objects.filter(code__in=["ecology", "education"]))
    region = Region.objects.get(code="KZ-75")
    few = [OrganisationFactory(region=region), RussianOrganisationFactory(), OrganisationFactory(bin="")]
    few[0].themes.set(themes)
    small, large = tmp_path / f"small.{fmt}", tmp_path / f"large.{fmt}"
    importing.export_organisations(Organisation.objects.filter(pk__in=[o.pk for o in few]), small)
    for org in OrganisationFactory.create_batch(15, region=region):
        org.themes.set(themes)
    RussianOrganisationFactory.create_batch(10)
    OrganisationFactory.create_batch(5, bin="")
    importing.export_organisations(Organisation.objects.all(), large)
    counts = []
    for path in (small, large):
        with CaptureQueriesContext(connection) as queries:
            report = importing.import_organisations(path)
        assert report.ok and not report.created and not report.updated
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_two_rows_for_one_organisation(tmp_path):
    org = OrganisationFactory(name_ru="Один фонд")
    rows = [kz_row(bin=org.bin, name_ru="Один фонд — новое имя"), kz_row(name_ru="Один фонд", bin="")]

    _, _, err = run_import(write_csv(tmp_path / "twice.csv", rows))

    assert problem_lines(err) == [
        "row 3, column name_ru: This row and row 2 describe the same organisation, “Один фонд”."
    ]


# --------------------------------------------------------------------------------------------------------- XLSX


def write_xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def bin_of_2005() -> str:
    """A valid БИН starting with 0 (registered in 2005), which Excel stores as an 11-digit number."""
    for serial in range(10_000):
        first11 = f"0511400{serial:04d}"
        if bin_check_digit(first11) is not None:
            return first11 + str(bin_check_digit(first11))
    raise AssertionError("no valid BIN")


def test_xlsx_import_with_number_and_date_cells(tmp_path):
    bin_ = bin_of_2005()
    row = kz_row(bin=bin_)
    cells: list[object] = [row[c] for c in HEADER]
    cells[HEADER.index("bin")] = int(bin_)
    cells[HEADER.index("registered_on")] = date(2005, 11, 1)

    path = write_xlsx(tmp_path / "orgs.xlsx", [cells, [], [kz_row()[c] for c in HEADER]])
    report = importing.import_organisations(path)

    assert report.ok, report.problem_lines()
    org = Organisation.objects.get(bin=bin_)
    assert org.registered_on == date(2005, 11, 1)
    assert [i.row for i in report.created] == [2, 4]  # the empty row 3 counts, as in the spreadsheet


def test_xlsx_problems_use_spreadsheet_rows(tmp_path):
    rows = [[kz_row()[c] for c in HEADER], [kz_row(region="KZ-99")[c] for c in HEADER]]

    report = importing.import_organisations(write_xlsx(tmp_path / "bad.xlsx", rows))

    assert [str(p) for p in report.problems] == [
        "row 3, column region: Unknown region code “KZ-99”: use an ISO 3166-2 code such as KZ-75 or RU-MOW."
    ]
    assert Organisation.objects.count() == 0


@pytest.fixture
def registry_sample(db):
    """Organisations with every column filled in some way, including a name a spreadsheet would take for a formula."""
    themes = list(Theme.objects.filter(code__in=["ecology", "inclusion"]))
    kz = OrganisationFactory(
        name_ru='=HYPERLINK("http://evil")',
        name_kk="Қор",
        name_en="Fund",
        short_name="ҚФ",
        kind="network",
        legal_form=LegalForm.objects.get(code="kz-public-fund"),
        region=Region.objects.get(code="KZ-71"),
        registered_on=date(2001, 5, 4),
        website="https://fund.example.kz",
        email="a@fund.example.kz",
    )
    kz.themes.set(themes)
    ru = RussianOrganisationFactory(
        legal_form=LegalForm.objects.get(code="ru-ano"), region=Region.objects.get(code="RU-SPE")
    )
    bare = OrganisationFactory(bin="", name_ru="-минус в начале", short_name="'+7")
    return [kz, ru, bare]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(tmp_path, registry_sample, fmt):
    path = tmp_path / f"export.{fmt}"
    assert importing.export_organisations(Organisation.objects.all(), path) == 3
    audit_before = AuditEntry.objects.count()

    report = importing.import_organisations(path)

    assert report.ok, report.problem_lines()
    assert (len(report.created), len(report.updated), len(report.unchanged)) == (0, 0, 3)
    assert AuditEntry.objects.count() == audit_before


def test_export_into_an_empty_registry_recreates_it(tmp_path, registry_sample):
    path = tmp_path / "export.xlsx"
    importing.export_organisations(Organisation.objects.all(), path)
    before = {o.name_ru: _export_row(o) for o in Organisation.objects.all()}
    Organisation.objects.all().delete()

    report = importing.import_organisations(path)

    assert report.ok and len(report.created) == 3
    assert {o.name_ru: _export_row(o) for o in Organisation.objects.all()} == before


def test_csv_export_is_utf8_with_the_header_and_no_live_formulas(tmp_path, registry_sample):
    path = tmp_path / "export.csv"
    importing.export_organisations(Organisation.objects.all(), path)

    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel opens "CSV UTF-8" by its byte-order mark
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    names = [r[0] for r in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in names and "'-минус в начале" in names
    assert "''+7" in [r[HEADER.index("short_name")] for r in rows]
    kz = next(r for r in rows if r[0].startswith("'="))
    assert (kz[HEADER.index("themes")], kz[HEADER.index("registered_on")]) == ("ecology;inclusion", "2001-05-04")


def test_xlsx_export_keeps_identifiers_as_text(tmp_path, registry_sample):
    path = tmp_path / "export.xlsx"
    importing.export_organisations(Organisation.objects.all(), path)

    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert header == HEADER
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    kz = cells['=HYPERLINK("http://evil")']
    assert kz[0].data_type == "s"  # text, not a formula
    assert kz[HEADER.index("bin")].data_type == "s"


# ------------------------------------------------------------------------------------------------------ commands


def test_import_help_lists_kinds_and_codes():
    text = ImportCommand().create_parser("civicbridge", "import").format_help()

    assert ",".join(HEADER) in text
    for code in ("public_chamber", "international", "kz-public-fund", "ru-ano", "ecology", "inclusion"):
        assert code in text


def test_export_command(tmp_path, registry_sample):
    out = io.StringIO()
    call_command("export", "organisations", str(tmp_path / "all.xlsx"), stdout=out)

    assert "Exported 3 organisations" in out.getvalue()
    assert openpyxl.load_workbook(tmp_path / "all.xlsx").active.max_row == 4


def test_export_command_refuses_an_unknown_extension(tmp_path):
    with pytest.raises(CommandError, match="use a .csv or .xlsx file"):
        call_command("export", "organisations", str(tmp_path / "all.ods"))


def test_import_command_prints_names_with_verbosity(tmp_path):
    row = kz_row()
    path = write_csv(tmp_path / "one.csv", [row])
    run_import(path)
    out = io.StringIO()

    call_command("import", "organisations", str(path), verbosity=2, stdout=out)

    assert f"row 2: unchanged {row['name_ru']}" in out.getvalue()


# ---------------------------------------------------------------------------------------------------------- page


URL = "registry:organisation-import"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows([[r[c] for c in HEADER] for r in rows])
    return buffer.getvalue().encode()


def test_page_needs_sign_in(client):
    response = client.get(reverse(URL))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("who", ["citizen", "representative"])
def test_page_is_forbidden_to_citizens_and_representatives(client, request, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse(URL)).status_code == 403
    assert client.post(reverse(URL), {"file": upload("a.csv", csv_bytes([kz_row()]))}).status_code == 403
    assert not Organisation.objects.filter(short_name__startswith="ИМ").exists()


@pytest.mark.parametrize("who", ["operator", "moderator"])
def test_operators_and_moderators_import(client, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert b"govuk-file-upload" in client.get(reverse(URL)).content
    rows = [kz_row(), ru_row()]

    response = client.post(reverse(URL), {"file": upload("orgs.csv", csv_bytes(rows))})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Organisations created: 2, updated: 0, unchanged: 0." in html
    assert rows[0]["name_ru"] in html
    created = Organisation.objects.filter(name_ru__in=[r["name_ru"] for r in rows])
    assert created.count() == 2
    assert set(
        org_audit()
        .filter(action="create", object_id__in=[str(o.pk) for o in created])
        .values_list("actor_id", flat=True)
    ) == {user.pk}


def test_page_xlsx_upload(client, moderator, tmp_path):
    client.force_login(moderator)
    path = write_xlsx(tmp_path / "orgs.xlsx", [[kz_row()[c] for c in HEADER]])

    response = client.post(reverse(URL), {"file": upload("orgs.xlsx", path.read_bytes())})

    assert "Organisations created: 1" in response.content.decode()


def test_page_bad_file_shows_the_report_and_saves_nothing(client, operator):
    client.force_login(operator)
    rows = [kz_row(), kz_row(region="KZ-99")]

    response = client.post(reverse(URL), {"file": upload("orgs.csv", csv_bytes(rows))})

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "row 3, column region: Unknown region code “KZ-99”" in html
    assert "Nothing was imported: 1 problem was found." in html
    assert "<title>Error:" in html
    assert Organisation.objects.filter(name_ru__in=[r["name_ru"] for r in rows]).count() == 0


def test_operator_may_add_but_not_change_others_organisations(client, operator):
    existing = OrganisationFactory()
    client.force_login(operator)
    rows = [kz_row(), kz_row(bin=existing.bin, name_ru="Переименовано")]

    html = client.post(reverse(URL), {"file": upload("orgs.csv", csv_bytes(rows))}).content.decode()

    assert f"row 3: You may not change “{existing}”." in html.replace("&ldquo;", "“").replace("&rdquo;", "”")
    existing.refresh_from_db()
    assert existing.name_ru != "Переименовано"
    assert not Organisation.objects.filter(name_ru=rows[0]["name_ru"]).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("orgs.txt", b"name_ru", "The file must be a CSV or XLSX file."),
        ("orgs.xlsx", b"name_ru,name_kk\n", "The file is not an XLSX workbook."),
        ("orgs.csv", "Фонд".encode("cp1251"), "The file is not UTF-8 text."),
        ("orgs.csv", b"\x00\x01binary", "The file is not a CSV text file."),
    ],
)
def test_page_rejects_wrong_file_types(client, moderator, name, content, message):
    client.force_login(moderator)

    response = client.post(reverse(URL), {"file": upload(name, content)})

    assert response.status_code == 200
    assert message in response.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert response.context["form"].errors["file"]


def test_page_rejects_a_file_that_is_too_big(client, moderator, settings):
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(moderator)

    response = client.post(reverse(URL), {"file": upload("orgs.csv", csv_bytes([kz_row(), kz_row()]))})

    assert "The file must be smaller than 100" in response.content.decode()
    assert Organisation.objects.count() == 0


# ------------------------------------------------------------------------------------------------------ language

RU_MSGIDS = [
    "Unknown region code “%(value)s”: use an ISO 3166-2 code such as KZ-75 or RU-MOW.",
    "Nothing was imported: %(count)d problem was found.",
]


def test_problems_follow_the_active_language(tmp_path):
    rows = [kz_row(region="KZ-99")]
    with translation.override("ru"):
        code, _, err = run_import(write_csv(tmp_path / "ru.csv", rows))
        reason = gettext(RU_MSGIDS[0]) % {"value": "KZ-99"}

    assert code == 1
    assert problem_lines(err) == [f"row 2, column region: {reason}"]


def test_problems_in_russian(tmp_path):
    with translation.override("ru"):
        translated = gettext(RU_MSGIDS[0])
        if translated == RU_MSGIDS[0]:
            pytest.skip("the Russian catalogue does not translate the importer's messages yet")
        _, _, err = run_import(write_csv(tmp_path / "ru.csv", [kz_row(region="KZ-99")]))

    assert translated % {"value": "KZ-99"} in err
    assert any("а" <= ch <= "я" for ch in translated)


def test_page_in_russian(client, moderator):
    client.force_login(moderator)
    with translation.override("ru"):
        response = client.post(
            reverse(URL), {"file": upload("orgs.csv", csv_bytes([kz_row(region="KZ-99")]))}, HTTP_ACCEPT_LANGUAGE="ru"
        )
        reason = gettext(RU_MSGIDS[0]) % {"value": "KZ-99"}

    assert response["Content-Language"] == "ru"
    assert f"row 2, column region: {reason}" in response.content.decode().replace("&ldquo;", "“").replace(
        "&rdquo;", "”"
    )
