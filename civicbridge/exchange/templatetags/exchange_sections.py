"""`{% exchange_sections %}`: the exchange's own menu (practices, needs and offers, partners, requests, moderation),
shown on its list pages so that each part is one click from the others."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from civicbridge.accounts.rules import is_admin_or_moderator, organisations_edited_by

register = template.Library()


@register.inclusion_tag("exchange/_sections.html", takes_context=True)
def exchange_sections(context) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    edited = sorted(organisations_edited_by(user))  # cached on the user for the request: no extra query per call
    items = [("practices", reverse("exchange:practice-list")), ("listings", reverse("exchange:listing-list"))]
    if edited:
        # Suggestions are per organisation: the first one the user acts for (the page lets them switch).
        items.append(("partners", reverse("exchange:partners", args=[edited[0]])))
        items.append(("requests", reverse("exchange:requests")))
    if is_admin_or_moderator(user):
        items.append(("moderation", reverse("exchange:practice-moderation")))
    return {"items": items, "current": request.path}
