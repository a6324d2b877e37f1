"""Concurrent supporters and merges, with real transactions on PostgreSQL (skipped on SQLite)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.appeals.models import Appeal, Supporter
from civicbridge.appeals.services.duplicates import appeal_merge
from civicbridge.appeals.services.support import support_add
from civicbridge.core.tests.concurrency import CONCURRENT_WRITERS, run_at_once
from civicbridge.registry.tests.factories import CountryFactory, OrganisationFactory, RegionFactory

from .factories import AppealFactory, CategoryFactory, person_of

pytestmark = CONCURRENT_WRITERS


def new_appeal(**fields) -> Appeal:
    country = CountryFactory(code="KZ")
    return AppealFactory(
        country=country, region=RegionFactory(country=country), category=CategoryFactory(code="roads"), **fields
    )


def test_eight_people_supporting_at_once_all_count():
    appeal = new_appeal()
    people = [UserFactory() for _n in range(8)]
    results, errors = run_at_once([lambda user=user: support_add(actor=user, appeal=appeal) for user in people])
    assert not errors and len(results) == 8
    assert Appeal.objects.get(pk=appeal.pk).supporters_count == 8 == Supporter.objects.filter(appeal=appeal).count()


def test_a_double_click_counts_once():
    appeal = new_appeal()
    user = UserFactory()
    results, errors = run_at_once([lambda: support_add(actor=user, appeal=appeal) for _n in range(4)])
    assert not errors
    assert Appeal.objects.get(pk=appeal.pk).supporters_count == 1 == Supporter.objects.filter(appeal=appeal).count()


def test_supporting_while_a_merge_happens_keeps_the_count_true():
    main = new_appeal()
    duplicate = new_appeal(author=UserFactory())
    coordinator = person_of(OrganisationFactory(country=main.country), Role.COORDINATOR)
    people = [UserFactory() for _n in range(5)]
    jobs = [lambda user=user: support_add(actor=user, appeal=main) for user in people]
    jobs.append(lambda: appeal_merge(actor=coordinator, duplicate=duplicate, main=main))
    _results, errors = run_at_once(jobs)
    assert not errors
    stored = Appeal.objects.get(pk=main.pk).supporters_count
    assert stored == Supporter.objects.filter(appeal=main).count() == 6  # five people and the duplicate's author


def test_crosswise_merges_one_wins_no_deadlock_no_chain():
    first, second = new_appeal(), new_appeal()
    coordinator = person_of(OrganisationFactory(country=first.country), Role.COORDINATOR)
    results, errors = run_at_once(
        [
            lambda: appeal_merge(actor=coordinator, duplicate=first, main=second),
            lambda: appeal_merge(actor=coordinator, duplicate=second, main=first),
        ]
    )
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    merged = Appeal.objects.filter(merged_into__isnull=False)
    assert merged.count() == 1 and merged.get().merged_into.merged_into_id is None


def test_two_digest_workers_at_once_tell_each_issue_once():
    import datetime

    from django.utils import timezone

    from civicbridge.appeals.tasks import send_overdue_digests

    country = CountryFactory(code="KZ")
    organisation = OrganisationFactory(country=country)
    person_of(organisation, Role.OFFICIAL)
    late = [new_appeal(responsible=organisation, due_at=timezone.now() - datetime.timedelta(days=2)) for _n in range(5)]
    results, errors = run_at_once([send_overdue_digests for _n in range(4)])
    assert not errors and sorted(results) == [0, 0, 0, 1]
    assert Appeal.objects.filter(pk__in=[a.pk for a in late], overdue_notified_at__isnull=True).count() == 0
