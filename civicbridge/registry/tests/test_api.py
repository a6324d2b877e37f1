"""The registry's REST API: permissions, validation, search and filters, languages, contract, query counts."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone, translation
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core.models import AuditEntry
from civicbridge.registry.models import (
    Country,
    LegalForm,
    NetworkMembership,
    Organisation,
    Person,
    Position,
    Region,
    Theme,
    Unit,
)
from civicbridge.registry.tests.factories import (
    CountryFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    RegionFactory,
    RussianOrganisationFactory,
    ThemeFactory,
    UnitFactory,
    make_bin,
    make_inn,
    make_ogrn,
)

API = "/api/v1"
SCHEMA_FILE = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.yaml"


def client_for(user=None, language: str | None = None) -> APIClient:
    """An API client that signs requests with the user's token (or an anonymous one)."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    if language:
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


@pytest.fixture
def anon() -> APIClient:
    return client_for()


def kz() -> Country:
    return CountryFactory(code="KZ", name_ru="Казахстан", name="Казахстан")


def ru() -> Country:
    return CountryFactory(code="RU", name_ru="Россия", name="Россия")


def legal_form(code: str, country: Country, name_ru: str) -> LegalForm:
    form, _ = LegalForm.objects.get_or_create(
        code=code, defaults={"country": country, "name_ru": name_ru, "name": name_ru}
    )
    return form


@pytest.fixture
def alliance(db) -> Organisation:
    """«Гражданский альянс Казахстана» (ГАК), a network with a theme, a legal form and a region."""
    org = NetworkFactory(
        name_ru="Объединение юридических лиц «Гражданский альянс Казахстана»",
        name_en="Civil Alliance of Kazakhstan",
        short_name="ГАК",
        region=RegionFactory(code="KZ-71", name_ru="Астана", name="Астана", country=kz()),
        legal_form=legal_form("kz-ale", kz(), "объединение юридических лиц"),
        description_ru="Объединяет некоммерческие организации страны.",
    )
    org.themes.add(ThemeFactory(code="inclusion", name_ru="Инклюзия", name_en="Inclusion"))
    return org


# --- reading -----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestRead:
    def test_anonymous_reads_every_list_and_detail(self, anon, alliance):
        person = PositionFactory(organisation=alliance).person
        unit = UnitFactory(organisation=alliance)
        link = NetworkMembershipFactory(network=alliance)
        for url in (
            f"{API}/organisations/{alliance.pk}/",
            f"{API}/units/{unit.pk}/",
            f"{API}/people/{person.pk}/",
            f"{API}/positions/{person.positions.get().pk}/",
            f"{API}/network-memberships/{link.pk}/",
            f"{API}/themes/inclusion/",
            f"{API}/regions/KZ-71/",
            f"{API}/countries/KZ/",
            f"{API}/legal-forms/kz-ale/",
        ):
            assert anon.get(url).status_code == 200, url
        for name in (
            "organisations",
            "units",
            "people",
            "positions",
            "network-memberships",
            "themes",
            "regions",
            "countries",
            "legal-forms",
        ):
            assert anon.get(f"{API}/{name}/").status_code == 200, name

    def test_organisation_fields_by_code(self, anon, alliance):
        data = anon.get(f"{API}/organisations/{alliance.pk}/").json()
        assert data["name"] == data["name_ru"] == "Объединение юридических лиц «Гражданский альянс Казахстана»"
        assert data["name_en"] == "Civil Alliance of Kazakhstan"
        assert data["name_kk"] is None
        assert (data["country"], data["region"], data["legal_form"], data["themes"]) == (
            "KZ",
            "KZ-71",
            "kz-ale",
            ["inclusion"],
        )
        assert data["short_name"] == "ГАК"
        assert data["kind"] == "network"

    def test_detail_has_units_current_posts_members_and_networks(self, anon, alliance):
        ministry = UnitFactory(organisation=alliance, name_ru="Правление")
        UnitFactory(organisation=alliance, parent=ministry, name_ru="Комиссия")
        PositionFactory(
            organisation=alliance, title_ru="президент", person=PersonFactory(full_name_ru="Бану Нургазиева")
        )
        PositionFactory(organisation=alliance, title_ru="бывший", end_date=datetime.date(2020, 1, 1))
        member = OrganisationFactory(name_ru="Фонд «Член»")
        NetworkMembershipFactory(network=alliance, member=member, joined_on=datetime.date(2021, 3, 1))
        NetworkMembershipFactory(network=alliance, left_on=datetime.date(2022, 1, 1))
        data = anon.get(f"{API}/organisations/{alliance.pk}/").json()
        assert [u["name"] for u in data["units"]] == ["Комиссия", "Правление"]
        assert [(p["person_name"], p["title"]) for p in data["current_positions"]] == [("Бану Нургазиева", "президент")]
        assert [m["member_name"] for m in data["current_members"]] == ["Фонд «Член»"]
        member_data = anon.get(f"{API}/organisations/{member.pk}/").json()
        assert [n["network"] for n in member_data["networks"]] == [alliance.pk]

    def test_name_in_the_request_language_with_fallback(self, alliance):
        assert client_for(language="en").get(f"{API}/organisations/{alliance.pk}/").json()["name"] == (
            "Civil Alliance of Kazakhstan"
        )
        # No Kazakh name yet: the Russian one stands in.
        kk = client_for(language="kk").get(f"{API}/organisations/{alliance.pk}/").json()
        assert kk["name"] == alliance.name_ru
        assert kk["name_kk"] is None
        theme = client_for(language="en").get(f"{API}/themes/inclusion/").json()
        assert (theme["name"], theme["name_ru"]) == ("Inclusion", "Инклюзия")

    def test_missing_record_is_404_json(self, anon):
        response = anon.get(f"{API}/organisations/999999/")
        assert response.status_code == 404
        assert set(response.json()) == {"detail", "errors"}
        assert response.json()["errors"] == {}

    def test_delete_is_not_offered(self, org, moderator):
        response = client_for(moderator).delete(f"{API}/organisations/{org.pk}/")
        assert response.status_code == 405
        assert Organisation.objects.filter(pk=org.pk).exists()


