"""Notifications: modules declare events once and call `notify`; a job sends e-mail and in-app messages after commit.

    from civicbridge import notifications

    notifications.register_event(key="grants.application_submitted", label=_("..."),
                                 template="grants/email/application_submitted", digestible=False)
    notifications.notify(event="grants.application_submitted", recipients=[user], context={...}, target=application)

See docs/notifications.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .registry import Event, register_event, registered_events

__all__ = ["Event", "notify", "register_event", "registered_events"]


def notify(*, event: str, recipients: Iterable[Any], context: dict[str, Any], target: Any = None) -> None:
    """Tell `recipients` that `event` happened, once the current transaction commits (see services.notify)."""
    from .services import notify as _notify  # imports models: not at package import, before apps are ready

    _notify(event=event, recipients=recipients, context=context, target=target)
