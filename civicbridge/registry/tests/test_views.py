"""Registry pages over HTTP: directory search and filters, detail pages, editing, permissions, privacy, query counts."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core.models import AuditEntry
from civicbridge.core.services import cite, source_get_or_create
from civicbridge.registry.choices import OrganisationKind, OrganisationStatus
from civicbridge.registry.models import Country, LegalForm, Organisation
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
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("registry:organisation-list")
PEOPLE_URL = reverse("registry:person-list")


def listed(response) -> list[str]:
    """Russian names of the organisations on the page, in order."""
    return [org.name_ru for org in response.context["page_obj"].object_list]


def legal_form(code: str, country: str, name: str) -> LegalForm:
    """A legal form by code (the reference-data migration normally provides it)."""
    return LegalForm.objects.get_or_create(
        code=code, defaults={"country": CountryFactory(code=country), "name_ru": name, "name": name}
    )[0]


@pytest.fixture
def russia(db) -> Country:
    return CountryFactory(code="RU", name_ru="Россия", name="Россия")


@pytest.fixture
def alliance(db):
    return NetworkFactory(
        name_ru="Гражданский альянс Казахстана",
        name_en="Civil Alliance of Kazakhstan",
        short_name="ГАК",
        description_ru="Объединение юридических лиц, объединяющее НПО страны.",
    )


# --- Directory: search -------------------------------------------------------------------------------------------


class TestDirectorySearch:
    def test_lists_organisations_with_count(self, client, alliance):
        OrganisationFactory(name_ru="Общественный фонд «Ромашка»")
        response = client.get(LIST_URL)
        assert response.status_code == 200
        assert set(listed(response)) == {"Гражданский альянс Казахстана", "Общественный фонд «Ромашка»"}
        assert response.context["page_obj"].paginator.count == 2
        assert "Гражданский альянс Казахстана" in response.content.decode()

    @pytest.mark.parametrize("query", ["ГАК", "гак", "альянс", "АЛЬЯНС", "Альянс Казахстана", "казахстана гражданский"])
    def test_finds_alliance_by_abbreviation_name_and_case(self, client, alliance, query):
        OrganisationFactory(name_ru="Фонд «Гакку»", short_name="")  # «гак» is inside «Гакку» too: both match
        OrganisationFactory(name_ru="Ассоциация «Степь»")
        names = listed(client.get(LIST_URL, {"q": query}))
        assert "Гражданский альянс Казахстана" in names
        assert "Ассоциация «Степь»" not in names

    def test_yo_written_in_the_name_is_found_by_e(self, client):
        OrganisationFactory(name_ru="Общественное объёдинение «Берёза»")
        OrganisationFactory(name_ru="Фонд «Сосна»")
        assert listed(client.get(LIST_URL, {"q": "объединение"})) == ["Общественное объёдинение «Берёза»"]
        assert listed(client.get(LIST_URL, {"q": "береза"})) == ["Общественное объёдинение «Берёза»"]

    def test_yo_typed_in_the_query_finds_e(self, client):
        OrganisationFactory(name_ru="Общественное объединение «Береза»")
        OrganisationFactory(name_ru="Фонд «Сосна»")
        assert listed(client.get(LIST_URL, {"q": "объЁдинение"})) == ["Общественное объединение «Береза»"]

    def test_searches_description_and_other_languages(self, client, alliance):
        OrganisationFactory(name_ru="Фонд «Сосна»")
        assert listed(client.get(LIST_URL, {"q": "объединяющее НПО"})) == ["Гражданский альянс Казахстана"]
        assert listed(client.get(LIST_URL, {"q": "civil alliance"})) == ["Гражданский альянс Казахстана"]

    def test_no_match_says_so(self, client, alliance):
        response = client.get(LIST_URL, {"q": "несуществующее"})
        assert listed(response) == []
        with translation.override("ru"):
            assert gettext("No organisations match your search.") in response.content.decode()

    def test_search_box_and_filters_are_labelled(self, client, alliance):
        html = client.get(LIST_URL).content.decode()
        for control_id in ("id_q", "id_country", "id_region", "id_kind", "id_theme", "id_legal_form"):
            assert f'for="{control_id}"' in html
            assert f'id="{control_id}"' in html
        assert 'aria-live="polite"' in html
        assert 'method="get"' in html  # works as a plain form without JavaScript


# --- Directory: filters ------------------------------------------------------------------------------------------


class TestDirectoryFilters:
    def test_country(self, client, russia):
        OrganisationFactory(name_ru="Казахстанский фонд")
        RussianOrganisationFactory(name_ru="Российская АНО")
        assert listed(client.get(LIST_URL, {"country": "RU"})) == ["Российская АНО"]
        assert listed(client.get(LIST_URL, {"country": "KZ"})) == ["Казахстанский фонд"]

    def test_region(self, client):
        almaty = RegionFactory(code="KZ-75", name_ru="Алматы", name="Алматы")
        astana = RegionFactory(code="KZ-71", name_ru="Астана", name="Астана")
        OrganisationFactory(name_ru="Алматинский фонд", region=almaty)
        OrganisationFactory(name_ru="Астанинский фонд", region=astana)
        response = client.get(LIST_URL, {"region": "KZ-71"})
        assert listed(response) == ["Астанинский фонд"]
        # The region select offers the regions that have organisations, the chosen one selected.
        assert '<option value="KZ-71" selected>' in response.content.decode()

    def test_kind(self, client, alliance):
        OrganisationFactory(name_ru="Фонд «Сосна»")
        assert listed(client.get(LIST_URL, {"kind": OrganisationKind.NETWORK})) == ["Гражданский альянс Казахстана"]

    def test_theme(self, client):
        ecology, education = ThemeFactory(code="ecology"), ThemeFactory(code="education")
        OrganisationFactory(name_ru="Экофонд").themes.add(ecology)
        OrganisationFactory(name_ru="Школа").themes.add(education, ecology)
        OrganisationFactory(name_ru="Без тем")
        assert sorted(listed(client.get(LIST_URL, {"theme": "ecology"}))) == ["Школа", "Экофонд"]
        assert listed(client.get(LIST_URL, {"theme": "education"})) == ["Школа"]

    def test_legal_form(self, client):
        fund = legal_form("kz-public-fund", "KZ", "общественный фонд")
        association = legal_form("kz-public-association", "KZ", "общественное объединение")
        OrganisationFactory(name_ru="Фонд «Сосна»", legal_form=fund)
        OrganisationFactory(name_ru="Объединение «Дуб»", legal_form=association)
        assert listed(client.get(LIST_URL, {"legal_form": "kz-public-fund"})) == ["Фонд «Сосна»"]

    def test_filters_combine_with_search(self, client, russia):
        OrganisationFactory(name_ru="Фонд «Развитие» Казахстан")
        RussianOrganisationFactory(name_ru="АНО «Развитие» Россия")
        assert listed(client.get(LIST_URL, {"q": "развитие", "country": "RU"})) == ["АНО «Развитие» Россия"]

    def test_unknown_filter_value_is_ignored_not_an_error(self, client):
        OrganisationFactory(name_ru="Фонд «Сосна»")
        response = client.get(LIST_URL, {"theme": "no-such-theme", "kind": "spaceship"})
        assert response.status_code == 200
        assert listed(response) == ["Фонд «Сосна»"]


# --- Directory: pagination and htmx ------------------------------------------------------------------------------


class TestDirectoryPagesAndHtmx:
    def test_pages_of_25_keep_the_filters(self, client):
        for n in range(30):
            OrganisationFactory(name_ru=f"Фонд {n:02d}")
        OrganisationFactory(name_ru="Ассоциация «Степь»")
        first = client.get(LIST_URL, {"q": "фонд"})
        assert len(listed(first)) == 25
        assert first.context["page_obj"].paginator.count == 30
        html = first.content.decode()
        assert "q=%D1%84%D0%BE%D0%BD%D0%B4&amp;page=2" in html  # the next-page link keeps the search
        second = client.get(LIST_URL, {"q": "фонд", "page": 2})
        assert listed(second) == [f"Фонд {n:02d}" for n in range(25, 30)]
        assert client.get(LIST_URL, {"q": "фонд", "page": 99}).context["page_obj"].number == 2

    def test_htmx_request_gets_only_the_results(self, client, alliance):
        response = client.get(LIST_URL, {"q": "гак"}, headers={"HX-Request": "true"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in html
        assert 'id="organisation-filters"' not in html
        assert "Гражданский альянс Казахстана" in html
        assert "HX-Request" in response["Vary"]

    def test_plain_request_gets_the_whole_page_with_htmx_wiring(self, client, alliance):
        response = client.get(LIST_URL, {"q": "гак"})
        html = response.content.decode()
        assert "<html" in html
        assert 'hx-get="/registry/organisations/"' in html
        assert 'hx-target="#organisation-results"' in html
        assert 'hx-push-url="true"' in html
        assert "HX-Request" in response["Vary"]

    def test_htmx_history_restore_gets_the_whole_page(self, client, alliance):
        response = client.get(LIST_URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
        assert "<html" in response.content.decode()


# --- Organisation page -------------------------------------------------------------------------------------------


class TestOrganisationDetail:
    def test_shows_units_people_networks_themes_sources(self, client, alliance):
        ministry = OrganisationFactory(
            name_ru="Министерство культуры и информации", short_name="МКИ", kind=OrganisationKind.STATE_BODY
        )
        committee = UnitFactory(organisation=ministry, name_ru="Комитет по делам гражданского общества")
        department = UnitFactory(organisation=ministry, name_ru="Управление НПО", parent=committee)
        PositionFactory(
            organisation=ministry,
            unit=committee,
            title_ru="председатель комитета",
            person=PersonFactory(full_name_ru="Иван Текущий"),
        )
        PositionFactory(
            organisation=ministry,
            title_ru="министр",
            person=PersonFactory(full_name_ru="Пётр Бывший"),
            start_date="2019-01-01",
            end_date="2020-01-01",
        )
        NetworkMembershipFactory(network=alliance, member=ministry, membership_type="associate")
        ministry.themes.add(ThemeFactory(code="culture", name_ru="Культура", name="Культура"))
        source = source_get_or_create(title="Отчёт о встрече", url="https://example.org/report", publisher="КазИнформ")
        cite(obj=ministry, source=source, quote="министерство и альянс готовят закон")

        html = client.get(ministry.get_absolute_url()).content.decode()
        assert "Министерство культуры и информации" in html and "МКИ" in html
        assert html.index(committee.name_ru) < html.index(department.name_ru)
        assert "cb-unit-tree__item--depth-1" in html  # the department is shown inside the committee
        assert "Иван Текущий" in html and "председатель комитета" in html
        assert "Пётр Бывший" not in html  # past positions belong on the person's page, not here
        assert "Гражданский альянс Казахстана" in html  # the network it belongs to
        assert "Культура" in html and "?theme=culture" in html
        assert "https://example.org/report" in html and "министерство и альянс готовят закон" in html

    def test_network_lists_its_current_members(self, client, alliance):
        NetworkMembershipFactory(network=alliance, member=OrganisationFactory(name_ru="Фонд «Член»"))
        NetworkMembershipFactory(
            network=alliance,
            member=OrganisationFactory(name_ru="Фонд «Вышел»"),
            joined_on="2018-01-01",
            left_on="2020-01-01",
        )
        html = client.get(alliance.get_absolute_url()).content.decode()
        assert "Фонд «Член»" in html
        assert "Фонд «Вышел»" not in html

    def test_unknown_organisation_is_404(self, client):
        assert client.get(reverse("registry:organisation-detail", args=[999999])).status_code == 404

    def test_shows_the_viewers_language_falling_back_to_russian(self, client, alliance):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert "Civil Alliance of Kazakhstan" in client.get(alliance.get_absolute_url()).content.decode()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"  # no Kazakh name: the Russian one is shown
        assert "Гражданский альянс Казахстана" in client.get(alliance.get_absolute_url()).content.decode()

    def test_edit_and_audit_links_follow_permissions(self, client, org, other_org, representative, moderator):
        edit_url = reverse("registry:organisation-update", args=[org.pk])
        audit_url = reverse("audit-object", args=["registry", "organisation", org.pk])
        html = client.get(org.get_absolute_url()).content.decode()
        assert edit_url not in html and audit_url not in html
        client.force_login(representative)
        html = client.get(org.get_absolute_url()).content.decode()
        assert edit_url in html and audit_url not in html
        assert (
            reverse("registry:organisation-update", args=[other_org.pk])
            not in client.get(other_org.get_absolute_url()).content.decode()
        )
        client.force_login(moderator)
        html = client.get(org.get_absolute_url()).content.decode()
        assert edit_url in html and audit_url in html


# --- People ------------------------------------------------------------------------------------------------------


class TestPeople:
    def test_person_list_search_and_pages(self, client, org):
        nurgazieva = PersonFactory(full_name_ru="Бану Нургазиева")
        PositionFactory(person=nurgazieva, organisation=org, title_ru="президент")
        for n in range(26):
            PersonFactory(full_name_ru=f"Сотрудник {n:02d}")
        response = client.get(PEOPLE_URL, {"q": "НУРГАЗИЕВА"})
        assert [p.full_name_ru for p in response.context["page_obj"].object_list] == ["Бану Нургазиева"]
        assert "президент" in response.content.decode()
        paged = client.get(PEOPLE_URL, {"q": "сотрудник", "page": 2})
        assert len(paged.context["page_obj"].object_list) == 1

    def test_person_page_shows_current_and_past_positions(self, client, org, other_org):
        person = PersonFactory(full_name_ru="Бану Нургазиева")
        PositionFactory(person=person, organisation=org, title_ru="президент")
        PositionFactory(
            person=person, organisation=other_org, title_ru="директор", start_date="2010-01-01", end_date="2015-06-30"
        )
        response = client.get(person.get_absolute_url())
        assert [p.title_ru for p in response.context["current_positions"]] == ["президент"]
        assert [p.title_ru for p in response.context["past_positions"]] == ["директор"]
        html = response.content.decode().lower()
        assert html.index("президент") < html.index("директор")
        assert str(other_org).lower() in html

    def test_contacts_hidden_without_consent(self, client, citizen):
        person = PersonFactory(email="secret@example.org", phone="+7 701 111 22 33")
        for user in (None, citizen):
            if user:
                client.force_login(user)
            html = client.get(person.get_absolute_url()).content.decode()
            assert "secret@example.org" not in html
            assert "+7 701 111 22 33" not in html

    def test_contacts_shown_with_consent(self, client):
        person = PersonFactory(email="open@example.org", phone="+7 701 111 22 33", contacts_public_since=timezone.now())
        html = client.get(person.get_absolute_url()).content.decode()
        assert "open@example.org" in html and "+7 701 111 22 33" in html

    def test_contacts_shown_to_those_who_may_see_them(self, client, org, representative, moderator):
        person = PersonFactory(email="secret@example.org")
        PositionFactory(person=person, organisation=org)
        for user in (representative, moderator):
            client.force_login(user)
            assert "secret@example.org" in client.get(person.get_absolute_url()).content.decode()


# --- Editing: permissions ----------------------------------------------------------------------------------------


def org_post_data(organisation: Organisation, **changes) -> dict:
    """What the edit form posts for `organisation` unchanged, with `changes` applied."""
    data = {
        "name_ru": organisation.name_ru,
        "name_kk": organisation.name_kk or "",
        "name_en": organisation.name_en or "",
        "short_name": organisation.short_name,
        "kind": organisation.kind,
        "country": organisation.country_id,
        "region": organisation.region_id or "",
        "legal_form": organisation.legal_form.code if organisation.legal_form else "",
        "bin": organisation.bin,
        "inn": organisation.inn,
        "ogrn": organisation.ogrn,
        "registered_on": organisation.registered_on or "",
        "status": organisation.status,
        "website": organisation.website,
        "email": organisation.email,
        "description_ru": organisation.description_ru or "",
        "description_kk": organisation.description_kk or "",
        "description_en": organisation.description_en or "",
        "themes": [t.code for t in organisation.themes.all()],
    }
    data.update(changes)
    return data


class TestEditPermissions:
    def test_anonymous_is_sent_to_sign_in(self, client, org):
        for url in (reverse("registry:organisation-update", args=[org.pk]), reverse("registry:organisation-create")):
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))
        response = client.post(reverse("registry:organisation-update", args=[org.pk]), org_post_data(org, name_ru="X"))
        assert response.status_code == 302
        org.refresh_from_db()
        assert org.name_ru != "X"

    @pytest.mark.parametrize(
        ("who", "own", "other", "create"),
        [
            ("citizen", 403, 403, 403),
            ("representative", 200, 403, 403),
            ("operator", 403, 403, 200),
            ("moderator", 200, 200, 200),
            ("admin_user", 200, 200, 200),
        ],
    )
    def test_matrix(self, client, request, org, other_org, who, own, other, create):
        client.force_login(request.getfixturevalue(who))
        assert client.get(reverse("registry:organisation-update", args=[org.pk])).status_code == own
        assert client.get(reverse("registry:organisation-update", args=[other_org.pk])).status_code == other
        assert client.get(reverse("registry:organisation-create")).status_code == create

    def test_representative_edits_own_organisation(self, client, org, representative):
        client.force_login(representative)
        theme = ThemeFactory(code="inclusion")
        response = client.post(
            reverse("registry:organisation-update", args=[org.pk]),
            org_post_data(org, name_en="Development Fund", themes=["inclusion"]),
        )
        assert response.status_code == 302
        assert response["Location"] == org.get_absolute_url()
        org.refresh_from_db()
        assert org.name_en == "Development Fund"
        assert list(org.themes.all()) == [theme]
        entry = AuditEntry.objects.filter(object_id=str(org.pk), action="update").order_by("id").first()
        assert entry.actor == representative
        assert entry.changes["name_en"][1] == "Development Fund"

    def test_edit_forms_start_from_the_saved_values(self, client, org, moderator):
        org.themes.add(ThemeFactory(code="ecology"))
        person = PersonFactory(full_name_ru="Бану Нургазиева", email="banu@example.org")
        client.force_login(moderator)
        html = client.get(reverse("registry:organisation-update", args=[org.pk])).content.decode()
        assert f'value="{org.name_ru}"' in html.replace("&laquo;", "«").replace("&raquo;", "»")
        assert f'value="{org.bin}"' in html
        assert re.search(r'name="themes" value="ecology"[^>]*\schecked', html)
        html = client.get(reverse("registry:person-update", args=[person.pk])).content.decode()
        assert 'value="Бану Нургазиева"' in html and 'value="banu@example.org"' in html

    def test_representative_cannot_post_to_another_organisation(self, client, other_org, representative):
        client.force_login(representative)
        before = other_org.name_ru
        response = client.post(
            reverse("registry:organisation-update", args=[other_org.pk]), org_post_data(other_org, name_ru="Захват")
        )
        assert response.status_code == 403
        other_org.refresh_from_db()
        assert other_org.name_ru == before

    def test_moderator_creates_an_organisation(self, client, moderator):
        client.force_login(moderator)
        bin_ = make_bin()
        response = client.post(
            reverse("registry:organisation-create"),
            {
                "name_ru": "Общественный фонд «Новый»",
                "kind": "ngo",
                "country": "KZ",
                "bin": bin_,
                "status": "active",
            },
        )
        org = Organisation.objects.get(bin=bin_)
        assert response.status_code == 302 and response["Location"] == org.get_absolute_url()
        assert org.name_ru == "Общественный фонд «Новый»"

    def test_person_edit_permissions(self, client, org, citizen, representative, moderator):
        person = PersonFactory()
        PositionFactory(person=person, organisation=org)
        stranger = PersonFactory()
        url, stranger_url = (reverse("registry:person-update", args=[p.pk]) for p in (person, stranger))
        assert client.get(url).status_code == 302
        client.force_login(citizen)
        assert client.get(url).status_code == 403
        client.force_login(representative)
        assert client.get(url).status_code == 200
        assert client.get(stranger_url).status_code == 403
        client.force_login(moderator)
        assert client.get(stranger_url).status_code == 200

    def test_person_edit_records_consent(self, client, org, representative):
        person = PersonFactory(full_name_ru="Бану Нургазиева", email="banu@example.org")
        PositionFactory(person=person, organisation=org)
        client.force_login(representative)
        response = client.post(
            reverse("registry:person-update", args=[person.pk]),
            {
                "full_name_ru": "Бану Нургазиева",
                "full_name_en": "Banu Nurgazieva",
                "email": "banu@example.org",
                "contacts_public": "on",
            },
        )
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.full_name_en == "Banu Nurgazieva"
        assert person.contacts_public
        client.logout()
        assert "banu@example.org" in client.get(person.get_absolute_url()).content.decode()


# --- Editing: bad input ------------------------------------------------------------------------------------------


def row(organisation: Organisation) -> dict:
    """Every stored column of the organisation, read afresh from the database."""
    fresh = Organisation.objects.get(pk=organisation.pk)
    return {f.attname: fresh.__dict__[f.attname] for f in Organisation._meta.concrete_fields}


class TestBadInput:
    def test_required_field_error_in_russian_and_english(self, client, org, moderator):
        client.force_login(moderator)
        url = reverse("registry:organisation-update", args=[org.pk])
        ru = client.post(url, org_post_data(org, name_ru=""), headers={"Accept-Language": "ru"}).content.decode()
        assert "Обязательное поле." in ru  # Django's own Russian catalogue
        assert "govuk-error-summary" in ru
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        en = client.post(url, org_post_data(org, name_ru="")).content.decode()
        assert "This field is required." in en

    def test_bad_bin_saves_nothing(self, client, org, moderator):
        client.force_login(moderator)
        theme = ThemeFactory(code="ecology")
        before = row(org)
        audit_count = AuditEntry.objects.count()
        bad_bin = org.bin[:11] + str((int(org.bin[11]) + 1) % 10)
        response = client.post(
            reverse("registry:organisation-update", args=[org.pk]),
            org_post_data(org, name_ru="Новое имя", bin=bad_bin, themes=["ecology"]),
            headers={"Accept-Language": "ru"},
        )
        assert response.status_code == 200
        with translation.override("ru"):
            message = gettext("The BIN check digit is wrong: check the number for typos.")
        html = response.content.decode()
        assert message in html
        assert 'href="#id_bin"' in html  # the error summary links to the field
        assert row(org) == before
        assert theme not in org.themes.all()
        assert AuditEntry.objects.count() == audit_count
        # The page still names the organisation as saved, and the form keeps what was typed.
        assert before["name_ru"] in html and 'value="Новое имя"' in html

    def test_identifier_of_another_country_is_refused(self, client, moderator, russia):
        org = RussianOrganisationFactory()
        client.force_login(moderator)
        response = client.post(
            reverse("registry:organisation-update", args=[org.pk]), org_post_data(org, bin=make_bin())
        )
        assert response.status_code == 200
        assert response.context["form"].errors["bin"]
        org.refresh_from_db()
        assert org.bin == ""

    def test_duplicate_bin_on_create_saves_nothing(self, client, org, moderator):
        client.force_login(moderator)
        count = Organisation.objects.count()
        response = client.post(
            reverse("registry:organisation-create"),
            {
                "name_ru": "Двойник",
                "kind": "ngo",
                "country": "KZ",
                "bin": org.bin,
                "status": "active",
                "themes": [ThemeFactory().code],
            },
        )
        assert response.status_code == 200
        assert response.context["form"].errors["bin"]
        assert Organisation.objects.count() == count

    def test_region_of_another_country_is_refused(self, client, moderator, russia):
        RegionFactory(code="RU-MOW", country=russia, name_ru="Москва", name="Москва")
        org = OrganisationFactory()
        client.force_login(moderator)
        response = client.post(
            reverse("registry:organisation-update", args=[org.pk]), org_post_data(org, region="RU-MOW")
        )
        assert response.status_code == 200
        assert response.context["form"].errors["region"]
        org.refresh_from_db()
        assert org.region_id is None

    def test_person_without_russian_name_is_refused(self, client, moderator):
        person = PersonFactory(full_name_ru="Бану Нургазиева")
        client.force_login(moderator)
        response = client.post(reverse("registry:person-update", args=[person.pk]), {"full_name_ru": " "})
        assert response.status_code == 200
        assert response.context["form"].errors["full_name_ru"]
        person.refresh_from_db()
        assert person.full_name_ru == "Бану Нургазиева"


# --- Home and audit pages ----------------------------------------------------------------------------------------


class TestHomeAndAudit:
    def test_home_shows_figures_search_and_themes(self, client, alliance):
        from django.core.cache import cache

        cache.delete("home-figures")
        ThemeFactory(code="inclusion", name_ru="Инклюзия", name="Инклюзия")
        response = client.get(reverse("home"))
        html = response.content.decode()
        assert response.status_code == 200
        assert f'action="{LIST_URL}"' in html and 'name="q"' in html
        assert response.context["organisation_count"] == 1
        assert "Инклюзия" in html and "?theme=inclusion" in html

    def test_audit_page_shows_before_and_after(self, client, org, moderator):
        client.force_login(moderator)
        old_name = org.name_ru
        client.post(reverse("registry:organisation-update", args=[org.pk]), org_post_data(org, name_ru="Новое имя"))
        response = client.get(reverse("audit-object", args=["registry", "organisation", org.pk]))
        html = response.content.decode()
        assert response.status_code == 200
        label = str(Organisation._meta.get_field("name_ru").verbose_name)  # fields are shown by label, not attname
        assert label[:1].upper() + label[1:] in html and old_name in html and "Новое имя" in html
        assert f'href="{org.get_absolute_url()}"' in html  # a way back to the record
        assert "<caption" in html and 'scope="col"' in html

    def test_audit_page_is_refused_to_citizens(self, client, org, citizen):
        client.force_login(citizen)
        assert client.get(reverse("audit-object", args=["registry", "organisation", org.pk])).status_code == 403


# --- Query counts ------------------------------------------------------------------------------------------------


def count_queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def make_orgs(n: int, themes) -> list[Organisation]:
    region = RegionFactory()
    fund = legal_form("kz-public-fund", "KZ", "общественный фонд")
    orgs = []
    for i in range(n):
        org = OrganisationFactory(name_ru=f"Фонд {i:03d}", region=region, legal_form=fund, description_ru="Описание")
        org.themes.add(*themes)
        orgs.append(org)
    return orgs


class TestQueryCounts:
    def test_directory_does_not_grow_with_rows(self, client, django_assert_max_num_queries):
        themes = [ThemeFactory() for _ in range(3)]
        make_orgs(3, themes)
        requests = [{}, {"q": "фонд", "theme": themes[0].code, "country": "KZ", "region": "KZ-75", "page": 2}]
        client.get(LIST_URL)  # fills the cached country/region choices, as any earlier visitor would have
        few = [count_queries(client, LIST_URL, **params) for params in requests]
        make_orgs(30, themes)
        for params, limit in zip(requests, few, strict=True):
            with django_assert_max_num_queries(limit):
                client.get(LIST_URL, params)
        with django_assert_max_num_queries(few[0]):
            client.get(LIST_URL, headers={"HX-Request": "true"})
        assert few[0] <= 7

    def test_person_list_does_not_grow_with_rows(self, client, django_assert_max_num_queries):
        orgs = make_orgs(3, [])
        for i in range(3):
            PositionFactory(organisation=orgs[i % 3], person=PersonFactory())
        few = count_queries(client, PEOPLE_URL)
        for i in range(30):
            unit = UnitFactory(organisation=orgs[i % 3])
            PositionFactory(organisation=orgs[i % 3], unit=unit, person=PersonFactory())
        with django_assert_max_num_queries(few):
            client.get(PEOPLE_URL)
        assert few <= 3

    def test_organisation_page_does_not_grow_with_rows(self, client, moderator, django_assert_max_num_queries):
        client.force_login(moderator)
        themes = [ThemeFactory() for _ in range(3)]
        network = NetworkFactory()
        network.themes.add(*themes)
        source = source_get_or_create(title="Отчёт", url="https://example.org/r")
        cite(obj=network, source=source)

        def grow(n):
            for i in range(n):
                member = OrganisationFactory()
                NetworkMembershipFactory(network=network, member=member)
                NetworkMembershipFactory(network=NetworkFactory(), member=network) if i % 5 == 0 else None
                unit = UnitFactory(organisation=network)
                UnitFactory(organisation=network, parent=unit)
                PositionFactory(organisation=network, unit=unit, person=PersonFactory())

        grow(2)
        few = count_queries(client, network.get_absolute_url())
        grow(30)
        with django_assert_max_num_queries(few):
            client.get(network.get_absolute_url())
        assert few <= 11

    def test_person_page_does_not_grow_with_rows(self, client, django_assert_max_num_queries):
        person = PersonFactory()
        PositionFactory(person=person)
        few = count_queries(client, person.get_absolute_url())
        for i in range(30):
            org = OrganisationFactory()
            PositionFactory(
                person=person,
                organisation=org,
                unit=UnitFactory(organisation=org),
                start_date="2001-01-01",
                end_date=None if i % 2 else "2002-01-01",
            )
        with django_assert_max_num_queries(few):
            client.get(person.get_absolute_url())
        assert few <= 2


# --- Roles and statuses ------------------------------------------------------------------------------------------


def test_representative_role_edits_only_its_organisation_even_with_several_memberships(client, org, other_org):
    user = UserFactory(email="two-hats@example.org")
    MembershipFactory(user=user, role=Role.REPRESENTATIVE, organisation=org)
    MembershipFactory(user=user, role=Role.EXPERT, organisation=None)
    client.force_login(user)
    assert client.get(reverse("registry:organisation-update", args=[org.pk])).status_code == 200
    assert client.get(reverse("registry:organisation-update", args=[other_org.pk])).status_code == 403


def test_inactive_organisation_is_marked_in_the_directory(client):
    OrganisationFactory(name_ru="Фонд «Закрыт»", status=OrganisationStatus.LIQUIDATED)
    html = client.get(LIST_URL).content.decode()
    assert "govuk-tag--grey" in html
