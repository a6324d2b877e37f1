"""`civicbridge import organisations FILE`: create or update organisations from a CSV (UTF-8) or XLSX file."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, DjangoHelpFormatter
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civicbridge.core.context import acting_as
from civicbridge.registry import importing
from civicbridge.registry.choices import OrganisationKind
from civicbridge.registry.reference_data import codes_help

# What can be imported; later modules add their own entries next to this one.
IMPORTERS = {"organisations": importing.import_organisations}


class HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Django's argument order, with the description and the list of codes kept as written (one per line)."""


def reference_help() -> str:
    """The kinds, theme codes and legal-form codes a file may use, for --help."""
    kinds = ", ".join(f"{value} ({label})" for value, label in OrganisationKind.choices)
    text = "\n".join([_("Kinds: %(kinds)s; empty means ngo.") % {"kinds": kinds}, codes_help()])
    return "\n".join(
        textwrap.fill(line, 100, subsequent_indent="  ", break_on_hyphens=False, break_long_words=False)
        for line in text.splitlines()
    )


class Command(BaseCommand):
    help = gettext_lazy(
        "Import organisations from a CSV (UTF-8) or XLSX file. Its first row must be the header:\n"
        "%(header)s\n"
        "country: ISO 3166-1 alpha-2 code (KZ, RU); region: ISO 3166-2 code (KZ-75, RU-MOW);\n"
        "registered_on: YYYY-MM-DD; themes: theme codes separated by ';'.\n"
        "Rows are matched to organisations by BIN, then OGRN, then INN, else by name_ru and country;\n"
        "an empty BIN, INN or OGRN cell keeps the number already recorded.\n"
        "Every row is checked first: if any is bad, nothing is imported, each problem is printed as\n"
        "'row N, column C: reason' and the exit code is 1. Importing the same file twice changes nothing."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, formatter_class=HelpFormatter, **kwargs)
        parser.description = str(self.help) % {"header": ",".join(importing.HEADER)}
        parser.epilog = reference_help()
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=sorted(IMPORTERS), help=_("what to import"))
        parser.add_argument("file", help=_("a .csv (UTF-8) or .xlsx file"))

    def handle(self, *args: Any, what: str, file: str, **options: Any) -> None:
        path = Path(file)
        fmt = importing.format_of(path)
        if fmt is None:
            raise CommandError(_("Unknown file type: use a .csv or .xlsx file."))
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        # Commands act as nobody in particular, but still under one request id, so the audit log groups the import.
        with acting_as(None):
            report = IMPORTERS[what](path, fmt, actor=None)
        if not report.ok:
            for line in report.problem_lines():
                self.stderr.write(line)
            raise CommandError(report.summary(), returncode=1)
        self.stdout.write(report.summary())
        groups = [(_("created"), report.created), (_("updated"), report.updated)]
        if options["verbosity"] > 1:
            groups.append((_("unchanged"), report.unchanged))
        for label, items in groups:
            for item in items:
                self.stdout.write(
                    _("row %(row)d: %(action)s %(name)s") % {"row": item.row, "action": label, "name": item.name}
                )
