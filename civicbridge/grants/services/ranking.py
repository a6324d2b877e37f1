"""Ranking of a call's scored applications per size band, pass marks, and the budget cut-off simulation.

Order inside a band (and across bands for the cut-off), documented tie-break:
1. higher score (mean of the submitted reviews' totals);
2. then the higher *minimum* single review total (the application no expert rated poorly goes first);
3. then the earlier submission (`submitted_at`);
4. then the lower id (a stable last resort).

Pass mark: an application passes when its score is at or above its band's pass mark.

Cut-off: the applications that pass, in that order across all bands, are funded at their requested amount while
the budget lasts; the first one that does not fit draws the line — it and everyone after it fall below the line
(no skipping ahead to smaller requests, so the order is never bent). The funded total never exceeds the budget.

It only reads: nothing is decided here (decisions are recorded by services.decisions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from ..models import Call, SizeBand
from ..selectors.review import ranking_rows


@dataclass
class Row:
    """One application in the ranking."""

    id: int
    receipt_number: str
    title: str
    organisation_name: str
    status: str
    score: Decimal | None
    min_total: Decimal | None
    submitted_at: datetime | None
    requested: Decimal
    band_id: int | None
    review_count: int = 0
    rank: int | None = None  # in its band
    passes: bool = False
    funded: bool = False
    cumulative: Decimal | None = None  # funded total including this one, for those funded


@dataclass
class BandRanking:
    band: SizeBand | None
    pass_mark: Decimal | None
    rows: list[Row] = field(default_factory=list)
    unscored: list[Row] = field(default_factory=list)

    @property
    def funded_amount(self) -> Decimal:
        return sum((r.requested for r in self.rows if r.funded), Decimal(0))

    @property
    def passing(self) -> int:
        return sum(1 for r in self.rows if r.passes)


@dataclass
class Ranking:
    call: Call
    budget: Decimal
    bands: list[BandRanking]
    funded_total: Decimal = Decimal(0)
    line_after: int | None = None  # id of the last application funded (the line is drawn under it)
    first_below: int | None = None  # id of the first passing application that did not fit

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.funded_total


def order_key(row: Row) -> tuple:
    """The documented order: score desc, min single total desc, submitted_at asc, id asc."""
    return (
        -(row.score if row.score is not None else Decimal(-1)),
        -(row.min_total if row.min_total is not None else Decimal(-1)),
        row.submitted_at.timestamp() if row.submitted_at else float("inf"),
        row.id,
    )


def rank_rows(rows: list[Row], bands: dict[int | None, Decimal | None]) -> dict[int | None, list[Row]]:
    """Sort each band's scored rows and mark rank and pass (bands: {band id: pass mark})."""
    grouped: dict[int | None, list[Row]] = {band_id: [] for band_id in bands}
    for row in rows:
        if row.score is not None:
            grouped.setdefault(row.band_id, []).append(row)
    for band_id, members in grouped.items():
        members.sort(key=order_key)
        pass_mark = bands.get(band_id)
        for position, row in enumerate(members, 1):
            row.rank = position
            row.passes = pass_mark is not None and row.score >= pass_mark
    return grouped


def cut_off(rows: list[Row], budget: Decimal) -> tuple[Decimal, int | None, int | None]:
    """Fund the passing rows in order until one does not fit. Returns (funded total, last funded id, first below)."""
    funded = Decimal(0)
    last = first_below = None
    for row in sorted((r for r in rows if r.passes), key=order_key):
        if funded + row.requested > budget:
            first_below = row.id
            break
        funded += row.requested
        row.funded = True
        row.cumulative = funded
        last = row.id
    return funded, last, first_below


def rank_call(call: Call, *, budget: Decimal | None = None) -> Ranking:
    """The call's ranking per band with the cut-off line for `budget` (the call's budget unless given)."""
    budget = call.budget if budget is None else budget
    bands = list(SizeBand.objects.filter(call=call).order_by("min_amount"))
    rows = [Row(**values) for values in ranking_rows(call)]
    marks: dict[int | None, Decimal | None] = {band.pk: band.pass_mark for band in bands}
    if any(row.band_id is None for row in rows):
        marks[None] = None  # applications without a band are listed, never passing
    grouped = rank_rows(rows, marks)
    funded, last, first_below = cut_off([r for members in grouped.values() for r in members], budget)
    result = []
    by_id = {band.pk: band for band in bands}
    for band_id, members in grouped.items():
        band = by_id.get(band_id)
        unscored = [r for r in rows if r.score is None and r.band_id == band_id]
        result.append(BandRanking(band=band, pass_mark=marks.get(band_id), rows=members, unscored=unscored))
    return Ranking(
        call=call, budget=budget, bands=result, funded_total=funded, line_after=last, first_below=first_below
    )
