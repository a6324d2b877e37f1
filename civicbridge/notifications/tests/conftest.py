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
def _in_english(english):
    """Pages and messages are compared in English (the root conftest's `english`); e-mails still follow each
    recipient's own language."""


@pytest.fixture
def context() -> dict:
    return {"sent_at": SENT_AT}
