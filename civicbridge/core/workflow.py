"""Workflows as data: a transition table per status field, one service that takes a transition, and its history.

A module declares `Workflow(states=..., table={from_state: {action: Transition(...)}})` in its `workflow.py`,
registers it in `AppConfig.ready` (`workflow.register(Application, APPLICATION_WORKFLOW)`), and changes the status
only through `transition(obj, action, actor=..., reason=...)`. Saving a changed governed field any other way raises
`WorkflowBypassError`. See docs/workflow.md.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from types import MappingProxyType
from typing import Any, Literal

import rules
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.signals import pre_save
from django.dispatch import Signal
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import context
from .permissions import require

__all__ = [
    "Phase",
    "Transition",
    "Workflow",
    "WorkflowBypassError",
    "actions_for",
    "history_for",
    "phase_of",
    "register",
    "registered",
    "transition",
    "transition_many",
    "transitioned",
    "unregister",
    "workflow_for",
]

logger = logging.getLogger(__name__)

#: Sent after the transaction commits. sender=model class; kwargs: obj, action, source, target, actor, reason, history.
transitioned = Signal()

Guard = Callable[[Any, Any], None]


class WorkflowBypassError(RuntimeError):
    """A governed field was saved with a new value by something other than `transition()` (a programming error)."""


@dataclass(frozen=True)
class Transition:
    """One edge of a table: the state it leads to, its button label, who may take it and when."""

    target: str
    label: str | Promise
    permission: str | None = None  # a django-rules permission, checked on the object
    guard: Guard | None = None  # guard(obj, actor) raises ValidationError with the reason it is refused now
    reason_required: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "target", str(self.target))  # a TextChoices member becomes its plain value


@dataclass(frozen=True, kw_only=True, eq=False)
class Workflow:
    """A status field's transition table: `{from_state: {action: Transition}}`, plus the states that end it."""

    states: type[models.TextChoices]
    table: Mapping[str, Mapping[str, Transition]]
    field: str = "status"
    initial: Iterable[str] = ()  # states an object is created in; when given, every state must be reachable
    final: Iterable[str] = ()  # states with no way out, on purpose

    def __post_init__(self) -> None:
        table = {str(s): MappingProxyType(dict(actions)) for s, actions in self.table.items()}
        object.__setattr__(self, "table", MappingProxyType(table))
        object.__setattr__(self, "initial", frozenset(map(str, self.initial)))
        object.__setattr__(self, "final", frozenset(map(str, self.final)))

    @property
    def state_values(self) -> list[str]:
        return [str(value) for value in self.states.values]

    def transitions_from(self, state: str) -> Mapping[str, Transition]:
        return self.table.get(str(state), MappingProxyType({}))

    def state_label(self, state: str) -> str | Promise:
        try:
            return self.states(state).label
        except ValueError:
            return state

    def action_label(self, action: str) -> str | Promise:
        for actions in self.table.values():
            if action in actions:
                return actions[action].label
        return action

    def validate(self) -> None:
        """Raise ImproperlyConfigured listing every flaw: unknown states or permissions, unused or unreachable
        states, dead ends not declared final, final states with a way out."""
        states = set(self.state_values)
        declared = {"table": set(self.table), "initial": self.initial, "final": self.final}
        problems = [f"unknown state {s!r} in {where}" for where, names in declared.items() for s in names - states]
        used = set(self.table) | self.initial
        for source, actions in self.table.items():
            for action, step in actions.items():
                used.add(step.target)
                if step.target not in states:
                    problems.append(f"{source} → {action}: unknown target state {step.target!r}")
                if step.permission is not None and not rules.perm_exists(step.permission):
                    problems.append(f"{source} → {action}: no rule named {step.permission!r}")
        problems += [f"state {s!r} appears nowhere in the table" for s in sorted(states - used)]
        for state in sorted(states):
            if state in self.final and self.transitions_from(state):
                problems.append(f"final state {state!r} has transitions")
            elif state not in self.final and not self.transitions_from(state):
                problems.append(f"state {state!r} is a dead end; declare it final or give it a transition")
        if self.initial:
            reached, queue = set(self.initial), deque(self.initial)
            while queue:
                for step in self.transitions_from(queue.popleft()).values():
                    if step.target not in reached:
                        reached.add(step.target)
                        queue.append(step.target)
            problems += [f"state {s!r} cannot be reached from {sorted(self.initial)}" for s in sorted(states - reached)]
        if problems:
            raise ImproperlyConfigured(f"Workflow of {self.states.__name__}: " + "; ".join(problems))


