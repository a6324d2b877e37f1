"""Who may do what with events. The same rules guard services, HTML views and the API.

Editors (representative, administrator, coordinator) of an organiser organisation prepare the event, its programme
and registration questions, publish, cancel or complete it, see its participants and check them in. Moderators may do
all of that on any event. Everyone reads published, completed and cancelled events; drafts only their editors.
A signed-in user registers for a published event with registration open, and cancels their own registration.

The rules of delegations and outcomes follow at the end of this file.
"""

from __future__ import annotations

import rules

from civicbridge.accounts.rules import is_admin, is_admin_or_moderator, organisations_edited_by

from .choices import EventStatus


def event_of(obj):
    """The event an object of this app belongs to (the event itself, a session, a registration, a question...)."""
    from . import models as m

    if obj is None or isinstance(obj, m.Event):
        return obj
    if isinstance(obj, m.Speaker):
        return obj.session.event
    event = getattr(obj, "event", None)
    if event is not None:
        return event
    registration = getattr(obj, "registration", None)
    return registration.event if registration is not None else None


def organiser_ids(event) -> set[int]:
    """The organisations organising an event (uses the prefetched links when there are)."""
    if event is None or event.pk is None:
        return set()
    cache = getattr(event, "_prefetched_objects_cache", {})
    if "organiser_links" in cache:
        return {link.organisation_id for link in cache["organiser_links"]}
    if "organisers" in cache:
        return {org.pk for org in cache["organisers"]}
    if not hasattr(event, "_organiser_ids"):
        event._organiser_ids = set(event.organiser_links.values_list("organisation_id", flat=True))
    return event._organiser_ids


@rules.predicate
def edits_organiser(user, obj) -> bool:
    """The user edits one of the organisations organising the event (or, for add_event, the organisation given)."""
    from civicbridge.registry.models import Organisation

    edited = organisations_edited_by(user)
    if not edited:
        return False
    if isinstance(obj, Organisation):
        return obj.pk in edited
    return bool(organiser_ids(event_of(obj)) & edited)


@rules.predicate
def may_organise(user, organisation) -> bool:
    """add_event: the user edits the organisation given (with none given: edits some organisation)."""
    edited = organisations_edited_by(user)
    return bool(edited) if organisation is None else organisation.pk in edited


@rules.predicate
def is_public(user, obj) -> bool:
    event = event_of(obj)
    return event is not None and event.status != EventStatus.DRAFT


@rules.predicate
def is_own_registration(user, registration) -> bool:
    return (
        registration is not None
        and user is not None
        and user.is_authenticated
        and getattr(registration, "user_id", None) == user.pk
    )


organiser = edits_organiser | is_admin_or_moderator

rules.add_perm("events.add_event", is_admin_or_moderator | may_organise)  # object: an organiser organisation or None
rules.add_perm("events.view_event", is_public | organiser)
rules.add_perm("events.change_event", organiser)  # edit, programme, questions, publish, cancel, complete
rules.add_perm("events.register", rules.is_authenticated & is_public)  # object: the event
rules.add_perm("events.view_registration", is_own_registration | organiser)
rules.add_perm("events.cancel_registration", is_own_registration | organiser)
rules.add_perm("events.promote_registration", organiser)
rules.add_perm("events.view_participants", organiser)  # object: the event
rules.add_perm("events.check_in", organiser)  # object: the event
rules.add_perm("events.delete_event", is_admin)


# --- Delegations and outcomes ---
# Organisers write the delegation, the closing report and the commitments (the event's own `change_event`). The
# editors of a commitment's responsible organisation move it along its workflow too, as do the organisers.


@rules.predicate
def edits_responsible(user, commitment) -> bool:
    """The user edits the organisation responsible for the commitment."""
    return commitment is not None and getattr(commitment, "responsible_id", None) in organisations_edited_by(user)


@rules.predicate
def is_published_outcome(user, outcome) -> bool:
    return outcome is not None and outcome.published_at is not None and is_public(user, outcome)


rules.add_perm("events.change_delegation", organiser)  # object: the event (or the delegation)
rules.add_perm("events.change_outcome", organiser)  # object: the event (or the outcome)
rules.add_perm("events.view_outcome", is_published_outcome | organiser)  # object: the outcome
rules.add_perm("events.add_commitment", organiser)  # object: the event
rules.add_perm("events.change_commitment", organiser)  # object: the commitment (its text, date, responsible)
rules.add_perm("events.update_commitment", organiser | edits_responsible)  # start, complete, drop, reopen
