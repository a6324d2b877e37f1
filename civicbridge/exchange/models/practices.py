"""Best practices and their adoptions: what worked, how to do it, and who did it again elsewhere."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civicbridge.core.models import TimeStampedModel
from civicbridge.registry.models import Country, Organisation, Region, Theme

from ..choices import PracticeStatus


class TargetGroup(models.Model):
    """Who a practice serves (children, people with disabilities, rural residents …); names in ru/kk/en."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Practice(TimeStampedModel):
    """A proven practice an organisation publishes for others to adopt, in one or more languages."""

    file_view_perm = "exchange.view_practice"
    file_attach_perm = "exchange.change_practice"

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="practices"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=12, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT)
    original_language = models.CharField(_("original language"), max_length=5, choices=settings.LANGUAGES, default="ru")
    # Translated (ru/kk/en columns, see translation.py): the version in `original_language` is the author's.
    title = models.CharField(_("title"), max_length=300)
    problem = models.TextField(_("problem"), blank=True)
    solution = models.TextField(_("solution"), blank=True)
    steps = models.TextField(_("how to do it"), blank=True, help_text=_("The steps, one per line."))
    resources = models.TextField(_("resources needed"), blank=True)
    results = models.TextField(_("measured results"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="practices")
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="practices"
    )
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contacts = models.TextField(
        _("contacts"),
        blank=True,
        help_text=_("How to reach the team: the organisation's e-mail or phone. This is published."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Optimistic lock for concurrent edits (two tabs, two authors): a save names the version it read.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="practice_status_published"),
            models.Index(fields=["organisation", "status"], name="practice_org_status"),
            models.Index(fields=["country", "region"], name="practice_place"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=PracticeStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="practice_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:practice", args=[self.pk])


class PracticeLink(models.Model):
    """A link with more about a practice (a video, a methodology, a news story)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("address"), max_length=500)
    title = models.CharField(_("title"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["practice", "id"]

    def __str__(self) -> str:
        return self.title or self.url


class PracticeDocument(models.Model):
    """A file attached to a practice (a methodology, a template, photos)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="documents")
    file = models.ForeignKey("files.StoredFile", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")
        ordering = ["practice", "id"]

    def __str__(self) -> str:
        return str(self.file)


class Adoption(TimeStampedModel):
    """The record of exchange: an organisation adopted a practice — when, where, with what result."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="adoptions"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="adoptions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_on = models.DateField(_("adopted on"))
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("place"), max_length=300, blank=True, help_text=_("Town, village or district."))
    result = models.TextField(_("result"), blank=True)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-adopted_on", "-id"]
        indexes = [
            models.Index(fields=["practice", "country", "region"], name="adoption_practice_place"),
            models.Index(fields=["organisation"], name="adoption_org"),
        ]
        constraints = [
            # One record per organisation and place: adopting again in the same region is the same adoption.
            models.UniqueConstraint(
                fields=["practice", "organisation", "country", "region"], name="adoption_unique_place"
            ),
            models.UniqueConstraint(
                fields=["practice", "organisation", "country"],
                condition=Q(region__isnull=True),
                name="adoption_unique_country",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ← {self.practice}"
