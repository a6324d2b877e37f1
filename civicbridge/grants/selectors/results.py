"""Reads of public results: the winners of calls whose results are published, and the same rows as open data.

Only awarded applications of calls in `results_published` are public. Nothing here touches reviews or experts: the
score shown is the application's mean of its reviews' totals, which is part of the published result.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from civicbridge.core.text import LANGUAGES, normalize
from civicbridge.registry.models import Country, Region, Theme

from ..choices import ApplicationStatus, CallStatus
from ..models import Application, Call

EXPORT_CHUNK = 2000


def published_calls() -> QuerySet[Call]:
    """Calls whose results are public, newest results first."""
    return (
        Call.objects.filter(status=CallStatus.RESULTS_PUBLISHED)
        .select_related("programme")
        .order_by("-results_published_at", "-id")
    )


def winners(*, published_only: bool = True) -> QuerySet[Application]:
    """Every public winner: awarded applications of calls with published results, ready for a list or an export.

    `published_only=False` is for the preview of those who run a call, before they publish its results.
    """
    queryset = Application.objects.filter(status=ApplicationStatus.AWARDED)
    if published_only:
        queryset = queryset.filter(call__status=CallStatus.RESULTS_PUBLISHED)
    return (
        queryset.select_related(
            "call__programme__funder",
            "organisation__country",
            "organisation__region",
            "region",
            "band",
            "decision",
        )
        .prefetch_related("themes")
        # The long texts and the submitted snapshot are not shown in a list: leave them in the database.
        .defer("snapshot", "summary", "problem", "target_groups", "goal")
        .order_by("-call__results_published_at", "call_id", "band__min_amount", "-score", "id")
    )


def filter_winners(
    queryset: QuerySet[Application],
    *,
    call: str = "",
    country: str = "",
    region: str = "",
    theme: str = "",
    level: str = "",
    instrument: str = "",
    year: int | None = None,
    q: str = "",
) -> QuerySet[Application]:
    """Narrow the winners by the public filters (each empty value means "any")."""
    if call:
        queryset = queryset.filter(call__code=call)
    if country:
        queryset = queryset.filter(organisation__country_id=country)
    if region:
        # The project's region, or the organisation's where the project names none.
        queryset = queryset.filter(Q(region_id=region) | Q(region__isnull=True, organisation__region_id=region))
    if theme:
        queryset = queryset.filter(themes__code=theme).distinct()
    if level:
        queryset = queryset.filter(call__programme__level=level)
    if instrument:
        queryset = queryset.filter(call__programme__instrument=instrument)
    if year:
        queryset = queryset.filter(call__results_published_at__year=year)
    for word in q.split()[:5]:
        # The organisation by its folded search column (case- and ё-insensitive on SQLite too); the title by
        # icontains, which SQLite folds for Latin letters only (PostgreSQL folds every script).
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(organisation__search_text__contains=normalize(word))
            | Q(receipt_number__iexact=word)
        )
    return queryset


def filter_choices() -> dict[str, Any]:
    """What the filters offer: only values that occur among the winners (four small queries)."""
    # order_by(): without it the model's ordering joins the DISTINCT and every row comes back.
    public = Application.objects.filter(
        call__status=CallStatus.RESULTS_PUBLISHED, status=ApplicationStatus.AWARDED
    ).order_by()
    region_codes = set(public.exclude(region=None).values_list("region_id", flat=True).distinct()) | set(
        public.filter(region=None)
        .exclude(organisation__region=None)
        .values_list("organisation__region_id", flat=True)
        .distinct()
    )
    return {
        "calls": list(published_calls().values_list("code", "name")),
        "countries": list(Country.objects.filter(code__in=public.values("organisation__country_id")).order_by("name")),
        "regions": list(Region.objects.filter(code__in=region_codes).order_by("country_id", "name")),
        "themes": list(Theme.objects.filter(code__in=public.values("themes__code")).order_by("name")),
        "years": sorted(
            {
                y
                for y in published_calls()
                .order_by()
                .annotate(y=ExtractYear("results_published_at"))
                .values_list("y", flat=True)
                .distinct()
                if y
            },
            reverse=True,
        ),
    }


def call_results(call: Call, *, published_only: bool = True) -> list[dict[str, Any]]:
    """A call's winners grouped by band, in score order: [{"band": band, "winners": [...], "total": Decimal}]."""
    groups: dict[int | None, dict[str, Any]] = {}
    for band in call.bands.all():
        groups[band.pk] = {"band": band, "winners": [], "total": 0}
    for application in winners(published_only=published_only).filter(call=call):
        group = groups.setdefault(application.band_id, {"band": application.band, "winners": [], "total": 0})
        group["winners"].append(application)
        group["total"] += application.decision.amount
    return [group for group in groups.values() if group["winners"]]


