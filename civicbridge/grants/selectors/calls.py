"""Reads of programmes and calls: the public list with its filters, a call's page, the operator's own calls."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, IntegerField, Max, Min, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from civicbridge.accounts.rules import is_admin
from civicbridge.core.text import normalize, search_blob

from ..choices import ApplicationStatus, CallStatus
from ..models import Call, Criterion, Programme
from ..rules import organisations_run_by

# Calls anyone may see in the list; a cancelled call keeps its page (people may have bookmarked it) but leaves the list.
LISTED_STATUSES = (CallStatus.PUBLISHED, CallStatus.IN_REVIEW, CallStatus.RESULTS_PUBLISHED)
PUBLIC_STATUSES = (*LISTED_STATUSES, CallStatus.CANCELLED)
PHASES = ("open", "upcoming", "closed")


def phase_q(phase: str, now=None) -> Q:
    """The calls in a phase at `now`, as a filter: what Call.phase() computes, the same half-open window
    [opens_at, closes_at); a draft is upcoming and a cancelled call closed (the public list shows neither)."""
    now = now or timezone.now()
    running = Q(status__in=LISTED_STATUSES)
    if phase == "open":
        return running & Q(opens_at__lte=now, closes_at__gt=now)
    if phase == "upcoming":
        return Q(status=CallStatus.DRAFT) | (running & Q(opens_at__gt=now))
    return Q(status=CallStatus.CANCELLED) | (running & Q(closes_at__lte=now))


def _matching(qs: QuerySet[Call], query: str) -> list[int]:
    """Ids of the calls whose names (any language), code or programme name hold every word, folded as the registry
    folds (casefold, ё→е). Folded in Python: SQLite's LIKE folds ASCII only, and calls number in the thousands."""
    words = normalize(query).split()[:6]
    rows = qs.values_list("pk", "code", "name_ru", "name_kk", "name_en", "programme__name_ru", "programme__name_kk")
    return [row[0] for row in rows.iterator() if all(w in search_blob(row[1:]) for w in words)]


def public_calls(*, filters: dict[str, Any] | None = None, now=None) -> QuerySet[Call]:
    """Published calls, open ones first (closing soonest first), then upcoming, then closed (latest first)."""
    now = now or timezone.now()
    filters = filters or {}
    qs = Call.objects.filter(status__in=LISTED_STATUSES)
    if filters.get("q"):
        qs = qs.filter(pk__in=_matching(qs, filters["q"]))
    if filters.get("phase") in PHASES:
        qs = qs.filter(phase_q(filters["phase"], now))
    if filters.get("instrument"):
        qs = qs.filter(programme__instrument=filters["instrument"])
    if filters.get("level"):
        qs = qs.filter(programme__level=filters["level"])
    if filters.get("theme"):
        qs = qs.filter(Q(themes=filters["theme"]) | Q(programme__themes=filters["theme"])).distinct()
    if filters.get("country"):
        country = filters["country"]
        # Calls an organisation of this country may apply to: those naming it, and those open to every country.
        qs = qs.filter(Q(eligible_countries=country) | Q(eligible_countries__isnull=True)).distinct()
    if filters.get("funder"):
        qs = qs.filter(Q(programme__funder=filters["funder"]) | Q(programme__operator=filters["funder"]))
    rank = Case(
        When(phase_q("open", now), then=Value(0)),
        When(phase_q("upcoming", now), then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        qs.select_related("programme", "programme__funder")
        .prefetch_related("themes")
        .annotate(phase_rank=rank, smallest=Min("bands__min_amount"), largest=Max("bands__max_amount"))
        .order_by("phase_rank", Case(When(phase_rank=2, then=Value(None)), default="closes_at"), "-closes_at", "id")
    )


def call_detail_queryset() -> QuerySet[Call]:
    """A call with everything its page shows, in a fixed number of queries."""
    return Call.objects.select_related(
        "programme", "programme__funder", "programme__operator", "programme__country", "programme__region"
    ).prefetch_related(
        "bands",
        "duration_terms",
        Prefetch("criteria", queryset=Criterion.objects.order_by("order", "id")),
        "required_documents",
        "themes",
        "eligible_countries",
        "eligible_regions",
        "eligible_legal_forms",
    )


def runs_call(user, call: Call) -> bool:
    """Whether the user runs the call's programme (or is an administrator)."""
    return bool(is_admin(user) or user.has_perm("grants.change_call", call))


def visible_call(user, code: str) -> Call:
    """The call with this code if the user may see it: published ones for everyone, drafts for those who run it."""
    call = call_detail_queryset().filter(code=code).first()
    if call is None or (call.status not in PUBLIC_STATUSES and not runs_call(user, call)):
        raise Http404
    return call


def programme_detail(pk: int) -> Programme:
    programme = (
        Programme.objects.select_related("funder", "operator", "country", "region")
        .prefetch_related("themes")
        .filter(pk=pk)
        .first()
    )
    if programme is None:
        raise Http404
    return programme


def programme_calls(programme: Programme, user) -> QuerySet[Call]:
    """The calls a visitor sees on a programme's page (all of them for the programme's runners)."""
    qs = programme.calls.order_by("-opens_at", "id")
    if not (is_admin(user) or user.has_perm("grants.change_programme", programme)):
        qs = qs.filter(status__in=LISTED_STATUSES)
    return qs


def programmes_run_by(user) -> QuerySet[Programme]:
    """The programmes the user runs (all for administrators)."""
    qs = Programme.objects.select_related("funder", "operator")
    if is_admin(user):
        return qs
    orgs = organisations_run_by(user)
    return qs.filter(Q(funder__in=orgs) | Q(operator__in=orgs))


def operator_calls(user, *, status: str | None = None) -> QuerySet[Call]:
    """The calls of the programmes the user runs, newest first, with their application counts."""
    qs = Call.objects.filter(programme__in=programmes_run_by(user))
    if status in CallStatus.values:
        qs = qs.filter(status=status)
    return (
        qs.select_related("programme", "programme__funder")
        .annotate(
            submitted_count=Count("applications", filter=~Q(applications__status=ApplicationStatus.DRAFT)),
            waiting_count=Count("applications", filter=Q(applications__status=ApplicationStatus.SUBMITTED)),
        )
        .order_by("-created_at", "-id")
    )
