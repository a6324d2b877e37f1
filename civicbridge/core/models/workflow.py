"""Workflow history: one row per status transition of any object, written only by core/workflow.py."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TransitionHistory(models.Model):
    """One transition of an object's status: the action, from and to which state, who, when and why. Append-only."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=64)
    source = models.CharField(_("from state"), max_length=64)
    target = models.CharField(_("to state"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_repr = models.CharField(_("who (as recorded)"), max_length=255, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-id"], name="workflow_history_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_repr or '-'} {self.action}: {self.source} → {self.target}"

    def save(self, *args, **kwargs):
        # History is appended, never rewritten: a changed row would misstate who did what.
        if not self._state.adding:
            raise RuntimeError("Workflow history rows cannot be changed")
        super().save(*args, **kwargs)
