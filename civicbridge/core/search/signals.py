"""Keeping the index fresh: saves, deletes and many-to-many changes of registered records are re-indexed when their
transaction commits (several signals for one record in one transaction cost one re-index)."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.db.models import Model, signals

_state = threading.local()


def _pending() -> dict[type[Model], set[Any]]:
    if not hasattr(_state, "pending"):
        _state.pending = defaultdict(set)
    return _state.pending


def _paused() -> bool:
    return getattr(_state, "paused", 0) > 0


@contextmanager
def paused() -> Iterator[None]:
    """Do not follow changes inside the block (bulk loads that call `reindex()` afterwards)."""
    _state.paused = getattr(_state, "paused", 0) + 1
    try:
        yield
    finally:
        _state.paused -= 1


def _follows() -> set[tuple[type[Model], str, Any]]:
    if not hasattr(_state, "follows"):
        _state.follows = set()
    return _state.follows


def _flush() -> None:
    from .indexing import index_objects

    pending, follows = _pending(), _follows()
    while follows:  # resolved only now, so that a save costs no query inside its transaction
        model, path, pk = follows.pop()
        pending[model].update(model._default_manager.filter(**{path: pk}).values_list("pk", flat=True))
    while pending:
        model, pks = pending.popitem()
        index_objects(model, pks)


def schedule(model: type[Model], pks: Any) -> None:
    """Re-index these records of `model` when the current transaction commits (at once outside a transaction)."""
    if _paused():
        return
    _pending()[model].update(pks)
    # One callback per change, but the first to run re-indexes everything pending and the rest find nothing. Records
    # of a rolled-back savepoint stay pending and are re-indexed with the next commit: re-indexing reads the database,
    # so an extra one is only work, never a wrong document. `robust`: a failing re-index is logged, and the request
    # whose data was already committed does not fail.
    transaction.on_commit(_flush, robust=True)


def connect(registration) -> None:
    model = registration.model
    uid = f"search:{model._meta.label}"

    def saved(sender, instance, raw=False, **kwargs):
        if not raw:
            schedule(model, [instance.pk])

    def deleted(sender, instance, **kwargs):
        # The record is gone when the callback runs: index_objects finds nothing and only removes its document.
        schedule(model, [instance.pk])

    def m2m_changed(sender, instance, action, pk_set=None, **kwargs):
        # (The signal's own `model` argument is the other side's class, hence `registration.model` here.)
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if isinstance(instance, registration.model):
            schedule(registration.model, [instance.pk])
        elif pk_set:  # changed from the other side (theme.practices.add(...))
            schedule(registration.model, pk_set)

    signals.post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
    signals.post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid)
    for through in registration.watch:
        through_uid = f"{uid}:{through._meta.label}"
        signals.m2m_changed.connect(m2m_changed, sender=through, weak=False, dispatch_uid=through_uid)
    for other, path in registration.follow.items():

        def followed(sender, instance, raw=False, path=path, **kwargs):
            if raw or _paused():
                return
            _follows().add((model, path, instance.pk))
            transaction.on_commit(_flush, robust=True)

        signals.post_save.connect(followed, sender=other, weak=False, dispatch_uid=f"{uid}:follow:{other._meta.label}")
