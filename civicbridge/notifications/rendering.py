"""Context that crosses to the job as plain JSON, and the templates rendered in the recipient's language and zone."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from urllib.parse import urljoin

from django.apps import apps
from django.conf import settings
from django.db import models
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise

from civicbridge.core.timezones import zone_of

from .registry import Event

_TAG = "__cb__"  # marks an encoded value in the JSON sent to the job


def encode(value: Any) -> Any:
    """`value` as JSON for the job; model instances become references that the job fetches again.

    Lazy translations are refused: they would be frozen in the sender's language. Pass the object (or a code) and
    let the template say it in the recipient's language.
    """
    if isinstance(value, Promise):
        raise TypeError("notification context: a lazy translation would be frozen in the sender's language")
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        if value.pk is None:
            raise TypeError(f"notification context: unsaved {type(value).__name__} has no primary key")
        return {_TAG: "model", "model": value._meta.label_lower, "pk": value.pk}
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            raise TypeError("notification context: naive datetime (use an aware one)")
        return {_TAG: "datetime", "value": value.isoformat()}
    if isinstance(value, datetime.date):
        return {_TAG: "date", "value": value.isoformat()}
    if isinstance(value, Decimal):
        return {_TAG: "decimal", "value": str(value)}
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [encode(item) for item in value]
    raise TypeError(f"notification context: cannot send a {type(value).__name__} to the job")


def decode(value: Any, cache: dict | None = None) -> Any:
    """The inverse of `encode`; a referenced object deleted since becomes None."""
    cache = {} if cache is None else cache
    if isinstance(value, list):
        return [decode(item, cache) for item in value]
    if not isinstance(value, dict):
        return value
    kind = value.get(_TAG)
    if kind == "model":
        ref = (value["model"], value["pk"])
        if ref not in cache:
            model = apps.get_model(value["model"])
            cache[ref] = model._default_manager.filter(pk=value["pk"]).first()
        return cache[ref]
    if kind == "datetime":
        return datetime.datetime.fromisoformat(value["value"])
    if kind == "date":
        return datetime.date.fromisoformat(value["value"])
    if kind == "decimal":
        return Decimal(value["value"])
    return {key: decode(item, cache) for key, item in value.items()}


def site_url(path: str = "") -> str:
    """An absolute address on this site (SITE_URL), for links in e-mails."""
    base = getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/") + "/"
    return urljoin(base, path.lstrip("/")) if path else base.rstrip("/")


@contextmanager
def as_recipient(user) -> Iterator[None]:
    """Render in the user's language and time zone (dates in templates come out in their zone)."""
    languages = {code for code, _name in settings.LANGUAGES}
    language = user.language if getattr(user, "language", None) in languages else settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(zone_of(user)):
        yield


def render_text(template_name: str, context: dict[str, Any]) -> str:
    """A plain-text template without HTML escaping (e-mail text is not HTML)."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def one_line(text: str, limit: int = 255) -> str:
    """A subject: whitespace collapsed to single spaces (headers cannot hold newlines), cut to `limit`."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def target_path(context: dict[str, Any], target: models.Model | None) -> str:
    """The one link of the message: context['url'] if the caller gave one, else the target's page."""
    url = context.get("url")
    if url:
        return str(url)
    if target is not None and hasattr(target, "get_absolute_url"):
        return target.get_absolute_url()
    return ""


def render_event(event: Event, user, context: dict[str, Any], target: models.Model | None) -> tuple[str, str, str]:
    """(title, body, path) of one event for one user; call inside `as_recipient(user)`."""
    path = target_path(context, target)
    full = {
        **context,
        "recipient": user,
        "target": target,
        "url": site_url(path) if path else "",
        "site_name": "CivicBridge",
        "site_url": site_url(),
        "time_zone": str(timezone.get_current_timezone()),
    }
    title = one_line(render_text(event.subject_template, full))
    body = render_text(event.body_template, full).strip()
    return title, body, path


def email_footer() -> str:
    """Why the user gets this e-mail and where to change it, in the active language (the same for every user)."""
    url = site_url(reverse("notifications:preferences"))
    key = (translation.get_language(), url)
    if key not in _footers:
        _footers[key] = render_text("notifications/email/footer.txt", {"preferences_url": url}).strip()
    return _footers[key]


_footers: dict[tuple[str | None, str], str] = {}
