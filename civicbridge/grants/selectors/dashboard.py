"""Reads for the operator's dashboard of a call, agreements and reports (overdue flags included)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from ..choices import AgreementStatus, ApplicationStatus, Outcome, ReportStatus, ReviewStatus
from ..models import Agreement, Application, Call, Decision, IndicatorActual, Report, Review, Spending

OPEN_REPORT = (ReportStatus.DUE, ReportStatus.RETURNED)
# The applications the dashboard's table lists: those the committee decides on or has decided.
DECISION_STAGE = (
    ApplicationStatus.REVIEWED,
    ApplicationStatus.WAITLISTED,
    ApplicationStatus.AWARDED,
    ApplicationStatus.REJECTED,
)


def overdue_q(prefix: str = "", today=None) -> Q:
    """The shared definition of an overdue report: due or returned, its due date has passed, and its agreement is
    still active (a terminated or closed project owes no more reports)."""
    today = today or timezone.localdate()
    return Q(
        **{
            f"{prefix}status__in": OPEN_REPORT,
            f"{prefix}due_on__lt": today,
            f"{prefix}agreement__status": AgreementStatus.ACTIVE,
        }
    )


def is_overdue(report: Report, today=None) -> bool:
    return (
        report.status in OPEN_REPORT
        and report.due_on < (today or timezone.localdate())
        and report.agreement.status == AgreementStatus.ACTIVE
    )


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int
    percent: int  # of the largest count, for the bar's width


def call_dashboard(call: Call) -> dict[str, Any]:
    """The figures of one call: applications by status, reviews outstanding, budget committed, overdue reports.

    A fixed number of queries (five), whatever the size of the call.
    """
    now = timezone.now()
    counts = dict(call.applications.values_list("status").annotate(n=Count("id")).order_by())
    largest = max(counts.values(), default=0) or 1
    by_status = [
        StatusCount(value, label, counts.get(value, 0), round(100 * counts.get(value, 0) / largest))
        for value, label in ApplicationStatus.choices
    ]
    reviews = Review.objects.filter(application__call=call).aggregate(
        outstanding=Count("id", filter=Q(status=ReviewStatus.ASSIGNED)),
        late=Count("id", filter=Q(status=ReviewStatus.ASSIGNED, due_at__lt=now)),
        submitted=Count("id", filter=Q(status=ReviewStatus.SUBMITTED)),
    )
    money = Decision.objects.filter(application__call=call).aggregate(
        committed=Sum("amount", filter=Q(outcome=Outcome.AWARD)),
        awards=Count("id", filter=Q(outcome=Outcome.AWARD)),
    )
    committed = money["committed"] or Decimal(0)
    budget = call.budget
    overdue = list(
        Report.objects.filter(overdue_q(), agreement__application__call=call)
        .select_related("agreement__application__organisation")
        .order_by("due_on", "id")[:50]
    )
    return {
        "by_status": by_status,
        "total_applications": sum(counts.values()),
        "submitted_applications": sum(n for status, n in counts.items() if status != ApplicationStatus.DRAFT),
        "reviews": reviews,
        "committed": committed,
        "awards": money["awards"],
        "budget": budget,
        "remaining": budget - committed,
        "committed_percent": min(100, round(100 * committed / budget)) if budget else 0,
        "overdue_reports": overdue,
    }


def decision_table(call: Call, status: str = "") -> QuerySet[Application]:
    """The call's applications at the decision stage, per band by score, with their decision and agreement."""
    statuses = [status] if status in DECISION_STAGE else list(DECISION_STAGE)
    return (
        call.applications.filter(status__in=statuses)
        .select_related("organisation", "band", "decision", "agreement")
        .order_by("band__min_amount", "-score", "submitted_at", "id")
    )


def agreement_detail() -> QuerySet[Agreement]:
    """Agreements with everything their page shows: the application, the decision, instalments and reports."""
    return Agreement.objects.select_related(
        "application__call__programme", "application__organisation", "application__decision"
    ).prefetch_related("instalments", Prefetch("reports", queryset=Report.objects.order_by("due_on", "id")))


def report_detail() -> QuerySet[Report]:
    """Reports with their agreement and the application's plan (indicators, budget lines) to compare against."""
    return Report.objects.select_related(
        "agreement__application__call__programme", "agreement__application__organisation"
    )


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Any
    actual: IndicatorActual | None

    @property
    def percent(self) -> int | None:
        if self.actual is None or not self.indicator.target:
            return None
        return round(100 * self.actual.value / self.indicator.target)


@dataclass(frozen=True)
class SpendingRow:
    line: Any
    spending: Spending | None

    @property
    def planned(self) -> Decimal:
        return self.line.requested

    @property
    def difference(self) -> Decimal | None:
        return None if self.spending is None else self.spending.spent - self.line.requested


def report_rows(report: Report) -> dict[str, Any]:
    """Indicator actuals against targets, or spending against the plan per budget line (two queries)."""
    application = report.agreement.application
    if report.kind == "narrative":
        actuals = {a.indicator_id: a for a in report.actuals.all()}
        rows = [IndicatorRow(i, actuals.get(i.pk)) for i in application.indicators.all()]
        return {"indicator_rows": rows}
    spent = {s.budget_line_id: s for s in report.spending.all()}
    lines = [SpendingRow(line, spent.get(line.pk)) for line in application.budget_lines.all()]
    total_planned = sum((row.planned for row in lines), Decimal(0))
    total_spent = sum((row.spending.spent for row in lines if row.spending), Decimal(0))
    return {"spending_rows": lines, "total_planned": total_planned, "total_spent": total_spent}


def my_agreements(user) -> QuerySet[Agreement]:
    """Agreements of the organisations the user edits, with overdue reports counted."""
    from civicbridge.accounts.rules import organisations_edited_by

    return (
        Agreement.objects.filter(application__organisation_id__in=organisations_edited_by(user))
        .select_related("application__call__programme", "application__organisation")
        .annotate(overdue=Count("reports", filter=overdue_q("reports__")))
        .order_by("-signed_on", "id")
    )
