"""What may be uploaded where: the catalogue of kinds, the purposes modules register, and the one check of a file.

Modules register each purpose once, in their AppConfig.ready():

    files.register_purpose("grants.attachment", kinds=files.DOCUMENTS | files.IMAGES, max_bytes=5 * 1024 * 1024)

An unregistered purpose is refused (ImproperlyConfigured): nothing is accepted by default.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import detection, naming


@dataclass(frozen=True)
class Kind:
    """One accepted kind of file: the MIME type it is served with, the extensions its name may have, a label."""

    code: str
    mime: str
    extensions: frozenset[str]
    label: str | Promise  # the family, for "accepted types" messages: several kinds may share one ("image")


def _kind(code: str, mime: str, label: str | Promise, *extra: str) -> Kind:
    return Kind(code=code, mime=mime, extensions=frozenset({code, *extra}), label=label)


KINDS: dict[str, Kind] = {
    k.code: k
    for k in (
        _kind("pdf", "application/pdf", "PDF"),
        _kind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
        _kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
        _kind("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint"),
        _kind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument"),
        _kind("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument"),
        _kind("odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument"),
        _kind("jpg", "image/jpeg", gettext_lazy("image"), "jpeg"),
        _kind("png", "image/png", gettext_lazy("image")),
        _kind("gif", "image/gif", gettext_lazy("image")),
        _kind("webp", "image/webp", gettext_lazy("image")),
        _kind("csv", "text/csv", "CSV"),
        _kind("txt", "text/plain", gettext_lazy("plain text")),
    )
}
TEXT_KINDS = ("csv", "txt")  # no magic number: told apart by the name, once the bytes are known to be UTF-8 text
KIND_BY_EXTENSION = {ext: kind.code for kind in KINDS.values() for ext in kind.extensions}

# Ready-made sets for register_purpose().
DOCUMENTS = frozenset({"pdf", "docx", "xlsx", "odt", "ods"})
PRESENTATIONS = frozenset({"pptx", "odp"})
IMAGES = frozenset({"jpg", "png"})
TABLES = frozenset({"csv", "xlsx", "ods"})


@dataclass(frozen=True)
class Purpose:
    """What one use of files accepts: its kinds and its own size limit (never above UPLOAD_MAX_BYTES)."""

    code: str
    kinds: frozenset[str]
    max_bytes: int | None = None

    @property
    def limit(self) -> int:
        """The size limit in bytes now: the purpose's own, capped by the site-wide UPLOAD_MAX_BYTES."""
        site = getattr(settings, "UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
        return min(self.max_bytes, site) if self.max_bytes else site

    @property
    def accept(self) -> str:
        """The `accept` attribute of a file input: ".pdf,.docx,..." (a hint for the browser, checked again here)."""
        return ",".join(f".{ext}" for code in sorted(self.kinds) for ext in sorted(KINDS[code].extensions))

    def labels(self) -> str:
        """The accepted families, once each, in catalogue order: "PDF, Word, Excel, image"."""
        seen: list[str] = []
        for code in KINDS:
            if code in self.kinds and str(KINDS[code].label) not in seen:
                seen.append(str(KINDS[code].label))
        return ", ".join(seen)


_purposes: dict[str, Purpose] = {}


def register_purpose(code: str, *, kinds: Iterable[str], max_bytes: int | None = None) -> Purpose:
    """Declare a use of files (e.g. "grants.attachment") and what it accepts. Call from AppConfig.ready()."""
    kinds = frozenset(kinds)
    unknown = kinds - KINDS.keys()
    if unknown or not kinds:
        raise ImproperlyConfigured(
            f"File purpose {code!r}: unknown or no kinds {sorted(unknown)}; known: {sorted(KINDS)}"
        )
    if max_bytes is not None and max_bytes <= 0:
        raise ImproperlyConfigured(f"File purpose {code!r}: max_bytes must be positive")
    _purposes[code] = Purpose(code=code, kinds=kinds, max_bytes=max_bytes)
    return _purposes[code]


def get_purpose(code: str) -> Purpose:
    """The registered purpose, or ImproperlyConfigured: a purpose nobody registered accepts nothing."""
    try:
        return _purposes[code]
    except KeyError:
        raise ImproperlyConfigured(
            f"Unknown file purpose {code!r}: register it with civicbridge.files.register_purpose() in AppConfig.ready()"
        ) from None


def _bytes(size: int) -> str:
    return ngettext("%(size)s byte", "%(size)s bytes", size) % {"size": number_format(size, force_grouping=True)}


def human_size(size: int) -> str:
    """ "14.2 MB", "10 MB", "512 KB" in the active language's number format (1 KB = 1024 bytes, as Django counts)."""
    for unit, factor in ((_("%s GB"), 1024**3), (_("%s MB"), 1024**2), (_("%s KB"), 1024)):
        if size >= factor:
            value = round(size / factor, 1)
            return unit % number_format(value, decimal_pos=0 if value == int(value) else 1)
    return _bytes(size)


def _too_large(size: int, limit: int) -> ValidationError:
    shown, limit_shown = human_size(size), human_size(limit)
    if shown == limit_shown:  # "10 MB; the limit is 10 MB" would not explain anything
        shown, limit_shown = _bytes(size), _bytes(limit)
    return ValidationError(
        _("The file is %(size)s; the limit is %(limit)s.") % {"size": shown, "limit": limit_shown},
        code="file_too_large",
    )


@dataclass(frozen=True)
class Checked:
    """A file that passed: its kind, the MIME type to serve it with, size, SHA-256 and names."""

    kind: str
    content_type: str
    size: int
    sha256: str
    original_name: str
    safe_name: str


def _text_kind(extension: str, purpose: Purpose) -> str | None:
    """The text kind a UTF-8 file is, by its name; a name without an extension takes the first allowed."""
    if extension:
        code = KIND_BY_EXTENSION.get(extension)
        return code if code in TEXT_KINDS else None
    return next((code for code in TEXT_KINDS if code in purpose.kinds), None)


def check(uploaded_file, purpose: Purpose) -> Checked:
    """Accept the file for `purpose` or raise ValidationError saying why: size, type by content, name, macros."""
    name = getattr(uploaded_file, "name", None) or ""
    original = naming.clean_original_name(name)
    if not original:
        raise ValidationError(_("The file has no name."), code="file_no_name")
    limit = purpose.limit
    declared = getattr(uploaded_file, "size", None)
    if declared is not None and declared > limit:
        raise _too_large(declared, limit)
    try:
        scanned = detection.scan(uploaded_file, limit=limit)
    except detection.TooLarge as exc:
        raise _too_large(exc.size, limit) from None
    if scanned.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")

    extension = naming.extension_of(original)
    declared_kind = KIND_BY_EXTENSION.get(extension)
    found = detection.detect(uploaded_file, scanned)
    if found.macros:
        raise ValidationError(
            _(
                "Documents with macros (such as .docm or .xlsm) are not accepted. "
                "Save the file without macros, for example as .docx or .xlsx."
            ),
            code="file_macros",
        )
    kind, label = found.kind, found.label
    if found.text:
        kind = _text_kind(extension, purpose)
        problem = detection.text_problem(scanned)
        if kind in purpose.kinds and problem == "nul":
            raise ValidationError(_("The file contains NUL bytes, which a text file cannot contain."), code="file_nul")
        if kind in purpose.kinds and problem == "encoding":
            raise ValidationError(
                _("The file is not in UTF-8 encoding. Save it as UTF-8 (in Excel: “CSV UTF-8”) and upload it again."),
                code="file_encoding",
            )
        kind, label = (None, "") if problem else (kind, _("plain text"))
    if found.damaged and (kind in purpose.kinds or declared_kind in purpose.kinds):
        raise ValidationError(_("The file is damaged and cannot be read."), code="file_damaged")
    if kind in purpose.kinds and extension and extension not in KINDS[kind].extensions:
        raise _mismatch(extension, label or kind.upper())
    if kind not in purpose.kinds:
        if declared_kind in purpose.kinds and label:
            raise _mismatch(extension, label)
        if declared_kind in purpose.kinds:
            raise ValidationError(
                _("The file name ends in “.%(extension)s”, but its content is not a valid %(expected)s file.")
                % {"extension": extension, "expected": KINDS[declared_kind].label},
                code="file_extension",
            )
        raise ValidationError(
            _("This file is not one of the accepted types: %(kinds)s.") % {"kinds": purpose.labels()},
            code="file_type",
        )
    return Checked(
        kind=kind,
        content_type=KINDS[kind].mime,
        size=scanned.size,
        sha256=scanned.sha256,
        original_name=original,
        safe_name=naming.safe_name(original, default_extension=kind),
    )


def _mismatch(extension: str, detected: str) -> ValidationError:
    """The name promises one kind and the content is another (an .exe renamed .pdf, a PNG named .jpg)."""
    return ValidationError(
        _("The file name ends in “.%(extension)s”, but its content is of another type (%(detected)s).")
        % {"extension": extension, "detected": detected},
        code="file_extension",
    )
