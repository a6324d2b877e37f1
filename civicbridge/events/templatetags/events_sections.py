"""`{% events_sections %}`: the events' own menu (events, delegations, commitments, the user's registrations, the
organisers' events), shown on every events page so that each part is one click from the others."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from civicbridge.accounts.rules import is_admin_or_moderator, organisations_edited_by

register = template.Library()


@register.inclusion_tag("events/_sections.html", takes_context=True)
def events_sections(context) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    items = [
        ("events", reverse("events:event-list")),
        ("delegations", reverse("events:delegations")),
        ("commitments", reverse("events:commitments")),
    ]
    if user.is_authenticated:
        items.append(("registrations", reverse("events:my-registrations")))
        # organisations_edited_by is cached on the user for the request: no extra query per call.
        if is_admin_or_moderator(user) or organisations_edited_by(user):
            items.append(("mine", reverse("events:my-events")))
    return {"items": items, "current": request.path}
