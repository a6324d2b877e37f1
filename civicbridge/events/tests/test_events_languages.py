"""Translated texts land in their own language's column whatever the request's language: an English request that
writes a Russian event must not put the Russian text into title_en (modeltranslation writes a plain `obj.title = …`
into the ACTIVE language's column)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from civicbridge.events.models import Event, RegistrationQuestion, Session
from civicbridge.events.services import events as services

pytestmark = pytest.mark.django_db


def texts(obj, name, langs=("ru", "en", "kk")):
    """The `<name>_<lang>` columns, empty ones as "" (they are nullable)."""
    return tuple(getattr(obj, f"{name}_{lang}") or "" for lang in langs)


def create(actor, org, **kw):
    start = timezone.now() + datetime.timedelta(days=20)
    kw.setdefault("fields", {"title_ru": "Форум", "summary_ru": "Кратко"})
    return services.event_create(
        actor=actor,
        organisers=[org],
        kind="round_table",
        online_url="https://meet.example.org/f",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        **kw,
    )


def test_create_and_edit_in_an_english_request_keep_the_russian_text_russian(representative, org):
    with translation.override("en"):
        event = create(representative, org)
        row = Event.objects.get(pk=event.pk)
        assert texts(row, "title") == ("Форум", "", "")
        assert texts(row, "summary", ("ru", "en")) == ("Кратко", "")
        services.event_update(actor=representative, event=row, fields={"title_ru": "Новый форум"}, venue="Зал")
        row = Event.objects.get(pk=event.pk)
        assert texts(row, "title") == ("Новый форум", "", "")
        assert row.title == "Новый форум"  # English falls back to the Russian text
    with translation.override("kk"):
        services.event_update(actor=representative, event=row, fields={"title_en": "The forum"})
    row = Event.objects.get(pk=event.pk)
    assert texts(row, "title") == ("Новый форум", "The forum", "")


def test_an_english_original_in_a_russian_request(representative, org):
    with translation.override("ru"):
        event = create(representative, org, original_language="en", fields={"title_en": "Webinar"})
    row = Event.objects.get(pk=event.pk)
    assert texts(row, "title", ("ru", "en")) == ("", "Webinar")


def test_sessions_and_questions_keep_their_languages(representative, org):
    event = create(representative, org)
    with translation.override("en"):
        session = services.session_save(
            actor=representative,
            event=event,
            fields={"title_ru": "Пленарное заседание", "description_ru": "Открытие"},
            starts_at=event.starts_at,
            ends_at=event.starts_at + datetime.timedelta(hours=1),
        )
        question = services.question_add(actor=representative, event=event, fields={"text_ru": "Ваша организация?"})
    session = Session.objects.get(pk=session.pk)
    assert texts(session, "title") == ("Пленарное заседание", "", "")
    assert texts(session, "description") == ("Открытие", "", "")
    question = RegistrationQuestion.objects.get(pk=question.pk)
    assert texts(question, "text", ("ru", "en")) == ("Ваша организация?", "")
