"""Writes of outcomes: the closing report (write, publish, withdraw) and the resolutions and commitments
(record, change, move along their workflow), and the reminders of commitments falling due.

Publishing a closing report is possible once the event is over: when it is marked completed, or when it is published
and its end has passed (organisers often forget the "completed" step; a cancelled or draft event has no report).
It is refused while one of the event's languages has no summary. Attendance left empty becomes the number checked in.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.accounts.selectors import editors_by_organisation, editors_of
from civicbridge.core.context import user_or_none
from civicbridge.core.permissions import require
from civicbridge.core.text import LANGUAGES
from civicbridge.core.workflow import transition
from civicbridge.notifications.services import notify
from civicbridge.registry.models import Organisation

from ..choices import CommitmentKind, CommitmentStatus, EventStatus, RegistrationStatus
from ..models import Commitment, Event, Outcome, Registration
from .common import UNSET, add_error, apply_texts

SUMMARY_FIELDS = frozenset(f"summary_{lang}" for lang in LANGUAGES)
COMMITMENT_TEXT_FIELDS = frozenset(f"text_{lang}" for lang in LANGUAGES)
OPEN_STATES = (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)
REMIND_DAYS = 7


def _language_names(codes: Iterable[str]) -> str:
    from django.utils.translation import get_language_info

    return ", ".join(str(get_language_info(code)["name_translated"]) for code in codes)


# --- the closing report -----------------------------------------------------------------------------------------------


def checked_in_count(event: Event) -> int:
    """How many came: registrations checked in (and not cancelled afterwards)."""
    return (
        Registration.objects.filter(event=event, checked_in_at__isnull=False)
        .exclude(status=RegistrationStatus.CANCELLED)
        .count()
    )


def is_over(event: Event, now: datetime.datetime | None = None) -> bool:
    """An event whose report may be published: completed, or published and already ended."""
    now = now or timezone.now()
    return event.status == EventStatus.COMPLETED or (event.status == EventStatus.PUBLISHED and event.ends_at <= now)


def missing_summaries(outcome: Outcome, event: Event) -> list[str]:
    """The event's languages in which the report has no summary yet."""
    return [lang for lang in event.languages if lang in LANGUAGES and not getattr(outcome, f"summary_{lang}", "")]