# --- pagination, search and filters --------------------------------------------------------------------------------


@pytest.mark.django_db
class TestListing:
    def test_pagination_shape_and_page_size(self, anon):
        OrganisationFactory.create_batch(30)
        first = anon.get(f"{API}/organisations/").json()
        assert set(first) == {"count", "next", "previous", "results"}
        assert first["count"] == 30
        assert len(first["results"]) == settings.REST_FRAMEWORK["PAGE_SIZE"]
        assert first["previous"] is None and "page=2" in first["next"]
        second = anon.get(first["next"]).json()
        assert len(second["results"]) == 30 - settings.REST_FRAMEWORK["PAGE_SIZE"]
        assert second["next"] is None
        small = anon.get(f"{API}/organisations/", {"page_size": 7}).json()
        assert len(small["results"]) == 7
        capped = anon.get(f"{API}/organisations/", {"page_size": 1000}).json()
        assert len(capped["results"]) == 30  # at most 100 per page
        assert anon.get(f"{API}/organisations/", {"page": 99}).status_code == 404

    @pytest.mark.parametrize(
        "query", ["ГАК", "гак", "альянс", "АЛЬЯНС", "гражданский альянс", "казахстана объединение"]
    )
    def test_search_finds_the_alliance(self, anon, alliance, query):
        OrganisationFactory(name_ru="Общественный фонд «Степь»")
        names = [o["name_ru"] for o in anon.get(f"{API}/organisations/", {"q": query}).json()["results"]]
        assert names == [alliance.name_ru]

    @pytest.mark.parametrize("query", ["зелёная", "зеленая", "ЗЕЛЕНАЯ", "ЗЕЛЁНАЯ степь"])
    def test_search_treats_yo_as_ye_in_any_case(self, anon, query):
        green = OrganisationFactory(name_ru="Экологический фонд «Зелёная степь»")
        OrganisationFactory(name_ru="Фонд «Красная степь»")
        ids = [o["id"] for o in anon.get(f"{API}/organisations/", {"q": query}).json()["results"]]
        assert ids == [green.pk]

    def test_search_covers_description_and_other_languages(self, anon, alliance):
        assert anon.get(f"{API}/organisations/", {"q": "некоммерческие"}).json()["count"] == 1
        assert anon.get(f"{API}/organisations/", {"q": "civil alliance"}).json()["count"] == 1
        assert anon.get(f"{API}/organisations/", {"q": "несуществующее"}).json()["count"] == 0

    def test_facet_filters(self, anon, alliance):
        russian = RussianOrganisationFactory(
            region=RegionFactory(code="RU-MOW", country=ru(), name_ru="Москва", name="Москва"),
            legal_form=legal_form("ru-ano", ru(), "АНО"),
        )
        russian.themes.add(ThemeFactory(code="ecology", name_ru="Экология"))
        plain = OrganisationFactory()

        def ids(**params: Any) -> set[int]:
            response = anon.get(f"{API}/organisations/", params)
            assert response.status_code == 200, response.json()
            return {o["id"] for o in response.json()["results"]}

        assert ids(country="RU") == {russian.pk}
        assert ids(country="KZ") == {alliance.pk, plain.pk}
        assert ids(region="KZ-71") == {alliance.pk}
        assert ids(region="RU-MOW") == {russian.pk}
        assert ids(kind="network") == {alliance.pk}
        assert ids(kind="ngo") == {russian.pk, plain.pk}
        assert ids(theme="ecology") == {russian.pk}
        assert ids(theme="inclusion") == {alliance.pk}
        assert ids(legal_form="kz-ale") == {alliance.pk}
        assert ids(legal_form="ru-ano", q="содействие") == {russian.pk}

    def test_bad_filter_value_is_a_field_error(self, anon, alliance):
        response = anon.get(f"{API}/organisations/", {"kind": "spaceship", "theme": "no-such-theme"})
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"kind", "theme"}

    def test_units_filtered_by_organisation_and_parent(self, anon, org, other_org):
        top = UnitFactory(organisation=org)
        child = UnitFactory(organisation=org, parent=top)
        UnitFactory(organisation=other_org)
        assert {u["id"] for u in anon.get(f"{API}/units/", {"organisation": org.pk}).json()["results"]} == {
            top.pk,
            child.pk,
        }
        assert [u["id"] for u in anon.get(f"{API}/units/", {"parent": top.pk}).json()["results"]] == [child.pk]

    def test_people_search_and_organisation_filter(self, anon, org):
        PositionFactory(organisation=org, person=PersonFactory(full_name_ru="Бану Нургазиева"))
        PersonFactory(full_name_ru="Пётр Семёнов")
        assert [p["full_name"] for p in anon.get(f"{API}/people/", {"q": "НУРГАЗИЕВА"}).json()["results"]] == [
            "Бану Нургазиева"
        ]
        assert [p["full_name"] for p in anon.get(f"{API}/people/", {"q": "петр семенов"}).json()["results"]] == [
            "Пётр Семёнов"
        ]
        assert [p["full_name"] for p in anon.get(f"{API}/people/", {"organisation": org.pk}).json()["results"]] == [
            "Бану Нургазиева"
        ]

    def test_positions_filtered_by_person_organisation_and_current(self, anon, org, other_org):
        person = PersonFactory()
        now = PositionFactory(person=person, organisation=org)
        past = PositionFactory(
            person=person,
            organisation=other_org,
            start_date=datetime.date(2015, 1, 1),
            end_date=datetime.date(2019, 1, 1),
        )
        PositionFactory(organisation=org)

        def ids(**params: Any) -> set[int]:
            return {p["id"] for p in anon.get(f"{API}/positions/", params).json()["results"]}

        assert ids(person=person.pk) == {now.pk, past.pk}
        assert ids(person=person.pk, current="true") == {now.pk}
        assert ids(person=person.pk, current="false") == {past.pk}
        assert ids(organisation=other_org.pk) == {past.pk}
        data = anon.get(f"{API}/positions/{past.pk}/").json()
        assert data["is_current"] is False and data["organisation_name"] == other_org.name_ru

    def test_memberships_filtered_by_network_and_member(self, anon, alliance, org):
        link = NetworkMembershipFactory(network=alliance, member=org)
        NetworkMembershipFactory()
        assert [
            m["id"] for m in anon.get(f"{API}/network-memberships/", {"network": alliance.pk}).json()["results"]
        ] == [link.pk]
        assert [m["id"] for m in anon.get(f"{API}/network-memberships/", {"member": org.pk}).json()["results"]] == [
            link.pk
        ]

    def test_regions_and_legal_forms_by_country(self, anon, alliance):
        RegionFactory(code="RU-SPE", country=ru(), name_ru="Санкт-Петербург", name="Санкт-Петербург")
        legal_form("ru-fund", ru(), "фонд")
        regions = anon.get(f"{API}/regions/", {"country": "RU", "page_size": 100}).json()["results"]
        assert regions and {r["country"] for r in regions} == {"RU"}
        assert "RU-SPE" in {r["code"] for r in regions}
        forms = anon.get(f"{API}/legal-forms/", {"country": "kz", "page_size": 100}).json()["results"]
        assert forms and {f["country"] for f in forms} == {"KZ"}
        assert "kz-ale" in {f["code"] for f in forms}


