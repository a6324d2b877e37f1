"""Organisations, their internal units, and network memberships."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Left
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civicbridge.core.models import TimeStampedModel
from civicbridge.core.text import search_blob

from ..choices import MembershipType, OrganisationKind, OrganisationStatus, UnitKind
from .reference import Country, LegalForm, Region, Theme


class Organisation(TimeStampedModel):
    """An NGO, network, state body, parliament, public chamber, foundation, business or international body."""

    name = models.CharField(_("name"), max_length=500)
    short_name = models.CharField(_("abbreviation"), max_length=100, blank=True, help_text=_("e.g. ГАК, МКИ"))
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.NGO)
    legal_form = models.ForeignKey(
        LegalForm, verbose_name=_("legal form"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    bin = models.CharField(_("BIN"), max_length=12, blank=True, help_text=_("Kazakhstan: 12 digits"))
    inn = models.CharField(_("INN"), max_length=10, blank=True, help_text=_("Russia: 10 digits"))
    ogrn = models.CharField(_("OGRN"), max_length=13, blank=True, help_text=_("Russia: 13 digits"))
    registered_on = models.DateField(_("registration date"), null=True, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="organisations")
    status = models.CharField(
        _("status"), max_length=12, choices=OrganisationStatus.choices, default=OrganisationStatus.ACTIVE
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    description = models.TextField(_("description"), blank=True)
    # Case-folded, ё→е text of every name, abbreviation and description: what the directory searches.
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_ru", "id"]
        indexes = [
            models.Index(fields=["name_ru", "id"], name="org_name_ru_idx"),
            models.Index(fields=["country", "kind", "name_ru"], name="org_country_kind_idx"),
            models.Index(fields=["region", "name_ru"], name="org_region_idx"),
            models.Index(fields=["legal_form"], name="org_legal_form_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["bin"], condition=~Q(bin=""), name="org_bin_unique"),
            models.UniqueConstraint(fields=["inn"], condition=~Q(inn=""), name="org_inn_unique"),
            models.UniqueConstraint(fields=["ogrn"], condition=~Q(ogrn=""), name="org_ogrn_unique"),
            models.CheckConstraint(condition=Q(bin="") | Q(bin__regex=r"^[0-9]{12}$"), name="org_bin_digits"),
            models.CheckConstraint(condition=Q(inn="") | Q(inn__regex=r"^[0-9]{10}$"), name="org_inn_digits"),
            models.CheckConstraint(condition=Q(ogrn="") | Q(ogrn__regex=r"^[0-9]{13}$"), name="org_ogrn_digits"),
            models.CheckConstraint(condition=Q(bin="") | Q(country="KZ"), name="org_bin_only_kz"),
            models.CheckConstraint(condition=(Q(inn="") & Q(ogrn="")) | Q(country="RU"), name="org_inn_ogrn_only_ru"),
            models.CheckConstraint(
                condition=Q(region__isnull=True) | Q(Exact(Left("region", 2), F("country"))),
                name="org_region_in_country",
            ),
            models.CheckConstraint(condition=Q(name_ru__isnull=False) & ~Q(name_ru=""), name="org_name_ru_required"),
        ]

    def __str__(self) -> str:
        return self.name or self.name_ru

    def get_absolute_url(self) -> str:
        return reverse("registry:organisation-detail", args=[self.pk])

    def save(self, *args, **kwargs):
        # The folded search text is derived, so it is rebuilt on every save and never edited by hand.
        self.search_text = search_blob(
            [
                self.name_ru,
                self.name_kk,
                self.name_en,
                self.short_name,
                self.bin,
                self.inn,
                self.ogrn,
                self.description_ru,
                self.description_kk,
                self.description_en,
            ]
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_network(self) -> bool:
        from ..choices import NETWORK_KINDS

        return self.kind in NETWORK_KINDS


class Unit(TimeStampedModel):
    """A part of an organisation (ministry → committee; parliament → Mazhilis; chamber → commission), as a tree."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="units"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name = models.CharField(_("name"), max_length=500)
    short_name = models.CharField(_("abbreviation"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.DEPARTMENT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["organisation_id", "order", "name_ru"]
        indexes = [models.Index(fields=["organisation", "parent"], name="unit_org_parent_idx")]
        constraints = [models.CheckConstraint(condition=~Q(parent=F("id")), name="unit_not_own_parent")]

    def __str__(self) -> str:
        return self.name or self.name_ru


class NetworkMembership(TimeStampedModel):
    """An organisation's membership of a network, alliance or public chamber, with its type and dates."""

    network = models.ForeignKey(
        Organisation, verbose_name=_("network"), on_delete=models.CASCADE, related_name="member_links"
    )
    member = models.ForeignKey(
        Organisation, verbose_name=_("member"), on_delete=models.CASCADE, related_name="network_links"
    )
    membership_type = models.CharField(
        _("membership type"), max_length=10, choices=MembershipType.choices, default=MembershipType.FULL
    )
    joined_on = models.DateField(_("joined"), null=True, blank=True)
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["network_id", "-joined_on", "id"]
        indexes = [models.Index(fields=["member", "network"], name="netmember_member_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(network=F("member")), name="netmember_not_self"),
            models.UniqueConstraint(
                fields=["network", "member"], condition=Q(left_on__isnull=True), name="netmember_one_current"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="netmember_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ∈ {self.network}"
