"""Who may do what with citizens' issues. The same rules guard services, HTML views and the API.

- Anyone signed in sends an issue; an organiser (an editor of one of the event's organisers) or a coordinator records
  issues raised at a meeting.
- The responsible party — officials, representatives, administrators and coordinators of the organisation the issue is
  routed to — accepts, works on, answers, declines it, or passes it on to another organisation with a reason.
- Coordinators (the coordinator role in any organisation) and moderators route unrouted issues by hand and merge
  duplicates; administrators and moderators edit the routing rules.
- The author reopens an answered issue ("not resolved").
- A citizen's contact is seen only by the responsible party and coordinators, and only if the citizen consented.
"""

from __future__ import annotations

import rules

from civicbridge.accounts.choices import Role
from civicbridge.accounts.rules import (
    has_role,
    is_admin,
    is_admin_or_moderator,
    organisations_edited_by,
    organisations_held,
)

from .links import holds_reopen_link

#: Roles that act for the organisation an issue is routed to.
RESPONSIBLE_ROLES = (Role.OFFICIAL, Role.REPRESENTATIVE, Role.ORG_ADMIN, Role.COORDINATOR)


def organisations_responding_for(user) -> set[int]:
    """Ids of the organisations for which the user handles issues (the responsible roles)."""
    # accounts.rules caches the user's roles for the request; other predicates read the same cache (one query).
    return organisations_held(user, RESPONSIBLE_ROLES)


@rules.predicate
def acts_for_responsible(user, appeal) -> bool:
    """The user holds a responsible role in the organisation the issue is routed to."""
    return (
        appeal is not None
        and appeal.responsible_id is not None
        and appeal.responsible_id in organisations_responding_for(user)
    )


@rules.predicate
def is_coordinator(user) -> bool:
    """A network coordinator (of any organisation), a moderator or an administrator."""
    return has_role(user, Role.COORDINATOR) or bool(is_admin_or_moderator(user))


@rules.predicate
def is_author(user, appeal) -> bool:
    return appeal is not None and user is not None and user.is_authenticated and appeal.author_id == user.pk


@rules.predicate
def is_recorder(user, appeal) -> bool:
    """The organiser who recorded the issue at a meeting."""
    return appeal is not None and user is not None and user.is_authenticated and appeal.recorded_by_id == user.pk


@rules.predicate
def has_consented(user, appeal) -> bool:
    return appeal is not None and appeal.contact_consent_at is not None


@rules.predicate
def responds_for_anything(user) -> bool:
    return bool(organisations_responding_for(user))


@rules.predicate
def organises_event(user, event) -> bool:
    """An editor of one of the event's organiser organisations."""
    if event is None:
        return False
    edited = organisations_edited_by(user)
    if not edited:
        return False
    prefetched = getattr(event, "_prefetched_objects_cache", {}).get("organisers")
    if prefetched is not None:
        return bool({org.pk for org in prefetched} & edited)
    return event.organisers.filter(pk__in=edited).exists()


responsible = acts_for_responsible

rules.add_perm("appeals.add_appeal", rules.is_authenticated)
rules.add_perm("appeals.record_appeal", is_coordinator | organises_event)  # object: the event (or None)
rules.add_perm("appeals.view_private", responsible | is_coordinator | is_author | is_recorder)  # the manage page
rules.add_perm("appeals.view_contacts", has_consented & (responsible | is_coordinator))
rules.add_perm("appeals.handle_appeal", responsible)  # accept, start, answer, decline
rules.add_perm("appeals.transfer_appeal", responsible | is_coordinator)  # pass on to another organisation
rules.add_perm("appeals.route_appeal", is_coordinator)  # assign by hand
rules.add_perm("appeals.merge_appeal", is_coordinator)
rules.add_perm("appeals.reopen_appeal", is_author | holds_reopen_link)  # the e-mail link of a citizen (links.py)
rules.add_perm("appeals.view_work", responds_for_anything | is_coordinator)  # "our issues"
rules.add_perm("appeals.manage_rules", is_admin_or_moderator)
rules.add_perm("appeals.manage_categories", is_admin)

# Duplicates, support, moderation and deadlines.
rules.add_perm("appeals.support_appeal", rules.is_authenticated)  # "me too"; the service checks the issue is open
rules.add_perm("appeals.report_appeal", rules.is_authenticated)  # tell moderators about an issue's text
rules.add_perm("appeals.moderate_appeal", is_admin_or_moderator)  # hide, show again, publish a cleaned text
rules.add_perm("appeals.view_overdue", is_coordinator)  # every organisation's overdue issues


@rules.predicate
def responds_for_organisation(user, organisation) -> bool:
    """The user handles the issues routed to this organisation (an instance or an id)."""
    org_id = getattr(organisation, "pk", organisation)
    return org_id is not None and org_id in organisations_responding_for(user)


rules.add_perm("appeals.view_overdue_of", is_coordinator | responds_for_organisation)  # object: the organisation
