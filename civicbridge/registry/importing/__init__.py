"""Import and export of organisations as CSV (UTF-8) or XLSX, shared by the command line and the web UI.

An import checks every row before it writes anything: if one row is bad, nothing is saved and the report lists
each problem as `row N, column C: reason` (N as a spreadsheet numbers rows, the header being row 1). Otherwise one
transaction creates or updates organisations through the registry services, so every change is audited; a row
that matches an organisation and changes nothing writes nothing, which makes a second import of a file a no-op.
"""

from .applying import import_organisations
from .exporting import export_organisations
from .reading import HEADER, XLSX_MAX_UNPACKED_BYTES, format_of, is_xlsx
from .report import MAX_PROBLEMS

__all__ = [
    "HEADER",
    "MAX_PROBLEMS",
    "XLSX_MAX_UNPACKED_BYTES",
    "export_organisations",
    "format_of",
    "import_organisations",
    "is_xlsx",
]
