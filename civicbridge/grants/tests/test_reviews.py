"""Reviews: marks and comments, the weighted total, locking on submit, the application's score, divergence
(an extra expert), completion, declared conflicts, reminders, and two experts submitting at the same moment."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from itertools import count

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core.tests.concurrency import run_at_once
from civicbridge.core.workflow import history_for
from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus, ReviewStatus
from civicbridge.grants.services import assignment, reviews
from civicbridge.notifications.models import Notification

from .factories import ApplicationFactory, CallFactory, ExpertProfileFactory

pytestmark = pytest.mark.usefixtures("english")

_receipts = count(1)


def in_review(call, experts):
    application = ApplicationFactory(
        call=call,
        status=ApplicationStatus.IN_REVIEW,
        receipt_number=f"{call.code}-{next(_receipts):05d}",
        submitted_at=timezone.now(),
        parts=False,
    )
    return application, [m.Review.objects.create(application=application, expert=e) for e in experts]


def marks(call, values, comment="Обосновано"):
    return {c.pk: (v, comment) for c, v in zip(call.criteria.order_by("order"), values, strict=True)}


def score_and_submit(review, values, comment="Обосновано"):
    call = review.application.call
    reviews.review_save(actor=review.expert, review=review, marks=marks(call, values, comment))
    return reviews.review_submit(actor=review.expert, review=review)


@pytest.fixture
def call(db):
    return CallFactory()


@pytest.fixture
def experts(db):
    return [ExpertProfileFactory().user for _ in range(2)]


@pytest.mark.django_db
def test_weighted_total_normalised_to_100(call):
    criteria = list(call.criteria.order_by("order"))  # weights 2, 1, 1; scale 0–10
    assert reviews.review_total(criteria, {criteria[0].pk: 10, criteria[1].pk: 5, criteria[2].pk: 0}) == Decimal(
        "62.50"
    )
    odd = m.Criterion.objects.create(
        call=call, order=4, name="Устойчивость", weight=Decimal("1.5"), scale_min=1, scale_max=5
    )
    values = {criteria[0].pk: 10, criteria[1].pk: 10, criteria[2].pk: 10, odd.pk: 1}
    assert reviews.review_total([*criteria, odd], values) == Decimal("72.73")  # 4 / 5.5 × 100


@pytest.mark.django_db
def test_save_draft_refuses_marks_off_the_scale(call, experts):
    _app, (review, _other) = in_review(call, experts)
    first = call.criteria.order_by("order").first()
    with pytest.raises(ValidationError) as refused:
        reviews.review_save(actor=review.expert, review=review, marks={first.pk: (11, "")})
    assert f"criterion_{first.pk}" in refused.value.message_dict
    reviews.review_save(actor=review.expert, review=review, marks={first.pk: (7, "хорошо")}, comment="Черновик")
    assert review.scores.get().value == 7
    reviews.review_save(actor=review.expert, review=review, marks={first.pk: (None, "")})
    assert not review.scores.exists()


@pytest.mark.django_db
def test_submit_needs_every_mark_with_a_comment_and_then_locks(call, experts):
    _app, (review, _other) = in_review(call, experts)
    reviews.review_save(actor=review.expert, review=review, marks=marks(call, [8, 8, 8], comment=""))
    with pytest.raises(ValidationError) as refused:
        reviews.review_submit(actor=review.expert, review=review)
    assert len(refused.value.message_dict) == 3
    score_and_submit(review, [8, 6, 4])
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED and review.total == Decimal("65.00") and review.submitted_at
    with pytest.raises(ValidationError, match="no longer be changed"):
        reviews.review_save(actor=review.expert, review=review, marks=marks(call, [1, 1, 1]))


@pytest.mark.django_db
def test_only_the_assigned_expert_scores(call, experts):
    _app, (review, other) = in_review(call, experts)
    with pytest.raises(PermissionDenied):
        reviews.review_save(actor=other.expert, review=review, marks=marks(call, [1, 1, 1]))
    with pytest.raises(PermissionDenied):
        reviews.review_submit(actor=UserFactory(), review=review)
    # Not even an administrator, who passes every rule: a review in someone else's name breaks the blind review.
    admin = UserFactory(is_staff=True, is_superuser=True)
    for attempt in (
        lambda: reviews.review_save(actor=admin, review=review, marks=marks(call, [1, 1, 1])),
        lambda: reviews.review_submit(actor=admin, review=review),
        lambda: reviews.review_declare_conflict(actor=admin, review=review, reason="x"),
    ):
        with pytest.raises(PermissionDenied):
            attempt()


@pytest.mark.django_db
def test_score_is_the_mean_and_the_application_completes(call, experts):
    application, (first, second) = in_review(call, experts)
    score_and_submit(first, [10, 10, 10])
    application.refresh_from_db()
    assert application.score == Decimal("100.00") and application.review_count == 1
    assert application.status == ApplicationStatus.IN_REVIEW
    score_and_submit(second, [8, 8, 8])
    application.refresh_from_db()
    assert application.score == Decimal("90.00") and application.review_count == 2
    assert application.status == ApplicationStatus.REVIEWED
    last = list(history_for(application))[-1]
    assert last.action == "complete_review" and last.actor is None


@pytest.mark.django_db
def test_divergence_calls_in_one_extra_expert(call, experts, django_capture_on_commit_callbacks):
    application, (first, second) = in_review(call, experts)
    spare = ExpertProfileFactory().user
    score_and_submit(first, [10, 10, 10])
    with django_capture_on_commit_callbacks(execute=True):
        score_and_submit(second, [2, 2, 2])  # 100 vs 20: more than 25 apart
    extra = application.reviews.get(is_extra=True)
    assert extra.expert == spare and extra.status == ReviewStatus.ASSIGNED
    assert Notification.objects.filter(event="grants.review_assigned", recipient=spare).exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    score_and_submit(extra, [6, 6, 6])
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REVIEWED
    assert application.score == Decimal("60.00") and application.review_count == 3
    assert application.reviews.filter(is_extra=True).count() == 1  # still diverging, but only one extra


@pytest.mark.django_db
def test_divergence_without_a_free_expert_waits(call, experts):
    application, (first, second) = in_review(call, experts)
    score_and_submit(first, [10, 10, 10])
    score_and_submit(second, [0, 0, 0])
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW and not application.reviews.filter(is_extra=True)


@pytest.mark.django_db
def test_declared_conflict_is_recorded_and_replaced(call, experts):
    application, (review, _other) = in_review(call, experts)
    replacement = ExpertProfileFactory().user
    with pytest.raises(ValidationError):
        reviews.review_declare_conflict(actor=review.expert, review=review, reason="")
    reviews.review_declare_conflict(actor=review.expert, review=review, reason="Я член правления заявителя")
    review.refresh_from_db()
    assert review.status == ReviewStatus.CONFLICT
    assert m.ConflictDeclaration.objects.get(expert=review.expert, application=application)
    assert application.reviews.get(expert=replacement, is_extra=False).status == ReviewStatus.ASSIGNED
    runner = UserFactory()
    MembershipFactory(user=runner, role=Role.OPERATOR, organisation=call.programme.funder)
    with pytest.raises(ValidationError, match="Conflict of interest"):
        assignment.assign_expert(actor=runner, application=application, expert=review.expert)


@pytest.mark.django_db
def test_reminders_once_for_reviews_due_within_three_days(call, experts, django_capture_on_commit_callbacks):
    now = timezone.now()
    _app, (soon, later) = in_review(call, experts)
    m.Review.objects.filter(pk=soon.pk).update(due_at=now + timedelta(days=2))
    m.Review.objects.filter(pk=later.pk).update(due_at=now + timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert reviews.send_review_reminders(now) == 1
    assert reviews.send_review_reminders(now) == 0
    assert Notification.objects.filter(event="grants.review_reminder").get().recipient == soon.expert


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_two_experts_submitting_at_once_both_count():
    call = CallFactory()
    experts = [ExpertProfileFactory().user for _ in range(2)]
    application, pair = in_review(call, experts)
    for review in pair:
        reviews.review_save(
            actor=review.expert, review=review, marks=marks(call, [10, 10, 10] if review is pair[0] else [8, 8, 8])
        )
    _results, errors = run_at_once([lambda r=r: reviews.review_submit(actor=r.expert, review=r) for r in pair])
    assert not errors
    application.refresh_from_db()
    assert application.review_count == 2 and application.score == Decimal("90.00")
    assert application.status == ApplicationStatus.REVIEWED
