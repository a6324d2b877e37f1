"""Statistics of citizens' issues: the figures by region, theme, responsible party and status, and the page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civicbridge.appeals.choices import AppealStatus
from civicbridge.appeals.models import Appeal
from civicbridge.appeals.selectors import stats
from civicbridge.appeals.tests.factories import AppealFactory
from civicbridge.registry.tests.factories import OrganisationFactory, RegionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

STATS = reverse("appeals:stats")


def _answered(days: float, **kwargs) -> Appeal:
    appeal = AppealFactory(status=AppealStatus.ANSWERED, answer="Done.", answered_at=timezone.now(), **kwargs)
    created = timezone.now() - timedelta(days=days)
    Appeal.objects.filter(pk=appeal.pk).update(created_at=created, answered_at=created + timedelta(days=days))
    return appeal


@pytest.fixture
def sample():
    astana = RegionFactory(code="KZ-71", name="Astana", name_en="Astana")
    org = OrganisationFactory(name="Akimat", name_en="Akimat")
    _answered(2, responsible=org)
    _answered(4, responsible=org)
    _answered(10, region=astana)
    AppealFactory(responsible=org, status=AppealStatus.ACCEPTED, due_at=timezone.now() - timedelta(days=1))
    AppealFactory(region=astana, status=AppealStatus.DECLINED)
    return {"astana": astana, "org": org}


def _row(rows, key):
    return next(row for row in rows if row.key == key)


def test_figures_by_each_dimension(sample):
    result = stats.statistics()
    assert (result.total.raised, result.total.answered, result.total.overdue) == (5, 3, 1)
    almaty = _row(result.tables["region"], "KZ-75")
    assert (almaty.raised, almaty.answered, almaty.overdue) == (3, 2, 1)
    assert almaty.label == "Almaty"  # the region's English name (registry reference data), in English
    org = _row(result.tables["responsible"], sample["org"].pk)
    assert (org.raised, org.answered, org.overdue, org.label) == (3, 2, 1, "Akimat")
    answered = _row(result.tables["status"], AppealStatus.ANSWERED)
    assert answered.raised == 3
    assert _row(result.tables["responsible"], None).label == "Not routed yet"


def test_medians_of_answer_times(sample):
    result = stats.statistics()
    # Exact on SQLite (3.0 and 4.0); interpolated within the day on PostgreSQL: close to the exact value.
    assert result.total.median_days == pytest.approx(4.0, abs=1.0)
    assert _row(result.tables["region"], "KZ-75").median_days == pytest.approx(3.0, abs=1.0)
    assert _row(result.tables["region"], "KZ-71").median_days == pytest.approx(10.0, abs=1.0)


def test_filters_by_country_and_period(sample):
    assert stats.statistics(country="RU").total.raised == 0
    today = timezone.localdate()
    recent = stats.statistics(since=today - timedelta(days=3), until=today)
    assert recent.total.raised == 3  # the two not answered, and the one answered in 2 days


def test_figures_are_cached_for_a_while(sample):
    stats.statistics()
    AppealFactory()
    assert stats.statistics().total.raised == 5  # the cached figures
    from django.core.cache import cache

    cache.clear()
    assert stats.statistics().total.raised == 6


def test_page_shows_charts_tables_and_time(client, sample):
    response = client.get(STATS)
    text = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in text and "<caption" in text and 'scope="row"' in text
    assert "Figures as of" in text
    assert "Akimat" in text and "Astana" in text


def test_bad_period_is_refused(client, sample):
    response = client.get(f"{STATS}?since=2026-05-01&until=2026-01-01")
    assert response.status_code == 400
    assert "must come before" in response.content.decode()


def test_page_queries_are_bounded(client, sample, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        assert client.get(STATS).status_code == 200


def test_histogram_median():
    assert stats._histogram_median({}) is None
    assert stats._histogram_median({3: 1}) == 3.5
    assert stats._histogram_median({1: 2, 5: 2}) == 2.0


def test_refresh_puts_fresh_figures_in_the_cache(sample):
    stats.statistics()
    AppealFactory()
    stats.refresh()
    assert stats.statistics().total.raised == 6


def test_median_of_a_spread_of_answer_times():
    region = RegionFactory(code="KZ-55", name="Pavlodar", name_en="Pavlodar")
    for days in (1.5, 2.5, 3.5, 10.5, 20.5, 30.5, 40.5):
        _answered(days, region=region)
    row = _row(stats.statistics().tables["region"], "KZ-55")
    assert row.answered == 7
    assert row.median_days == pytest.approx(10.5, abs=0.6)


def test_the_refresh_job_is_scheduled_and_warms_the_cache(sample):
    from django.conf import settings

    from civicbridge.appeals.tasks import refresh_stats_task

    schedule = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert schedule["appeals.refresh_stats"] == stats.REFRESH_SECONDS == 5 * 60
    stats.statistics()
    AppealFactory()
    refresh_stats_task.delay().get()
    assert stats.statistics().total.raised == 6
