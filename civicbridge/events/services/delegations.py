"""Writes of delegation visits: the delegation record (purpose, hosts, visitors), its members and its visits.

Organisers of the event write them: every service asks the rule `events.change_delegation`, which is the event's own
`events.change_event`. The event must be of kind delegation_visit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from civicbridge.core.permissions import require
from civicbridge.core.text import LANGUAGES
from civicbridge.registry.models import Organisation, Person

from ..choices import DelegationRole, EventKind
from ..models import Delegation, DelegationMember, DelegationVisit, Event
from .common import UNSET, add_error, apply_texts, zone_of_event

PURPOSE_FIELDS = frozenset(f"purpose_{lang}" for lang in LANGUAGES)
VISIT_TEXT_FIELDS = frozenset(f"{name}_{lang}" for name in ("title", "notes") for lang in LANGUAGES)


def _check_language(code: str, errors: dict[str, list[str]]) -> None:
    if code not in LANGUAGES:
        add_error(errors, "original_language", _("Choose the language the text is written in."))


@transaction.atomic
def delegation_save(
    *,
    actor,
    event: Event,
    hosts: Iterable[Organisation],
    visitors: Iterable[Organisation],
    fields: dict[str, Any] | None = None,
    original_language: str = "ru",
) -> Delegation:
    """Record (or change) who hosts whom on a delegation visit, and why. One delegation per event."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    require(actor, "events.change_delegation", event)
    errors: dict[str, list[str]] = {}
    if event.kind != EventKind.DELEGATION_VISIT:
        raise ValidationError(_("Only an event of the kind “delegation visit” has a delegation."), code="kind")
    hosts, visitors = list(dict.fromkeys(hosts)), list(dict.fromkeys(visitors))
    if not hosts:
        add_error(errors, "hosts", _("Name at least one hosting organisation."))
    if not visitors:
        add_error(errors, "visitors", _("Name at least one visiting organisation."))
    both = sorted(str(org) for org in set(hosts) & set(visitors))
    if both:
        add_error(
            errors,
            "visitors",
            _("An organisation cannot both host and visit: %(names)s.") % {"names": ", ".join(both)},
        )
    delegation = Delegation.objects.filter(event=event).first() or Delegation(event=event)
    apply_texts(delegation, fields or {}, PURPOSE_FIELDS)
    delegation.original_language = original_language
    _check_language(original_language, errors)
    for lang in LANGUAGES:
        if len(getattr(delegation, f"purpose_{lang}", "") or "") > 5000:
            add_error(errors, f"purpose_{lang}", _("The purpose is too long (at most 5,000 characters)."))
    if errors:
        raise ValidationError(errors)
    delegation.save()
    delegation.hosts.set(hosts)
    delegation.visitors.set(visitors)
    return delegation


@transaction.atomic
def member_add(
    *,
    actor,
    delegation: Delegation,
    person: Person,
    role: str = DelegationRole.MEMBER,
    organisation: Organisation | None = None,
) -> DelegationMember:
    """Add a person of the registry to the delegation, with the organisation they came for and their role.

    With no organisation given, the person's current post's organisation is taken when there is exactly one.
    A delegation has at most one head.
    """
    delegation = Delegation.objects.select_for_update().select_related("event").get(pk=delegation.pk)
    require(actor, "events.change_delegation", delegation.event)
    errors: dict[str, list[str]] = {}
    if role not in DelegationRole.values:
        add_error(errors, "role", _("Choose the role in the delegation."))
    if delegation.members.filter(person=person).exists():
        add_error(errors, "person", _("%(name)s is already in the delegation.") % {"name": person})
    if role == DelegationRole.HEAD and delegation.members.filter(role=DelegationRole.HEAD).exists():
        add_error(errors, "role", _("The delegation already has a head."))
    if errors:
        raise ValidationError(errors)
    if organisation is None:
        today = datetime.date.today()
        current = {
            pos.organisation_id for pos in person.positions.all() if pos.end_date is None or pos.end_date >= today
        }
        if len(current) == 1:
            organisation = Organisation.objects.get(pk=current.pop())
    order = (delegation.members.aggregate(top=Max("order"))["top"] or 0) + 1
    return DelegationMember.objects.create(
        delegation=delegation, person=person, organisation=organisation, role=role, order=order
    )


@transaction.atomic
def member_change(
    *, actor, member: DelegationMember, role: str | None = None, organisation: Organisation | None = UNSET
) -> DelegationMember:
    """Change a member's role or organisation."""
    delegation = Delegation.objects.select_for_update().select_related("event").get(pk=member.delegation_id)
    require(actor, "events.change_delegation", delegation.event)
    member = DelegationMember.objects.get(pk=member.pk)
    if role is not None:
        if role not in DelegationRole.values:
            raise ValidationError({"role": _("Choose the role in the delegation.")})
        others = delegation.members.exclude(pk=member.pk)
        if role == DelegationRole.HEAD and others.filter(role=DelegationRole.HEAD).exists():
            raise ValidationError({"role": _("The delegation already has a head.")})
        member.role = role
    if organisation is not UNSET:
        member.organisation = organisation
    member.save()
    return member


