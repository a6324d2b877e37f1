"""Who may do what in the exchange. The same rules guard services, HTML views and the API.

Editors of an organisation (representative, administrator, coordinator) act for *their* organisation: they write its
practices, record its adoptions, post its needs and offers, send and answer its partnership requests. Moderators
publish practices or return them with comments. Everyone reads what is published.
"""

from __future__ import annotations

import rules

from civicbridge.accounts.rules import is_admin, is_admin_or_moderator, organisations_edited_by

from .choices import PracticeStatus


def organisation_ids_of(obj) -> set[int]:
    """The organisations that own an exchange object (the parties, for a partnership)."""
    from civicbridge.registry.models import Organisation

    from . import models as m

    if isinstance(obj, Organisation):
        return {obj.pk}
    if isinstance(obj, m.Practice | m.Adoption | m.Listing):
        return {obj.organisation_id}
    if isinstance(obj, m.PracticeLink | m.PracticeDocument):
        return {obj.practice.organisation_id}
    if isinstance(obj, m.PartnershipRequest):
        return {obj.from_organisation_id, obj.to_organisation_id}
    if isinstance(obj, m.Partnership):
        prefetched = getattr(obj, "_prefetched_objects_cache", {}).get("parties")
        if prefetched is not None:
            return {party.pk for party in prefetched}
        return set(obj.parties.values_list("pk", flat=True))
    return set()


@rules.predicate
def edits_owner(user, obj) -> bool:
    """The user edits (one of) the organisation(s) the object belongs to."""
    return bool(organisation_ids_of(obj) & organisations_edited_by(user))


@rules.predicate
def edits_sender(user, request) -> bool:
    return request is not None and request.from_organisation_id in organisations_edited_by(user)


@rules.predicate
def edits_recipient(user, request) -> bool:
    return request is not None and request.to_organisation_id in organisations_edited_by(user)


@rules.predicate
def is_published(user, practice) -> bool:
    return practice is not None and practice.status == PracticeStatus.PUBLISHED


@rules.predicate
def is_editable(user, practice) -> bool:
    """Authors change a practice while it is a draft, returned, or published (a published edit stays published)."""
    return practice is not None and practice.status in (
        PracticeStatus.DRAFT,
        PracticeStatus.RETURNED,
        PracticeStatus.PUBLISHED,
    )


author = edits_owner
moderator = is_admin_or_moderator

rules.add_perm("exchange.add_practice", is_admin | edits_owner)  # object: the organisation
rules.add_perm("exchange.view_practice", is_published | author | moderator)
rules.add_perm("exchange.change_practice", (author & is_editable) | is_admin)
rules.add_perm("exchange.submit_practice", author)
rules.add_perm("exchange.moderate_practice", moderator)  # publish, return with comments
rules.add_perm("exchange.archive_practice", author | moderator)
rules.add_perm("exchange.add_adoption", is_admin | edits_owner)  # object: the adopting organisation
rules.add_perm("exchange.change_adoption", is_admin | edits_owner)
rules.add_perm("exchange.delete_adoption", is_admin_or_moderator | edits_owner)
rules.add_perm("exchange.add_listing", is_admin | edits_owner)  # object: the organisation
rules.add_perm("exchange.change_listing", is_admin | edits_owner)
rules.add_perm("exchange.close_listing", is_admin_or_moderator | edits_owner)
rules.add_perm("exchange.send_request", is_admin | edits_owner)  # object: the sending organisation
rules.add_perm("exchange.view_request", is_admin | edits_owner)
rules.add_perm("exchange.answer_request", edits_recipient)  # accept or decline
rules.add_perm("exchange.withdraw_request", edits_sender)
rules.add_perm("exchange.add_partnership", is_admin | edits_owner)  # object: one of the parties
rules.add_perm("exchange.view_partnership", rules.always_allow)  # partnerships are public records
rules.add_perm("exchange.change_partnership", is_admin | edits_owner)
rules.add_perm("exchange.view_suggestions", is_admin | edits_owner)  # object: the organisation
