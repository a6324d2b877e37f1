"""Reads of expert review: an expert's queue, a review with its rubric, a call's assignment board, ranking rows."""

from __future__ import annotations

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet

from ..choices import ApplicationStatus, ReviewStatus
from ..models import Application, Call, Criterion, ExpertProfile, Review

RANKED = (
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.REVIEWED,
    ApplicationStatus.AWARDED,
    ApplicationStatus.WAITLISTED,
    ApplicationStatus.REJECTED,
)
ON_BOARD = (ApplicationStatus.ELIGIBLE, *RANKED)


def expert_queue(user, *, status: str | None = None) -> QuerySet[Review]:
    """The user's own reviews, open ones first (by due date), with what the queue shows."""
    queryset = Review.objects.filter(expert=user).select_related("application__call")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by(F("submitted_at").asc(nulls_first=True), F("due_at").asc(nulls_last=True), "-id").defer(
        "application__snapshot"
    )


def review_with_rubric() -> QuerySet[Review]:
    """Reviews with their application, call and own marks (nothing of the other reviews of the application)."""
    return Review.objects.select_related(
        "application__call__programme", "application__organisation", "expert"
    ).prefetch_related("scores")


def criteria_of(call: Call) -> list[Criterion]:
    return list(Criterion.objects.filter(call=call).order_by("order", "id"))


def assignment_board(call: Call) -> QuerySet[Application]:
    """The call's applications eligible or later, with their reviews and experts (for those who run the call)."""
    active = Review.objects.exclude(status=ReviewStatus.WITHDRAWN).select_related("expert").order_by("id")
    return (
        Application.objects.filter(call=call, status__in=ON_BOARD)
        .select_related("organisation")
        .prefetch_related(Prefetch("reviews", queryset=active, to_attr="board_reviews"))
        .defer("snapshot")
        .order_by("id")
    )


def assignment_counts(call: Call) -> dict[str, int]:
    """How far assignment is: applications by status and reviews by status, for the board's summary."""
    apps = dict(
        Application.objects.filter(call=call, status__in=ON_BOARD)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    reviews = dict(
        Review.objects.filter(application__call=call).values_list("status").annotate(n=Count("id")).order_by()
    )
    return {
        "eligible": apps.get(ApplicationStatus.ELIGIBLE, 0),
        "in_review": apps.get(ApplicationStatus.IN_REVIEW, 0),
        "reviewed": apps.get(ApplicationStatus.REVIEWED, 0),
        "assigned": reviews.get(ReviewStatus.ASSIGNED, 0),
        "submitted": reviews.get(ReviewStatus.SUBMITTED, 0),
    }


def pool_for_select() -> QuerySet[ExpertProfile]:
    """Active experts, for the manual-assignment form."""
    return ExpertProfile.objects.filter(is_active=True).select_related("user").order_by("user__email")


def ranking_rows(call: Call) -> list[dict]:
    """One dict per application in review or later: score, lowest single review total, request, band."""
    submitted = Q(reviews__status=ReviewStatus.SUBMITTED)
    return list(
        Application.objects.filter(call=call, status__in=RANKED)
        .annotate(min_total=Min("reviews__total", filter=submitted))
        .values(
            "id",
            "receipt_number",
            "title",
            "status",
            "score",
            "min_total",
            "submitted_at",
            "band_id",
            "review_count",
            organisation_name=F("organisation__name"),
            requested=F("requested_amount"),
        )
        .order_by()
    )
