"""Categories of citizens' issues: each with a theme of the registry and a response time."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from civicbridge.registry.models import Theme


class Category(models.Model):
    """A category such as «roads and transport»: an issue's category decides its theme, its routing and its deadline."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)  # translated
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    response_days = models.PositiveSmallIntegerField(
        _("response time, days"), default=30, help_text=_("Days the responsible party has to answer.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("category of issues")
        verbose_name_plural = _("categories of issues")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(response_days__gt=0), name="appeal_category_days_positive"),
        ]

    def __str__(self) -> str:
        return self.name
