"""Channels a notification goes through, and how often e-mail is sent."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    # A context: as a channel it is «электронная почта», not the address field's «адрес электронной почты».
    EMAIL = "email", pgettext_lazy("notification channel", "e-mail")
    INAPP = "inapp", _("on the website")


class Frequency(models.TextChoices):
    INSTANT = "instant", _("at once")
    DIGEST = "digest", _("in a daily digest")
