"""Services of practices: writing (all or nothing), the version guard, moderation with its dates and notices, files."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from civicbridge.core.workflow import history_for
from civicbridge.exchange.choices import PracticeStatus
from civicbridge.exchange.models import Practice, PracticeDocument
from civicbridge.exchange.services import practices as services
from civicbridge.files.models import StoredFile
from civicbridge.notifications.models import Notification
from civicbridge.registry.tests.factories import ThemeFactory

from .factories import PracticeFactory
from .test_practices_support import Cast, editor_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return Cast()


def _fields(**extra):
    return {"title": "Школа волонтёров", "problem": "Мало волонтёров.", "solution": "Обучаем школьников.", **extra}


def _events(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("event", flat=True))


class TestCreate:
    def test_creates_a_draft_with_everything(self, cast):
        theme = ThemeFactory(code="inclusion")
        practice = services.practice_create(
            actor=cast.author,
            organisation=cast.org,
            fields=_fields(title_en="Volunteer school", region="KZ-71", contacts="info@example.org"),
            themes=["inclusion"],
            target_groups=["youth", "volunteers"],
            links=["https://example.org/method", {"url": "http://example.org/video", "title": "Видео"}],
        )
        practice.refresh_from_db()
        assert practice.status == PracticeStatus.DRAFT
        assert practice.title_ru == "Школа волонтёров" and practice.title_en == "Volunteer school"
        assert practice.country_id == "KZ" and practice.region_id == "KZ-71"
        assert practice.created_by == cast.author and practice.version == 1
        assert list(practice.themes.all()) == [theme]
        assert sorted(practice.target_groups.values_list("code", flat=True)) == ["volunteers", "youth"]
        assert [(link.url, link.title) for link in practice.links.all()] == [
            ("https://example.org/method", ""),
            ("http://example.org/video", "Видео"),
        ]

    def test_plain_names_mean_the_original_language(self, cast):
        practice = services.practice_create(
            actor=cast.author, organisation=cast.org, original_language="kk", fields={"title": "Еріктілер мектебі"}
        )
        assert practice.title_kk == "Еріктілер мектебі" and not practice.title_ru
        with translation.override("en"):
            assert Practice.objects.get(pk=practice.pk).title == "Еріктілер мектебі"  # falls back to the only one

    def test_country_and_region_default_to_the_organisation(self, cast):
        practice = services.practice_create(actor=cast.author, organisation=cast.org, fields={"title": "Т"})
        assert (practice.country_id, practice.region_id) == ("KZ", cast.almaty.pk)

    def test_title_is_required_in_the_original_language(self, cast):
        with pytest.raises(ValidationError) as refused:
            services.practice_create(
                actor=cast.author, organisation=cast.org, original_language="kk", fields={"title_ru": "Есть по-русски"}
            )
        assert "title_kk" in refused.value.message_dict
        assert not Practice.objects.filter(title_ru="Есть по-русски").exists()

    def test_every_problem_at_once_and_nothing_saved(self, cast):
        count = Practice.objects.count()
        with pytest.raises(ValidationError) as refused:
            services.practice_create(
                actor=cast.author,
                organisation=cast.org,
                fields={"title": "", "country": "KZ", "region": "RU-OMS", "title_en": "x" * 301},
                themes=["no-such-theme"],
                links=["javascript:alert(1)", "ftp://example.org"],
            )
        errors = refused.value.message_dict
        assert {"title_ru", "region", "title_en", "themes", "links"} <= set(errors)
        assert len(errors["links"]) == 2
        assert Practice.objects.count() == count

    def test_unknown_country_and_region(self, cast):
        with pytest.raises(ValidationError) as refused:
            services.practice_create(
                actor=cast.author, organisation=cast.org, fields={"title": "Т", "country": "XX", "region": "ZZ-1"}
            )
        assert {"country", "region"} <= set(refused.value.message_dict)

    def test_messages_in_the_users_language(self, cast):
        with translation.override("en"), pytest.raises(ValidationError) as refused:
            services.practice_create(actor=cast.author, organisation=cast.org, fields={"region": "RU-OMS"})
        assert "is not a region of" in " ".join(refused.value.messages)

    def test_only_for_an_organisation_one_edits(self, cast):
        with pytest.raises(PermissionDenied):
            services.practice_create(actor=cast.adopter, organisation=cast.org, fields=_fields())
        with pytest.raises(PermissionDenied):
            services.practice_create(actor=cast.citizen, organisation=cast.org, fields=_fields())


class TestUpdate:
    def test_changes_fields_and_replaces_lists(self, cast):
        practice = cast.draft
        services.practice_update(
            actor=cast.author,
            practice=practice,
            fields={"title_kk": "Жаз лагері", "results": "100 детей"},
            links=["https://example.org/a"],
            target_groups=["children"],
            version=1,
        )
        practice.refresh_from_db()
        assert practice.title_kk == "Жаз лагері" and practice.results_ru == "100 детей"
        assert practice.version == 2
        assert list(practice.target_groups.values_list("code", flat=True)) == ["children"]
        services.practice_update(actor=cast.author, practice=practice, fields={}, links=[])
        assert not practice.links.exists()

    def test_a_stale_version_is_refused_and_nothing_written(self, cast):
        practice = cast.draft
        services.practice_update(actor=cast.author, practice=practice, fields={"results": "первый"}, version=1)
        stale = Practice.objects.get(pk=practice.pk)
        with translation.override("en"), pytest.raises(ValidationError) as refused:
            services.practice_update(actor=cast.author, practice=stale, fields={"results": "второй"}, version=1)
        assert refused.value.code == "stale_version"
        assert "changed elsewhere" in refused.value.messages[0]
        practice.refresh_from_db()
        assert practice.results_ru == "первый" and practice.version == 2

    def test_one_bad_field_refuses_the_whole_change(self, cast):
        practice = cast.draft
        with pytest.raises(ValidationError):
            services.practice_update(
                actor=cast.author,
                practice=practice,
                fields={"results": "новое", "region": "RU-OMS"},
                links=["not a link"],
            )
        practice.refresh_from_db()
        assert practice.results_ru != "новое" and practice.version == 1

    def test_the_original_title_cannot_be_emptied(self, cast):
        with pytest.raises(ValidationError) as refused:
            services.practice_update(actor=cast.author, practice=cast.draft, fields={"title": ""})
        assert "title_ru" in refused.value.message_dict

    def test_changing_the_original_language_needs_a_title_in_it(self, cast):
        with pytest.raises(ValidationError):
            services.practice_update(actor=cast.author, practice=cast.draft, fields={}, original_language="en")
        services.practice_update(
            actor=cast.author, practice=cast.draft, fields={"title_en": "Summer camp"}, original_language="en"
        )
        assert Practice.objects.get(pk=cast.draft.pk).original_language == "en"

    def test_a_practice_awaiting_moderation_is_frozen_for_its_authors(self, cast):
        services.practice_submit(actor=cast.author, practice=cast.draft)
        with pytest.raises(PermissionDenied):
            services.practice_update(actor=cast.author, practice=cast.draft, fields={"results": "x"})

    def test_a_published_practice_stays_published_when_edited(self, cast):
        services.practice_update(actor=cast.author, practice=cast.published, fields={"results": "ещё лучше"})
        assert Practice.objects.get(pk=cast.published.pk).status == PracticeStatus.PUBLISHED

    def test_another_organisations_editor_is_refused(self, cast):
        with pytest.raises(PermissionDenied):
            services.practice_update(actor=cast.adopter, practice=cast.draft, fields={"results": "x"})


class TestModeration:
    def test_submit_sets_the_date_and_tells_moderators(self, cast, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            services.practice_submit(actor=cast.author, practice=cast.draft)
        cast.draft.refresh_from_db()
        assert cast.draft.status == PracticeStatus.SUBMITTED and cast.draft.submitted_at is not None
        assert "exchange.practice_submitted" in _events(cast.moderator)
        assert "exchange.practice_submitted" not in _events(cast.author)

    def test_submit_needs_problem_and_solution(self, cast):
        practice = PracticeFactory(organisation=cast.org, problem_ru="", solution_ru="")
        with pytest.raises(ValidationError) as refused:
            services.practice_submit(actor=cast.author, practice=practice)
        assert {"problem_ru", "solution_ru"} <= set(refused.value.message_dict)
        assert Practice.objects.get(pk=practice.pk).status == PracticeStatus.DRAFT

    def test_publish_sets_the_date_and_tells_the_authors(self, cast, django_capture_on_commit_callbacks):
        second_author = editor_of(cast.org)
        services.practice_submit(actor=cast.author, practice=cast.draft)
        with django_capture_on_commit_callbacks(execute=True):
            services.practice_publish(actor=cast.moderator, practice=cast.draft)
        cast.draft.refresh_from_db()
        assert cast.draft.status == PracticeStatus.PUBLISHED and cast.draft.published_at is not None
        for user in (cast.author, second_author):
            assert "exchange.practice_published" in _events(user)
        assert "exchange.practice_published" not in _events(cast.adopter)

    def test_return_needs_a_reason_and_tells_the_authors_why(self, cast, django_capture_on_commit_callbacks):
        services.practice_submit(actor=cast.author, practice=cast.draft)
        with pytest.raises(ValidationError):
            services.practice_return(actor=cast.moderator, practice=cast.draft, reason="  ")
        with django_capture_on_commit_callbacks(execute=True):
            services.practice_return(actor=cast.moderator, practice=cast.draft, reason="Добавьте цифры.")
        assert Practice.objects.get(pk=cast.draft.pk).status == PracticeStatus.RETURNED
        notice = Notification.objects.get(recipient=cast.author, event="exchange.practice_returned")
        assert "Добавьте цифры." in notice.body
        assert history_for(cast.draft).last().reason == "Добавьте цифры."

    def test_authors_cannot_publish_their_own(self, cast):
        services.practice_submit(actor=cast.author, practice=cast.draft)
        with pytest.raises(PermissionDenied):
            services.practice_publish(actor=cast.author, practice=cast.draft)
        cast.draft.refresh_from_db()
        assert cast.draft.status == PracticeStatus.SUBMITTED and cast.draft.published_at is None

    def test_publishing_a_draft_is_refused_and_leaves_no_date(self, cast):
        with pytest.raises(ValidationError) as refused:
            services.practice_publish(actor=cast.moderator, practice=cast.draft)
        assert refused.value.code == "invalid_transition"
        assert Practice.objects.get(pk=cast.draft.pk).published_at is None

    def test_archive_and_restore(self, cast):
        services.practice_archive(actor=cast.author, practice=cast.published)
        assert Practice.objects.get(pk=cast.published.pk).status == PracticeStatus.ARCHIVED
        with pytest.raises(PermissionDenied):
            services.practice_restore(actor=cast.author, practice=cast.published)
        services.practice_restore(actor=cast.moderator, practice=cast.published)
        assert Practice.objects.get(pk=cast.published.pk).status == PracticeStatus.PUBLISHED

    def test_restoring_a_practice_archived_while_returned_dates_its_publication(self, cast):
        services.practice_submit(actor=cast.author, practice=cast.draft)
        services.practice_return(actor=cast.moderator, practice=cast.draft, reason="нет")
        services.practice_archive(actor=cast.author, practice=cast.draft)
        services.practice_restore(actor=cast.moderator, practice=cast.draft)
        cast.draft.refresh_from_db()
        assert cast.draft.status == PracticeStatus.PUBLISHED and cast.draft.published_at is not None

    def test_take_action_refuses_an_unknown_action(self, cast):
        with pytest.raises(ValidationError):
            services.practice_take_action(actor=cast.author, practice=cast.draft, action="delete")


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class TestFiles:
    def test_attach_and_detach(self, cast):
        upload = SimpleUploadedFile("метод.pdf", PDF, content_type="application/pdf")
        document = services.practice_attach(actor=cast.author, practice=cast.draft, upload=upload)
        assert document.file.purpose == "exchange.practice" and document.file.owner == cast.draft
        services.practice_detach(actor=cast.author, document=document)
        assert not PracticeDocument.objects.exists() and not StoredFile.objects.filter(pk=document.file_id).exists()

    def test_a_refused_file_is_not_attached(self, cast):
        upload = SimpleUploadedFile("script.exe", b"MZ\x90\x00" + b"\x00" * 100)
        with pytest.raises(ValidationError):
            services.practice_attach(actor=cast.author, practice=cast.draft, upload=upload)
        assert not PracticeDocument.objects.exists()

    def test_only_authors_attach(self, cast):
        upload = SimpleUploadedFile("метод.pdf", PDF, content_type="application/pdf")
        with pytest.raises(PermissionDenied):
            services.practice_attach(actor=cast.adopter, practice=cast.draft, upload=upload)
