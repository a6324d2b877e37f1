"""Screening under concurrent operators (PostgreSQL): two runs of one call screen each application exactly once."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core.models import TransitionHistory
from civicbridge.core.tests.concurrency import CONCURRENT_WRITERS, run_at_once
from civicbridge.grants import models as m
from civicbridge.grants.choices import ApplicationStatus, EligibilityRule
from civicbridge.grants.services import eligibility as services

from .factories import ApplicationFactory, CallFactory

pytestmark = CONCURRENT_WRITERS


def test_two_operators_screening_one_call_at_once_screen_each_application_once():
    call = CallFactory(code="kz-screen-race")
    runners = []
    for _ in range(2):
        runners.append(UserFactory())
        MembershipFactory(user=runners[-1], role=Role.OPERATOR, organisation=call.programme.funder)
    applications = [
        ApplicationFactory(
            call=call, status=ApplicationStatus.SUBMITTED, receipt_number=f"R-{i}", submitted_at=timezone.now()
        )
        for i in range(8)
    ]
    results, errors = run_at_once([lambda user=user: services.screen_call(actor=user, call=call) for user in runners])
    assert not errors
    assert sum(r["screened"] for r in results) == 8 and all(r["remaining"] == 0 for r in results)
    assert m.EligibilityCheck.objects.count() == 8 * len(EligibilityRule.values)
    history = TransitionHistory.objects.filter(
        content_type=ContentType.objects.get_for_model(m.Application), object_id__in=[a.pk for a in applications]
    )
    assert history.count() == 8
    assert set(m.Application.objects.values_list("status", flat=True)) == {ApplicationStatus.ELIGIBLE}
