"""Test events (reusing the test message's templates) and a notification factory."""

from __future__ import annotations

import datetime

import pytest

from civicbridge.notifications.choices import Channel
from civicbridge.notifications.registry import register_event

# Declared the way a module declares its events; they reuse the test message's templates.
DIGESTIBLE = register_event(
    key="notifications.sample_digestible",
    label="Sample digestible event",
    template="notifications/email/test_message",
    digestible=True,
).key
WEBSITE_ONLY = register_event(
    key="notifications.sample_website_only",
    label="Sample website-only event",
    template="notifications/email/test_message",
    default_channels={Channel.INAPP},
).key

SENT_AT = datetime.datetime(2026, 11, 26, 20, 30, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _project_celery_app_is_current():
    """Shared tasks run on the *current* Celery app. core/tests/test_jobs.py creates another app (with a Redis broker)
    and leaves it current for the transactional tests that follow; make ours current again so jobs stay eager."""
    from civicbridge import celery_app

    celery_app.set_current()


@pytest.fixture
def context() -> dict:
    return {"sent_at": SENT_AT}
