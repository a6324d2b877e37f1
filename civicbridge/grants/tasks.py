"""Scheduled jobs of state support: reminders to experts and to grantees (beat runs them; see config/settings)."""

from __future__ import annotations

from celery import shared_task
from django.db import transaction

from civicbridge.core.context import acting_as

from .services import agreements, reviews


@shared_task(name="grants.send_review_reminders")
def send_review_reminders() -> int:
    """Hourly: remind each expert once of an open review due within three days."""
    with acting_as(None), transaction.atomic():
        return reviews.send_review_reminders()


@shared_task(name="grants.send_report_reminders")
def send_report_reminders() -> int:
    """Daily: remind grantees of reports due in a week and tomorrow."""
    with acting_as(None):
        return agreements.send_report_reminders()
