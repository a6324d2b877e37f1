"""Writes for programmes and calls: create and edit (with bands, duration terms, rubric and documents), rubric
presets, and the call's workflow (publish, start the review, cancel).

What may change depends on how far the call has gone, because applicants and experts rely on it:
- a draft: everything;
- published, before any application is submitted: everything but the code;
- once an application is submitted: no longer the rules applicants relied on (bands, durations, documents,
  eligibility, co-financing, languages, opening); the deadline only to a future instant;
- once a review exists: no longer the rubric or the review settings;
- results published or cancelled: nothing.
"""

from .base import CALL_FIELDS, CALL_OWN_FIELDS, CALL_SETS, PART_FIELDS, PROGRAMME_FIELDS
from .editing import call_create, call_update, locked_fields
from .parts import preset_rows
from .programmes import programme_create, programme_update
from .workflow import CALL_ACTIONS, call_cancel, call_publish, call_start_review, call_take_action, when

__all__ = [
    "CALL_ACTIONS",
    "CALL_FIELDS",
    "CALL_OWN_FIELDS",
    "CALL_SETS",
    "PART_FIELDS",
    "PROGRAMME_FIELDS",
    "call_cancel",
    "call_create",
    "call_publish",
    "call_start_review",
    "call_take_action",
    "call_update",
    "locked_fields",
    "preset_rows",
    "programme_create",
    "programme_update",
    "when",
]
