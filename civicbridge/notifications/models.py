"""In-app notifications (the inbox, and the queue of the daily digest) and each user's delivery preferences."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Channel, Frequency


class Notification(models.Model):
    """One message to one user about one event, already rendered in the user's language."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,  # the composite indexes below start with the recipient
    )
    event = models.CharField(_("event"), max_length=100)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("about (type)"), null=True, blank=True, on_delete=models.CASCADE
    )
    object_id = models.CharField(_("about (id)"), max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # False when the user switched the website channel off but still gets the event in the daily digest.
    in_inbox = models.BooleanField(_("shown in the inbox"), default=True)
    digest_pending = models.BooleanField(_("waiting for the daily digest"), default=False)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-id"], name="notification_unread_idx"),
            models.Index(fields=["recipient", "-id"], name="notification_inbox_idx"),
            models.Index(fields=["recipient", "id"], condition=Q(digest_pending=True), name="notification_digest_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A user's choice for one event (or '*' for every event) on one channel; no row means the event's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        db_index=False,  # the unique constraint starts with the user
    )
    event = models.CharField(_("event"), max_length=100, help_text=_("An event key, or * for every event."))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    enabled = models.BooleanField(_("enabled"), default=True)
    frequency = models.CharField(
        _("how often"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.INSTANT,
        help_text=_("For e-mail: at once, or in one e-mail a day (for events that allow a digest)."),
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "event", "channel"], name="notification_preference_unique"),
        ]

    def __str__(self) -> str:
        state = self.get_frequency_display() if self.enabled else _("off")
        return f"{self.user}: {self.event} / {self.get_channel_display()} — {state}"
