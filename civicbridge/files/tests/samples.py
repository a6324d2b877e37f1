"""Small real files made in memory: just enough bytes for each format to be what it claims (or not)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"trailer<</Size 3/Root 1 0 R>>\nstartxref\n97\n%%EOF\n"
)
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"This program cannot be run in DOS mode."
)
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
EXCEL_MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def png_1x1() -> bytes:
    """A real 1×1 white PNG (signature, IHDR, IDAT, IEND with correct CRCs)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def jpeg_header() -> bytes:
    """The start of a JFIF JPEG (SOI + APP0) and its end marker: what a magic-number check looks at."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32 + b"\xff\xd9"


def ooxml(main_type: str, part: str = "word/document.xml", *, vba: bool = False) -> bytes:
    """An Office Open XML package: [Content_Types].xml naming the main part's type, the part itself, rels."""
    overrides = f'<Override PartName="/{part}" ContentType="{main_type}"/>'
    if vba:
        overrides += '<Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr(part, '<?xml version="1.0"?><document/>')
        if vba:
            archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 60)
    return buffer.getvalue()


def docx() -> bytes:
    return ooxml(WORD_MAIN)


def docm() -> bytes:
    return ooxml(WORD_MACRO_MAIN, vba=True)


def xlsx() -> bytes:
    return ooxml(EXCEL_MAIN, "xl/workbook.xml")


def xlsm() -> bytes:
    return ooxml(EXCEL_MACRO_MAIN, "xl/workbook.xml")


def odf(mime: str = "application/vnd.oasis.opendocument.text", *, basic_macro: bool = False) -> bytes:
    """An OpenDocument package: the uncompressed `mimetype` entry first, then the content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mime, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content/>')
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest/>')
        if basic_macro:
            archive.writestr("Basic/Standard/Module1.xml", "<script>Sub Main\nEnd Sub</script>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "just an archive")
    return buffer.getvalue()


CSV_UTF8 = "название;регион;сумма\nФонд «Қамқор»;Алматы;1 500 000\n".encode()
CSV_NUL = b"name;region\nfund\x00;Almaty\n"
CSV_CP1251 = "название;регион\nФонд «Добро»;Москва\n".encode("cp1251")


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """An uploaded file as a browser would send it: the browser's Content-Type is ignored by the checks."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def blobs(root: Path) -> list[Path]:
    """Every blob stored under MEDIA_ROOT."""
    return sorted(p for p in Path(root).rglob("*") if p.is_file())
