"""Registration for an event: the organisers' questions, the seats (confirmed or waitlisted), answers and check-in."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civicbridge.registry.models import Organisation

from ..choices import QuestionKind, RegistrationStatus
from .events import Event


def new_checkin_code() -> str:
    """128 bits from the system's CSPRNG, URL-safe: unguessable, and shown only to the participant."""
    return secrets.token_urlsafe(16)


class RegistrationQuestion(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=500)  # translated
    kind = models.CharField(_("kind of answer"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT)
    options = models.JSONField(_("options"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="event_registrations"
    )
    name = models.CharField(_("name"), max_length=300)
    email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="ru")
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.CONFIRMED
    )
    checkin_code = models.CharField(_("check-in code"), max_length=64, unique=True, default=new_checkin_code)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="registration_event_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_one_per_user",
            ),
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_one_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.event}"


class Answer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(RegistrationQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question__order", "question_id"]
        constraints = [models.UniqueConstraint(fields=["registration", "question"], name="answer_unique")]

    def __str__(self) -> str:
        return self.value
