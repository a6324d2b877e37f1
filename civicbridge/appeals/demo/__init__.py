"""Demo data of citizens' issues: routing rules for several oblasts, and for every regional meeting of the events demo
(else for four oblasts) 8–15 issues at every status, plus issues sent online — all through the appeals services.

Per place: new, accepted, in progress, answered (with the answer), declined (with the reason), one overdue, one merged
into another (coordinator), one hidden by a moderator (personal data in the text), anonymous ones, some with
consented contacts (one answered: its citizen has no account, so the e-mail carries the signed "not resolved" link);
online: one answered then reopened by its author ("not resolved"). Dates are moved back after the
steps (the issues were raised over the last months, answered days later), so the statistics have medians.

Responsible organisations: a state body or akimat of the registry in the region when there is one, else an active
organisation of that region, else the Ministry of Culture and Information (МКИ). Idempotent: an issue is found by
its title and meeting, a rule by its region and category.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F

DEPENDS_ON = ["registry", "accounts", "events"]

FALLBACK_REGIONS = ("KZ-55", "KZ-35", "KZ-63", "KZ-75")
DEMO_DOMAIN = "demo.civicbridge.kz"

# (key, title, text, category, status, days ago, days to answer, extras)
# status: new | accepted | in_progress | answered | declined | overdue | merged | hidden
ISSUES: tuple[tuple[str, str, str, str, str, int, int, dict], ...] = (
    (
        "lights",
        "Нет уличного освещения на улице Абая",
        "Вечером на улице Абая темно уже третий месяц, дети возвращаются из школы в темноте.",
        "housing",
        "answered",
        50,
        9,
        {"answer": "Освещение восстановлено подрядчиком акимата, установлено 14 новых светильников.", "name": "Айгуль"},
    ),
    (
        "bus",
        "Автобус до села ходит два раза в день",
        "Из села до районного центра автобус ходит только утром и вечером, в больницу не успеть.",
        "roads",
        "in_progress",
        12,
        0,
        {"anonymous": True},
    ),
    (
        "ramp",
        "Нет пандуса в районной поликлинике",
        "Люди на колясках не могут попасть в поликлинику: вход только по лестнице.",
        "health",
        "accepted",
        6,
        0,
        {"contact": True, "name": "Ерлан"},
    ),
    (
        "kindergarten",
        "Не хватает мест в детском саду",
        "Очередь в детский сад в микрорайоне — больше двух лет.",
        "education",
        "new",
        2,
        0,
        {"anonymous": True, "contact": True},
    ),
    (
        "landfill",
        "Стихийная свалка у реки",
        "На берегу реки за посёлком растёт свалка, весной мусор уносит водой.",
        "ecology",
        "answered",
        80,
        21,
        {
            "answer": "Свалка ликвидирована, установлены знаки и камера; рейды проводятся раз в месяц.",
            "name": "Марат",
            "contact": True,  # no account, consented e-mail: the answer's e-mail carries the "not resolved" link
        },
    ),
    (
        "grants-info",
        "Где узнать о грантах для сельских НКО",
        "Небольшие организации в сёлах не знают о конкурсах государственного социального заказа.",
        "ngo-support",
        "answered",
        35,
        5,
        {"answer": "Проведён семинар для сельских НКО; объявления о конкурсах публикуются на сайте управления."},
    ),
    (
        "heating",
        "Холодно в квартирах многоэтажки",
        "В доме по улице Ленина температура в квартирах ниже нормы с начала отопительного сезона.",
        "housing",
        "overdue",
        45,
        0,
        {"contact": True, "name": "Сауле"},
    ),
    (
        "heating-2",
        "Плохое отопление в доме на Ленина",
        "Батареи едва тёплые, жильцы дома на улице Ленина мёрзнут.",
        "housing",
        "merged",
        40,
        0,
        {"anonymous": True, "main": "heating"},
    ),
    (
        "stadium",
        "Построить стадион в каждом дворе",
        "Предлагаю построить большой стадион в каждом дворе города.",
        "culture-youth",
        "declined",
        30,
        4,
        {"reason": "Предложение вне полномочий акимата; передано в молодёжный ресурсный центр как идея."},
    ),
    (
        "pension",
        "Задержка пособия по уходу",
        "Моя соседка Иванова Мария Петровна, тел. +7 700 000 00 00, третий месяц не получает пособие.",
        "social",
        "hidden",
        10,
        0,
        {"public_text": "Жительница третий месяц не получает пособие по уходу."},
    ),
    (
        "legal-aid",
        "Бесплатная юридическая консультация для пожилых",
        "Пожилым людям негде получить бесплатную консультацию юриста по наследству и жилью.",
        "legal",
        "accepted",
        3,
        0,
        {"anonymous": True},
    ),
)

ONLINE: tuple[tuple[str, str, str, str, str, int, int, dict], ...] = (
    (
        "online-water",
        "Ржавая вода из крана",
        "Во всём микрорайоне из крана идёт ржавая вода, особенно по утрам.",
        "housing",
        "reopened",
        60,
        10,
        {
            "answer": "Проведена промывка сетей водоснабжения.",
            "reopen": "Вода по-прежнему ржавая, промывка не помогла.",
        },
    ),
    (
        "online-crossing",
        "Нужен пешеходный переход у школы",
        "Дети переходят дорогу у школы №12 без перехода и светофора.",
        "roads",
        "answered",
        25,
        12,
        {"answer": "Переход и светофор включены в план работ на текущий год, срок — август."},
    ),
    (
        "online-library",
        "Продлить часы работы библиотеки",
        "Сельская библиотека закрывается в пять вечера, работающие люди не успевают.",
        "culture-youth",
        "new",
        1,
        0,
        {},
    ),
)


class _Loader:
    def __init__(self, stdout: Any) -> None:
        from civicbridge.accounts.models import User

        self.stdout = stdout
        self.admin = User.objects.filter(email__iexact=f"admin@{DEMO_DOMAIN}").first()
        self.citizen = User.objects.filter(email__iexact=f"citizen@{DEMO_DOMAIN}").first()
        self.moderator = User.objects.filter(email__iexact=f"moderator@{DEMO_DOMAIN}").first() or self.admin
        self.made = {"issues": 0, "rules": 0}
        self.skipped: set[str] = set()
        self.by_key: dict[tuple[int | None, str], Any] = {}

    # --- places, organisations and rules ----------------------------------------------------------------------------

    def places(self) -> list[tuple[Any, Any, Any]]:
        """(event or None, country, region) of every regional meeting; the fallback oblasts when there is none."""
        from civicbridge.events.models import Event
        from civicbridge.registry.models import Country, Region

        try:
            from civicbridge.events.demo.meetings import regional_meetings

            meetings = list(regional_meetings())
        except (ImportError, AttributeError):
            meetings = list(Event.objects.filter(kind="regional_meeting").select_related("country", "region"))
        places = [(event, event.country or Country.objects.get(pk="KZ"), event.region) for event in meetings]
        if not places:
            places = [(None, region.country, region) for region in Region.objects.filter(code__in=FALLBACK_REGIONS)]
        return places

    def responsible_for(self, region) -> Any:
        from civicbridge.registry.choices import OrganisationKind, OrganisationStatus
        from civicbridge.registry.models import Organisation

        active = Organisation.objects.filter(status=OrganisationStatus.ACTIVE)
        mki = active.filter(short_name="МКИ", country_id="KZ").first()
        if region is None:
            return mki
        local = active.filter(region=region)
        return (
            local.filter(kind=OrganisationKind.STATE_BODY).order_by("id").first()
            or local.order_by("id").first()
            or mki
            or active.order_by("id").first()
        )

    def rule(self, region, organisation) -> None:
        from ..models import RoutingRule
        from ..services.routing import rule_save

        if organisation is None or region is None:
            return
        if RoutingRule.objects.filter(region=region, category__isnull=True, theme__isnull=True).exists():
            return
        rule_save(RoutingRule(region=region, country_id=region.country_id, responsible=organisation), actor=self.admin)
        self.made["rules"] += 1

    # --- issues -----------------------------------------------------------------------------------------------------

    def issue(self, spec, *, event, country, region, online: bool) -> None:
        from ..models import Appeal, Category
        from ..services.intake import IssueInput, appeal_record, appeal_submit

        key, title, text, category_code, status, ago, answer_days, extra = spec
        place = f" ({region.name})" if region is not None else ""
        title = f"{title}{place}"[:200]
        existing = Appeal.objects.filter(title=title, event=event).first()
        if existing is not None:
            self.by_key[(event.pk if event else None, key)] = existing
            return
        category = Category.objects.get(code=category_code)
        anonymous = bool(extra.get("anonymous"))
        contact = bool(extra.get("contact"))
        serial = self.made["issues"] + 1
        data = IssueInput(
            title=title,
            text=text,
            category=category,
            country=country,
            region=region,
            event=event,
            is_anonymous=anonymous,
            public_name="" if anonymous else extra.get("name", ""),
            consent=contact,
            contact_name="" if not contact or anonymous else extra.get("name", ""),
            contact_email=f"citizen-{serial}@example.kz" if contact else "",
            contact_phone=f"+7 700 555 01 {serial % 100:02d}" if contact else "",
        )
        if online and self.citizen is not None:
            appeal = appeal_submit(actor=self.citizen, data=data)
        else:
            appeal = appeal_record(actor=self.admin, data=data)
        self.by_key[(event.pk if event else None, key)] = appeal
        self.advance(appeal, status, extra, event)
        self.backdate(appeal, ago, answer_days)
        self.made["issues"] += 1

    def advance(self, appeal, status: str, extra: dict, event) -> None:
        from ..models import Appeal
        from ..services import lifecycle

        actor = self.admin
        fresh = lambda: Appeal.objects.get(pk=appeal.pk)  # noqa: E731 -- each step re-reads the stored status
        if (
            status in ("accepted", "in_progress", "answered", "overdue", "reopened", "declined")
            and appeal.responsible_id
        ):
            if status == "declined":
                lifecycle.appeal_decline(fresh(), actor=actor, reason=extra["reason"])
                return
            lifecycle.appeal_accept(fresh(), actor=actor)
            if status in ("in_progress", "answered", "reopened"):
                lifecycle.appeal_start(fresh(), actor=actor)
            if status in ("answered", "reopened"):
                lifecycle.appeal_answer(fresh(), actor=actor, answer=extra["answer"])
            if status == "reopened":
                lifecycle.appeal_reopen(fresh(), actor=self.citizen or actor, reason=extra["reopen"])
        elif status == "merged":
            main = self.by_key.get((event.pk if event else None, extra["main"]))
            try:
                from ..services.duplicates import appeal_merge
            except ImportError:
                self.skipped.add("merge")
                return
            if main is not None:
                appeal_merge(actor=actor, duplicate=fresh(), main=main)
        elif status == "hidden":
            try:
                from ..services.moderation import appeal_hide
            except ImportError:
                self.skipped.add("hide")
                return
            appeal_hide(
                actor=self.moderator,
                appeal=fresh(),
                reason="personal_data",
                note="Имя и телефон соседки в тексте.",
                public_text=extra.get("public_text"),
            )

    def backdate(self, appeal, ago: int, answer_days: int) -> None:
        """Move the issue's dates back `ago` days (raised then), its answer `answer_days` after it was raised."""
        from civicbridge.core.models import TransitionHistory

        from ..models import Appeal, Transfer

        shift = timedelta(days=ago)
        Appeal.objects.filter(pk=appeal.pk).update(
            created_at=F("created_at") - shift,
            updated_at=F("updated_at") - shift + timedelta(days=answer_days),
            due_at=F("due_at") - shift,
            accepted_at=F("accepted_at") - shift + timedelta(days=min(answer_days, 1)),
            answered_at=F("answered_at") - shift + timedelta(days=answer_days),
        )
        content_type = ContentType.objects.get_for_model(Appeal)
        history = TransitionHistory.objects.filter(content_type=content_type, object_id=appeal.pk)
        history.update(at=F("at") - shift)
        history.filter(action__in=["answer", "decline", "reopen"]).update(at=F("at") + timedelta(days=answer_days))
        Transfer.objects.filter(appeal=appeal).update(created_at=F("created_at") - shift)


def load(*, stdout: Any, rng: random.Random | None = None) -> None:
    """Load the demo issues (what is missing only). The data is fixed, so `rng` is not used."""
    loader = _Loader(stdout)
    if loader.admin is None:
        stdout.write("appeals: no demo administrator (load the accounts demo first); nothing loaded.")
        return
    places = loader.places()
    with transaction.atomic():
        for _event, _country, region in places:
            loader.rule(region, loader.responsible_for(region))
        for event, country, region in places:
            for spec in ISSUES:
                loader.issue(spec, event=event, country=country, region=region, online=False)
        for index, spec in enumerate(ONLINE):
            event, country, region = places[index % len(places)]
            loader.issue(spec, event=None, country=country, region=region, online=True)
    note = f" (skipped, service missing: {', '.join(sorted(loader.skipped))})" if loader.skipped else ""
    stdout.write(
        f"appeals: {len(places)} places, {loader.made['rules']} routing rules and {loader.made['issues']} issues "
        f"created{note}."
    )
