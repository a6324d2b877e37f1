"""Transition tables of state support (pure data; core.workflow.transition performs them).

Guards here only check the clock; the services run the full validation (budget, bands, eligibility) before they
call `transition`, so a refusal always comes with its reasons.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civicbridge.core.workflow import Transition, Workflow

from .choices import AgreementStatus, ApplicationStatus, CallStatus, ReportStatus, ReviewStatus

A, C, R, P, G = ApplicationStatus, CallStatus, ReviewStatus, ReportStatus, AgreementStatus


def call_is_open(application, actor) -> None:
    """Submitting and withdrawing are possible only while the call is open, to the second."""
    if not application.call.is_open():
        raise ValidationError(
            _("The call is closed: it closed at %(closes)s."),
            code="call_closed",
            params={"closes": application.call.closes_at},
        )


CALL_WORKFLOW = Workflow(
    states=CallStatus,
    initial=[C.DRAFT],
    final=[C.RESULTS_PUBLISHED, C.CANCELLED],
    table={
        C.DRAFT: {
            "publish": Transition(C.PUBLISHED, _("Publish the call"), "grants.manage_call"),
            "cancel": Transition(C.CANCELLED, _("Cancel the call"), "grants.manage_call", reason_required=True),
        },
        C.PUBLISHED: {
            "start_review": Transition(C.IN_REVIEW, _("Close intake and start the review"), "grants.manage_call"),
            "cancel": Transition(C.CANCELLED, _("Cancel the call"), "grants.manage_call", reason_required=True),
        },
        C.IN_REVIEW: {
            "publish_results": Transition(C.RESULTS_PUBLISHED, _("Publish the results"), "grants.manage_call"),
            "cancel": Transition(C.CANCELLED, _("Cancel the call"), "grants.manage_call", reason_required=True),
        },
    },
)

APPLICATION_WORKFLOW = Workflow(
    states=ApplicationStatus,
    initial=[A.DRAFT],
    final=[A.WITHDRAWN, A.AWARDED, A.REJECTED],
    table={
        A.DRAFT: {
            "submit": Transition(A.SUBMITTED, _("Submit the application"), "grants.submit_application", call_is_open),
        },
        A.SUBMITTED: {
            "withdraw": Transition(
                A.WITHDRAWN, _("Withdraw the application"), "grants.withdraw_application", call_is_open
            ),
            "mark_eligible": Transition(A.ELIGIBLE, _("Eligible"), "grants.screen_application"),
            "mark_ineligible": Transition(
                A.INELIGIBLE, _("Not eligible"), "grants.screen_application", reason_required=True
            ),
        },
        A.ELIGIBLE: {
            "start_review": Transition(A.IN_REVIEW, _("Send to experts"), "grants.assign_experts"),
            "override_ineligible": Transition(
                A.INELIGIBLE, _("Override: not eligible"), "grants.override_eligibility", reason_required=True
            ),
        },
        A.INELIGIBLE: {
            "override_eligible": Transition(
                A.ELIGIBLE, _("Override: eligible"), "grants.override_eligibility", reason_required=True
            ),
        },
        A.IN_REVIEW: {
            "complete_review": Transition(A.REVIEWED, _("Review complete"), "grants.assign_experts"),
        },
        A.REVIEWED: {
            "award": Transition(A.AWARDED, _("Award"), "grants.decide", reason_required=True),
            "waitlist": Transition(A.WAITLISTED, _("Waitlist"), "grants.decide", reason_required=True),
            "reject": Transition(A.REJECTED, _("Reject"), "grants.decide", reason_required=True),
            "reopen_review": Transition(A.IN_REVIEW, _("Reopen the review"), "grants.assign_experts"),
        },
        A.WAITLISTED: {
            "award": Transition(A.AWARDED, _("Award"), "grants.decide", reason_required=True),
            "reject": Transition(A.REJECTED, _("Reject"), "grants.decide", reason_required=True),
        },
    },
)

REVIEW_WORKFLOW = Workflow(
    states=ReviewStatus,
    initial=[R.ASSIGNED],
    final=[R.SUBMITTED, R.CONFLICT, R.WITHDRAWN],
    table={
        R.ASSIGNED: {
            "submit": Transition(R.SUBMITTED, _("Submit the review"), "grants.submit_review"),
            "declare_conflict": Transition(
                R.CONFLICT, _("Declare a conflict of interest"), "grants.declare_conflict", reason_required=True
            ),
            "withdraw": Transition(
                R.WITHDRAWN, _("Take the review away"), "grants.withdraw_review", reason_required=True
            ),
        },
    },
)

REPORT_WORKFLOW = Workflow(
    states=ReportStatus,
    initial=[P.DUE],
    final=[P.ACCEPTED, P.REJECTED],
    table={
        P.DUE: {"submit": Transition(P.SUBMITTED, _("Submit the report"), "grants.submit_report")},
        P.RETURNED: {"submit": Transition(P.SUBMITTED, _("Submit the report again"), "grants.submit_report")},
        P.SUBMITTED: {
            "accept": Transition(P.ACCEPTED, _("Accept the report"), "grants.review_report"),
            "return": Transition(P.RETURNED, _("Return for revision"), "grants.review_report", reason_required=True),
            "reject": Transition(P.REJECTED, _("Reject the report"), "grants.review_report", reason_required=True),
        },
    },
)

AGREEMENT_WORKFLOW = Workflow(
    states=AgreementStatus,
    initial=[G.ACTIVE],
    final=[G.CLOSED, G.TERMINATED],
    table={
        G.ACTIVE: {
            "close": Transition(G.CLOSED, _("Close the project"), "grants.manage_agreement"),
            "terminate": Transition(
                G.TERMINATED, _("Terminate the agreement"), "grants.manage_agreement", reason_required=True
            ),
        },
    },
)
