"""Jobs of outcomes: remind the responsible organisations of commitments falling due (daily)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="events.send_commitment_reminders")
def send_commitment_reminders() -> int:
    """Remind the editors of the responsible organisations of open commitments due within 7 days (once each)."""
    from .services.outcomes import send_commitment_reminders as send

    return send()
