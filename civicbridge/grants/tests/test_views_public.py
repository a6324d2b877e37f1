"""Public pages of state support: the calls list (filters, order, pages, query counts), a call's page (times in the
viewer's zone, countdown, bands, terms, eligibility, rubric, documents, the Apply button), a programme's page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.grants import models as m
from civicbridge.grants.choices import CallStatus, Instrument, Level
from civicbridge.registry.tests.factories import CountryFactory, ThemeFactory

from .factories import CallFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("grants:call-list")


def listed(response) -> list[str]:
    return [call.code for call in response.context["page_obj"].object_list]


class TestCallList:
    def test_open_first_then_upcoming_then_closed_and_no_drafts_or_cancelled(self, client):
        now = timezone.now()
        CallFactory(code="closed", opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=1))
        CallFactory(code="open-late", closes_at=now + timedelta(days=30))
        CallFactory(code="open-soon", closes_at=now + timedelta(days=2))
        CallFactory(code="upcoming", opens_at=now + timedelta(days=3), closes_at=now + timedelta(days=40))
        CallFactory(code="draft", status=CallStatus.DRAFT)
        CallFactory(code="cancelled", status=CallStatus.CANCELLED)
        response = client.get(LIST_URL)
        assert response.status_code == 200
        assert listed(response) == ["open-soon", "open-late", "upcoming", "closed"]
        body = response.content.decode()
        assert "draft" not in listed(response) and "Конкурс" in body

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"phase": "open"}, {"open"}),
            ({"phase": "upcoming"}, {"upcoming"}),
            ({"phase": "closed"}, {"closed"}),
            ({"instrument": "social_order"}, {"upcoming"}),
            ({"level": "cross_border"}, {"closed"}),
            ({"q": "инклюзия"}, {"open"}),
            ({"theme": "ecology"}, {"open"}),
            ({"country": "RU"}, {"upcoming", "closed"}),
            ({"country": "KZ"}, {"open", "upcoming", "closed"}),
        ],
    )
    def test_filters(self, client, query, expected):
        now = timezone.now()
        open_call = CallFactory(code="open", name_ru="Инклюзия и доступная среда")
        open_call.themes.add(ThemeFactory(code="ecology"))
        open_call.eligible_countries.add(CountryFactory())  # Kazakhstan only
        CountryFactory(code="RU", name_ru="Россия", name="Россия")
        CallFactory(
            code="upcoming",
            programme=ProgrammeFactory(instrument=Instrument.SOCIAL_ORDER),
            opens_at=now + timedelta(days=3),
            closes_at=now + timedelta(days=40),
        )
        CallFactory(
            code="closed",
            programme=ProgrammeFactory(level=Level.CROSS_BORDER),
            opens_at=now - timedelta(days=60),
            closes_at=now - timedelta(days=1),
        )
        assert set(listed(client.get(LIST_URL, query))) == expected

    def test_shows_budget_band_range_and_countdown(self, client):
        with freeze_time("2026-12-01 06:00:00"):
            CallFactory(
                code="kz-1",
                opens_at=timezone.now() - timedelta(days=1),
                closes_at=timezone.now() + timedelta(days=3, hours=2),
            )
            body = client.get(LIST_URL).content.decode()
        assert "3\xa0days, 2\xa0hours" in body or "3 days, 2 hours" in body or "3\xa0дня" in body
        assert "50\xa0000\xa0000" in body or "50 000 000" in body or "50,000,000" in body

    def test_pages_of_twenty_with_constant_queries(self, client, django_assert_max_num_queries):
        for i in range(23):
            CallFactory(code=f"c-{i:02d}", setup=False)
        with django_assert_max_num_queries(8):
            first = client.get(LIST_URL)
        with django_assert_max_num_queries(8):
            second = client.get(LIST_URL, {"page": 2})
        assert len(listed(first)) == 20 and len(listed(second)) == 3
        assert 'rel="next"' in first.content.decode()


class TestCallDetail:
    def test_times_are_shown_in_the_viewers_zone(self, client):
        closes = datetime(2026, 12, 20, 13, 0, tzinfo=UTC)  # 18:00 in Almaty, 16:00 in Moscow
        with freeze_time("2026-12-01 06:00:00"):
            call = CallFactory(code="kz-2027-1", opens_at=datetime(2026, 11, 30, tzinfo=UTC), closes_at=closes)
            anonymous = client.get(call.get_absolute_url()).content.decode()
            moscow = UserFactory(time_zone="Europe/Moscow")
            client.force_login(moscow)
            in_moscow = client.get(call.get_absolute_url()).content.decode()
        assert "18:00" in anonymous and "Asia/Almaty" in anonymous
        assert "16:00" in in_moscow and "Europe/Moscow" in in_moscow
        assert "2026-12-20T16:00:00+03:00" in in_moscow

    def test_countdown_bands_terms_eligibility_rubric_documents(self, client):
        call = CallFactory(code="kz-2027-1")
        m.RequiredDocument.objects.create(call=call, code="charter", name_ru="Устав", name="Устав")
        m.Call.objects.filter(pk=call.pk).update(min_age_months=12, max_active_grants=2)
        body = client.get(call.get_absolute_url()).content.decode()
        for text in ("Малые", "Крупные", "Краткосрочный", "Актуальность", "Устав", 'id="eligibility"', 'id="rubric"'):
            assert text in body
        assert response_context_phase(client, call) == "open"

    def test_apply_button_for_editors_only_while_open(self, client, representative):
        call = CallFactory(code="kz-2027-1")
        anonymous = client.get(call.get_absolute_url())
        assert not anonymous.context["can_apply"] and anonymous.context["sign_in_to_apply"]
        client.force_login(representative)
        assert client.get(call.get_absolute_url()).context["can_apply"]
        with freeze_time(call.closes_at):
            assert not client.get(call.get_absolute_url()).context["can_apply"]

    def test_a_citizen_sees_no_apply_button(self, client, citizen):
        call = CallFactory()
        client.force_login(citizen)
        assert not client.get(call.get_absolute_url()).context["can_apply"]

    def test_a_draft_is_visible_to_its_runners_only(self, client, citizen):
        call = CallFactory(status=CallStatus.DRAFT)
        assert client.get(call.get_absolute_url()).status_code == 404
        client.force_login(citizen)
        assert client.get(call.get_absolute_url()).status_code == 404
        runner = UserFactory()
        MembershipFactory(user=runner, role=Role.OPERATOR, organisation=call.programme.funder)
        client.force_login(runner)
        response = client.get(call.get_absolute_url())
        assert response.status_code == 200 and response.context["runs"]

    def test_a_cancelled_call_keeps_its_page_with_a_warning(self, client):
        call = CallFactory(status=CallStatus.CANCELLED)
        response = client.get(call.get_absolute_url())
        assert response.status_code == 200 and not response.context["can_apply"]

    def test_unknown_code_is_404(self, client):
        assert client.get(reverse("grants:call-detail", args=["nope"])).status_code == 404

    def test_constant_queries(self, client, django_assert_max_num_queries):
        call = CallFactory()
        with django_assert_max_num_queries(14):
            client.get(call.get_absolute_url())


def response_context_phase(client, call):
    return client.get(call.get_absolute_url()).context["phase"]


class TestProgrammeDetail:
    def test_shows_the_programme_and_its_public_calls(self, client, django_assert_max_num_queries):
        programme = ProgrammeFactory(budget=Decimal("900000000"))
        CallFactory(programme=programme, code="public")
        CallFactory(programme=programme, code="hidden", status=CallStatus.DRAFT)
        with django_assert_max_num_queries(8):
            response = client.get(programme.get_absolute_url())
        assert [c.code for c in response.context["page_obj"].object_list] == ["public"]
        assert programme.name in response.content.decode()

    def test_runners_see_drafts_and_the_add_call_link(self, client):
        programme = ProgrammeFactory()
        CallFactory(programme=programme, code="hidden", status=CallStatus.DRAFT)
        runner = UserFactory()
        MembershipFactory(user=runner, role=Role.OFFICIAL, organisation=programme.funder)
        client.force_login(runner)
        response = client.get(programme.get_absolute_url())
        assert response.context["can_add_call"]
        assert [c.code for c in response.context["page_obj"].object_list] == ["hidden"]

    def test_unknown_programme_is_404(self, client):
        assert client.get(reverse("grants:programme-detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_call_page_in_each_language_names_its_submission_languages(client, language):
    call = CallFactory(submission_languages=["kk"])
    client.cookies["django_language"] = language
    response = client.get(call.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    names = response.context["submission_language_names"]
    assert len(names) == 1 and f">{names[0]}</dd>" in response.content.decode()
