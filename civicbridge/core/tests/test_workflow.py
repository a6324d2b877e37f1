"""The workflow mechanism, exercised with a throwaway table over registry.Organisation.status."""

from __future__ import annotations

import ast
import dataclasses
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation
from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicbridge.core import workflow
from civicbridge.core.context import acting_as
from civicbridge.core.models import AuditEntry, TransitionHistory
from civicbridge.core.workflow import Transition, Workflow, WorkflowBypassError, phase_of
from civicbridge.registry.choices import MembershipType, OrganisationStatus
from civicbridge.registry.models import Organisation
from civicbridge.registry.tests.factories import OrganisationFactory, make_bin

ACTIVE, SUSPENDED, LIQUIDATED = OrganisationStatus.ACTIVE, OrganisationStatus.SUSPENDED, OrganisationStatus.LIQUIDATED
PERM = "registry.change_organisation"
GUARD_MESSAGE = "Add a registration number before reactivating the organisation."


def has_registration_number(org: Organisation, actor) -> None:
    """Test guard: an organisation without BIN/INN/OGRN cannot come back."""
    if not (org.bin or org.inn or org.ogrn):
        raise ValidationError(GUARD_MESSAGE, code="no_number")


ORG_WORKFLOW = Workflow(
    states=OrganisationStatus,
    initial=[ACTIVE],
    final=[LIQUIDATED],
    table={
        ACTIVE: {
            "suspend": Transition(SUSPENDED, "Suspend", PERM),
            "liquidate": Transition(LIQUIDATED, "Liquidate", PERM, reason_required=True),
        },
        SUSPENDED: {
            "reactivate": Transition(ACTIVE, "Reactivate", PERM, guard=has_registration_number),
            "liquidate": Transition(LIQUIDATED, "Liquidate", PERM, reason_required=True),
        },
        LIQUIDATED: {},
    },
)
ACTIONS = sorted({action for actions in ORG_WORKFLOW.table.values() for action in actions} | {"merge"})
PAIRS = [(state, action) for state in OrganisationStatus.values for action in ACTIONS]


@pytest.fixture
def org_workflow():
    workflow.register(Organisation, ORG_WORKFLOW)
    yield ORG_WORKFLOW
    workflow.unregister(Organisation)


@pytest.fixture
def announcements():
    """Every `transitioned` signal received, as kwargs."""
    received = []

    def listener(sender, **kwargs):
        received.append({"sender": sender, **kwargs})

    workflow.transitioned.connect(listener, weak=False, dispatch_uid="test-listener")
    yield received
    workflow.transitioned.disconnect(dispatch_uid="test-listener")


def stored_status(org: Organisation) -> str:
    return Organisation.objects.values_list("status", flat=True).get(pk=org.pk)


# The table -------------------------------------------------------------------------------------------------------


def test_the_table_is_valid_and_registers():
    ORG_WORKFLOW.validate()
    workflow.register(Organisation, ORG_WORKFLOW)
    try:
        assert workflow.workflow_for(Organisation) is ORG_WORKFLOW
        assert (Organisation, ORG_WORKFLOW) in workflow.registered()
    finally:
        workflow.unregister(Organisation)
    assert (Organisation, ORG_WORKFLOW) not in workflow.registered()


def test_validate_names_every_flaw():
    broken = Workflow(
        states=OrganisationStatus,
        initial=[ACTIVE],
        final=[SUSPENDED],
        table={
            ACTIVE: {"close": Transition("closed", "Close", "registry.no_such_rule")},
            SUSPENDED: {"reactivate": Transition(ACTIVE, "Reactivate")},
        },
    )
    with pytest.raises(ImproperlyConfigured) as exc:
        broken.validate()
    message = str(exc.value)
    assert "unknown target state 'closed'" in message
    assert "no rule named 'registry.no_such_rule'" in message
    assert "final state 'suspended' has transitions" in message
    assert "state 'liquidated' appears nowhere" in message
    assert "state 'liquidated' is a dead end" in message
    assert "state 'suspended' cannot be reached" in message


def test_register_refuses_a_table_over_other_choices():
    other = Workflow(
        states=MembershipType,
        final=list(MembershipType.values),
        table={value: {} for value in MembershipType.values},
    )
    other.validate()  # valid in itself: every state is declared final
    with pytest.raises(ImproperlyConfigured, match="choices differ"):
        workflow.register(Organisation, other)


@pytest.mark.django_db
def test_an_unregistered_model_cannot_transition(moderator):
    with pytest.raises(ImproperlyConfigured):
        workflow.transition(OrganisationFactory(), "suspend", actor=moderator)


