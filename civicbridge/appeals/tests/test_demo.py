"""The appeals demo: the answering bodies and routing rules of five oblasts, issues of each oblast at every status at
its meeting, through the services; contacts stay private; a second load adds nothing."""

from collections import Counter
from io import StringIO

import pytest

from civicbridge.accounts import demo as accounts_demo
from civicbridge.accounts.models import User
from civicbridge.appeals import demo
from civicbridge.appeals.choices import AppealStatus
from civicbridge.appeals.demo.bodies import OBLASTS
from civicbridge.appeals.models import Appeal, RoutingRule, Supporter
from civicbridge.core.context import acting_as
from civicbridge.registry import demo as registry_demo
from civicbridge.registry.choices import OrganisationKind
from civicbridge.registry.models import Organisation

pytestmark = [pytest.mark.django_db]


def _counts():
    return Appeal.objects.count(), RoutingRule.objects.count(), Organisation.objects.count(), Supporter.objects.count()


def test_without_the_events_demo_the_issues_still_cover_the_five_oblasts(client):
    out = StringIO()
    with acting_as(None):
        registry_demo.load(stdout=out)
        accounts_demo.load(stdout=out)
        demo.load(stdout=out)
    appeals = Appeal.objects.all()
    assert set(appeals.values_list("status", flat=True)) == set(AppealStatus.values)
    assert set(appeals.values_list("region", flat=True)) == set(OBLASTS)
    answered = appeals.filter(status=AppealStatus.ANSWERED).first()
    assert (answered.answered_at - answered.created_at).days >= 1  # dates moved back: the statistics have medians
    before = _counts()
    with acting_as(None):
        demo.load(stdout=out)
    assert _counts() == before
    assert client.get("/appeals/").status_code == 200


def test_issues_of_each_oblast_at_its_meeting_answered_by_its_bodies(client):
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
    assert {meeting.region_id for meeting in meetings} == set(OBLASTS)

    # The answering bodies: state institutions of their oblast, in three languages.
    for code in OBLASTS:
        bodies = Organisation.objects.filter(region_id=code, kind=OrganisationKind.STATE_BODY)
        names = set(bodies.values_list("name_ru", flat=True))
        assert any(name.startswith("Акимат ") for name in names), names
        assert any(name.startswith("Управление внутренней политики ") for name in names), names
        assert all(body.name_kk and body.name_en for body in bodies)
        assert set(bodies.values_list("legal_form__code", flat=True)) == {"kz-state-institution"}

    for meeting in meetings:
        appeals = Appeal.objects.filter(event=meeting)
        assert 8 <= appeals.count() <= 12
        assert set(appeals.values_list("status", flat=True)) == set(AppealStatus.values), meeting
        assert all(meeting.region_id == appeal.region_id for appeal in appeals)
        assert not any(meeting.region.name_ru in appeal.title for appeal in appeals)  # no region in the titles
        # Issues go to the oblast's own state bodies: roads to the akimat, NGO support to internal policy.
        routed = appeals.exclude(responsible=None).select_related("responsible", "category")
        assert {appeal.responsible.region_id for appeal in routed} == {meeting.region_id}
        for appeal in routed:
            if appeal.category.code == "roads":
                assert appeal.responsible.name_ru.startswith("Акимат ")
            if appeal.category.code in ("ngo-support", "culture-youth"):
                assert appeal.responsible.name_ru.startswith("Управление внутренней политики ")
        assert appeals.filter(reopened_count__gt=0, author=None).exists()  # reopened through the signed link
        assert any(appeal.is_overdue for appeal in appeals)
        duplicate = appeals.filter(merged_into__isnull=False).select_related("merged_into").get()
        assert (
            duplicate.merged_into.event_id == meeting.pk and duplicate.category_id == duplicate.merged_into.category_id
        )
        hidden = appeals.get(hidden_at__isnull=False)
        assert hidden.public_text and hidden.public_text != hidden.text and hidden.hidden_reason
        assert appeals.filter(supporters_count__gte=3).exists()

    everything = Appeal.objects.all()
    assert everything.filter(language="kk").count() >= 2
    # One category of one oblast has no rule: that issue waits in the coordinators' queue.
    waiting = everything.get(responsible=None, merged_into=None)
    coordinator = User.objects.get(email__iexact=f"coordinator@{accounts_demo.DEMO_DOMAIN}")
    client.force_login(coordinator)
    assert waiting.title in client.get("/appeals/to-route/").content.decode()
    client.logout()
    # The akimat's demo official works the Pavlodar akimat's issues (and only those).
    official = User.objects.get(email__iexact=f"akimat-pavlodar@{accounts_demo.DEMO_DOMAIN}")
    akimat_issue = everything.filter(responsible__name_ru="Акимат Павлодарской области").first()
    elsewhere = everything.filter(responsible__region_id="KZ-35").first()
    assert official.has_perm("appeals.view_private", akimat_issue) and not official.has_perm(
        "appeals.view_private", elsewhere
    )
    assert "akimat-pavlodar@demo.civicbridge.kz" in {row[0] for row in demo.demo_accounts()}
    # A citizen without an account who consented to e-mail got an answer: the signed link can reopen it.
    answered = everything.filter(
        event__in=meetings, author=None, status=AppealStatus.ANSWERED, contact_consent_at__isnull=False
    ).exclude(contact_email="")
    assert answered.exists()
    lifecycle.link_state(make_token(answered.first()))
    online = everything.filter(event=None, author__isnull=False)
    assert online.filter(reopened_count__gt=0).exists()
    statuses = Counter(everything.values_list("status", flat=True))
    assert statuses[AppealStatus.ANSWERED] >= 5 and statuses[AppealStatus.DECLINED] >= 5

    # Contacts never appear on public pages or in the public API, nor the hidden texts.
    contacted = everything.exclude(contact_email="").exclude(contact_phone="")
    assert contacted.count() >= 10
    pages = [client.get("/appeals/"), client.get("/api/v1/appeals/"), client.get("/api/v1/open311/requests.json")]
    pages += [client.get(appeal.get_absolute_url()) for appeal in contacted[:3]]
    pages += [client.get(f"/api/v1/appeals/{appeal.pk}/") for appeal in contacted[:3]]
    pages.append(client.get(hidden.get_absolute_url()))
    for response in pages:
        assert response.status_code == 200
        body = response.content.decode()
        for appeal in contacted:
            assert appeal.contact_email not in body and appeal.contact_phone not in body
        assert "+7 777 000 11 22" not in body and "8 705 111 22 33" not in body and "8 701 234 56 78" not in body

    before = _counts()
    with acting_as(None):
        events_demo.load(stdout=out)
        demo.load(stdout=out)
    assert _counts() == before
