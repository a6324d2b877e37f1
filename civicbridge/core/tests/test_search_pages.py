"""The /search/ page and /api/v1/search/: results, facets, hostile input and a fixed number of queries."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from civicbridge.core.search import reindex
from civicbridge.exchange.choices import ListingKind, PracticeStatus
from civicbridge.exchange.tests.factories import ListingFactory, PracticeFactory
from civicbridge.registry.tests.factories import OrganisationFactory, ThemeFactory

from .test_search import SPECIAL

pytestmark = pytest.mark.django_db


def make(n: int) -> None:
    """n organisations, n published practices and n offers that all match «лагерь», with themes."""
    theme = ThemeFactory(code="inclusion", name_ru="Инклюзия")
    for i in range(n):
        org = OrganisationFactory(name_ru=f"Лагерь «Радуга {i}»", name=f"Лагерь «Радуга {i}»")
        org.themes.add(theme)
        now = timezone.now()
        practice = PracticeFactory(
            title_ru=f"Летний лагерь {i}", organisation=org, status=PracticeStatus.PUBLISHED, published_at=now
        )
        practice.themes.add(theme)
        ListingFactory(title_ru=f"Методика лагеря {i}", organisation=org, kind=ListingKind.OFFER)
    reindex()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_page_shows_hits_with_badges_snippets_and_facets(client):
    make(2)
    response = client.get("/search/?q=" + quote("лагеря"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "6 результатов" in page or "6 results" in page
    assert "Летний лагерь 0" in page and "Лагерь «Радуга 1»" in page and "Методика лагеря 1" in page
    assert "<mark>" in page and 'name="theme" type="checkbox" value="inclusion"' in page
    assert "govuk-tag" in page and 'id="header-search"' in page


def test_the_page_filters_by_ticked_facets_and_htmx_gets_the_results_only(client):
    make(2)
    response = client.get("/search/?q=" + quote("лагерь") + "&kind=offer", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and "Методика лагеря 0" in page and "Летний лагерь 0" not in page
    assert 'value="offer" checked' in page
    assert response.headers["Vary"].count("HX-Request") == 1


def test_the_empty_page_helps_and_a_search_without_matches_says_what_to_do(client):
    page = client.get("/search/").content.decode()
    assert 'id="search-q"' in page and "govuk-list--bullet" in page
    english = client.get("/search/?q=" + quote("несуществующееслово"), headers={"Accept-Language": "en"})
    assert "Nothing matches your search." in english.content.decode()


@pytest.mark.parametrize("q", [*SPECIAL, "x" * 10_000, " ".join(["слово"] * 3000)])
def test_hostile_queries_answer_200_on_the_page_and_the_api(client, q):
    make(1)
    assert client.get("/search/", {"q": q}).status_code == 200
    response = client.get("/api/v1/search/", {"q": q})
    assert response.status_code == 200 and isinstance(response.json()["results"], list)


def test_the_page_in_kazakh_and_english(client):
    make(1)
    for language, word in [("kk", "Іздеу"), ("en", "Search")]:
        page = client.get("/search/?q=" + quote("лагерь"), headers={"Accept-Language": language}).content.decode()
        assert word in page


def test_the_page_costs_the_same_queries_for_many_hits(client):
    make(2)
    url = "/search/?q=" + quote("лагерь") + "&theme=inclusion"
    few = queries(client, url)
    make_more = [OrganisationFactory(name_ru=f"Лагерь {i}", name=f"Лагерь {i}") for i in range(30)]
    assert make_more
    reindex()
    assert queries(client, url) == few and queries(client, url + "&page=2") <= few


def test_the_api_answers_hits_facets_and_pages(client):
    make(9)  # 27 hits: two pages of 20
    response = client.get("/api/v1/search/", {"q": "лагерь", "kind": ["practice", "offer"], "page_size": 5})
    data = response.json()
    assert data["count"] == 18 and len(data["results"]) == 5 and data["previous"] is None
    assert "page=2" in data["next"]
    hit = data["results"][0]
    assert set(hit) == {"kind", "id", "title", "url", "snippet", "score", "organisation", "place"}
    assert hit["kind"] in ("practice", "offer") and hit["organisation"]["name"].startswith("Лагерь")
    facets = {f["name"]: {v["value"]: v["count"] for v in f["values"]} for f in data["facets"]}
    assert facets["kind"] == {"practice": 9, "offer": 9} and facets["theme"] == {"inclusion": 9}
    second = client.get(data["next"]).json()
    seen = {(h["kind"], h["id"]) for h in data["results"]}
    assert second["previous"] and seen.isdisjoint((h["kind"], h["id"]) for h in second["results"])


def test_the_api_costs_the_same_queries_for_many_hits(client):
    make(2)
    url = "/api/v1/search/?q=" + quote("лагерь")
    few = queries(client, url)
    make(6)
    assert queries(client, url) == few


def test_the_api_is_in_the_schema(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    parameters = {p["name"] for p in schema["paths"]["/api/v1/search/"]["get"]["parameters"]}
    assert {"q", "kind", "theme", "country", "region", "language", "page"} <= parameters
