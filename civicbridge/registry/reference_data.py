"""Reference data every module shares: countries, ISO 3166-2 regions, the theme taxonomy and legal forms.

Pure data plus `seed_reference_data()`, which the data migration `registry.0002_reference_data` calls with historical
models and tests call with the real ones. Seeding upserts by code: it creates what is missing, rewrites names that
differ from the data here, never deletes (admins may add their own themes and legal forms), and a second run changes
nothing. Kazakh names should be reviewed by a native speaker before a release (see DOMAIN.md).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from typing import Any

from django.db import DatabaseError, models, transaction
from django.utils import translation
from django.utils.translation import gettext as _

# Common short names where pycountry's catalogue gives the official long form or a poor translation.
# code: (ru, kk, en)
COUNTRY_NAMES: dict[str, tuple[str, str, str]] = {
    "KZ": ("Казахстан", "Қазақстан", "Kazakhstan"),
    "RU": ("Россия", "Ресей", "Russia"),
    "US": ("США", "АҚШ", "United States"),
    "GB": ("Великобритания", "Ұлыбритания", "United Kingdom"),
    "CF": ("Центральноафриканская Республика", "Орталық Африка Республикасы", "Central African Republic"),
    "DO": ("Доминиканская Республика", "Доминикан Республикасы", "Dominican Republic"),
    "AS": ("Американское Самоа", "Америкалық Самоа", "American Samoa"),
    "TF": ("Французские Южные территории", "Францияның Оңтүстік аумақтары", "French Southern Territories"),
    "YT": ("Майотта", "Майотта", "Mayotte"),
    "MP": ("Северные Марианские Острова", "Солтүстік Мариана аралдары", "Northern Mariana Islands"),
}

# Kazakhstan: 17 oblasts and the three cities of republican significance. code: (ru, kk, en)
KZ_REGIONS: dict[str, tuple[str, str, str]] = {
    "KZ-10": ("Абайская область", "Абай облысы", "Abai Region"),
    "KZ-11": ("Акмолинская область", "Ақмола облысы", "Akmola Region"),
    "KZ-15": ("Актюбинская область", "Ақтөбе облысы", "Aktobe Region"),
    "KZ-19": ("Алматинская область", "Алматы облысы", "Almaty Region"),
    "KZ-23": ("Атырауская область", "Атырау облысы", "Atyrau Region"),
    "KZ-27": ("Западно-Казахстанская область", "Батыс Қазақстан облысы", "West Kazakhstan Region"),
    "KZ-31": ("Жамбылская область", "Жамбыл облысы", "Zhambyl Region"),
    "KZ-33": ("Жетысуская область", "Жетісу облысы", "Zhetysu Region"),
    "KZ-35": ("Карагандинская область", "Қарағанды облысы", "Karaganda Region"),
    "KZ-39": ("Костанайская область", "Қостанай облысы", "Kostanay Region"),
    "KZ-43": ("Кызылординская область", "Қызылорда облысы", "Kyzylorda Region"),
    "KZ-47": ("Мангистауская область", "Маңғыстау облысы", "Mangystau Region"),
    "KZ-55": ("Павлодарская область", "Павлодар облысы", "Pavlodar Region"),
    "KZ-59": ("Северо-Казахстанская область", "Солтүстік Қазақстан облысы", "North Kazakhstan Region"),
    "KZ-61": ("Туркестанская область", "Түркістан облысы", "Turkistan Region"),
    "KZ-62": ("Улытауская область", "Ұлытау облысы", "Ulytau Region"),
    "KZ-63": ("Восточно-Казахстанская область", "Шығыс Қазақстан облысы", "East Kazakhstan Region"),
    "KZ-71": ("Астана", "Астана", "Astana"),
    "KZ-75": ("Алматы", "Алматы", "Almaty"),
    "KZ-79": ("Шымкент", "Шымкент", "Shymkent"),
}

# Russia: the 83 subjects ISO 3166-2 lists, by their official Russian names. code: (ru, kk or None, en).
# A Kazakh name is given only where its Kazakh form is established (the capitals, the regions bordering
# Kazakhstan, a few republics); elsewhere the Kazakh column repeats the Russian name.
RU_REGIONS: dict[str, tuple[str, str | None, str]] = {
    "RU-AD": ("Республика Адыгея", None, "Republic of Adygea"),
    "RU-AL": ("Республика Алтай", "Алтай Республикасы", "Altai Republic"),
    "RU-ALT": ("Алтайский край", "Алтай өлкесі", "Altai Krai"),
    "RU-AMU": ("Амурская область", None, "Amur Oblast"),
    "RU-ARK": ("Архангельская область", None, "Arkhangelsk Oblast"),
    "RU-AST": ("Астраханская область", "Астрахан облысы", "Astrakhan Oblast"),
    "RU-BA": ("Республика Башкортостан", "Башқұртстан Республикасы", "Republic of Bashkortostan"),
    "RU-BEL": ("Белгородская область", None, "Belgorod Oblast"),
    "RU-BRY": ("Брянская область", None, "Bryansk Oblast"),
    "RU-BU": ("Республика Бурятия", None, "Republic of Buryatia"),
    "RU-CE": ("Чеченская Республика", None, "Chechen Republic"),
    "RU-CHE": ("Челябинская область", "Челябі облысы", "Chelyabinsk Oblast"),
    "RU-CHU": ("Чукотский автономный округ", None, "Chukotka Autonomous Okrug"),
    "RU-CU": ("Чувашская Республика", None, "Chuvash Republic"),
    "RU-DA": ("Республика Дагестан", None, "Republic of Dagestan"),
    "RU-IN": ("Республика Ингушетия", None, "Republic of Ingushetia"),
    "RU-IRK": ("Иркутская область", None, "Irkutsk Oblast"),
    "RU-IVA": ("Ивановская область", None, "Ivanovo Oblast"),
    "RU-KAM": ("Камчатский край", None, "Kamchatka Krai"),
    "RU-KB": ("Кабардино-Балкарская Республика", None, "Kabardino-Balkarian Republic"),
    "RU-KC": ("Карачаево-Черкесская Республика", None, "Karachay-Cherkess Republic"),
    "RU-KDA": ("Краснодарский край", None, "Krasnodar Krai"),
    "RU-KEM": ("Кемеровская область — Кузбасс", None, "Kemerovo Oblast — Kuzbass"),
    "RU-KGD": ("Калининградская область", None, "Kaliningrad Oblast"),
    "RU-KGN": ("Курганская область", "Қорған облысы", "Kurgan Oblast"),
    "RU-KHA": ("Хабаровский край", None, "Khabarovsk Krai"),
    "RU-KHM": ("Ханты-Мансийский автономный округ — Югра", None, "Khanty-Mansi Autonomous Okrug — Yugra"),
    "RU-KIR": ("Кировская область", None, "Kirov Oblast"),
    "RU-KK": ("Республика Хакасия", None, "Republic of Khakassia"),
    "RU-KL": ("Республика Калмыкия", None, "Republic of Kalmykia"),
    "RU-KLU": ("Калужская область", None, "Kaluga Oblast"),
    "RU-KO": ("Республика Коми", None, "Komi Republic"),
    "RU-KOS": ("Костромская область", None, "Kostroma Oblast"),
    "RU-KR": ("Республика Карелия", None, "Republic of Karelia"),
    "RU-KRS": ("Курская область", None, "Kursk Oblast"),
    "RU-KYA": ("Красноярский край", None, "Krasnoyarsk Krai"),
    "RU-LEN": ("Ленинградская область", None, "Leningrad Oblast"),
    "RU-LIP": ("Липецкая область", None, "Lipetsk Oblast"),
    "RU-MAG": ("Магаданская область", None, "Magadan Oblast"),
    "RU-ME": ("Республика Марий Эл", None, "Mari El Republic"),
    "RU-MO": ("Республика Мордовия", None, "Republic of Mordovia"),
    "RU-MOS": ("Московская область", "Мәскеу облысы", "Moscow Oblast"),
    "RU-MOW": ("Москва", "Мәскеу", "Moscow"),
    "RU-MUR": ("Мурманская область", None, "Murmansk Oblast"),
    "RU-NEN": ("Ненецкий автономный округ", None, "Nenets Autonomous Okrug"),
    "RU-NGR": ("Новгородская область", None, "Novgorod Oblast"),
    "RU-NIZ": ("Нижегородская область", None, "Nizhny Novgorod Oblast"),
    "RU-NVS": ("Новосибирская область", "Новосібір облысы", "Novosibirsk Oblast"),
    "RU-OMS": ("Омская область", "Омбы облысы", "Omsk Oblast"),
    "RU-ORE": ("Оренбургская область", "Орынбор облысы", "Orenburg Oblast"),
    "RU-ORL": ("Орловская область", None, "Oryol Oblast"),
    "RU-PER": ("Пермский край", None, "Perm Krai"),
    "RU-PNZ": ("Пензенская область", None, "Penza Oblast"),
    "RU-PRI": ("Приморский край", None, "Primorsky Krai"),
    "RU-PSK": ("Псковская область", None, "Pskov Oblast"),
    "RU-ROS": ("Ростовская область", None, "Rostov Oblast"),
    "RU-RYA": ("Рязанская область", None, "Ryazan Oblast"),
    "RU-SA": ("Республика Саха (Якутия)", None, "Sakha (Yakutia) Republic"),
    "RU-SAK": ("Сахалинская область", None, "Sakhalin Oblast"),
    "RU-SAM": ("Самарская область", "Самара облысы", "Samara Oblast"),
    "RU-SAR": ("Саратовская область", "Саратов облысы", "Saratov Oblast"),
    "RU-SE": ("Республика Северная Осетия — Алания", None, "Republic of North Ossetia — Alania"),
    "RU-SMO": ("Смоленская область", None, "Smolensk Oblast"),
    "RU-SPE": ("Санкт-Петербург", "Санкт-Петербург", "Saint Petersburg"),
    "RU-STA": ("Ставропольский край", None, "Stavropol Krai"),
    "RU-SVE": ("Свердловская область", "Свердлов облысы", "Sverdlovsk Oblast"),
    "RU-TA": ("Республика Татарстан", "Татарстан Республикасы", "Republic of Tatarstan"),
    "RU-TAM": ("Тамбовская область", None, "Tambov Oblast"),
    "RU-TOM": ("Томская область", None, "Tomsk Oblast"),
    "RU-TUL": ("Тульская область", None, "Tula Oblast"),
    "RU-TVE": ("Тверская область", None, "Tver Oblast"),
    "RU-TY": ("Республика Тыва", None, "Tuva Republic"),
    "RU-TYU": ("Тюменская область", "Түмен облысы", "Tyumen Oblast"),
    "RU-UD": ("Удмуртская Республика", None, "Udmurt Republic"),
    "RU-ULY": ("Ульяновская область", None, "Ulyanovsk Oblast"),
    "RU-VGG": ("Волгоградская область", "Волгоград облысы", "Volgograd Oblast"),
    "RU-VLA": ("Владимирская область", None, "Vladimir Oblast"),
    "RU-VLG": ("Вологодская область", None, "Vologda Oblast"),
    "RU-VOR": ("Воронежская область", None, "Voronezh Oblast"),
    "RU-YAN": ("Ямало-Ненецкий автономный округ", None, "Yamalo-Nenets Autonomous Okrug"),
    "RU-YAR": ("Ярославская область", None, "Yaroslavl Oblast"),
    "RU-YEV": ("Еврейская автономная область", None, "Jewish Autonomous Oblast"),
    "RU-ZAB": ("Забайкальский край", None, "Zabaykalsky Krai"),
}

# The theme taxonomy. The first four are the fields of cooperation the source report names.
# (code, ru, kk, en, ru description, en description)
# fmt: off
THEMES: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("inclusion", "Инклюзия", "Инклюзия", "Inclusion",
     "Равные возможности для людей с инвалидностью и всех, кому мешают барьеры.",
     "Equal opportunities for people with disabilities and everyone facing barriers."),
    ("fundraising", "Фандрайзинг", "Фандрайзинг", "Fundraising",
     "Привлечение средств на проекты и устойчивость организаций.",
     "Raising funds for projects and for the sustainability of organisations."),
    ("volunteering", "Волонтёрство", "Еріктілік", "Volunteering",
     "Вовлечение волонтёров и развитие добровольчества.",
     "Engaging volunteers and developing volunteering."),
    ("ecology", "Экология", "Экология", "Ecology",
     "Охрана окружающей среды и экологическое просвещение.",
     "Protecting the environment and environmental education."),
    ("education", "Образование", "Білім беру", "Education",
     "Образование, просвещение и обучение взрослых.",
     "Education, outreach and adult learning."),
    ("health", "Здравоохранение", "Денсаулық сақтау", "Health",
     "Здоровье, профилактика и помощь больным.",
     "Health, prevention and care for the sick."),
    ("social-support", "Социальная поддержка", "Әлеуметтік қолдау", "Social support",
     "Социальные услуги и помощь людям в трудной жизненной ситуации.",
     "Social services and help for people in hardship."),
    ("children-youth", "Дети и молодёжь", "Балалар мен жастар", "Children and youth",
     "Поддержка детей, семей с детьми и молодёжные инициативы.",
     "Support for children and families, and youth initiatives."),
    ("elderly", "Старшее поколение", "Аға буын", "Older people",
     "Поддержка и активное долголетие пожилых людей.",
     "Support and active ageing for older people."),
    ("human-rights", "Права человека", "Адам құқықтары", "Human rights",
     "Защита прав и свобод человека.",
     "Protecting human rights and freedoms."),
    ("culture", "Культура", "Мәдениет", "Culture",
     "Культура, искусство и сохранение наследия.",
     "Culture, the arts and heritage."),
    ("sport", "Спорт", "Спорт", "Sport",
     "Физическая культура, спорт и здоровый образ жизни.",
     "Physical activity, sport and healthy living."),
    ("legal-aid", "Правовая помощь", "Құқықтық көмек", "Legal aid",
     "Бесплатные юридические консультации и правовое просвещение.",
     "Free legal advice and legal education."),
    ("civic-participation", "Гражданское участие", "Азаматтық қатысу", "Civic participation",
     "Участие граждан в принятии решений и общественный контроль.",
     "Citizens' participation in decision-making and public oversight."),
    ("local-development", "Местное развитие", "Жергілікті даму", "Local development",
     "Развитие местных сообществ и местного самоуправления.",
     "Developing local communities and local self-government."),
    ("anti-corruption", "Противодействие коррупции", "Сыбайлас жемқорлыққа қарсы іс-қимыл", "Anti-corruption",
     "Прозрачность, подотчётность и противодействие коррупции.",
     "Transparency, accountability and fighting corruption."),
    ("gender-equality", "Гендерное равенство", "Гендерлік теңдік", "Gender equality",
     "Равные права и возможности женщин и мужчин.",
     "Equal rights and opportunities for women and men."),
    ("migration", "Миграция", "Көші-қон", "Migration",
     "Помощь мигрантам и их адаптация.",
     "Help for migrants and their integration."),
    ("interethnic-harmony", "Межэтническое согласие", "Этносаралық келісім", "Interethnic harmony",
     "Межэтнический диалог и согласие.",
     "Dialogue and harmony between ethnic groups."),
    ("animal-welfare", "Защита животных", "Жануарларды қорғау", "Animal welfare",
     "Защита животных и ответственное обращение с ними.",
     "Animal protection and responsible treatment of animals."),
    ("media", "Медиа", "Медиа", "Media",
     "Независимые СМИ, медиаграмотность и доступ к информации.",
     "Independent media, media literacy and access to information."),
    ("science", "Наука", "Ғылым", "Science",
     "Наука, исследования и популяризация знаний.",
     "Science, research and popularising knowledge."),
    ("charity", "Благотворительность", "Қайырымдылық", "Charity",
     "Благотворительная помощь и развитие культуры пожертвований.",
     "Charitable help and a culture of giving."),
    ("veterans", "Ветераны", "Ардагерлер", "Veterans",
     "Поддержка ветеранов и сохранение исторической памяти.",
     "Support for veterans and preserving historical memory."),
)
# fmt: on

# Legal forms by country. (code, country, abbreviation, ru, kk, en)
# fmt: off
LEGAL_FORMS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("kz-public-association", "KZ", "ОО", "Общественное объединение", "Қоғамдық бірлестік", "Public association"),
    ("kz-public-fund", "KZ", "ОФ", "Общественный фонд", "Қоғамдық қор", "Public foundation"),
    ("kz-ale", "KZ", "ОЮЛ", "Объединение юридических лиц в форме ассоциации (союза)",
     "Қауымдастық (одақ) нысанындағы заңды тұлғалар бірлестігі", "Association of legal entities"),
    ("kz-private-institution", "KZ", "ЧУ", "Частное учреждение", "Жеке мекеме", "Private institution"),
    ("kz-religious-association", "KZ", "", "Религиозное объединение", "Діни бірлестік", "Religious association"),
    ("kz-state-institution", "KZ", "ГУ", "Государственное учреждение", "Мемлекеттік мекеме", "State institution"),
    ("kz-jsc", "KZ", "АО", "Акционерное общество", "Акционерлік қоғам", "Joint-stock company"),
    ("kz-llp", "KZ", "ТОО", "Товарищество с ограниченной ответственностью",
     "Жауапкершілігі шектеулі серіктестік", "Limited liability partnership"),
    ("ru-ano", "RU", "АНО", "Автономная некоммерческая организация", "Автономды коммерциялық емес ұйым",
     "Autonomous non-profit organisation"),
    ("ru-public-organisation", "RU", "ОО", "Общественная организация", "Қоғамдық ұйым", "Public organisation"),
    ("ru-fund", "RU", "", "Фонд", "Қор", "Foundation"),
    ("ru-association", "RU", "", "Ассоциация (союз)", "Қауымдастық (одақ)", "Association (union)"),
    ("ru-public-movement", "RU", "ОД", "Общественное движение", "Қоғамдық қозғалыс", "Public movement"),
    ("ru-religious-organisation", "RU", "", "Религиозная организация", "Діни ұйым", "Religious organisation"),
    ("ru-state-institution", "RU", "ГУ", "Государственное учреждение", "Мемлекеттік мекеме", "State institution"),
    ("ru-public-law-company", "RU", "ППК", "Публично-правовая компания", "Жария-құқықтық компания",
     "Public-law company"),
    ("ru-llc", "RU", "ООО", "Общество с ограниченной ответственностью", "Жауапкершілігі шектеулі қоғам",
     "Limited liability company"),
)
# fmt: on


def _names(ru: str, kk: str, en: str) -> dict[str, str]:
    return {"name": ru, "name_ru": ru, "name_kk": kk, "name_en": en}


def country_rows() -> list[dict[str, Any]]:
    """Every ISO 3166-1 country with ru/kk/en names (pycountry's catalogues, common short names where curated)."""
    import pycountry

    catalogues = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in ("ru", "kk")
    }

    def translate(lang: str, country: Any) -> str:
        # Prefer the common name ("South Korea") when the catalogue translates it; otherwise the ISO name.
        # A missing translation falls back to the English msgid.
        common = getattr(country, "common_name", None)
        if common and catalogues[lang].gettext(common) != common:
            return catalogues[lang].gettext(common)
        return catalogues[lang].gettext(country.name)

    rows = []
    for country in pycountry.countries:
        code = country.alpha_2
        if code in COUNTRY_NAMES:
            ru, kk, en = COUNTRY_NAMES[code]
        else:
            en = getattr(country, "common_name", None) or country.name
            ru, kk = translate("ru", country), translate("kk", country)
        rows.append({"code": code, **_names(ru, kk, en)})
    return rows