# --- permissions ---------------------------------------------------------------------------------------------------


def _new_org_payload(**extra: Any) -> dict[str, Any]:
    kz()
    return {"name_ru": "Общественный фонд «Новый»", "country": "KZ", "bin": make_bin(), **extra}


@pytest.mark.django_db
class TestPermissions:
    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("anonymous", 401),
            ("citizen", 403),
            ("representative", 403),
            ("moderator", 201),
            ("operator", 201),
            ("admin_user", 201),
        ],
    )
    def test_create_organisation(self, request, who, status):
        user = None if who == "anonymous" else request.getfixturevalue(who)
        before = Organisation.objects.count()
        response = client_for(user).post(f"{API}/organisations/", _new_org_payload(), format="json")
        assert response.status_code == status, response.json()
        assert Organisation.objects.count() == before + (1 if status == 201 else 0)

    @pytest.mark.parametrize(
        ("who", "target", "status"),
        [
            ("anonymous", "org", 401),
            ("citizen", "org", 403),
            ("representative", "org", 200),
            ("representative", "other_org", 403),
            ("operator", "other_org", 403),  # an operator runs programmes; it does not edit profiles
            ("moderator", "org", 200),
            ("moderator", "other_org", 200),
            ("admin_user", "other_org", 200),
        ],
    )
    def test_patch_organisation(self, request, who, target, status):
        user = None if who == "anonymous" else request.getfixturevalue(who)
        organisation = request.getfixturevalue(target)
        response = client_for(user).patch(
            f"{API}/organisations/{organisation.pk}/", {"short_name": "НОВ"}, format="json"
        )
        assert response.status_code == status, response.json()
        organisation.refresh_from_db()
        assert (organisation.short_name == "НОВ") is (status == 200)

    def test_representative_edits_own_units_positions_not_others(self, representative, org, other_org):
        client = client_for(representative)
        mine = client.post(f"{API}/units/", {"organisation": org.pk, "name_ru": "Отдел"}, format="json")
        assert mine.status_code == 201, mine.json()
        theirs = client.post(f"{API}/units/", {"organisation": other_org.pk, "name_ru": "Отдел"}, format="json")
        assert theirs.status_code == 403
        assert not Unit.objects.filter(organisation=other_org).exists()
        other_unit = UnitFactory(organisation=other_org)
        assert client.patch(f"{API}/units/{other_unit.pk}/", {"name_ru": "X"}, format="json").status_code == 403
        assert (
            client.patch(f"{API}/units/{mine.json()['id']}/", {"name_ru": "Отдел кадров"}, format="json").json()[
                "name_ru"
            ]
            == "Отдел кадров"
        )

        person = PersonFactory()
        post = client.post(
            f"{API}/positions/", {"person": person.pk, "organisation": org.pk, "title_ru": "директор"}, format="json"
        )
        assert post.status_code == 201, post.json()
        assert (
            client.post(
                f"{API}/positions/",
                {"person": person.pk, "organisation": other_org.pk, "title_ru": "директор"},
                format="json",
            ).status_code
            == 403
        )
        other_post = PositionFactory(organisation=other_org)
        assert (
            client.patch(f"{API}/positions/{other_post.pk}/", {"end_date": "2024-01-01"}, format="json").status_code
            == 403
        )
        ended = client.patch(f"{API}/positions/{post.json()['id']}/", {"end_date": "2030-01-01"}, format="json")
        assert ended.status_code == 200 and ended.json()["is_current"] is False

    def test_anonymous_and_citizen_cannot_write_children(self, anon, citizen, org):
        for client, status in ((anon, 401), (client_for(citizen), 403)):
            assert (
                client.post(f"{API}/units/", {"organisation": org.pk, "name_ru": "Отдел"}, format="json").status_code
                == status
            )
            assert client.post(f"{API}/people/", {"full_name_ru": "Иван Иванов"}, format="json").status_code == status
        assert not Unit.objects.exists()

    def test_network_coordinator_manages_members(self, alliance, org, other_org):
        coordinator = UserFactory()
        MembershipFactory(user=coordinator, role=Role.COORDINATOR, organisation=alliance)
        client = client_for(coordinator)
        created = client.post(
            f"{API}/network-memberships/",
            {"network": alliance.pk, "member": org.pk, "membership_type": "associate", "joined_on": "2024-05-01"},
            format="json",
        )
        assert created.status_code == 201, created.json()
        assert created.json()["is_current"] is True
        left = client.patch(
            f"{API}/network-memberships/{created.json()['id']}/", {"left_on": "2025-01-01"}, format="json"
        )
        assert left.status_code == 200 and left.json()["is_current"] is False
        # Not a coordinator of `org`, so org's own memberships are out of reach.
        network = NetworkFactory()
        assert (
            client.post(
                f"{API}/network-memberships/", {"network": network.pk, "member": other_org.pk}, format="json"
            ).status_code
            == 403
        )

    def test_membership_only_in_networks(self, moderator, org, other_org):
        response = client_for(moderator).post(
            f"{API}/network-memberships/", {"network": org.pk, "member": other_org.pk}, format="json"
        )
        assert response.status_code == 400
        assert "network" in response.json()["errors"]
        assert not NetworkMembership.objects.exists()

    @pytest.mark.parametrize(
        ("who", "status"), [("anonymous", 401), ("citizen", 403), ("representative", 403), ("moderator", 201)]
    )
    def test_themes_are_managed_by_moderators(self, request, who, status):
        user = None if who == "anonymous" else request.getfixturevalue(who)
        response = client_for(user).post(
            f"{API}/themes/", {"code": "digital", "name_ru": "Цифровизация", "name_en": "Digital"}, format="json"
        )
        assert response.status_code == status
        assert Theme.objects.filter(code="digital").exists() is (status == 201)

    def test_moderator_renames_theme_and_bad_code_is_a_field_error(self, moderator):
        ThemeFactory(code="sport", name_ru="Спорт")
        client = client_for(moderator)
        renamed = client.patch(f"{API}/themes/sport/", {"name_kk": "Спорт (kk)"}, format="json")
        assert renamed.status_code == 200 and renamed.json()["name_kk"] == "Спорт (kk)"
        bad = client.post(f"{API}/themes/", {"code": "not a slug!", "name_ru": "Тема"}, format="json")
        assert bad.status_code == 400 and "code" in bad.json()["errors"]
        assert (
            client_for(UserFactory()).patch(f"{API}/themes/sport/", {"name_kk": "x"}, format="json").status_code == 403
        )

    def test_reference_lists_are_read_only(self, moderator):
        kz()
        client = client_for(moderator)
        assert client.post(f"{API}/countries/", {"code": "XX"}, format="json").status_code == 405
        assert client.patch(f"{API}/countries/KZ/", {"name_ru": "X"}, format="json").status_code == 405
        assert client.post(f"{API}/regions/", {"code": "KZ-99"}, format="json").status_code == 405
        assert client.post(f"{API}/legal-forms/", {"code": "x"}, format="json").status_code == 405


