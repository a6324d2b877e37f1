"""`{% notification_badge %}`: the header's link to the inbox with the unread count (one query per request)."""

from __future__ import annotations

from typing import Any

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("notifications/_badge.html", takes_context=True)
def notification_badge(context: template.Context) -> dict[str, Any]:
    """A service-navigation item for a signed-in user; nothing for a visitor."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    count = selectors.unread_count_for_request(request)
    match = getattr(request, "resolver_match", None)
    return {
        "show": True,
        "count": count,
        "over_cap": count >= selectors.UNREAD_COUNT_CAP,
        "active": bool(match and match.namespace == "notifications"),
        "current": bool(match and match.view_name == "notifications:inbox"),
    }
