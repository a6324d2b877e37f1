"""Routing: the rule that decides who answers an issue, a coordinator's choice by hand, and passing an issue on.

Every change of the responsible organisation leaves a Transfer row (the public routing trail). The due date is set
once, when the issue is first routed (created_at + the category's response days); passing it on does not move it.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.core.permissions import require
from civicbridge.notifications.services import notify
from civicbridge.registry.choices import OrganisationStatus
from civicbridge.registry.models import Organisation

from ..choices import OPEN_STATUSES
from ..models import Appeal, RoutingRule, Transfer
from ..notifications import ASSIGNED, TRANSFERRED, tell_citizen
from ..selectors.work import responder_ids_of


def check_responsible(organisation: Organisation | None, field: str = "responsible") -> None:
    """A rule or an issue must point at an existing, active organisation."""
    if organisation is None:
        raise ValidationError({field: _("Choose the responsible organisation.")}, code="required")
    if organisation.status != OrganisationStatus.ACTIVE:
        raise ValidationError(
            {field: _("%(name)s is not active: choose an organisation that can answer.") % {"name": organisation}},
            code="inactive",
        )


# --- rules ------------------------------------------------------------------------------------------------------------


def matching_rules(appeal: Appeal):
    """Active rules whose every condition the issue meets, the most specific first (region > country; category >
    theme; then priority; then the oldest)."""
    place = Case(
        When(region__isnull=False, then=Value(2)),
        When(country__isnull=False, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    subject = Case(
        When(category__isnull=False, then=Value(2)),
        When(theme__isnull=False, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        RoutingRule.objects.filter(is_active=True, responsible__status=OrganisationStatus.ACTIVE)
        .filter(Q(category__isnull=True) | Q(category_id=appeal.category_id))
        .filter(Q(theme__isnull=True) | Q(theme_id=appeal.theme_id))
        .filter(Q(country__isnull=True) | Q(country_id=appeal.country_id))
        .filter(Q(region__isnull=True) | Q(region_id=appeal.region_id))
        .annotate(place=place, subject=subject)
        .order_by("-place", "-subject", "-priority", "id")
        .select_related("responsible")
    )


def rule_for(appeal: Appeal) -> RoutingRule | None:
    return matching_rules(appeal).first()


@transaction.atomic
def rule_save(rule: RoutingRule, *, actor) -> RoutingRule:
    """Create or change a routing rule (administrators and moderators). A rule that points nowhere is refused."""
    require(actor, "appeals.manage_rules", rule)
    responsible = Organisation.objects.filter(pk=rule.responsible_id).first() if rule.responsible_id else None
    check_responsible(responsible)
    if rule.region_id is not None and rule.country_id is not None and rule.region.country_id != rule.country_id:
        raise ValidationError({"region": _("The region is not in the chosen country.")}, code="region_country")
    if rule.region_id is not None and rule.country_id is None:
        rule.country_id = rule.region.country_id
    if rule.pk is None and rule.created_by_id is None:
        rule.created_by = actor if getattr(actor, "is_authenticated", False) else None
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def rule_delete(rule: RoutingRule, *, actor) -> None:
    require(actor, "appeals.manage_rules", rule)
    rule.delete()


# --- routing an issue -------------------------------------------------------------------------------------------------


def _set_due(appeal: Appeal) -> None:
    if appeal.due_at is None:
        start = appeal.created_at or timezone.now()
        appeal.due_at = start + timedelta(days=appeal.category.response_days)


def tell_responsible(appeal: Appeal, reason: str = "") -> None:
    recipients = responder_ids_of(appeal.responsible_id)
    url = reverse("appeals:manage", args=[appeal.pk])
    context = {"appeal": appeal, "reason": reason, "url": url}
    notify(event=ASSIGNED, recipients=recipients, context=context, target=appeal)


@transaction.atomic
def route(appeal: Appeal, *, actor=None) -> RoutingRule | None:
    """Apply the most specific matching rule to an unrouted issue; none → it waits in the coordinators' queue."""
    if appeal.responsible_id is not None:
        return None
    rule = rule_for(appeal)
    if rule is None:
        return None
    appeal.responsible = rule.responsible
    _set_due(appeal)
    appeal.save(update_fields=["responsible", "due_at", "updated_at"])
    user = actor if getattr(actor, "is_authenticated", False) else None
    Transfer.objects.create(appeal=appeal, to_organisation=rule.responsible, rule=rule, actor=user)
    return rule


@transaction.atomic
def appeal_assign(appeal: Appeal, organisation: Organisation | None, *, actor, reason: str = "") -> Appeal:
    """A coordinator routes an issue no rule matched (the "to route" queue)."""
    require(actor, "appeals.route_appeal", appeal)
    check_responsible(organisation, "organisation")
    locked = Appeal.objects.select_for_update().select_related("category").get(pk=appeal.pk)
    if locked.responsible_id is not None:
        raise ValidationError(
            _("This issue is already routed to %(name)s: pass it on instead.") % {"name": locked.responsible},
            code="routed",
        )
    if locked.status not in OPEN_STATUSES:
        raise ValidationError(_("This issue is closed."), code="closed")
    locked.responsible = organisation
    _set_due(locked)
    locked.save(update_fields=["responsible", "due_at", "updated_at"])
    Transfer.objects.create(appeal=locked, to_organisation=organisation, reason=reason.strip(), actor=actor)
    tell_responsible(locked, reason.strip())
    tell_citizen(locked, TRANSFERRED, {"reason": ""})
    appeal.responsible, appeal.due_at = locked.responsible, locked.due_at
    return locked


@transaction.atomic
def appeal_transfer(appeal: Appeal, organisation: Organisation | None, *, actor, reason: str) -> Appeal:
    """The responsible party (or a coordinator) passes an open issue on to another organisation, with a reason."""
    require(actor, "appeals.transfer_appeal", appeal)
    check_responsible(organisation, "organisation")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the issue goes to another organisation.")}, code="required")
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if locked.responsible_id != appeal.responsible_id:
        raise ValidationError(_("This issue has just been passed on by someone else."), code="stale")
    if locked.status not in OPEN_STATUSES:
        raise ValidationError(_("This issue is closed: it cannot be passed on."), code="closed")
    if locked.responsible_id == organisation.pk:
        raise ValidationError({"organisation": _("The issue is already with this organisation.")}, code="same")
    previous = locked.responsible_id
    locked.responsible = organisation
    locked.save(update_fields=["responsible", "updated_at"])
    Transfer.objects.create(
        appeal=locked, from_organisation_id=previous, to_organisation=organisation, reason=reason, actor=actor
    )
    tell_responsible(locked, reason)
    tell_citizen(locked, TRANSFERRED, {"reason": reason})
    appeal.responsible = organisation
    return locked
