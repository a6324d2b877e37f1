"""The catalogue of notification events: each module declares its events once, with templates and default channels."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

from .choices import Channel

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
ALL_EVENTS = "*"  # a preference row for every event


@dataclass(frozen=True)
class Event:
    """One kind of notification: `<app>.<what_happened>`, its label, templates and who may switch it off."""

    key: str
    label: str
    template: str
    default_channels: frozenset[str] = field(default_factory=lambda: frozenset({Channel.EMAIL, Channel.INAPP}))
    digestible: bool = False
    mandatory: bool = False

    @property
    def app_label(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def subject_template(self) -> str:
        return f"{self.template}_subject.txt"

    @property
    def body_template(self) -> str:
        return f"{self.template}_body.txt"


_events: dict[str, Event] = {}


def register_event(
    *,
    key: str,
    label: str,
    template: str,
    default_channels: Iterable[str] = (Channel.EMAIL, Channel.INAPP),
    digestible: bool = False,
    mandatory: bool = False,
) -> Event:
    """Declare an event once (in `<app>/notifications.py`); declaring it again identically is a no-op.

    `mandatory` events ignore the user's preferences (a test message, a security notice) and are not listed on the
    preferences page.
    """
    if not KEY_PATTERN.match(key):
        raise ImproperlyConfigured(f"notification event key {key!r} must look like 'app.what_happened'")
    channels = frozenset(default_channels)
    unknown = channels - set(Channel.values)
    if unknown:
        raise ImproperlyConfigured(f"notification event {key!r}: unknown channels {sorted(unknown)}")
    event = Event(
        key=key,
        label=label,
        template=template,
        default_channels=channels,
        digestible=digestible,
        mandatory=mandatory,
    )
    existing = _events.get(key)
    if existing is not None and existing != event:
        raise ImproperlyConfigured(f"notification event {key!r} is declared twice, differently")
    _events[key] = event
    return event


def get_event(key: str) -> Event:
    """The declared event, or ImproperlyConfigured naming the key (a typo in a service is a programming error)."""
    try:
        return _events[key]
    except KeyError:
        raise ImproperlyConfigured(f"notification event {key!r} is not declared (register_event)") from None


def registered_events() -> list[Event]:
    """Every declared event, by key."""
    return [_events[key] for key in sorted(_events)]


def configurable_events() -> list[Event]:
    """The events a user may tune on the preferences page (all but the mandatory ones)."""
    return [event for event in registered_events() if not event.mandatory]
