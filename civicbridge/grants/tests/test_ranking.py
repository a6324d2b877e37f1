"""Ranking per band with the documented tie-break, pass marks, and the budget cut-off line."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from itertools import count

import pytest
from django.utils import timezone

from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus, ReviewStatus
from civicbridge.grants.services.ranking import rank_call

from .factories import ApplicationFactory, CallFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db
_receipts = count(1)
T0 = timezone.now() - timedelta(days=3)


def scored(call, band, totals, *, requested="3000000", minutes=0, status=ApplicationStatus.REVIEWED):
    application = ApplicationFactory(
        call=call,
        status=status,
        receipt_number=f"{call.code}-{next(_receipts):05d}",
        submitted_at=T0 + timedelta(minutes=minutes),
        band=band,
        requested_amount=Decimal(requested),
        parts=False,
    )
    for total in totals:
        m.Review.objects.create(
            application=application,
            expert=ExpertProfileFactory().user,
            status=ReviewStatus.SUBMITTED,
            total=Decimal(total),
            submitted_at=T0,
        )
    if totals:
        application.score = sum(Decimal(t) for t in totals) / len(totals)
        application.review_count = len(totals)
        application.save(update_fields=["score", "review_count"])
    return application


@pytest.fixture
def call():
    return CallFactory(budget=Decimal("10000000"))


def test_order_within_band_and_tie_break(call):
    small, large = call.bands.order_by("min_amount")
    low = scored(call, small, ["70", "70"], minutes=1)
    tie_even = scored(call, small, ["80", "80"], minutes=5)  # same score, higher minimum: first
    tie_spread = scored(call, small, ["90", "70"], minutes=1)
    tie_late = scored(call, small, ["80", "80"], minutes=9)  # same score and minimum, later: after
    big = scored(call, large, ["75"], requested="6000000")
    ranking = rank_call(call)
    small_rows = ranking.bands[0].rows
    assert [r.id for r in small_rows] == [tie_even.pk, tie_late.pk, tie_spread.pk, low.pk]
    assert [r.rank for r in small_rows] == [1, 2, 3, 4]
    assert [r.id for r in ranking.bands[1].rows] == [big.pk]


def test_pass_marks_per_band(call):
    small, large = call.bands.order_by("min_amount")  # pass marks 60 and 70
    below_small = scored(call, small, ["59.99"])
    at_small = scored(call, small, ["60"])
    below_large = scored(call, large, ["65"], requested="6000000")
    ranking = rank_call(call)
    passes = {r.id: r.passes for band in ranking.bands for r in band.rows}
    assert passes == {below_small.pk: False, at_small.pk: True, below_large.pk: False}


def test_cut_off_funds_in_order_and_draws_the_line(call):
    small, large = call.bands.order_by("min_amount")
    first = scored(call, large, ["95"], requested="6000000")
    second = scored(call, small, ["90"], requested="3000000")
    third = scored(call, small, ["85"], requested="2000000")  # 11,000,000 > 10,000,000: the line is above it
    fourth = scored(call, small, ["80"], requested="1000000")  # would fit, but the order is not bent
    failing = scored(call, small, ["10"], requested="1000000")
    unscored = scored(call, small, [], status=ApplicationStatus.IN_REVIEW)
    ranking = rank_call(call)
    funded = {r.id for band in ranking.bands for r in band.rows if r.funded}
    assert funded == {first.pk, second.pk}
    assert ranking.funded_total == Decimal("9000000") <= ranking.budget
    assert ranking.line_after == second.pk and ranking.first_below == third.pk
    assert not any(r.funded for band in ranking.bands for r in band.rows if r.id in (fourth.pk, failing.pk))
    assert [r.id for r in ranking.bands[0].unscored] == [unscored.pk]
    wider = rank_call(call, budget=Decimal("20000000"))
    assert {r.id for band in wider.bands for r in band.rows if r.funded} == {first.pk, second.pk, third.pk, fourth.pk}


def test_ranking_reads_in_few_queries(call, django_assert_max_num_queries):
    small, _large = call.bands.order_by("min_amount")
    for i in range(15):
        scored(call, small, [str(50 + i), str(60 + i)])
    with django_assert_max_num_queries(3):
        ranking = rank_call(call)
    assert len(ranking.bands[0].rows) == 15
