"""File names: the safe name kept and shown, the unguessable storage path, and the download header."""

from __future__ import annotations

import re
import unicodedata
import uuid
from urllib.parse import quote

from django.utils import timezone

SAFE_NAME_MAX_CHARS = 100
# Stay well under the 255-byte limit of one path component on common file systems (Cyrillic is 2 bytes a letter).
SAFE_NAME_MAX_BYTES = 200
EXTENSION_MAX = 10
FALLBACK_STEM = "file"
# Names Windows refuses for a file, whatever the extension (a downloaded "con.pdf" cannot be saved there).
WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {f"LPT{i}" for i in range(1, 10)}
)
_NOT_ALLOWED = re.compile(r"[^\w.\-]")  # the same set Django's storage accepts (get_valid_filename)
_EXTENSION = re.compile(rf"^[a-z0-9]{{1,{EXTENSION_MAX}}}$")


def basename(name: str) -> str:
    """The last component of a path written with either separator ("..\\a/b.pdf" -> "b.pdf")."""
    return re.split(r"[/\\]", name or "")[-1]


def clean_original_name(name: str) -> str:
    """The name as uploaded, kept for the record: path and control characters removed, at most 255 characters."""
    name = "".join(ch for ch in basename(name) if not unicodedata.category(ch).startswith("C")).strip()
    if len(name) > 255:
        stem, ext = split_extension(name)
        name = f"{stem[: 254 - len(ext)]}.{ext}" if ext else name[:255]
    return name


def split_extension(name: str) -> tuple[str, str]:
    """(stem, lower-case extension) of a base name; the extension is empty unless it is short and alphanumeric."""
    stem, dot, ext = name.rpartition(".")
    ext = ext.lower()
    if not dot or not stem.strip(". ") or not _EXTENSION.match(ext):
        return name, ""
    return stem, ext


def extension_of(name: str) -> str:
    """The declared extension of an uploaded file name, lower case, without the dot ("" when none)."""
    return split_extension(clean_original_name(name))[1]


def _truncate(stem: str, budget_chars: int, budget_bytes: int) -> str:
    stem = stem[:budget_chars]
    while len(stem.encode()) > budget_bytes:
        stem = stem[:-1]
    return stem.rstrip("._-")


def safe_name(name: str, *, default_extension: str = "") -> str:
    """A name safe on any disk and in any URL, still readable: "../Заявка №1 (копия).PDF" -> "Заявка_No1_копия.pdf".

    Keeps letters of every script (Cyrillic and Kazakh included), digits, "_", "-" and "."; drops path separators,
    control characters and leading dots; spaces become "_"; Windows device names get a "_"; at most 100 characters.
    """
    name = unicodedata.normalize("NFKC", clean_original_name(name))  # NFKC: "№" -> "No", full-width -> ASCII
    stem, ext = split_extension(name)
    ext = ext or default_extension.lower()
    stem = re.sub(r"\s+", "_", stem.strip())
    stem = _NOT_ALLOWED.sub("", stem)
    stem = re.sub(r"\.{2,}", ".", stem)
    stem = re.sub(r"_{2,}", "_", stem).strip("._-")
    suffix = f".{ext}" if ext else ""
    stem = _truncate(stem, SAFE_NAME_MAX_CHARS - len(suffix) - 1, SAFE_NAME_MAX_BYTES - len(suffix) - 1)
    if stem.split(".")[0].upper() in WINDOWS_RESERVED:
        stem = f"{stem}_"
    return f"{stem or FALLBACK_STEM}{suffix}"


def ascii_name(name: str) -> str:
    """An ASCII stand-in for old clients that ignore `filename*` ("Отчёт.pdf" -> "file.pdf")."""
    stem, ext = split_extension(name)
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9._-]", "", stem).strip("._-")
    return f"{stem or FALLBACK_STEM}{'.' + ext if ext else ''}"


def content_disposition(name: str) -> str:
    """`attachment` with both the ASCII `filename` and the exact UTF-8 `filename*` (RFC 6266, RFC 5987)."""
    return f"attachment; filename=\"{ascii_name(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def upload_to(instance, filename: str) -> str:
    """`files/YYYY/MM/<random hex>/<safe name>`: unguessable, never colliding, and sorted by month for cleanup."""
    return f"files/{timezone.now():%Y/%m}/{uuid.uuid4().hex}/{safe_name(filename)}"
