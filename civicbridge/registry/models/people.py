"""People and the positions they hold in organisations and units."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from civicbridge.core.models import TimeStampedModel
from civicbridge.core.text import search_blob

from .organisations import Organisation, Unit


class Person(TimeStampedModel):
    """A person in a public role. Contacts stay private unless the person consented to show them."""

    full_name = models.CharField(_("full name"), max_length=300)
    bio = models.TextField(_("about"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    contacts_public_since = models.DateTimeField(
        _("contacts public since"),
        null=True,
        blank=True,
        help_text=_("Set only when the person consented to publish their contacts."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name_ru", "id"]
        indexes = [models.Index(fields=["full_name_ru", "id"], name="person_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(full_name_ru__isnull=False) & ~Q(full_name_ru=""), name="person_name_ru_required"
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.full_name_ru

    def get_absolute_url(self) -> str:
        return reverse("registry:person-detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.search_text = search_blob([self.full_name_ru, self.full_name_kk, self.full_name_en])
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def contacts_public(self) -> bool:
        return self.contacts_public_since is not None


class Position(TimeStampedModel):
    """A post a person holds (or held) in an organisation or one of its units, from–to."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="positions"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="positions"
    )
    title = models.CharField(pgettext_lazy("position", "title"), max_length=300)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["-end_date", "-start_date", "id"]
        indexes = [
            models.Index(fields=["organisation", "end_date"], name="position_org_idx"),
            models.Index(fields=["person", "end_date"], name="position_person_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="position_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(title_ru__isnull=False) & ~Q(title_ru=""), name="position_title_ru_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}, {self.title}, {self.organisation}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None
