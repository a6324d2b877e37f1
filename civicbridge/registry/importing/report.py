"""What an import reports: the problems that stop it, or the organisations it created, updated and left as they were."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_PROBLEMS = 1000  # problems listed in a report; the rest are only counted


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be imported, located by spreadsheet row and column name."""

    row: int | None
    column: str
    reason: str

    def __str__(self) -> str:
        # The locator stays in the file's own vocabulary (row number, header name); the reason is translated.
        if self.row is None:
            return self.reason
        if not self.column:
            return f"row {self.row}: {self.reason}"
        return f"row {self.row}, column {self.column}: {self.reason}"


@dataclass(frozen=True)
class ReportItem:
    """One organisation the import created, updated or left unchanged."""

    row: int
    name: str
    pk: int


@dataclass
class ImportReport:
    """What an import did, or why it did nothing."""

    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    created: list[ReportItem] = field(default_factory=list)
    updated: list[ReportItem] = field(default_factory=list)
    unchanged: list[ReportItem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add_problems(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.problem_count += 1
            if len(self.problems) < MAX_PROBLEMS:
                self.problems.append(problem)

    @property
    def more_problems(self) -> int:
        return self.problem_count - len(self.problems)

    def problem_lines(self) -> list[str]:
        """One line per listed problem, and a last line counting the ones left out."""
        lines = [str(p) for p in self.problems]
        if self.more_problems:
            lines.append(
                ngettext("…and %(count)d more problem.", "…and %(count)d more problems.", self.more_problems)
                % {"count": self.more_problems}
            )
        return lines

    def summary(self) -> str:
        """One sentence: how many problems, or how many organisations were created, updated and left as they were."""
        if not self.ok:
            return ngettext(
                "Nothing was imported: %(count)d problem was found.",
                "Nothing was imported: %(count)d problems were found.",
                self.problem_count,
            ) % {"count": self.problem_count}
        return _("Organisations created: %(created)d, updated: %(updated)d, unchanged: %(unchanged)d.") % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }
