"""Transition tables of events (pure data; core.workflow.transition performs them).

The commitments' workflow follows at the end of this file.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from civicbridge.core.workflow import Transition, Workflow

from .choices import CommitmentStatus, EventStatus, RegistrationStatus

E, R = EventStatus, RegistrationStatus

EVENT_WORKFLOW = Workflow(
    states=EventStatus,
    initial=[E.DRAFT],
    final=[E.CANCELLED, E.COMPLETED],
    table={
        E.DRAFT: {
            "publish": Transition(E.PUBLISHED, _("Publish"), "events.change_event"),
            "cancel": Transition(E.CANCELLED, _("Cancel the event"), "events.change_event", reason_required=True),
        },
        E.PUBLISHED: {
            "cancel": Transition(E.CANCELLED, _("Cancel the event"), "events.change_event", reason_required=True),
            "complete": Transition(E.COMPLETED, _("Mark as held"), "events.change_event"),
        },
    },
)

REGISTRATION_WORKFLOW = Workflow(
    states=RegistrationStatus,
    initial=[R.CONFIRMED, R.WAITLISTED],
    final=[R.CANCELLED],
    table={
        R.CONFIRMED: {
            "cancel": Transition(R.CANCELLED, _("Cancel my registration"), "events.cancel_registration"),
        },
        R.WAITLISTED: {
            "cancel": Transition(R.CANCELLED, _("Leave the waitlist"), "events.cancel_registration"),
            "promote": Transition(R.CONFIRMED, _("Confirm a seat"), "events.promote_registration"),
        },
    },
)


# --- Commitments ---
# Planned → in progress → done, or dropped with a reason; done or dropped ones may be reopened. The editors of the
# responsible organisation and the organisers move them (services.outcomes sets and clears `done_on` around it).
C = CommitmentStatus

COMMITMENT_WORKFLOW = Workflow(
    states=CommitmentStatus,
    initial=[C.PLANNED],
    final=[],
    table={
        C.PLANNED: {
            "start": Transition(C.IN_PROGRESS, _("Start"), "events.update_commitment"),
            "complete": Transition(C.DONE, _("Mark as done"), "events.update_commitment"),
            "drop": Transition(C.DROPPED, _("Drop"), "events.update_commitment", reason_required=True),
        },
        C.IN_PROGRESS: {
            "complete": Transition(C.DONE, _("Mark as done"), "events.update_commitment"),
            "drop": Transition(C.DROPPED, _("Drop"), "events.update_commitment", reason_required=True),
        },
        C.DONE: {
            "reopen": Transition(C.IN_PROGRESS, _("Reopen"), "events.update_commitment", reason_required=True),
        },
        C.DROPPED: {
            "reopen": Transition(C.PLANNED, _("Reopen"), "events.update_commitment", reason_required=True),
        },
    },
)
