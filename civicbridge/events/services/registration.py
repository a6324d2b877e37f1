"""Writes of registration: register (confirmed while there are seats, else waitlisted), cancel (the oldest waitlisted
moves up in the same transaction), check in by code, and the reminders before an event.

The event's row is locked (SELECT ... FOR UPDATE) by every write that counts seats, so two people taking the last seat
at once are served one after the other: the second one is waitlisted.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.core.permissions import SYSTEM, require
from civicbridge.core.workflow import transition
from civicbridge.notifications.rendering import site_url
from civicbridge.notifications.services import notify
from civicbridge.registry.models import Organisation

from ..choices import EventStatus, QuestionKind, RegistrationStatus
from ..models import Answer, Event, Registration

ANSWER_LIMIT = 2000
YES_NO = ("yes", "no")




def registration_open(event: Event, now: datetime.datetime | None = None) -> bool:
    """Is registration open now: the event published, registration enabled, before it closes (or the event ends)."""
    now = now or timezone.now()
    closes = event.registration_closes_at or event.ends_at
    return event.status == EventStatus.PUBLISHED and event.registration_enabled and now < closes


def _links(registration: Registration) -> dict[str, str]:
    return {
        "url": reverse("events:registration", args=[registration.pk]),
        "ics_url": site_url(reverse("events:event-ics", args=[registration.event_id])),
    }


def _clean_answers(event: Event, answers: Mapping[Any, Any]) -> dict[int, str]:
    """Check the answers against the event's questions; return {question id: stored text} (lists joined by "\n")."""
    questions = list(event.questions.all())
    by_id = {question.pk: question for question in questions}
    given: dict[int, Any] = {}
    errors: dict[str, list[str]] = {}
    for key, value in (answers or {}).items():
        try:
            given[int(key)] = value
        except (TypeError, ValueError):
            errors.setdefault("answers", []).append(_("An answer names an unknown question."))
    if set(given) - set(by_id):
        errors.setdefault("answers", []).append(_("An answer names a question of another event."))
    cleaned: dict[int, str] = {}
    for question in questions:
        field = f"question_{question.pk}"
        value = given.get(question.pk)
        if question.kind == QuestionKind.MULTIPLE:
            values = [value] if isinstance(value, str) else list(value or [])
            values = [str(v).strip() for v in values if str(v).strip()]
            if set(values) - set(question.options):
                errors.setdefault(field, []).append(_("Choose among the options given."))
            text = "\n".join(dict.fromkeys(values))
        else:
            if isinstance(value, list | tuple):
                value = value[0] if value else ""
            text = "" if value is None else str(value).strip()
            if isinstance(value, bool):
                text = "yes" if value else "no"
            if text and question.kind == QuestionKind.CHOICE and text not in question.options:
                errors.setdefault(field, []).append(_("Choose one of the options given."))
            if text and question.kind == QuestionKind.YES_NO and text not in YES_NO:
                errors.setdefault(field, []).append(_("Answer yes or no."))
        if len(text) > ANSWER_LIMIT:
            errors.setdefault(field, []).append(
                _("The answer is too long (at most %(limit)s characters).") % {"limit": ANSWER_LIMIT}
            )
        if question.required and not text:
            errors.setdefault(field, []).append(_("This question needs an answer."))
        if text:
            cleaned[question.pk] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def register(
    *,
    actor,
    event: Event,
    answers: Mapping[Any, Any] | None = None,
    organisation: Organisation | None = None,
    language: str | None = None,
) -> Registration:
    """Register the signed-in actor: a confirmed seat while there is room, else a place on the waitlist."""
    require(actor, "events.register", event)
    event = Event.objects.select_for_update().get(pk=event.pk)  # seats are counted one registration at a time
    if not registration_open(event):
        raise ValidationError(_("Registration for this event is closed."), code="closed")
    if event.registrations.filter(user=actor).exclude(status=RegistrationStatus.CANCELLED).exists():
        raise ValidationError(_("You are already registered for this event."), code="already_registered")
    cleaned = _clean_answers(event, answers or {})
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).exists()
    has_seat = event.capacity is None or (confirmed < event.capacity and not waiting)
    registration = Registration.objects.create(
        event=event,
        user=actor,
        name=(actor.get_full_name() or actor.email)[:300],
        email=actor.email,
        organisation=organisation,
        language=language or getattr(actor, "language", "") or "ru",
        status=RegistrationStatus.CONFIRMED if has_seat else RegistrationStatus.WAITLISTED,
    )
    Answer.objects.bulk_create(
        Answer(registration=registration, question_id=question_id, value=value)
        for question_id, value in cleaned.items()
    )
    key = "registration_confirmed" if has_seat else "registration_waitlisted"
    notify(event=f"events.{key}", recipients=[actor], context={"event": event, **_links(registration)}, target=event)
    return registration


