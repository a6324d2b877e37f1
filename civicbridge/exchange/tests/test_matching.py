"""Partner matching: ranking on a crafted set, the reasons in plain words, never self or inactive organisations or
organisations with nothing in common, track-record effects, and a fixed number of queries as candidates grow."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.exchange.choices import ListingKind
from civicbridge.exchange.matching import WEIGHTS, stems, suggest_partners
from civicbridge.exchange.models import Partnership
from civicbridge.grants.choices import ApplicationStatus
from civicbridge.grants.models import Application, ApplicationPartner
from civicbridge.grants.tests.factories import ApplicationFactory
from civicbridge.registry.choices import OrganisationStatus
from civicbridge.registry.tests.factories import (
    OrganisationFactory,
    RegionFactory,
    RussianOrganisationFactory,
    ThemeFactory,
)

from .factories import AdoptionFactory, ListingFactory, PracticeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def listing(org, kind, title, themes, **kw):
    item = ListingFactory(organisation=org, kind=kind, title_ru=title, title=title, description_ru="", **kw)
    item.themes.set(themes)
    return item


@pytest.fixture
def inclusion():
    return ThemeFactory(code="inclusion", name_ru="Инклюзия")


@pytest.fixture
def ecology():
    return ThemeFactory(code="ecology", name_ru="Экология")


@pytest.fixture
def me(inclusion):
    org = OrganisationFactory(name_ru="ОФ «Мы»", region=RegionFactory())
    org.themes.set([inclusion])
    listing(org, ListingKind.NEED, "Методика инклюзивных летних лагерей", [inclusion])
    return org


def names(suggestions) -> list[str]:
    return [s.organisation.name_ru for s in suggestions]


class TestStems:
    def test_russian_morphology_and_yo(self):
        assert stems("Волонтёров") == stems("волонтеры")
        assert stems("инклюзивных лагерей") & stems("инклюзивный лагерь") == stems("инклюзивный лагерь")

    def test_stop_words_and_short_words_are_dropped(self):
        assert stems("для нас и по") == frozenset()


class TestRanking:
    def test_crafted_set_in_order(self, me, inclusion, ecology):
        offer_org = RussianOrganisationFactory(name_ru="АНО «Лагеря»")
        offer_org.themes.set([inclusion])
        listing(offer_org, ListingKind.OFFER, "Методика инклюзивных лагерей", [inclusion])
        neighbour = OrganisationFactory(name_ru="ОФ «Соседи»", region=me.region)
        neighbour.themes.set([inclusion])
        stranger = RussianOrganisationFactory(name_ru="АНО «Чужие»")
        stranger.themes.set([ecology])
        listing(stranger, ListingKind.OFFER, "Уборка берегов", [ecology])

        result = suggest_partners(organisation=me)

        assert names(result) == ["АНО «Лагеря»", "ОФ «Соседи»"]
        assert result[0].score > result[1].score
        assert all(0 <= s.score <= 100 for s in result)
        assert [item.organisation_id for item in result[0].listings] == [offer_org.pk]

    def test_reasons_in_plain_words(self, me, inclusion):
        other = RussianOrganisationFactory(name_ru="АНО «Лагеря»")
        other.themes.set([inclusion])
        listing(other, ListingKind.OFFER, "Методика инклюзивных лагерей", [inclusion])

        (suggestion,) = suggest_partners(organisation=me)

        assert suggestion.reasons[0] == "Offers “Методика инклюзивных лагерей”, which you need"
        assert "Both organisations work on the theme “Inclusion”" in suggestion.reasons
        assert "Works in Russian" in suggestion.reasons
        assert any("ready to work across borders" in reason for reason in suggestion.reasons)

    def test_reasons_in_russian_quote_in_russian(self, me, inclusion):
        other = RussianOrganisationFactory()
        other.themes.set([inclusion])
        listing(other, ListingKind.OFFER, "Методика инклюзивных лагерей", [inclusion])
        with translation.override("ru"):
            (suggestion,) = suggest_partners(organisation=me)
        assert "Обе организации работают по теме «Инклюзия»" in suggestion.reasons

    def test_their_need_answers_my_offer(self, inclusion):
        org = OrganisationFactory()
        listing(org, ListingKind.OFFER, "Обучение вожатых инклюзии", [inclusion])
        other = OrganisationFactory()
        listing(other, ListingKind.NEED, "Нужно обучение вожатых", [inclusion])
        (suggestion,) = suggest_partners(organisation=org)
        assert suggestion.reasons[0] == "Needs “Нужно обучение вожатых”, which you offer"

    def test_same_kind_is_not_complementary(self, me, inclusion):
        other = RussianOrganisationFactory()
        listing(other, ListingKind.NEED, "Методика инклюзивных летних лагерей", [inclusion])
        assert suggest_partners(organisation=me) == []

    def test_cross_border_needs_both_ready(self, me, inclusion):
        ready = RussianOrganisationFactory(name_ru="АНО «Готовы»")
        listing(ready, ListingKind.OFFER, "Методика инклюзивных лагерей", [inclusion], cross_border=True)
        home = RussianOrganisationFactory(name_ru="АНО «Дома»")
        listing(home, ListingKind.OFFER, "Методика инклюзивных лагерей", [inclusion], cross_border=False)
        result = suggest_partners(organisation=me)
        assert names(result) == ["АНО «Готовы»", "АНО «Дома»"]
        assert result[0].score - result[1].score == pytest.approx(WEIGHTS["place"] + WEIGHTS["cross_border"])

    def test_for_one_listing_only(self, me, inclusion, ecology):
        clean_up = me.listings.create(
            kind=ListingKind.NEED, title="Волонтёры для уборки", title_ru="Волонтёры для уборки"
        )
        clean_up.themes.set([ecology])
        camps = RussianOrganisationFactory(name_ru="АНО «Лагеря»")
        listing(camps, ListingKind.OFFER, "Методика инклюзивных лагерей", [inclusion])
        cleaners = RussianOrganisationFactory(name_ru="АНО «Уборка»")
        listing(cleaners, ListingKind.OFFER, "Волонтёры на уборку берегов", [ecology])
        assert set(names(suggest_partners(organisation=me))) == {"АНО «Лагеря»", "АНО «Уборка»"}
        assert names(suggest_partners(organisation=me, listing=clean_up)) == ["АНО «Уборка»"]

    def test_someone_elses_listing_is_refused(self, me):
        with pytest.raises(ValidationError):
            suggest_partners(organisation=me, listing=ListingFactory())

    def test_limit(self, me, inclusion):
        for n in range(5):
            listing(RussianOrganisationFactory(), ListingKind.OFFER, f"Лагерь {n}", [inclusion])
        assert len(suggest_partners(organisation=me, limit=3)) == 3


class TestNever:
    def test_never_self(self, me, inclusion):
        listing(me, ListingKind.OFFER, "Методика инклюзивных летних лагерей", [inclusion])
        assert me.pk not in [s.organisation.pk for s in suggest_partners(organisation=me)]

    @pytest.mark.parametrize("status", [OrganisationStatus.LIQUIDATED, OrganisationStatus.SUSPENDED])
    def test_never_inactive(self, me, inclusion, status):
        closed = RussianOrganisationFactory(status=status)
        listing(closed, ListingKind.OFFER, "Методика инклюзивных лагерей", [inclusion])
        assert suggest_partners(organisation=me) == []

    def test_never_closed_or_expired_listings(self, me, inclusion):
        from datetime import date, timedelta

        other = RussianOrganisationFactory()
        listing(other, ListingKind.OFFER, "Методика инклюзивных лагерей", [inclusion], status="closed")
        old = RussianOrganisationFactory()
        listing(old, ListingKind.OFFER, "Методика", [inclusion], expires_on=date.today() - timedelta(days=1))
        assert suggest_partners(organisation=me) == []

    def test_nothing_in_common_is_not_suggested(self, me):
        # Same region and language, but no complementary listing, no shared theme, no track record.
        OrganisationFactory(region=me.region)
        assert suggest_partners(organisation=me) == []


class TestTrackRecord:
    def test_adoption_of_my_practice_makes_a_candidate_and_a_reason(self, me):
        practice = PracticeFactory(organisation=me, title_ru="Инклюзивный лагерь", title="Инклюзивный лагерь")
        adopter = OrganisationFactory(name_ru="ОФ «Последователи»")
        AdoptionFactory(practice=practice, organisation=adopter)
        (suggestion,) = suggest_partners(organisation=me)
        assert suggestion.organisation == adopter
        assert "Adopted your practice “Инклюзивный лагерь”" in suggestion.reasons

    def test_adopting_their_practice(self, me):
        author = OrganisationFactory()
        AdoptionFactory(practice=PracticeFactory(organisation=author, title="Х", title_ru="Х"), organisation=me)
        (suggestion,) = suggest_partners(organisation=me)
        assert suggestion.reasons == ["You adopted its practice “Х”", "Works in your country"]

    def test_joint_grant_applications_count(self, me):
        partner = OrganisationFactory()
        application = ApplicationFactory(organisation=me, parts=False)
        Application.objects.filter(pk=application.pk).update(  # set-up: a submitted application, skipping its workflow
            status=ApplicationStatus.SUBMITTED, receipt_number="R-1", submitted_at=timezone.now()
        )
        ApplicationPartner.objects.create(application=application, organisation=partner)
        draft = ApplicationFactory(organisation=me, parts=False)
        ApplicationPartner.objects.create(application=draft, organisation=OrganisationFactory())
        (suggestion,) = suggest_partners(organisation=me)
        assert suggestion.organisation == partner
        assert "Applied for a grant together with you (1 application)" in suggestion.reasons

    def test_past_partner_scores_lower_and_says_so(self, me, inclusion):
        new = RussianOrganisationFactory(name_ru="АНО «Новые»")
        known = RussianOrganisationFactory(name_ru="АНО «Старые»")
        for org in (new, known):
            listing(org, ListingKind.OFFER, "Методика инклюзивных лагерей", [inclusion])
        partnership = Partnership.objects.create(title="Меморандум", signed_on="2024-01-01")
        partnership.parties.set([me, known])
        result = suggest_partners(organisation=me)
        assert names(result) == ["АНО «Новые»", "АНО «Старые»"]
        assert result[1].already_partners and "You already work together" in result[1].reasons
        assert result[0].score - result[1].score == pytest.approx(10.0)


def editor(org):
    user = UserFactory()
    MembershipFactory(user=user, role=Role.REPRESENTATIVE, organisation=org)
    return user


def _crowd(n, inclusion):
    for _ in range(n):
        other = RussianOrganisationFactory()
        other.themes.set([inclusion])
        listing(other, ListingKind.OFFER, "Методика инклюзивных лагерей", [inclusion])


class TestQueries:
    @pytest.mark.parametrize("crowd", [2, 12])
    def test_suggestions_take_a_fixed_number_of_queries(self, me, inclusion, crowd, django_assert_max_num_queries):
        _crowd(crowd, inclusion)
        with django_assert_max_num_queries(16):
            assert len(suggest_partners(organisation=me, limit=20)) == crowd

    @pytest.mark.parametrize("crowd", [2, 12])
    def test_page(self, client, me, inclusion, crowd, django_assert_max_num_queries):
        _crowd(crowd, inclusion)
        client.force_login(editor(me))
        with django_assert_max_num_queries(25):
            response = client.get(reverse("exchange:partners", args=[me.pk]))
        assert response.status_code == 200
        assert len(response.context["suggestions"]) == crowd
        assert "Propose to work together" in response.content.decode()

    @pytest.mark.parametrize("crowd", [2, 12])
    def test_endpoint(self, me, inclusion, crowd, django_assert_max_num_queries):
        _crowd(crowd, inclusion)
        api = APIClient()
        api.force_authenticate(editor(me))
        with django_assert_max_num_queries(20):
            response = api.get("/api/v1/partner-suggestions/", {"organisation": me.pk, "limit": 50})
        assert response.status_code == 200, response.content
        assert len(response.json()) == crowd
        assert response.json()[0]["reasons"]


class TestPermissions:
    def test_page_only_for_editors(self, client, me, citizen):
        url = reverse("exchange:partners", args=[me.pk])
        assert client.get(url).status_code == 302  # to sign in
        client.force_login(citizen)
        assert client.get(url).status_code == 403
        client.force_login(editor(me))
        assert client.get(url).status_code == 200

    def test_endpoint_only_for_editors(self, me, citizen):
        api = APIClient()
        assert api.get("/api/v1/partner-suggestions/", {"organisation": me.pk}).status_code == 401
        api.force_authenticate(citizen)
        assert api.get("/api/v1/partner-suggestions/", {"organisation": me.pk}).status_code == 403
        assert api.get("/api/v1/partner-suggestions/", {"organisation": "x"}).status_code == 400
        api.force_authenticate(editor(me))
        other = ListingFactory()
        response = api.get("/api/v1/partner-suggestions/", {"organisation": me.pk, "listing": other.pk})
        assert response.status_code == 404
