"""The grants app's models, re-exported so `from civicbridge.grants.models import Call` works."""

from .applications import (
    Activity,
    Application,
    ApplicationDocument,
    ApplicationPartner,
    BudgetLine,
    EligibilityCheck,
    Indicator,
    Task,
    TeamMember,
)
from .outcomes import Agreement, Decision, IndicatorActual, Instalment, Report, Spending
from .programmes import Call, Criterion, DurationTerm, Programme, RequiredDocument, SizeBand
from .review import ConflictDeclaration, ExpertProfile, Review, Score

__all__ = [
    "Activity",
    "Agreement",
    "Application",
    "ApplicationDocument",
    "ApplicationPartner",
    "BudgetLine",
    "Call",
    "ConflictDeclaration",
    "Criterion",
    "Decision",
    "DurationTerm",
    "EligibilityCheck",
    "ExpertProfile",
    "Indicator",
    "IndicatorActual",
    "Instalment",
    "Programme",
    "Report",
    "RequiredDocument",
    "Review",
    "Score",
    "SizeBand",
    "Spending",
    "Task",
    "TeamMember",
]
