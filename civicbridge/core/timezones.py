"""The one answer to "which time zone does this person read times in" (pages, e-mails, exports)."""

from __future__ import annotations

import zoneinfo

from django.conf import settings


def zone_of(user) -> zoneinfo.ZoneInfo:
    """The user's own zone; for anonymous visitors or an unknown name, the site's display zone (Asia/Almaty)."""
    for name in (getattr(user, "time_zone", "") or "", settings.DISPLAY_TIME_ZONE, "UTC"):
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
    return zoneinfo.ZoneInfo("UTC")
