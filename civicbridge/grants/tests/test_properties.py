"""Property-based tests (hypothesis): the ranking order, the budget cut-off, and automatic assignment never
breaking a conflict of interest, a language or a load limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import count

from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus, ReviewStatus
from civicbridge.grants.services.assignment import Pool, assign_call
from civicbridge.grants.services.conflicts import ConflictIndex
from civicbridge.grants.services.ranking import Row, cut_off, order_key, rank_rows

from .factories import ApplicationFactory, CallFactory, ExpertProfileFactory

T0 = datetime(2027, 3, 1, tzinfo=UTC)
scores = st.integers(0, 10_000).map(lambda cents: Decimal(cents) / 100)
money = st.integers(100, 5_000_000_000).map(lambda cents: Decimal(cents) / 100)
FAST = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


@st.composite
def rows(draw, max_size=25):
    n = draw(st.integers(0, max_size))
    ids = draw(st.lists(st.integers(1, 10_000), min_size=n, max_size=n, unique=True))
    result = []
    for pk in ids:
        score = draw(st.one_of(st.none(), scores))
        result.append(
            Row(
                id=pk,
                receipt_number=f"R-{pk}",
                title="",
                organisation_name="",
                status="reviewed",
                score=score,
                min_total=None if score is None else Decimal(draw(st.integers(0, int(score * 100)))) / 100,
                submitted_at=T0 + timedelta(minutes=draw(st.integers(0, 5))),
                requested=draw(money),
                band_id=draw(st.sampled_from([1, 2])),
            )
        )
    return result


@FAST
@given(rows(), scores, scores)
def test_ranking_order_and_pass_marks(items, mark_1, mark_2):
    grouped = rank_rows(items, {1: mark_1, 2: mark_2})
    for band_id, members in grouped.items():
        assert all(r.band_id == band_id and r.score is not None for r in members)
        assert [r.rank for r in members] == list(range(1, len(members) + 1))
        for better, worse in zip(members, members[1:], strict=False):
            assert (better.score, better.min_total) >= (worse.score, worse.min_total)
            if (better.score, better.min_total) == (worse.score, worse.min_total):
                assert (better.submitted_at, better.id) < (worse.submitted_at, worse.id)
        mark = {1: mark_1, 2: mark_2}[band_id]
        assert all(r.passes == (r.score >= mark) for r in members)
    assert sum(len(v) for v in grouped.values()) == sum(1 for r in items if r.score is not None)


@FAST
@given(rows(), st.integers(0, 20_000_000_000).map(lambda cents: Decimal(cents) / 100), scores)
def test_cut_off_never_exceeds_the_budget_and_keeps_the_order(items, budget, mark):
    grouped = rank_rows(items, {1: mark, 2: mark})
    ranked = [r for members in grouped.values() for r in members]
    funded, last, first_below = cut_off(ranked, budget)
    assert funded == sum((r.requested for r in ranked if r.funded), Decimal(0)) <= budget
    passing = sorted((r for r in ranked if r.passes), key=order_key)
    flags = [r.funded for r in passing]
    assert flags == sorted(flags, reverse=True)  # the funded ones are a prefix of the order: never bent
    assert not any(r.funded for r in ranked if not r.passes)
    if first_below is not None:
        below = next(r for r in passing if r.id == first_below)
        assert funded + below.requested > budget
    else:
        assert all(flags)


@st.composite
def pools(draw):
    experts = draw(st.integers(1, 12))
    pool = Pool()
    for e in range(1, experts + 1):
        pool.max_load[e] = draw(st.integers(1, 4))
        pool.load[e] = draw(st.integers(0, pool.max_load[e]))
        for language in draw(st.sets(st.sampled_from(["ru", "kk", "en"]), min_size=1)):
            pool.by_language[language].add(e)
        for theme in draw(st.sets(st.integers(1, 4), max_size=2)):
            pool.by_theme[theme].add(e)
        for region in draw(st.sets(st.integers(1, 3), max_size=1)):
            pool.by_region[region].add(e)
    pool.available = {e for e in pool.max_load if pool.load[e] < pool.max_load[e]}
    return pool


@FAST
@given(
    pools(),
    st.lists(
        st.tuples(
            st.sampled_from(["ru", "kk", "en"]),
            st.sets(st.integers(1, 4), max_size=2),
            st.one_of(st.none(), st.integers(1, 3)),
            st.sets(st.integers(1, 12), max_size=5),
            st.integers(1, 3),
        ),
        max_size=25,
    ),
)
def test_choice_never_breaks_conflicts_languages_or_loads(pool, applications):
    start = dict(pool.load)
    for language, themes, region, excluded, needed in applications:
        free = {e for e in pool.by_language[language] if pool.load[e] < pool.max_load[e]} - excluded
        chosen = pool.choose(language=language, themes=themes, region=region, needed=needed, excluded=excluded)
        assert len(chosen) == len(set(chosen)) == min(needed, len(free))
        assert not set(chosen) & excluded
        assert all(e in pool.by_language[language] for e in chosen)
    assert all(pool.load[e] <= pool.max_load[e] for e in pool.max_load)
    assert all(pool.load[e] >= start[e] for e in pool.max_load)


_receipts = count(1)


class AssignmentPropertyTest(TestCase):
    """Against the database: random ties between experts and applicants, then a whole-call assignment."""

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.integers(2, 6),
        st.integers(2, 6),
        st.sets(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=8),
        st.lists(st.integers(1, 3), min_size=6, max_size=6),
    )
    def test_assignment_keeps_every_rule(self, n_apps, n_experts, ties, limits):
        call = CallFactory()
        runner = UserFactory()
        MembershipFactory(user=runner, role=Role.OPERATOR, organisation=call.programme.funder)
        applications = [
            ApplicationFactory(
                call=call,
                status=ApplicationStatus.ELIGIBLE,
                receipt_number=f"P-{next(_receipts):06d}",
                submitted_at=timezone.now(),
                parts=False,
            )
            for _ in range(n_apps)
        ]
        experts = [ExpertProfileFactory(max_load=limits[i]).user for i in range(n_experts)]
        for app_index, expert_index in ties:
            if app_index < n_apps and expert_index < n_experts:
                MembershipFactory(
                    user=experts[expert_index],
                    role=Role.REPRESENTATIVE,
                    organisation=applications[app_index].organisation,
                )
        assign_call(actor=runner, call=call, notify_experts=False)
        index = ConflictIndex.build(m.Application.objects.filter(call=call), [e.pk for e in experts])
        for review in m.Review.objects.filter(application__call=call):
            assert review.expert_id not in index.conflicted(review.application_id)
        for profile in m.ExpertProfile.objects.filter(user__in=experts):
            open_reviews = m.Review.objects.filter(expert=profile.user, status=ReviewStatus.ASSIGNED).count()
            assert open_reviews <= profile.max_load
        for application in applications:
            assert application.reviews.count() <= call.experts_per_application
