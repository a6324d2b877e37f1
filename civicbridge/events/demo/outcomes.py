"""Demo: the outcomes of the XII Civil Forum of Kazakhstan and of the Kazakhstan–Russia round table of the report —
a closing report and resolutions and commitments at every status (one of them overdue) — written through the
services once the events demo created those events (found by kind and title; if absent, nothing is done and it says
so). Idempotent: a report is written once; commitments are found by their Russian text.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.db.models import Q

from civicbridge.registry.demo import SHOWCASE_NGO_BIN
from civicbridge.registry.models import Organisation

from ..choices import CommitmentKind, EventKind, EventStatus
from ..models import Commitment, Event, Outcome
from ..services import outcomes as services
from .delegation import CHAMBER_RU, GAK_RU, moderator

D = datetime.date

# (kind, text ru, text en, responsible key, due on, steps: [(action, reason)], done on)
FORUM_COMMITMENTS = [
    (
        CommitmentKind.RESOLUTION,
        "Рекомендовать Парламенту учесть предложения НПО при доработке законопроекта о правах, обязанностях и "
        "возможностях неправительственных организаций.",
        "Recommend that Parliament take the NGOs' proposals into account in the draft law on the rights, duties and "
        "opportunities of non-governmental organisations.",
        "parliament",
        None,
        [("start", "")],
        None,
    ),
    (
        CommitmentKind.COMMITMENT,
        "Вынести проект закона о НПО на публичное обсуждение на портале открытых НПА.",
        "Put the draft law on NGOs up for public consultation on the open legal acts portal.",
        "mki",
        D(2026, 12, 20),
        [("start", "")],
        None,
    ),
    (
        CommitmentKind.COMMITMENT,
        "Подготовить сводный доклад форума с предложениями НПО и направить его в Правительство.",
        "Prepare the forum's consolidated report with the NGOs' proposals and send it to the Government.",
        "gak",
        D(2026, 11, 15),
        [("start", ""), ("complete", "")],
        D(2026, 11, 12),
    ),
    (
        CommitmentKind.COMMITMENT,
        "Провести серию вебинаров для сельских НКО о государственном социальном заказе.",
        "Run a series of webinars for rural NGOs on state social contracting.",
        "ngo",
        D(2026, 11, 20),  # overdue, still planned
        [],
        None,
    ),
    (
        CommitmentKind.COMMITMENT,
        "Создать отдельный реестр грантов для НПО.",
        "Create a separate register of grants for NGOs.",
        "mki",
        D(2026, 11, 1),
        [("drop", "Эту задачу уже решает действующий портал государственных грантов.")],
        None,
    ),
    (
        CommitmentKind.COMMITMENT,
        "Организовать ответный визит делегации российских НКО в Астану.",
        "Organise a return visit of a delegation of Russian NGOs to Astana.",
        "chamber",
        D(2027, 4, 1),
        [],
        None,
    ),
]

ROUND_TABLE_COMMITMENTS = [
    (
        CommitmentKind.COMMITMENT,
        "Подготовить сравнительный обзор законодательства о некоммерческих организациях Казахстана и России.",
        "Prepare a comparative review of the laws on non-profit organisations of Kazakhstan and Russia.",
        "gak",
        D(2027, 2, 28),
        [("start", "")],
        None,
    ),
    (
        CommitmentKind.COMMITMENT,
        "Провести совместный вебинар по обмену практиками поддержки НКО.",
        "Hold a joint webinar sharing practices of support for NGOs.",
        "chamber",
        D(2027, 3, 15),
        [],
        None,
    ),
]

FORUM_SUMMARY = {
    "summary_ru": "XII Гражданский форум Казахстана собрал представителей НПО, государственных органов и "
    "международных партнёров. Обсуждались законопроект о НПО, государственный социальный заказ и "
    "сотрудничество с общественными палатами соседних стран. Приняты резолюция и обязательства участников.",
    "summary_kk": "Қазақстанның XII Азаматтық форумы ҮЕҰ, мемлекеттік органдар мен халықаралық серіктестердің "
    "өкілдерін жинады. ҮЕҰ туралы заң жобасы, мемлекеттік әлеуметтік тапсырыс және көрші елдердің қоғамдық "
    "палаталарымен ынтымақтастық талқыланды.",
    "summary_en": "The XII Civil Forum of Kazakhstan brought together NGOs, state bodies and international partners. "
    "It discussed the draft law on NGOs, state social contracting and cooperation with the civic chambers of "
    "neighbouring countries, and adopted a resolution and the participants' commitments.",
}

ROUND_TABLE_SUMMARY = {
    "summary_ru": "Участники круглого стола обсудили опыт поддержки НКО в Казахстане и России и договорились о "
    "сравнительном обзоре законодательства и совместном вебинаре.",
    "summary_kk": "Дөңгелек үстел қатысушылары Қазақстан мен Ресейдегі ҮЕҰ-ны қолдау тәжірибесін талқылады.",
    "summary_en": "The round table discussed experience of support for NGOs in Kazakhstan and Russia and agreed on a "
    "comparative review of the laws and a joint webinar.",
}


def _organisations() -> dict[str, Organisation | None]:
    return {
        "gak": Organisation.objects.filter(name_ru=GAK_RU).first(),
        "chamber": Organisation.objects.filter(name_ru=CHAMBER_RU).first(),
        "parliament": Organisation.objects.filter(name_ru="Парламент Республики Казахстан").first(),
        "mki": Organisation.objects.filter(short_name="МКИ", country_id="KZ").first(),
        "ngo": Organisation.objects.filter(bin=SHOWCASE_NGO_BIN).first(),
    }


def xii_forum() -> Event | None:
    """The XII Civil Forum of the events demo: a forum numbered 12 whose title names the Civil Forum."""
    return (
        Event.objects.filter(kind=EventKind.FORUM, series_number=12)
        .filter(Q(title_ru__icontains="Гражданский форум") | Q(series_ru__icontains="Гражданский форум"))
        .order_by("id")
        .first()
    )


def report_round_table(chamber: Organisation | None, gak: Organisation | None) -> Event | None:
    """The Kazakhstan–Russia round table of the report: a round table organised by ГАК and the Civic Chamber."""
    tables = Event.objects.filter(kind=EventKind.ROUND_TABLE).order_by("id")
    if chamber is not None and gak is not None:
        tables = tables.filter(organiser_links__organisation=chamber).filter(organiser_links__organisation=gak)
    return tables.filter(Q(title_ru__icontains="Казахстан") | Q(title_ru__icontains="Росси")).first()


def _outcome(actor, event: Event, summary: dict, present: list[Organisation], attendance: int | None) -> str:
    outcome = Outcome.objects.filter(event=event).first()
    if outcome is None:
        outcome = services.outcome_save(
            actor=actor,
            event=event,
            fields={f"summary_{lang}": summary[f"summary_{lang}"] for lang in ("ru", "kk", "en")},
            organisations_present=present,
            attendance=attendance,
        )
    if outcome.published_at is None and services.is_over(event) and not services.missing_summaries(outcome, event):
        services.outcome_publish(actor=actor, outcome=outcome)
        return "published"
    return "published" if outcome.published_at else "draft"


def _commitments(actor, event: Event, specs, orgs: dict[str, Organisation | None]) -> int:
    made = 0
    for kind, text_ru, text_en, key, due_on, steps, done_on in specs:
        responsible = orgs.get(key)
        if responsible is None or Commitment.objects.filter(event=event, text_ru=text_ru).exists():
            continue
        commitment = services.commitment_create(
            actor=actor,
            event=event,
            kind=kind,
            fields={"text_ru": text_ru, "text_en": text_en},
            responsible=responsible,
            due_on=due_on,
        )
        for action, reason in steps:
            commitment = services.commitment_act(
                actor=actor,
                commitment=commitment,
                action=action,
                reason=reason,
                done_on=done_on if action == "complete" else None,
            )
        made += 1
    return made


def load(*, stdout: Any, rng: random.Random | None = None) -> None:
    """Write the outcomes of the forum and the round table if they exist and lack them (idempotent)."""
    actor = moderator()
    orgs = _organisations()
    if actor is None or orgs["gak"] is None:
        stdout.write("events: outcomes skipped (the registry or accounts demo is missing).")
        return
    present = [org for org in orgs.values() if org is not None]
    for label, event, summary, specs, attendance in [
        ("XII Civil Forum", xii_forum(), FORUM_SUMMARY, FORUM_COMMITMENTS, None),
        (
            "Kazakhstan–Russia round table",
            report_round_table(orgs["chamber"], orgs["gak"]),
            ROUND_TABLE_SUMMARY,
            ROUND_TABLE_COMMITMENTS,
            45,
        ),
    ]:
        if event is None:
            stdout.write(f"events: no {label} in the demo data yet: its outcomes are not written.")
            continue
        if event.status in (EventStatus.DRAFT, EventStatus.CANCELLED):
            stdout.write(f"events: the {label} is a draft or cancelled: its outcomes are not written.")
            continue
        state = _outcome(actor, event, summary, present, attendance)
        made = _commitments(actor, event, specs, orgs)
        statuses = sorted(set(Commitment.objects.filter(event=event).values_list("status", flat=True)))
        stdout.write(
            f"events: outcomes of the {label}: report {state}, {made} commitments added "
            f"(statuses: {', '.join(statuses) or '—'})."
        )
