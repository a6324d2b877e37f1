"""The events' menu: on every events page, with the signed-in and the organisers' items only for them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .factories import PublishedEventFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def menu_of(response) -> str:
    text = response.content.decode()
    start = text.index('<nav class="cb-section-nav')
    return text[start : text.index("</nav>", start)]


def test_anonymous_sees_the_public_parts(client):
    event = PublishedEventFactory()
    for url in (
        reverse("events:event-list"),
        event.get_absolute_url(),
        reverse("events:delegations"),
        reverse("events:commitments"),
    ):
        menu = menu_of(client.get(url))
        assert "Events" in menu and "Delegation visits" in menu and "Commitments" in menu
        assert "My registrations" not in menu and "My organisations" not in menu
    menu = menu_of(client.get(reverse("events:delegations")))
    assert f'href="{reverse("events:delegations")}" aria-current="page"' in menu


def test_citizen_sees_registrations_and_organiser_their_events(client, citizen, representative):
    client.force_login(citizen)
    menu = menu_of(client.get(reverse("events:my-registrations")))
    assert "My registrations" in menu and "My organisations" not in menu
    client.force_login(representative)
    menu = menu_of(client.get(reverse("events:my-events")))
    assert "My registrations" in menu and "My organisations" in menu
