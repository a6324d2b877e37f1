"""`{% grants_workspace %}`: the links to a person's own grant work (applications, reviews, calls they run)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from civicbridge.accounts.choices import Role
from civicbridge.accounts.rules import has_role, organisations_edited_by

from ..rules import organisations_run_by

register = template.Library()


@register.inclusion_tag("grants/_workspace.html", takes_context=True)
def grants_workspace(context: template.Context) -> dict[str, Any]:
    """Links for what the viewer does here, by their roles (one query for the roles, cached on the user)."""
    user = context["request"].user
    links = [(reverse("grants:results"), _("Published results"))]
    if user.is_authenticated:
        if organisations_edited_by(user):
            links += [
                (reverse("grants:my-applications"), _("My applications")),
                (reverse("grants:my-agreements"), _("My agreements and reports")),
            ]
        if has_role(user, Role.EXPERT):
            links.append((reverse("grants:expert-reviews"), _("My reviews")))
        if organisations_run_by(user) or user.is_superuser:
            links.append((reverse("grants:operator-calls"), _("Calls you run")))
    return {"links": links}
