"""Statistics of citizens' issues by region, theme, responsible party and status: raised, answered, overdue, and the
median time to an answer (answered_at − created_at of the issues that stand answered).

One grouped query per dimension (PostgreSQL computes the median with percentile_cont; SQLite reads the answered
issues' two dates and takes the median in Python). The figures are cached for CACHE_SECONDS per set of filters: the
page says when they were computed. Names (regions, themes, organisations) are read per request, in the reader's
language, for the keys the figures hold.
"""

from __future__ import annotations

import statistics as pystats
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone

from civicbridge.registry.models import Organisation, Region, Theme

from ..choices import OPEN_STATUSES, AppealStatus
from ..models import Appeal

CACHE_SECONDS = 300
#: The responsible parties shown: those with the most issues (a national picture has hundreds).
TOP_RESPONSIBLE = 25
DIMENSIONS = ("region", "theme", "responsible", "status")


class Median(Aggregate):
    """percentile_cont(0.5) WITHIN GROUP (ORDER BY expr) — PostgreSQL's median, of numbers or intervals."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False


@dataclass
class Row:
    """One line of a table: a region, theme, organisation or status, and its figures."""

    key: str | int | None
    raised: int = 0
    answered: int = 0
    overdue: int = 0
    median_days: float | None = None
    label: str = ""
    width: int = 0  # of the raised bar, in chart units
    answered_width: int = 0


@dataclass
class Statistics:
    as_of: datetime
    total: Row
    tables: dict[str, list[Row]] = field(default_factory=dict)
    responsible_total: int = 0  # how many responsible parties there are (the table shows TOP_RESPONSIBLE)


def _answer_time() -> ExpressionWrapper:
    return ExpressionWrapper(F("answered_at") - F("created_at"), output_field=DurationField())


def _days(value: timedelta | float | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, timedelta):
        return round(value.total_seconds() / 86400, 1)
    return round(float(value) / 86400, 1)


def filtered(country: str | None = None, since: date | None = None, until: date | None = None) -> QuerySet[Appeal]:
    """Issues raised in `country` between `since` and `until` (both days included, in the site's time zone)."""
    appeals = Appeal.objects.all()
    if country:
        appeals = appeals.filter(country_id=country)
    zone = timezone.get_current_timezone()
    if since:
        appeals = appeals.filter(created_at__gte=datetime.combine(since, time.min, tzinfo=zone))
    if until:
        appeals = appeals.filter(created_at__lt=datetime.combine(until + timedelta(days=1), time.min, tzinfo=zone))
    return appeals


def _grouped(appeals: QuerySet[Appeal], dimension: str, now: datetime) -> list[Row]:
    column = f"{dimension}_id" if dimension != "status" else "status"
    answered = Q(status=AppealStatus.ANSWERED)
    aggregates = {
        "raised": Count("id"),
        "answered": Count("id", filter=answered),
        "overdue": Count("id", filter=Q(status__in=OPEN_STATUSES, due_at__lt=now)),
    }
    postgres = connection.vendor == "postgresql"
    if postgres:
        aggregates["median"] = Median(_answer_time(), filter=answered, output_field=DurationField())
    rows = [
        Row(
            key=values[column],
            raised=values["raised"],
            answered=values["answered"],
            overdue=values["overdue"],
            median_days=_days(values.get("median")),
        )
        for values in appeals.order_by().values(column).annotate(**aggregates)
    ]
    if not postgres:
        times: dict = defaultdict(list)
        for key, created, answered_at in (
            appeals.filter(answered).order_by().values_list(column, "created_at", "answered_at").iterator()
        ):
            times[key].append((answered_at - created).total_seconds())
        for row in rows:
            if times.get(row.key):
                row.median_days = _days(pystats.median(times[row.key]))
    return rows


def _total(rows: list[Row], appeals: QuerySet[Appeal]) -> Row:
    total = Row(key=None)
    for row in rows:
        total.raised += row.raised
        total.answered += row.answered
        total.overdue += row.overdue
    if connection.vendor == "postgresql":
        median = appeals.filter(status=AppealStatus.ANSWERED).aggregate(
            m=Median(_answer_time(), output_field=DurationField())
        )["m"]
        total.median_days = _days(median)
    else:
        seconds = [
            (answered_at - created).total_seconds()
            for created, answered_at in appeals.filter(status=AppealStatus.ANSWERED)
            .order_by()
            .values_list("created_at", "answered_at")
            .iterator()
        ]
        total.median_days = _days(pystats.median(seconds)) if seconds else None
    return total


def _compute(country: str | None, since: date | None, until: date | None) -> dict:
    now = timezone.now()
    appeals = filtered(country, since, until)
    tables = {dimension: _grouped(appeals, dimension, now) for dimension in DIMENSIONS}
    total = _total(tables["status"], appeals)
    return {"as_of": now, "total": total, "tables": tables}


def _cache_key(country: str | None, since: date | None, until: date | None) -> str:
    return f"appeals-stats:{country or '-'}:{since or '-'}:{until or '-'}"


def figures(country: str | None = None, since: date | None = None, until: date | None = None) -> dict:
    """The numbers, computed at most every CACHE_SECONDS for the same filters."""
    key = _cache_key(country, since, until)
    result = cache.get(key)
    if result is None:
        result = _compute(country, since, until)
        cache.set(key, result, CACHE_SECONDS)
    return result


def _label(tables: dict[str, list[Row]]) -> None:
    """Names in the reader's language for the keys of each table (three small queries)."""
    names: dict[str, dict] = {
        "region": {r.pk: r.name for r in Region.objects.filter(pk__in=[r.key for r in tables["region"] if r.key])},
        "theme": {t.pk: t.name for t in Theme.objects.filter(pk__in=[r.key for r in tables["theme"] if r.key])},
        "responsible": {
            o.pk: o.name
            for o in Organisation.objects.filter(pk__in=[r.key for r in tables["responsible"] if r.key]).only(
                "id", "name", *[f"name_{code}" for code in ("ru", "kk", "en")]
            )
        },
        "status": dict(AppealStatus.choices),
    }
    from django.utils.translation import gettext

    missing = {
        "region": gettext("No region"),
        "theme": gettext("No theme"),
        "responsible": gettext("Not routed yet"),
        "status": "",
    }
    for dimension, rows in tables.items():
        for row in rows:
            row.label = str(names[dimension].get(row.key, missing[dimension] if row.key is None else row.key))


def statistics(
    country: str | None = None, since: date | None = None, until: date | None = None, chart_width: int = 400
) -> Statistics:
    """The figures with names and bar widths, largest first (statuses in their lifecycle order)."""
    data = figures(country, since, until)
    tables = {dimension: [Row(**vars(row)) for row in rows] for dimension, rows in data["tables"].items()}
    order = {status: index for index, status in enumerate(AppealStatus.values)}
    tables["status"].sort(key=lambda row: order.get(row.key, 99))
    for dimension in ("region", "theme", "responsible"):
        tables[dimension].sort(key=lambda row: (-row.raised, str(row.key)))
    responsible_total = len(tables["responsible"])
    tables["responsible"] = tables["responsible"][:TOP_RESPONSIBLE]
    _label(tables)
    for rows in tables.values():
        largest = max([row.raised for row in rows] + [1])
        for row in rows:
            row.width = round(row.raised / largest * chart_width)
            row.answered_width = round(row.answered / largest * chart_width)
    total = Row(**vars(data["total"]))
    return Statistics(as_of=data["as_of"], total=total, tables=tables, responsible_total=responsible_total)