# model → {field name: workflow}
_registry: dict[type[models.Model], dict[str, Workflow]] = {}


def register(model: type[models.Model], workflow: Workflow) -> Workflow:
    """Govern `model.<workflow.field>` by `workflow` (call in AppConfig.ready). Checks the table against the model."""
    workflow.validate()
    try:
        field = model._meta.get_field(workflow.field)
    except FieldDoesNotExist as exc:
        raise ImproperlyConfigured(f"{model._meta.label} has no field {workflow.field!r}") from exc
    choices = {str(value) for value, _label in field.flatchoices}
    if choices != set(workflow.state_values):
        raise ImproperlyConfigured(f"{model._meta.label}.{field.name} choices differ from {workflow.states.__name__}")
    if workflow.initial and field.has_default() and str(field.get_default()) not in workflow.initial:
        raise ImproperlyConfigured(f"{model._meta.label}.{field.name} defaults to a state not declared initial")
    if not isinstance(model._meta.pk, models.IntegerField):
        raise ImproperlyConfigured(f"{model._meta.label}: history needs an integer primary key")
    current = _registry.setdefault(model, {})
    if current.get(field.name, workflow) is not workflow:
        raise ImproperlyConfigured(f"{model._meta.label}.{field.name} already has a workflow")
    current[field.name] = workflow
    pre_save.connect(_refuse_bypass, sender=model, weak=False, dispatch_uid=f"workflow-{model._meta.label}")
    return workflow


def unregister(model: type[models.Model], field: str = "status") -> None:
    """Undo `register` (tests declare throwaway workflows)."""
    fields = _registry.get(model, {})
    fields.pop(field, None)
    if not fields:
        _registry.pop(model, None)
        pre_save.disconnect(sender=model, dispatch_uid=f"workflow-{model._meta.label}")


def registered() -> list[tuple[type[models.Model], Workflow]]:
    """Every governed (model, workflow) pair."""
    return [(model, wf) for model, fields in _registry.items() for wf in fields.values()]


def workflow_for(model: type[models.Model], field: str | None = None) -> Workflow:
    """The workflow governing `model` (its only one, or the one for `field`)."""
    fields = _registry.get(model) or _registry.get(model._meta.concrete_model) or {}
    if field is None and len(fields) == 1:
        return next(iter(fields.values()))
    if field in fields:
        return fields[field]
    raise ImproperlyConfigured(f"No single registered workflow for {model._meta.label} (field={field!r})")


