"""The source report: its quotes, and the organisations, units and people it names with the posts it states."""

from __future__ import annotations

from django.conf import settings

from civicbridge.core.models import Source
from civicbridge.core.services import source_get_or_create

from ..choices import OrganisationKind, UnitKind
from .plan import OrgSpec, Plan, PostSpec, UnitSpec

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


def report_source() -> Source:
    """The source report as a Source (its full text when the file is at hand, else the quoted sentences)."""
    path = settings.BASE_DIR.parent / REPORT_PATH
    text = path.read_text(encoding="utf-8") if path.is_file() else "\n\n".join(REPORT_QUOTES)
    return source_get_or_create(title=REPORT_TITLE, kind=Source.Kind.ARTICLE, text=text)
