"""Models of the exchange: practices and adoptions, needs and offers, partnership requests and partnerships."""

from .listings import Listing
from .partnerships import Partnership, PartnershipRequest
from .practices import Adoption, Practice, PracticeDocument, PracticeLink, TargetGroup

__all__ = [
    "Adoption",
    "Listing",
    "Partnership",
    "PartnershipRequest",
    "Practice",
    "PracticeDocument",
    "PracticeLink",
    "TargetGroup",
]
