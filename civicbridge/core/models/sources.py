"""Sources (documents that facts come from) and the citations that link records to them."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .base import TimeStampedModel


class Source(TimeStampedModel):
    """A document that facts come from: a news report, an article, a protocol, an official register."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("news article")
        REPORT = "report", _("report")
        PROTOCOL = "protocol", _("protocol")
        REGISTER = "register", _("official register")
        WEBSITE = "website", _("website")
        OTHER = "other", _("other")

    title = models.CharField(pgettext_lazy("source", "title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    published_on = models.DateField(_("date"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "title"]

    def __str__(self) -> str:
        return self.title


class Citation(models.Model):
    """Links any record to the source it was taken from, optionally with the quoted passage."""

    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="citations")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    quote = models.TextField(_("quote"), blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(fields=["source", "content_type", "object_id"], name="citation_unique_per_object")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="citation_target_idx")]

    def __str__(self) -> str:
        return f"{self.source} → {self.content_type.model}#{self.object_id}"