@transaction.atomic
def member_remove(*, actor, member: DelegationMember) -> None:
    """Take a person off the delegation."""
    require(actor, "events.change_delegation", member.delegation.event)
    DelegationMember.objects.filter(pk=member.pk).delete()


def _check_visit(visit: DelegationVisit, event: Event, errors: dict[str, list[str]]) -> None:
    lang = getattr(visit, "_language", "ru")
    if not any(getattr(visit, f"title_{code}", "") for code in LANGUAGES):
        add_error(errors, f"title_{lang}", _("Enter the title of the visit."))
    for code in LANGUAGES:
        if len(getattr(visit, f"title_{code}", "") or "") > 300:
            add_error(errors, f"title_{code}", _("The title is too long (at most 300 characters)."))
    if not isinstance(visit.starts_at, datetime.datetime) or visit.starts_at.tzinfo is None:
        add_error(errors, "starts_at", _("Enter the date and time the visit starts."))
    if not isinstance(visit.ends_at, datetime.datetime) or visit.ends_at.tzinfo is None:
        add_error(errors, "ends_at", _("Enter the date and time the visit ends."))
    if errors:
        return
    if visit.ends_at < visit.starts_at:
        add_error(errors, "ends_at", _("The visit cannot end before it starts."))
    # A visit belongs to the delegation's stay: within the event's days (whole days, in the event's time zone).
    zone = zone_of_event(event)
    first, last = event.starts_at.astimezone(zone).date(), event.ends_at.astimezone(zone).date()
    if visit.starts_at.astimezone(zone).date() < first or visit.ends_at.astimezone(zone).date() > last:
        add_error(
            errors,
            "starts_at",
            _("The visit must fall within the delegation's stay (%(first)s – %(last)s).")
            % {"first": first.isoformat(), "last": last.isoformat()},
        )


def _save_visit(visit: DelegationVisit, event: Event, original_language: str) -> DelegationVisit:
    errors: dict[str, list[str]] = {}
    visit._language = original_language
    _check_visit(visit, event, errors)
    if len(visit.address or "") > 300:
        add_error(errors, "address", _("The address is too long (at most 300 characters)."))
    if errors:
        raise ValidationError(errors)
    # No assignment to the plain `title`: modeltranslation would write it into the active language's column.
    visit.save()
    return visit


@transaction.atomic
def visit_add(
    *,
    actor,
    delegation: Delegation,
    fields: dict[str, Any],
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    organisation: Organisation | None = None,
    address: str = "",
    original_language: str = "ru",
) -> DelegationVisit:
    """Add a visit to the delegation's programme: the body visited, when, where."""
    delegation = Delegation.objects.select_for_update().select_related("event").get(pk=delegation.pk)
    require(actor, "events.change_delegation", delegation.event)
    visit = DelegationVisit(
        delegation=delegation,
        organisation=organisation,
        starts_at=starts_at,
        ends_at=ends_at,
        address=(address or "").strip(),
    )
    apply_texts(visit, fields, VISIT_TEXT_FIELDS)
    return _save_visit(visit, delegation.event, original_language)


@transaction.atomic
def visit_update(
    *,
    actor,
    visit: DelegationVisit,
    fields: dict[str, Any] | None = None,
    starts_at: datetime.datetime | None = None,
    ends_at: datetime.datetime | None = None,
    organisation: Organisation | None = UNSET,
    address: str | None = None,
    original_language: str = "ru",
) -> DelegationVisit:
    """Change a visit of the programme; what is not passed stays as it is."""
    visit = DelegationVisit.objects.select_for_update().select_related("delegation__event").get(pk=visit.pk)
    require(actor, "events.change_delegation", visit.delegation.event)
    apply_texts(visit, fields or {}, VISIT_TEXT_FIELDS)
    if starts_at is not None:
        visit.starts_at = starts_at
    if ends_at is not None:
        visit.ends_at = ends_at
    if organisation is not UNSET:
        visit.organisation = organisation
    if address is not None:
        visit.address = address.strip()
    return _save_visit(visit, visit.delegation.event, original_language)


@transaction.atomic
def visit_remove(*, actor, visit: DelegationVisit) -> None:
    """Take a visit off the programme."""
    require(actor, "events.change_delegation", visit.delegation.event)
    DelegationVisit.objects.filter(pk=visit.pk).delete()