# --- Open data --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenDataField:
    name: str
    description: Any  # a lazy translation


OPEN_DATA_FIELDS: tuple[OpenDataField, ...] = (
    OpenDataField("call_code", _("Code of the call (stable identifier).")),
    OpenDataField("call_name", _("Name of the call, in the language of the request.")),
    OpenDataField("programme", _("Name of the programme.")),
    OpenDataField("funder", _("Name of the funder (the organisation that gives the money).")),
    OpenDataField("instrument", _("Instrument: grant, social_order, award or strategic_partnership.")),
    OpenDataField("level", _("Level: national, regional, local or cross_border.")),
    OpenDataField("results_published_at", _("When the results were published (ISO 8601, UTC).")),
    OpenDataField("receipt_number", _("Receipt number of the application (unique).")),
    OpenDataField("project_title", _("Title of the project, in the language it was written in.")),
    OpenDataField("organisation", _("Name of the organisation awarded.")),
    OpenDataField("organisation_id", _("Identifier of the organisation in the CivicBridge registry.")),
    OpenDataField("bin", _("Kazakh business identification number (BIN), if any.")),
    OpenDataField("inn", _("Russian taxpayer number (INN), if any.")),
    OpenDataField("country", _("Country of the organisation (ISO 3166-1 alpha-2).")),
    OpenDataField("region", _("Region of the project (ISO 3166-2), or of the organisation if the project names none.")),
    OpenDataField("themes", _("Theme codes of the project (a list in JSON; separated by “;” in CSV).")),
    OpenDataField("band", _("Request-size band the project was ranked in.")),
    OpenDataField("score", _("Mean of the experts' review totals, out of 100.")),
    OpenDataField("requested_amount", _("Amount requested (decimal, two places).")),
    OpenDataField("awarded_amount", _("Amount awarded (decimal, two places).")),
    OpenDataField("currency", _("Currency of the amounts (ISO 4217).")),
    OpenDataField("protocol_number", _("Number of the committee's protocol.")),
    OpenDataField("decided_on", _("Date of the protocol (ISO 8601).")),
)


_TRANSLATED = {
    "call_name": "call__name",
    "programme": "call__programme__name",
    "funder": "call__programme__funder__name",
    "organisation": "organisation__name",
    "band": "band__name",
}
_PLAIN = {
    "id": "id",
    "call_code": "call__code",
    "instrument": "call__programme__instrument",
    "level": "call__programme__level",
    "currency": "call__programme__currency",
    "results_published_at": "call__results_published_at",
    "receipt_number": "receipt_number",
    "project_title": "title",
    "organisation_id": "organisation_id",
    "bin": "organisation__bin",
    "inn": "organisation__inn",
    "country": "organisation__country_id",
    "project_region": "region_id",
    "organisation_region": "organisation__region_id",
    "score": "score",
    "requested_amount": "requested_amount",
    "awarded_amount": "decision__amount",
    "protocol_number": "decision__protocol_number",
    "decided_on": "decision__decided_on",
}


