"""Per-request context (actor, request id) that services and the audit log read without taking `request`."""

from __future__ import annotations

import contextvars
import uuid
from contextlib import contextmanager
from typing import Any

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("actor", default=None)
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")


def current_actor() -> Any:
    """The authenticated user acting now, or None (a command, a job, an anonymous visitor)."""
    return _actor.get()


def current_request_id() -> str:
    """The id of the request or job being served; empty outside one."""
    return _request_id.get()


def new_request_id() -> str:
    return uuid.uuid4().hex


@contextmanager
def acting_as(actor: Any = None, request_id: str | None = None):
    """Run a block as `actor` (e.g. a management command or a job), so the audit log names them."""
    token_a = _actor.set(actor)
    token_r = _request_id.set(request_id or new_request_id())
    try:
        yield
    finally:
        _actor.reset(token_a)
        _request_id.reset(token_r)


def set_request_id(value: str) -> contextvars.Token:
    return _request_id.set(value)


def set_actor(value: Any) -> contextvars.Token:
    return _actor.set(value)


def reset_request_id(token: contextvars.Token) -> None:
    _request_id.reset(token)


def reset_actor(token: contextvars.Token) -> None:
    _actor.reset(token)


def user_or_none(actor: Any) -> Any:
    """The actor as a user to store (created_by, decided_by, history): None for a job, a command or an anonymous one."""
    return actor if getattr(actor, "is_authenticated", False) else None
