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
from django.utils.translation import gettext_lazy as _

from civicbridge.accounts.choices import EDITOR_ROLES
from civicbridge.accounts.models import User
from civicbridge.core.text import normalize
from civicbridge.registry.models import Country, Region, Theme

from ..choices import ApplicationStatus, CallStatus
from ..models import Application, Call

EXPORT_CHUNK = 2000


def applicant_users(organisation) -> QuerySet[User]:
    """The active users who act for the organisation as editors (representative, administrator, coordinator)."""
    org_id = getattr(organisation, "pk", organisation)
    return User.objects.filter(
        is_active=True, memberships__organisation_id=org_id, memberships__role__in=EDITOR_ROLES
    ).distinct()


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
    public = Application.objects.filter(call__status=CallStatus.RESULTS_PUBLISHED, status=ApplicationStatus.AWARDED)
    region_codes = set(public.exclude(region=None).values_list("region_id", flat=True).distinct()) | set(
        public.filter(region=None).exclude(organisation__region=None).values_list("organisation__region_id", flat=True)
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


def open_data_row(application: Application) -> dict[str, Any]:
    """One winner as plain JSON-ready values; amounts and scores as decimal strings, never floats."""
    call, org = application.call, application.organisation
    region = application.region_id or org.region_id or ""
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
        "region": region or None,
        "themes": sorted(theme.code for theme in application.themes.all()),
        "band": str(application.band.name) if application.band_id else None,
        "score": None if application.score is None else str(application.score),
        "requested_amount": str(application.requested_amount),
        "awarded_amount": str(decision.amount),
        "currency": call.programme.currency,
        "protocol_number": decision.protocol_number,
        "decided_on": decision.decided_on.isoformat(),
    }


def open_data_rows(queryset: QuerySet[Application]) -> Iterator[dict[str, Any]]:
    """Stream the rows in chunks (a constant number of queries per chunk, whatever the total)."""
    for application in queryset.iterator(chunk_size=EXPORT_CHUNK):
        yield open_data_row(application)
