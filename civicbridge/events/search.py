"""What the platform search knows of events: published and held ones (title; summary; description and programme)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from civicbridge.core import search
from civicbridge.core.text import LANGUAGES
from civicbridge.registry.models import Organisation
from civicbridge.registry.search import place, with_themes

from .choices import EventKind, EventStatus
from .models import Event, EventOrganiser, Session

INDEXED = (EventStatus.PUBLISHED, EventStatus.COMPLETED)


def _per_language(obj, *fields: str) -> dict[str, str]:
    """{language: the fields' texts in that language, one per line}."""
    return {
        language: "\n".join(value for name in fields if (value := getattr(obj, f"{name}_{language}", None)))
        for language in LANGUAGES
    }


def kind_of(event: Event) -> str:
    return f"event_{event.kind}"


def event_document(event: Event) -> search.Document | None:
    """Title and series; summary; description, sessions and organisers (body). Published or held only."""
    if event.status not in INDEXED:
        return None
    body = _per_language(event, "description", "address")
    for session in event.sessions.all():
        for language in LANGUAGES:
            if title := getattr(session, f"title_{language}", None):
                body[language] = f"{body[language]}\n{title}" if body[language] else title
    organisers = [link.organisation for link in event.organiser_links.all()]
    for language in LANGUAGES:
        names = "\n".join(getattr(org, f"name_{language}", "") or "" for org in organisers)
        if names.strip():
            body[language] = f"{body[language]}\n{names}" if body[language] else names
    return search.Document(
        kind=kind_of(event),
        title=_per_language(event, "title", "series"),
        summary=_per_language(event, "summary"),
        body=with_themes(body, event.themes.all()),
        facets={
            "theme": [theme.code for theme in event.themes.all()],
            "country": [event.country_id] if event.country_id else [],
            "region": [event.region_id] if event.region_id else [],
            "org_kind": sorted({org.kind for org in organisers}),
        },
        original_language=event.original_language,
    )


def event_card(event: Event) -> search.Card:
    lead = next(iter(event.organiser_links.all()), None)
    return search.Card(
        title=str(event),
        url=event.get_absolute_url(),
        organisation=lead.organisation if lead else None,
        place=place(event.country, event.region) if event.country_id else _("online"),
    )


search.register(
    Event,
    document=event_document,
    present=event_card,
    kinds={f"event_{value}": label for value, label in EventKind.choices},
    queryset=lambda: (
        Event.objects.filter(status__in=INDEXED)
        .select_related("country", "region")
        .prefetch_related("themes", "sessions", "organiser_links__organisation")
    ),
    watch=[Event.themes.through],
    follow={Organisation: "organiser_links__organisation", EventOrganiser: "organiser_links", Session: "sessions"},
)
