"""Who acts for whom: the users every module notifies (an organisation's editors, the holders of a role)."""

from __future__ import annotations

from django.db.models import QuerySet

from .choices import EDITOR_ROLES
from .models import Membership, User


def editors_of(organisation) -> QuerySet[User]:
    """The active users who act for the organisation (an instance or an id) as representative, administrator or
    coordinator: they hear about its applications, practices and partnership requests."""
    org_id = getattr(organisation, "pk", organisation)
    return (
        User.objects.filter(is_active=True, memberships__organisation_id=org_id, memberships__role__in=EDITOR_ROLES)
        .distinct()
        .order_by("id")
    )


def editors_by_organisation(org_ids) -> dict[int, list[int]]:
    """{organisation id: ids of its active editors, in id order} for many organisations in one query (editors_of
    for a batch: screening results, report reminders)."""
    found: dict[int, list[int]] = {}
    rows = (
        Membership.objects.filter(organisation_id__in=org_ids, role__in=EDITOR_ROLES, user__is_active=True)
        .values_list("organisation_id", "user_id")
        .distinct()
        .order_by("organisation_id", "user_id")
    )
    for org_id, user_id in rows:
        found.setdefault(org_id, []).append(user_id)
    return found


def holders_of(role: str) -> QuerySet[User]:
    """The active users who hold a platform-wide role (moderators, say)."""
    return User.objects.filter(is_active=True, memberships__role=role).distinct().order_by("id")