def _translated(row: dict[str, Any], path: str, language: str) -> str:
    """The viewer's language, then the project's fallbacks (ru → en → kk), as modeltranslation shows it."""
    for code in (language, "ru", "en", "kk"):
        value = row.get(f"{path}_{code}")
        if value:
            return value
    return ""


def _decimal_text(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def open_data_row(application: Application) -> dict[str, Any]:
    """One winner (an instance from `winners()`) as the open-data row: the same values the export streams."""
    call, org = application.call, application.organisation
    decision = application.decision
    return {
        "call_code": call.code,
        "call_name": str(call.name),
        "programme": str(call.programme.name),
        "funder": str(call.programme.funder.name),
        "instrument": call.programme.instrument,
        "level": call.programme.level,
        "results_published_at": call.results_published_at.isoformat() if call.results_published_at else None,
        "receipt_number": application.receipt_number,
        "project_title": application.title,
        "organisation": str(org.name),
        "organisation_id": org.pk,
        "bin": org.bin or None,
        "inn": org.inn or None,
        "country": org.country_id,
        "region": application.region_id or org.region_id or None,
        "themes": sorted(theme.code for theme in application.themes.all()),
        "band": str(application.band.name) if application.band_id else None,
        "score": _decimal_text(application.score),
        "requested_amount": _decimal_text(application.requested_amount),
        "awarded_amount": _decimal_text(decision.amount),
        "currency": call.programme.currency,
        "protocol_number": decision.protocol_number,
        "decided_on": decision.decided_on.isoformat(),
    }


def _values_row(values: dict[str, Any], themes: list[str], language: str) -> dict[str, Any]:
    """`open_data_row` from plain values (the export's fast path: no model instances)."""
    published = values["call__results_published_at"]
    return {
        "call_code": values["call__code"],
        "call_name": _translated(values, "call__name", language),
        "programme": _translated(values, "call__programme__name", language),
        "funder": _translated(values, "call__programme__funder__name", language),
        "instrument": values["call__programme__instrument"],
        "level": values["call__programme__level"],
        "results_published_at": published.isoformat() if published else None,
        "receipt_number": values["receipt_number"],
        "project_title": values["title"],
        "organisation": _translated(values, "organisation__name", language),
        "organisation_id": values["organisation_id"],
        "bin": values["organisation__bin"] or None,
        "inn": values["organisation__inn"] or None,
        "country": values["organisation__country_id"],
        "region": values["region_id"] or values["organisation__region_id"] or None,
        "themes": sorted(themes),
        "band": _translated(values, "band__name", language) or None,
        "score": _decimal_text(values["score"]),
        "requested_amount": _decimal_text(values["requested_amount"]),
        "awarded_amount": _decimal_text(values["decision__amount"]),
        "currency": values["call__programme__currency"],
        "protocol_number": values["decision__protocol_number"],
        "decided_on": values["decision__decided_on"].isoformat(),
    }


def open_data_rows(queryset: QuerySet[Application]) -> Iterator[dict[str, Any]]:
    """Stream the rows: plain values (no model instances) in chunks, each chunk's themes in one more query.

    Two queries per 2,000 rows, whatever the total; memory holds one chunk.
    """
    language = (get_language() or "ru").split("-")[0]
    paths = [*_PLAIN.values(), *(f"{p}_{code}" for p in _TRANSLATED.values() for code in LANGUAGES)]
    chunk: list[dict[str, Any]] = []
    for values in queryset.values(*paths).iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(values)
        if len(chunk) == EXPORT_CHUNK:
            yield from _with_themes(chunk, language)
            chunk = []
    if chunk:
        yield from _with_themes(chunk, language)


def _with_themes(chunk: list[dict[str, Any]], language: str) -> Iterator[dict[str, Any]]:
    themes: dict[int, list[str]] = {}
    links = Application.themes.through.objects.filter(application_id__in=[v["id"] for v in chunk])
    for application_id, code in links.values_list("application_id", "theme__code"):
        themes.setdefault(application_id, []).append(code)
    for values in chunk:
        yield _values_row(values, themes.get(values["id"], []), language)
