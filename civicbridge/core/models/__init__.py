"""Shared models: the audit log, sources (documents that facts cite) and workflow history."""

from .audit import AuditEntry
from .base import TimeStampedModel
from .search import SearchDocument, SearchFacet
from .sources import Citation, Source
from .workflow import TransitionHistory

__all__ = [
    "AuditEntry",
    "Citation",
    "SearchDocument",
    "SearchFacet",
    "Source",
    "TimeStampedModel",
    "TransitionHistory",
]
