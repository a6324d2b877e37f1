"""Demo data of state support: three calls at three moments of their life, written through the grants services.

- «Государственные гранты для НПО — 2026» (national, Kazakhstan): the whole cycle is over — applications screened
  (one from Russia is not eligible, one was withdrawn), two expert reviews each, ranked per band, decided (awarded up
  to the budget, two on the waiting list, the rest rejected), results published, agreements signed and reports at
  every stage (accepted, returned for revision, overdue).
- «Казахстанско-российские партнёрства НПО — 2026» (cross-border): in expert review — some reviews submitted, some
  still open (the demo expert has work waiting), one application's two reviews diverge, so a third expert was called.
- «Малые гранты для сельских НПО — 2027» (national): open now; a few applications are in, the showcase NGO has a
  draft its demo representative can finish and submit.

Each call is created whole or not at all; a call whose code exists is left alone, so a second run writes nothing.
The services refuse to accept applications to a closed call, so a finished round is played while its call is open and
its dates are then moved into the past (with the submission instants), as if it had happened months ago.
Every organisation, person and number here is fictional except the state bodies and networks of the source report.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from civicbridge.accounts.choices import Role
from civicbridge.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from civicbridge.accounts.models import Membership, User
from civicbridge.accounts.services import user_register
from civicbridge.registry.demo import SHOWCASE_NGO_BIN
from civicbridge.registry.models import Country, Organisation, Theme

from .choices import ApplicationStatus, BudgetCategory, Currency, Instrument, Level, Outcome, ReportKind, ReviewStatus
from .models import Application, Call, Programme, Report, Review
from .services import agreements, applications, assignment, calls, decisions, eligibility, experts, ranking, reviews

DEPENDS_ON = ["registry", "accounts"]

NATIONAL, CROSS, OPEN = "kz-2026-ngo", "kz-ru-2026", "kz-2027-rural"
PROTOCOL = "№ 14-2026"


@dataclass(frozen=True)
class Project:
    """A demo project idea: what it is for, whom, one task, one indicator, its themes."""

    title: str
    problem: str
    target_groups: str
    goal: str
    task: str
    indicator: str
    unit: str
    target: int
    themes: tuple[str, ...]


PROJECTS = (
    Project(
        "Инклюзивный летний лагерь «Вместе»",
        "Детям с инвалидностью негде отдохнуть вместе со сверстниками.",
        "Дети 7–14 лет с инвалидностью и без, их родители",
        "Создать инклюзивную среду летнего отдыха.",
        "Провести две инклюзивные смены",
        "Дети, прошедшие смены",
        "чел.",
        60,
        ("inclusion", "children-youth"),
    ),
    Project(
        "Школа фандрайзинга для сельских НПО",
        "Сельские НПО живут на одном гранте и не умеют искать деньги.",
        "Руководители сельских НПО",
        "Научить НПО собирать средства из нескольких источников.",
        "Провести курс из шести модулей",
        "НПО, запустившие сбор средств",
        "орг.",
        25,
        ("fundraising",),
    ),
    Project(
        "Волонтёрский центр при колледже",
        "Студенты хотят помогать, но не знают, куда прийти.",
        "Студенты колледжей, пожилые люди района",
        "Создать постоянный волонтёрский центр.",
        "Открыть центр и обучить координаторов",
        "Активные волонтёры",
        "чел.",
        120,
        ("volunteering", "children-youth"),
    ),
    Project(
        "Чистые берега Иртыша",
        "Берега реки в черте города завалены мусором.",
        "Жители прибрежных микрорайонов",
        "Очистить берег и наладить раздельный сбор.",
        "Провести 10 субботников",
        "Собрано отходов",
        "т",
        15,
        ("ecology", "volunteering"),
    ),
    Project(
        "Правовая помощь пожилым на селе",
        "Пожилые люди в сёлах не получают положенных льгот.",
        "Пенсионеры сельских округов",
        "Дать бесплатные юридические консультации.",
        "Организовать выездные приёмы юристов",
        "Проведено консультаций",
        "конс.",
        400,
        ("elderly", "human-rights"),
    ),
    Project(
        "Доступная среда: аудит городских объектов",
        "Многие поликлиники и школы недоступны для колясок.",
        "Люди с инвалидностью, родители с колясками",
        "Проверить доступность и добиться исправлений.",
        "Проверить 80 объектов по единой методике",
        "Исправленные объекты",
        "объект",
        20,
        ("inclusion", "health"),
    ),
    Project(
        "Наставничество для выпускников детских домов",
        "Выпускникам детских домов трудно начать взрослую жизнь.",
        "Выпускники организаций для детей-сирот 17–23 лет",
        "Дать каждому участнику наставника на год.",
        "Подобрать и обучить наставников",
        "Пары наставник–выпускник",
        "пара",
        40,
        ("children-youth", "social-support"),
    ),
    Project(
        "Эко-классы в сельских школах",
        "Сельские школьники мало знают о сортировке отходов и экономии воды.",
        "Школьники 5–9 классов",
        "Провести экологические уроки и проекты.",
        "Провести уроки в 30 школах",
        "Школы с эко-проектами",
        "школа",
        30,
        ("ecology", "education"),
    ),
    Project(
        "Психологическая поддержка семей в кризисе",
        "Семьи в кризисе не знают, куда обратиться за помощью.",
        "Семьи, потерявшие работу или жильё",
        "Открыть бесплатную линию и группы поддержки.",
        "Запустить телефонную линию",
        "Семьи, получившие помощь",
        "семья",
        300,
        ("social-support", "health"),
    ),
    Project(
        "Цифровая грамотность 60+",
        "Пожилые люди не могут пользоваться электронными госуслугами.",
        "Люди старше 60 лет",
        "Научить пользоваться госуслугами онлайн.",
        "Провести курсы в библиотеках",
        "Выпускники курсов",
        "чел.",
        500,
        ("elderly", "education"),
    ),
    Project(
        "Волонтёры-переводчики жестового языка",
        "Глухим людям не хватает переводчиков в больницах и судах.",
        "Глухие и слабослышащие люди",
        "Подготовить волонтёров-переводчиков.",
        "Обучить 30 волонтёров",
        "Часы перевода",
        "ч",
        2000,
        ("inclusion", "volunteering"),
    ),
    Project(
        "Городской фудшеринг",
        "Излишки еды выбрасываются, а малоимущие семьи голодают.",
        "Малоимущие семьи, кафе и магазины",
        "Передавать излишки еды нуждающимся.",
        "Подключить 40 точек и наладить развоз",
        "Передано продуктов",
        "т",
        60,
        ("social-support", "ecology"),
    ),
    Project(
        "Мастерская социального предпринимательства",
        "НПО зависят от грантов и не зарабатывают сами.",
        "Сотрудники НПО, социальные предприниматели",
        "Помочь НПО открыть доходную деятельность.",
        "Провести акселератор на 12 недель",
        "Запущенные социальные предприятия",
        "ед.",
        10,
        ("fundraising", "social-support"),
    ),
    Project(
        "Школа молодых лидеров гражданского общества",
        "Молодёжь мало участвует в жизни своих сёл.",
        "Молодёжь 16–25 лет из сельских районов",
        "Подготовить молодых лидеров местных инициатив.",
        "Провести выездную школу",
        "Реализованные молодёжные инициативы",
        "ед.",
        15,
        ("children-youth", "education"),
    ),
    Project(
        "Реабилитация детей с РАС",
        "Очереди на реабилитацию детей с аутизмом — до года.",
        "Дети с расстройствами аутистического спектра, их семьи",
        "Открыть группы дневного пребывания.",
        "Открыть две группы",
        "Дети, прошедшие курс",
        "чел.",
        45,
        ("inclusion", "health"),
    ),
    Project(
        "Зелёный двор",
        "Дворы спальных районов без деревьев и мест для отдыха.",
        "Жители многоэтажных домов",
        "Озеленить дворы вместе с жителями.",
        "Высадить деревья в 12 дворах",
        "Высажено деревьев",
        "шт.",
        600,
        ("ecology", "volunteering"),
    ),
    Project(
        "Мост дружбы: обмен волонтёрами Казахстан–Россия",
        "НПО приграничных регионов почти не знают друг друга.",
        "Волонтёры и координаторы НПО приграничных регионов",
        "Провести обмены волонтёрами и перенять практики.",
        "Организовать шесть обменов",
        "Перенятые практики",
        "практика",
        12,
        ("volunteering", "inclusion"),
    ),
    Project(
        "Общая методика инклюзивного образования",
        "Школам двух стран не хватает проверенных методик инклюзии.",
        "Учителя и родители детей с особыми потребностями",
        "Составить и проверить общую методику.",
        "Провести пилот в 10 школах",
        "Школы, внедрившие методику",
        "школа",
        10,
        ("inclusion", "education"),
    ),
    Project(
        "Трансграничный экомарафон «Урал–Жайык»",
        "Река Урал (Жайык) загрязняется по обе стороны границы.",
        "Жители прибрежных районов Казахстана и России",
        "Объединить жителей для очистки реки.",
        "Провести марафон в 8 населённых пунктах",
        "Очищено берега",
        "км",
        40,
        ("ecology", "volunteering"),
    ),
    Project(
        "Академия фандрайзинга для НКО двух стран",
        "НКО не используют краудфандинг и корпоративных доноров.",
        "Сотрудники НКО Казахстана и России",
        "Обучить НКО современным способам сбора средств.",
        "Провести онлайн-академию",
        "Сумма привлечённых средств",
        "млн тг",
        50,
        ("fundraising",),
    ),
)


def _themes() -> dict[str, Theme]:
    return {t.code: t for t in Theme.objects.all()}


def _user(local: str, full_name: str) -> User:
    """A demo user (found by e-mail, created with the shared demo password and the processing consent)."""
    email = f"{local}@{DEMO_DOMAIN}"
    user = User.objects.filter(email__iexact=email).first()
    return user or user_register(email=email, password=DEMO_PASSWORD, full_name=full_name, consent_processing=True)


def _representative(org: Organisation, number: int) -> User:
    """The demo NGO representative of an applicant (the showcase NGO's is the accounts demo's `ngo` user)."""
    if org.bin == SHOWCASE_NGO_BIN:
        return User.objects.get(email__iexact=f"ngo@{DEMO_DOMAIN}")
    user = _user(f"applicant-{number:02d}", f"Демо: представитель {org.short_name or org.name_ru[:40]}")
    Membership.objects.get_or_create(user=user, role=Role.REPRESENTATIVE, organisation=org)
    return user


class _Demo:
    """Builds the calls; holds the actors, the pool and the random generator."""

    def __init__(self, rng: random.Random, stdout: Any):
        self.rng, self.stdout = rng, stdout
        self.now = timezone.now()
        self.themes = _themes()
        self.operator = User.objects.filter(email__iexact=f"operator@{DEMO_DOMAIN}").first()
        mki = Organisation.objects.filter(short_name="МКИ", country="KZ").first()
        gak = Organisation.objects.filter(short_name="ГАК", country="KZ").first()
        if self.operator is None or mki is None or gak is None:
            raise LookupError("The registry and accounts demo data are missing: load them first.")
        self.mki, self.gak = mki, gak
        self.kz_ngos = list(
            Organisation.objects.filter(country="KZ", kind="ngo", region__isnull=False)
            .exclude(bin=SHOWCASE_NGO_BIN)
            .exclude(registered_on__gt=date.today() - timedelta(days=400))
            .order_by("bin")[:40]
        )
        self.ru_ngos = list(
            Organisation.objects.filter(country="RU", kind="ngo", region__isnull=False).order_by("ogrn", "id")[:12]
        )
        self.showcase = Organisation.objects.get(bin=SHOWCASE_NGO_BIN)
        self.rep_number = 0
        self.reps: dict[int, User] = {}

    # --- people ---------------------------------------------------------------------------------------------

    def rep(self, org: Organisation) -> User:
        if org.pk not in self.reps:
            self.rep_number += 1
            self.reps[org.pk] = _representative(org, self.rep_number)
        return self.reps[org.pk]

    def pool(self) -> list[User]:
        """The demo expert and eleven more, with themes and languages; the pool is shared by every call."""
        names = [
            "Айгерим Садыкова",
            "Ерлан Жумабаев",
            "Ольга Петренко",
            "Нурлан Абенов",
            "Марина Ковалёва",
            "Асель Тлеубаева",
            "Дмитрий Орлов",
            "Гульмира Есенова",
            "Сергей Волков",
            "Жанар Мухамеджанова",
            "Татьяна Белова",
        ]
        codes = list(self.themes)
        users = [User.objects.get(email__iexact=f"expert@{DEMO_DOMAIN}")]
        users += [_user(f"expert-{i:02d}", f"Демо: эксперт {name}") for i, name in enumerate(names, 1)]
        for i, user in enumerate(users):
            if hasattr(user, "expert_profile"):
                continue
            experts.expert_profile_save(
                actor=self.operator,
                user=user,
                languages=["ru", "kk"] if i % 3 else ["ru", "kk", "en"],
                max_load=25,
                themes=[self.themes[codes[(i + k) % len(codes)]] for k in range(3)],
            )
        return users

    # --- programmes and calls -------------------------------------------------------------------------------

    def programme(self, name_ru: str, name_kk: str, name_en: str, **fields: Any) -> Programme:
        existing = Programme.objects.filter(name_ru=name_ru).first()
        if existing is not None:
            return existing
        return calls.programme_create(actor=self.operator, name_ru=name_ru, name_kk=name_kk, name_en=name_en, **fields)

    def call(self, programme: Programme, code: str, names: tuple[str, str, str], **fields: Any) -> Call:
        bands = fields.pop("bands")
        call = calls.call_create(
            actor=self.operator,
            programme=programme,
            code=code,
            name_ru=names[0],
            name_kk=names[1],
            name_en=names[2],
            opens_at=self.now - timedelta(days=1),
            closes_at=self.now + timedelta(hours=2),
            submission_languages=["ru", "kk"],
            min_cofinancing_percent=Decimal(10),
            rubric_preset="ten",
            bands=bands,
            terms=[
                {
                    "name_ru": "Краткосрочный",
                    "name_kk": "Қысқа мерзімді",
                    "name_en": "Short-term",
                    "min_months": 3,
                    "max_months": 12,
                },
                {
                    "name_ru": "Среднесрочный",
                    "name_kk": "Орта мерзімді",
                    "name_en": "Medium-term",
                    "min_months": 13,
                    "max_months": 24,
                },
            ],
            documents=[
                {
                    "code": "charter",
                    "name_ru": "Устав организации",
                    "name_kk": "Ұйымның жарғысы",
                    "name_en": "Charter of the organisation",
                    "mandatory": False,
                },
            ],
            **fields,
        )
        return calls.call_publish(actor=self.operator, call=call)

    # --- applications ---------------------------------------------------------------------------------------

    def apply(self, call: Call, org: Organisation, project: Project, *, size: Decimal, submit: bool = True):
        """A complete application for `size` requested, 15–30 % co-financing, 6–11 months; submitted unless told."""
        user = self.rep(org)
        application = applications.application_create(actor=user, call=call, organisation=org, title=project.title)
        starts = date.today() + timedelta(days=60 + self.rng.randint(0, 30))
        months = self.rng.randint(6, 11)
        ends = starts + timedelta(days=30 * months)
        share = Decimal(self.rng.choice([15, 20, 25, 30])) / 100
        # Whole units, so that unit cost × quantity is exactly the line's total.
        staff_unit = (size * Decimal("0.6") / months).quantize(Decimal("1000"))
        staff = staff_unit * months
        events = size - staff
        rent_unit = (size * share / months).quantize(Decimal("1000"))
        cofinancing = rent_unit * months
        applications.application_save_draft(
            actor=user,
            application=application,
            version=application.version,
            summary=f"{project.goal} {project.task}.",
            problem=project.problem,
            target_groups=project.target_groups,
            goal=project.goal,
            region=org.region,
            starts_on=starts,
            ends_on=ends,
            themes=[self.themes[c] for c in project.themes if c in self.themes],
            tasks=[{"text": project.task}, {"text": "Рассказать о результатах и передать опыт другим НПО"}],
            activities=[
                {
                    "title": "Подготовка и набор участников",
                    "starts_on": starts,
                    "ends_on": starts + timedelta(days=30),
                    "task": 1,
                },
                {
                    "title": project.task,
                    "starts_on": starts + timedelta(days=31),
                    "ends_on": ends - timedelta(days=15),
                    "task": 1,
                },
                {
                    "title": "Итоговая конференция и отчёт",
                    "starts_on": ends - timedelta(days=14),
                    "ends_on": ends,
                    "task": 2,
                },
            ],
            indicators=[
                {"name": project.indicator, "unit": project.unit, "target": project.target},
                {"name": "Публикации о проекте в СМИ", "unit": "шт.", "target": 10},
            ],
            team=[
                {"full_name": "Руководитель проекта (демо)", "role": "руководитель проекта"},
                {"full_name": "Бухгалтер (демо)", "role": "бухгалтер"},
            ],
            budget_lines=[
                {
                    "category": BudgetCategory.STAFF,
                    "item": "Оплата труда команды проекта",
                    "unit_cost": staff_unit,
                    "quantity": months,
                    "requested": staff,
                    "cofinancing": 0,
                },
                {
                    "category": BudgetCategory.EVENTS,
                    "item": "Проведение мероприятий",
                    "unit_cost": events,
                    "quantity": 1,
                    "requested": events,
                    "cofinancing": 0,
                },
                {
                    "category": BudgetCategory.ADMIN,
                    "item": "Аренда офиса (вклад организации)",
                    "unit_cost": rent_unit,
                    "quantity": months,
                    "requested": 0,
                    "cofinancing": cofinancing,
                },
            ],
        )
        if submit:
            application = applications.application_submit(actor=user, application=application)
        return application

    def backdate(self, call: Call, *, opened: int, closed: int) -> None:
        """Move a finished round's dates `opened`/`closed` days into the past, with its submission instants."""
        opens = self.now - timedelta(days=opened)
        closes = self.now - timedelta(days=closed)
        Call.objects.filter(pk=call.pk).update(
            opens_at=opens, closes_at=closes, review_deadline=closes + timedelta(days=21)
        )
        span = (closes - opens).total_seconds()
        for pk in call.applications.filter(submitted_at__isnull=False).order_by("id").values_list("pk", flat=True):
            moment = opens + timedelta(seconds=span * (0.2 + 0.75 * self.rng.random()))
            Application.objects.filter(pk=pk).update(submitted_at=moment)
        call.refresh_from_db()

    # --- review ---------------------------------------------------------------------------------------------

    def review(self, review: Review, quality: float, *, submit: bool = True) -> None:
        """Marks around the application's `quality` (0–10), with a comment per criterion."""
        criteria = list(review.application.call.criteria.all())
        marks = {}
        for criterion in criteria:
            value = round(min(criterion.scale_max, max(criterion.scale_min, quality + self.rng.uniform(-1.5, 1.5))))
            comment = self.rng.choice(
                [
                    "Обосновано, с опорой на данные.",
                    "Есть сильные стороны, но не хватает деталей.",
                    "Реалистично при указанных ресурсах.",
                    "Требует доработки: связь с задачами слабая.",
                ]
            )
            marks[criterion.pk] = (value, comment)
        expert = review.expert
        reviews.review_save(actor=expert, review=review, marks=marks, comment="Итог: см. комментарии по критериям.")
        if submit:
            reviews.review_submit(actor=expert, review=Review.objects.get(pk=review.pk))

    def review_all(
        self, call: Call, quality: dict[int, float], *, leave_open_for: User | None = None, diverge: bool = False
    ) -> None:
        """Assign the call's experts and have them review (all but `leave_open_for`'s reviews). With `diverge`, the
        two experts of one application disagree sharply, so the platform calls in a third one, who reviews too."""
        assignment.assign_call(actor=self.operator, call=call, notify_experts=False)
        spread = {}
        if diverge:
            target = (
                Application.objects.filter(call=call, reviews__isnull=False)
                .exclude(reviews__expert=leave_open_for)
                .order_by("id")
                .values_list("id", flat=True)
                .first()
            )
            quality[target] = 6.0
            spread[target] = iter([3.5, -3.5])
        while True:
            pending = (
                Review.objects.filter(application__call=call, status=ReviewStatus.ASSIGNED)
                .exclude(expert=leave_open_for)
                .select_related("application__call", "expert")
                .order_by("id")
            )
            if not pending:
                return
            for review in pending:
                offset = next(spread.get(review.application_id, iter([])), 0)
                self.review(review, quality[review.application_id] + offset)

    # --- the three calls -----------------------------------------------------------------------------------

    def national(self, programme: Programme) -> None:
        call = self.call(
            programme,
            NATIONAL,
            (
                "Государственные гранты для НПО — 2026",
                "ҮЕҰ-ға арналған мемлекеттік гранттар — 2026",
                "State grants for NGOs — 2026",
            ),
            budget=Decimal("35000000"),
            eligible_countries=[Country.objects.get(code="KZ")],
            min_age_months=12,
            max_active_grants=2,
            themes=[self.themes[c] for c in ("inclusion", "fundraising", "volunteering", "ecology")],
            bands=[
                {
                    "name_ru": "Малые гранты",
                    "name_kk": "Шағын гранттар",
                    "name_en": "Small grants",
                    "min_amount": "1000000",
                    "max_amount": "5000000",
                    "pass_mark": "60",
                },
                {
                    "name_ru": "Средние гранты",
                    "name_kk": "Орта гранттар",
                    "name_en": "Medium grants",
                    "min_amount": "5000001",
                    "max_amount": "15000000",
                    "pass_mark": "65",
                },
            ],
        )
        entrants = [self.showcase, *self.kz_ngos[:15]]
        quality: dict[int, float] = {}
        submitted = []
        for i, org in enumerate(entrants):
            project = PROJECTS[i % 16]
            size = Decimal(self.rng.choice([2500000, 3500000, 4500000, 8000000, 12000000]))
            application = self.apply(call, org, project, size=size)
            quality[application.pk] = 8.6 if org == self.showcase else self.rng.uniform(3.5, 9.0)
            submitted.append(application)
        # A Russian NGO applied too: the country rule screens it out.
        if self.ru_ngos:
            foreign = self.apply(call, self.ru_ngos[0], PROJECTS[16], size=Decimal(3000000))
            quality[foreign.pk] = 5
        # One applicant withdrew before the close.
        applications.application_withdraw(actor=self.rep(submitted[-1].organisation), application=submitted[-1])
        self.backdate(call, opened=150, closed=120)
        calls.call_start_review(actor=self.operator, call=call)
        eligibility.screen_call(actor=self.operator, call=call)
        self.review_all(call, quality)
        self.decide(call)
        decisions.call_publish_results(actor=self.operator, call=call)
        self.agreements(call)

    def decide(self, call: Call) -> None:
        """Award in rank order while the budget lasts (above the pass mark), waitlist the next two, reject the rest."""
        result = ranking.rank_call(call)
        decided_on = (call.closes_at + timedelta(days=40)).date()
        waitlisted = 0
        for row in _rows(result):
            application = Application.objects.get(pk=row.id)
            if application.status != ApplicationStatus.REVIEWED:
                continue
            if row.funded:
                outcome, amount, reason = (
                    Outcome.AWARD,
                    application.requested_amount,
                    "Проект в пределах бюджета, балл выше проходного.",
                )
            elif row.passes and waitlisted < 2:
                waitlisted += 1
                outcome, amount, reason = Outcome.WAITLIST, None, "Балл выше проходного, бюджет исчерпан."
            else:
                outcome, amount = Outcome.REJECT, None
                reason = "Балл ниже проходного." if not row.passes else "Бюджет исчерпан."
            decisions.decision_record(
                actor=self.operator,
                application=application,
                outcome=outcome,
                amount=amount,
                reason=reason,
                protocol_number=PROTOCOL,
                decided_on=decided_on,
            )

    def agreements(self, call: Call) -> None:
        """Agreements of the awarded, signed 60 days ago, with reports at every stage."""
        signed = date.today() - timedelta(days=75)
        awarded = list(call.applications.filter(status=ApplicationStatus.AWARDED).order_by("id"))
        for n, application in enumerate(awarded, 1):
            amount = application.decision.amount
            first = (amount * Decimal("0.7")).quantize(Decimal("0.01"))
            starts = signed + timedelta(days=5)
            ends = starts + timedelta(days=300)
            agreement = agreements.agreement_create(
                actor=self.operator,
                application=application,
                number=f"ГД-2026/{n:03d}",
                signed_on=signed,
                starts_on=starts,
                ends_on=ends,
                instalments=[
                    {"order": 1, "due_on": starts, "amount": first},
                    {"order": 2, "due_on": starts + timedelta(days=150), "amount": amount - first},
                ],
                milestones=[
                    {
                        "kind": ReportKind.NARRATIVE,
                        "title": "Промежуточный отчёт",
                        "due_on": starts + timedelta(days=45),
                    },
                    {
                        "kind": ReportKind.FINANCIAL,
                        "title": "Промежуточный финансовый отчёт",
                        "due_on": starts + timedelta(days=45),
                    },
                    {"kind": ReportKind.NARRATIVE, "title": "Итоговый отчёт", "due_on": ends},
                    {"kind": ReportKind.FINANCIAL, "title": "Итоговый финансовый отчёт", "due_on": ends},
                ],
            )
            agreements.instalment_mark_paid(
                actor=self.operator, instalment=agreement.instalments.get(order=1), paid_on=starts
            )
            user = self.rep(application.organisation)
            narrative, financial = (
                agreement.reports.get(title=t) for t in ("Промежуточный отчёт", "Промежуточный финансовый отчёт")
            )
            if n % 3 == 0:
                continue  # this grantee has not reported: both interim reports are overdue
            agreements.report_save(
                actor=user,
                report=narrative,
                narrative="Подготовительный этап завершён, участники набраны.",
                actuals={
                    i.pk: {"value": (i.target / 3).quantize(Decimal("1")), "comment": "по плану"}
                    for i in application.indicators.all()
                },
            )
            agreements.report_submit(actor=user, report=narrative)
            agreements.report_review(actor=self.operator, report=narrative, verdict="accept")
            agreements.report_save(
                actor=user,
                report=financial,
                narrative="Расходы первого этапа.",
                spending={
                    line.pk: {"spent": (line.requested / 3).quantize(Decimal("0.01")), "comment": ""}
                    for line in application.budget_lines.all()
                },
            )
            agreements.report_submit(actor=user, report=financial)
            if n % 3 == 2:
                agreements.report_review(
                    actor=self.operator,
                    report=financial,
                    verdict="return",
                    comment="Приложите подтверждающие документы по статье «Проведение мероприятий».",
                )

    def cross_border(self, programme: Programme, expert: User) -> None:
        call = self.call(
            programme,
            CROSS,
            (
                "Казахстанско-российские партнёрства НПО — 2026",
                "Қазақстан-Ресей ҮЕҰ серіктестіктері — 2026",
                "Kazakhstan–Russia NGO partnerships — 2026",
            ),
            budget=Decimal("40000000"),
            eligible_countries=list(Country.objects.filter(code__in=["KZ", "RU"])),
            min_age_months=12,
            themes=[self.themes[c] for c in ("inclusion", "volunteering", "ecology", "fundraising")],
            bands=[
                {
                    "name_ru": "Партнёрские проекты",
                    "name_kk": "Серіктестік жобалар",
                    "name_en": "Partnership projects",
                    "min_amount": "2000000",
                    "max_amount": "10000000",
                    "pass_mark": "60",
                },
            ],
        )
        entrants = [*self.kz_ngos[20:26], *self.ru_ngos[1:7]]
        quality: dict[int, float] = {}
        for i, org in enumerate(entrants):
            application = self.apply(
                call, org, PROJECTS[16 + i % 4], size=Decimal(self.rng.choice([3000000, 6000000, 9000000]))
            )
            quality[application.pk] = self.rng.uniform(4.0, 9.0)
        self.backdate(call, opened=40, closed=10)
        calls.call_start_review(actor=self.operator, call=call)
        eligibility.screen_call(actor=self.operator, call=call)
        self.review_all(call, quality, leave_open_for=expert, diverge=True)

    def open_call(self, programme: Programme) -> None:
        call = self.call(
            programme,
            OPEN,
            (
                "Малые гранты для сельских НПО — 2027",
                "Ауылдық ҮЕҰ-ға арналған шағын гранттар — 2027",
                "Small grants for rural NGOs — 2027",
            ),
            budget=Decimal("30000000"),
            eligible_countries=[Country.objects.get(code="KZ")],
            bands=[
                {
                    "name_ru": "Малые гранты",
                    "name_kk": "Шағын гранттар",
                    "name_en": "Small grants",
                    "min_amount": "500000",
                    "max_amount": "3000000",
                    "pass_mark": "60",
                },
            ],
        )
        Call.objects.filter(pk=call.pk).update(
            opens_at=self.now - timedelta(days=5),
            closes_at=self.now + timedelta(days=40),
            review_deadline=self.now + timedelta(days=70),
        )
        call.refresh_from_db()
        for i, org in enumerate(self.kz_ngos[30:34]):
            self.apply(call, org, PROJECTS[(i * 5) % 16], size=Decimal(self.rng.choice([1500000, 2500000])))
        self.apply(call, self.showcase, PROJECTS[1], size=Decimal(2000000), submit=False)


