"""The stored file: one row per upload, its blob in the default storage, its owner linked generically."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .naming import upload_to


class StoredFile(models.Model):
    """An uploaded file whose type was judged by its content; served only through the download view."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(_("file"), upload_to=upload_to, max_length=255)
    original_name = models.CharField(_("original name"), max_length=255)
    safe_name = models.CharField(_("file name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10)
    content_type = models.CharField(_("content type"), max_length=100, help_text=_("Detected from the content."))
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    purpose = models.CharField(_("purpose"), max_length=100, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # The record the file belongs to (an application, a report, a memorandum); empty until attached.
    owner_type = models.ForeignKey(
        ContentType, verbose_name=_("owner type"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_id = models.PositiveBigIntegerField(_("owner id"), null=True, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")
        ordering = ["uploaded_at", "id"]
        indexes = [
            models.Index(fields=["owner_type", "owner_id"], name="files_owner_idx"),
            # purge_orphans: files never attached, oldest first.
            models.Index(fields=["uploaded_at"], name="files_unattached_idx", condition=models.Q(owner_id=None)),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_type__isnull=True, owner_id__isnull=True)
                | models.Q(owner_type__isnull=False, owner_id__isnull=False),
                name="files_owner_both_or_neither",
            )
        ]

    def __str__(self) -> str:
        return self.safe_name

    def get_absolute_url(self) -> str:
        return self.url

    @property
    def url(self) -> str:
        """The download address (never the storage's own URL: files are served only through the permission check)."""
        return reverse("files:download", kwargs={"public_id": self.public_id})

    @property
    def is_attached(self) -> bool:
        return self.owner_id is not None
