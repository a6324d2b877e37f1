"""Delegation visits: the hosting and visiting organisations, the members and the programme of visits.

A delegation visit is an `Event` of kind delegation_visit; its `Delegation` record holds what is particular to it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from civicbridge.core.models import TimeStampedModel
from civicbridge.registry.models import Organisation, Person

from ..choices import DelegationRole


class Delegation(TimeStampedModel):
    """Who hosts whom on a delegation visit, and why."""

    event = models.OneToOneField(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="delegation"
    )
    original_language = models.CharField(_("original language"), max_length=5, choices=settings.LANGUAGES, default="ru")
    # Translated (ru/kk/en columns, see translation.py).
    purpose = models.TextField(_("purpose of the visit"), blank=True)
    hosts = models.ManyToManyField(
        Organisation, verbose_name=_("hosting organisations"), related_name="hosted_delegations"
    )
    visitors = models.ManyToManyField(
        Organisation, verbose_name=_("visiting organisations"), related_name="visiting_delegations"
    )

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-id"]

    def __str__(self) -> str:
        return str(self.event)

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url()


class DelegationMember(TimeStampedModel):
    """A person of the registry in the delegation, with the organisation they came for and their role in it."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="delegation_memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegation_members",
    )
    role = models.CharField(_("role"), max_length=12, choices=DelegationRole.choices, default=DelegationRole.MEMBER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["delegation", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["delegation", "person"], name="delegation_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class DelegationVisit(TimeStampedModel):
    """One item of the delegation's programme: a body visited (or a meeting held), when and where."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="visits"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation visited"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegation_visits",
    )
    # Translated (ru/kk/en columns, see translation.py).
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("visit of a delegation")
        verbose_name_plural = _("visits of a delegation")
        ordering = ["delegation", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="delegation_visit_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title
