"""Reference data every module uses: countries, ISO 3166-2 regions, the theme taxonomy, legal forms."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.Model):
    """A country by its ISO 3166-1 alpha-2 code; names in ru/kk/en."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """A first-level subdivision by its ISO 3166-2 code (KZ-ALA, RU-MOW), seeded from pycountry."""

    code = models.CharField(_("code"), max_length=10, primary_key=True)
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="regions")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["country_id", "name_ru"]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """One field of civil-society work (inclusion, ecology…). The only theme list: every module refers to it."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class LegalForm(models.Model):
    """A legal form of one country (KZ «общественный фонд», RU «АНО»), by a stable code used in imports."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("legal form")
        verbose_name_plural = _("legal forms")
        ordering = ["country_id", "code"]

    def __str__(self) -> str:
        return self.name
