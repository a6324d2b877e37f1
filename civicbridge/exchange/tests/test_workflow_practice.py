"""The practice workflow, exhaustively: every (state, action) pair, through the services that set its dates.

A pair in the table succeeds for the person the rule names (with one history row); every other pair is refused with
`invalid_transition` and leaves the state alone. Someone the rule does not name is refused and nothing changes.
Hypothesis walks random sequences of actions to check that the dates always follow the status.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicbridge.core import workflow
from civicbridge.exchange.choices import PracticeStatus
from civicbridge.exchange.models import Practice
from civicbridge.exchange.services import practices as services
from civicbridge.exchange.workflow import PRACTICE_WORKFLOW
from civicbridge.registry.tests.factories import OrganisationFactory

from .factories import PracticeFactory
from .test_practices_support import editor_of, new_moderator

pytestmark = pytest.mark.django_db

ACTIONS = sorted({action for actions in PRACTICE_WORKFLOW.table.values() for action in actions})
PAIRS = [
    pytest.param(state, action, id=f"{state}-{action}")
    for state in PRACTICE_WORKFLOW.state_values
    for action in ACTIONS
]


class World:
    def __init__(self):
        self.practice = PracticeFactory()
        self.author = editor_of(self.practice.organisation)
        self.moderator = new_moderator()
        self.outsider = editor_of(OrganisationFactory())

    def in_state(self, state: str) -> Practice:
        """Put the practice in `state` directly (set-up only), with the dates the services would have set."""
        dates = {"submitted_at": timezone.now(), "published_at": timezone.now() if state != "draft" else None}
        Practice.objects.filter(pk=self.practice.pk).update(status=state, **dates)
        self.practice.refresh_from_db()
        return self.practice

    def actor_for(self, action: str):
        """Who holds the rule the action names (wherever it appears in the table)."""
        permission = next(a[action].permission for a in PRACTICE_WORKFLOW.table.values() if action in a)
        return self.moderator if permission == "exchange.moderate_practice" else self.author


@pytest.mark.parametrize(("state", "action"), PAIRS)
def test_every_state_and_action(state, action):
    world = World()
    practice = world.in_state(state)
    step = PRACTICE_WORKFLOW.transitions_from(state).get(action)
    if step is None:
        with pytest.raises(ValidationError) as refused:
            services.practice_take_action(
                actor=world.actor_for(action), practice=practice, action=action, reason="причина"
            )
        assert refused.value.code == "invalid_transition"
        practice.refresh_from_db()
        assert practice.status == state and not workflow.history_for(practice).exists()
        return
    with pytest.raises(PermissionDenied):
        services.practice_take_action(actor=world.outsider, practice=practice, action=action, reason="причина")
    practice.refresh_from_db()
    assert practice.status == state
    actor = world.actor_for(action)
    if step.reason_required:
        with pytest.raises(ValidationError):
            services.practice_take_action(actor=actor, practice=practice, action=action, reason="  ")
    services.practice_take_action(actor=actor, practice=practice, action=action, reason="причина")
    practice.refresh_from_db()
    assert practice.status == step.target
    [row] = workflow.history_for(practice)
    assert (row.action, row.source, row.target, row.actor) == (action, state, step.target, actor)


@pytest.mark.parametrize("action", ["archive"])
def test_moderators_may_archive_too(action):
    world = World()
    practice = world.in_state(PracticeStatus.PUBLISHED)
    services.practice_take_action(actor=world.moderator, practice=practice, action=action)
    assert Practice.objects.get(pk=practice.pk).status == PracticeStatus.ARCHIVED


def test_the_table_is_valid_and_registered():
    PRACTICE_WORKFLOW.validate()
    assert workflow.workflow_for(Practice) is PRACTICE_WORKFLOW


def test_status_cannot_be_saved_around_the_workflow():
    practice = PracticeFactory()
    practice.status = PracticeStatus.SUBMITTED
    with pytest.raises(workflow.WorkflowBypassError):
        practice.save()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(ACTIONS), max_size=8))
def test_any_sequence_keeps_dates_with_the_status(actions):
    world = World()
    practice = world.practice
    for action in actions:
        step = PRACTICE_WORKFLOW.transitions_from(practice.status).get(action)
        actor = world.actor_for(action)
        try:
            services.practice_take_action(actor=actor, practice=practice, action=action, reason="причина")
        except ValidationError:
            assert step is None
        practice.refresh_from_db()
        if practice.status == PracticeStatus.PUBLISHED:
            assert practice.published_at is not None
        if practice.status != PracticeStatus.DRAFT:
            assert practice.submitted_at is not None or practice.status == PracticeStatus.ARCHIVED
