"""Demo data of the registry: the organisations and people of the source report, and a generated NGO sector.

`load()` first builds every record as plain data (deterministic for a given random generator, independent of the
database), then writes it through the registry services, finding existing records by natural keys (БИН, ИНН, ОГРН,
else name and country; a unit by its name in its organisation; a post by organisation, unit, title and holder;
a membership by network, member and date of joining) so that a second run writes nothing.

The report's people appear only with the posts the report states, citing it. Every generated organisation, person
and number is fictional; identifiers only have valid structure and check digits, and websites are on example.org.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from stdnum.ru import inn as ru_inn
from stdnum.ru import ogrn as ru_ogrn

from civicbridge.core.models import Source
from civicbridge.core.services import cite, source_get_or_create

from .. import services
from ..choices import MembershipType, OrganisationKind, UnitKind
from ..identifiers import bin_check_digit
from ..models import Country, LegalForm, NetworkMembership, Organisation, Person, Position, Region, Theme, Unit

DEPENDS_ON: list[str] = []

# Generated dates are counted from a fixed day, not from today, so that every run produces the same records.
ANCHOR = date(2025, 11, 1)
KZ_NGOS, RU_NGOS = 220, 110
# The NGO that the demo «NGO representative» account acts for (accounts/demo.py looks it up by this БИН).
SHOWCASE_NGO_BIN = "120540012342"

# ---------------------------------------------------------------------------------------------------------------
# The source report
# ---------------------------------------------------------------------------------------------------------------
REPORT_PATH = "shared/seed/000_377a38c0ef6c9944.txt"
REPORT_TITLE = "НПО Казахстана и России обменялись лучшими практиками"
Q_GAK = (
    "Как отметила президент ОЮЛ «Гражданский альянс Казахстана» Бану Нургазиева, нынешнее мероприятие – логическое "
    "продолжение прошедшего в октябре XII Гражданского форума Казахстана, а также точка соприкосновения с "
    "зарубежными единомышленниками, такими как, например, Общественная палата РФ."
)
Q_CHAMBER = (
    "Ее представитель, председатель Комиссии по развитию некоммерческого сектора Общественной палаты Российской "
    "Федерации Елена Тополева-Солдунова, подчеркнула: история крепкой дружбы палаты и ГАК длится уже не один год, "
    "помимо регулярного совместного участия в различных форумах, россияне не единожды принимали у себя делегации "
    "НПО из Казахстана."
)
Q_MAZHILIS = (
    "О множестве совместных интересов казахстанских и российских организаций высказалась и депутат Мажилиса "
    "Парламента РК Ирина Смирнова."
)
Q_WORKING_GROUP = (
    "Сейчас, продолжила спикер, рабочая группа под управлением МКИ совместно с Гражданским альянсом работает над "
    "законопроектом, который будет касаться прав, обязанностей и возможностей НПО, изучает барьеры, возникающие на "
    "пути их развития."
)
Q_MKI = (
    "Конкретнее о мерах поддержки НПО рассказал заместитель председателя Комитета по делам гражданского общества "
    "МКИ Елдар Сапаров."
)
REPORT_QUOTES = (Q_GAK, Q_CHAMBER, Q_MAZHILIS, Q_WORKING_GROUP, Q_MKI)


@dataclass
class OrgSpec:
    key: str
    fields: dict[str, Any]
    themes: tuple[str, ...] = ()
    quote: str = ""


@dataclass
class UnitSpec:
    key: str
    org: str
    names: tuple[str, str, str]
    kind: str
    parent: str | None = None
    quote: str = ""


@dataclass
class PostSpec:
    """A person and the post they hold (a generated person is known only through their post)."""

    person: tuple[str, str, str]
    org: str
    title: tuple[str, str, str]
    unit: str | None = None
    start_date: date | None = None
    email: str = ""
    quote: str = ""


@dataclass
class LinkSpec:
    network: str
    member: str
    membership_type: str
    joined_on: date
    left_on: date | None = None


@dataclass
class Plan:
    orgs: list[OrgSpec] = field(default_factory=list)
    units: list[UnitSpec] = field(default_factory=list)
    posts: list[PostSpec] = field(default_factory=list)
    links: list[LinkSpec] = field(default_factory=list)


# fmt: off
def _report_plan(plan: Plan) -> None:
    """The organisations, units and people the report names, with the posts it states, and nothing more."""
    plan.orgs += [
        OrgSpec("gak", {
            "name_ru": "ОЮЛ «Гражданский альянс Казахстана»",
            "name_kk": "«Қазақстанның Азаматтық альянсы» заңды тұлғалар бірлестігі",
            "name_en": "Civil Alliance of Kazakhstan",
            "short_name": "ГАК", "kind": OrganisationKind.NETWORK, "legal_form": "kz-ale",
            "country": "KZ", "region": "KZ-71",
            "description_ru": "Объединение юридических лиц, объединяющее неправительственные организации Казахстана. "
                              "Вместе с рабочей группой под управлением МКИ работает над законопроектом о правах, "
                              "обязанностях и возможностях НПО.",
            "description_kk": "Қазақстанның үкіметтік емес ұйымдарын біріктіретін заңды тұлғалар бірлестігі. "
                              "ҚР МАМ басшылығындағы жұмыс тобымен бірге ҮЕҰ-ның құқықтары, міндеттері мен "
                              "мүмкіндіктері туралы заң жобасы бойынша жұмыс істейді.",
            "description_en": "An association of legal entities uniting non-governmental organisations of Kazakhstan. "
                              "With the working group under the Ministry of Culture and Information it is drafting "
                              "a law on the rights, duties and opportunities of NGOs.",
        }, ("civic-participation",), Q_GAK),
        OrgSpec("chamber", {
            "name_ru": "Общественная палата Российской Федерации",
            "name_kk": "Ресей Федерациясының Қоғамдық палатасы",
            "name_en": "Civic Chamber of the Russian Federation",
            "short_name": "ОП РФ", "kind": OrganisationKind.PUBLIC_CHAMBER, "country": "RU", "region": "RU-MOW",
        }, ("civic-participation",), Q_CHAMBER),
        OrgSpec("parliament", {
            "name_ru": "Парламент Республики Казахстан",
            "name_kk": "Қазақстан Республикасының Парламенті",
            "name_en": "Parliament of the Republic of Kazakhstan",
            "short_name": "Парламент РК", "kind": OrganisationKind.PARLIAMENT, "country": "KZ", "region": "KZ-71",
        }, (), Q_MAZHILIS),
        OrgSpec("mki", {
            "name_ru": "Министерство культуры и информации Республики Казахстан",
            "name_kk": "Қазақстан Республикасының Мәдениет және ақпарат министрлігі",
            "name_en": "Ministry of Culture and Information of the Republic of Kazakhstan",
            "short_name": "МКИ", "kind": OrganisationKind.STATE_BODY, "legal_form": "kz-state-institution",
            "country": "KZ", "region": "KZ-71",
        }, (), Q_MKI),
    ]
    plan.units += [
        UnitSpec("chamber-npo", "chamber", ("Комиссия по развитию некоммерческого сектора",
                                            "Коммерциялық емес секторды дамыту жөніндегі комиссия",
                                            "Commission for the Development of the Non-Profit Sector"),
                 UnitKind.COMMISSION, quote=Q_CHAMBER),
        UnitSpec("mazhilis", "parliament", ("Мажилис", "Мәжіліс", "Mazhilis"), UnitKind.CHAMBER, quote=Q_MAZHILIS),
        UnitSpec("mki-civil", "mki", ("Комитет по делам гражданского общества", "Азаматтық қоғам істері комитеті",
                                      "Civil Society Affairs Committee"), UnitKind.COMMITTEE, quote=Q_MKI),
        UnitSpec("mki-wg", "mki", ("Рабочая группа по законопроекту о НПО",
                                   "ҮЕҰ туралы заң жобасы жөніндегі жұмыс тобы",
                                   "Working Group on the Draft Law on NGOs"),
                 UnitKind.WORKING_GROUP, quote=Q_WORKING_GROUP),
    ]
    plan.posts += [
        PostSpec(("Бану Нургазиева", "Бану Нұрғазиева", "Banu Nurgaziyeva"), "gak",
                 ("президент", "президент", "President"), quote=Q_GAK),
        PostSpec(("Елена Тополева-Солдунова", "Елена Тополева-Солдунова", "Elena Topoleva-Soldunova"), "chamber",
                 ("председатель Комиссии", "Комиссия төрағасы", "Chair of the Commission"), unit="chamber-npo",
                 quote=Q_CHAMBER),
        PostSpec(("Ирина Смирнова", "Ирина Смирнова", "Irina Smirnova"), "parliament",
                 ("депутат Мажилиса", "Мәжіліс депутаты", "Member of the Mazhilis"), unit="mazhilis",
                 quote=Q_MAZHILIS),
        PostSpec(("Елдар Сапаров", "Елдар Сапаров", "Yeldar Saparov"), "mki",
                 ("заместитель председателя Комитета", "Комитет төрағасының орынбасары",
                  "Deputy Chair of the Committee"), unit="mki-civil", quote=Q_MKI),
    ]


# fmt: on


# ---------------------------------------------------------------------------------------------------------------
# Generated NGO sector: word lists
# fmt: off
# ---------------------------------------------------------------------------------------------------------------
# Region: (main city, its genitive, Kazakh name, English name). Weights: how many more NGOs big cities have.
KZ_CITIES: dict[str, tuple[str, str, str, str, int]] = {
    "KZ-10": ("Семей", "Семея", "Семей", "Semey", 2), "KZ-11": ("Кокшетау", "Кокшетау", "Көкшетау", "Kokshetau", 2),
    "KZ-15": ("Актобе", "Актобе", "Ақтөбе", "Aktobe", 3), "KZ-19": ("Конаев", "Конаева", "Қонаев", "Konaev", 3),
    "KZ-23": ("Атырау", "Атырау", "Атырау", "Atyrau", 2), "KZ-27": ("Уральск", "Уральска", "Орал", "Oral", 2),
    "KZ-31": ("Тараз", "Тараза", "Тараз", "Taraz", 2),
    "KZ-33": ("Талдыкорган", "Талдыкоргана", "Талдықорған", "Taldykorgan", 2),
    "KZ-35": ("Караганда", "Караганды", "Қарағанды", "Karaganda", 4),
    "KZ-39": ("Костанай", "Костаная", "Қостанай", "Kostanay", 2),
    "KZ-43": ("Кызылорда", "Кызылорды", "Қызылорда", "Kyzylorda", 2), "KZ-47": ("Актау", "Актау", "Ақтау", "Aktau", 2),
    "KZ-55": ("Павлодар", "Павлодара", "Павлодар", "Pavlodar", 3),
    "KZ-59": ("Петропавловск", "Петропавловска", "Петропавл", "Petropavl", 2),
    "KZ-61": ("Туркестан", "Туркестана", "Түркістан", "Turkistan", 3),
    "KZ-62": ("Жезказган", "Жезказгана", "Жезқазған", "Zhezkazgan", 1),
    "KZ-63": ("Усть-Каменогорск", "Усть-Каменогорска", "Өскемен", "Oskemen", 3),
    "KZ-71": ("Астана", "Астаны", "Астана", "Astana", 14), "KZ-75": ("Алматы", "Алматы", "Алматы", "Almaty", 18),
    "KZ-79": ("Шымкент", "Шымкента", "Шымкент", "Shymkent", 7),
}
# Region: (city, genitive, English, weight, subject code used in ИНН/ОГРН).
RU_CITIES: dict[str, tuple[str, str, str, int, int]] = {
    "RU-MOW": ("Москва", "Москвы", "Moscow", 12, 77), "RU-SPE": ("Санкт-Петербург", "Санкт-Петербурга",
                                                                   "Saint Petersburg", 8, 78),
    "RU-MOS": ("Подмосковье", "Подмосковья", "Moscow Region", 3, 50),
    "RU-NVS": ("Новосибирск", "Новосибирска", "Novosibirsk", 3, 54),
    "RU-SVE": ("Екатеринбург", "Екатеринбурга", "Yekaterinburg", 3, 66), "RU-TA": ("Казань", "Казани", "Kazan", 3, 16),
    "RU-NIZ": ("Нижний Новгород", "Нижнего Новгорода", "Nizhny Novgorod", 2, 52),
    "RU-CHE": ("Челябинск", "Челябинска", "Chelyabinsk", 2, 74), "RU-SAM": ("Самара", "Самары", "Samara", 2, 63),
    "RU-OMS": ("Омск", "Омска", "Omsk", 2, 55), "RU-ROS": ("Ростов-на-Дону", "Ростова-на-Дону", "Rostov-on-Don", 2, 61),
    "RU-BA": ("Уфа", "Уфы", "Ufa", 2, 2), "RU-KYA": ("Красноярск", "Красноярска", "Krasnoyarsk", 2, 24),
    "RU-PER": ("Пермь", "Перми", "Perm", 2, 59), "RU-VGG": ("Волгоград", "Волгограда", "Volgograd", 1, 34),
    "RU-VOR": ("Воронеж", "Воронежа", "Voronezh", 1, 36), "RU-SAR": ("Саратов", "Саратова", "Saratov", 1, 64),
    "RU-KDA": ("Краснодар", "Краснодара", "Krasnodar", 2, 23), "RU-TYU": ("Тюмень", "Тюмени", "Tyumen", 1, 72),
    "RU-IRK": ("Иркутск", "Иркутска", "Irkutsk", 1, 38), "RU-ALT": ("Барнаул", "Барнаула", "Barnaul", 1, 22),
    "RU-ORE": ("Оренбург", "Оренбурга", "Orenburg", 2, 56), "RU-AST": ("Астрахань", "Астрахани", "Astrakhan", 1, 30),
    "RU-KGN": ("Курган", "Кургана", "Kurgan", 1, 45), "RU-TOM": ("Томск", "Томска", "Tomsk", 1, 70),
    "RU-KEM": ("Кузбасс", "Кузбасса", "Kuzbass", 1, 42), "RU-YAR": ("Ярославль", "Ярославля", "Yaroslavl", 1, 76),
    "RU-KHA": ("Хабаровск", "Хабаровска", "Khabarovsk", 1, 27),
    "RU-PRI": ("Владивосток", "Владивостока", "Vladivostok", 1, 25),
    "RU-ULY": ("Ульяновск", "Ульяновска", "Ulyanovsk", 1, 73), "RU-PNZ": ("Пенза", "Пензы", "Penza", 1, 58),
}
URALS = ("RU-SVE", "RU-CHE", "RU-PER", "RU-KGN", "RU-ORE", "RU-BA")
SIBERIA = ("RU-NVS", "RU-OMS", "RU-KYA", "RU-IRK", "RU-ALT", "RU-TOM", "RU-KEM", "RU-TYU")
VOLGA = ("RU-TA", "RU-NIZ", "RU-SAM", "RU-SAR", "RU-ULY", "RU-PNZ", "RU-VGG", "RU-AST")

# Theme: (weight, description (ru, kk, en), names (ru, kk, en), a name with the city: (ru {gen}, kk {kk}, en {en})).
T = tuple[str, str, str]
THEME_WORDS: dict[str, tuple[int, T, tuple[T, ...], T]] = {
    "inclusion": (4, (
        "Помогает людям с инвалидностью и их семьям участвовать в жизни общества наравне со всеми.",
        "Мүгедектігі бар адамдар мен олардың отбасыларына қоғам өміріне басқалармен тең қатысуға көмектеседі.",
        "Helps people with disabilities and their families take part in community life on an equal footing."), (
        ("Равные возможности", "Тең мүмкіндіктер", "Equal Opportunities"), ("Без барьеров", "Кедергісіз",
                                                                             "Without Barriers"),
        ("Доступная среда", "Қолжетімді орта", "Accessible Environment"), ("Мы вместе", "Біз біргеміз",
                                                                           "We Are Together"),
        ("Особый ребёнок", "Ерекше бала", "Special Child"), ("Открытый мир", "Ашық әлем", "Open World")),
        ("Инклюзивный центр {gen}", "{kk} инклюзивті орталығы", "{en} Inclusion Centre")),
    "fundraising": (3, (
        "Развивает частную благотворительность и учит некоммерческие организации привлекать средства на проекты.",
        "Жеке қайырымдылықты дамытады және коммерциялық емес ұйымдарды жобаларға қаражат тартуға үйретеді.",
        "Develops private giving and teaches non-profits to raise funds for their projects."), (
        ("Щедрое сердце", "Жомарт жүрек", "Generous Heart"), ("Точка опоры", "Тірек нүктесі", "Point of Support"),
        ("Школа фандрайзинга", "Фандрайзинг мектебі", "Fundraising School"), ("Общее дело", "Ортақ іс",
                                                                              "Common Cause")),
        ("Ресурсный центр {gen}", "{kk} ресурстық орталығы", "{en} Resource Centre")),
    "volunteering": (4, (
        "Объединяет волонтёров и помогает организациям находить добровольцев для своих программ.",
        "Еріктілерді біріктіреді және ұйымдарға өз бағдарламалары үшін еріктілер табуға көмектеседі.",
        "Brings volunteers together and helps organisations find volunteers for their programmes."), (
        ("Рука помощи", "Көмек қолы", "Helping Hand"), ("Доброе дело", "Игі іс", "Good Deed"),
        ("Вместе", "Бірге", "Together"), ("Серебряные волонтёры", "Күміс еріктілер", "Silver Volunteers")),
        ("Волонтёры {gen}", "{kk} еріктілері", "Volunteers of {en}")),
    "ecology": (4, (
        "Занимается охраной природы, раздельным сбором отходов и экологическим просвещением.",
        "Табиғатты қорғаумен, қалдықтарды бөлек жинаумен және экологиялық ағартумен айналысады.",
        "Works on nature protection, separate waste collection and environmental education."), (
        ("Зелёная планета", "Жасыл планета", "Green Planet"), ("Чистый берег", "Таза жаға", "Clean Shore"),
        ("Живая вода", "Тірі су", "Living Water"), ("Экодом", "Экоүй", "Eco House")),
        ("Экологический центр {gen}", "{kk} экологиялық орталығы", "{en} Ecology Centre")),
    "education": (2, (
        "Проводит образовательные программы для детей и взрослых, развивает неформальное образование.",
        "Балалар мен ересектерге арналған білім беру бағдарламаларын өткізеді, бейресми білім беруді дамытады.",
        "Runs educational programmes for children and adults and develops non-formal education."), (
        ("Открытое образование", "Ашық білім", "Open Education"), ("Знание", "Білім", "Knowledge"),
        ("Школа лидеров", "Көшбасшылар мектебі", "School of Leaders"), ("Новое поколение", "Жаңа буын",
                                                                         "New Generation")),
        ("Образовательный центр {gen}", "{kk} білім беру орталығы", "{en} Education Centre")),
    "health": (2, (
        "Поддерживает пациентов и их близких, проводит профилактические программы.",
        "Пациенттер мен олардың жақындарына қолдау көрсетеді, алдын алу бағдарламаларын өткізеді.",
        "Supports patients and their families and runs prevention programmes."), (
        ("Здоровое будущее", "Салауатты болашақ", "Healthy Future"), ("Надежда", "Үміт", "Hope"),
        ("Дыхание жизни", "Өмір тынысы", "Breath of Life"), ("Забота", "Қамқорлық", "Care")),
        ("Центр здоровья {gen}", "{kk} денсаулық орталығы", "{en} Health Centre")),
    "social-support": (2, (
        "Оказывает социальную помощь малообеспеченным семьям и людям в трудной жизненной ситуации.",
        "Аз қамтылған отбасылар мен қиын өмірлік жағдайдағы адамдарға әлеуметтік көмек көрсетеді.",
        "Provides social support to low-income families and people in difficult circumstances."), (
        ("Милосердие", "Мейірім", "Mercy"), ("Опора", "Тірек", "Support"), ("Тёплый дом", "Жылы үй", "Warm Home"),
        ("Социальный мост", "Әлеуметтік көпір", "Social Bridge")),
        ("Центр социальной помощи {gen}", "{kk} әлеуметтік көмек орталығы", "{en} Social Aid Centre")),
    "children-youth": (2, (
        "Реализует программы для детей и молодёжи: досуг, наставничество, развитие лидерства.",
        "Балалар мен жастарға арналған бағдарламаларды іске асырады: бос уақыт, тәлімгерлік, көшбасшылықты дамыту.",
        "Runs programmes for children and young people: leisure, mentoring and leadership development."), (
        ("Молодёжная инициатива", "Жастар бастамасы", "Youth Initiative"),
        ("Счастливое детство", "Бақытты балалық шақ", "Happy Childhood"), ("Ориентир", "Бағдар", "Compass")),
        ("Молодёжный центр {gen}", "{kk} жастар орталығы", "{en} Youth Centre")),
    "elderly": (1, (
        "Помогает пожилым людям сохранять активность, здоровье и связь с сообществом.",
        "Егде жастағы адамдарға белсенділігін, денсаулығын және қоғаммен байланысын сақтауға көмектеседі.",
        "Helps older people stay active, healthy and connected to their community."), (
        ("Серебряный возраст", "Күміс жас", "Silver Age"), ("Активное долголетие", "Белсенді ұзақ өмір",
                                                            "Active Longevity")),
        ("Клуб старшего поколения {gen}", "{kk} аға буын клубы", "{en} Senior Club")),
    "human-rights": (1, (
        "Защищает права граждан, консультирует и сопровождает обращения в государственные органы.",
        "Азаматтардың құқықтарын қорғайды, кеңес береді және мемлекеттік органдарға өтініштерді сүйемелдейді.",
        "Defends citizens' rights, gives advice and follows up appeals to state bodies."), (
        ("Право и достоинство", "Құқық және қадір-қасиет", "Rights and Dignity"), ("Голос", "Үн", "Voice")),
        ("Правозащитный центр {gen}", "{kk} құқық қорғау орталығы", "{en} Human Rights Centre")),
    "culture": (2, (
        "Сохраняет культурное наследие, проводит фестивали, выставки и творческие мастерские.",
        "Мәдени мұраны сақтайды, фестивальдер, көрмелер және шығармашылық шеберханалар өткізеді.",
        "Preserves cultural heritage and holds festivals, exhibitions and creative workshops."), (
        ("Наследие", "Мұра", "Heritage"), ("Культурный мост", "Мәдени көпір", "Cultural Bridge"),
        ("Шанырак", "Шаңырақ", "Shanyrak")),
        ("Культурный центр {gen}", "{kk} мәдени орталығы", "{en} Cultural Centre")),
    "sport": (1, (
        "Развивает массовый спорт и здоровый образ жизни, проводит открытые соревнования.",
        "Бұқаралық спорт пен салауатты өмір салтын дамытады, ашық жарыстар өткізеді.",
        "Promotes sport for all and healthy lifestyles and holds open competitions."), (
        ("Спорт для всех", "Барлығына арналған спорт", "Sport for All"), ("Олимп", "Олимп", "Olymp")),
        ("Спортивный клуб {gen}", "{kk} спорт клубы", "{en} Sports Club")),
    "legal-aid": (1, (
        "Бесплатно консультирует граждан и некоммерческие организации по правовым вопросам.",
        "Азаматтар мен коммерциялық емес ұйымдарға құқықтық мәселелер бойынша тегін кеңес береді.",
        "Gives free legal advice to citizens and non-profit organisations."), (
        ("Правовая грамотность", "Құқықтық сауаттылық", "Legal Literacy"), ("Юрист для всех", "Барлығына заңгер",
                                                                             "Lawyer for Everyone")),
        ("Юридическая клиника {gen}", "{kk} заң клиникасы", "{en} Legal Clinic")),
    "civic-participation": (2, (
        "Вовлекает жителей в решение местных вопросов и развивает диалог общества и государства.",
        "Тұрғындарды жергілікті мәселелерді шешуге тартады, қоғам мен мемлекет арасындағы диалогты дамытады.",
        "Involves residents in local decisions and develops dialogue between society and the state."), (
        ("Гражданская инициатива", "Азаматтық бастама", "Civic Initiative"), ("Активные граждане",
                                                                             "Белсенді азаматтар",
                                                                             "Active Citizens"),
        ("Общественный диалог", "Қоғамдық диалог", "Public Dialogue")),
        ("Гражданский клуб {gen}", "{kk} азаматтық клубы", "{en} Civic Club")),
    "local-development": (1, (
        "Поддерживает местные инициативы, благоустройство и развитие малых населённых пунктов.",
        "Жергілікті бастамаларды, абаттандыруды және шағын елді мекендердің дамуын қолдайды.",
        "Supports local initiatives, public spaces and the development of small settlements."), (
        ("Мой двор", "Менің аулам", "My Yard"), ("Развитие села", "Ауыл дамуы", "Rural Development")),
        ("Центр местных инициатив {gen}", "{kk} жергілікті бастамалар орталығы", "{en} Local Initiatives Centre")),
    "anti-corruption": (1, (
        "Проводит общественный мониторинг государственных закупок и продвигает открытость власти.",
        "Мемлекеттік сатып алуларға қоғамдық мониторинг жүргізеді және биліктің ашықтығын ілгерілетеді.",
        "Monitors public procurement and promotes open government."), (
        ("Прозрачность", "Ашықтық", "Transparency"), ("Чистые руки", "Таза қол", "Clean Hands")),
        ("Центр общественного контроля {gen}", "{kk} қоғамдық бақылау орталығы", "{en} Public Oversight Centre")),
    "gender-equality": (1, (
        "Поддерживает женщин, пострадавших от насилия, и продвигает равные возможности.",
        "Зорлық-зомбылықтан зардап шеккен әйелдерге қолдау көрсетеді және тең мүмкіндіктерді ілгерілетеді.",
        "Supports women affected by violence and promotes equal opportunities."), (
        ("Женская инициатива", "Әйелдер бастамасы", "Women's Initiative"), ("Равенство", "Теңдік", "Equality")),
        ("Кризисный центр {gen}", "{kk} дағдарыс орталығы", "{en} Crisis Centre")),
    "migration": (1, (
        "Помогает мигрантам и переселенцам адаптироваться: языковые курсы, консультации, трудоустройство.",
        "Көшіп-қонушылар мен қоныс аударушыларға бейімделуге көмектеседі: тіл курстары, кеңестер, жұмысқа орналасу.",
        "Helps migrants and resettlers adapt: language courses, advice and job search."), (
        ("Новый дом", "Жаңа үй", "New Home"), ("Адаптация", "Бейімделу", "Adaptation")),
        ("Центр адаптации {gen}", "{kk} бейімдеу орталығы", "{en} Adaptation Centre")),
    "interethnic-harmony": (1, (
        "Укрепляет межэтнический диалог, проводит совместные праздники и проекты общин.",
        "Этносаралық диалогты нығайтады, қауымдастықтардың бірлескен мерекелері мен жобаларын өткізеді.",
        "Strengthens inter-ethnic dialogue and holds joint festivals and community projects."), (
        ("Дружба народов", "Халықтар достығы", "Friendship of Peoples"), ("Единство", "Бірлік", "Unity"),
        ("Общий дом", "Ортақ үй", "Common Home")),
        ("Дом дружбы {gen}", "{kk} достық үйі", "{en} House of Friendship")),
    "animal-welfare": (1, (
        "Содержит приют для бездомных животных, проводит программы стерилизации и пристройства.",
        "Иесіз жануарларға арналған баспана ұстайды, стерилизация және үйге орналастыру бағдарламаларын өткізеді.",
        "Runs a shelter for homeless animals and sterilisation and rehoming programmes."), (
        ("Верный друг", "Адал дос", "Faithful Friend"), ("Ковчег", "Кеме", "Ark")),
        ("Приют для животных {gen}", "{kk} жануарлар баспанасы", "{en} Animal Shelter")),
    "media": (1, (
        "Развивает медиаграмотность и гражданскую журналистику, учит некоммерческие организации рассказывать о себе.",
        "Медиасауаттылық пен азаматтық журналистиканы дамытады, "
        "коммерциялық емес ұйымдарды өзі туралы айтуға үйретеді.",
        "Develops media literacy and citizen journalism and teaches non-profits to tell their story."), (
        ("Открытый эфир", "Ашық эфир", "Open Air"), ("Медиашкола", "Медиамектеп", "Media School"),
        ("Новая волна", "Жаңа толқын", "New Wave")),
        ("Медиацентр {gen}", "{kk} медиаорталығы", "{en} Media Centre")),
    "science": (1, (
        "Популяризирует науку и поддерживает исследовательские проекты школьников и студентов.",
        "Ғылымды насихаттайды, оқушылар мен студенттердің зерттеу жобаларын қолдайды.",
        "Popularises science and supports research projects of pupils and students."), (
        ("Наука — обществу", "Ғылым — қоғамға", "Science for Society"), ("Эврика", "Эврика", "Eureka")),
        ("Научное общество {gen}", "{kk} ғылыми қоғамы", "{en} Scientific Society")),
    "charity": (2, (
        "Собирает пожертвования и адресно помогает тем, кто оказался в беде.",
        "Қайырмалдықтар жинайды және қиын жағдайға тап болғандарға атаулы көмек көрсетеді.",
        "Collects donations and gives targeted help to people in need."), (
        ("Добро", "Ізгілік", "Kindness"), ("Подари надежду", "Үміт сыйла", "Give Hope"),
        ("Рука дающего", "Берер қол", "Giving Hand")),
        ("Благотворительный центр {gen}", "{kk} қайырымдылық орталығы", "{en} Charity Centre")),
    "veterans": (1, (
        "Объединяет ветеранов, сохраняет историческую память и помогает ветеранам в повседневных делах.",
        "Ардагерлерді біріктіреді, тарихи жадыны сақтайды және ардагерлерге күнделікті істерде көмектеседі.",
        "Unites veterans, preserves historical memory and helps veterans with everyday needs."), (
        ("Ветеранское братство", "Ардагерлер бауырластығы", "Veterans' Brotherhood"),
        ("Поколение победителей", "Жеңімпаздар ұрпағы", "Generation of Victors")),
        ("Ветераны {gen}", "{kk} ардагерлері", "Veterans of {en}")),
}
# Names that belong to a place: (theme, regions, (ru, kk, en)).
PLACE_NAMES: tuple[tuple[str, tuple[str, ...], T], ...] = (
    ("ecology", URALS, ("Зелёный Урал", "Жасыл Орал", "Green Urals")),
    ("ecology", SIBERIA, ("Чистая Сибирь", "Таза Сібір", "Clean Siberia")),
    ("ecology", VOLGA, ("Живая Волга", "Тірі Еділ", "Living Volga")),
    ("ecology", ("KZ-55", "KZ-63", "KZ-10"), ("Чистый Иртыш", "Таза Ертіс", "Clean Irtysh")),
    ("ecology", ("KZ-23", "KZ-47"), ("Чистый Каспий", "Таза Каспий", "Clean Caspian")),
    ("ecology", ("KZ-43",), ("Арал тынысы", "Арал тынысы", "Breath of the Aral")),
    ("ecology", ("KZ-35", "KZ-62", "KZ-11", "KZ-39"), ("Зелёная степь", "Жасыл дала", "Green Steppe")),
    ("culture", ("KZ-61", "KZ-79", "KZ-31"), ("Великий шёлковый путь", "Ұлы Жібек жолы", "Great Silk Road")),
)
# Networks: key, country, region, names (ru, kk, en), abbreviation, themes, registered, and their members:
# countries, regions (empty: any), theme (empty: any), how many.
GAK_MEMBERS = 80
Codes = tuple[str, ...]
NETWORKS: tuple[tuple[str, str, str, T, str, Codes, date, Codes, Codes, str, int], ...] = (
    ("net-north", "KZ", "KZ-59", ("ОЮЛ «Альянс НПО Северного Казахстана»",
                                  "«Солтүстік Қазақстан ҮЕҰ альянсы» заңды тұлғалар бірлестігі",
                                  "Alliance of NGOs of Northern Kazakhstan"),
     "", ("civic-participation", "local-development"), date(2011, 3, 22), ("KZ",),
     ("KZ-59", "KZ-11", "KZ-39", "KZ-55"), "", 18),
    ("net-south", "KZ", "KZ-79", ("ОЮЛ «Южный региональный альянс НПО»",
                                  "«Оңтүстік өңірлік ҮЕҰ альянсы» заңды тұлғалар бірлестігі",
                                  "Southern Regional NGO Alliance"),
     "", ("civic-participation", "social-support"), date(2013, 9, 5), ("KZ",),
     ("KZ-79", "KZ-61", "KZ-31", "KZ-43"), "", 20),
    ("net-inclusion", "KZ", "KZ-75", ("ОЮЛ «Инклюзивная сеть «Мүмкіндік»»",
                                      "«Мүмкіндік» инклюзивті желісі заңды тұлғалар бірлестігі",
                                      "Inclusion Network “Mumkindik”"),
     "", ("inclusion",), date(2015, 11, 10), ("KZ",), (), "inclusion", 20),
    ("net-volunteers", "KZ", "KZ-71", ("ОЮЛ «Волонтёрская сеть «Жарқын»»",
                                       "«Жарқын» еріктілер желісі заңды тұлғалар бірлестігі",
                                       "Volunteer Network “Zharqyn”"),
     "", ("volunteering",), date(2017, 4, 18), ("KZ",), (), "volunteering", 20),
    ("net-siberia", "RU", "RU-NVS", ("Ассоциация «Сибирский альянс некоммерческих организаций»", "",
                                     "Association “Siberian Alliance of Non-Profits”"),
     "САНКО", ("civic-participation",), date(2009, 6, 1), ("RU",), SIBERIA, "", 12),
    ("net-urals", "RU", "RU-SVE", ("Ассоциация «Уральская сеть НКО»", "", "Association “Urals NGO Network”"),
     "", ("civic-participation", "volunteering"), date(2012, 2, 14), ("RU",), URALS, "", 12),
    ("net-eco", "RU", "RU-ORE", ("Ассоциация «Евразийская экологическая сеть»", "",
                                 "Association “Eurasian Environmental Network”"),
     "", ("ecology",), date(2016, 8, 30), ("KZ", "RU"), (), "ecology", 24),
)
# Generic second sentences: (ru, kk, en).
SECOND_SENTENCES: tuple[T, ...] = (
    ("Сотрудничает с местными органами власти и другими некоммерческими организациями региона.",
     "Жергілікті билік органдарымен және өңірдегі басқа коммерциялық емес ұйымдармен ынтымақтасады.",
     "Works with local authorities and other non-profits of the region."),
    ("Привлекает волонтёров и проводит открытые мероприятия для жителей.",
     "Еріктілерді тартады және тұрғындар үшін ашық іс-шаралар өткізеді.",
     "Engages volunteers and holds open events for residents."),
    ("Реализует проекты при поддержке грантов и частных пожертвований.",
     "Жобаларды гранттар мен жеке қайырмалдықтардың қолдауымен іске асырады.",
     "Carries out projects with grants and private donations."),
    ("Участвует в обмене практиками с партнёрами из Казахстана и России.",
     "Қазақстан мен Ресейдегі серіктестермен тәжірибе алмасуға қатысады.",
     "Shares practices with partners in Kazakhstan and Russia."),
)
# Legal form: (weight, ru prefix, kk suffix or "", en prefix, head titles).
HEADS: dict[str, T] = {
    "director": ("директор", "директор", "Director"), "chair": ("председатель", "төраға", "Chair"),
    "board": ("председатель правления", "басқарма төрағасы", "Chair of the Board"),
    "president": ("президент", "президент", "President"),
    "executive": ("исполнительный директор", "атқарушы директор", "Executive Director"),
}
LEGAL_WORDS: dict[str, tuple[int, str, str, str, tuple[str, ...]]] = {
    "kz-public-fund": (45, "Общественный фонд", "қоғамдық қоры", "Public Foundation", ("director", "president")),
    "kz-public-association": (40, "Общественное объединение", "қоғамдық бірлестігі", "Public Association",
                              ("chair", "board")),
    "kz-private-institution": (15, "Частное учреждение", "жеке мекемесі", "Private Institution", ("director",)),
    "ru-ano": (45, "АНО", "", "Autonomous Non-Profit Organisation", ("director",)),
    "ru-public-organisation": (35, "Региональная общественная организация", "", "Regional Public Organisation",
                               ("chair",)),
    "ru-fund": (20, "Благотворительный фонд", "", "Charitable Foundation", ("president", "director")),
}
UNIT_WORDS: tuple[tuple[T, str], ...] = (
    (("Попечительский совет", "Қамқоршылық кеңесі", "Board of Trustees"), UnitKind.OTHER),
    (("Отдел проектов", "Жобалар бөлімі", "Projects Department"), UnitKind.DEPARTMENT),
    (("Волонтёрский центр", "Еріктілер орталығы", "Volunteer Centre"), UnitKind.DEPARTMENT),
)
HEAD_OF_UNIT: T = ("руководитель", "жетекші", "Head")

# Fictional people: (male given names, female given names, surnames in the masculine form), and each pool's weight.
NAME_POOLS: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], int], ...]] = {
    "KZ": (
        (("Ерлан", "Асхат", "Нурлан", "Данияр", "Арман", "Тимур", "Бауыржан", "Серик", "Айдар", "Максат", "Ержан",
          "Кайрат"),
         ("Айгуль", "Динара", "Гульнара", "Асель", "Жанар", "Салтанат", "Мадина", "Айжан", "Карлыгаш", "Сауле",
          "Алия", "Камила"),
         ("Жумабаев", "Ахметов", "Сейткалиев", "Касымов", "Абенов", "Исмаилов", "Тулегенов", "Мухамедиев",
          "Бекмуханов", "Сарсенбаев", "Омаров", "Есенов", "Кенжебаев", "Искаков", "Айтжанов", "Шакиров"), 3),
        (("Андрей", "Сергей", "Дмитрий", "Виктор", "Олег", "Евгений"),
         ("Ольга", "Наталья", "Татьяна", "Оксана", "Ирина", "Лариса"),
         ("Иванов", "Ковалёв", "Морозов", "Павлов", "Ким", "Цой", "Шевченко", "Бондаренко"), 1),
    ),
    "RU": (
        (("Алексей", "Михаил", "Иван", "Павел", "Николай", "Артём", "Александр", "Денис", "Игорь", "Роман"),
         ("Анна", "Мария", "Екатерина", "Светлана", "Юлия", "Ксения", "Вера", "Людмила", "Марина", "Дарья"),
         ("Соколов", "Лебедев", "Новиков", "Волков", "Кузнецов", "Попов", "Васильев", "Фёдоров", "Орлов",
          "Никитин", "Захаров", "Белов", "Гусев", "Титов", "Шевчук", "Романенко"), 6),
        (("Ильдар", "Рустам", "Марат", "Айрат"), ("Гульнара", "Лилия", "Альфия", "Эльвира"),
         ("Хабибуллин", "Гарипов", "Сафин", "Галиев", "Нуриев"), 1),
    ),
}
INVARIANT_SURNAMES = ("Ким", "Цой", "Шевченко", "Бондаренко", "Шевчук", "Романенко")

_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
     "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "a", "g", "k", "n", "o", "u", "u", "h", "i"],
    strict=True,
))
# fmt: on


def translit(text: str) -> str:
    """Latin spelling of a Cyrillic name (a simple common romanisation, for English versions of fictional names)."""
    out = []
    for ch in text:
        latin = _TRANSLIT.get(ch.lower())
        if latin is None:
            out.append(ch)
        else:
            out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", translit(text).lower()).strip("-")


# ---------------------------------------------------------------------------------------------------------------
# Generated NGO sector: records
# ---------------------------------------------------------------------------------------------------------------
class _Generator:
    """Builds the generated organisations, people and networks from one random generator."""

    def __init__(self, rng: random.Random, plan: Plan) -> None:
        self.rng = rng
        self.plan = plan
        self.names: set[tuple[str, str]] = set()  # (country, name without the legal form)
        self.full_names: set[str] = {spec.fields["name_ru"] for spec in plan.orgs}
        self.slugs: set[str] = set()
        self.numbers: set[str] = {SHOWCASE_NGO_BIN}
        self.people: set[str] = {post.person[0] for post in plan.posts}
        self.ngos: list[OrgSpec] = []

    # --- numbers ---
    def bin(self, registered: date) -> str:
        """A БИН: YYMM of registration, 4 (legal entity), 0 (head office), serial, check digit."""
        while True:
            first11 = f"{registered:%y%m}40{self.rng.randint(0, 99999):05d}"
            check = bin_check_digit(first11)
            if check is not None and first11 + str(check) not in self.numbers:
                self.numbers.add(first11 + str(check))
                return first11 + str(check)

    def inn_ogrn(self, registered: date, subject: int) -> tuple[str, str]:
        """An ИНН (subject, tax office, serial) and an ОГРН (1, year, subject, serial) with their check digits."""
        while True:
            first9 = f"{subject:02d}{self.rng.randint(1, 40):02d}{self.rng.randint(0, 99999):05d}"
            inn = first9 + ru_inn.calc_company_check_digit(first9)
            first12 = f"1{registered:%y}{subject:02d}{self.rng.randint(0, 9999999):07d}"
            ogrn = first12 + ru_ogrn.calc_check_digit(first12 + "0")  # stdnum's function ignores the last digit
            if inn not in self.numbers and ogrn not in self.numbers:
                self.numbers.update((inn, ogrn))
                return inn, ogrn

    def day(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def slug(self, text: str) -> str:
        base = _slug(text)[:40].strip("-") or "ngo"
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    def person(self, country: str) -> tuple[str, str, str]:
        """A fictional name (ru, kk left empty, en transliterated), unique within the demo."""
        pools = NAME_POOLS[country]
        female = self.rng.random() < 0.6  # women lead most NGOs in both countries
        while True:
            male_names, female_names, surnames, _ = self.rng.choices(pools, weights=[p[3] for p in pools])[0]
            surname = self.rng.choice(surnames)
            if female and surname not in INVARIANT_SURNAMES:
                surname += "а"
            name = f"{self.rng.choice(female_names if female else male_names)} {surname}"
            if name not in self.people:
                self.people.add(name)
                return name, "", translit(name)

    # --- organisations ---
    def name_options(self, theme: str, country: str, region: str) -> list[tuple[float, T]]:
        """Names for an organisation of the theme, weighted: the place's own, the city's, the theme's."""
        local = [(2.0, words) for code, regions, words in PLACE_NAMES if code == theme and region in regions]
        brands = THEME_WORDS[theme][2]
        return [*local, (1.5, self.city_brand(theme, country, region)), *((3.0 / len(brands), b) for b in brands)]

    def brand(self, themes: tuple[str, ...], country: str, region: str, form_ru: str) -> tuple[T, str]:
        """A name (ru, kk, en) and the full Russian name: unused in the country if possible, as in real registers."""
        options = [self.name_options(theme, country, region) for theme in themes]
        for pool in options:  # the main theme first, then the others
            fresh = [(w, words) for w, words in pool if (country, words[0]) not in self.names]
            if fresh:
                words = self.rng.choices([o[1] for o in fresh], weights=[o[0] for o in fresh])[0]
                return words, f"{form_ru} «{words[0]}»"
        # Every name is taken in the country: reuse one under another legal form, else add the city.
        pool = options[0]
        words = self.rng.choices([o[1] for o in pool], weights=[o[0] for o in pool])[0]
        full = f"{form_ru} «{words[0]}»"
        if full in self.full_names:
            full += f" (г. {KZ_CITIES[region][0] if country == 'KZ' else RU_CITIES[region][0]})"
        return words, full

    def city_brand(self, theme: str, country: str, region: str) -> T:
        """The theme's name with the city (ru genitive; Kazakh and English forms for Kazakh cities)."""
        if country == "KZ":
            _, gen, kk, en, _ = KZ_CITIES[region]
        else:
            kk, gen, en, _, _ = RU_CITIES[region]
        ru_name, kk_name, en_name = THEME_WORDS[theme][3]
        return ru_name.format(gen=gen), kk_name.format(kk=kk), en_name.format(en=en)

    def ngo(self, country: str, region: str) -> OrgSpec:
        rng = self.rng
        themes_all = list(THEME_WORDS)
        primary = rng.choices(themes_all, weights=[THEME_WORDS[t][0] for t in themes_all])[0]
        others = rng.sample([t for t in themes_all if t != primary], k=rng.choice((0, 1, 1, 2)))
        forms = [code for code in LEGAL_WORDS if code.startswith(country.lower())]
        form = rng.choices(forms, weights=[LEGAL_WORDS[c][0] for c in forms])[0]
        _, form_ru, form_kk, form_en, heads = LEGAL_WORDS[form]
        (brand_ru, brand_kk, brand_en), name_ru = self.brand((primary, *others), country, region, form_ru)
        self.names.add((country, brand_ru))
        self.full_names.add(name_ru)
        registered = self.day(date(1998, 1, 1), date(2024, 6, 30))
        slug = self.slug(brand_en)
        description = [THEME_WORDS[primary][1]]
        if rng.random() < 0.6:
            description.append(rng.choice(SECOND_SENTENCES))
        with_kk = country == "KZ" and rng.random() < 0.7
        with_en = rng.random() < (0.45 if country == "KZ" else 0.35)
        fields: dict[str, Any] = {
            "name_ru": name_ru,
            "kind": OrganisationKind.NGO,
            "legal_form": form,
            "country": country,
            "region": region,
            "registered_on": registered,
            "website": f"https://{slug}.example.org",
            "email": f"info@{slug}.example.org" if rng.random() < 0.5 else "",
            "description_ru": " ".join(d[0] for d in description),
        }
        if with_kk:
            fields["name_kk"] = f"«{brand_kk}» {form_kk}"
            fields["description_kk"] = " ".join(d[1] for d in description)
        if with_en:
            fields["name_en"] = f"{form_en} “{brand_en}”"
            fields["description_en"] = " ".join(d[2] for d in description)
        if country == "KZ":
            fields["bin"] = self.bin(registered)
        else:
            fields["inn"], fields["ogrn"] = self.inn_ogrn(registered, RU_CITIES[region][4])
        spec = OrgSpec(f"ngo-{len(self.ngos) + 1}", fields, (primary, *others))
        self.add_people(spec, heads)
        return spec

    def add_people(self, spec: OrgSpec, heads: tuple[str, ...]) -> None:
        """A head for every organisation; a unit with its head for some."""
        country, registered = spec.fields["country"], spec.fields["registered_on"]
        domain = spec.fields["website"].removeprefix("https://")
        self.plan.posts.append(
            PostSpec(
                self.person(country),
                spec.key,
                HEADS[self.rng.choice(heads)],
                start_date=self.day(registered, ANCHOR - timedelta(days=60)),
                email=f"head@{domain}",
            )
        )
        if self.rng.random() < 0.25:
            names, kind = self.rng.choice(UNIT_WORDS)
            unit = UnitSpec(f"{spec.key}-unit", spec.key, names, kind)
            self.plan.units.append(unit)
            self.plan.posts.append(
                PostSpec(
                    self.person(country),
                    spec.key,
                    HEAD_OF_UNIT,
                    unit=unit.key,
                    start_date=self.day(registered, ANCHOR - timedelta(days=30)),
                )
            )

    def sector(self) -> None:
        """The generated NGOs: every Kazakh region and 31 Russian ones, big cities having more."""
        self.plan.orgs.append(self.showcase())
        kz = self.regions_weighted(KZ_CITIES, KZ_NGOS - 1, minimum=6, weight_index=4)
        ru = self.regions_weighted(RU_CITIES, RU_NGOS, minimum=2, weight_index=3)
        for country, regions in (("KZ", kz), ("RU", ru)):
            for region in regions:
                spec = self.ngo(country, region)
                self.ngos.append(spec)
                self.plan.orgs.append(spec)

    def regions_weighted(self, cities: dict, total: int, *, minimum: int, weight_index: int) -> list[str]:
        codes = list(cities)
        extra = self.rng.choices(
            codes, weights=[cities[c][weight_index] for c in codes], k=total - minimum * len(codes)
        )
        return sorted([code for code in codes for _ in range(minimum)] + extra)

    def showcase(self) -> OrgSpec:
        """A fixed NGO in Almaty that the demo «NGO representative» acts for."""
        self.names.add(("KZ", "Равные возможности"))
        self.full_names.add("Общественный фонд «Равные возможности»")
        self.slugs.add("equal-opportunities")
        spec = OrgSpec(
            "showcase",
            {
                "name_ru": "Общественный фонд «Равные возможности»",
                "name_kk": "«Тең мүмкіндіктер» қоғамдық қоры",
                "name_en": "Public Foundation “Equal Opportunities”",
                "kind": OrganisationKind.NGO,
                "legal_form": "kz-public-fund",
                "country": "KZ",
                "region": "KZ-75",
                "bin": SHOWCASE_NGO_BIN,
                "registered_on": date(2012, 5, 14),
                "website": "https://equal-opportunities.example.org",
                "email": "info@equal-opportunities.example.org",
                "description_ru": THEME_WORDS["inclusion"][1][0] + " " + SECOND_SENTENCES[3][0],
                "description_kk": THEME_WORDS["inclusion"][1][1] + " " + SECOND_SENTENCES[3][1],
                "description_en": THEME_WORDS["inclusion"][1][2] + " " + SECOND_SENTENCES[3][2],
            },
            ("inclusion", "volunteering", "fundraising"),
        )
        self.ngos.append(spec)
        self.add_people(spec, ("director",))
        return spec

    # --- networks ---
    def network(
        self, key: str, country: str, region: str, names: T, short_name: str, themes: tuple[str, ...], registered: date
    ) -> OrgSpec:
        form = "kz-ale" if country == "KZ" else "ru-association"
        slug = self.slug(names[2].removeprefix("Association "))
        fields: dict[str, Any] = {
            "name_ru": names[0],
            "name_en": names[2],
            "short_name": short_name,
            "kind": OrganisationKind.NETWORK,
            "legal_form": form,
            "country": country,
            "region": region,
            "registered_on": registered,
            "website": f"https://{slug}.example.org",
            "email": f"office@{slug}.example.org",
            "description_ru": "Сеть некоммерческих организаций: обмен практиками, совместные проекты и "
            "представление интересов членов.",
            "description_en": "A network of non-profit organisations: exchange of practices, joint projects and "
            "representation of its members.",
        }
        if country == "KZ":
            fields["name_kk"] = names[1]
            fields["description_kk"] = (
                "Коммерциялық емес ұйымдар желісі: тәжірибе алмасу, бірлескен жобалар және "
                "мүшелердің мүдделерін білдіру."
            )
            fields["bin"] = self.bin(registered)
        else:
            fields["inn"], fields["ogrn"] = self.inn_ogrn(registered, RU_CITIES[region][4])
        spec = OrgSpec(key, fields, themes)
        self.plan.orgs.append(spec)
        self.plan.posts.append(
            PostSpec(
                self.person(country),
                key,
                HEADS["executive"],
                start_date=self.day(registered, ANCHOR - timedelta(days=90)),
                email=f"director@{slug}.example.org",
            )
        )
        return spec

    def members(self, network: OrgSpec, candidates: list[OrgSpec], count: int, *, since: date | None = None) -> None:
        """Link `count` of the candidates to the network; a fifth are associate members, a few have left."""
        opened = since or network.fields["registered_on"]
        chosen = self.rng.sample(candidates, k=min(count, len(candidates)))
        for member in sorted(chosen, key=lambda spec: spec.key):
            start = max(opened, member.fields.get("registered_on") or opened) + timedelta(days=30)
            joined = self.day(start, ANCHOR - timedelta(days=45))
            left = None
            if self.rng.random() < 0.05 and (ANCHOR - joined).days > 400:
                left = self.day(joined + timedelta(days=365), ANCHOR - timedelta(days=20))
            kind = MembershipType.ASSOCIATE if self.rng.random() < 0.2 else MembershipType.FULL
            self.plan.links.append(LinkSpec(network.key, member.key, kind, joined, left))

    def networks(self) -> None:
        """Seven regional, thematic and cross-border networks with members, and the members of ГАК."""
        made: list[OrgSpec] = []
        for key, country, region, names, short, themes, registered, pool, regions, theme, count in NETWORKS:
            network = self.network(key, country, region, names, short, themes, registered)
            candidates = [
                s for s in self.ngos
                if s.fields["country"] in pool and (not regions or s.fields["region"] in regions)
                and (not theme or theme in s.themes)
            ]  # fmt: skip
            self.members(network, candidates, count)
            made.append(network)
        # ГАК unites NGOs from every region of Kazakhstan (two at least from each), and the Kazakh networks.
        kz = [s for s in self.ngos if s.fields["country"] == "KZ"]
        kz_networks = [n for n in made if n.fields["country"] == "KZ"]
        by_region: dict[str, list[OrgSpec]] = {}
        for spec in kz:
            by_region.setdefault(spec.fields["region"], []).append(spec)
        chosen = [spec for region in sorted(by_region) for spec in self.rng.sample(by_region[region], k=2)]
        rest = [spec for spec in kz if spec not in chosen]
        chosen += self.rng.sample(rest, k=GAK_MEMBERS - len(chosen) - len(kz_networks))
        gak = next(spec for spec in self.plan.orgs if spec.key == "gak")
        self.members(gak, chosen + kz_networks, GAK_MEMBERS, since=date(2008, 1, 1))


