"""Routing rules (which organisation answers which issues) and the routing trail of each issue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from civicbridge.registry.models import Country, Organisation, Region, Theme

from .categories import Category


class RoutingRule(models.Model):
    """A rule such as «roads and transport in KZ-75 go to the city roads department»; empty conditions match anything.

    The most specific active rule that matches wins (region over country; category over theme), then priority.
    """

    category = models.ForeignKey(
        Category, verbose_name=_("category"), null=True, blank=True, on_delete=models.CASCADE, related_name="rules"
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    responsible = models.ForeignKey(
        Organisation, verbose_name=_("responsible organisation"), on_delete=models.PROTECT, related_name="+"
    )
    priority = models.SmallIntegerField(_("priority"), default=0, help_text=_("Higher wins between equal rules."))
    is_active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["-priority", "id"]
        indexes = [models.Index(fields=["is_active", "category"], name="appeal_rule_active_cat")]

    def __str__(self) -> str:
        return f"#{self.pk} → {self.responsible}"


class Transfer(models.Model):
    """One step of the routing trail: routed by a rule or by hand, or passed on by the responsible party."""

    appeal = models.ForeignKey("appeals.Appeal", on_delete=models.CASCADE, related_name="transfers")
    from_organisation = models.ForeignKey(
        Organisation, verbose_name=_("from"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(Organisation, verbose_name=_("to"), on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    rule = models.ForeignKey(
        RoutingRule, verbose_name=_("rule"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_organisation or '—'} → {self.to_organisation}"