@transaction.atomic
def outcome_save(
    *,
    actor,
    event: Event,
    fields: dict[str, Any] | None = None,
    attendance: int | None = UNSET,
    organisations_present: Iterable[Organisation] | None = None,
    original_language: str | None = None,
) -> Outcome:
    """Write (or change) the closing report of an event. A published report stays published, so it must keep a
    summary in each of the event's languages."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    require(actor, "events.change_outcome", event)
    if event.status in (EventStatus.DRAFT, EventStatus.CANCELLED):
        raise ValidationError(_("A draft or cancelled event has no closing report."), code="event_status")
    outcome = Outcome.objects.filter(event=event).first() or Outcome(event=event, created_by=user_or_none(actor))
    errors: dict[str, list[str]] = {}
    apply_texts(outcome, fields or {}, SUMMARY_FIELDS)
    if original_language is not None:
        outcome.original_language = original_language
    if outcome.original_language not in LANGUAGES:
        add_error(errors, "original_language", _("Choose the language the text is written in."))
    if attendance is not UNSET:
        if attendance is not None and (not isinstance(attendance, int) or attendance < 0):
            add_error(errors, "attendance", _("Enter the number of people who came (0 or more)."))
        outcome.attendance = attendance
    for lang in LANGUAGES:
        if len(getattr(outcome, f"summary_{lang}", "") or "") > 20_000:
            add_error(errors, f"summary_{lang}", _("The summary is too long (at most 20,000 characters)."))
    if outcome.is_published:
        for lang in missing_summaries(outcome, event):
            add_error(errors, f"summary_{lang}", _("The report is published: its summary cannot be emptied."))
    if errors:
        raise ValidationError(errors)
    outcome.save()
    if organisations_present is not None:
        outcome.organisations_present.set(list(dict.fromkeys(organisations_present)))
    return outcome


@transaction.atomic
def outcome_publish(*, actor, outcome: Outcome) -> Outcome:
    """Publish the closing report: the event must be over and the summary written in each of its languages.
    Attendance left empty becomes the number of people checked in."""
    outcome = Outcome.objects.select_for_update().select_related("event").get(pk=outcome.pk)
    event = outcome.event
    require(actor, "events.change_outcome", event)
    if outcome.is_published:
        raise ValidationError(_("The closing report is already published."), code="published")
    if not is_over(event):
        raise ValidationError(
            _("The closing report can be published once the event is over (or marked as held)."), code="not_over"
        )
    missing = missing_summaries(outcome, event)
    if missing:
        raise ValidationError(
            {
                f"summary_{missing[0]}": _("Write the summary in every language of the event first: %(langs)s.")
                % {"langs": _language_names(missing)}
            },
            code="missing_language",
        )
    if outcome.attendance is None:
        outcome.attendance = checked_in_count(event)
    outcome.published_at = timezone.now()
    outcome.save(update_fields=["attendance", "published_at", "updated_at"])
    return outcome


@transaction.atomic
def outcome_withdraw(*, actor, outcome: Outcome) -> Outcome:
    """Take a published report off the public pages (to correct it); its commitments stay."""
    outcome = Outcome.objects.select_for_update().select_related("event").get(pk=outcome.pk)
    require(actor, "events.change_outcome", outcome.event)
    outcome.published_at = None
    outcome.save(update_fields=["published_at", "updated_at"])
    return outcome


# --- resolutions and commitments --------------------------------------------------------------------------------------


def _check_commitment(commitment: Commitment, errors: dict[str, list[str]]) -> None:
    if commitment.kind not in CommitmentKind.values:
        add_error(errors, "kind", _("Choose whether this is a resolution or a commitment."))
    if commitment.original_language not in LANGUAGES:
        add_error(errors, "original_language", _("Choose the language the text is written in."))
    elif not getattr(commitment, f"text_{commitment.original_language}", ""):
        add_error(errors, f"text_{commitment.original_language}", _("Enter the text in the language you write in."))
    for lang in LANGUAGES:
        if len(getattr(commitment, f"text_{lang}", "") or "") > 5000:
            add_error(errors, f"text_{lang}", _("The text is too long (at most 5,000 characters)."))
    if commitment.responsible_id is None:
        add_error(errors, "responsible", _("Name the organisation responsible."))
    if commitment.due_on is not None and not isinstance(commitment.due_on, datetime.date):
        add_error(errors, "due_on", _("Enter a date."))
    elif commitment.kind == CommitmentKind.COMMITMENT and commitment.due_on is None:
        add_error(errors, "due_on", _("A commitment needs the date it is due."))
    if len(commitment.note or "") > 5000:
        add_error(errors, "note", _("The note is too long (at most 5,000 characters)."))
    if errors:
        raise ValidationError(errors)


def _tell_responsible(commitment: Commitment, actor) -> None:
    """The responsible organisation's editors hear of it (not the one who recorded it: they know)."""
    user = user_or_none(actor)
    notify(
        event="events.commitment_assigned",
        recipients=editors_of(commitment.responsible_id).exclude(pk=getattr(user, "pk", None)),
        context={"commitment": commitment},
        target=commitment,
    )


