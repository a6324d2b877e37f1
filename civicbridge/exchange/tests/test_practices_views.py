"""Pages of practices and adoptions: the library and its filters, a practice in its language versions with its spread,
writing and editing, moderation, recording adoptions; errors in the reader's language; queries that do not grow."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from civicbridge.exchange.choices import PracticeStatus
from civicbridge.exchange.models import Adoption, Practice
from civicbridge.exchange.services import adoptions as adoption_services
from civicbridge.exchange.services import practices as services
from civicbridge.registry.models import Region
from civicbridge.registry.tests.factories import OrganisationFactory, RussianOrganisationFactory, ThemeFactory

from .factories import PracticeFactory
from .test_practices_support import Cast, editor_of, publish

pytestmark = pytest.mark.django_db

LIST = reverse("exchange:practice-list")
NEW = reverse("exchange:practice-create")
QUEUE = reverse("exchange:practice-moderation")


@pytest.fixture
def cast():
    return Cast()


def _signed_in(client, user, language: str | None = None):
    client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client


def _adopt_many(practice, count: int) -> None:
    for _n in range(count):
        org = RussianOrganisationFactory()
        adoption_services.adoption_record(
            actor=editor_of(org), practice=practice, organisation=org, adopted_on=date(2026, 1, 5), country="RU"
        )


class TestLibrary:
    def test_lists_published_practices_only(self, client, cast):
        page = client.get(LIST).content.decode()
        assert cast.published.title_ru in page and cast.draft.title_ru not in page

    def test_filters_by_theme_country_and_language(self, client, cast):
        theme = ThemeFactory(code="ecology")
        services.practice_update(actor=cast.author, practice=cast.published, fields={"title_en": "Clean rivers"})
        cast.published.themes.set([theme])
        other = publish(PracticeFactory(organisation=cast.other))
        for query, shown, hidden in [
            ("theme=ecology", cast.published, other),
            ("country=RU", other, cast.published),
            ("language=en", cast.published, other),
            (f"organisation={cast.other.pk}", other, cast.published),
        ]:
            page = client.get(f"{LIST}?{query}").content.decode()
            assert shown.title_ru in page and hidden.title_ru not in page, query

    def test_orders_by_adoptions(self, client, cast):
        newer = publish(PracticeFactory(organisation=cast.org))
        _adopt_many(cast.published, 2)
        page = client.get(f"{LIST}?order=adopted").content.decode()
        assert page.index(cast.published.title_ru) < page.index(newer.title_ru)
        page = client.get(LIST).content.decode()
        assert page.index(newer.title_ru) < page.index(cast.published.title_ru)

    def test_htmx_gets_only_the_results(self, client, cast):
        response = client.get(LIST, headers={"HX-Request": "true"})
        assert b"<html" not in response.content and cast.published.title_ru.encode() in response.content

    def test_a_bad_filter_value_is_not_an_error(self, client, cast):
        assert client.get(f"{LIST}?theme=nope&country=XX&order=zzz&page=999").status_code == 200

    def test_queries_do_not_grow_with_rows(self, client, cast, django_assert_max_num_queries):
        client.get(LIST)
        with django_assert_max_num_queries(8) as few:
            client.get(LIST)
        for _n in range(6):
            practice = publish(PracticeFactory(organisation=OrganisationFactory()))
            practice.themes.set([ThemeFactory(), ThemeFactory()])
            _adopt_many(practice, 1)
        with django_assert_max_num_queries(len(few)):
            client.get(LIST)


class TestPracticePage:
    def test_published_is_public_drafts_are_not_found(self, client, cast):
        assert client.get(cast.published.get_absolute_url()).status_code == 200
        assert client.get(cast.draft.get_absolute_url()).status_code == 404
        assert _signed_in(client, cast.adopter).get(cast.draft.get_absolute_url()).status_code == 404
        assert _signed_in(client, cast.author).get(cast.draft.get_absolute_url()).status_code == 200
        assert _signed_in(client, cast.moderator).get(cast.draft.get_absolute_url()).status_code == 200

    def test_shows_the_readers_language_version_and_the_others(self, client, cast):
        services.practice_update(
            actor=cast.author, practice=cast.published, fields={"title_en": "Inclusive camp", "problem_en": "No camps."}
        )
        url = cast.published.get_absolute_url()
        page = client.get(url, headers={"Accept-Language": "en"}).content.decode()
        assert "Inclusive camp" in page and "No camps." in page and "Original language: Russian" in page
        assert '?lang=ru"' in page
        page = client.get(f"{url}?lang=ru", headers={"Accept-Language": "en"}).content.decode()
        assert '<h1 class="govuk-heading-xl" lang="ru">' + cast.published.title_ru in page
        # No Kazakh version: a Kazakh reader gets the original, not a mix.
        page = client.get(url, headers={"Accept-Language": "kk"}).content.decode()
        assert cast.published.problem_ru in page

    def test_shows_the_spread_by_country_and_region(self, client, cast):
        adoption_services.adoption_record(actor=cast.adopter, **cast.adoption_args())
        _adopt_many(cast.published, 2)
        page = client.get(cast.published.get_absolute_url(), headers={"Accept-Language": "en"}).content.decode()
        assert "Adopted 3 times" in page and "in 1 country" in page
        with translation.override("en"):
            region = Region.objects.get(code="RU-OMS").name
        assert region in page and cast.other.name_ru in page
        # One scale for all bars: Russia 3 of 3, no region given 2 of 3, Omsk 1 of 3 (in 5 % steps).
        assert {"cb-bar--100", "cb-bar--65", "cb-bar--35"} <= set(re.findall(r"cb-bar--\d+", page))

    def test_history_for_authors_and_moderators_only(self, client, cast):
        url = cast.published.get_absolute_url()
        assert 'id="practice-history"' not in client.get(url).content.decode()
        assert 'id="practice-history"' in _signed_in(client, cast.author).get(url).content.decode()
        page = _signed_in(client, cast.moderator).get(url).content.decode()
        assert 'id="practice-history"' in page and str(cast.moderator) in page

    def test_queries_do_not_grow_with_adoptions(self, client, cast, django_assert_max_num_queries):
        _signed_in(client, cast.adopter)
        url = cast.published.get_absolute_url()
        _adopt_many(cast.published, 1)
        client.get(url)
        with django_assert_max_num_queries(30) as few:
            client.get(url)
        _adopt_many(cast.published, 8)
        with django_assert_max_num_queries(len(few)):
            assert client.get(url).status_code == 200


class TestWriting:
    def _data(self, cast, **extra):
        return {
            "organisation": cast.org.pk,
            "original_language": "ru",
            "country": "KZ",
            "region": "KZ-75",
            "title_ru": "Школа волонтёров",
            "problem_ru": "Мало волонтёров.",
            "themes": [],
            "links": "https://example.org/a Методичка",
            **extra,
        }

    def test_write_a_draft(self, client, cast):
        response = _signed_in(client, cast.author).post(NEW, self._data(cast))
        practice = Practice.objects.get(title_ru="Школа волонтёров")
        assert response.status_code == 302 and response.url == practice.get_absolute_url()
        assert practice.status == PracticeStatus.DRAFT and practice.links.get().title == "Методичка"

    def test_only_representatives_may_write(self, client, cast):
        assert client.get(NEW).status_code == 302  # to sign in
        assert _signed_in(client, cast.citizen).get(NEW).status_code == 403
        response = _signed_in(client, cast.author).post(NEW, self._data(cast, organisation=cast.other.pk))
        assert response.status_code == 400 and not Practice.objects.filter(organisation=cast.other).exists()

    @pytest.mark.parametrize(
        ("language", "required", "choice"),
        [
            ("ru", "Обязательное поле.", "Выберите корректный вариант."),
            ("kk", "Бұл өрісті толтыру міндетті.", "Дұрыс нұсқаны таңдаңыз."),
            ("en", "This field is required.", "Select a valid choice."),
        ],
    )
    def test_errors_in_the_readers_language(self, client, cast, language, required, choice):
        _signed_in(client, cast.author, language)
        response = client.post(NEW, self._data(cast, country=""))
        assert response.status_code == 400 and required in response.content.decode()
        response = client.post(NEW, self._data(cast, region="RU-OMS"))  # not a region of Kazakhstan
        page = response.content.decode()
        assert response.status_code == 400 and "govuk-error-summary" in page and choice in page
        assert not Practice.objects.filter(title_ru="Школа волонтёров").exists()

    def test_the_services_refusal_is_shown_in_the_readers_language(self, client, cast):
        _signed_in(client, cast.author, "en")
        response = client.post(NEW, self._data(cast, original_language="kk"))  # no Kazakh title
        page = response.content.decode()
        assert response.status_code == 400 and "Enter the title in the original language (Kazakh)" in page

    def test_edit_with_a_stale_version_is_refused(self, client, cast):
        _signed_in(client, cast.author)
        url = reverse("exchange:practice-edit", args=[cast.draft.pk])
        assert client.get(url).status_code == 200
        data = self._data(cast, version=1, title_ru="Новое название")
        data.pop("organisation")
        assert client.post(url, data).status_code == 302
        data["title_ru"] = "Ещё одно"
        response = client.post(url, data, headers={"Accept-Language": "en"})
        assert response.status_code == 409
        assert Practice.objects.get(pk=cast.draft.pk).title_ru == "Новое название"

    def test_others_cannot_edit(self, client, cast):
        url = reverse("exchange:practice-edit", args=[cast.draft.pk])
        assert _signed_in(client, cast.adopter).get(url).status_code == 404

    def test_attach_a_file(self, client, cast):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from .test_practices_services import PDF

        url = reverse("exchange:practice-edit", args=[cast.draft.pk])
        upload = SimpleUploadedFile("метод.pdf", PDF, content_type="application/pdf")
        response = _signed_in(client, cast.author).post(url, {"upload": "1", "file": upload})
        assert response.status_code == 302 and cast.draft.documents.count() == 1
        document = cast.draft.documents.get()
        assert client.post(url, {"remove_document": document.pk}).status_code == 302
        assert not cast.draft.documents.exists()


class TestModeration:
    def _action(self, practice, action):
        return reverse("exchange:practice-action", args=[practice.pk, action])

    def test_submit_publish_return(self, client, cast):
        _signed_in(client, cast.author).post(self._action(cast.draft, "submit"))
        assert Practice.objects.get(pk=cast.draft.pk).status == PracticeStatus.SUBMITTED
        # The author cannot publish their own.
        assert client.post(self._action(cast.draft, "publish")).status_code == 403
        _signed_in(client, cast.moderator)
        assert cast.draft.title_ru in client.get(QUEUE).content.decode()
        return_url = reverse("exchange:practice-return", args=[cast.draft.pk])
        response = client.post(return_url, {"reason": ""}, headers={"Accept-Language": "en"})
        assert response.status_code == 400 and "This field is required." in response.content.decode()
        assert client.post(return_url, {"reason": "Добавьте цифры."}).status_code == 302
        assert Practice.objects.get(pk=cast.draft.pk).status == PracticeStatus.RETURNED
        _signed_in(client, cast.author).post(self._action(cast.draft, "submit"))
        _signed_in(client, cast.moderator).post(self._action(cast.draft, "publish"))
        assert Practice.objects.get(pk=cast.draft.pk).status == PracticeStatus.PUBLISHED

    def test_a_refused_action_is_explained(self, client, cast):
        practice = PracticeFactory(organisation=cast.org, problem_ru="")
        response = _signed_in(client, cast.author, "en").post(self._action(practice, "submit"), follow=True)
        assert "Describe the problem the practice solves" in response.content.decode()
        assert Practice.objects.get(pk=practice.pk).status == PracticeStatus.DRAFT

    def test_the_queue_is_for_moderators(self, client, cast, django_assert_max_num_queries):
        assert client.get(QUEUE).status_code == 302
        assert _signed_in(client, cast.author).get(QUEUE).status_code == 403
        services.practice_submit(actor=cast.author, practice=cast.draft)
        _signed_in(client, cast.moderator)
        client.get(QUEUE)
        with django_assert_max_num_queries(8) as few:
            client.get(QUEUE)
        for _n in range(5):
            practice = PracticeFactory(organisation=OrganisationFactory())
            services.practice_submit(actor=editor_of(practice.organisation), practice=practice)
        with django_assert_max_num_queries(len(few)):
            assert client.get(QUEUE).status_code == 200


class TestAdoptions:
    def _data(self, cast, **extra):
        return {
            "organisation": cast.other.pk,
            "adopted_on": "2026-05-01",
            "country": "RU",
            "region": "RU-OMS",
            "place": "Омск",
            "result": "",
            **extra,
        }

    def test_record_an_adoption(self, client, cast):
        url = reverse("exchange:practice-adopt", args=[cast.published.pk])
        page = _signed_in(client, cast.adopter).get(cast.published.get_absolute_url()).content.decode()
        assert 'id="adopt"' in page
        assert client.post(url, self._data(cast)).status_code == 302
        assert Adoption.objects.get().organisation == cast.other

    def test_a_duplicate_is_explained_in_the_readers_language(self, client, cast):
        url = reverse("exchange:practice-adopt", args=[cast.published.pk])
        _signed_in(client, cast.adopter, "en")
        client.post(url, self._data(cast))
        response = client.post(url, self._data(cast))
        assert response.status_code == 400 and "has already recorded adopting" in response.content.decode()
        assert Adoption.objects.count() == 1

    def test_bad_date_in_three_languages(self, client, cast):
        url = reverse("exchange:practice-adopt", args=[cast.published.pk])
        for language, message in [
            ("ru", "Введите правильную дату."),
            ("kk", "Күнді дұрыс енгізіңіз."),
            ("en", "Enter a valid date."),
        ]:
            response = _signed_in(client, cast.adopter, language).post(url, self._data(cast, adopted_on="31.02.2026"))
            assert response.status_code == 400 and message in response.content.decode()
        assert not Adoption.objects.exists()

    def test_no_form_for_people_who_act_for_no_organisation(self, client, cast):
        page = _signed_in(client, cast.citizen).get(cast.published.get_absolute_url()).content.decode()
        assert 'id="adopt"' not in page
        url = reverse("exchange:practice-adopt", args=[cast.published.pk])
        assert client.post(url, self._data(cast)).status_code == 400
        assert not Adoption.objects.exists()

    def test_delete(self, client, cast):
        adoption = adoption_services.adoption_record(actor=cast.adopter, **cast.adoption_args())
        url = reverse("exchange:adoption-delete", args=[adoption.pk])
        assert _signed_in(client, cast.author).post(url).status_code == 403
        assert _signed_in(client, cast.adopter).post(url).status_code == 302
        assert not Adoption.objects.exists()


class TestOrganisationPages:
    def test_the_registry_page_loads_practices_and_adoptions(self, client, cast):
        summary = reverse("exchange:organisation-practices-summary", args=[cast.org.pk])
        assert summary in client.get(cast.org.get_absolute_url()).content.decode()
        adoption_services.adoption_record(actor=cast.adopter, **cast.adoption_args())
        page = client.get(summary).content.decode()
        assert cast.published.title_ru in page and cast.draft.title_ru not in page
        page = client.get(reverse("exchange:organisation-practices-summary", args=[cast.other.pk])).content.decode()
        assert cast.published.get_absolute_url() in page  # it adopted it
        assert cast.draft.title_ru in _signed_in(client, cast.author).get(summary).content.decode()

    def test_the_organisations_practices_page(self, client, cast):
        url = reverse("exchange:organisation-practices", args=[cast.org.pk])
        page = client.get(url).content.decode()
        assert cast.published.title_ru in page and cast.draft.title_ru not in page
        assert cast.draft.title_ru in _signed_in(client, cast.author).get(url).content.decode()
