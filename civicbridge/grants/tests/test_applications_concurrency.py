"""Applications under concurrent writers (PostgreSQL): receipt numbers never repeat or skip; two tabs, one save wins."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory
from civicbridge.core.tests.concurrency import CONCURRENT_WRITERS, run_at_once
from civicbridge.grants import models as m
from civicbridge.grants.services import applications as svc

from .factories import ApplicationFactory, CallFactory

pytestmark = CONCURRENT_WRITERS


def test_simultaneous_submissions_get_consecutive_distinct_receipt_numbers():
    call = CallFactory(code="kz-race")
    pairs = []
    for _ in range(6):
        application = ApplicationFactory(call=call)
        pairs.append(
            (MembershipFactory(organisation=application.organisation, role=Role.REPRESENTATIVE).user, application)
        )
    results, errors = run_at_once(
        [lambda user=user, app=app: svc.application_submit(actor=user, application=app) for user, app in pairs]
    )
    assert not errors
    numbers = sorted(m.Application.objects.filter(call=call).values_list("receipt_number", flat=True))
    assert numbers == [f"KZ-RACE-{n:05d}" for n in range(1, 7)]
    call.refresh_from_db()
    assert call.receipt_sequence == 6


def test_two_tabs_saving_the_same_version_at_once_one_wins():
    application = ApplicationFactory()
    user = MembershipFactory(organisation=application.organisation, role=Role.REPRESENTATIVE).user
    results, errors = run_at_once(
        [
            lambda title=title: svc.application_save_draft(
                actor=user, application=m.Application.objects.get(pk=application.pk), version=1, title=title
            )
            for title in ("Вкладка 1", "Вкладка 2")
        ]
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError) and errors[0].code == "stale_version"
    application.refresh_from_db()
    assert application.version == 2 and application.title == results[0].title
