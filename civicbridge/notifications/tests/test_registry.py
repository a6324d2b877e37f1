"""Declaring events: keys, defaults, duplicates, and the system check for their templates."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from civicbridge.notifications import checks, registry
from civicbridge.notifications.registry import get_event, register_event

from .conftest import DIGESTIBLE


def test_declaring_the_same_event_again_is_harmless_but_differently_is_refused():
    event = get_event(DIGESTIBLE)
    assert register_event(key=DIGESTIBLE, label=event.label, template=event.template, digestible=True) == event
    with pytest.raises(ImproperlyConfigured, match="declared twice"):
        register_event(key=DIGESTIBLE, label=event.label, template=event.template, digestible=False)


@pytest.mark.parametrize("key", ["nodot", "Grants.x", "grants.x.y", "grants.", ".x"])
def test_keys_are_app_dot_event(key):
    with pytest.raises(ImproperlyConfigured):
        register_event(key=key, label="x", template="x")


def test_unknown_channels_are_refused():
    with pytest.raises(ImproperlyConfigured, match="sms"):
        register_event(key="notifications.sms_only", label="x", template="x", default_channels={"sms"})


def test_the_test_message_is_declared_mandatory_and_not_offered_on_the_preferences_page():
    event = get_event("notifications.test_message")
    assert event.mandatory and not event.digestible
    assert event not in registry.configurable_events()
    assert get_event(DIGESTIBLE) in registry.configurable_events()


def test_system_check_names_an_event_without_templates():
    assert checks.event_templates_exist() == []
    register_event(key="notifications.no_templates", label="x", template="notifications/email/missing")
    try:
        errors = checks.event_templates_exist()
    finally:
        registry._events.pop("notifications.no_templates")
    assert [error.id for error in errors] == ["notifications.E001", "notifications.E001"]
    assert "missing_subject.txt" in errors[0].msg