@transaction.atomic
def commitment_create(
    *,
    actor,
    event: Event,
    fields: dict[str, Any],
    responsible: Organisation,
    kind: str = CommitmentKind.COMMITMENT,
    due_on: datetime.date | None = None,
    note: str = "",
    original_language: str = "ru",
) -> Commitment:
    """Record a resolution or a commitment of an event, with the organisation responsible; its editors are told."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    require(actor, "events.add_commitment", event)
    if event.status in (EventStatus.DRAFT, EventStatus.CANCELLED):
        raise ValidationError(_("A draft or cancelled event has no resolutions or commitments."), code="event_status")
    commitment = Commitment(
        event=event,
        kind=kind,
        responsible=responsible,
        due_on=due_on,
        note=(note or "").strip(),
        original_language=original_language,
        created_by=user_or_none(actor),
    )
    apply_texts(commitment, fields, COMMITMENT_TEXT_FIELDS)
    _check_commitment(commitment, {})
    commitment.save()
    _tell_responsible(commitment, actor)
    return commitment


@transaction.atomic
def commitment_update(
    *,
    actor,
    commitment: Commitment,
    fields: dict[str, Any] | None = None,
    responsible: Organisation | None = None,
    kind: str | None = None,
    due_on: datetime.date | None = UNSET,
    note: str | None = None,
    original_language: str | None = None,
) -> Commitment:
    """Change a resolution or commitment (the organisers); its status changes only by its workflow. A new
    responsible organisation is told; a new due date allows a new reminder."""
    commitment = Commitment.objects.select_for_update().select_related("event").get(pk=commitment.pk)
    require(actor, "events.change_commitment", commitment)
    previous = commitment.responsible_id
    apply_texts(commitment, fields or {}, COMMITMENT_TEXT_FIELDS)
    if responsible is not None:
        commitment.responsible = responsible
    if kind is not None:
        commitment.kind = kind
    if due_on is not UNSET:
        if due_on != commitment.due_on:
            commitment.reminded_at = None
        commitment.due_on = due_on
    if note is not None:
        commitment.note = note.strip()
    if original_language is not None:
        commitment.original_language = original_language
    _check_commitment(commitment, {})
    commitment.save()
    if commitment.responsible_id != previous:
        _tell_responsible(commitment, actor)
    return commitment


@transaction.atomic
def commitment_delete(*, actor, commitment: Commitment) -> None:
    """Delete a commitment recorded by mistake: only while nothing happened to it (planned)."""
    commitment = Commitment.objects.select_for_update().select_related("event").get(pk=commitment.pk)
    require(actor, "events.change_commitment", commitment)
    if commitment.status != CommitmentStatus.PLANNED:
        raise ValidationError(_("Only a planned commitment can be deleted; drop it with a reason instead."))
    commitment.delete()


COMMITMENT_ACTIONS = ("start", "complete", "drop", "reopen")


@transaction.atomic
def commitment_act(
    *, actor, commitment: Commitment, action: str, reason: str = "", done_on: datetime.date | None = None
) -> Commitment:
    """Move a commitment along its workflow: start, complete (on `done_on`, default today), drop (with a reason),
    reopen (with a reason). The responsible organisation's editors or the organisers."""
    if action not in COMMITMENT_ACTIONS:
        raise ValidationError(_("Unknown action."), code="action")
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if action == "complete":
        today = timezone.localdate()
        done_on = done_on or today
        if done_on > today:
            raise ValidationError({"done_on": _("The date it was done cannot be in the future.")})
        # Set before the transition: the database refuses a done commitment without its date.
        Commitment.objects.filter(pk=commitment.pk).update(done_on=done_on)
    saved = transition(commitment, action, actor=actor, reason=reason)
    if action == "reopen":
        Commitment.objects.filter(pk=saved.pk).update(done_on=None, reminded_at=None)
        saved.done_on = saved.reminded_at = None
    saved.refresh_from_db()
    return saved


# --- reminders --------------------------------------------------------------------------------------------------------


def send_commitment_reminders(*, today: datetime.date | None = None) -> int:
    """Remind the responsible organisations' editors of open commitments due within 7 days (once per due date:
    `reminded_at` is cleared when the date changes or the commitment is reopened). Returns how many were reminded."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REMIND_DAYS)
    due = Commitment.objects.filter(
        Q(event__status__in=(EventStatus.PUBLISHED, EventStatus.COMPLETED)),
        status__in=OPEN_STATES,
        due_on__gte=today,
        due_on__lte=horizon,
        reminded_at__isnull=True,
    ).select_related("responsible", "event")
    sent = 0
    while True:
        with transaction.atomic():
            # Locked and marked batch by batch: two runs at once do not remind twice.
            batch = list(due.select_for_update(of=("self",)).order_by("id")[:500])
            if not batch:
                break
            editors = editors_by_organisation({c.responsible_id for c in batch})
            for commitment in batch:
                notify(
                    event="events.commitment_due_soon",
                    recipients=editors.get(commitment.responsible_id, []),
                    context={"commitment": commitment},
                    target=commitment,
                )
            Commitment.objects.filter(pk__in=[c.pk for c in batch]).update(reminded_at=timezone.now())
            sent += len(batch)
    return sent