# --- writes and validation -----------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestWrites:
    def test_operator_creates_a_full_organisation_and_the_audit_names_them(self, operator):
        ThemeFactory(code="ecology", name_ru="Экология")
        ThemeFactory(code="education", name_ru="Образование")
        RegionFactory(code="KZ-75", country=kz())
        legal_form("kz-public-fund", kz(), "общественный фонд")
        payload = _new_org_payload(
            name_kk="«Жаңа» қоғамдық қоры",
            name_en="New Public Fund",
            short_name="ОФН",
            kind="foundation",
            legal_form="kz-public-fund",
            region="KZ-75",
            registered_on="2019-04-01",
            themes=["ecology", "education"],
            website="https://new.example.org",
            email="info@new.example.org",
            description_ru="Помогаем.",
        )
        response = client_for(operator, language="en").post(f"{API}/organisations/", payload, format="json")
        assert response.status_code == 201, response.json()
        data = response.json()
        assert data["name"] == "New Public Fund"
        assert (data["themes"], data["region"], data["legal_form"]) == (
            ["ecology", "education"],
            "KZ-75",
            "kz-public-fund",
        )
        org = Organisation.objects.get(pk=data["id"])
        assert org.bin == payload["bin"] and org.registered_on == datetime.date(2019, 4, 1)
        entry = AuditEntry.objects.filter(object_id=str(org.pk), action="create").latest("id")
        assert entry.actor == operator

    def test_put_replaces_and_themes_can_be_cleared(self, representative, org):
        org.themes.add(ThemeFactory(code="health", name_ru="Здоровье"))
        response = client_for(representative).put(
            f"{API}/organisations/{org.pk}/",
            {"name_ru": "Новое имя", "country": "KZ", "bin": org.bin, "themes": [], "kind": "ngo"},
            format="json",
        )
        assert response.status_code == 200, response.json()
        org.refresh_from_db()
        assert org.name_ru == "Новое имя" and not org.themes.exists()

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"bin": "123456789012"}, "bin"),
            ({"bin": "12345"}, "bin"),
            ({"inn": make_inn()}, "inn"),  # a Russian number for a Kazakh organisation
            ({"name_ru": ""}, "name_ru"),
            ({"country": "ZZ"}, "country"),
            ({"region": "RU-MOW"}, "region"),
            ({"themes": ["no-such-theme"]}, "themes"),
            ({"kind": "spaceship"}, "kind"),
            ({"website": "not a url"}, "website"),
            ({"registered_on": "31.12.2020"}, "registered_on"),
        ],
    )
    def test_bad_input_is_a_field_error_and_saves_nothing(self, moderator, payload, field):
        RegionFactory(code="RU-MOW", country=ru(), name_ru="Москва", name="Москва")
        before = Organisation.objects.count()
        response = client_for(moderator).post(f"{API}/organisations/", _new_org_payload(**payload), format="json")
        assert response.status_code == 400
        body = response.json()
        assert body["detail"] and field in body["errors"], body
        assert all(isinstance(m, str) and m for m in body["errors"][field])
        assert Organisation.objects.count() == before

    def test_bad_bin_message_in_english(self, moderator):
        good = make_bin()
        typo = good[:-1] + str((int(good[-1]) + 1) % 10)
        response = client_for(moderator, language="en").post(
            f"{API}/organisations/", _new_org_payload(bin=typo), format="json"
        )
        assert response.json()["errors"] == {"bin": ["The BIN check digit is wrong: check the number for typos."]}

    def test_duplicate_bin_is_refused(self, moderator, org):
        response = client_for(moderator).post(f"{API}/organisations/", _new_org_payload(bin=org.bin), format="json")
        assert response.status_code == 400 and "bin" in response.json()["errors"]

    def test_russian_identifiers_are_checked(self, moderator):
        ru()
        client = client_for(moderator)
        good = client.post(
            f"{API}/organisations/",
            {"name_ru": "АНО «Тест»", "country": "RU", "inn": make_inn(), "ogrn": make_ogrn()},
            format="json",
        )
        assert good.status_code == 201, good.json()
        bad = client.post(
            f"{API}/organisations/",
            {"name_ru": "АНО «Тест 2»", "country": "RU", "inn": "7707083890", "ogrn": "1027700132196"},
            format="json",
        )
        assert bad.status_code == 400
        assert set(bad.json()["errors"]) == {"inn", "ogrn"}

    def test_position_dates_and_unit_checked(self, moderator, org, other_org):
        client = client_for(moderator)
        person = PersonFactory()
        backwards = client.post(
            f"{API}/positions/",
            {
                "person": person.pk,
                "organisation": org.pk,
                "title_ru": "член",
                "start_date": "2024-01-01",
                "end_date": "2023-01-01",
            },
            format="json",
        )
        assert backwards.status_code == 400 and "end_date" in backwards.json()["errors"]
        foreign_unit = UnitFactory(organisation=other_org)
        wrong_unit = client.post(
            f"{API}/positions/",
            {"person": person.pk, "organisation": org.pk, "unit": foreign_unit.pk, "title_ru": "член"},
            format="json",
        )
        assert wrong_unit.status_code == 400 and "unit" in wrong_unit.json()["errors"]
        assert not Position.objects.exists()

    def test_unit_cannot_move_to_another_organisation(self, moderator, org, other_org):
        unit = UnitFactory(organisation=org)
        response = client_for(moderator).patch(
            f"{API}/units/{unit.pk}/", {"organisation": other_org.pk, "name_en": "Board"}, format="json"
        )
        assert response.status_code == 200
        unit.refresh_from_db()
        assert unit.organisation_id == org.pk and unit.name_en == "Board"

    def test_unit_parent_in_another_organisation_is_refused(self, moderator, org, other_org):
        response = client_for(moderator).post(
            f"{API}/units/",
            {"organisation": org.pk, "name_ru": "Комитет", "parent": UnitFactory(organisation=other_org).pk},
            format="json",
        )
        assert response.status_code == 400 and "parent" in response.json()["errors"]


