"""Helpers shared by the grants serializers."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from civicbridge.core.text import LANGUAGES as LANGS

LOCALISED = _("In the language of the request, with fallback.")


def translated(*fields: str) -> list[str]:
    """The per-language columns of translated fields: name → name_ru, name_kk, name_en."""
    return [f"{field}_{lang}" for field in fields for lang in LANGS]


def codes(objects) -> list[str]:
    return [obj.code for obj in objects]


def status_field(choices) -> serializers.CharField:
    """A read-only status, its values listed in the description rather than as an enum component: several models
    have a `status` and drf-spectacular would otherwise need settings overrides to name their enums apart."""
    values = ", ".join(str(value) for value in choices.values)
    return serializers.CharField(read_only=True, help_text=format_lazy(_("One of: {values}."), values=values))


def optional_text(**kwargs) -> serializers.CharField:
    return serializers.CharField(required=False, allow_blank=True, **kwargs)
