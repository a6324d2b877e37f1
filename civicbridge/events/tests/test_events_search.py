"""Search finds published events by title, summary, programme and organiser, with kind, country and theme facets."""

from __future__ import annotations

import pytest

from civicbridge.core.models import SearchDocument
from civicbridge.events.services import events as services
from civicbridge.registry.tests.factories import ThemeFactory

from .factories import EventFactory, SessionFactory

pytestmark = [pytest.mark.django_db(transaction=False)]


def test_a_published_event_is_indexed_with_its_facets_and_a_draft_is_not(
    representative, org, django_capture_on_commit_callbacks
):
    theme = ThemeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        event = EventFactory(organisers=[org], title_ru="Гражданский форум Казахстана", series_number=12, kind="forum")
        event.themes.add(theme)
        SessionFactory(event=event, title_ru="Секция по экологии")
    assert not SearchDocument.objects.filter(object_id=event.pk, kind="event_forum").exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_publish(actor=representative, event=event)
    document = SearchDocument.objects.get(kind="event_forum", object_id=event.pk)
    text = " ".join(str(value) for value in document.__dict__.values())
    assert "форум" in text.casefold() and "экологии" in text.casefold()
    facets = set(document.facets.values_list("name", "value"))
    assert {("theme", theme.code), ("country", "KZ")} <= facets