# ---------------------------------------------------------------------------------------------------------------
# Writing the plan through the services
# ---------------------------------------------------------------------------------------------------------------
def _differs(obj: Any, fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if getattr(obj, k) != v}


class _Writer:
    """Creates what is missing and corrects what differs, through the registry services (audit, validation)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.done: Counter[str] = Counter()
        self.countries = {c.code: c for c in Country.objects.filter(code__in=["KZ", "RU"])}
        self.regions = {r.code: r for r in Region.objects.filter(country__in=["KZ", "RU"])}
        self.forms = {f.code: f for f in LegalForm.objects.all()}
        self.themes = {t.code: t for t in Theme.objects.all()}
        wanted_regions = {s.fields.get("region") for s in plan.orgs} - {None}
        wanted_themes = {t for s in plan.orgs for t in s.themes}
        wanted_forms = {s.fields.get("legal_form") for s in plan.orgs} - {None}
        missing = sorted(
            (wanted_regions - set(self.regions))
            | (wanted_themes - set(self.themes))
            | (wanted_forms - set(self.forms))
            | ({"KZ", "RU"} - set(self.countries))
        )
        if missing:
            raise LookupError(f"Reference data is missing ({', '.join(missing)}): run `civicbridge migrate` first.")
        self.orgs: dict[str, Organisation] = {}
        self.units: dict[str, Unit] = {}

    # --- organisations ---
    def _existing_orgs(self) -> dict[tuple, Organisation]:
        specs = self.plan.orgs
        keys = {f: [s.fields[f] for s in specs if s.fields.get(f)] for f in ("bin", "inn", "ogrn")}
        names = [s.fields["name_ru"] for s in specs if not any(s.fields.get(f) for f in keys)]
        query = (
            Organisation.objects.filter(bin__in=keys["bin"])
            | Organisation.objects.filter(inn__in=keys["inn"])
            | Organisation.objects.filter(ogrn__in=keys["ogrn"])
            | Organisation.objects.filter(name_ru__in=names)
        )
        found: dict[tuple, Organisation] = {}
        for org in query.select_related("country", "region", "legal_form").prefetch_related("themes"):
            for f in ("bin", "inn", "ogrn"):
                if getattr(org, f):
                    found[(f, getattr(org, f))] = org
            found.setdefault(("name", org.name_ru, org.country_id), org)
        return found

    def organisations(self) -> None:
        existing = self._existing_orgs()
        for spec in self.plan.orgs:
            f = dict(spec.fields)
            f["country"] = self.countries[f["country"]]
            f["region"] = self.regions[f["region"]] if f.get("region") else None
            f["legal_form"] = self.forms[f["legal_form"]] if f.get("legal_form") else None
            themes = [self.themes[code] for code in spec.themes]
            match = next(
                (existing[(k, f[k])] for k in ("bin", "ogrn", "inn") if f.get(k) and (k, f[k]) in existing), None
            ) or existing.get(("name", f["name_ru"], f["country"].code))
            if match is None:
                org = services.organisation_create(actor=None, themes=themes, **f)
                self.done["organisations created"] += 1
            else:
                changed = _differs(match, f)
                same_themes = {t.pk for t in match.themes.all()} == {t.pk for t in themes}
                org = match
                if changed or not same_themes:
                    org = services.organisation_update(
                        actor=None, organisation=match, themes=None if same_themes else themes, **changed
                    )
                    self.done["organisations updated"] += 1
            self.orgs[spec.key] = org

    # --- units ---
    def units_(self) -> None:
        existing = {(u.organisation_id, u.name_ru): u for u in Unit.objects.filter(organisation__in=self.orgs.values())}
        for spec in self.plan.units:
            org = self.orgs[spec.org]
            fields = {
                "name_ru": spec.names[0],
                "name_kk": spec.names[1],
                "name_en": spec.names[2],
                "kind": spec.kind,
                "parent": self.units[spec.parent] if spec.parent else None,
            }
            unit = existing.get((org.pk, spec.names[0]))
            if unit is None:
                unit = services.unit_create(actor=None, organisation=org, **fields)
                self.done["units created"] += 1
            elif changed := _differs(unit, fields):
                unit = services.unit_update(actor=None, unit=unit, **changed)
                self.done["units updated"] += 1
            self.units[spec.key] = unit

    # --- people and posts ---
    def posts(self, source: Source) -> None:
        existing = {
            (p.organisation_id, p.unit_id, p.title_ru, p.person.full_name_ru): p
            for p in Position.objects.filter(organisation__in=self.orgs.values()).select_related("person")
        }
        for spec in self.plan.posts:
            org = self.orgs[spec.org]
            unit = self.units[spec.unit] if spec.unit else None
            names = {"full_name_ru": spec.person[0], "full_name_kk": spec.person[1], "full_name_en": spec.person[2]}
            post = existing.get((org.pk, unit.pk if unit else None, spec.title[0], spec.person[0]))
            if post is None:
                # People of the report may already be in the registry (e.g. confirmed from another article).
                person = Person.objects.filter(full_name_ru=spec.person[0]).first() if spec.quote else None
                if person is None:
                    person = services.person_create(actor=None, email=spec.email, **names)
                    self.done["people created"] += 1
                post = services.position_create(
                    actor=None,
                    person=person,
                    organisation=org,
                    unit=unit,
                    title_ru=spec.title[0],
                    title_kk=spec.title[1],
                    title_en=spec.title[2],
                    start_date=spec.start_date,
                )
                self.done["positions created"] += 1
            else:
                # The report's people keep whatever contacts they have: the demo states only their names and posts.
                if changed := _differs(post.person, names if spec.quote else {**names, "email": spec.email}):
                    services.person_update(actor=None, person=post.person, **changed)
                    self.done["people updated"] += 1
                fields = {"title_kk": spec.title[1], "title_en": spec.title[2], "start_date": spec.start_date}
                if changed := _differs(post, fields):
                    services.position_update(actor=None, position=post, **changed)
                    self.done["positions updated"] += 1
            if spec.quote:
                cite(obj=post.person, source=source, quote=spec.quote)
                cite(obj=post, source=source, quote=spec.quote)

    # --- networks ---
    def links(self) -> None:
        networks = {spec.network for spec in self.plan.links}
        existing = {
            (m.network_id, m.member_id, m.joined_on): m
            for m in NetworkMembership.objects.filter(network__in=[self.orgs[key] for key in networks])
        }
        for spec in self.plan.links:
            network, member = self.orgs[spec.network], self.orgs[spec.member]
            link = existing.get((network.pk, member.pk, spec.joined_on))
            fields = {"membership_type": spec.membership_type, "left_on": spec.left_on}
            if link is None:
                services.network_membership_create(
                    actor=None, network=network, member=member, joined_on=spec.joined_on, **fields
                )
                self.done["memberships created"] += 1
            elif changed := _differs(link, fields):
                services.network_membership_update(actor=None, membership=link, **changed)
                self.done["memberships updated"] += 1

    def cite_report(self, source: Source) -> None:
        for spec in self.plan.orgs:
            if spec.quote:
                cite(obj=self.orgs[spec.key], source=source, quote=spec.quote)
        for spec in self.plan.units:
            if spec.quote:
                cite(obj=self.units[spec.key], source=source, quote=spec.quote)


def report_source() -> Source:
    """The source report as a Source (its full text when the file is at hand, else the quoted sentences)."""
    path = settings.BASE_DIR.parent / REPORT_PATH
    text = path.read_text(encoding="utf-8") if path.is_file() else "\n\n".join(REPORT_QUOTES)
    return source_get_or_create(title=REPORT_TITLE, kind=Source.Kind.ARTICLE, text=text)


def build_plan(rng: random.Random) -> Plan:
    """Every demo record of the registry, as data (the same for the same generator state)."""
    plan = Plan()
    _report_plan(plan)
    generator = _Generator(rng, plan)
    generator.sector()
    generator.networks()
    return plan


def load(*, stdout: Any, rng: random.Random | None = None) -> None:
    """Load (or bring up to date) the registry's demo data."""
    plan = build_plan(rng or random.Random(2026))  # noqa: S311 -- demo data, not secrets
    writer = _Writer(plan)
    source = report_source()
    writer.organisations()
    writer.units_()
    writer.posts(source)
    writer.links()
    writer.cite_report(source)
    done = ", ".join(f"{n} {what}" for what, n in sorted(writer.done.items())) or "nothing new"
    stdout.write(f"registry: {len(plan.orgs)} organisations in the demo; {done}.")
