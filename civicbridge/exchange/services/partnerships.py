"""Writes of partnership requests (send, accept, decline, withdraw) and partnerships (memoranda)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.accounts.selectors import editors_of
from civicbridge.core.context import user_or_none
from civicbridge.core.permissions import require
from civicbridge.core.workflow import transition
from civicbridge.files.models import StoredFile
from civicbridge.files.services import attach, store_upload
from civicbridge.notifications.services import notify
from civicbridge.registry.choices import OrganisationStatus
from civicbridge.registry.models import Organisation, Theme

from ..choices import ListingStatus, RequestStatus
from ..models import Listing, Partnership, PartnershipRequest

MAX_MESSAGE = 5000


def _pending(from_id: int, to_id: int) -> PartnershipRequest | None:
    return PartnershipRequest.objects.filter(
        from_organisation_id=from_id, to_organisation_id=to_id, status=RequestStatus.SENT
    ).first()


def _check_request(*, from_organisation, to_organisation, message: str, listing: Listing | None) -> None:
    if to_organisation.pk == from_organisation.pk:
        raise ValidationError(
            {"to_organisation": _("An organisation cannot send a partnership request to itself.")}, code="to_self"
        )
    errors: dict[str, list[str]] = {}
    if to_organisation.status != OrganisationStatus.ACTIVE:
        errors["to_organisation"] = [_("This organisation is not active and cannot take requests.")]
    if not message:
        errors["message"] = [_("Write a message: say what you propose to do together.")]
    elif len(message) > MAX_MESSAGE:
        errors["message"] = [_("The message is too long (at most %(max)s characters).") % {"max": MAX_MESSAGE}]
    if listing is not None:
        if listing.organisation_id not in (to_organisation.pk, from_organisation.pk):
            errors["listing"] = [_("The need or offer belongs to neither organisation.")]
        elif listing.status != ListingStatus.OPEN:
            errors["listing"] = [_("This need or offer is closed.")]
    if errors:
        raise ValidationError(errors)
    if _pending(from_organisation.pk, to_organisation.pk) is not None:
        raise ValidationError(
            {"to_organisation": _("You have already sent this organisation a request; wait for its answer.")},
            code="pending",
        )
    if _pending(to_organisation.pk, from_organisation.pk) is not None:
        raise ValidationError(
            {"to_organisation": _("This organisation has already sent you a request: answer it instead.")},
            code="pending_reverse",
        )


@transaction.atomic
def request_send(
    *, actor, from_organisation: Organisation, to_organisation: Organisation, message: str, listing=None
) -> PartnershipRequest:
    """Propose to another organisation to work together, optionally answering one of its needs or offers."""
    require(actor, "exchange.send_request", from_organisation)
    message = (message or "").strip()
    _check_request(
        from_organisation=from_organisation, to_organisation=to_organisation, message=message, listing=listing
    )
    try:
        with transaction.atomic():  # a savepoint: a constraint refusal leaves the outer transaction usable
            request = PartnershipRequest.objects.create(
                from_organisation=from_organisation,
                to_organisation=to_organisation,
                listing=listing,
                message=message,
                created_by=user_or_none(actor),
            )
    except IntegrityError:
        # Two editors sending at once: the constraints request_one_pending / request_not_to_self refused the second.
        _check_request(
            from_organisation=from_organisation, to_organisation=to_organisation, message=message, listing=listing
        )
        raise ValidationError(_("The request could not be saved; please try again."), code="conflict") from None
    notify(
        event="exchange.request_received",
        recipients=editors_of(to_organisation.pk),
        context={"request": request, "url": reverse("exchange:requests")},
        target=request,
    )
    return request


def _answer(*, actor, request: PartnershipRequest, action: str, reply: str) -> PartnershipRequest:
    require(actor, "exchange.answer_request", request)
    reply = (reply or "").strip()
    if len(reply) > MAX_MESSAGE:
        raise ValidationError(
            {"reply": _("The reply is too long (at most %(max)s characters).") % {"max": MAX_MESSAGE}}
        )
    locked = transition(request, action, actor=actor, reason=reply)
    locked.reply = reply
    locked.decided_at = timezone.now()
    locked.save(update_fields=["reply", "decided_at", "updated_at"])
    request.reply, request.decided_at = locked.reply, locked.decided_at
    notify(
        event="exchange.request_answered",
        recipients=editors_of(locked.from_organisation_id),
        context={"request": locked, "url": reverse("exchange:requests")},
        target=locked,
    )
    return locked


@transaction.atomic
def request_accept(*, actor, request: PartnershipRequest, reply: str = "") -> PartnershipRequest:
    """The asked organisation agrees to work together (the partnership itself is recorded as a memorandum)."""
    return _answer(actor=actor, request=request, action="accept", reply=reply)


@transaction.atomic
def request_decline(*, actor, request: PartnershipRequest, reply: str = "") -> PartnershipRequest:
    """The asked organisation declines, optionally saying why."""
    return _answer(actor=actor, request=request, action="decline", reply=reply)


@transaction.atomic
def request_withdraw(*, actor, request: PartnershipRequest) -> PartnershipRequest:
    """The asking organisation takes its request back before it is answered."""
    require(actor, "exchange.withdraw_request", request)
    return transition(request, "withdraw", actor=actor)


def _check_partnership(
    *,
    parties: list[Organisation],
    title: str,
    signed_on,
    starts_on,
    ends_on,
    description: str,
    request: PartnershipRequest | None,
) -> None:
    errors: dict[str, list[str]] = {}
    if len({party.pk for party in parties}) < 2:
        errors["parties"] = [_("A partnership needs at least two different organisations.")]
    if not title:
        errors["title"] = [_("Enter the title of the memorandum.")]
    elif len(title) > 300:
        errors["title"] = [_("The title is too long (at most 300 characters).")]
    if not isinstance(signed_on, datetime.date):
        errors["signed_on"] = [_("Enter the date it was signed.")]
    elif signed_on > timezone.localdate():
        errors["signed_on"] = [_("The signing date cannot be in the future.")]
    for name, value in (("starts_on", starts_on), ("ends_on", ends_on)):
        if value is not None and not isinstance(value, datetime.date):
            errors[name] = [_("Enter a date.")]
    if isinstance(starts_on, datetime.date) and isinstance(ends_on, datetime.date) and ends_on < starts_on:
        errors["ends_on"] = [_("The end date must be on or after the start date.")]
    if len(description) > 20_000:
        errors["description"] = [_("The description is too long (at most 20,000 characters).")]
    if request is not None:
        party_ids = {party.pk for party in parties}
        if request.status != RequestStatus.ACCEPTED:
            errors["request"] = [_("Only an accepted request can lead to a partnership.")]
        elif not {request.from_organisation_id, request.to_organisation_id} <= party_ids:
            errors["request"] = [_("Both organisations of the request must be parties.")]
        elif Partnership.objects.filter(request=request).exists():
            errors["request"] = [_("A partnership has already been recorded for this request.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def partnership_record(
    *,
    actor,
    parties: Iterable[Organisation],
    title: str,
    signed_on: datetime.date,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    themes: Iterable[Theme] = (),
    description: str = "",
    document: Any = None,
    request: PartnershipRequest | None = None,
) -> Partnership:
    """Record a memorandum between two or more organisations; the recorder edits one of them.

    `document`: an uploaded file (checked for the purpose "exchange.memorandum") or an already stored one.
    """
    parties = list({party.pk: party for party in parties}.values())
    if not parties:
        raise ValidationError({"parties": [_("A partnership needs at least two different organisations.")]})
    if not any(actor is not None and actor.has_perm("exchange.add_partnership", party) for party in parties):
        raise PermissionDenied(_("You do not have permission to do this."))
    title, description = (title or "").strip(), (description or "").strip()
    if request is not None:
        request = PartnershipRequest.objects.select_for_update().get(pk=request.pk)
    _check_partnership(
        parties=parties,
        title=title,
        signed_on=signed_on,
        starts_on=starts_on,
        ends_on=ends_on,
        description=description,
        request=request,
    )
    try:
        with transaction.atomic():
            partnership = Partnership.objects.create(
                title=title,
                request=request,
                created_by=user_or_none(actor),
                signed_on=signed_on,
                starts_on=starts_on,
                ends_on=ends_on,
                description=description,
            )
    except IntegrityError:
        raise ValidationError({"request": [_("A partnership has already been recorded for this request.")]}) from None
    partnership.parties.set(parties)
    partnership.themes.set(list(themes))
    if document is not None:
        if isinstance(document, StoredFile):
            stored = attach(stored_file=document, owner=partnership, actor=actor)
        else:
            stored = store_upload(uploaded_file=document, purpose="exchange.memorandum", actor=actor, owner=partnership)
        partnership.document = stored
        partnership.save(update_fields=["document", "updated_at"])
    return partnership
