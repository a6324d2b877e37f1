"""The appeals demo: routing rules and issues at every status, through the services; a second load adds nothing."""

from collections import Counter
from io import StringIO

import pytest

from civicbridge.accounts import demo as accounts_demo
from civicbridge.appeals import demo
from civicbridge.appeals.choices import AppealStatus
from civicbridge.appeals.models import Appeal, RoutingRule
from civicbridge.core.context import acting_as
from civicbridge.registry import demo as registry_demo

pytestmark = [pytest.mark.django_db]


def test_demo_loads_every_status_and_a_second_load_adds_nothing(client):
    out = StringIO()
    with acting_as(None):
        registry_demo.load(stdout=out)
        accounts_demo.load(stdout=out)
        demo.load(stdout=out)
    appeals = Appeal.objects.all()
    statuses = Counter(appeals.values_list("status", flat=True))
    assert set(statuses) == set(AppealStatus.values), statuses
    assert RoutingRule.objects.count() >= 4
    places = appeals.exclude(region=None).values("region").distinct().count()
    assert places >= 4
    assert appeals.filter(status=AppealStatus.ANSWERED).exclude(answer="").exists()
    assert appeals.filter(reopened_count__gt=0).exists()
    assert appeals.filter(is_anonymous=True).exists()
    assert appeals.filter(contact_consent_at__isnull=False).exclude(contact_email="").exists()
    assert any(appeal.is_overdue for appeal in appeals)
    assert appeals.filter(merged_into__isnull=False).exists()
    assert appeals.filter(hidden_at__isnull=False).exists()
    answered = appeals.filter(status=AppealStatus.ANSWERED).first()
    assert (answered.answered_at - answered.created_at).days >= 1  # dates moved back: the statistics have medians

    count, rules = appeals.count(), RoutingRule.objects.count()
    with acting_as(None):
        demo.load(stdout=out)
    assert Appeal.objects.count() == count and RoutingRule.objects.count() == rules

    assert client.get("/appeals/").status_code == 200
    assert client.get("/appeals/stats/").status_code == 200
    assert client.get(answered.get_absolute_url()).status_code == 200


def test_issues_hang_on_the_five_regional_meetings_with_every_status(client):
    from civicbridge.appeals.links import make_token
    from civicbridge.appeals.services import lifecycle
    from civicbridge.events import demo as events_demo
    from civicbridge.events.demo.meetings import regional_meetings

    out = StringIO()
    with acting_as(None):
        registry_demo.load(stdout=out)
        accounts_demo.load(stdout=out)
        events_demo.load(stdout=out)
        demo.load(stdout=out)
    meetings = regional_meetings()
    assert {meeting.region_id for meeting in meetings} == {"KZ-55", "KZ-35", "KZ-61", "KZ-39", "KZ-63"}
    open_statuses = {AppealStatus.NEW, AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS}
    for meeting in meetings:
        statuses = set(Appeal.objects.filter(event=meeting).values_list("status", flat=True))
        assert statuses == set(AppealStatus.values), (meeting, statuses)
        assert open_statuses <= statuses
    # A citizen without an account who consented to e-mail got an answer: the signed link can reopen it.
    answered = Appeal.objects.filter(
        event__in=meetings, author=None, status=AppealStatus.ANSWERED, contact_consent_at__isnull=False
    ).exclude(contact_email="")
    assert answered.exists()
    lifecycle.link_state(make_token(answered.first()))
    online = Appeal.objects.filter(event=None, author__isnull=False)
    assert online.filter(reopened_count__gt=0).exists()

    count = Appeal.objects.count()
    with acting_as(None):
        events_demo.load(stdout=out)
        demo.load(stdout=out)
    assert Appeal.objects.count() == count
