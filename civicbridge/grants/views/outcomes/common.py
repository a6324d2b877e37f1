"""What the outcome pages share: pagination, service errors on forms, workflow history with labels."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from civicbridge.core.workflow import history_for, workflow_for

PER_PAGE = 25


def errors_to_form(form, exc: ValidationError, *, extra_fields: tuple[str, ...] = ()) -> None:
    """A service's errors on the form; errors of the formsets' rows (instalments, milestones) go above the form."""
    if hasattr(exc, "error_dict"):
        for name in extra_fields:
            for message in exc.message_dict.get(name, []):
                form.add_error(None, message)
        rest = {k: v for k, v in exc.error_dict.items() if k not in extra_fields}
        if not rest:
            return
        exc = ValidationError(rest)
    form.add_service_error(exc)


def history_rows(obj) -> list[dict[str, Any]]:
    """The object's workflow history with the labels of its states and actions, in the viewer's language."""
    workflow = workflow_for(type(obj))
    return [
        {
            "step": step,
            "action": workflow.action_label(step.action),
            "source": workflow.state_label(step.source),
            "target": workflow.state_label(step.target),
        }
        for step in history_for(obj)
    ]