# Every (state, action) pair ----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "action"), PAIRS)
def test_every_state_and_action(
    org_workflow, announcements, django_capture_on_commit_callbacks, moderator, state, action
):
    org = OrganisationFactory(status=state)
    audit_before = AuditEntry.objects.count()
    step = ORG_WORKFLOW.transitions_from(state).get(action)

    if step is None:
        with pytest.raises(ValidationError) as exc:
            workflow.transition(org, action, actor=moderator, reason="decided by the board")
        assert exc.value.code == "invalid_transition"
        with translation.override("en"):  # the message is rendered in the language active when it is shown
            label = ORG_WORKFLOW.action_label(action)
            assert exc.value.messages == [f"“{label}” is not possible while the organisation is “{state}”."]
        assert stored_status(org) == state
        assert not TransitionHistory.objects.exists()
        assert AuditEntry.objects.count() == audit_before
        return

    with acting_as(moderator, request_id="req-42"), django_capture_on_commit_callbacks(execute=True):
        saved = workflow.transition(org, action, actor=moderator, reason="  decided by the board ")
        assert announcements == [], "listeners hear of a transition only after commit"
    assert len(announcements) == 1  # announced once, after commit (other modules, e.g. search, add their own callbacks)
    assert saved.status == org.status == stored_status(org) == step.target
    (row,) = workflow.history_for(org)
    assert (row.action, row.source, row.target) == (action, state, step.target)
    assert (row.actor, row.actor_repr, row.reason, row.request_id) == (
        moderator,
        str(moderator),
        "decided by the board",
        "req-42",
    )
    assert row.content_object == org
    (heard,) = announcements
    assert heard["sender"] is Organisation
    assert (heard["obj"], heard["action"], heard["source"], heard["target"]) == (org, action, state, step.target)
    assert (heard["actor"], heard["reason"], heard["history"]) == (moderator, "decided by the board", row)
    # The audit log records the field change by itself, once.
    assert AuditEntry.objects.count() == audit_before + 1
    assert AuditEntry.objects.order_by("-id").first().changes == {"status": [state, step.target]}


# Refusals write nothing -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_permission_is_checked_on_the_object(org_workflow, announcements, representative, org, other_org, citizen):
    for actor, target in [(citizen, org), (representative, other_org), (None, org)]:
        with pytest.raises(PermissionDenied):
            workflow.transition(target, "suspend", actor=actor)
        assert stored_status(target) == ACTIVE
    assert not TransitionHistory.objects.exists()
    workflow.transition(org, "suspend", actor=representative)  # their own organisation
    assert stored_status(org) == SUSPENDED


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "   \n"])
def test_a_reason_is_required_where_declared(org_workflow, moderator, org, reason):
    with pytest.raises(ValidationError) as exc:
        workflow.transition(org, "liquidate", actor=moderator, reason=reason)
    with translation.override("en"):
        assert exc.value.message_dict == {"reason": ["Give a reason for “Liquidate”."]}
    assert stored_status(org) == ACTIVE
    assert not TransitionHistory.objects.exists()


@pytest.mark.django_db
def test_the_guard_refuses_with_its_reason(org_workflow, moderator):
    org = OrganisationFactory(status=SUSPENDED, bin="")
    with pytest.raises(ValidationError) as exc:
        workflow.transition(org, "reactivate", actor=moderator)
    assert exc.value.messages == [GUARD_MESSAGE]
    assert stored_status(org) == SUSPENDED
    assert not TransitionHistory.objects.exists()


@pytest.mark.django_db
def test_a_stale_copy_is_told_the_state_changed(org_workflow, moderator, org):
    stale = Organisation.objects.get(pk=org.pk)
    workflow.transition(org, "suspend", actor=moderator)
    with pytest.raises(ValidationError) as exc:
        workflow.transition(stale, "suspend", actor=moderator)
    assert exc.value.code == "stale_state"
    with translation.override("en"):
        assert exc.value.messages == [
            "This organisation has just been changed (it is now “suspended”), so “Suspend” is no longer possible."
        ]
    assert workflow.history_for(org).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_failing_listener_does_not_undo_the_transition(org_workflow, announcements, moderator, org, caplog):
    def broken(sender, **kwargs):
        raise RuntimeError("mail server down")

    workflow.transitioned.connect(broken, weak=False, dispatch_uid="test-broken")
    try:
        workflow.transition(org, "suspend", actor=moderator)  # autocommit: on_commit runs at once
    finally:
        workflow.transitioned.disconnect(dispatch_uid="test-broken")
    assert stored_status(org) == SUSPENDED
    assert len(announcements) == 1
    assert "mail server down" in caplog.text


