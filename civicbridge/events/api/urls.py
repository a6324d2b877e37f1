"""The endpoints of events on the /api/v1/ router."""

from . import events, outcomes


def register(router) -> None:
    events.register(router)
    outcomes.register(router)