# --- a person's contacts ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestPersonContacts:
    @pytest.fixture
    def private(self, org) -> Person:
        person = PersonFactory(email="private@example.org", phone="+7 701 111 22 33")
        PositionFactory(person=person, organisation=org)
        return person

    def contacts(self, client: APIClient, person: Person) -> tuple[Any, Any]:
        detail = client.get(f"{API}/people/{person.pk}/").json()
        listed = next(p for p in client.get(f"{API}/people/").json()["results"] if p["id"] == person.pk)
        assert (listed["email"], listed["phone"]) == (detail["email"], detail["phone"])
        return detail["email"], detail["phone"]

    def test_hidden_from_the_public_without_consent(self, anon, citizen, other_org, private):
        assert self.contacts(anon, private) == (None, None)
        assert self.contacts(client_for(citizen), private) == (None, None)
        stranger = UserFactory()
        MembershipFactory(user=stranger, role=Role.REPRESENTATIVE, organisation=other_org)
        assert self.contacts(client_for(stranger), private) == (None, None)

    def test_shown_when_the_person_consented(self, anon, private):
        private.contacts_public_since = timezone.now()
        private.save()
        assert self.contacts(anon, private) == ("private@example.org", "+7 701 111 22 33")

    @pytest.mark.parametrize("who", ["moderator", "representative", "admin_user"])
    def test_shown_to_those_who_may_see_them(self, request, who, private):
        user = request.getfixturevalue(who)
        assert self.contacts(client_for(user), private) == ("private@example.org", "+7 701 111 22 33")

    def test_shown_to_the_person_themself(self, private):
        private.user = UserFactory()
        private.save()
        assert self.contacts(client_for(private.user), private) == ("private@example.org", "+7 701 111 22 33")

    def test_positions_show_no_contacts_of_anyone(self, anon, org, private):
        detail = anon.get(f"{API}/organisations/{org.pk}/").json()
        assert "private@example.org" not in str(detail)
        assert "private@example.org" not in str(anon.get(f"{API}/positions/").json())

    def test_representative_adds_person_with_consent_and_clears_phone(self, representative):
        client = client_for(representative)
        created = client.post(
            f"{API}/people/",
            {"full_name_ru": "Айгуль Сейткали", "email": "a@example.org", "phone": "+7 702", "contacts_public": True},
            format="json",
        )
        assert created.status_code == 201, created.json()
        assert (created.json()["email"], created.json()["contacts_public"]) == ("a@example.org", True)
        person = Person.objects.get(pk=created.json()["id"])
        assert person.contacts_public
        cleared = client_for(UserFactory(is_superuser=True)).patch(
            f"{API}/people/{person.pk}/", {"phone": None, "contacts_public": False}, format="json"
        )
        assert cleared.status_code == 200, cleared.json()
        person.refresh_from_db()
        assert person.phone == "" and not person.contacts_public
        assert client_for().get(f"{API}/people/{person.pk}/").json()["email"] is None

    def test_bad_email_is_a_field_error(self, moderator):
        response = client_for(moderator).post(f"{API}/people/", {"full_name_ru": "Имя", "email": "nope"}, format="json")
        assert response.status_code == 400 and "email" in response.json()["errors"]
        assert not Person.objects.exists()


