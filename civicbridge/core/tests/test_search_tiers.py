"""Tiered retrieval (core.search.query): the documents whose title holds every word come first, the others fill the
rest only when needed; pages and facets follow the tiers. The suite runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from civicbridge.core.models import SearchDocument
from civicbridge.core.search import query, reindex, rerank, search
from civicbridge.registry.models import Organisation
from civicbridge.registry.tests.factories import OrganisationFactory, RussianOrganisationFactory

pytestmark = pytest.mark.django_db


def org(name: str, description: str = "") -> Organisation:
    return OrganisationFactory(name_ru=name, name=name, description_ru=description)


def titles(q: str, **kwargs) -> list[str]:
    return [hit.card.title for hit in search(q, **kwargs).hits]


def test_a_title_match_outranks_a_denser_body_only_match():
    # Without tiers the short body that repeats the word wins on both ranking functions.
    org("Ассоциация «Берег»", "Волонтёры. Волонтёры волонтёров. Волонтер.")
    org("Центр волонтёров «Исток»", "Помогаем городу: субботники, праздники, уроки, походы, библиотека, музей и сад.")
    reindex()
    assert titles("волонтеры") == ["Центр волонтёров «Исток»", "Ассоциация «Берег»"]


def test_a_body_only_match_is_found_when_no_title_matches():
    org("Ассоциация «Берег»", "Объединяем волонтёров города")
    org("Фонд «Свет»", "Помогаем семьям")
    reindex()
    assert titles("волонтер") == ["Ассоциация «Берег»"]


def test_every_word_in_the_title_is_tier_one_one_word_in_the_title_is_not():
    org("Экология", "Чистая вода в каждом дворе. Чистая вода, чистая вода.")  # one word in the title
    org("Фонд «Чистая вода»", "Работаем в регионах, помогаем школам, больницам, библиотекам, паркам и музеям.")
    reindex()
    assert titles("чистая вода") == ["Фонд «Чистая вода»", "Экология"]


def test_pages_run_from_the_title_tier_into_the_body_tier():
    for i in range(3):
        org(f"Фонд номер {i}")
    for i in range(3):
        org(f"Ассоциация {i}", "Работаем как фонд")
    reindex()
    first, second, third = (search("фонд", page=page, per_page=2) for page in (1, 2, 3))
    assert first.total == second.total == third.total == 6
    assert [h.card.title for h in first.hits] == ["Фонд номер 0", "Фонд номер 1"]
    assert [h.card.title for h in second.hits] == ["Фонд номер 2", "Ассоциация 0"]
    assert [h.card.title for h in third.hits] == ["Ассоциация 1", "Ассоциация 2"]


def test_facets_past_the_cap_count_the_title_tier_first(monkeypatch):
    monkeypatch.setattr(query, "RESULT_CAP", 3)
    monkeypatch.setattr(query, "COUNT_CAP", 5)
    for i in range(3):
        org(f"Фонд {i}")
    for i in range(4):
        org(f"Ассоциация {i}", "Работаем как фонд")
    reindex()
    results = search("фонд")
    assert results.facets_capped and results.total == 5 and results.total_is_lower_bound
    assert {h.card.title for h in results.hits} == {"Фонд 0", "Фонд 1", "Фонд 2"}
    assert sum(v.count for g in results.facets if g.name == "kind" for v in g.values) == 3


def test_filters_apply_in_both_tiers():
    org("Фонд «Степь»")
    RussianOrganisationFactory(
        name_ru="Ассоциация «Волга»", name="Ассоциация «Волга»", description_ru="Работаем как фонд"
    )
    reindex()
    assert titles("фонд") == ["Фонд «Степь»", "Ассоциация «Волга»"]
    assert titles("фонд", filters={"country": ["RU"]}) == ["Ассоциация «Волга»"]
    assert titles("фонд", filters={"country": ["KZ"]}) == ["Фонд «Степь»"]
    assert titles("фонд", filters={"kind": ["practice"]}) == []


def test_a_tier_ranks_only_its_first_candidates_but_never_fewer_than_asked(monkeypatch):
    monkeypatch.setattr(query, "TIER_CANDIDATES", 2)
    for i in range(4):
        org(f"Фонд {i}")
    org("Ассоциация", "Работаем как фонд")
    reindex()
    results = search("фонд")
    assert results.total == 5  # the candidate bound is raised to what the page and the facets need
    assert [h.card.title for h in results.hits][-1] == "Ассоциация"


def test_values_of_one_facet_are_or_ed_in_both_tiers():
    org("Фонд «Степь»")
    RussianOrganisationFactory(
        name_ru="Ассоциация «Волга»", name="Ассоциация «Волга»", description_ru="Работаем как фонд"
    )
    reindex()
    assert titles("фонд", filters={"country": ["KZ", "RU"]}) == ["Фонд «Степь»", "Ассоциация «Волга»"]
    assert titles("фонд", filters={"country": ["KZ", "RU"], "kind": ["need"]}) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="facet_keys exists on PostgreSQL only")
def test_postgresql_facet_keys_follow_the_facet_rows(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        steppe = org("Фонд «Степь»")
    with django_capture_on_commit_callbacks(execute=True):
        steppe.name_ru = "Фонд «Широкая степь»"
        steppe.save()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.id, d.facet_keys, (SELECT array_agg(f.name || '=' || f.value) FROM core_searchfacet f "
            "WHERE f.document_id = d.id) FROM core_searchdocument d"
        )
        rows = cursor.fetchall()
    assert rows and all(sorted(keys) == sorted(facets) for _id, keys, facets in rows)
    assert any(key == "kind=organisation" for key in rows[0][1])


# --- The shared re-ranking of each tier's best results (core/search/rerank.py) ------------------------------------


def test_the_best_results_follow_the_shared_score_then_the_id():
    org("Фонд поддержки сельских школ степного региона")
    org("Фонд «Степь»")
    org("Фонд «Степь»")  # the same text: the same score, the older document first
    org("Фонд «Фонд»")  # the word twice in a title as short
    reindex()
    results = search("фонд")
    assert [h.card.title for h in results.hits] == [
        "Фонд «Фонд»",
        "Фонд «Степь»",
        "Фонд «Степь»",
        "Фонд поддержки сельских школ степного региона",
    ]
    assert [h.obj.pk for h in results.hits][1] < [h.obj.pk for h in results.hits][2]
    assert [h.score for h in results.hits] == sorted((h.score for h in results.hits), reverse=True)


def test_pages_agree_with_one_long_page_across_the_rerank_bound(monkeypatch):
    monkeypatch.setattr(rerank, "RERANK", 3)  # positions 0–2 of each tier re-ordered, the rest in backend order
    names = ["Фонд поддержки сельских школ", "Фонд", "Фонд «Фонд»", "Фонд помощи", "Фонд «Исток»"]
    for name in names:
        org(name)
    for i in range(3):
        org(f"Ассоциация {i}", "Работаем как фонд" + " и помогаем" * i)
    reindex()
    whole = titles("фонд", per_page=20)
    paged = [title for page in (1, 2, 3, 4) for title in titles("фонд", page=page, per_page=2)]
    assert paged == whole
    assert sorted(whole[:5]) == sorted(names)  # the title tier still comes first
    assert len(whole) == 8


def test_the_shared_score_counts_a_title_word_more_than_a_body_word_and_a_short_field_more_than_a_long_one():
    org("Экология")
    reindex()
    document = SearchDocument.objects.get()
    lexemes = query.parse("экология").lexemes
    title = rerank.scores([document], lexemes, query.WEIGHTS)[document.pk]
    document.title_ru, document.body_ru = "Фонд", "Экология"
    body = rerank.scores([document], lexemes, query.WEIGHTS)[document.pk]
    document.title_ru = "Экология " + "и природа " * 10
    long_title = rerank.scores([document], lexemes, query.WEIGHTS)[document.pk]
    assert title > long_title > body > 0