def fill_seats(event: Event) -> list[Registration]:
    """Confirm the oldest waitlisted while there are seats (the caller holds the event's lock); tell each of them."""
    if event.capacity is None:
        waiting = list(event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk"))
    else:
        free = event.capacity - event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        if free <= 0:
            return []
        queue = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk")
        waiting = list(queue[:free])
    promoted = []
    for registration in waiting:
        promoted.append(transition(registration, "promote", actor=SYSTEM))
        if registration.user_id:
            notify(
                event="events.registration_promoted",
                recipients=[registration.user_id],
                context={"event": event, **_links(registration)},
                target=event,
            )
    return promoted


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> Registration:
    """Cancel a registration (its participant or the organisers); a freed seat goes to the oldest waitlisted."""
    require(actor, "events.cancel_registration", registration)
    event = Event.objects.select_for_update().get(pk=registration.event_id)  # the same lock order as register()
    cancelled = transition(registration, "cancel", actor=actor)
    if event.status == EventStatus.PUBLISHED:
        fill_seats(event)
    return cancelled


def waitlist_place(registration: Registration) -> int | None:
    """1 for the first on the waitlist, and so on; None unless waitlisted."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=RegistrationStatus.WAITLISTED).filter(
        Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def code_from(text: str) -> str:
    """The code typed, or taken from a scanned check-in link (…?code=…)."""
    text = (text or "").strip()
    if "code=" in text:
        values = parse_qs(urlsplit(text).query).get("code")
        if values:
            return values[0].strip()
    return text


@transaction.atomic
def check_in(*, actor, event: Event, code: str) -> tuple[Registration, bool]:
    """Mark the participant with this code as present; returns (registration, already checked in before).

    A code that is not one of this event's confirmed registrations is refused with one message, whatever the reason,
    so trying codes tells nothing about other events or people.
    """
    require(actor, "events.check_in", event)
    if event.status in (EventStatus.DRAFT, EventStatus.CANCELLED):
        raise ValidationError({"code": _("Check-in is only for a published or held event.")}, code="not_open")
    code = code_from(code)
    registration = None
    if 16 <= len(code) <= 64:
        registration = (
            Registration.objects.select_for_update()
            .filter(event=event, checkin_code=code)
            .select_related("event")
            .first()
        )
    if registration is None:
        raise ValidationError({"code": _("This code is not valid for this event.")}, code="invalid_code")
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError({"code": _("This registration was cancelled.")}, code="cancelled")
    if registration.status == RegistrationStatus.WAITLISTED:
        raise ValidationError(
            {"code": _("This person is on the waitlist, without a confirmed seat.")}, code="waitlisted"
        )
    if registration.checked_in_at is not None:
        return registration, True
    registration.checked_in_at = timezone.now()
    registration.save(update_fields=["checked_in_at"])
    return registration, False


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Remind each confirmed participant once of an event starting within 24 hours. Safe to run again (and at once):
    a registration is claimed by setting `reminded_at` where it is still empty, before the e-mail is queued."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        user__isnull=False,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + datetime.timedelta(hours=24),
    ).select_related("event")
    sent = 0
    for registration in due.iterator(chunk_size=500):
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now)
            if not claimed:
                continue
            notify(
                event="events.event_reminder",
                recipients=[registration.user_id],
                context={"event": registration.event, **_links(registration)},
                target=registration.event,
            )
            sent += 1
    return sent


@transaction.atomic
def erase_personal_data(*, user) -> None:
    """Erasing a user: their registrations keep only the count (status, times); name, e-mail and answers go."""
    registrations = Registration.objects.filter(user=user)
    Answer.objects.filter(registration__in=registrations).delete()
    for pk in registrations.values_list("pk", flat=True):
        Registration.objects.filter(pk=pk).update(user=None, name="—", email=f"erased-{pk}@invalid", organisation=None)