# --- query counts --------------------------------------------------------------------------------------------------


def _fill(kind: str, n: int, anchor: Organisation) -> str:
    """Create n rows for one list endpoint and return its URL."""
    if kind == "organisations":
        for i in range(n):
            org = OrganisationFactory(region=RegionFactory(code="KZ-75", country=kz()))
            org.themes.add(ThemeFactory(code=f"q-theme-{i % 3}"))
        return f"{API}/organisations/?page_size=100"
    if kind == "units":
        UnitFactory.create_batch(n, organisation=anchor, parent=UnitFactory(organisation=anchor))
        return f"{API}/units/?page_size=100"
    if kind == "people":
        for _ in range(n):
            PositionFactory(organisation=OrganisationFactory(), unit=None)
        return f"{API}/people/?page_size=100"
    if kind == "positions":
        PositionFactory.create_batch(n, organisation=anchor, unit=UnitFactory(organisation=anchor))
        return f"{API}/positions/?page_size=100"
    if kind == "network-memberships":
        for _ in range(n):
            NetworkMembershipFactory(network=anchor)
        return f"{API}/network-memberships/?page_size=100"
    if kind == "themes":
        for _ in range(n):
            OrganisationFactory().themes.add(ThemeFactory())
        return f"{API}/themes/?page_size=100"
    if kind == "regions":
        for i in range(n):
            Region.objects.get_or_create(
                code=f"KZ-Q{i}", defaults={"country": kz(), "name_ru": f"Регион {i}", "name": f"Регион {i}"}
            )
        return f"{API}/regions/?page_size=100"
    if kind == "countries":
        for i in range(n):
            Country.objects.get_or_create(
                code=f"Q{chr(65 + i)}", defaults={"name_ru": f"Страна {i}", "name": f"Страна {i}"}
            )
        return f"{API}/countries/?page_size=100"
    if kind == "legal-forms":
        for i in range(n):
            legal_form(f"kz-q-{i}", kz(), f"форма {i}")
        return f"{API}/legal-forms/?page_size=100"
    raise AssertionError(kind)