def region_rows() -> list[dict[str, Any]]:
    """KZ and RU subdivisions with curated names; other countries' top-level subdivisions under pycountry's name."""
    import pycountry

    curated: dict[str, tuple[str, str | None, str]] = {**KZ_REGIONS, **RU_REGIONS}
    rows = []
    for sub in pycountry.subdivisions:
        if sub.code in curated:
            ru, kk, en = curated[sub.code]
            names = _names(ru, kk or ru, en)
        elif sub.parent_code is None:
            # Also a KZ/RU subdivision a newer pycountry adds before it is curated here (a test reports that).
            names = _names(sub.name, sub.name, sub.name)
        else:
            continue
        rows.append({"code": sub.code, "country_id": sub.country_code, "kind": sub.type, **names})
    return rows


def theme_rows() -> list[dict[str, Any]]:
    """The themes in display order (the report's four first)."""
    return [
        {
            "code": code,
            **_names(ru, kk, en),
            "description": desc_ru,
            "description_ru": desc_ru,
            "description_en": desc_en,
            "order": (i + 1) * 10,
        }
        for i, (code, ru, kk, en, desc_ru, desc_en) in enumerate(THEMES)
    ]


def legal_form_rows() -> list[dict[str, Any]]:
    """The legal forms of Kazakhstan and Russia."""
    return [
        {"code": code, "country_id": country, "abbreviation": abbr, **_names(ru, kk, en)}
        for code, country, abbr, ru, kk, en in LEGAL_FORMS
    ]


