"""Needs and offers: what an organisation is looking for and what it can give, for partner matching."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civicbridge.core.models import TimeStampedModel
from civicbridge.registry.models import Country, Organisation, Region, Theme

from ..choices import ListingKind, ListingStatus


class Listing(TimeStampedModel):
    """A need ("fundraising training for a rural inclusion project") or an offer ("a method for inclusive camps")."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="listings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("need or offer"), max_length=5, choices=ListingKind.choices)
    status = models.CharField(_("status"), max_length=6, choices=ListingStatus.choices, default=ListingStatus.OPEN)
    original_language = models.CharField(_("original language"), max_length=5, choices=settings.LANGUAGES, default="ru")
    title = models.CharField(_("title"), max_length=300)  # translated
    description = models.TextField(_("description"), blank=True)  # translated
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="listings")
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries"), blank=True, related_name="+", help_text=_("Empty: anywhere.")
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions"), blank=True, related_name="+", help_text=_("Empty: the whole country.")
    )
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    cross_border = models.BooleanField(_("ready to work across borders"), default=True)
    expires_on = models.DateField(_("open until"), null=True, blank=True)

    class Meta:
        verbose_name = _("need or offer")
        verbose_name_plural = _("needs and offers")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "status"], name="listing_kind_status"),
            models.Index(fields=["organisation", "status"], name="listing_org_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:listing", args=[self.pk])
