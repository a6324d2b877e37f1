"""Two people routing, passing on or deciding the same issue at once, with real transactions (PostgreSQL only)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from civicbridge.accounts.choices import Role
from civicbridge.appeals.choices import AppealStatus
from civicbridge.appeals.models import Appeal, Transfer
from civicbridge.appeals.services import lifecycle, routing
from civicbridge.appeals.tests.factories import AppealFactory, person_of
from civicbridge.core.tests.concurrency import CONCURRENT_WRITERS, run_at_once
from civicbridge.core.workflow import history_for
from civicbridge.registry.tests.factories import OrganisationFactory

pytestmark = CONCURRENT_WRITERS


def test_two_coordinators_routing_the_same_issue_at_once_one_choice_stands():
    appeal = AppealFactory()
    first, second = OrganisationFactory(), OrganisationFactory()
    coordinators = [person_of(OrganisationFactory(), Role.COORDINATOR) for _ in range(2)]
    results, errors = run_at_once(
        [
            lambda user=user, org=org: routing.appeal_assign(Appeal.objects.get(pk=appeal.pk), org, actor=user)
            for user, org in zip(coordinators, (first, second), strict=True)
        ]
    )
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert Transfer.objects.filter(appeal=appeal).count() == 1
    assert Appeal.objects.get(pk=appeal.pk).responsible == results[0].responsible


def test_two_officials_passing_it_on_at_once_one_transfer_stands():
    org = OrganisationFactory()
    appeal = AppealFactory(responsible=org)
    officials = [person_of(org, Role.OFFICIAL) for _ in range(2)]
    targets = [OrganisationFactory(), OrganisationFactory()]
    results, errors = run_at_once(
        [
            lambda user=user, target=target: routing.appeal_transfer(
                Appeal.objects.get(pk=appeal.pk), target, actor=user, reason="not ours"
            )
            for user, target in zip(officials, targets, strict=True)
        ]
    )
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert Transfer.objects.filter(appeal=appeal).count() == 1


def test_answering_and_declining_at_once_one_decision_stands():
    org = OrganisationFactory()
    appeal = AppealFactory(responsible=org, status=AppealStatus.ACCEPTED)
    one, other = person_of(org, Role.OFFICIAL), person_of(org, Role.REPRESENTATIVE)
    results, errors = run_at_once(
        [
            lambda: lifecycle.appeal_answer(Appeal.objects.get(pk=appeal.pk), actor=one, answer="Done."),
            lambda: lifecycle.appeal_decline(Appeal.objects.get(pk=appeal.pk), actor=other, reason="Not ours."),
        ]
    )
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    appeal.refresh_from_db()
    assert history_for(appeal).count() == 1
    if appeal.status == AppealStatus.ANSWERED:
        assert appeal.answer == "Done." and appeal.answered_at is not None
    else:
        assert appeal.status == AppealStatus.DECLINED
        assert appeal.answer == "" and appeal.answered_at is None  # the refused answer left nothing behind
