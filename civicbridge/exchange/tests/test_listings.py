"""Needs and offers: the services' rules and bad input, the open/closed workflow table, the public list with its
filters and fixed query counts, the pages and the API with their permissions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.exchange.choices import ListingKind, ListingStatus
from civicbridge.exchange.models import Listing
from civicbridge.exchange.selectors.partners import public_listings
from civicbridge.exchange.services.listings import listing_close, listing_create, listing_reopen, listing_update
from civicbridge.registry.choices import OrganisationStatus
from civicbridge.registry.models import Country, Region
from civicbridge.registry.tests.factories import OrganisationFactory, ThemeFactory

from .factories import ListingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
TEXT = {"title_ru": "Ищем наставника по фандрайзингу", "description_ru": "Для сельского инклюзивного проекта."}


def editor(org):
    user = UserFactory()
    MembershipFactory(user=user, role=Role.REPRESENTATIVE, organisation=org)
    return user


def create(actor, org, **kw):
    return listing_create(actor=actor, organisation=org, **{"kind": ListingKind.NEED, "fields": TEXT, **kw})


class TestCreate:
    def test_creates_with_everything(self, org, representative):
        theme = ThemeFactory(code="fundraising")
        kz = Country.objects.get(code="KZ")
        region = Region.objects.filter(country=kz).first()
        listing = create(
            representative,
            org,
            themes=[theme],
            countries=[kz],
            regions=[region],
            languages=["ru", "KK", "uz", "ru"],
            cross_border=False,
            expires_on=date.today() + timedelta(days=30),
        )
        assert listing.status == ListingStatus.OPEN and listing.title == TEXT["title_ru"]
        assert listing.languages == ["ru", "kk", "uz"]
        assert list(listing.themes.all()) == [theme] and list(listing.regions.all()) == [region]
        assert listing.created_by == representative

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"kind": "swap"}, "kind"),
            ({"fields": {"title_ru": "  "}}, "title_ru"),
            ({"fields": {"title_en": "Only English"}}, "title_ru"),
            ({"fields": {"title_ru": "x" * 301}}, "title_ru"),
            ({"languages": ["xx", "russian"]}, "languages"),
            ({"expires_on": date.today() - timedelta(days=1)}, "expires_on"),
            ({"original_language": "de"}, "original_language"),
        ],
    )
    def test_bad_input(self, org, representative, kwargs, field):
        with pytest.raises(ValidationError) as exc:
            create(representative, org, **kwargs)
        assert field in exc.value.message_dict
        assert not Listing.objects.exists()

    def test_region_outside_the_countries(self, org, representative):
        ru_region = Region.objects.filter(country_id="RU").first()
        with pytest.raises(ValidationError) as exc:
            create(representative, org, countries=[Country.objects.get(code="KZ")], regions=[ru_region])
        assert "regions" in exc.value.message_dict

    def test_region_without_countries_is_fine(self, org, representative):
        assert create(representative, org, regions=[Region.objects.filter(country_id="RU").first()]).pk

    def test_title_in_the_original_language(self, org, representative):
        listing = create(representative, org, original_language="en", fields={"title_en": "Mentor wanted"})
        assert listing.title == "Mentor wanted"

    def test_inactive_organisation(self, representative, org):
        org.status = OrganisationStatus.LIQUIDATED
        org.save()
        with pytest.raises(ValidationError):
            create(representative, org)

    def test_only_editors(self, org, citizen, moderator):
        for user in (citizen, moderator, editor(OrganisationFactory())):
            with pytest.raises(PermissionDenied):
                create(user, org)

    def test_unknown_field_is_a_programming_error(self, org, representative):
        with pytest.raises(TypeError):
            create(representative, org, fields={"status": "closed"})


class TestUpdate:
    def test_changes_only_what_is_passed(self, org, representative):
        listing = create(representative, org, languages=["ru"])
        listing_update(actor=representative, listing=listing, fields={"title_kk": "Тәлімгер керек"}, cross_border=False)
        listing.refresh_from_db()
        assert (listing.title_kk, listing.cross_border, listing.languages) == ("Тәлімгер керек", False, ["ru"])

    def test_past_expiry_kept_but_not_set(self, org, representative):
        listing = create(representative, org)
        Listing.objects.filter(pk=listing.pk).update(expires_on=date.today() - timedelta(days=3))
        listing.refresh_from_db()
        listing_update(actor=representative, listing=listing, fields={"title_ru": "Новое"})  # unchanged date: fine
        with pytest.raises(ValidationError):
            listing_update(actor=representative, listing=listing, expires_on=date.today() - timedelta(days=1))

    def test_regions_checked_against_the_stored_countries(self, org, representative):
        listing = create(representative, org, countries=[Country.objects.get(code="KZ")])
        with pytest.raises(ValidationError):
            listing_update(actor=representative, listing=listing, regions=[Region.objects.filter(country_id="RU")[0]])

    def test_other_organisations_editor_refused(self, org, representative):
        listing = create(representative, org)
        with pytest.raises(PermissionDenied):
            listing_update(actor=editor(OrganisationFactory()), listing=listing, fields={"title_ru": "Чужое"})


# Every (state, action) pair: the table allows exactly open→close and closed→reopen.
WORKFLOW = [
    (ListingStatus.OPEN, "close", ListingStatus.CLOSED),
    (ListingStatus.OPEN, "reopen", None),
    (ListingStatus.CLOSED, "close", None),
    (ListingStatus.CLOSED, "reopen", ListingStatus.OPEN),
]


class TestWorkflow:
    @pytest.mark.parametrize(("state", "action", "target"), WORKFLOW)
    def test_table(self, org, representative, state, action, target):
        listing = ListingFactory(organisation=org, status=state)
        service = {"close": listing_close, "reopen": listing_reopen}[action]
        if target is None:
            with pytest.raises(ValidationError):
                service(actor=representative, listing=listing)
            listing.refresh_from_db()
            assert listing.status == state
        else:
            service(actor=representative, listing=listing)
            listing.refresh_from_db()
            assert listing.status == target

    @pytest.mark.parametrize("who", ["citizen", "other_editor", "moderator", "admin_user"])
    def test_who_may_close(self, org, who, request):
        user = editor(OrganisationFactory()) if who == "other_editor" else request.getfixturevalue(who)
        listing = ListingFactory(organisation=org)
        if who in ("moderator", "admin_user"):
            listing_close(actor=user, listing=listing)
        else:
            with pytest.raises(PermissionDenied):
                listing_close(actor=user, listing=listing)

    def test_expired_cannot_reopen(self, org, representative):
        listing = ListingFactory(
            organisation=org, status=ListingStatus.CLOSED, expires_on=date.today() - timedelta(days=1)
        )
        with pytest.raises(ValidationError) as exc:
            listing_reopen(actor=representative, listing=listing)
        assert "expires_on" in exc.value.message_dict


class TestPublicList:
    def test_open_and_current_only(self):
        shown = ListingFactory()
        ListingFactory(status=ListingStatus.CLOSED)
        ListingFactory(expires_on=date.today() - timedelta(days=1))
        assert list(public_listings()) == [shown]

    def test_filters(self):
        theme = ThemeFactory(code="ecology")
        kz, ru = Country.objects.get(code="KZ"), Country.objects.get(code="RU")
        region = Region.objects.filter(country=kz).first()
        offer = ListingFactory(kind=ListingKind.OFFER, languages=["en"], cross_border=False)
        offer.themes.set([theme])
        offer.countries.set([kz])
        offer.regions.set([region])
        need = ListingFactory(kind=ListingKind.NEED, languages=["ru", "kk"])
        need.countries.set([ru])
        anywhere = ListingFactory(kind=ListingKind.NEED, languages=["kk"])
        assert set(public_listings({"kind": "offer"})) == {offer}
        assert set(public_listings({"theme": "ecology"})) == {offer}
        assert set(public_listings({"country": "KZ"})) == {offer, anywhere}
        assert set(public_listings({"region": region.code})) == {offer, anywhere}
        assert set(public_listings({"language": "kk"})) == {need, anywhere}
        assert set(public_listings({"cross_border": False})) == {offer}

    @pytest.mark.parametrize("rows", [3, 25])
    def test_page_queries_fixed(self, client, rows, django_assert_max_num_queries):
        theme = ThemeFactory()
        for _ in range(rows):
            ListingFactory().themes.set([theme])
        with django_assert_max_num_queries(10):
            response = client.get(reverse("exchange:listing-list"), {"kind": "need", "theme": theme.code})
        assert response.status_code == 200
        assert len(response.context["page_obj"].object_list) == min(rows, 20)

    def test_bad_filters_do_not_break(self, client):
        response = client.get(reverse("exchange:listing-list"), {"kind": "nope", "theme": "unknown", "page": "x"})
        assert response.status_code == 200

    @pytest.mark.parametrize("rows", [3, 25])
    def test_api_list_queries_fixed(self, rows, django_assert_max_num_queries):
        for _ in range(rows):
            ListingFactory()
        with django_assert_max_num_queries(8):
            response = APIClient().get("/api/v1/exchange/listings/")
        assert response.status_code == 200
        assert response.json()["count"] == rows


class TestPages:
    def test_detail_public_closed_only_to_editors(self, client, org, representative):
        listing = ListingFactory(organisation=org, status=ListingStatus.CLOSED)
        assert client.get(listing.get_absolute_url()).status_code == 404
        client.force_login(representative)
        response = client.get(listing.get_absolute_url())
        assert response.status_code == 200 and "Open again" in response.content.decode()

    def test_detail_offers_a_proposal_to_other_editors(self, client):
        listing = ListingFactory()
        client.force_login(editor(OrganisationFactory()))
        assert "Propose to work together" in client.get(listing.get_absolute_url()).content.decode()

    def test_create_page(self, client, org, representative):
        client.force_login(representative)
        url = reverse("exchange:listing-create")
        assert client.get(url).status_code == 200
        data = {
            "organisation": org.pk,
            "kind": "offer",
            "original_language": "ru",
            "title_ru": "Методика инклюзивных лагерей",
            "languages": ["ru"],
            "other_languages": "uz",
            "cross_border": "on",
        }
        response = client.post(url, data)
        listing = Listing.objects.get()
        assert response.status_code == 302 and response.url == listing.get_absolute_url()
        assert listing.languages == ["ru", "uz"] and listing.kind == "offer"

    def test_create_page_shows_errors(self, client, org, representative):
        client.force_login(representative)
        data = {"organisation": org.pk, "kind": "offer", "original_language": "ru", "other_languages": "zz"}
        response = client.post(reverse("exchange:listing-create"), data)
        assert response.status_code == 200 and response.context["form"].errors
        assert "govuk-error-summary" in response.content.decode()
        assert not Listing.objects.exists()

    def test_edit_and_close_pages(self, client, org, representative, citizen):
        listing = ListingFactory(organisation=org)
        edit = reverse("exchange:listing-edit", args=[listing.pk])
        client.force_login(citizen)
        assert client.get(edit).status_code == 403
        assert client.post(reverse("exchange:listing-action", args=[listing.pk, "close"])).status_code == 403
        listing.refresh_from_db()
        assert listing.status == ListingStatus.OPEN
        client.force_login(representative)
        assert client.get(edit).status_code == 200
        response = client.post(edit, {"kind": "need", "original_language": "ru", "title_ru": "Новое название"})
        assert response.status_code == 302
        client.post(reverse("exchange:listing-action", args=[listing.pk, "close"]))
        listing.refresh_from_db()
        assert (listing.title_ru, listing.status) == ("Новое название", ListingStatus.CLOSED)


class TestApi:
    def test_create_change_close(self, org, representative):
        api = APIClient()
        api.force_authenticate(representative)
        body = {"organisation": org.pk, "kind": "need", "title_ru": "Нужен юрист", "themes": [], "languages": ["ru"]}
        response = api.post("/api/v1/exchange/listings/", body, format="json")
        assert response.status_code == 201, response.content
        pk = response.json()["id"]
        response = api.patch(f"/api/v1/exchange/listings/{pk}/", {"title_kk": "Заңгер керек"}, format="json")
        assert response.status_code == 200 and response.json()["title_kk"] == "Заңгер керек"
        assert api.post(f"/api/v1/exchange/listings/{pk}/close/").json()["status"] == "closed"
        assert api.post(f"/api/v1/exchange/listings/{pk}/close/").status_code == 400

    def test_refusals(self, org, citizen):
        api = APIClient()
        body = {"organisation": org.pk, "kind": "need", "title_ru": "Нужен юрист"}
        assert api.post("/api/v1/exchange/listings/", body, format="json").status_code == 401
        api.force_authenticate(citizen)
        assert api.post("/api/v1/exchange/listings/", body, format="json").status_code == 403
        listing = ListingFactory(organisation=org)
        assert (
            api.patch(f"/api/v1/exchange/listings/{listing.pk}/", {"title_ru": "x"}, format="json").status_code == 403
        )
        assert api.post(f"/api/v1/exchange/listings/{listing.pk}/close/").status_code == 403
        api.force_authenticate(editor(org))
        response = api.post("/api/v1/exchange/listings/", {**body, "languages": ["zz"]}, format="json")
        assert response.status_code == 400 and "languages" in response.json()["errors"]
