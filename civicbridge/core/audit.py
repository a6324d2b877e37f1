"""The audit log: every create/update/delete of a registered model, with before/after, actor and request id.

Modules call `audit.register(Model)` (in their AppConfig.ready) and write nothing else by hand.
Entries are hash-chained: each entry's hash covers its content and the previous entry's hash, so editing or
deleting a past row breaks `verify_chain()`. On PostgreSQL an advisory transaction lock keeps the chain linear
under concurrent writers; SQLite serialises writers anyway.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from . import context

_registry: dict[type[models.Model], frozenset[str]] = {}
_redacted: dict[type[models.Model], frozenset[str]] = {}
REDACTED = "[redacted]"
ALWAYS_EXCLUDED = frozenset({"updated_at", "created_at", "search_text", "password", "last_login"})
_LOCK_KEY = 7_311_942_001  # arbitrary, fixed: the audit chain's advisory lock


def register(model: type[models.Model], *, exclude: Iterable[str] = (), redact: Iterable[str] = ()) -> None:
    """Audit every change of `model` (its concrete fields and many-to-many fields, less `exclude`).

    Fields in `redact` (personal data: e-mail, phone) are logged as changed without their values, so that
    erasing a person's data on request leaves nothing of it in the append-only log.
    """
    _registry[model] = ALWAYS_EXCLUDED | frozenset(exclude)
    _redacted[model] = frozenset(redact)
    for field in model._meta.many_to_many:
        if field.name not in _registry[model]:
            m2m_changed.connect(
                _on_m2m,
                sender=field.remote_field.through,
                weak=False,
                dispatch_uid=f"audit-m2m-{model._meta.label}-{field.name}",
            )


def is_registered(model: type[models.Model]) -> bool:
    return model in _registry


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The audited fields of `instance` as JSON-safe values (foreign keys as ids)."""
    excluded = _registry.get(type(instance), ALWAYS_EXCLUDED)
    redacted = _redacted.get(type(instance), frozenset())
    out = {}
    for f in instance._meta.concrete_fields:
        if f.name in excluded or f.attname in excluded:
            continue
        value = f.value_from_object(instance)
        if isinstance(value, FieldFile):
            value = value.name  # the stored path (None or "" when empty): the file object itself is not JSON
        value = _jsonable(value)
        if f.name in redacted and value not in (None, ""):
            # A digest, not the value: changes stay visible, the data does not.
            value = REDACTED + " " + hashlib.sha256(f"{instance.pk}:{value}".encode()).hexdigest()[:8]
        out[f.attname] = value
    return out


def _canonical(entry) -> str:
    payload = {
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "request_id": entry.request_id,
        "action": entry.action,
        "content_type": entry.content_type_id,
        "object_id": entry.object_id,
        "changes": entry.changes,
        "prev": entry.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, cls=DjangoJSONEncoder)


def compute_hash(entry) -> str:
    return hashlib.sha256(_canonical(entry).encode()).hexdigest()


def describe(instance: models.Model) -> str:
    """`str(instance)` for the log, or "<Model #pk>" when it names related rows that are already gone.

    In a cascade delete the collector may delete the parent before the children's post_delete signals run, so a
    membership's `__str__` that reads its organisation finds nothing.
    """
    try:
        return str(instance)
    except ObjectDoesNotExist:
        return f"<{instance._meta.object_name} #{instance.pk}>"


def record(instance: models.Model, action: str, changes: dict[str, Any]) -> None:
    """Append one entry for `instance` to the chain."""
    from django.contrib.contenttypes.models import ContentType

    from .models import AuditEntry

    actor = context.current_actor()
    actor = context.user_or_none(actor)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
    last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first() or ""
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor,
        actor_repr=str(actor)[:255] if actor else "",
        request_id=context.current_request_id(),
        action=action,
        content_type=ContentType.objects.get_for_model(type(instance), for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=describe(instance)[:255],
        changes=_jsonable(changes),
        prev_hash=last,
    )
    entry.hash = compute_hash(entry)
    entry.save(force_insert=True)


def verify_chain() -> tuple[bool, int | None]:
    """Walk the log in order; return (True, None) or (False, id of the first entry that does not verify)."""
    from .models import AuditEntry

    prev = ""
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != prev or compute_hash(entry) != entry.hash:
            return False, entry.id
        prev = entry.hash
    return True, None


def _on_pre_save(sender, instance, raw=False, **kwargs):
    if raw or sender not in _registry:
        return
    instance._audit_before = None
    if instance.pk is not None and not instance._state.adding:
        old = sender._base_manager.filter(pk=instance.pk).first()
        instance._audit_before = snapshot(old) if old is not None else None


def _on_post_save(sender, instance, created, raw=False, **kwargs):
    if raw or sender not in _registry:
        return
    after = snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        record(instance, "create", {k: [None, v] for k, v in after.items() if v not in (None, "", [], {})})
        return
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if changes:
        record(instance, "update", changes)


def _on_post_delete(sender, instance, **kwargs):
    if sender not in _registry:
        return
    record(instance, "delete", {k: [v, None] for k, v in snapshot(instance).items() if v not in (None, "")})


def _on_m2m(sender, instance, action, pk_set, reverse, model, **kwargs):
    if reverse or type(instance) not in _registry:
        return
    field = next(f for f in type(instance)._meta.many_to_many if f.remote_field.through is sender)
    if action in ("pre_add", "pre_remove", "pre_clear"):
        instance._audit_m2m_before = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        before = getattr(instance, "_audit_m2m_before", [])
        after = sorted(getattr(instance, field.name).values_list("pk", flat=True))
        if before != after:
            record(instance, "update", {field.name: [before, after]})


def connect_signals() -> None:
    pre_save.connect(_on_pre_save, dispatch_uid="audit-pre-save")
    post_save.connect(_on_post_save, dispatch_uid="audit-post-save")
    post_delete.connect(_on_post_delete, dispatch_uid="audit-post-delete")
