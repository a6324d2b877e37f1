"""Channels a notification goes through, and how often e-mail is sent."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    INAPP = "inapp", _("on the website")


class Frequency(models.TextChoices):
    INSTANT = "instant", _("at once")
    DIGEST = "digest", _("in a daily digest")
