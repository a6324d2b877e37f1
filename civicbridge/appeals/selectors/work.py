"""Reads for the people who handle issues: the responsible party's work queue, the coordinators' "to route" queue,
who is told when an issue arrives, and the overdue condition as a Q for other lists (the overdue pages)."""

from __future__ import annotations

from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When
from django.utils import timezone

from civicbridge.accounts.models import Membership

from ..choices import OPEN_STATUSES
from ..models import Appeal, Transfer
from ..rules import RESPONSIBLE_ROLES, organisations_responding_for


def overdue_q(now=None) -> Q:
    """Issues still owed an answer whose due date has passed (Appeal.is_overdue as SQL; uses (status, due_at))."""
    return Q(status__in=OPEN_STATUSES, due_at__lt=now or timezone.now())


def responder_ids_of(organisation) -> list[int]:
    """Ids of the active users who handle issues for the organisation (the responsible roles)."""
    org_id = getattr(organisation, "pk", organisation)
    rows = Membership.objects.filter(organisation_id=org_id, role__in=RESPONSIBLE_ROLES, user__is_active=True)
    return sorted(set(rows.values_list("user_id", flat=True)))


def _list_columns(queryset: QuerySet[Appeal]) -> QuerySet[Appeal]:
    return queryset.select_related("category", "region", "responsible")


def work_queue(user, *, status: str = "", organisation_id: int | None = None, open_only: bool = False):
    """Our issues: those routed to the organisations the user answers for, by due date (so the overdue first)."""
    org_ids = organisations_responding_for(user)
    if organisation_id is not None:
        org_ids &= {organisation_id}
    queryset = Appeal.objects.filter(responsible_id__in=org_ids)
    if status:
        queryset = queryset.filter(status=status)
    elif open_only:
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    # Ordering by due date puts the overdue first among open issues, and lets (responsible, status, due_at) serve it.
    overdue = Case(When(overdue_q(), then=Value(True)), default=Value(False), output_field=BooleanField())
    return (
        _list_columns(queryset)
        .annotate(overdue=overdue)
        .order_by(F("due_at").asc(nulls_last=True), "-created_at", "-id")
    )


def to_route() -> QuerySet[Appeal]:
    """The coordinators' queue: open issues no rule routed, oldest first."""
    return _list_columns(Appeal.objects.filter(responsible__isnull=True, status__in=OPEN_STATUSES)).order_by(
        "created_at", "id"
    )


def manage_detail(pk: int) -> Appeal:
    """One issue with everything its manage page shows (raises Appeal.DoesNotExist)."""
    return Appeal.objects.select_related(
        "category", "theme", "country", "region", "event", "responsible", "author", "recorded_by", "merged_into"
    ).get(pk=pk)


def transfers_of(appeal: Appeal) -> QuerySet[Transfer]:
    return (
        Transfer.objects.filter(appeal=appeal)
        .select_related("from_organisation", "to_organisation", "actor")
        .order_by("created_at", "id")
    )