# Buttons and history ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_actions_for_lists_what_the_actor_may_do_now(org_workflow, moderator, citizen, org):
    assert list(workflow.actions_for(org, moderator)) == ["suspend", "liquidate"]
    assert workflow.actions_for(org, citizen) == {}
    assert workflow.actions_for(org, None) == {}
    numberless = OrganisationFactory(status=SUSPENDED, bin="")
    assert list(workflow.actions_for(numberless, moderator)) == ["liquidate"]  # the guard hides "reactivate"
    assert workflow.actions_for(OrganisationFactory(status=LIQUIDATED), moderator) == {}


@pytest.mark.django_db
def test_history_is_ordered_and_append_only(org_workflow, moderator, org):
    workflow.transition(org, "suspend", actor=moderator)
    workflow.transition(org, "reactivate", actor=moderator)
    workflow.transition(org, "liquidate", actor=moderator, reason="Court ruling 2-1234/2026")
    rows = list(workflow.history_for(org))
    assert [(r.source, r.target) for r in rows] == [(ACTIVE, SUSPENDED), (SUSPENDED, ACTIVE), (ACTIVE, LIQUIDATED)]
    rows[0].reason = "rewritten"
    with pytest.raises(RuntimeError):
        rows[0].save()
    assert workflow.history_for(OrganisationFactory()).count() == 0


# Nothing else changes a governed field ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_saving_a_changed_status_outside_the_service_is_refused(org_workflow, moderator, org):
    org.status = SUSPENDED
    with pytest.raises(WorkflowBypassError):
        org.save()
    with pytest.raises(WorkflowBypassError):
        org.save(update_fields=["status"])
    org.save(update_fields=["short_name"])  # other fields save as usual
    assert stored_status(org) == ACTIVE

    fresh = Organisation.objects.get(pk=org.pk)
    stale = Organisation.objects.get(pk=org.pk)
    workflow.transition(fresh, "suspend", actor=moderator)
    stale.short_name = "ОФ"
    with pytest.raises(WorkflowBypassError):
        stale.save()  # would silently write the old status back
    fresh.short_name = "ОФ"
    fresh.save()  # the instance handed to transition() is current
    OrganisationFactory(status=LIQUIDATED)  # creating in any state is allowed
    assert stored_status(fresh) == SUSPENDED


def _is_queryset(node: ast.expr) -> bool:
    """`Model.objects….update()` or `….filter(…).update()`, not `some_dict.update()`."""
    return any(isinstance(n, ast.Call) or getattr(n, "attr", "") == "objects" for n in ast.walk(node))