def _sync(model: type[models.Model], rows: Iterable[dict[str, Any]], *, using: str, bulk: bool) -> tuple[int, int]:
    """Upsert `rows` by code: create the missing, update the differing; returns (created, updated).

    `bulk` writes with bulk_create/bulk_update (no signals): right for the large, unaudited country and region tables,
    whose primary key is the code. Otherwise each row is saved, so the audit log sees changes to themes and forms.
    """
    known = {f.attname for f in model._meta.concrete_fields}
    # A column this data names but the model lacks (an older historical model) is skipped, not an error.
    rows = [{k: v for k, v in row.items() if k in known} for row in rows]
    fields = sorted({k for row in rows for k in row} - {"code"})
    manager = model._base_manager.db_manager(using)
    existing = {row["code"]: row for row in manager.values("code", *fields)}
    to_create, to_update = [], []
    for row in rows:
        current = existing.get(row["code"])
        if current is None:
            to_create.append(model(**row))
        elif any(current[field] != row[field] for field in fields):
            to_update.append(row)
    if bulk:
        manager.bulk_create(to_create, batch_size=500)
        manager.bulk_update([model(**row) for row in to_update], fields, batch_size=500)
    else:
        for obj in to_create:
            obj.save(using=using, force_insert=True)
        for row in to_update:
            obj = manager.get(code=row["code"])
            for field in fields:
                setattr(obj, field, row[field])
            obj.save(using=using, update_fields=fields)
    return len(to_create), len(to_update)


