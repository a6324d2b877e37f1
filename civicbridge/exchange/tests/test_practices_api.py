"""API of practices and adoptions: shapes, writes through the services, errors in one format, fixed query counts, and
the permission matrix for the API and the web pages alike (an NGO representative acts for their own organisation)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from civicbridge.exchange.choices import PracticeStatus
from civicbridge.exchange.models import Adoption, Practice
from civicbridge.exchange.services import adoptions as adoption_services
from civicbridge.exchange.services import practices as services
from civicbridge.registry.tests.factories import OrganisationFactory, RussianOrganisationFactory, ThemeFactory

from .factories import PracticeFactory
from .test_practices_support import Cast, editor_of, publish

pytestmark = pytest.mark.django_db

API = "/api/v1/exchange"


def client_for(user=None, language: str | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    if language:
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


@pytest.fixture
def cast():
    return Cast()


class TestPractices:
    def test_list_is_the_library_plus_ones_own(self, cast):
        titles = {row["title_ru"] for row in client_for().get(f"{API}/practices/").json()["results"]}
        assert titles == {cast.published.title_ru}
        titles = {row["title_ru"] for row in client_for(cast.author).get(f"{API}/practices/").json()["results"]}
        assert titles == {cast.published.title_ru, cast.draft.title_ru}

    def test_detail_has_every_version_links_and_spread(self, cast):
        adoption_services.adoption_record(actor=cast.adopter, **cast.adoption_args())
        data = client_for(language="en").get(f"{API}/practices/{cast.published.pk}/").json()
        assert data["problem_ru"] == cast.published.problem_ru and data["problem_kk"] is None
        assert data["adoption_count"] == 1 and data["status"] == "published"
        assert data["spread"] == {
            "total": 1,
            "countries": [{"country": "RU", "count": 1, "regions": [{"region": "RU-OMS", "count": 1}]}],
        }

    def test_filters(self, cast):
        cast.published.themes.set([ThemeFactory(code="ecology")])
        publish(PracticeFactory(organisation=cast.other))
        rows = client_for().get(f"{API}/practices/?theme=ecology").json()["results"]
        assert [row["id"] for row in rows] == [cast.published.pk]
        rows = client_for().get(f"{API}/practices/?country=RU").json()["results"]
        assert [row["organisation"] for row in rows] == [cast.other.pk]
        assert client_for().get(f"{API}/practices/?theme=nope").status_code == 400

    def test_create_update_and_the_workflow(self, cast):
        client = client_for(cast.author)
        response = client.post(
            f"{API}/practices/",
            {
                "organisation": cast.org.pk,
                "original_language": "kk",
                "title_kk": "Еріктілер мектебі",
                "problem_kk": "Еріктілер аз.",
                "solution_kk": "Оқытамыз.",
                "region": "KZ-71",
                "target_groups": ["youth"],
                "links": [{"url": "https://example.org/a", "title": "Әдістеме"}],
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        data = response.json()
        assert data["status"] == "draft" and data["original_language"] == "kk" and data["region"] == "KZ-71"
        assert data["links"] == [{"url": "https://example.org/a", "title": "Әдістеме"}]
        pk = data["id"]
        response = client.patch(f"{API}/practices/{pk}/", {"results_kk": "50 ерікті", "version": 1}, format="json")
        assert response.status_code == 200 and response.json()["version"] == 2
        assert client.post(f"{API}/practices/{pk}/submit/").json()["status"] == "submitted"
        assert client.post(f"{API}/practices/{pk}/publish/").status_code == 403
        moderator = client_for(cast.moderator, "en")
        response = moderator.post(f"{API}/practices/{pk}/return/", {}, format="json")
        assert response.status_code == 400 and "reason" in response.json()["errors"]
        response = moderator.post(f"{API}/practices/{pk}/return/", {"reason": "Цифры?"}, format="json")
        assert response.json()["status"] == "returned"
        client.post(f"{API}/practices/{pk}/submit/")
        assert moderator.post(f"{API}/practices/{pk}/publish/").json()["published_at"]
        assert client.post(f"{API}/practices/{pk}/archive/").json()["status"] == "archived"
        assert moderator.post(f"{API}/practices/{pk}/restore/").json()["status"] == "published"

    def test_errors_in_one_format_and_the_users_language(self, cast):
        client = client_for(cast.author, "en")
        response = client.post(
            f"{API}/practices/",
            {"organisation": cast.org.pk, "title_ru": "", "region": "RU-OMS", "links": [{"url": "javascript:x"}]},
            format="json",
        )
        assert response.status_code == 400
        errors = response.json()["errors"]
        assert {"title_ru", "region", "links"} <= set(errors)
        assert "is not a region of" in errors["region"][0]
        assert not Practice.objects.filter(organisation=cast.org, title_ru="").exists()

    def test_a_stale_version_is_refused(self, cast):
        client = client_for(cast.author, "en")
        client.patch(f"{API}/practices/{cast.draft.pk}/", {"results_ru": "1", "version": 1}, format="json")
        response = client.patch(f"{API}/practices/{cast.draft.pk}/", {"results_ru": "2", "version": 1}, format="json")
        assert response.status_code == 400 and "changed elsewhere" in str(response.json()["errors"])
        assert Practice.objects.get(pk=cast.draft.pk).results_ru == "1"

    def test_list_queries_do_not_grow(self, cast, django_assert_max_num_queries):
        client = client_for(cast.author)
        client.get(f"{API}/practices/")
        with django_assert_max_num_queries(8) as few:
            client.get(f"{API}/practices/")
        for _n in range(6):
            practice = publish(PracticeFactory(organisation=OrganisationFactory()))
            practice.themes.set([ThemeFactory(), ThemeFactory()])
        with django_assert_max_num_queries(len(few)):
            assert len(client.get(f"{API}/practices/").json()["results"]) == 8


class TestAdoptions:
    def _data(self, cast, **extra):
        return {
            "practice": cast.published.pk,
            "organisation": cast.other.pk,
            "adopted_on": "2026-05-01",
            "country": "RU",
            "region": "RU-OMS",
            "result": "40 детей",
            **extra,
        }

    def test_create_list_delete(self, cast):
        client = client_for(cast.adopter)
        response = client.post(f"{API}/adoptions/", self._data(cast), format="json")
        assert response.status_code == 201 and response.json()["region"] == "RU-OMS"
        rows = client_for().get(f"{API}/adoptions/?practice={cast.published.pk}").json()["results"]
        assert [row["organisation_name"] for row in rows] == [cast.other.name_ru]
        assert client_for(cast.author).delete(f"{API}/adoptions/{rows[0]['id']}/").status_code == 403
        assert client.delete(f"{API}/adoptions/{rows[0]['id']}/").status_code == 204
        assert not Adoption.objects.exists()

    def test_a_duplicate_is_a_clear_400(self, cast):
        client = client_for(cast.adopter, "en")
        client.post(f"{API}/adoptions/", self._data(cast), format="json")
        response = client.post(f"{API}/adoptions/", self._data(cast), format="json")
        assert response.status_code == 400
        assert "has already recorded adopting" in response.json()["errors"]["__all__"][0]

    def test_an_unpublished_practice_is_refused(self, cast):
        response = client_for(cast.adopter).post(f"{API}/adoptions/", self._data(cast, practice=cast.draft.pk))
        assert response.status_code == 400 and "practice" in response.json()["errors"]

    def test_list_queries_do_not_grow(self, cast, django_assert_max_num_queries):
        adoption_services.adoption_record(actor=cast.adopter, **cast.adoption_args())
        client = client_for()
        client.get(f"{API}/adoptions/")
        with django_assert_max_num_queries(4) as few:
            client.get(f"{API}/adoptions/")
        for _n in range(6):
            org = RussianOrganisationFactory()
            adoption_services.adoption_record(actor=editor_of(org), **cast.adoption_args(organisation=org, region=None))
        with django_assert_max_num_queries(len(few)):
            assert len(client.get(f"{API}/adoptions/").json()["results"]) == 7


# --- the permission matrix, web and API ------------------------------------------------------------------------------

ROLES = Cast.ROLES


def _api(cast, role, operation):
    client = client_for(cast.user(role))
    draft, published = cast.draft, cast.published
    if operation == "read_draft":
        return client.get(f"{API}/practices/{draft.pk}/").status_code
    if operation == "create_for_org":
        data = {"organisation": cast.org.pk, "title_ru": "Новая практика"}
        return client.post(f"{API}/practices/", data, format="json").status_code
    if operation == "change_draft":
        return client.patch(f"{API}/practices/{draft.pk}/", {"results_ru": "x"}, format="json").status_code
    if operation == "submit_draft":
        return client.post(f"{API}/practices/{draft.pk}/submit/").status_code
    if operation == "publish_submitted":
        services.practice_submit(actor=cast.author, practice=draft)
        return client.post(f"{API}/practices/{draft.pk}/publish/").status_code
    if operation == "adopt_for_other":
        data = {"practice": published.pk, "organisation": cast.other.pk, "adopted_on": "2026-05-01", "country": "RU"}
        return client.post(f"{API}/adoptions/", data, format="json").status_code
    raise AssertionError(operation)


API_MATRIX = {
    #                   anonymous citizen author adopter moderator admin
    "read_draft": (404, 404, 200, 404, 200, 200),
    "create_for_org": (401, 403, 201, 403, 403, 201),
    "change_draft": (401, 404, 200, 404, 403, 200),
    "submit_draft": (401, 404, 200, 404, 403, 200),
    "publish_submitted": (401, 404, 403, 404, 200, 200),
    "adopt_for_other": (401, 403, 403, 201, 403, 201),
}


@pytest.mark.parametrize(
    ("operation", "role", "expected"),
    [
        pytest.param(operation, role, codes[i], id=f"{operation}-{role}")
        for operation, codes in API_MATRIX.items()
        for i, role in enumerate(ROLES)
    ],
)
def test_api_permission_matrix(cast, operation, role, expected):
    assert _api(cast, role, operation) == expected


def _web(client, cast, role, operation):
    user = cast.user(role)
    if user is not None:
        client.force_login(user)
    draft = cast.draft
    if operation == "read_draft":
        return client.get(draft.get_absolute_url()).status_code
    if operation == "edit_draft":
        return client.get(reverse("exchange:practice-edit", args=[draft.pk])).status_code
    if operation == "submit_draft":
        client.post(reverse("exchange:practice-action", args=[draft.pk, "submit"]))
        return Practice.objects.get(pk=draft.pk).status
    if operation == "moderation_queue":
        return client.get(reverse("exchange:practice-moderation")).status_code
    if operation == "return_page":
        services.practice_submit(actor=cast.author, practice=draft)
        return client.get(reverse("exchange:practice-return", args=[draft.pk])).status_code
    raise AssertionError(operation)


D, S = PracticeStatus.DRAFT, PracticeStatus.SUBMITTED
WEB_MATRIX = {
    #                   anonymous citizen author adopter moderator admin
    "read_draft": (404, 404, 200, 404, 200, 200),
    "edit_draft": (302, 404, 200, 404, 403, 200),
    "submit_draft": (D, D, S, D, D, S),
    "moderation_queue": (302, 403, 403, 403, 200, 200),
    "return_page": (302, 404, 403, 404, 200, 200),
}


@pytest.mark.parametrize(
    ("operation", "role", "expected"),
    [
        pytest.param(operation, role, codes[i], id=f"{operation}-{role}")
        for operation, codes in WEB_MATRIX.items()
        for i, role in enumerate(ROLES)
    ],
)
def test_web_permission_matrix(client, cast, operation, role, expected):
    assert _web(client, cast, role, operation) == expected
