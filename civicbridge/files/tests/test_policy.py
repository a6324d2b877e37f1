"""The one check of an upload: size, type by content, extension agreement, macros, text encoding."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import translation

from civicbridge.files import policy

from . import samples
from .conftest import PURPOSE


def check(name: str, content: bytes, purpose: str = PURPOSE) -> policy.Checked:
    return policy.check(samples.upload(name, content), policy.get_purpose(purpose))


def refusal(name: str, content: bytes, purpose: str = PURPOSE) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check(name, content, purpose)
    return caught.value


@pytest.mark.parametrize(
    ("name", "content", "kind", "mime"),
    [
        ("Заявка №1.pdf", samples.PDF, "pdf", "application/pdf"),
        ("logo.png", samples.png_1x1(), "png", "image/png"),
        ("photo.JPEG", samples.jpeg_header(), "jpg", "image/jpeg"),
        ("photo.jpg", samples.jpeg_header(), "jpg", "image/jpeg"),
        ("plan.docx", samples.docx(), "docx", policy.KINDS["docx"].mime),
        ("budget.xlsx", samples.xlsx(), "xlsx", policy.KINDS["xlsx"].mime),
        ("plan.odt", samples.odf(), "odt", "application/vnd.oasis.opendocument.text"),
        ("budget.ods", samples.odf("application/vnd.oasis.opendocument.spreadsheet"), "ods", policy.KINDS["ods"].mime),
        ("list.csv", samples.CSV_UTF8, "csv", "text/csv"),
        ("list.csv", b"\xef\xbb\xbf" + samples.CSV_UTF8, "csv", "text/csv"),  # Excel's "CSV UTF-8" starts with a BOM
    ],
)
def test_accepted_files_are_recognised_by_their_content(name, content, kind, mime):
    checked = check(name, content)
    assert (checked.kind, checked.content_type, checked.size) == (kind, mime, len(content))
    assert len(checked.sha256) == 64


def test_the_browsers_content_type_is_ignored():
    checked = policy.check(samples.upload("x.pdf", samples.PDF, "image/png"), policy.get_purpose(PURPOSE))
    assert checked.content_type == "application/pdf"


def test_a_name_without_extension_gets_the_detected_one():
    checked = check("scan", samples.PDF)
    assert (checked.kind, checked.safe_name, checked.original_name) == ("pdf", "scan.pdf", "scan")


@pytest.mark.parametrize(
    ("name", "content", "code", "message"),
    [
        (
            "setup.pdf",
            samples.EXE,
            "file_extension",
            "The file name ends in “.pdf”, but its content is of another type (EXE).",
        ),
        (
            "setup.exe",
            samples.EXE,
            "file_type",
            "This file is not one of the accepted types: PDF, Word, Excel, OpenDocument, image, CSV.",
        ),
        (
            "archive.docx",
            samples.plain_zip(),
            "file_extension",
            "The file name ends in “.docx”, but its content is of another type (ZIP).",
        ),
        (
            "archive.zip",
            samples.plain_zip(),
            "file_type",
            "This file is not one of the accepted types: PDF, Word, Excel, OpenDocument, image, CSV.",
        ),
        (
            "budget.docx",
            samples.xlsx(),
            "file_extension",
            "The file name ends in “.docx”, but its content is of another type (XLSX).",
        ),
        (
            "logo.jpg",
            samples.png_1x1(),
            "file_extension",
            "The file name ends in “.jpg”, but its content is of another type (PNG).",
        ),
        (
            "notes.pdf",
            b"just some words\n",
            "file_extension",
            "The file name ends in “.pdf”, but its content is of another type (plain text).",
        ),
        (
            "noise.pdf",
            bytes(range(256)) * 4,
            "file_extension",
            "The file name ends in “.pdf”, but its content is not a valid PDF file.",
        ),
        ("cut.pdf", samples.PDF[:60], "file_damaged", "The file is damaged and cannot be read."),
        ("broken.docx", samples.docx()[:200], "file_damaged", "The file is damaged and cannot be read."),
        ("empty.pdf", b"", "file_empty", "The file is empty."),
        (
            "notes.txt",
            b"plain text\n",
            "file_type",
            "This file is not one of the accepted types: PDF, Word, Excel, OpenDocument, image, CSV.",
        ),
    ],
)
def test_refused_files_say_why(name, content, code, message):
    error = refusal(name, content)
    assert (error.code, error.messages) == (code, [message])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("macro.docm", samples.docm()),
        ("macro.docx", samples.docm()),  # renamed: the package still says macroEnabled and carries vbaProject.bin
        ("macro.xlsx", samples.xlsm()),
        ("macro.odt", samples.odf(basic_macro=True)),
    ],
)
def test_documents_with_macros_are_refused(name, content):
    error = refusal(name, content)
    assert error.code == "file_macros"
    assert "macros" in error.messages[0]


def test_a_docx_with_a_vba_project_but_a_plain_main_type_is_still_refused():
    content = samples.ooxml(samples.WORD_MAIN, vba=True)
    assert refusal("sneaky.docx", content).code == "file_macros"


def test_csv_must_be_utf8_without_nul_bytes():
    cp1251 = refusal("список.csv", samples.CSV_CP1251)
    assert cp1251.code == "file_encoding"
    assert cp1251.messages == [
        "The file is not in UTF-8 encoding. Save it as UTF-8 (in Excel: “CSV UTF-8”) and upload it again."
    ]
    assert refusal("list.csv", samples.CSV_NUL).code == "file_nul"
    utf16 = "name;region\nfund;Almaty\n".encode("utf-16")
    assert refusal("list.csv", utf16).code == "file_encoding"
    # A letter cut in half at the very end is not UTF-8 either.
    assert refusal("list.csv", "сумма".encode()[:-1]).code == "file_encoding"


def test_size_limit_just_under_and_just_over(settings):
    limit = policy.get_purpose(PURPOSE).limit
    padding = b"a;b\n" * ((limit - 4) // 4)
    just_under = padding + b"x" * (limit - len(padding))
    assert check("big.csv", just_under).size == limit
    over = refusal("big.csv", just_under + b"x")
    assert over.code == "file_too_large"
    assert over.messages == ["The file is 1,048,577 bytes; the limit is 1,048,576 bytes."]


def test_the_site_limit_caps_every_purpose(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    assert policy.get_purpose(PURPOSE).limit == 1000
    error = refusal("big.csv", b"a" * 15_000)
    assert error.messages == ["The file is 14.6 KB; the limit is 1,000 bytes."]


def test_the_declared_size_is_refused_before_reading(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    upload = samples.upload("big.pdf", samples.PDF)
    upload.size = int(14.2 * 1024 * 1024)  # what the browser claimed
    with pytest.raises(ValidationError) as caught:
        policy.check(upload, policy.register_purpose("tests.big", kinds={"pdf"}))
    assert caught.value.messages == ["The file is 14.2 MB; the limit is 10 MB."]


def test_sizes_follow_the_active_language(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    with translation.override("ru"):
        assert policy.human_size(int(14.2 * 1024 * 1024)) == "14,2 МБ"
        assert policy.human_size(10 * 1024 * 1024) == "10 МБ"


def test_unknown_purposes_accept_nothing():
    with pytest.raises(ImproperlyConfigured):
        policy.get_purpose("nobody.registered.this")
    with pytest.raises(ImproperlyConfigured):
        policy.register_purpose("tests.bad", kinds={"exe"})
    with pytest.raises(ImproperlyConfigured):
        policy.register_purpose("tests.none", kinds=set())


def test_a_purpose_accepts_only_its_own_kinds():
    policy.register_purpose("tests.images", kinds=policy.IMAGES)
    assert check("logo.png", samples.png_1x1(), "tests.images").kind == "png"
    error = refusal("plan.pdf", samples.PDF, "tests.images")
    assert error.messages == ["This file is not one of the accepted types: image."]


def test_text_files_need_a_text_purpose():
    policy.register_purpose("tests.text", kinds={"txt", "csv"})
    assert check("notes.txt", "заметки".encode(), "tests.text").kind == "txt"
    assert check("notes", "заметки".encode(), "tests.text").safe_name == "notes.csv"
    assert check("data.csv", b"a,b\n", "tests.text").content_type == "text/csv"


def test_human_size():
    assert policy.human_size(10 * 1024 * 1024) == "10 MB"
    assert policy.human_size(int(14.2 * 1024 * 1024)) == "14.2 MB"
    assert policy.human_size(512 * 1024) == "512 KB"
    assert policy.human_size(1) == "1 byte"
    assert policy.human_size(3 * 1024**3) == "3 GB"


def test_purpose_accept_attribute_and_labels():
    spec = policy.get_purpose(PURPOSE)
    assert spec.accept == ".csv,.docx,.jpeg,.jpg,.ods,.odt,.pdf,.png,.xlsx"
    assert spec.labels() == "PDF, Word, Excel, OpenDocument, image, CSV"
