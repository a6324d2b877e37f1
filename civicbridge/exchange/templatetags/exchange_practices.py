"""`{% organisation_practices organisation %}`: a slot on an organisation's registry page for its practices and the
practices it adopted. It costs the page no query: htmx loads the list from `exchange:organisation-practices-summary`
once the page is shown, and without JavaScript the slot is a link to the organisation's practices."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("exchange/practices/_organisation_slot.html")
def organisation_practices(organisation) -> dict[str, Any]:
    """The slot that loads the organisation's practices and adoptions."""
    return {"organisation": organisation}