def _bypasses(source: str, fields: set[str]) -> list[int]:
    """Lines that assign a field name: `x.f = …`, `x.f += …`, `setattr(x, "f", …)`, `M.objects….update(f=…)`,
    `.bulk_update(objs, ["f"])`; except lines ending in `# workflow: not governed` (another model's field)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Attribute) and sub.attr in fields:
                    found.append(sub.lineno)
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            strings = {a.value for a in ast.walk(node) if isinstance(a, ast.Constant) and isinstance(a.value, str)}
            if name == "setattr" and len(node.args) > 1 and getattr(node.args[1], "value", None) in fields:
                found.append(node.lineno)
            elif name == "update" and any(k.arg in fields for k in node.keywords) and _is_queryset(func.value):
                found.append(node.lineno)
            elif name == "bulk_update" and strings & fields:
                found.append(node.lineno)
    lines = source.splitlines()
    return sorted({n for n in found if not lines[n - 1].rstrip().endswith("# workflow: not governed")})


def test_the_scanner_finds_each_way_of_assigning():
    source = "\n".join(
        [
            "app.status = 'submitted'",  # 1
            "a.title, b.status = 'x', 'y'",  # 2
            "report.status += ''",  # 3
            "setattr(app, 'status', 'won')",  # 4
            "Application.objects.filter(pk=1).update(status='won')",  # 5
            "Application.objects.bulk_update(apps, ['status'])",  # 6
            "event.status = 'held'  # workflow: not governed",  # 7
            "print(app.status); app.title = 'ok'; Application.objects.filter(status='won')",  # 8
            "initial.update(status=app.status)",  # 9: a dict, not a queryset
            "Application.objects.update(status='won')",  # 10
        ]
    )
    assert _bypasses(source, {"status"}) == [1, 2, 3, 4, 5, 6, 10]


def test_no_module_assigns_a_governed_field():
    root = Path(__file__).resolve().parents[2]  # civicbridge/
    fields = {wf.field for _model, wf in workflow.registered()} | {"status"}
    skipped = {root / "core" / "workflow.py"}
    scanned, offenders = 0, []
    for path in sorted(root.rglob("*.py")):
        parts = set(path.relative_to(root).parts)
        if path in skipped or parts & {"tests", "migrations"} or path.name == "conftest.py":
            continue
        scanned += 1
        offenders += [f"{path.relative_to(root)}:{n}" for n in _bypasses(path.read_text(), fields)]
    assert scanned > 50
    assert offenders == [], "change the status with core.workflow.transition(), not by assignment"


# Any sequence of actions ---------------------------------------------------------------------------------------


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(numbered=st.booleans(), steps=st.lists(st.tuples(st.sampled_from(ACTIONS), st.booleans()), max_size=12))
def test_any_sequence_of_actions_stays_in_the_table(org_workflow, moderator, citizen, numbered, steps):
    org = OrganisationFactory(bin=make_bin() if numbered else "")
    succeeded = 0
    for action, as_moderator in steps:
        try:
            workflow.transition(org, action, actor=moderator if as_moderator else citizen, reason="because")
        except (ValidationError, PermissionDenied):
            continue
        succeeded += 1
    rows = list(workflow.history_for(org))
    assert stored_status(org) in ORG_WORKFLOW.state_values
    assert len(rows) == succeeded
    path = [ACTIVE] + [r.target for r in rows]
    assert [r.source for r in rows] == path[:-1]  # each step starts where the one before ended
    assert stored_status(org) == path[-1]
    assert all(ORG_WORKFLOW.transitions_from(r.source)[r.action].target == r.target for r in rows)


# Two people at once ------------------------------------------------------------------------------------------


def _slow(org, actor):
    time.sleep(0.3)  # hold the row lock long enough for the other thread to queue behind it


SLOW_WORKFLOW = dataclasses.replace(
    ORG_WORKFLOW,
    table={**ORG_WORKFLOW.table, ACTIVE: {"suspend": Transition(SUSPENDED, "Suspend", PERM, guard=_slow)}},
)


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises writers; row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_same_action_at_once_one_succeeds(announcements, moderator, org):
    workflow.register(Organisation, SLOW_WORKFLOW)
    barrier, outcomes = threading.Barrier(2), []

    def act():
        try:
            mine = Organisation.objects.get(pk=org.pk)
            barrier.wait()
            workflow.transition(mine, "suspend", actor=moderator)
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=act) for _ in range(2)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
    finally:
        workflow.unregister(Organisation)
    assert sorted(outcomes) == ["ok", "stale_state"]
    assert stored_status(org) == SUSPENDED
    assert workflow.history_for(org).count() == 1
    assert len(announcements) == 1


# Phases computed from time ------------------------------------------------------------------------------------

ALMATY = ZoneInfo("Asia/Almaty")
OPENS = datetime(2026, 3, 2, 9, 0, tzinfo=ALMATY)
CLOSES = datetime(2026, 4, 1, 18, 0, tzinfo=ALMATY)


@pytest.mark.parametrize(
    ("frozen", "phase"),
    [
        (OPENS - timedelta(microseconds=1), "upcoming"),
        (OPENS, "open"),  # the opening instant is inside
        (CLOSES - timedelta(seconds=1), "open"),  # 17:59:59
        (CLOSES - timedelta(microseconds=1), "open"),
        (CLOSES, "closed"),  # 18:00:00 is already closed
        (CLOSES.astimezone(ZoneInfo("Europe/Moscow")), "closed"),  # the same instant in another zone
    ],
)
def test_phase_at_the_boundaries(frozen, phase):
    with freeze_time(frozen):
        assert phase_of(timezone.now(), OPENS, CLOSES) == phase


def test_phase_with_open_ends():
    now = datetime(2026, 1, 1, tzinfo=ALMATY)
    assert phase_of(now, None, None) == "open"
    assert phase_of(now, None, now) == "closed"
    assert phase_of(now, now, None) == "open"


@pytest.mark.parametrize("naive", ["now", "opens_at", "closes_at"])
def test_phase_refuses_naive_datetimes(naive):
    values = {"now": OPENS, "opens_at": OPENS, "closes_at": CLOSES}
    values[naive] = values[naive].replace(tzinfo=None)
    with pytest.raises(ValueError, match="time-zone-aware"):
        phase_of(**values)


def test_phase_refuses_a_window_that_closes_before_it_opens():
    with pytest.raises(ValueError):
        phase_of(OPENS, CLOSES, OPENS)
