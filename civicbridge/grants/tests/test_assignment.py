"""Assignment of experts: automatic and balanced for a whole call, by hand, withdrawal and reassignment."""

from __future__ import annotations

from collections import Counter
from itertools import count

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core.workflow import history_for
from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus, ReviewStatus
from civicbridge.grants.services import assignment
from civicbridge.notifications.models import Notification
from civicbridge.registry.tests.factories import PersonFactory, PositionFactory, RegionFactory, ThemeFactory

from .factories import ApplicationFactory, CallFactory, ExpertProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
_receipts = count(1)


def eligible(call, **kwargs):
    return ApplicationFactory(
        call=call,
        status=ApplicationStatus.ELIGIBLE,
        receipt_number=f"{call.code}-{next(_receipts):05d}",
        submitted_at=timezone.now(),
        parts=False,
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


def test_every_application_gets_n_experts_balanced(call, runner, django_capture_on_commit_callbacks):
    applications = [eligible(call) for _ in range(5)]
    experts = [ExpertProfileFactory().user for _ in range(4)]
    with django_capture_on_commit_callbacks(execute=True):
        result = assignment.assign_call(actor=runner, call=call)
    assert result.reviews_created == 10 and result.applications_started == 5 and not result.short
    for application in applications:
        application.refresh_from_db()
        assert application.status == ApplicationStatus.IN_REVIEW
        assert application.reviews.filter(status=ReviewStatus.ASSIGNED).count() == 2
        assert [h.action for h in history_for(application)] == ["start_review"]
        assert history_for(application).get().actor == runner
    loads = Counter(m.Review.objects.values_list("expert_id", flat=True))
    assert set(loads) == {e.pk for e in experts}
    assert max(loads.values()) - min(loads.values()) <= 1
    # One notification per expert for the run (not one per review), linking to their queue.
    notes = Notification.objects.filter(event="grants.reviews_assigned")
    assert sorted(notes.values_list("recipient_id", flat=True)) == sorted(e.pk for e in experts)
    assert all(n.url == "/grants/reviews/" for n in notes)
    assert m.Review.objects.filter(due_at=call.review_deadline).count() == 10


def test_running_again_adds_nothing(call, runner):
    eligible(call)
    ExpertProfileFactory.create_batch(3)
    assignment.assign_call(actor=runner, call=call)
    again = assignment.assign_call(actor=runner, call=call)
    assert again.reviews_created == 0 and m.Review.objects.count() == 2


def test_conflicted_expert_is_never_chosen(call, runner):
    application = eligible(call)
    conflicted = ExpertProfileFactory().user
    PositionFactory(person=PersonFactory(user=conflicted), organisation=application.organisation)
    clean = ExpertProfileFactory().user
    result = assignment.assign_call(actor=runner, call=call)
    assert set(application.reviews.values_list("expert_id", flat=True)) == {clean.pk}
    assert result.short == {application.pk: 1}


def test_language_and_load_limits(call, runner):
    application = eligible(call, language="kk")
    ExpertProfileFactory(languages=["ru"])  # reads no Kazakh
    full = ExpertProfileFactory(max_load=1).user
    other_call_app = eligible(CallFactory())
    m.Review.objects.create(application=other_call_app, expert=full)  # an open review elsewhere: at its limit
    result = assignment.assign_call(actor=runner, call=call)
    assert result.reviews_created == 0 and result.short == {application.pk: 2}
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBLE  # nobody to send it to


def test_matching_theme_and_region_go_first(call, runner):
    theme, region = ThemeFactory(), RegionFactory()
    application = eligible(call, region=region)
    application.themes.add(theme)
    plain = [ExpertProfileFactory().user for _ in range(3)]
    matched = ExpertProfileFactory()
    matched.themes.add(theme)
    matched.regions.add(region)
    on_theme = ExpertProfileFactory()
    on_theme.themes.add(theme)
    assignment.assign_call(actor=runner, call=call)
    assert set(application.reviews.values_list("expert_id", flat=True)) == {matched.user_id, on_theme.user_id}
    assert not m.Review.objects.filter(expert__in=plain).exists()


def test_only_runners_assign(call):
    eligible(call)
    with pytest.raises(PermissionDenied):
        assignment.assign_call(actor=UserFactory(), call=call)


def test_assign_call_query_count_does_not_grow(call, runner, django_assert_max_num_queries):
    for _ in range(12):
        eligible(call)
    ExpertProfileFactory.create_batch(6)
    with django_assert_max_num_queries(25):
        result = assignment.assign_call(actor=runner, call=call)
    assert result.reviews_created == 24


def test_manual_assignment_refuses_a_conflicted_expert(call, runner):
    application = eligible(call)
    expert = ExpertProfileFactory().user
    MembershipFactory(user=expert, role=Role.REPRESENTATIVE, organisation=application.organisation)
    with pytest.raises(ValidationError) as refused:
        assignment.assign_expert(actor=runner, application=application, expert=expert)
    assert "Conflict of interest" in " ".join(refused.value.messages)
    assert not m.Review.objects.exists()


def test_manual_assignment_refuses_load_language_and_outsiders(call, runner):
    application = eligible(call, language="kk")
    busy = ExpertProfileFactory(max_load=1, languages=["ru"]).user
    m.Review.objects.create(application=eligible(CallFactory()), expert=busy)
    with pytest.raises(ValidationError) as refused:
        assignment.assign_expert(actor=runner, application=application, expert=busy)
    text = " ".join(refused.value.messages)
    assert "language" in text and "open reviews" in text
    with pytest.raises(ValidationError, match="not an active member"):
        assignment.assign_expert(actor=runner, application=application, expert=UserFactory())


def test_manual_assignment_starts_the_review(call, runner, django_capture_on_commit_callbacks):
    application = eligible(call)
    expert = ExpertProfileFactory().user
    with django_capture_on_commit_callbacks(execute=True):
        review = assignment.assign_expert(actor=runner, application=application, expert=expert)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW and review.status == ReviewStatus.ASSIGNED
    assert Notification.objects.get(event="grants.review_assigned").recipient == expert
    with pytest.raises(ValidationError, match="already has"):
        assignment.assign_expert(actor=runner, application=application, expert=expert)


def test_withdraw_and_reassign(call, runner, django_capture_on_commit_callbacks):
    application = eligible(call)
    first, second = ExpertProfileFactory().user, ExpertProfileFactory().user
    review = assignment.assign_expert(actor=runner, application=application, expert=first)
    with pytest.raises(ValidationError):
        assignment.withdraw_review(actor=runner, review=review, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        new = assignment.reassign_review(actor=runner, review=review, expert=second, reason="Эксперт заболел")
    review.refresh_from_db()
    assert review.status == ReviewStatus.WITHDRAWN and new.expert == second
    assert Notification.objects.filter(event="grants.review_withdrawn", recipient=first).exists()
    with pytest.raises(PermissionDenied):
        assignment.withdraw_review(actor=second, review=new, reason="не хочу")


def test_expert_pool_profile(call, runner):
    from civicbridge.grants.services import experts

    theme = ThemeFactory()
    user = UserFactory()
    with pytest.raises(ValidationError) as refused:
        experts.expert_profile_save(actor=runner, user=user, languages=[], max_load=0)
    assert set(refused.value.message_dict) == {"languages", "max_load"}
    profile = experts.expert_profile_save(actor=runner, user=user, languages=["kk", "ru", "kk"], themes=[theme])
    assert profile.languages == ["kk", "ru"] and list(profile.themes.all()) == [theme]
    assert user.memberships.filter(role=Role.EXPERT).exists()
    experts.expert_set_active(actor=runner, profile=profile, is_active=False)
    eligible(call)
    assert assignment.assign_call(actor=runner, call=call).reviews_created == 0  # out of the pool
    with pytest.raises(PermissionDenied):
        experts.expert_profile_save(actor=UserFactory(), user=UserFactory(), languages=["ru"])


def test_bulk_transition_is_all_or_nothing(call, runner):
    from civicbridge.core.workflow import transition_many

    ready, stale = eligible(call), eligible(call)
    m.Application.objects.filter(pk=stale.pk).update(status=ApplicationStatus.INELIGIBLE)  # changed meanwhile
    with pytest.raises(ValidationError) as refused:
        transition_many([ready, stale], "start_review", actor=runner)
    assert refused.value.code == "stale_state"
    ready.refresh_from_db()
    assert ready.status == ApplicationStatus.ELIGIBLE and not history_for(ready).exists()
    with pytest.raises(PermissionDenied):
        transition_many([ready], "start_review", actor=UserFactory())
    assert transition_many([ready], "start_review", actor=runner) == 1
    ready.refresh_from_db()
    assert ready.status == ApplicationStatus.IN_REVIEW
    assert [(h.source, h.target, h.actor) for h in history_for(ready)] == [("eligible", "in_review", runner)]
