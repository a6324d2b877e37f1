"""Who may change what in the registry. The same rules guard services, HTML views and the API."""

from __future__ import annotations

import rules

from civicbridge.accounts.rules import is_admin_or_moderator, is_operator, organisations_edited_by


def _org_id(obj) -> int | None:
    """The organisation a registry object belongs to (itself for an organisation)."""
    from .models import NetworkMembership, Organisation, Position, Unit

    if isinstance(obj, Organisation):
        return obj.pk
    if isinstance(obj, Unit | Position):
        return obj.organisation_id
    if isinstance(obj, NetworkMembership):
        return obj.network_id
    return None


@rules.predicate
def edits_organisation(user, obj) -> bool:
    """The user represents, administers or coordinates the organisation the object belongs to."""
    org_id = _org_id(obj)
    return org_id is not None and org_id in organisations_edited_by(user)


@rules.predicate
def is_the_person_or_their_editor(user, person) -> bool:
    """The person themself, or an editor of an organisation where the person currently holds a position."""
    if person is None or not user.is_authenticated:
        return False
    if person.user_id == user.pk:
        return True
    edited = organisations_edited_by(user)
    if not edited:
        return False
    # Lists prefetch current positions (selectors.person_list); use them rather than a query per person.
    current = getattr(person, "current_positions", None)
    if current is None and hasattr(person, "all_positions"):
        current = [p for p in person.all_positions if p.end_date is None]
    if current is not None:
        return any(p.organisation_id in edited for p in current)
    return person.positions.filter(organisation_id__in=edited, end_date__isnull=True).exists()


can_manage_registry = is_admin_or_moderator
can_edit_org_object = is_admin_or_moderator | edits_organisation

rules.add_perm("registry.add_organisation", can_manage_registry | is_operator)
rules.add_perm("registry.change_organisation", can_edit_org_object)
rules.add_perm("registry.delete_organisation", can_manage_registry)
rules.add_perm("registry.import_organisations", can_manage_registry | is_operator)
# Adding a unit/position/membership is checked against the parent organisation (the object passed in).
rules.add_perm("registry.add_unit", can_edit_org_object)
rules.add_perm("registry.change_unit", can_edit_org_object)
rules.add_perm("registry.add_position", can_edit_org_object)
rules.add_perm("registry.change_position", can_edit_org_object)
rules.add_perm("registry.add_networkmembership", can_edit_org_object)
rules.add_perm("registry.change_networkmembership", can_edit_org_object)
rules.add_perm(
    "registry.add_person",
    can_manage_registry
    | rules.is_authenticated
    & rules.predicate(lambda user: bool(organisations_edited_by(user)), name="edits_any_organisation"),
)
rules.add_perm("registry.change_person", can_manage_registry | is_the_person_or_their_editor)
rules.add_perm("registry.view_person_contacts", can_manage_registry | is_the_person_or_their_editor)
rules.add_perm("registry.add_theme", can_manage_registry)
rules.add_perm("registry.change_theme", can_manage_registry)
