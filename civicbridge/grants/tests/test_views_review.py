"""Review pages: the expert's queue and review page (never another expert's work), the assignment board and the
ranking page for those who run the call; permissions and query counts."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from itertools import count

import pytest
from django.urls import reverse
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus, ReviewStatus

from .factories import ApplicationFactory, CallFactory, ExpertProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
_receipts = count(1)


def application_in(call, status=ApplicationStatus.IN_REVIEW, **kwargs):
    return ApplicationFactory(
        call=call,
        status=status,
        receipt_number=f"{call.code.upper()}-{next(_receipts):05d}",
        submitted_at=timezone.now() - timedelta(days=1),
        **kwargs,
    )


@pytest.fixture
def call():
    return CallFactory()


@pytest.fixture
def runner(call):
    user = UserFactory()
    MembershipFactory(user=user, role=Role.OPERATOR, organisation=call.programme.funder)
    return user


@pytest.fixture
def pair(call):
    """An application under review by two experts (the second has already submitted)."""
    application = application_in(call)
    first = ExpertProfileFactory(user=UserFactory(full_name="Первый Эксперт")).user
    second = ExpertProfileFactory(user=UserFactory(full_name="Вторая Экспертка")).user
    mine = m.Review.objects.create(application=application, expert=first, due_at=timezone.now() + timedelta(days=5))
    theirs = m.Review.objects.create(
        application=application,
        expert=second,
        status=ReviewStatus.SUBMITTED,
        total=Decimal("87.65"),
        submitted_at=timezone.now(),
        comment="Секретное мнение второго эксперта",
    )
    return application, mine, theirs


def test_queue_lists_only_my_reviews(client, call, pair, django_assert_max_num_queries):
    application, mine, theirs = pair
    for _ in range(5):
        m.Review.objects.create(application=application_in(call), expert=mine.expert)
    client.force_login(mine.expert)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("grants:expert-reviews"))
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 6
    assert reverse("grants:review-detail", args=[theirs.pk]) not in response.content.decode()


def test_review_page_never_shows_the_other_experts_work(client, pair):
    application, mine, theirs = pair
    client.force_login(mine.expert)
    response = client.get(reverse("grants:review-detail", args=[mine.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert application.title in page and "Актуальность" in page  # the application and the rubric
    assert "Вторая Экспертка" not in page and "87.65" not in page and "87,65" not in page
    assert "Секретное мнение" not in page


def test_other_people_cannot_open_a_review(client, pair):
    _application, mine, theirs = pair
    client.force_login(theirs.expert)
    assert client.get(reverse("grants:review-detail", args=[mine.pk])).status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("grants:review-detail", args=[mine.pk])).status_code == 403
    client.logout()
    assert client.get(reverse("grants:review-detail", args=[mine.pk])).status_code == 302


def _rubric_post(call, values, comment="Обосновано", action="save"):
    data = {"action": action, "comment": "Итог"}
    for criterion, value in zip(call.criteria.order_by("order"), values, strict=True):
        data[f"criterion_{criterion.pk}"] = "" if value is None else str(value)
        data[f"comment_{criterion.pk}"] = comment
    return data


def test_save_a_draft_then_submit(client, call, pair):
    application, mine, _theirs = pair
    client.force_login(mine.expert)
    url = reverse("grants:review-detail", args=[mine.pk])
    response = client.post(url, _rubric_post(call, [9, None, None]))
    assert response.status_code == 302 and mine.scores.count() == 1
    response = client.post(url, _rubric_post(call, [9, 8, None], action="submit"))
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode() and "Give a mark" in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == ReviewStatus.ASSIGNED and mine.scores.count() == 2  # the draft part is kept
    response = client.post(url, _rubric_post(call, [9, 8, 7], action="submit"))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == ReviewStatus.SUBMITTED and mine.total == Decimal("82.50")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REVIEWED and application.score == Decimal("85.08")
    page = client.get(url).content.decode()
    assert "Submit the review" not in page and "82" in page  # locked: shown, not editable


def test_declare_a_conflict_from_the_page(client, pair):
    application, mine, _theirs = pair
    client.force_login(mine.expert)
    url = reverse("grants:review-detail", args=[mine.pk])
    assert client.post(url, {"action": "conflict", "reason": ""}).status_code == 400
    assert client.post(url, {"action": "conflict", "reason": "Работал у заявителя"}).status_code == 302
    mine.refresh_from_db()
    assert mine.status == ReviewStatus.CONFLICT
    assert m.ConflictDeclaration.objects.filter(expert=mine.expert, application=application).exists()
    page = client.get(url).content.decode()
    assert "no longer shown" in page and application.problem not in page


def test_assignment_board(client, call, runner, django_assert_max_num_queries):
    for _ in range(6):
        application = application_in(call)
        for _ in range(2):
            m.Review.objects.create(application=application, expert=ExpertProfileFactory().user)
    client.force_login(runner)
    url = reverse("grants:call-assignment", args=[call.code])
    with django_assert_max_num_queries(16):
        response = client.get(url)
    assert response.status_code == 200 and len(response.context["page_obj"].object_list) == 6


def test_assignment_board_is_for_runners_only(client, call, pair):
    _application, mine, _theirs = pair
    client.force_login(mine.expert)
    assert client.get(reverse("grants:call-assignment", args=[call.code])).status_code == 403
    assert client.get(reverse("grants:call-ranking", args=[call.code])).status_code == 403


def test_run_assignment_and_manual_refusal(client, call, runner):
    application = application_in(call, status=ApplicationStatus.ELIGIBLE)
    ExpertProfileFactory.create_batch(2)
    conflicted = ExpertProfileFactory(user=UserFactory(email="conflicted@example.org")).user
    MembershipFactory(user=conflicted, role=Role.REPRESENTATIVE, organisation=application.organisation)
    client.force_login(runner)
    url = reverse("grants:call-assignment", args=[call.code])
    assert client.post(url, {"action": "run"}).status_code == 302
    assert application.reviews.count() == 2 and not application.reviews.filter(expert=conflicted).exists()
    response = client.post(
        url, {"action": "assign", "receipt_number": application.receipt_number, "expert": "conflicted@example.org"}
    )
    assert response.status_code == 400 and "Conflict of interest" in response.content.decode()
    review = application.reviews.first()
    response = client.post(url, {"action": "withdraw", "review": review.pk, "reason": "Болеет"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.WITHDRAWN


def test_ranking_page_shows_the_line(client, call, runner, django_assert_max_num_queries):
    small = call.bands.order_by("min_amount").first()
    for score, requested in [("95", "30000000"), ("90", "15000000"), ("85", "10000000"), ("40", "1000000")]:
        application = application_in(call, status=ApplicationStatus.REVIEWED, band=small)
        application.score, application.requested_amount, application.review_count = (
            Decimal(score),
            Decimal(requested),
            2,
        )
        application.save(update_fields=["score", "requested_amount", "review_count"])
    client.force_login(runner)
    url = reverse("grants:call-ranking", args=[call.code])
    with django_assert_max_num_queries(10):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200 and "Budget cut-off line" in page and "<svg" in page
    assert page.count("below the line") == 1 and page.count("below the pass mark") == 1
    response = client.get(url, {"budget": "100000000", "band": small.pk})
    assert response.context["ranking"].funded_total == Decimal("55000000")
    response = client.get(url, {"budget": "-5"})
    assert "govuk-error-summary" in response.content.decode()