def _rows(result) -> list:
    """Every ranked row of every band, best first within each band."""
    return [row for band in result.bands for row in band.rows]


def load(*, stdout: Any, rng: random.Random | None = None) -> None:
    """Create the demo programmes and calls that are missing."""
    demo = _Demo(rng or random.Random(2026), stdout)  # noqa: S311 -- demo data, not secrets
    existing = set(Call.objects.filter(code__in=[NATIONAL, CROSS, OPEN]).values_list("code", flat=True))
    if existing == {NATIONAL, CROSS, OPEN}:
        stdout.write("grants: the demo calls are there already.")
        return
    pool = demo.pool()
    national = demo.programme(
        "Государственные гранты для неправительственных организаций",
        "Үкіметтік емес ұйымдарға арналған мемлекеттік гранттар",
        "State grants for non-governmental organisations",
        funder=demo.mki,
        instrument=Instrument.GRANT,
        level=Level.NATIONAL,
        country=Country.objects.get(code="KZ"),
        currency=Currency.KZT,
        budget=Decimal("2000000000"),
    )
    cross = demo.programme(
        "Программа сотрудничества НПО Казахстана и России",
        "Қазақстан мен Ресей ҮЕҰ ынтымақтастық бағдарламасы",
        "Kazakhstan–Russia NGO cooperation programme",
        funder=demo.mki,
        operator=demo.gak,
        instrument=Instrument.GRANT,
        level=Level.CROSS_BORDER,
        currency=Currency.KZT,
        budget=Decimal("150000000"),
    )
    if NATIONAL not in existing:
        demo.national(national)
    if CROSS not in existing:
        demo.cross_border(cross, pool[0])
    if OPEN not in existing:
        demo.open_call(national)
    counts = Application.objects.filter(call__code__in=[NATIONAL, CROSS, OPEN]).count()
    stdout.write(f"grants: 3 demo calls, {counts} applications, {Report.objects.count()} reports.")
