"""`civicbridge export organisations FILE`: write organisations in the import format (.csv UTF-8 or .xlsx)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from civicbridge.registry import importing, selectors

# What can be exported; later modules add their own entries next to this one.
EXPORTERS = {
    "organisations": lambda path, fmt: importing.export_organisations(selectors.organisation_list(), path, fmt)
}


class Command(BaseCommand):
    help = gettext_lazy(
        "Export organisations to a CSV (UTF-8) or XLSX file, chosen by the extension, in the format that "
        "`civicbridge import organisations` reads: importing the export changes nothing."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help)  # argparse needs a real string, not a lazy translation
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=sorted(EXPORTERS), help=_("what to export"))
        parser.add_argument("file", help=_("a .csv or .xlsx file to write (replaced if it exists)"))

    def handle(self, *args: Any, what: str, file: str, **options: Any) -> None:
        path = Path(file)
        fmt = importing.format_of(path)
        if fmt is None:
            raise CommandError(_("Unknown file type: use a .csv or .xlsx file."))
        try:
            count = EXPORTERS[what](path, fmt)
        except OSError as exc:
            raise CommandError(_("Cannot write %(path)s: %(error)s") % {"path": path, "error": exc.strerror}) from exc
        self.stdout.write(
            ngettext(
                "Exported %(count)d organisation to %(path)s.", "Exported %(count)d organisations to %(path)s.", count
            )
            % {"count": count, "path": path}
        )
