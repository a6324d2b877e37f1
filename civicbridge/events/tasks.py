"""Scheduled jobs of events (beat runs them; see config/settings CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from civicbridge.core.context import acting_as

from .services import registration


@shared_task(name="events.send_reminders")
def send_reminders() -> int:
    """Hourly: remind confirmed participants of events starting within 24 hours, once each."""
    with acting_as(None):
        return registration.send_reminders()
