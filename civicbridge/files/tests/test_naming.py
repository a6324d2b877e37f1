"""Safe names, storage paths and the download header."""

from __future__ import annotations

import re

import pytest

from civicbridge.files import naming


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system32\\cmd.exe", "cmd.exe"),
        ("con.pdf", "con_.pdf"),
        ("LPT1.docx", "LPT1_.docx"),
        ("Заявка №1.pdf", "Заявка_No1.pdf"),
        ("Өтінім — Қамқор қоры (2026).DOCX", "Өтінім_Қамқор_қоры_2026.docx"),
        (".htaccess", "htaccess"),
        ("...hidden.pdf", "hidden.pdf"),
        ("report\x00.pdf\x07", "report.pdf"),
        ("a\nb\tc.csv", "abc.csv"),
        ("<script>alert(1)</script>.png", "script.png"),
        ("<b onload=x>.png", "b_onloadx.png"),
        ("???.pdf", "file.pdf"),
        ("", "file"),
        ("отчёт..final...pdf", "отчёт.final.pdf"),
    ],
)
def test_safe_name(given, expected):
    assert naming.safe_name(given) == expected


def test_safe_name_keeps_the_extension_of_a_very_long_name_within_limits():
    name = naming.safe_name("Очень длинное название заявки " * 20 + ".pdf")
    assert name.endswith(".pdf")
    assert len(name) <= naming.SAFE_NAME_MAX_CHARS
    assert len(name.encode()) <= naming.SAFE_NAME_MAX_BYTES
    wide = naming.safe_name("漢" * 150 + ".xlsx")  # three bytes a letter
    assert wide.endswith(".xlsx") and len(wide.encode()) <= naming.SAFE_NAME_MAX_BYTES


def test_safe_name_adds_the_detected_extension_when_the_name_has_none():
    assert naming.safe_name("scan", default_extension="pdf") == "scan.pdf"
    assert naming.safe_name("scan.PNG", default_extension="pdf") == "scan.png"


@pytest.mark.parametrize("name", ["Заявка №1.pdf", "../../etc/passwd", "con.pdf", "a b  c.csv", "x" * 300 + ".pdf"])
def test_safe_name_is_stable(name):
    once = naming.safe_name(name)
    assert naming.safe_name(once) == once


def test_original_name_drops_the_path_and_control_characters_only():
    assert naming.clean_original_name("C:\\Users\\Айгерим\\Заявка №1.pdf") == "Заявка №1.pdf"
    assert naming.clean_original_name("a\x00b.pdf") == "ab.pdf"
    assert len(naming.clean_original_name("я" * 400)) == 255
    assert naming.clean_original_name("я" * 400 + ".docx").endswith("я.docx")


def test_extension_of():
    assert naming.extension_of("Report.PDF") == "pdf"
    assert naming.extension_of("archive.tar.gz") == "gz"
    assert naming.extension_of("README") == ""
    assert naming.extension_of(".bashrc") == ""
    assert naming.extension_of("note.") == ""


def test_content_disposition_has_an_ascii_fallback_and_the_exact_utf8_name():
    header = naming.content_disposition("Заявка_No1.pdf")
    assert header == "attachment; filename=\"No1.pdf\"; filename*=UTF-8''%D0%97%D0%B0%D1%8F%D0%B2%D0%BA%D0%B0_No1.pdf"
    assert naming.content_disposition("Отчёт.pdf").startswith('attachment; filename="file.pdf"; ')


def test_upload_to_is_an_unguessable_monthly_path():
    path = naming.upload_to(None, "Заявка №1.pdf")
    assert re.fullmatch(r"files/\d{4}/\d{2}/[0-9a-f]{32}/Заявка_No1\.pdf", path)
    assert naming.upload_to(None, "a.pdf") != naming.upload_to(None, "a.pdf")
