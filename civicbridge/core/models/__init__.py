"""Shared models: the audit log, sources (documents that facts cite) and workflow history."""

from .audit import AuditEntry
from .base import TimeStampedModel
from .sources import Citation, Source
from .workflow import TransitionHistory

__all__ = ["AuditEntry", "Citation", "Source", "TimeStampedModel", "TransitionHistory"]
