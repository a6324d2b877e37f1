"""Transition tables of the exchange (pure data; core.workflow.transition performs them)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicbridge.core.workflow import Transition, Workflow

from .choices import ListingStatus, PracticeStatus, RequestStatus

P, L, R = PracticeStatus, ListingStatus, RequestStatus


def before_its_closing_date(listing, actor) -> None:
    """A need or offer opens again only while its closing date is ahead (else set a new date first)."""
    if listing.expires_on is not None and listing.expires_on < timezone.localdate():
        raise ValidationError(
            {"expires_on": _("Its closing date has passed: set a new one before opening it again.")},
            code="expired",
        )


PRACTICE_WORKFLOW = Workflow(
    states=PracticeStatus,
    initial=[P.DRAFT],
    final=[],
    table={
        P.DRAFT: {
            "submit": Transition(P.SUBMITTED, _("Send for moderation"), "exchange.submit_practice"),
        },
        P.RETURNED: {
            "submit": Transition(P.SUBMITTED, _("Send for moderation again"), "exchange.submit_practice"),
            "archive": Transition(P.ARCHIVED, _("Archive"), "exchange.archive_practice"),
        },
        P.SUBMITTED: {
            "publish": Transition(P.PUBLISHED, _("Publish"), "exchange.moderate_practice"),
            "return": Transition(
                P.RETURNED, _("Return with comments"), "exchange.moderate_practice", reason_required=True
            ),
        },
        P.PUBLISHED: {
            "archive": Transition(P.ARCHIVED, _("Archive"), "exchange.archive_practice"),
        },
        P.ARCHIVED: {
            "restore": Transition(P.PUBLISHED, _("Publish again"), "exchange.moderate_practice"),
        },
    },
)

LISTING_WORKFLOW = Workflow(
    states=ListingStatus,
    initial=[L.OPEN],
    table={
        L.OPEN: {"close": Transition(L.CLOSED, _("Close"), "exchange.close_listing")},
        L.CLOSED: {"reopen": Transition(L.OPEN, _("Open again"), "exchange.close_listing", before_its_closing_date)},
    },
)

REQUEST_WORKFLOW = Workflow(
    states=RequestStatus,
    initial=[R.SENT],
    final=[R.ACCEPTED, R.DECLINED, R.WITHDRAWN],
    table={
        R.SENT: {
            "accept": Transition(R.ACCEPTED, _("Accept"), "exchange.answer_request"),
            "decline": Transition(R.DECLINED, _("Decline"), "exchange.answer_request"),
            "withdraw": Transition(R.WITHDRAWN, _("Withdraw"), "exchange.withdraw_request"),
        },
    },
)
