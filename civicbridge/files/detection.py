"""What a file is, judged by its content: magic numbers (filetype), the inside of Office/OpenDocument zips, UTF-8 text.

Nothing here trusts the name or the browser's Content-Type; the policy compares the result with the name afterwards.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import zipfile
from dataclasses import dataclass
from typing import IO

import filetype

HEAD_BYTES = 8192  # what filetype reads
CHUNK = 64 * 1024
ZIP_MAGIC = b"PK\x03\x04"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
PDF_EOF_WINDOW = 1024  # the PDF reference: "%%EOF" within the last 1024 bytes
MAX_MANIFEST_BYTES = 1024 * 1024  # [Content_Types].xml or `mimetype` bigger than this is not an office document

# The main part of an Office Open XML package says what the package is ([Content_Types].xml, ECMA-376 part 2).
OOXML_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "dotx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xltx",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": "potx",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": "ppsx",
}
# Any of these content types means the package carries code: .docm/.xlsm/.pptm/.xlsb, VBA projects, ActiveX.
OOXML_ACTIVE_CONTENT = re.compile(r"macroEnabled|vbaProject|activeX|vbaData", re.IGNORECASE)
ODF_MIME_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
ODF_SCRIPT_DIRS = ("Basic/", "Scripts/")  # where LibreOffice keeps macros inside a document


@dataclass(frozen=True)
class Scan:
    """One pass over the bytes: size, digest, the head for magic numbers, and whether it is clean UTF-8 text."""

    size: int
    sha256: str
    head: bytes
    tail: bytes
    utf8: bool
    has_nul: bool


@dataclass(frozen=True)
class Detected:
    """The verdict on the content. `kind` is a code of the kinds catalogue, or None for anything else."""

    kind: str | None = None
    label: str = ""  # what it looks like, for messages ("EXE", "ZIP"); empty when unrecognised
    text: bool = False  # no binary signature: plain text, or unrecognised bytes
    macros: bool = False
    damaged: bool = False


class TooLarge(Exception):
    """The content is longer than the limit (a declared size can lie; the bytes cannot)."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _rewind(file: IO[bytes]) -> None:
    if hasattr(file, "seek"):
        file.seek(0)


def scan(file, *, limit: int) -> Scan:
    """Read the file once: size (stopping past `limit`), SHA-256, first and last bytes, UTF-8 validity, NUL bytes."""
    _rewind(file)
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    size, head, tail, utf8, has_nul = 0, b"", b"", True, False
    chunks = file.chunks(CHUNK) if hasattr(file, "chunks") else iter(lambda: file.read(CHUNK), b"")
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise TooLarge(size)
        digest.update(chunk)
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        tail = (tail + chunk)[-PDF_EOF_WINDOW:]
        has_nul = has_nul or b"\x00" in chunk
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)  # a multi-byte letter cut off at the end
        except UnicodeDecodeError:
            utf8 = False
    _rewind(file)
    return Scan(size=size, sha256=digest.hexdigest(), head=head, tail=tail, utf8=utf8, has_nul=has_nul)


def _inspect_zip(file) -> Detected:
    """Tell Word/Excel/PowerPoint and OpenDocument files from any other zip, and find macros inside them."""
    _rewind(file)
    try:
        with zipfile.ZipFile(file) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            if "[Content_Types].xml" in infos:
                info = infos["[Content_Types].xml"]
                if info.file_size > MAX_MANIFEST_BYTES:
                    return Detected(label="ZIP")
                manifest = archive.read(info).decode("utf-8", "replace")
                types = set(re.findall(r'ContentType\s*=\s*"([^"]+)"', manifest))
                macros = any(OOXML_ACTIVE_CONTENT.search(t) for t in types) or any(
                    name.lower().endswith("vbaproject.bin") for name in infos
                )
                main = next((OOXML_MAIN_TYPES[t] for t in types if t in OOXML_MAIN_TYPES), None)
                label = (main or "Office").upper()
                return Detected(kind=None if macros else main, label=label, macros=macros)
            if "mimetype" in infos:
                info = infos["mimetype"]
                if info.file_size > MAX_MANIFEST_BYTES:
                    return Detected(label="ZIP")
                mime = archive.read(info).decode("ascii", "replace").strip()
                kind = ODF_MIME_TYPES.get(mime)
                macros = kind is not None and any(
                    name.startswith(ODF_SCRIPT_DIRS) and not name.endswith("/") for name in infos
                )
                return Detected(kind=None if macros else kind, label=(kind or "ZIP").upper(), macros=macros)
            return Detected(label="ZIP")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        # RuntimeError: an encrypted member; NotImplementedError: an unknown compression method.
        return Detected(label="ZIP", damaged=True)
    finally:
        _rewind(file)


# filetype's MIME type -> our kind code, for the kinds recognised by magic number alone.
MAGIC_KINDS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
}


def detect(file, scanned: Scan) -> Detected:
    """Judge the content: a zip is opened and looked into; other binaries go by magic number; the rest is text."""
    if scanned.head.startswith(ZIP_MAGIC):
        return _inspect_zip(file)
    guess = filetype.guess(scanned.head)
    if guess is not None:
        kind = MAGIC_KINDS.get(guess.mime)
        damaged = kind == "pdf" and b"%%EOF" not in scanned.tail  # cut off in transit
        return Detected(kind=kind, label=guess.extension.upper(), damaged=damaged)
    return Detected(text=True, label="")


def text_problem(scanned: Scan) -> str | None:
    """Why these bytes are not acceptable UTF-8 text: "encoding", "nul", or None when they are."""
    if scanned.head.startswith(UTF16_BOMS):
        return "encoding"  # Excel's "Unicode text" is UTF-16: every other byte is NUL, but the cure is the encoding
    if scanned.has_nul:
        return "nul"
    if not scanned.utf8:
        return "encoding"
    return None
