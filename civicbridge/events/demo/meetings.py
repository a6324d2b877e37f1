"""Demo: the Kazakhstan–Russia round table of the source report (the Civil Alliance of Kazakhstan and the Civic
Chamber of the Russian Federation, with the report's speakers), and meetings with citizens in five oblasts — three
held, two ahead (one of them full, with a waitlist). `regional_meetings()` gives the appeals demo the meetings to
attach citizens' issues to.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from ..choices import EventKind, EventStatus, QuestionKind
from ..models import Event
from .forum import (
    ALMATY,
    CHAMBER,
    GAK,
    MKI,
    EventSpec,
    SessionSpec,
    at,
    attend,
    ensure_event,
    find,
    guests,
    participant,
)
from .forum import register as register_through_service

ROUND_TABLE = EventSpec(
    kind=EventKind.ROUND_TABLE,
    title={
        "ru": "Круглый стол НПО Казахстана и России: обмен лучшими практиками",
        "kk": "Қазақстан мен Ресей ҮЕҰ дөңгелек үстелі: үздік тәжірибе алмасу",
        "en": "Round table of Kazakh and Russian NGOs: exchanging best practices",
    },
    summary={
        "ru": "Продолжение XII Гражданского форума: совместные интересы НПО двух стран, законопроект о НПО, "
        "меры поддержки некоммерческого сектора.",
        "kk": "XII Азаматтық форумның жалғасы: екі елдің ҮЕҰ ортақ мүдделері, ҮЕҰ туралы заң жобасы.",
        "en": "A follow-up to the XII Civil Forum: shared interests of the two countries' NGOs, the draft law on NGOs.",
    },
    organisers=(GAK, CHAMBER),
    starts=at(2026, 11, 26, 10),
    ends=at(2026, 11, 26, 14),
    region="KZ-71",
    address={"ru": "Астана, ул. Бейбітшілік, 10, конференц-зал", "kk": "Астана, Бейбітшілік к-сі, 10"},
    online_url="https://meet.civicbridge.kz/kz-ru-round-table",
    languages=("ru", "kk"),
    themes=("civic-participation",),
    capacity=60,
    sessions=(
        SessionSpec(
            {"ru": "Открытие: от Гражданского форума к совместной работе", "kk": "Ашылуы"},
            at(2026, 11, 26, 10),
            at(2026, 11, 26, 10, 45),
            "Конференц-зал",
            (("Бану Нургазиева", "moderator"), ("Елена Тополева-Солдунова", "speaker")),
        ),
        SessionSpec(
            {"ru": "Совместные интересы казахстанских и российских организаций", "kk": "Ортақ мүдделер"},
            at(2026, 11, 26, 11),
            at(2026, 11, 26, 12),
            "Конференц-зал",
            (("Ирина Смирнова", "speaker"),),
        ),
        SessionSpec(
            {"ru": "Меры поддержки НПО и законопроект о НПО", "kk": "ҮЕҰ-ды қолдау шаралары"},
            at(2026, 11, 26, 12, 15),
            at(2026, 11, 26, 14),
            "Конференц-зал",
            (("Елдар Сапаров", "speaker"), ("Бану Нургазиева", "speaker")),
        ),
    ),
)

ISSUE_QUESTION = (
    {"ru": "Какой вопрос вы хотите задать?", "en": "What would you like to ask?"},
    QuestionKind.TEXT,
    (),
    False,
)
SIGN_QUESTION = (
    {"ru": "Нужен ли вам сурдоперевод?", "en": "Do you need sign language?"},
    QuestionKind.YES_NO,
    (),
    True,
)


def _meeting(
    region: str, oblast: dict[str, str], city: dict[str, str], starts, capacity: int, topic: dict[str, str]
) -> EventSpec:
    """A meeting with citizens; `oblast`, `city` and `topic` give the Russian, Kazakh and English wording."""
    return EventSpec(
        kind=EventKind.REGIONAL_MEETING,
        title={
            "ru": f"Встреча с жителями: {oblast['ru']}",
            "kk": f"Тұрғындармен кездесу: {oblast['kk']}",
            "en": f"Meeting with residents: {oblast['en']}",
        },
        summary={
            "ru": f"Открытая встреча НПО и государственных органов с гражданами ({city['ru']}): {topic['ru']}. "
            "Вопросы принимаются в зале и заранее при регистрации.",
            "kk": f"ҮЕҰ мен мемлекеттік органдардың азаматтармен ашық кездесуі ({city['kk']}): {topic['kk']}. "
            "Сұрақтар залда және тіркелу кезінде алдын ала қабылданады.",
            "en": f"An open meeting of NGOs and state bodies with citizens ({city['en']}): {topic['en']}. "
            "Questions are taken in the hall and in advance when registering.",
        },
        organisers=(GAK, MKI),
        starts=starts,
        ends=starts.replace(hour=starts.hour + 3),
        region=region,
        address={
            "ru": f"{city['ru']}, областной дом дружбы, актовый зал",
            "kk": f"{city['kk']}, облыстық достық үйі, мәжіліс залы",
            "en": f"{city['en']}, regional House of Friendship, assembly hall",
        },
        languages=("ru", "kk"),
        themes=("civic-participation", "social-support"),
        capacity=capacity,
        sessions=(
            SessionSpec(
                {
                    "ru": "Вопросы граждан и ответы",
                    "kk": "Азаматтардың сұрақтары",
                    "en": "Citizens' questions and answers",
                },
                starts,
                starts.replace(hour=starts.hour + 3),
                "Актовый зал",
                (("Елдар Сапаров", "speaker"),),
            ),
        ),
        questions=(ISSUE_QUESTION, SIGN_QUESTION),
    )


def ahead(days: int, hour: int = 15) -> datetime.datetime:
    """`days` from today (in Almaty) at `hour`: the upcoming demo meetings stay ahead whenever the demo is loaded."""
    today = timezone.localtime(timezone.now(), ALMATY).date()
    return datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour), tzinfo=ALMATY)


def meetings() -> tuple[EventSpec, ...]:
    """The regional meetings: three held in autumn 2026 (real dates), two ahead of today (dates relative to it).
    A meeting is found again by its kind and Russian title, never by its date, so a second load adds nothing."""
    return (
        _meeting("KZ-55", {"ru": "Павлодарская область", "kk": "Павлодар облысы", "en": "Pavlodar Region"},
                 {"ru": "Павлодар", "kk": "Павлодар", "en": "Pavlodar"}, at(2026, 9, 18, 15), 200,
                 {"ru": "питьевая вода и экология", "kk": "ауыз су және экология",
                  "en": "drinking water and the environment"}),
        _meeting("KZ-35", {"ru": "Карагандинская область", "kk": "Қарағанды облысы", "en": "Karaganda Region"},
                 {"ru": "Караганда", "kk": "Қарағанды", "en": "Karaganda"}, at(2026, 10, 23, 15), 250,
                 {"ru": "социальная поддержка и доступная среда", "kk": "әлеуметтік қолдау және қолжетімді орта",
                  "en": "social support and accessibility"}),
        _meeting("KZ-61", {"ru": "Туркестанская область", "kk": "Түркістан облысы", "en": "Turkistan Region"},
                 {"ru": "Туркестан", "kk": "Түркістан", "en": "Turkistan"}, at(2026, 11, 13, 11), 300,
                 {"ru": "дороги, школы и молодёжь", "kk": "жолдар, мектептер және жастар",
                  "en": "roads, schools and young people"}),
        _meeting("KZ-39", {"ru": "Костанайская область", "kk": "Қостанай облысы", "en": "Kostanay Region"},
                 {"ru": "Костанай", "kk": "Қостанай", "en": "Kostanay"}, ahead(14), 150,
                 {"ru": "сельские НПО и государственный социальный заказ",
                  "kk": "ауылдық ҮЕҰ және мемлекеттік әлеуметтік тапсырыс",
                  "en": "rural NGOs and state social contracting"}),
        _meeting("KZ-63", {"ru": "Восточно-Казахстанская область", "kk": "Шығыс Қазақстан облысы",
                           "en": "East Kazakhstan Region"},
                 {"ru": "Усть-Каменогорск", "kk": "Өскемен", "en": "Ust-Kamenogorsk"}, ahead(45), 3,
                 {"ru": "качество воздуха", "kk": "ауа сапасы", "en": "air quality"}),
    )  # fmt: skip


def round_table() -> Event | None:
    return find(ROUND_TABLE)


def regional_meetings() -> list[Event]:
    """The demo meetings with citizens in the regions (held and ahead), by date; for the appeals demo."""
    found = [event for spec in meetings() if (event := find(spec)) is not None]
    return sorted(found, key=lambda event: event.starts_at)


def load(*, stdout, rng=None) -> None:
    done: dict[str, int] = {"events created": 0, "registrations created": 0}
    table = ensure_event(ROUND_TABLE, done)
    if table.status == EventStatus.COMPLETED:
        attend(table, guests(6), checked_in=6, done=done)
    people = guests(6)
    specs = meetings()
    for spec in specs:
        event = ensure_event(spec, done)
        if event.status == EventStatus.COMPLETED:
            attend(event, people, checked_in=4, done=done)
    kostanay, east = (find(spec) for spec in specs[3:5])
    me = participant()
    question, sign = ISSUE_QUESTION[0]["ru"], SIGN_QUESTION[0]["ru"]
    # A confirmed seat in Kostanay; the hall in Ust-Kamenogorsk is full (three seats), so the participant waits.
    register_through_service(kostanay, me, {question: "Когда отремонтируют дорогу до села?", sign: "no"}, done)
    for guest in people[:3]:
        register_through_service(east, guest, {sign: "no"}, done)
    register_through_service(east, me, {question: "Что делается с выбросами ТЭЦ?", sign: "no"}, done)
    stdout.write(f"events.meetings: {done['events created']} event(s), {done['registrations created']} registration(s)")
