"""The lifecycle of a citizens' issue (pure data; core.workflow.transition performs it; docs/appeals.md).

new → accepted → in progress → answered, or declined with a reason. The author reopens an answered issue ("not
resolved"); a coordinator merges a duplicate into another issue (declined, reason "merged").
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civicbridge.core.workflow import Transition, Workflow

from .choices import AppealStatus

S = AppealStatus


def has_answer(appeal, actor) -> None:
    """An issue is answered only with the answer's text (the service writes it before the transition)."""
    if not (appeal.answer or "").strip():
        raise ValidationError({"answer": _("Write the answer to the citizen.")}, code="required")


def is_routed(appeal, actor) -> None:
    """Only an issue with a responsible organisation can be accepted (a coordinator routes it first)."""
    if appeal.responsible_id is None:
        raise ValidationError(_("Route the issue to a responsible organisation first."), code="unrouted")


def has_merge_target(appeal, actor) -> None:
    """Merging is done by the merge service, which sets merged_into before the transition."""
    if appeal.merged_into_id is None:
        raise ValidationError(_("Choose the issue to merge this one into."), code="no_target")


def _merge() -> Transition:
    return Transition(S.DECLINED, _("Merge into another issue"), "appeals.merge_appeal", has_merge_target)


def _decline() -> Transition:
    return Transition(S.DECLINED, _("Decline"), "appeals.handle_appeal", reason_required=True)


def _answer() -> Transition:
    return Transition(S.ANSWERED, _("Answer"), "appeals.handle_appeal", has_answer)


APPEAL_WORKFLOW = Workflow(
    states=AppealStatus,
    initial=[S.NEW],
    final=[S.DECLINED],
    table={
        S.NEW: {
            "accept": Transition(S.ACCEPTED, _("Accept"), "appeals.handle_appeal", is_routed),
            "decline": _decline(),
            "merge": _merge(),
        },
        S.ACCEPTED: {
            "start": Transition(S.IN_PROGRESS, _("Start work"), "appeals.handle_appeal"),
            "answer": _answer(),
            "decline": _decline(),
            "merge": _merge(),
        },
        S.IN_PROGRESS: {
            "answer": _answer(),
            "decline": _decline(),
            "merge": _merge(),
        },
        S.ANSWERED: {
            "reopen": Transition(S.IN_PROGRESS, _("Not resolved"), "appeals.reopen_appeal", reason_required=True),
        },
    },
)