LIST_ENDPOINTS = [
    "organisations",
    "units",
    "people",
    "positions",
    "network-memberships",
    "themes",
    "regions",
    "countries",
    "legal-forms",
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "who"),
    [(kind, who) for kind in LIST_ENDPOINTS for who in ("anonymous", "citizen", "representative", "moderator")],
)
def test_list_queries_do_not_grow_with_rows(request, django_assert_max_num_queries, kind, who):
    """A page of 20+ rows costs a fixed number of queries: count, page, prefetches; for a user, token and roles too."""
    anchor = NetworkFactory()
    client = client_for(None if who == "anonymous" else request.getfixturevalue(who))
    url = _fill(kind, 25, anchor)
    client.get(url)  # warm per-process caches (content types, translations)
    with django_assert_max_num_queries(3 if who == "anonymous" else 5):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.json()["results"]) >= 20


@pytest.mark.django_db
def test_detail_queries_are_fixed(anon, django_assert_max_num_queries, alliance):
    for _ in range(10):
        UnitFactory(organisation=alliance)
        PositionFactory(organisation=alliance)
        NetworkMembershipFactory(network=alliance)
        NetworkMembershipFactory(member=alliance, network=NetworkFactory())
    anon.get(f"{API}/organisations/{alliance.pk}/")
    with django_assert_max_num_queries(6):
        data = anon.get(f"{API}/organisations/{alliance.pk}/").json()
    assert len(data["units"]) == len(data["current_positions"]) == len(data["current_members"]) == 10
    person = PersonFactory()
    for _ in range(10):
        PositionFactory(person=person)
    with django_assert_max_num_queries(2):
        assert len(anon.get(f"{API}/people/{person.pk}/").json()["positions"]) == 10


# --- the contract: real responses against the OpenAPI schema -------------------------------------------------------


