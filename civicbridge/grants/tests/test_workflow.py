"""The transition tables of state support, exhaustively: every (state, action) pair of every workflow.

A pair in the table succeeds for the person the rule names (with a history row); every other pair is refused with
`invalid_transition` and leaves the state alone. People who do not hold the rule are refused too.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.accounts.tests.factories import MembershipFactory, UserFactory
from civicbridge.core import workflow
from civicbridge.grants import models as m
from civicbridge.grants.workflow import (
    AGREEMENT_WORKFLOW,
    APPLICATION_WORKFLOW,
    CALL_WORKFLOW,
    REPORT_WORKFLOW,
    REVIEW_WORKFLOW,
)

from .factories import ApplicationFactory, CallFactory, ExpertProfileFactory, ReviewFactory

pytestmark = pytest.mark.django_db

WORKFLOWS = {
    "call": CALL_WORKFLOW,
    "application": APPLICATION_WORKFLOW,
    "review": REVIEW_WORKFLOW,
    "report": REPORT_WORKFLOW,
    "agreement": AGREEMENT_WORKFLOW,
}


def _pairs():
    for name, wf in WORKFLOWS.items():
        actions = sorted({action for actions in wf.table.values() for action in actions})
        for state in wf.state_values:
            for action in actions:
                yield pytest.param(name, state, action, id=f"{name}-{state}-{action}")


class World:
    """One application of an open call, its applicant, the programme's operator, an assigned expert, an agreement."""

    def __init__(self):
        self.call = CallFactory()
        self.application = ApplicationFactory(call=self.call)
        self.applicant = UserFactory()
        MembershipFactory(user=self.applicant, role=Role.REPRESENTATIVE, organisation=self.application.organisation)
        self.runner = UserFactory()
        MembershipFactory(user=self.runner, role=Role.OPERATOR, organisation=self.call.programme.funder)
        self.outsider = UserFactory()
        MembershipFactory(user=self.outsider, role=Role.OPERATOR, organisation=self.application.organisation)
        self.expert = ExpertProfileFactory().user
        self.review = ReviewFactory(application=self.application, expert=self.expert)
        self.agreement = m.Agreement.objects.create(
            application=self.application,
            number=f"AG-{self.application.pk}",
            signed_on=date.today(),
            starts_on=date.today(),
            ends_on=date.today() + timedelta(days=180),
            amount=Decimal("3000000"),
        )
        self.report = m.Report.objects.create(
            agreement=self.agreement, kind="narrative", title="Этап 1", due_on=date.today() + timedelta(days=30)
        )

    def obj(self, name: str, state: str):
        target = {
            "call": self.call,
            "application": self.application,
            "review": self.review,
            "report": self.report,
            "agreement": self.agreement,
        }[name]
        # Put the record in the state under test directly, with what the services fill in before they take the step
        # (receipt, review total, closing rating): the database refuses a transition without them.
        fields = {"status": state}
        if name == "application":
            fields["receipt_number"] = f"R-{target.pk}"
        if name == "review":
            fields.update(total=Decimal("70"), submitted_at=timezone.now())
        if name == "agreement":
            fields["rating"] = "satisfactory"
        type(target).objects.filter(pk=target.pk).update(**fields)
        target.refresh_from_db()
        return target

    def actor_for(self, permission: str | None):
        if permission in {"grants.submit_application", "grants.withdraw_application", "grants.submit_report"}:
            return self.applicant
        if permission in {"grants.submit_review", "grants.declare_conflict"}:
            return self.expert
        return self.runner


@pytest.mark.parametrize(("name", "state", "action"), list(_pairs()))
def test_every_state_and_action(name, state, action):
    world = World()
    wf = WORKFLOWS[name]
    obj = world.obj(name, state)
    step = wf.transitions_from(state).get(action)
    actor = world.actor_for(step.permission if step else None)
    if step is None:
        with pytest.raises(ValidationError) as refused:
            workflow.transition(obj, action, actor=actor, reason="причина")
        assert refused.value.code == "invalid_transition"
        obj.refresh_from_db()
        assert obj.status == state
        assert not workflow.history_for(obj).exists()
        return
    # Someone the rule does not name is refused, and nothing changes.
    with pytest.raises(PermissionDenied):
        workflow.transition(obj, action, actor=world.outsider, reason="причина")
    if step.reason_required:
        with pytest.raises(ValidationError):
            workflow.transition(obj, action, actor=actor, reason="  ")
    workflow.transition(obj, action, actor=actor, reason="причина")
    obj.refresh_from_db()
    assert obj.status == step.target
    [row] = workflow.history_for(obj)
    assert (row.action, row.source, row.target, row.actor) == (action, state, step.target, actor)


@pytest.mark.parametrize("action", ["submit", "withdraw"])
def test_submitting_and_withdrawing_need_the_call_open(action):
    world = World()
    state = "draft" if action == "submit" else "submitted"
    application = world.obj("application", state)
    m.Call.objects.filter(pk=world.call.pk).update(
        opens_at=timezone.now() - timedelta(days=30), closes_at=timezone.now() - timedelta(seconds=1)
    )
    application.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        workflow.transition(application, action, actor=world.applicant)
    assert refused.value.code == "call_closed"
    application.refresh_from_db()
    assert application.status == state


def test_the_tables_are_valid_and_registered():
    for wf in WORKFLOWS.values():
        wf.validate()
    assert {type(model) for model, _wf in workflow.registered()} >= {type(m.Call)}
    assert workflow.workflow_for(m.Application) is APPLICATION_WORKFLOW
