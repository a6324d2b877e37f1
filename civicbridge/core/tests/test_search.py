"""The platform search on the current database (the suite runs on SQLite and on PostgreSQL): morphology, ё, Kazakh,
English, hostile queries, what is never found, keeping the index fresh, facets."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation

from civicbridge.core.models import SearchDocument, SearchFacet
from civicbridge.core.search import query, reindex, search
from civicbridge.core.search.kazakh import stem as kk_stem
from civicbridge.exchange.choices import ListingKind, ListingStatus, PracticeStatus
from civicbridge.exchange.services.listings import listing_close
from civicbridge.exchange.services.practices import practice_publish, practice_submit
from civicbridge.exchange.tests.factories import ListingFactory, PracticeFactory
from civicbridge.registry.choices import OrganisationKind, OrganisationStatus
from civicbridge.registry.models import Organisation
from civicbridge.registry.tests.factories import OrganisationFactory, RussianOrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def titles(q: str, **kwargs) -> list[str]:
    return [hit.card.title for hit in search(q, **kwargs).hits]


def org(name: str, description: str = "", **fields) -> Organisation:
    return OrganisationFactory(name_ru=name, name=name, description_ru=description, **fields)


def published(**fields):
    return PracticeFactory(status=PracticeStatus.PUBLISHED, published_at=timezone.now(), **fields)


# --- Morphology, ё, Kazakh, English -----------------------------------------------------------------------------

MATCHES = [
    ("волонтёров", "Школа волонтер", "Помогаем людям"),
    ("волонтер", "Фонд «Помощь»", "Объединяем волонтёров города"),
    ("инклюзивное", "Инклюзивный центр", ""),
    ("инклюзивное", "Центр «Радуга»", "Инклюзивная смена лагеря"),
    ("ёлка", "Новогодняя елка", ""),
    ("елка", "Новогодняя ёлка", ""),
    ("volunteering", "Volunteers of Almaty", ""),
    ("ФОНД", "Общественный фонд «Свет»", ""),
]


@pytest.mark.parametrize(("q", "name", "description"), MATCHES)
def test_a_word_finds_its_other_forms(q, name, description):
    org(name, description)
    reindex()
    assert titles(q) == [name]


NO_MATCHES = [
    ("инклюзивное", "Центр инклюзии"),  # инклюзия → «инклюз», инклюзивное → «инклюзивн»: another stem
    ("инк", "Инклюзивный центр"),  # no prefix search
    ("волон", "Школа волонтеров"),
    ("фонды", "Фондовая биржа"),
]


@pytest.mark.parametrize(("q", "name"), NO_MATCHES)
def test_only_a_real_stem_matches_not_any_prefix(q, name):
    org(name)
    reindex()
    assert titles(q) == []


def test_every_word_must_match():
    org("Фонд «Чистая вода»")
    org("Фонд «Свет»")
    reindex()
    assert titles("фонд вода") == ["Фонд «Чистая вода»"]


@pytest.mark.parametrize(
    ("q", "name_kk", "description_kk"),
    [("еріктілерге", "Еріктілер орталығы", ""), ("еріктілер", "Жастар ұйымы", "Еріктілерді біріктіреді")],
)
def test_kazakh_texts_are_cut_by_the_kazakh_stripper(q, name_kk, description_kk):
    OrganisationFactory(name_ru="Центр", name="Центр", name_kk=name_kk, description_kk=description_kk)
    reindex()
    assert titles(q) == ["Центр"]


def test_kazakh_and_english_versions_are_searched():
    name = "Центр «Ерікті»"
    OrganisationFactory(name_ru=name, name=name, name_en="Volunteer Centre", name_kk="Еріктілер")
    reindex()
    assert titles("еріктілердің") == titles("volunteers") == [name]


def test_kazakh_stripper_cuts_inflections_to_one_stem():
    assert len({kk_stem(w) for w in ["еріктілер", "еріктілерге", "еріктілердің", "ерікті"]}) == 1
    assert kk_stem("ұйымдар") == kk_stem("ұйымның") == "ұйым"
    assert kk_stem("бала") == "бала"  # short words keep three letters at least


def test_title_weighs_more_than_body():
    org("Фонд «Свет»", "Экология степи и чистая вода")
    org("Экология степи", "Помогаем людям")
    reindex()
    assert titles("экология") == ["Экология степи", "Фонд «Свет»"]


def test_snippet_marks_the_matched_forms_and_escapes_html():
    org("Фонд «Свет»", "<script>alert(1)</script> Объединяем <b>волонтёров</b> & доноров.")
    reindex()
    snippet = str(search("волонтеры").hits[0].snippet)
    assert "<mark>волонтёров</mark>" in snippet
    assert "<script" not in snippet and "<b>" not in snippet and "& " not in snippet


# --- Hostile input ------------------------------------------------------------------------------------------------

SPECIAL = ['"', "*", ":", "&", "|", "!", "(", ")", "'", "\\", "-", "^", "NEAR", "AND", "OR", "NOT", "NEAR(a b)"]
SPECIAL += ['фонд"', "фонд*", "фонд:*", "фонд & свет", "фонд | свет", "!фонд", "(фонд", "фонд)", "'фонд'", "фонд\\"]
SPECIAL += ["-фонд", "^фонд", "фонд NEAR свет", "фонд AND свет", "фонд OR свет", "NOT фонд", "title:фонд", "a:b:c"]
SPECIAL += ["%", "_", "%%", "';DROP TABLE core_searchdocument;--", "\x00", "фонд\x00свет", "<>", "{title}: фонд"]


@pytest.mark.parametrize("q", SPECIAL)
def test_special_characters_never_break_the_search(q):
    org("Фонд «Свет»")
    reindex()
    results = search(q)
    assert results.hits == [] or [hit.card.title for hit in results.hits] == ["Фонд «Свет»"]
    assert results.hits or results.messages or results.total == 0


def test_operators_are_words_not_syntax():
    org("Фонд «Свет»")
    org("Фонд «Near»")
    reindex()
    assert titles("фонд OR свет") == ["Фонд «Свет»"]  # OR is an English stop word; both other words must match
    assert titles("NEAR") == ["Фонд «Near»"]


def test_empty_query_gives_no_results_and_no_error():
    org("Фонд «Свет»")
    reindex()
    for q in ["", "   ", None]:
        results = search(q)
        assert results.empty_query and results.hits == [] and results.messages == []


@translation.override("en")
def test_a_query_of_symbols_or_stop_words_says_why_nothing_was_searched():
    assert search("!!! ???").messages == ["Type words to search for: punctuation and symbols are ignored."]
    assert "only very common words" in search("и в на").messages[0]


@translation.override("en")
def test_a_huge_query_is_cut_to_a_few_words():
    org("Фонд «Свет»")
    reindex()
    results = search("свет " + "слово" * 2000 + " " + " ".join(f"слово{i}" for i in range(3000)))
    assert len(results.query.words) <= query.MAX_TERMS
    assert results.messages and "first 10 words" in results.messages[0]
    results = search("фонд " * 5000)
    assert results.query.words == ["фонд"] and titles("фонд " * 5000) == ["Фонд «Свет»"]


# --- What is never found ------------------------------------------------------------------------------------------


def test_drafts_closed_listings_and_liquidated_organisations_are_not_found():
    draft = PracticeFactory(title_ru="Летний лагерь черновик")
    submitted = PracticeFactory(title_ru="Летний лагерь на модерации", status=PracticeStatus.SUBMITTED)
    public = published(title_ru="Летний лагерь опубликован")
    ListingFactory(title_ru="Лагерь закрыт", status=ListingStatus.CLOSED)
    ListingFactory(title_ru="Лагерь открыт", kind=ListingKind.OFFER)
    org("Лагерь ликвидирован", status=OrganisationStatus.LIQUIDATED)
    reindex()
    assert sorted(titles("лагерь")) == sorted([public.title_ru, "Лагерь открыт"])
    assert draft.pk and submitted.pk
    assert not SearchDocument.objects.filter(title_ru__in=["Лагерь закрыт", "Лагерь ликвидирован"]).exists()


# --- Keeping the index fresh --------------------------------------------------------------------------------------


def test_saving_renaming_and_deleting_reindex_the_record_on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        found = org("Фонд «Свет»")
    assert titles("свет") == ["Фонд «Свет»"]
    with django_capture_on_commit_callbacks(execute=True):
        found.name_ru = found.name = "Фонд «Заря»"
        found.save()
    assert titles("свет") == [] and titles("заря") == ["Фонд «Заря»"]
    with django_capture_on_commit_callbacks(execute=True):
        found.delete()
    assert titles("заря") == [] and not SearchDocument.objects.exists() and not SearchFacet.objects.exists()


def test_nothing_is_indexed_before_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        org("Фонд «Свет»")
        assert titles("свет") == []
    assert callbacks


def test_publishing_closing_and_theme_changes_follow_the_record(django_capture_on_commit_callbacks, admin_user):
    inclusion = ThemeFactory(code="inclusion", name_ru="Инклюзия")
    with django_capture_on_commit_callbacks(execute=True):
        practice = PracticeFactory(title_ru="Инклюзивный лагерь")
    assert titles("лагерь") == []
    with django_capture_on_commit_callbacks(execute=True):
        practice_submit(actor=admin_user, practice=practice)
        practice_publish(actor=admin_user, practice=practice)
    assert titles("лагерь") == ["Инклюзивный лагерь"]
    with django_capture_on_commit_callbacks(execute=True):
        practice.themes.add(inclusion)
    assert titles("лагерь", filters={"theme": ["inclusion"]}) == ["Инклюзивный лагерь"]
    with django_capture_on_commit_callbacks(execute=True):
        inclusion.practices.remove(practice)  # from the other side
    assert titles("лагерь", filters={"theme": ["inclusion"]}) == []
    with django_capture_on_commit_callbacks(execute=True):
        listing = ListingFactory(title_ru="Нужен лагерь")
    assert "Нужен лагерь" in titles("лагерь")
    with django_capture_on_commit_callbacks(execute=True):
        listing_close(actor=admin_user, listing=listing)
    assert "Нужен лагерь" not in titles("лагерь")


def test_an_organisation_change_reaches_its_practices(django_capture_on_commit_callbacks):
    practice = published(title_ru="Школа доноров")
    reindex()
    assert titles("доноров", filters={"org_kind": ["network"]}) == []
    with django_capture_on_commit_callbacks(execute=True):
        practice.organisation.kind = OrganisationKind.NETWORK
        practice.organisation.save()
    assert titles("доноров", filters={"org_kind": ["network"]}) == ["Школа доноров"]


def test_reindex_command_rebuilds_one_model_or_all(capsys):
    from django.core.management import call_command

    org("Фонд «Свет»")
    published(title_ru="Свет в окне")
    call_command("reindex", "--model", "registry.Organisation")
    assert titles("свет") == ["Фонд «Свет»"]
    call_command("reindex")
    assert sorted(titles("свет")) == ["Свет в окне", "Фонд «Свет»"]
    assert "Search index rebuilt: 2 documents." in capsys.readouterr().out


# --- Facets -------------------------------------------------------------------------------------------------------


def test_facets_count_the_matches_and_filters_combine():
    ecology = ThemeFactory(code="ecology", name_ru="Экология")
    kz = org("Фонд «Степь»")
    kz.themes.add(ecology)
    RussianOrganisationFactory(name_ru="Фонд «Волга»", name="Фонд «Волга»")
    published(title_ru="Фонд идей", organisation=kz)
    ListingFactory(title_ru="Ищем фонд", kind=ListingKind.NEED, organisation=kz)
    reindex()
    results = search("фонд")
    counts = {group.name: {v.value: v.count for v in group.values} for group in results.facets}
    assert counts["kind"] == {"organisation": 2, "practice": 1, "need": 1}
    assert counts["country"] == {"KZ": 3, "RU": 1}
    assert counts["theme"] == {"ecology": 1}
    assert counts["language"] == {"ru": 4}
    labels = {group.name: {v.value: v.label for v in group.values} for group in results.facets}
    assert labels["theme"] == {"ecology": "Экология"} and labels["country"]["KZ"] == "Казахстан"
    assert titles("фонд", filters={"country": ["RU"]}) == ["Фонд «Волга»"]
    assert sorted(titles("фонд", filters={"kind": ["practice", "need"]})) == ["Ищем фонд", "Фонд идей"]
    assert titles("фонд", filters={"kind": ["organisation"], "theme": ["ecology"]}) == ["Фонд «Степь»"]
    chosen = search("фонд", filters={"country": ["RU"], "kind": ["practice"]})
    assert chosen.hits == [] and any(v.selected for g in chosen.facets for v in g.values)


def test_unknown_filters_and_values_are_ignored_or_match_nothing():
    org("Фонд «Свет»")
    reindex()
    assert titles("фонд", filters={"colour": ["red"]}) == ["Фонд «Свет»"]
    assert titles("фонд", filters={"country": ["'; --", "x" * 500]}) == []


def test_pages_of_results():
    for i in range(25):
        org(f"Фонд номер {i}")
    reindex()
    first, second = search("фонд"), search("фонд", page=2)
    assert first.total == second.total == 25
    assert len(first.hits) == 20 and len(second.hits) == 5
    assert {h.obj.pk for h in first.hits}.isdisjoint({h.obj.pk for h in second.hits})
    assert len(search("фонд", page="abc").hits) == 20 and len(search("фонд", page=99).hits) == 5


def test_results_past_the_cap_count_as_a_lower_bound(monkeypatch):
    monkeypatch.setattr(query, "RESULT_CAP", 3)
    monkeypatch.setattr(query, "COUNT_CAP", 4)
    for i in range(6):
        org(f"Фонд {i}")
    reindex()
    results = search("фонд")
    assert results.facets_capped and results.total == 4 and results.total_is_lower_bound
    assert sum(v.count for g in results.facets if g.name == "kind" for v in g.values) == 3
