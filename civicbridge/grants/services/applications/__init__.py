"""Writes of applications: create a draft, save it (optimistic version check), attach documents, submit, withdraw.

A draft saves as it is written, incomplete; only the rows it keeps must each be whole (the database holds them to
their constraints). Submitting runs every check of the call at once and reports every problem with its field, so the
applicant can mend them all in one pass. A submitted application is frozen: its receipt number, its snapshot and
its rows never change again (drafts only are editable, here and in the API).

Definitions used by the checks (documented, because applicants and operators read the refusals):
- a budget line adds up when unit cost × quantity, rounded to the tiyn/kopeck, equals requested + co-financing;
- the project's length in months is counted from the start date to the day after the end date, a started month
  counting whole (1 March – 31 May is 3 months; 1 March – 1 June is 4);
- the co-financing share is co-financing ÷ (requested + co-financing) × 100, i.e. of the whole project budget.
"""

from .base import DRAFT_FIELDS, PARTS, PURPOSE, REQUIRED_TEXT, Problem
from .checks import band_for, project_months, validate_for_submission
from .drafts import (
    application_attach_document,
    application_create,
    application_delete_draft,
    application_remove_document,
    application_save_draft,
)
from .submission import application_submit, application_withdraw, snapshot_of

__all__ = [
    "DRAFT_FIELDS",
    "PARTS",
    "PURPOSE",
    "REQUIRED_TEXT",
    "Problem",
    "application_attach_document",
    "application_create",
    "application_delete_draft",
    "application_remove_document",
    "application_save_draft",
    "application_submit",
    "application_withdraw",
    "band_for",
    "project_months",
    "snapshot_of",
    "validate_for_submission",
]
