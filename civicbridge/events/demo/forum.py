"""Demo: the XII Civil Forum of Kazakhstan (October 2026, Astana), organised by the Civil Alliance of Kazakhstan —
held, with its programme and participants checked in. Also the helpers the other event demos share: the organiser
acting, registry lookups, an event built through the services and found again by its title, demo participants.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from civicbridge.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from civicbridge.accounts.models import User
from civicbridge.accounts.rules import organisations_edited_by
from civicbridge.accounts.services import user_register
from civicbridge.registry.models import Country, Organisation, Person, Position, Region, Theme

from ..choices import EventKind, EventStatus, RegistrationStatus
from ..models import Event, Registration
from ..services import events as services
from ..services import registration as registration_services

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
GAK = "ОЮЛ «Гражданский альянс Казахстана»"
CHAMBER = "Общественная палата Российской Федерации"
MKI = "Министерство культуры и информации Республики Казахстан"
PARTICIPANT_EMAIL = f"events-participant@{DEMO_DOMAIN}"


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ALMATY)


@dataclass
class SessionSpec:
    title: dict[str, str]
    starts: datetime.datetime
    ends: datetime.datetime
    room: str = ""
    speakers: tuple[tuple[str, str], ...] = ()  # (full name in Russian, "speaker" | "moderator")


@dataclass
class EventSpec:
    kind: str
    title: dict[str, str]
    summary: dict[str, str]
    organisers: tuple[str, ...]  # name_ru of registry organisations, the lead first
    starts: datetime.datetime
    ends: datetime.datetime
    region: str | None = "KZ-71"
    address: dict[str, str] = field(default_factory=dict)
    venue: str = ""
    online_url: str = ""
    languages: tuple[str, ...] = ("ru", "kk")
    themes: tuple[str, ...] = ("civic-participation",)
    series: dict[str, str] = field(default_factory=dict)
    series_number: int | None = None
    capacity: int | None = None
    sessions: tuple[SessionSpec, ...] = ()
    questions: tuple[tuple[dict[str, str], str, tuple[str, ...], bool], ...] = ()  # (text, kind, options, required)
    description: dict[str, str] = field(default_factory=dict)


def organisation(name_ru: str) -> Organisation:
    found = Organisation.objects.filter(name_ru=name_ru).order_by("pk").first()
    if found is None:
        raise LookupError(f"The registry demo data is missing {name_ru!r}: load it first.")
    return found


def organiser_actor() -> User:
    """The demo coordinator of the Civil Alliance (accounts demo): they prepare the events of its partnership."""
    user = User.objects.filter(email__iexact=f"coordinator@{DEMO_DOMAIN}").first()
    if user is None or organisation(GAK).pk not in organisations_edited_by(user):
        raise LookupError("The accounts demo data (coordinator of the Civil Alliance) is missing: load it first.")
    return user


def speaker(full_name_ru: str) -> tuple[Person, Position | None]:
    person = Person.objects.filter(full_name_ru=full_name_ru).order_by("pk").first()
    if person is None:
        raise LookupError(f"The registry demo data is missing the person {full_name_ru!r}: load it first.")
    return person, person.positions.select_related("organisation").order_by("end_date", "-start_date", "pk").first()


def demo_user(local: str, full_name: str) -> User:
    email = f"{local}@{DEMO_DOMAIN}"
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = user_register(email=email, password=DEMO_PASSWORD, full_name=full_name, consent_processing=True)
    return user


def participant() -> User:
    """The demo participant: a confirmed seat at one meeting and a place on the waitlist of another."""
    return demo_user("events-participant", "Демо: участник мероприятий")


def guests(count: int) -> list[User]:
    names = ("Айгерим Сапарова", "Ерлан Жумабаев", "Ольга Ким", "Данияр Нурланов", "Марина Петренко", "Асель Омарова")
    return [demo_user(f"events-guest-{n + 1}", f"Демо: {names[n % len(names)]}") for n in range(count)]


def _texts(prefix: str, values: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}_{lang}": text for lang, text in values.items()}


def find(spec: EventSpec) -> Event | None:
    return Event.objects.filter(kind=spec.kind, title_ru=spec.title["ru"]).order_by("pk").first()


def ensure_event(spec: EventSpec, done: dict[str, int]) -> Event:
    """The event of `spec`, created with its programme and questions and published (completed when over) if missing."""
    event = find(spec)
    if event is not None:
        return event
    actor = organiser_actor()
    region = Region.objects.get(pk=spec.region) if spec.region else None
    event = services.event_create(
        actor=actor,
        organisers=[organisation(name) for name in spec.organisers],
        kind=spec.kind,
        fields={
            **_texts("title", spec.title),
            **_texts("summary", spec.summary),
            **_texts("description", spec.description),
            **_texts("series", spec.series),
            **_texts("address", spec.address),
        },
        starts_at=spec.starts,
        ends_at=spec.ends,
        original_language="ru",
        languages=spec.languages,
        series_number=spec.series_number,
        themes=list(Theme.objects.filter(code__in=spec.themes)),
        country=region.country if region else Country.objects.get(pk="KZ"),
        region=region,
        venue=spec.venue,
        online_url=spec.online_url,
        time_zone="Asia/Almaty",
        capacity=spec.capacity,
    )
    for order, session_spec in enumerate(spec.sessions):
        session = services.session_save(
            actor=actor,
            event=event,
            fields=_texts("title", session_spec.title),
            starts_at=session_spec.starts,
            ends_at=session_spec.ends,
            room=session_spec.room,
            order=order,
        )
        for full_name, role in session_spec.speakers:
            person, position = speaker(full_name)
            services.speaker_add(actor=actor, session=session, person=person, position=position, role=role)
    for text, kind, options, required in spec.questions:
        services.question_add(
            actor=actor, event=event, fields=_texts("text", text), kind=kind, options=options, required=required
        )
    services.event_publish(actor=actor, event=event)
    if spec.ends < timezone.now():
        services.event_complete(actor=actor, event=event)
    done["events created"] += 1
    return Event.objects.get(pk=event.pk)


def attend(event: Event, users: list[User], *, checked_in: int, done: dict[str, int]) -> None:
    """Registrations of a past event as they were: confirmed seats, the first `checked_in` of them checked in.

    (Registration through the service is closed once an event is over, so the record of a held one is written here.)
    """
    for index, user in enumerate(users):
        if Registration.objects.filter(event=event, user=user).exists():
            continue
        Registration.objects.create(
            event=event,
            user=user,
            name=user.full_name or user.email,
            email=user.email,
            language="ru",
            status=RegistrationStatus.CONFIRMED,
            checked_in_at=event.starts_at + datetime.timedelta(minutes=5 + index) if index < checked_in else None,
        )
        done["registrations created"] += 1


def register(event: Event, user: User, answers: dict[Any, Any], done: dict[str, int]) -> Registration | None:
    """A registration through the service while registration is open (idempotent by the user)."""
    existing = Registration.objects.filter(event=event, user=user).exclude(status=RegistrationStatus.CANCELLED)
    if existing.exists() or not registration_services.registration_open(event):
        return existing.first()
    by_text = {question.text_ru: question.pk for question in event.questions.all()}
    registration = registration_services.register(
        actor=user, event=event, answers={by_text[text]: value for text, value in answers.items() if text in by_text}
    )
    done["registrations created"] += 1
    return registration


FORUM = EventSpec(
    kind=EventKind.FORUM,
    title={
        "ru": "XII Гражданский форум Казахстана",
        "kk": "XII Қазақстан Азаматтық форумы",
        "en": "XII Civil Forum of Kazakhstan",
    },
    summary={
        "ru": "Главная площадка диалога НПО, государства и бизнеса: итоги года, законопроект о НПО, меры поддержки.",
        "kk": "ҮЕҰ, мемлекет және бизнес диалогының басты алаңы: жыл қорытындысы, ҮЕҰ туралы заң жобасы.",
        "en": "The main meeting of NGOs, the state and business: the year's results, the draft law on NGOs, support.",
    },
    description={
        "ru": "Форум проводится ОЮЛ «Гражданский альянс Казахстана». В программе — пленарное заседание и секции "
        "по законодательству о НПО, государственному социальному заказу и международному сотрудничеству.",
    },
    series={
        "ru": "Гражданский форум Казахстана",
        "kk": "Қазақстан Азаматтық форумы",
        "en": "Civil Forum of Kazakhstan",
    },
    series_number=12,
    organisers=(GAK,),
    starts=at(2026, 10, 8, 10),
    ends=at(2026, 10, 9, 18),
    region="KZ-71",
    address={"ru": "Астана, пр. Тәуелсіздік, 52, Дворец Независимости", "kk": "Астана, Тәуелсіздік даңғ., 52"},
    venue="Дворец Независимости",
    languages=("ru", "kk", "en"),
    themes=("civic-participation", "social-support"),
    capacity=800,
    sessions=(
        SessionSpec(
            {"ru": "Пленарное заседание «Гражданское общество: итоги и приоритеты»", "kk": "Пленарлық отырыс"},
            at(2026, 10, 8, 10),
            at(2026, 10, 8, 12, 30),
            "Большой зал",
            (("Бану Нургазиева", "moderator"), ("Елдар Сапаров", "speaker")),
        ),
        SessionSpec(
            {"ru": "Секция «Законопроект о правах и возможностях НПО»", "kk": "ҮЕҰ туралы заң жобасы секциясы"},
            at(2026, 10, 8, 14),
            at(2026, 10, 8, 16),
            "Зал 2",
            (("Ирина Смирнова", "speaker"),),
        ),
        SessionSpec(
            {"ru": "Секция «Международное сотрудничество НПО»", "en": "International cooperation of NGOs"},
            at(2026, 10, 9, 10),
            at(2026, 10, 9, 12),
            "Зал 3",
            (("Елена Тополева-Солдунова", "speaker"),),
        ),
    ),
)


def forum() -> Event | None:
    """The XII Civil Forum (for the other demos: outcomes, appeals)."""
    return find(FORUM)


def load(*, stdout, rng=None) -> None:
    done: dict[str, int] = {"events created": 0, "registrations created": 0}
    event = ensure_event(FORUM, done)
    if event.status == EventStatus.COMPLETED:
        attend(event, [*guests(6), participant()], checked_in=5, done=done)
    stdout.write(f"events.forum: {done['events created']} event(s), {done['registrations created']} registration(s)")
