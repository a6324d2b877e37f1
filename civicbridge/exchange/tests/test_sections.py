"""The exchange's own menu: each visitor sees the parts they can use, the current page marked."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def menu(client) -> str:
    html = client.get(reverse("exchange:listing-list")).content.decode()
    start = html.index('class="cb-section-nav')
    return html[start : html.index("</nav>", start)]


def test_a_visitor_sees_practices_and_listings_with_the_current_page_marked(client):
    items = menu(client)
    assert "Best practices" in items and "Needs and offers" in items
    assert f'href="{reverse("exchange:listing-list")}" aria-current="page"' in items
    assert "Find partners" not in items and "Moderation" not in items


def test_an_editor_finds_partners_for_their_organisation_and_their_requests(client, representative, org):
    client.force_login(representative)
    items = menu(client)
    assert reverse("exchange:partners", args=[org.pk]) in items and reverse("exchange:requests") in items
    assert "Moderation" not in items


def test_a_moderator_reaches_the_moderation_queue(client, moderator):
    client.force_login(moderator)
    assert reverse("exchange:practice-moderation") in menu(client)
