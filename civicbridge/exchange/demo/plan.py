"""The exchange demo's records as plain data (practices, adoptions, needs and offers, requests), before any is written.

Texts are written as indented triple-quoted blocks so that long Russian sentences stay readable in the source:
`text()` joins the lines of a paragraph with spaces (a blank line starts a new paragraph) and keeps the steps one per
line, as the practice form asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


def _paragraphs(value: str) -> str:
    blocks = [" ".join(block.split()) for block in value.strip().split("\n\n")]
    return "\n\n".join(block for block in blocks if block)


def _lines(value: str) -> str:
    return "\n".join(line.strip() for line in value.strip().splitlines() if line.strip())


@dataclass(frozen=True)
class Text:
    """One language version of a practice."""

    title: str
    problem: str
    solution: str
    steps: str
    resources: str
    results: str

    def fields(self, language: str) -> dict[str, str]:
        return {f"{name}_{language}": getattr(self, name) for name in self.__dataclass_fields__}


def text(title: str, problem: str, solution: str, steps: str, resources: str, results: str) -> Text:
    """A language version: paragraphs joined, steps one per line."""
    return Text(
        _paragraphs(title),
        _paragraphs(problem),
        _paragraphs(solution),
        _lines(steps),
        _paragraphs(resources),
        _paragraphs(results),
    )


@dataclass(frozen=True)
class PracticeSpec:
    """A practice: its publisher (an organisation key), place, themes, target groups and versions (original first).

    `published` is the day it was published (None for drafts and practices still in moderation); `status` is where
    the demo leaves it; `reason` is the moderator's comment on a practice returned for changes.
    """

    key: str
    org: str
    region: str
    themes: tuple[str, ...]
    groups: tuple[str, ...]
    texts: dict[str, Text]
    published: date | None = None
    status: str = "published"
    links: tuple[tuple[str, str], ...] = ()
    reason: str = ""

    @property
    def country(self) -> str:
        return self.region[:2]

    @property
    def original_language(self) -> str:
        return next(iter(self.texts))


@dataclass(frozen=True)
class AdoptionSpec:
    """An organisation adopted a practice (by key): when, where, with what result."""

    practice: str
    org: str
    adopted_on: date
    region: str
    place: str
    result: str


@dataclass(frozen=True)
class ListingSpec:
    """A need or an offer. `texts` maps a language to (title, description), the original language first."""

    key: str
    org: str
    kind: str
    themes: tuple[str, ...]
    texts: dict[str, tuple[str, str]]
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("ru",)
    cross_border: bool = True
    expires_on: date | None = None
    closed: bool = False

    @property
    def original_language(self) -> str:
        return next(iter(self.texts))


@dataclass(frozen=True)
class RequestSpec:
    """A partnership request from one organisation to another, answering a listing (by key) or not."""

    from_org: str
    to_org: str
    message: str
    listing: str | None = None
    status: str = "sent"  # sent | accepted | declined | withdrawn
    reply: str = ""
    sent_on: date | None = None  # when it was sent (and answered a week later); None: today


@dataclass(frozen=True)
class PartnershipSpec:
    """A recorded partnership (memorandum) between organisations, from an accepted request (by its pair) or not."""

    title: str
    parties: tuple[str, ...]
    signed_on: date
    themes: tuple[str, ...]
    description: str
    starts_on: date | None = None
    ends_on: date | None = None
    request: tuple[str, str] | None = None


@dataclass
class Plan:
    practices: list[PracticeSpec] = field(default_factory=list)
    adoptions: list[AdoptionSpec] = field(default_factory=list)
    listings: list[ListingSpec] = field(default_factory=list)
    requests: list[RequestSpec] = field(default_factory=list)
    partnerships: list[PartnershipSpec] = field(default_factory=list)