def seed_reference_data(apps: Any = None, *, using: str = "default") -> dict[str, tuple[int, int]]:
    """Create or update countries, regions, themes and legal forms; idempotent. Returns {model: (created, updated)}."""
    if apps is None:
        from django.apps import apps
    get = apps.get_model
    # modeltranslation maps `name` to the active language's column on real models; Russian is the original.
    with translation.override("ru"):
        return {
            "country": _sync(get("registry", "Country"), country_rows(), using=using, bulk=True),
            "region": _sync(get("registry", "Region"), region_rows(), using=using, bulk=True),
            "theme": _sync(get("registry", "Theme"), theme_rows(), using=using, bulk=False),
            "legal_form": _sync(get("registry", "LegalForm"), legal_form_rows(), using=using, bulk=False),
        }


def codes_help() -> str:
    """Theme and legal-form codes for importers' --help, read from the database (static data if it is unavailable)."""
    themes: list[str] = []
    forms: dict[str, list[str]] = {}
    try:
        from django.apps import apps

        theme_model, form_model = apps.get_model("registry", "Theme"), apps.get_model("registry", "LegalForm")
        # A savepoint, so that a missing table does not break a PostgreSQL transaction the caller is in.
        with transaction.atomic():
            themes = list(theme_model._base_manager.order_by("order", "code").values_list("code", flat=True))
            for code, country, abbr in form_model._base_manager.order_by("country_id", "code").values_list(
                "code", "country_id", "abbreviation"
            ):
                forms.setdefault(country, []).append(f"{code} ({abbr})" if abbr else code)
    except DatabaseError:
        themes, forms = [], {}
    if not themes:
        themes = [row[0] for row in THEMES]
        forms = {}
        for form in LEGAL_FORMS:
            code, country, abbr = form[:3]
            forms.setdefault(country, []).append(f"{code} ({abbr})" if abbr else code)
    lines = [_("Theme codes: %(codes)s.") % {"codes": ", ".join(themes)}]
    lines += [
        _("Legal-form codes (%(country)s): %(codes)s.") % {"country": country, "codes": ", ".join(codes)}
        for country, codes in forms.items()
    ]
    return "\n".join(lines)