def _refuse_bypass(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """Refuse to save a governed field whose value differs from the stored one, unless `transition()` saves it."""
    if raw or instance._state.adding or instance.pk is None:
        return  # fixtures, and creation: an object may be created in any state (demo data, imports)
    for name in _registry.get(sender, {}):
        attname = sender._meta.get_field(name).attname
        if name == getattr(instance, "_workflow_saving", None) or attname not in instance.__dict__:
            continue  # deferred fields are not saved
        if update_fields is not None and name not in update_fields and attname not in update_fields:
            continue
        stored = sender._base_manager.filter(pk=instance.pk).values_list(attname, flat=True).first()
        value = instance.__dict__[attname]
        if stored is not None and stored != value:
            raise WorkflowBypassError(
                f"{sender._meta.label}#{instance.pk}.{name}: saving {value!r} over stored {stored!r} outside "
                "workflow.transition() (or from a stale instance: re-fetch it, or save with update_fields)"
            )


def _refusal(workflow: Workflow, obj: models.Model, action: str, state: str, changed: bool) -> ValidationError:
    params = {
        "action": workflow.action_label(action),
        "state": workflow.state_label(state),
        "model": obj._meta.verbose_name,
    }
    if changed:
        message = _(
            "This %(model)s has just been changed (it is now “%(state)s”), so “%(action)s” is no longer possible."
        )
        return ValidationError(message, code="stale_state", params=params)
    message = _("“%(action)s” is not possible while the %(model)s is “%(state)s”.")
    return ValidationError(message, code="invalid_transition", params=params)


def _announce(model: type[models.Model], **kwargs: Any) -> None:
    # After commit, a failing listener must not turn a saved transition into an error page: log it, run the rest.
    for receiver, result in transitioned.send_robust(sender=model, **kwargs):
        if isinstance(result, Exception):
            logger.error("workflow listener %r failed", receiver, exc_info=result)


@transaction.atomic
def transition(
    obj: models.Model, action: str, *, actor: Any, reason: str = "", workflow: Workflow | None = None
) -> models.Model:
    """Take `action` on `obj` if the table, the permission and the guard allow it; record it; announce it on commit.

    Returns the saved instance (locked and re-read); `obj` itself gets the new state and `updated_at` too.
    """
    model = type(obj)
    workflow = workflow or workflow_for(model)
    if workflow_for(model, workflow.field) is not workflow:
        raise ImproperlyConfigured(f"{model._meta.label}: pass a registered workflow")
    # Lock the row and read the state again: of two people acting at once, the second sees the first one's result.
    locked = model._base_manager.select_for_update().get(pk=obj.pk)
    source = str(getattr(locked, workflow.field))
    step = workflow.transitions_from(source).get(action)
    if step is None:
        raise _refusal(workflow, locked, action, source, changed=str(getattr(obj, workflow.field)) != source)
    if step.permission is not None:
        require(actor, step.permission, locked)
    if step.guard is not None:
        step.guard(locked, actor)
    reason = reason.strip()
    if step.reason_required and not reason:
        message = _("Give a reason for “%(action)s”.")
        raise ValidationError({"reason": ValidationError(message, code="required", params={"action": step.label})})

    setattr(locked, workflow.field, step.target)
    update_fields = [workflow.field, *(["updated_at"] if _has_field(model, "updated_at") else [])]
    locked._workflow_saving = workflow.field
    try:
        locked.save(update_fields=update_fields)
    finally:
        del locked._workflow_saving
    for name in update_fields:
        setattr(obj, name, getattr(locked, name))
    user = context.user_or_none(actor)
    history = _history_model().objects.create(
        content_type=_content_type(model),
        object_id=locked.pk,
        action=action,
        source=source,
        target=step.target,
        actor=user,
        actor_repr=str(user)[:255] if user else "",
        reason=reason,
        request_id=context.current_request_id(),
    )
    announce = partial(_announce, model, obj=locked, action=action, source=source, target=step.target)
    transaction.on_commit(partial(announce, actor=actor, reason=reason, history=history))
    return locked


@transaction.atomic
def transition_many(
    objs: Iterable[models.Model],
    action: str,
    *,
    actor: Any,
    reason: str = "",
    workflow: Workflow | None = None,
    permission_object: models.Model | None = None,
) -> int:
    """`transition()` for many objects of one model at once (bulk jobs: sending 10,000 applications to experts).

    All or nothing: every object is locked and checked (table, permission, guard, reason) as `transition()` does,
    then the status changes in one UPDATE per target state and the history rows are inserted in bulk. Per-object
    save signals (hence the audit log) are skipped; the history rows record the change. Returns how many changed.

    `permission_object`: check the transition's permission once, on this object, instead of on each one — for a
    caller that vouches it decides for all of them (the call whose 10,000 applications go to review).
    """
    objs = list(objs)
    if not objs:
        return 0
    model = type(objs[0])
    workflow = workflow or workflow_for(model)
    if workflow_for(model, workflow.field) is not workflow:
        raise ImproperlyConfigured(f"{model._meta.label}: pass a registered workflow")
    pks = [obj.pk for obj in objs]
    states: dict[Any, str] = {}
    for start in range(0, len(pks), 5000):  # SQLite caps the parameters of one statement
        chunk = model._base_manager.select_for_update().filter(pk__in=pks[start : start + 5000])
        states.update(chunk.values_list("pk", workflow.field))
    reason = reason.strip()
    by_target: dict[str, list] = {}
    checked: set[str] = set()
    for obj in objs:
        source = str(states[obj.pk])
        step = workflow.transitions_from(source).get(action)
        if step is None:
            raise _refusal(workflow, obj, action, source, changed=str(getattr(obj, workflow.field)) != source)
        if step.permission is not None and (permission_object is None or step.permission not in checked):
            require(actor, step.permission, obj if permission_object is None else permission_object)
            checked.add(step.permission)
        if step.guard is not None:
            step.guard(obj, actor)
        if step.reason_required and not reason:
            message = _("Give a reason for “%(action)s”.")
            raise ValidationError({"reason": ValidationError(message, code="required", params={"action": step.label})})
        by_target.setdefault(step.target, []).append((obj, source))
    now = timezone.now()
    has_updated_at = _has_field(model, "updated_at")
    user = context.user_or_none(actor)
    content_type = _content_type(model)
    history_rows = []
    for target, pairs in by_target.items():
        values = {workflow.field: target, **({"updated_at": now} if has_updated_at else {})}
        target_pks = [obj.pk for obj, _source in pairs]
        for start in range(0, len(target_pks), 5000):
            model._base_manager.filter(pk__in=target_pks[start : start + 5000]).update(**values)
        for obj, source in pairs:
            for name, value in values.items():
                setattr(obj, name, value)
            history_rows.append(
                _history_model()(
                    content_type=content_type,
                    object_id=obj.pk,
                    action=action,
                    source=source,
                    target=target,
                    actor=user,
                    actor_repr=str(user)[:255] if user else "",
                    reason=reason,
                    request_id=context.current_request_id(),
                )
            )
    history = _history_model().objects.bulk_create(history_rows, batch_size=2000)
    announcements = [
        partial(_announce, model, obj=row_obj, action=action, source=row.source, target=row.target)
        for row_obj, row in zip((obj for pairs in by_target.values() for obj, _s in pairs), history, strict=True)
    ]

    def announce_all() -> None:
        for announce, row in zip(announcements, history, strict=True):
            announce(actor=actor, reason=reason, history=row)

    transaction.on_commit(announce_all)
    return len(objs)


def actions_for(obj: models.Model, actor: Any, *, workflow: Workflow | None = None) -> dict[str, Transition]:
    """The actions `actor` may take on `obj` now (permission held, guard passes), in table order: for buttons."""
    workflow = workflow or workflow_for(type(obj))
    allowed = {}
    for action, step in workflow.transitions_from(getattr(obj, workflow.field)).items():
        try:
            if step.permission is not None:
                require(actor, step.permission, obj)
            if step.guard is not None:
                step.guard(obj, actor)
        except (PermissionDenied, ValidationError):
            continue
        allowed[action] = step
    return allowed


def history_for(obj: models.Model) -> models.QuerySet:
    """The object's transitions, oldest first, with their actors."""
    return (
        _history_model()
        .objects.filter(content_type=_content_type(type(obj)), object_id=obj.pk)
        .select_related("actor")
        .order_by("id")
    )


def _history_model() -> type[models.Model]:
    # Imported late so a module's pure workflow.py can import this one before the app registry is ready.
    from .models import TransitionHistory

    return TransitionHistory


def _content_type(model: type[models.Model]):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model)


def _has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


Phase = Literal["upcoming", "open", "closed"]


def phase_of(now: datetime, opens_at: datetime | None, closes_at: datetime | None) -> Phase:
    """Where `now` falls in [opens_at, closes_at): open from the opening instant, closed from the closing one.

    None means "always was open" (opens_at) or "never closes" (closes_at). Naive datetimes are refused.
    """
    for value in (now, opens_at, closes_at):
        if value is not None and timezone.is_naive(value):
            raise ValueError("phase_of() needs time-zone-aware datetimes")
    if opens_at is not None and closes_at is not None and closes_at < opens_at:
        raise ValueError("closes_at is before opens_at")
    if opens_at is not None and now < opens_at:
        return "upcoming"
    if closes_at is not None and now >= closes_at:
        return "closed"
    return "open"
