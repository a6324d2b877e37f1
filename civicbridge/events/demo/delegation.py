"""Demo: a delegation of Kazakh NGOs in Moscow in 2025 — ГАК and Kazakh NGOs of the registry demo, hosted by the
Civic Chamber of the Russian Federation — with its members and programme of visits, written through the services.

Idempotent: the event is found by its Russian title; members by person, visits by title.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from typing import Any

from civicbridge.accounts.models import User
from civicbridge.registry.choices import OrganisationKind
from civicbridge.registry.demo import SHOWCASE_NGO_BIN
from civicbridge.registry.models import Country, Organisation, Person, Region

from ..choices import DelegationRole, EventKind, EventStatus
from ..models import Delegation, Event
from ..services import delegations as services
from ..services import events as event_services

TITLE_RU = "Визит делегации НКО Казахстана в Общественную палату Российской Федерации"
MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
CHAMBER_RU = "Общественная палата Российской Федерации"
GAK_RU = "ОЮЛ «Гражданский альянс Казахстана»"
ADDRESS = "Москва, Миусская площадь, 7, стр. 1"


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2025, 6, day, hour, minute, tzinfo=MOSCOW)


def moderator() -> User | None:
    return User.objects.filter(email__iexact="moderator@demo.civicbridge.kz").first()


def kazakh_ngos(gak: Organisation, count: int = 3) -> list[Organisation]:
    """The showcase NGO and the next Kazakh NGOs of the registry demo, in a stable order."""
    ngos = Organisation.objects.filter(country_id="KZ", kind=OrganisationKind.NGO).exclude(pk=gak.pk)
    showcase = list(ngos.filter(bin=SHOWCASE_NGO_BIN))
    others = list(ngos.exclude(bin=SHOWCASE_NGO_BIN).order_by("id")[: count - len(showcase)])
    return showcase + others


def person_of(organisation: Organisation) -> Person | None:
    """Someone holding a post at the organisation (the first by id), if the registry demo has one."""
    return Person.objects.filter(positions__organisation=organisation).order_by("id").first()


def _event(actor, chamber: Organisation, gak: Organisation) -> Event:
    event = Event.objects.filter(kind=EventKind.DELEGATION_VISIT, title_ru=TITLE_RU).first()
    if event is not None:
        return event
    event = event_services.event_create(
        actor=actor,
        organisers=[chamber, gak],
        lead=chamber,
        kind=EventKind.DELEGATION_VISIT,
        fields={
            "title_ru": TITLE_RU,
            "title_kk": "Қазақстан ҮЕҰ делегациясының Ресей Федерациясы Қоғамдық палатасына сапары",
            "title_en": "Visit of a delegation of Kazakh NGOs to the Civic Chamber of the Russian Federation",
            "summary_ru": "Четыре дня в Москве: встречи в Общественной палате РФ, знакомство с практиками российских "
            "НКО и ресурсных центров, круглый стол о поддержке некоммерческого сектора.",
            "summary_kk": "Мәскеудегі төрт күн: РФ Қоғамдық палатасындағы кездесулер, ресейлік ҮЕҰ мен ресурстық "
            "орталықтардың тәжірибесі, коммерциялық емес секторды қолдау туралы дөңгелек үстел.",
            "summary_en": "Four days in Moscow: meetings at the Civic Chamber, Russian NGOs' practices and resource "
            "centres, a round table on support for the non-profit sector.",
            "address_ru": ADDRESS,
        },
        starts_at=at(16, 9),
        ends_at=at(19, 18),
        languages=["ru"],
        country=Country.objects.get(pk="RU"),
        region=Region.objects.filter(pk="RU-MOW").first(),
        venue="Общественная палата Российской Федерации",
        time_zone="Europe/Moscow",
        registration_enabled=False,
    )
    event = event_services.event_publish(actor=actor, event=event)
    return event_services.event_complete(actor=actor, event=event)


def load(*, stdout: Any, rng: random.Random | None = None) -> None:
    """Load the delegation visit if it is missing (idempotent)."""
    actor = moderator()
    chamber = Organisation.objects.filter(name_ru=CHAMBER_RU).first()
    gak = Organisation.objects.filter(name_ru=GAK_RU).first()
    if actor is None or chamber is None or gak is None:
        stdout.write("events: delegation visit skipped (the registry or accounts demo is missing).")
        return
    event = _event(actor, chamber, gak)
    if event.status == EventStatus.DRAFT:
        event = event_services.event_publish(actor=actor, event=event)
    ngos = kazakh_ngos(gak)
    existing = Delegation.objects.filter(event=event).first()
    if existing is None:
        delegation = services.delegation_save(
            actor=actor,
            event=event,
            hosts=[chamber],
            visitors=[gak, *ngos],
            fields={
                "purpose_ru": "Обмен опытом поддержки некоммерческого сектора: как устроены общественные палаты, "
                "гранты и ресурсные центры для НКО в России; договориться о совместных проектах.",
                "purpose_kk": "Коммерциялық емес секторды қолдау тәжірибесімен алмасу және бірлескен жобалар "
                "туралы келісу.",
                "purpose_en": "Sharing experience of support for the non-profit sector: how civic chambers, grants "
                "and resource centres for NGOs work in Russia; agreeing on joint projects.",
            },
        )
    else:
        delegation = existing
    _members(actor, delegation, gak, ngos)
    _visits(actor, delegation, chamber)
    stdout.write(
        f"events: delegation visit «{event.title_ru}» with {delegation.members.count()} members and "
        f"{delegation.visits.count()} visits."
    )


def _members(actor, delegation: Delegation, gak: Organisation, ngos: list[Organisation]) -> None:
    present = set(delegation.members.values_list("person_id", flat=True))
    head = Person.objects.filter(full_name_ru="Бану Нургазиева").first() or person_of(gak)
    wanted: list[tuple[Person | None, str, Organisation]] = [(head, DelegationRole.HEAD, gak)]
    for ngo in ngos:
        wanted.append((person_of(ngo), DelegationRole.MEMBER, ngo))
    other_gak = Person.objects.filter(positions__organisation=gak).exclude(pk=getattr(head, "pk", None)).first()
    if other_gak is not None:
        wanted.append((other_gak, DelegationRole.COORDINATOR, gak))
    for person, role, organisation in wanted:
        if person is None or person.pk in present:
            continue
        services.member_add(actor=actor, delegation=delegation, person=person, role=role, organisation=organisation)
        present.add(person.pk)


def _visits(actor, delegation: Delegation, chamber: Organisation) -> None:
    titles = set(delegation.visits.values_list("title_ru", flat=True))
    russian_ngos = list(
        Organisation.objects.filter(country_id="RU", kind=OrganisationKind.NGO, region_id="RU-MOW").order_by("id")[:2]
    ) or list(Organisation.objects.filter(country_id="RU", kind=OrganisationKind.NGO).order_by("id")[:2])
    programme = [
        (
            "Встреча в Комиссии по развитию некоммерческого сектора",
            "Meeting at the Commission for the Development of the Non-Profit Sector",
            chamber,
            at(16, 10),
            at(16, 13),
            ADDRESS,
            "Как Общественная палата проводит общественную экспертизу законопроектов о НКО.",
        ),
        (
            "Круглый стол «НКО Казахстана и России: опыт поддержки»",
            "Round table “NGOs of Kazakhstan and Russia: experience of support”",
            chamber,
            at(17, 11),
            at(17, 15),
            ADDRESS,
            "Участвуют члены Общественной палаты и региональных общественных палат.",
        ),
    ]
    for i, ngo in enumerate(russian_ngos):
        programme.append(
            (
                f"Знакомство с практиками: {ngo.name_ru}",
                f"Practices of {ngo.name_en or ngo.name_ru}",
                ngo,
                at(18, 10 + 4 * i),
                at(18, 13 + 4 * i),
                "Москва",
                "",
            )
        )
    programme.append(
        (
            "Подведение итогов визита и планирование совместных проектов",
            "Summing up the visit and planning joint projects",
            chamber,
            at(19, 10),
            at(19, 12, 30),
            ADDRESS,
            "",
        )
    )
    for title_ru, title_en, org, starts, ends, address, notes in programme:
        if title_ru in titles:
            continue
        services.visit_add(
            actor=actor,
            delegation=delegation,
            organisation=org,
            fields={"title_ru": title_ru, "title_en": title_en, "notes_ru": notes},
            starts_at=starts,
            ends_at=ends,
            address=address,
        )
