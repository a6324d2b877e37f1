"""Models of events: events and their programme, registration and check-in; delegations and outcomes."""

from .delegations import Delegation, DelegationMember, DelegationVisit
from .events import Event, EventOrganiser, Session, Speaker
from .outcomes import Commitment, Outcome
from .registration import Answer, Registration, RegistrationQuestion

__all__ = [
    "Answer",
    "Commitment",
    "Delegation",
    "DelegationMember",
    "DelegationVisit",
    "Event",
    "EventOrganiser",
    "Outcome",
    "Registration",
    "RegistrationQuestion",
    "Session",
    "Speaker",
]