def _as_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 → JSON Schema: `nullable` becomes a null alternative; objects allow no undocumented field."""
    if isinstance(node, list):
        return [_as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    # `oneOf` → `anyOf`: without a URI format checker "" matches both halves of spectacular's "URL or blank".
    out = {
        ("anyOf" if key == "oneOf" else key): _as_json_schema(value) for key, value in node.items() if key != "nullable"
    }
    if out.get("type") == "object" and isinstance(out.get("properties"), dict):
        out.setdefault("additionalProperties", False)
    if node.get("nullable") is True:
        out = {"anyOf": [out, {"type": "null"}]}
    return out


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    with translation.override("en"):
        return SchemaGenerator().get_schema(request=None, public=True)


def assert_matches_schema(openapi: dict[str, Any], path: str, method: str, status: int, body: Any) -> None:
    operation = openapi["paths"][path][method]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    root = {**_as_json_schema(schema), "components": _as_json_schema(openapi["components"])}
    validator = jsonschema.Draft202012Validator(root, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, f"{method.upper()} {path} {status}: " + "; ".join(
        f"{list(e.path)}: {e.message}" for e in errors[:5]
    )


@pytest.fixture
def populated(alliance, org, moderator):
    """One of everything, with optional fields both empty and filled."""
    unit = UnitFactory(organisation=alliance, name_en="Board")
    UnitFactory(organisation=alliance, parent=unit)
    public = PersonFactory(contacts_public_since=timezone.now(), bio_ru="Биография")
    PositionFactory(person=public, organisation=alliance, unit=unit, start_date=datetime.date(2020, 1, 1))
    PositionFactory(person=public, organisation=org, end_date=datetime.date(2019, 1, 1))
    PositionFactory(organisation=org)
    NetworkMembershipFactory(network=alliance, member=org, joined_on=datetime.date(2020, 1, 1))
    NetworkMembershipFactory(network=alliance, left_on=datetime.date(2022, 1, 1))
    return {
        "organisation": alliance,
        "unit": unit,
        "person": public,
        "position": public.positions.first(),
        "membership": NetworkMembership.objects.first(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "moderator"])
def test_every_list_and_detail_response_matches_the_schema(request, openapi, populated, who):
    client = client_for(None if who == "anonymous" else request.getfixturevalue(who))
    lists = {f"{API}/{name}/": f"{API}/{name}/" for name in LIST_ENDPOINTS}
    details = {
        f"{API}/organisations/{{id}}/": f"{API}/organisations/{populated['organisation'].pk}/",
        f"{API}/units/{{id}}/": f"{API}/units/{populated['unit'].pk}/",
        f"{API}/people/{{id}}/": f"{API}/people/{populated['person'].pk}/",
        f"{API}/positions/{{id}}/": f"{API}/positions/{populated['position'].pk}/",
        f"{API}/network-memberships/{{id}}/": f"{API}/network-memberships/{populated['membership'].pk}/",
        f"{API}/themes/{{code}}/": f"{API}/themes/inclusion/",
        f"{API}/regions/{{code}}/": f"{API}/regions/KZ-71/",
        f"{API}/countries/{{code}}/": f"{API}/countries/KZ/",
        f"{API}/legal-forms/{{code}}/": f"{API}/legal-forms/kz-ale/",
    }
    for template, url in {**lists, **details}.items():
        response = client.get(url, {"page_size": 100} if url in lists else None)
        assert response.status_code == 200, url
        assert response.json().get("results", True), url  # lists are not trivially empty
        assert_matches_schema(openapi, template, "get", 200, response.json())


@pytest.mark.django_db
def test_write_responses_match_the_schema(openapi, moderator, org):
    client = client_for(moderator)
    created = client.post(f"{API}/organisations/", _new_org_payload(), format="json")
    assert_matches_schema(openapi, f"{API}/organisations/", "post", 201, created.json())
    patched = client.patch(f"{API}/organisations/{org.pk}/", {"short_name": "X"}, format="json")
    assert_matches_schema(openapi, f"{API}/organisations/{{id}}/", "patch", 200, patched.json())
    person = client.post(f"{API}/people/", {"full_name_ru": "Имя Фамилия"}, format="json")
    assert_matches_schema(openapi, f"{API}/people/", "post", 201, person.json())
    unit = client.post(f"{API}/units/", {"organisation": org.pk, "name_ru": "Отдел"}, format="json")
    assert_matches_schema(openapi, f"{API}/units/", "post", 201, unit.json())
    position = client.post(
        f"{API}/positions/",
        {"person": person.json()["id"], "organisation": org.pk, "title_ru": "директор"},
        format="json",
    )
    assert_matches_schema(openapi, f"{API}/positions/", "post", 201, position.json())
    theme = client.post(f"{API}/themes/", {"code": "new-theme", "name_ru": "Новая"}, format="json")
    assert_matches_schema(openapi, f"{API}/themes/", "post", 201, theme.json())


@pytest.mark.django_db
def test_error_responses_match_the_schema(openapi, citizen, moderator, org):
    anonymous, signed_in, allowed = client_for(), client_for(citizen), client_for(moderator)
    detail = f"{API}/organisations/{{id}}/"
    cases = [
        (anonymous.patch(f"{API}/organisations/{org.pk}/", {}, format="json"), detail, "patch", 401),
        (signed_in.patch(f"{API}/organisations/{org.pk}/", {}, format="json"), detail, "patch", 403),
        (allowed.patch(f"{API}/organisations/{org.pk}/", {"bin": "1"}, format="json"), detail, "patch", 400),
        (allowed.post(f"{API}/organisations/", {}, format="json"), f"{API}/organisations/", "post", 400),
        (anonymous.get(f"{API}/organisations/0/"), detail, "get", 404),
        (anonymous.get(f"{API}/organisations/", {"kind": "x"}), f"{API}/organisations/", "get", 400),
        (anonymous.get(f"{API}/countries/", {"page": 999}), f"{API}/countries/", "get", 404),
        (anonymous.get(f"{API}/themes/no-such-theme/"), f"{API}/themes/{{code}}/", "get", 404),
    ]
    for response, path, method, status in cases:
        assert response.status_code == status, (path, method, response.json())
        assert_matches_schema(openapi, path, method, status, response.json())


def test_the_schema_check_catches_an_undocumented_field(openapi):
    """The contract check itself has teeth: an extra field, a wrong type or a missing field fails it."""
    good = {"code": "KZ", "name": "Казахстан", "name_ru": "Казахстан", "name_kk": None, "name_en": "Kazakhstan"}
    assert_matches_schema(openapi, f"{API}/countries/{{code}}/", "get", 200, good)
    for bad in ({**good, "secret": 1}, {**good, "code": 7}, {k: v for k, v in good.items() if k != "name"}):
        with pytest.raises(AssertionError):
            assert_matches_schema(openapi, f"{API}/countries/{{code}}/", "get", 200, bad)


@pytest.mark.django_db
def test_schema_endpoint_and_docs_are_served(anon):
    schema = anon.get(f"{API}/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/organisations/" in schema.content
    docs = anon.get(f"{API}/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content.lower()
    assert b"cdn" not in docs.content.lower()


def test_committed_schema_is_the_generated_one(tmp_path):
    """docs/api/openapi.yaml must be regenerated when the API changes:
    `civicbridge spectacular --validate --fail-on-warn --lang en --file docs/api/openapi.yaml`."""
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--lang", "en", "--file", str(generated))
    assert SCHEMA_FILE.read_text(encoding="utf-8") == generated.read_text(encoding="utf-8"), (
        "docs/api/openapi.yaml is stale: regenerate it with the command in this test's docstring"
    )
