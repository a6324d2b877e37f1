"""The scheduled jobs run the reminder services through Celery (eager here) and remind once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from civicbridge.grants import tasks
from civicbridge.notifications.models import Notification

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_review_reminders_job_reminds_each_expert_once():
    soon = ReviewFactory(due_at=timezone.now() + timedelta(days=2))
    later = ReviewFactory(due_at=timezone.now() + timedelta(days=10))
    assert tasks.send_review_reminders.delay().get() == 1
    assert Notification.objects.filter(recipient=soon.expert, event="grants.review_reminder").count() == 1
    assert not Notification.objects.filter(recipient=later.expert).exists()
    assert tasks.send_review_reminders.delay().get() == 0


def test_report_reminders_job_runs_with_nothing_due():
    assert tasks.send_report_reminders.delay().get() == 0
