"""Reads for eligibility screening: the facts the rules need (overdue reports, active grants) and the screening page."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Prefetch, QuerySet

from ..choices import AgreementStatus, ApplicationStatus
from ..models import Agreement, Application, Call, EligibilityCheck, Report

# Applications that have been screened or wait to be: what the screening page lists.
SCREENED_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.ELIGIBLE, ApplicationStatus.INELIGIBLE)


def overdue_reports() -> QuerySet[Report]:
    """Reports overdue today, by the one definition (selectors.dashboard.overdue_q)."""
    from .dashboard import overdue_q

    return Report.objects.filter(overdue_q())


def organisations_with_overdue_reports(org_ids: Iterable[int]) -> set[int]:
    """Of the given organisations, those with at least one overdue grant report (one query)."""
    ids = list(set(org_ids))
    if not ids:
        return set()
    rows = overdue_reports().filter(agreement__application__organisation_id__in=ids)
    return set(rows.values_list("agreement__application__organisation_id", flat=True).distinct())


def active_grant_counts(org_ids: Iterable[int]) -> dict[int, int]:
    """{organisation id: number of its active agreements} for the given organisations (absent means 0; one query)."""
    ids = list(set(org_ids))
    if not ids:
        return {}
    rows = (
        Agreement.objects.filter(status=AgreementStatus.ACTIVE, application__organisation_id__in=ids)
        .values("application__organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["application__organisation_id"]: row["n"] for row in rows}


def applications_to_screen(call: Call) -> QuerySet[Application]:
    """The call's applications waiting for screening, with what the rules read about the applicant."""
    return (
        Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED)
        .select_related("organisation", "organisation__legal_form", "organisation__region", "call")
        .order_by("submitted_at", "id")
    )


def screening_list(call: Call) -> QuerySet[Application]:
    """The screening page: every submitted or screened application of the call with its recorded checks."""
    return (
        Application.objects.filter(call=call, status__in=SCREENED_STATUSES)
        .select_related("organisation", "organisation__country", "band")
        .prefetch_related(Prefetch("eligibility_checks", queryset=EligibilityCheck.objects.order_by("rule")))
        .order_by("receipt_number", "id")
    )


def attach_overrides(applications: list[Application]) -> None:
    """Give each application `overrides`: its override history rows, oldest first (one query for the page)."""
    from django.contrib.contenttypes.models import ContentType

    from civicbridge.core.models import TransitionHistory

    rows = TransitionHistory.objects.filter(
        content_type=ContentType.objects.get_for_model(Application),
        object_id__in=[a.pk for a in applications],
        action__in=["override_eligible", "override_ineligible"],
    ).order_by("id")
    found: dict[int, list] = {a.pk: [] for a in applications}
    for row in rows:
        found[row.object_id].append(row)
    for application in applications:
        application.overrides = found[application.pk]


def screening_counts(call: Call) -> dict[str, int]:
    """How many of the call's applications are waiting, eligible and not eligible."""
    rows = Application.objects.filter(call=call, status__in=SCREENED_STATUSES).values("status").annotate(n=Count("id"))
    counts = {str(status): 0 for status in SCREENED_STATUSES}
    counts.update({row["status"]: row["n"] for row in rows.order_by()})
    return counts
