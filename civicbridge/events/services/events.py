"""Writes of events: create and change an event, its organisers, programme (sessions and speakers) and registration
questions; publish, cancel (with a reason) and complete it. For the editors of an organiser organisation and
moderators; every write checks the rule, validates, and saves all or nothing.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from civicbridge.accounts.rules import is_admin_or_moderator, organisations_edited_by
from civicbridge.core.context import user_or_none
from civicbridge.core.permissions import require
from civicbridge.core.text import LANGUAGES
from civicbridge.core.workflow import transition
from civicbridge.notifications.services import notify
from civicbridge.registry.models import Country, Organisation, Person, Position, Region, Theme

from ..choices import EventKind, EventStatus, QuestionKind, RegistrationStatus, SpeakerRole
from ..models import Event, EventOrganiser, RegistrationQuestion, Session, Speaker
from .common import add_error, apply_texts

EVENT_TEXTS = ("title", "summary", "description", "series", "address")
EVENT_TEXT_FIELDS = frozenset(f"{name}_{lang}" for name in EVENT_TEXTS for lang in LANGUAGES)
SESSION_TEXT_FIELDS = frozenset(f"{name}_{lang}" for name in ("title", "description") for lang in LANGUAGES)
QUESTION_TEXT_FIELDS = frozenset(f"text_{lang}" for lang in LANGUAGES)
LIMITS = {"title": 300, "summary": 2000, "description": 20_000, "series": 200, "address": 300}


def _aware(value, field: str, errors: dict[str, list[str]]) -> None:
    if value is None:
        add_error(errors, field, _("Enter a date and time."))
    elif not isinstance(value, datetime.datetime) or value.tzinfo is None:
        add_error(errors, field, _("Enter a date and time with its time zone."))


def _check_event(event: Event, errors: dict[str, list[str]]) -> None:
    if event.kind not in EventKind.values:
        add_error(errors, "kind", _("Choose the kind of event."))
    if event.original_language not in LANGUAGES:
        add_error(errors, "original_language", _("Choose the language the text is written in."))
    elif not getattr(event, f"title_{event.original_language}", ""):
        add_error(errors, f"title_{event.original_language}", _("Enter the title in the language you write in."))
    for name, limit in LIMITS.items():
        for lang in LANGUAGES:
            if len(getattr(event, f"{name}_{lang}", "") or "") > limit:
                add_error(errors, f"{name}_{lang}", _("Too long (at most %(limit)s characters).") % {"limit": limit})
    languages = [str(code) for code in (event.languages or [])]
    if not languages:
        add_error(errors, "languages", _("Choose at least one language of the event."))
    elif set(languages) - set(LANGUAGES):
        add_error(errors, "languages", _("The event's languages are Russian, Kazakh and English."))
    event.languages = list(dict.fromkeys(languages))
    if event.kind == EventKind.FORUM and not event.series_number:
        add_error(
            errors, "series_number", _("A forum has its number in the series (for example 12 for the XII Forum).")
        )
    if event.country_id is None and not event.online_url:
        add_error(errors, "country", _("Give the place (country, region, address) or an online link."))
    if event.region_id is not None and event.country_id is not None and event.region.country_id != event.country_id:
        add_error(errors, "region", _("This region is not in the chosen country."))
    if event.region_id is not None and event.country_id is None:
        event.country_id = event.region.country_id
    _aware(event.starts_at, "starts_at", errors)
    _aware(event.ends_at, "ends_at", errors)
    if "starts_at" not in errors and "ends_at" not in errors and event.ends_at < event.starts_at:
        add_error(errors, "ends_at", _("The end cannot be before the start."))
    if event.registration_closes_at is not None and "ends_at" not in errors:
        if event.registration_closes_at.tzinfo is None:
            add_error(errors, "registration_closes_at", _("Enter a date and time with its time zone."))
        elif event.registration_closes_at > event.ends_at:
            add_error(errors, "registration_closes_at", _("Registration must close before the event ends."))
    try:
        zoneinfo.ZoneInfo(event.time_zone or "")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        add_error(errors, "time_zone", _("Choose a time zone (for example Asia/Almaty)."))
    if event.capacity is not None and event.capacity < 1:
        add_error(errors, "capacity", _("The capacity is at least one seat (leave it empty for unlimited)."))
    if errors:
        raise ValidationError(errors)
    # No assignment to the plain `title` etc.: modeltranslation would write it into the ACTIVE language's column (an
    # English request would put the Russian text into title_en). Texts go only into their `<field>_<lang>` columns;
    # the plain column is saved from them (the active language, with the fallbacks).


def _organisers(actor, organisers: Sequence[Organisation], errors: dict[str, list[str]]) -> list[Organisation]:
    organisers = list(dict.fromkeys(organisers))
    if not organisers:
        add_error(errors, "organisers", _("Choose at least one organiser."))
    elif not is_admin_or_moderator(actor) and not {org.pk for org in organisers} & organisations_edited_by(actor):
        add_error(errors, "organisers", _("One of the organisers must be an organisation you act for."))
    return organisers


def _set_organisers(event: Event, organisers: list[Organisation], lead: Organisation | None) -> None:
    lead = lead if lead in organisers else organisers[0]
    organisers = [lead, *(org for org in organisers if org != lead)]
    EventOrganiser.objects.filter(event=event).exclude(organisation__in=organisers).delete()
    existing = {link.organisation_id: link for link in EventOrganiser.objects.filter(event=event)}
    for order, organisation in enumerate(organisers):
        link = existing.get(organisation.pk) or EventOrganiser(event=event, organisation=organisation)
        link.is_lead, link.order = organisation == lead, order
        link.save()
    if hasattr(event, "_organiser_ids"):
        del event._organiser_ids


@transaction.atomic
def event_create(
    *,
    actor,
    organisers: Sequence[Organisation],
    kind: str,
    fields: dict[str, Any],
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    lead: Organisation | None = None,
    original_language: str = "ru",
    languages: Iterable[str] = ("ru",),
    series_number: int | None = None,
    themes: Iterable[Theme] = (),
    country: Country | None = None,
    region: Region | None = None,
    venue: str = "",
    online_url: str = "",
    time_zone: str = "Asia/Almaty",
    registration_enabled: bool = True,
    capacity: int | None = None,
    registration_closes_at: datetime.datetime | None = None,
) -> Event:
    """Prepare an event as a draft for organisations one of which the actor edits (moderators: any)."""
    require(actor, "events.add_event")  # edits some organisation, or a moderator; which ones is checked next
    errors: dict[str, list[str]] = {}
    organisers = _organisers(actor, organisers, errors)
    if lead is None and organisers:
        edited = organisations_edited_by(actor)
        lead = next((org for org in organisers if org.pk in edited), organisers[0])
    event = Event(
        kind=kind,
        original_language=original_language,
        languages=list(languages),
        series_number=series_number,
        country=country,
        region=region,
        venue=(venue or "").strip(),
        online_url=(online_url or "").strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        time_zone=time_zone,
        registration_enabled=bool(registration_enabled),
        capacity=capacity,
        registration_closes_at=registration_closes_at,
        created_by=user_or_none(actor),
    )
    apply_texts(event, fields, EVENT_TEXT_FIELDS)
    _check_event(event, errors)
    event.save()
    _set_organisers(event, organisers, lead)
    event.themes.set(list(themes))
    return event


@transaction.atomic
def event_update(
    *,
    actor,
    event: Event,
    fields: dict[str, Any] | None = None,
    organisers: Sequence[Organisation] | None = None,
    lead: Organisation | None = None,
    themes: Iterable[Theme] | None = None,
    **values: Any,
) -> Event:
    """Change an event; what is not passed stays as it is (the status changes only by publish/cancel/complete)."""
    require(actor, "events.change_event", event)
    allowed = {
        "kind",
        "original_language",
        "languages",
        "series_number",
        "country",
        "region",
        "venue",
        "online_url",
        "starts_at",
        "ends_at",
        "time_zone",
        "registration_enabled",
        "capacity",
        "registration_closes_at",
    }
    unknown = set(values) - allowed
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    event = Event.objects.select_for_update().get(pk=event.pk)
    errors: dict[str, list[str]] = {}
    if event.status in (EventStatus.CANCELLED, EventStatus.COMPLETED):
        raise ValidationError(_("A cancelled or completed event cannot be changed."), code="closed")
    apply_texts(event, fields or {}, EVENT_TEXT_FIELDS)
    for name, value in values.items():
        setattr(event, name, value.strip() if isinstance(value, str) and name != "languages" else value)
    if organisers is not None:
        organisers = _organisers(actor, organisers, errors)
    _check_event(event, errors)
    event.save()
    if organisers is not None:
        if lead is None:  # keep the lead organiser while it stays one
            current = event.organiser_links.filter(is_lead=True).values_list("organisation_id", flat=True).first()
            lead = next((org for org in organisers if org.pk == current), None)
        _set_organisers(event, organisers, lead)
    if themes is not None:
        event.themes.set(list(themes))
    if event.status == EventStatus.PUBLISHED:
        from .registration import fill_seats

        fill_seats(event)  # more seats (or unlimited now): the waitlist moves up
    return event


@transaction.atomic
def event_publish(*, actor, event: Event) -> Event:
    """Publish a draft: it appears in the public list and registration opens (if enabled)."""
    return transition(event, "publish", actor=actor)


@transaction.atomic
def event_complete(*, actor, event: Event) -> Event:
    """Mark a published event as held (its outcome can then be written)."""
    return transition(event, "complete", actor=actor)


@transaction.atomic
def event_cancel(*, actor, event: Event, reason: str) -> Event:
    """Cancel an event with a reason; everyone registered (confirmed or waitlisted) gets an e-mail."""
    event = transition(event, "cancel", actor=actor, reason=reason)
    recipients = list(
        event.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .exclude(user=None)
        .values_list("user_id", flat=True)
    )
    if recipients:
        notify(
            event="events.event_cancelled",
            recipients=recipients,
            context={"event": event, "reason": reason.strip()},
            target=event,
        )
    return event


# --- programme --------------------------------------------------------------------------------------------------------


def _check_session(session: Session, errors: dict[str, list[str]]) -> None:
    language = session.event.original_language
    if not getattr(session, f"title_{language}", "") and not any(
        getattr(session, f"title_{lang}", "") for lang in LANGUAGES
    ):
        add_error(errors, f"title_{language}", _("Enter the title of the session."))
    for lang in LANGUAGES:
        if len(getattr(session, f"title_{lang}", "") or "") > 300:
            add_error(errors, f"title_{lang}", _("Too long (at most %(limit)s characters).") % {"limit": 300})
    _aware(session.starts_at, "starts_at", errors)
    _aware(session.ends_at, "ends_at", errors)
    if "starts_at" not in errors and "ends_at" not in errors and session.ends_at < session.starts_at:
        add_error(errors, "ends_at", _("The end cannot be before the start."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_save(
    *,
    actor,
    event: Event,
    fields: dict[str, Any],
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    room: str = "",
    order: int = 0,
    session: Session | None = None,
) -> Session:
    """Add a session to the programme, or change one (`session` given)."""
    require(actor, "events.change_event", event)
    if session is not None and session.event_id != event.pk:
        raise ValidationError(_("This session belongs to another event."))
    session = session or Session(event=event)
    session.event = event
    apply_texts(session, fields, SESSION_TEXT_FIELDS)
    session.starts_at, session.ends_at = starts_at, ends_at
    session.room, session.order = (room or "").strip(), order or 0
    _check_session(session, {})
    session.save()
    return session


@transaction.atomic
def session_delete(*, actor, session: Session) -> None:
    require(actor, "events.change_event", session.event)
    session.delete()


@transaction.atomic
def speaker_add(
    *,
    actor,
    session: Session,
    person: Person,
    position: Position | None = None,
    role: str = SpeakerRole.SPEAKER,
    order: int | None = None,
) -> Speaker:
    """Add a registry person to a session, with the post they hold then; its wording is kept as it is now."""
    require(actor, "events.change_event", session.event)
    errors: dict[str, list[str]] = {}
    if position is None:  # the post they hold now (the latest one without an end)
        position = (
            person.positions.filter(end_date__isnull=True)
            .select_related("organisation")
            .order_by("-start_date", "-pk")
            .first()
        )
    if position is not None and position.person_id != person.pk:
        add_error(errors, "position", _("This position is not this person's."))
    if role not in SpeakerRole.values:
        add_error(errors, "role", _("Choose the speaker's role."))
    if session.speakers.filter(person=person).exists():
        add_error(errors, "person", _("This person already speaks in this session."))
    if errors:
        raise ValidationError(errors)
    title = ""
    if position is not None:
        title = f"{position.title}, {position.organisation}" if position.organisation_id else position.title
    if order is None:
        order = session.speakers.count()
    return Speaker.objects.create(
        session=session, person=person, position=position, position_title=title[:500], role=role, order=order
    )


@transaction.atomic
def speaker_remove(*, actor, speaker: Speaker) -> None:
    require(actor, "events.change_event", speaker.session.event)
    speaker.delete()


# --- registration questions -------------------------------------------------------------------------------------------


@transaction.atomic
def question_add(
    *,
    actor,
    event: Event,
    fields: dict[str, Any],
    kind: str = QuestionKind.TEXT,
    options: Iterable[str] = (),
    required: bool = False,
    order: int | None = None,
) -> RegistrationQuestion:
    """Add a question participants answer when they register (choices: give the options)."""
    require(actor, "events.change_event", event)
    errors: dict[str, list[str]] = {}
    question = RegistrationQuestion(event=event, kind=kind, required=bool(required))
    apply_texts(question, fields, QUESTION_TEXT_FIELDS)
    options = [str(option).strip() for option in options if str(option).strip()]
    question.options = list(dict.fromkeys(options))
    if kind not in QuestionKind.values:
        add_error(errors, "kind", _("Choose the kind of answer."))
    if kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE) and len(question.options) < 2:
        add_error(errors, "options", _("Give at least two options to choose from."))
    if kind not in (QuestionKind.CHOICE, QuestionKind.MULTIPLE):
        question.options = []
    if not any(getattr(question, f"text_{lang}", "") for lang in LANGUAGES):
        add_error(errors, f"text_{event.original_language}", _("Enter the question."))
    if errors:
        raise ValidationError(errors)
    question.order = event.questions.count() if order is None else order
    question.save()
    return question


@transaction.atomic
def question_delete(*, actor, question: RegistrationQuestion) -> None:
    """Remove a question (and its answers) — organisers do this before people register, as a rule."""
    require(actor, "events.change_event", question.event)
    question.delete()


__all__ = [
    "event_cancel",
    "event_complete",
    "event_create",
    "event_publish",
    "event_update",
    "question_add",
    "question_delete",
    "session_delete",
    "session_save",
    "speaker_add",
    "speaker_remove",
]
