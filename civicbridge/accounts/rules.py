"""Role predicates shared by every module's rules."""

from __future__ import annotations

import rules

from .choices import EDITOR_ROLES, Role


def _roles(user) -> dict:
    """{role: set(organisation ids or None)} for the user, cached on the user object for one request."""
    cached = getattr(user, "_cb_roles", None)
    if cached is None:
        cached = {}
        for role, org_id in user.memberships.values_list("role", "organisation_id"):
            cached.setdefault(role, set()).add(org_id)
        user._cb_roles = cached
    return cached


def has_role(user, role: str, organisation_id: int | None = None) -> bool:
    if not user or not user.is_authenticated:
        return False
    held = _roles(user).get(role)
    if not held:
        return False
    return organisation_id is None or organisation_id in held


def organisations_held(user, roles) -> set[int]:
    """Ids of the organisations in which the user holds any of `roles` (from the per-request cache of roles)."""
    if not user or not user.is_authenticated:
        return set()
    held = _roles(user)
    return {org for role in roles for org in held.get(role, ()) if org is not None}


def organisations_edited_by(user) -> set[int]:
    """Ids of the organisations the user may edit as representative, administrator or coordinator."""
    return organisations_held(user, EDITOR_ROLES)


@rules.predicate
def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


@rules.predicate
def is_moderator(user) -> bool:
    return has_role(user, Role.MODERATOR)


@rules.predicate
def is_operator(user) -> bool:
    return has_role(user, Role.OPERATOR)


is_admin_or_moderator = is_admin | is_moderator

rules.add_perm("accounts.view_own_data", rules.is_authenticated)
rules.add_perm("accounts.manage_users", is_admin)
