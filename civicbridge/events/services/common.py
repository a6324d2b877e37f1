"""Small pieces every events service shares: collecting field errors, writing translated text columns, the event's
time zone."""

from __future__ import annotations

import zoneinfo
from typing import Any

#: "Not given" for optional arguments whose None means "clear it".
UNSET: Any = object()


def add_error(errors: dict[str, list[str]], field: str, message: str) -> None:
    """Collect one message under a field, so a form or the API shows every problem at once."""
    errors.setdefault(field, []).append(message)


def apply_texts(obj, fields: dict[str, Any], allowed: frozenset[str]) -> None:
    """Write the explicit per-language columns (`title_ru`, `title_kk`…): never the plain attribute, which
    modeltranslation would send to the active language's column."""
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(obj, name, (value or "").strip())


def zone_of_event(event) -> zoneinfo.ZoneInfo:
    """The zone the event's times are given in; UTC for a name the zone database does not know."""
    try:
        return zoneinfo.ZoneInfo(event.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")
