"""The publishers and partners of the exchange demo: the registry demo's showcase NGO and ГАК, and 30 more NGOs.

The registry demo generates its sector from a random generator, so its names are not fixed; the exchange demo needs
publishers whose names a search test can expect, so it adds its own NGOs, with fixed names and identifiers that have
valid check digits (БИН for Kazakhstan, ИНН and ОГРН for Russia). All of them are fictional; sites are on example.org.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from stdnum.ru import inn as ru_inn
from stdnum.ru import ogrn as ru_ogrn

from civicbridge.registry.identifiers import bin_check_digit

# Keys of the organisations the registry demo already has (found by its natural keys, not created here).
SHOWCASE, GAK = "showcase", "gak"


def kz_bin(registered: date, serial: int) -> str:
    """A БИН of a legal entity's head office registered that month (the next serial if no check digit exists)."""
    while True:
        first11 = f"{registered:%y%m}40{serial:05d}"
        check = bin_check_digit(first11)
        if check is not None:
            return first11 + str(check)
        serial += 1


def ru_inn_ogrn(registered: date, subject: int, serial: int) -> tuple[str, str]:
    """An ИНН (subject, tax office 01, serial) and an ОГРН (1, year, subject, serial) with their check digits."""
    first9 = f"{subject:02d}01{serial:05d}"
    first12 = f"1{registered:%y}{subject:02d}{serial:07d}"
    return first9 + ru_inn.calc_company_check_digit(first9), first12 + ru_ogrn.calc_check_digit(first12 + "0")


@dataclass(frozen=True)
class Org:
    """A demo NGO: key, legal form, region, registration, slug of its site, names and descriptions (ru, kk, en)."""

    key: str
    legal_form: str
    region: str
    registered: date
    slug: str
    names: tuple[str, str, str]
    description: tuple[str, str, str]
    themes: tuple[str, ...]
    serial: int

    @property
    def country(self) -> str:
        return self.region[:2]

    @property
    def website(self) -> str:
        return f"https://{self.slug}.example.org"

    def fields(self, subject: int) -> dict[str, Any]:
        """The registry fields of the organisation (`subject`: the Russian region's code in ИНН and ОГРН)."""
        fields: dict[str, Any] = {
            "name_ru": self.names[0],
            "name_kk": self.names[1],
            "name_en": self.names[2],
            "kind": "ngo",
            "legal_form": self.legal_form,
            "country": self.country,
            "region": self.region,
            "registered_on": self.registered,
            "website": self.website,
            "email": f"info@{self.slug}.example.org",
            "description_ru": self.description[0],
            "description_kk": self.description[1],
            "description_en": self.description[2],
        }
        if self.country == "KZ":
            fields["bin"] = kz_bin(self.registered, self.serial)
        else:
            fields["inn"], fields["ogrn"] = ru_inn_ogrn(self.registered, subject, self.serial)
        return fields


# The code of a Russian region in ИНН and ОГРН.
RU_SUBJECTS = {
    "RU-MOW": 77, "RU-SPE": 78, "RU-OMS": 55, "RU-NVS": 54, "RU-TA": 16, "RU-ORE": 56, "RU-SVE": 66, "RU-ALT": 22,
    "RU-CHE": 74, "RU-AST": 30, "RU-KGN": 45, "RU-SAM": 63, "RU-TOM": 70, "RU-BA": 2,
}  # fmt: skip

# fmt: off
ORGS: tuple[Org, ...] = (
    # --- Kazakhstan ---
    Org("ertis", "kz-public-fund", "KZ-55", date(2011, 3, 15), "ertis-resource",
        ("Общественный фонд «Ресурсный центр «Ертіс»", "«Ертіс» ресурстық орталығы» қоғамдық қоры",
         "Public Foundation “Ertis Resource Centre”"),
        ("Ресурсный центр для НПО Павлодарской области: курсы фандрайзинга для малых организаций, консультации по "
         "отчётности и сопровождение первых грантовых заявок.",
         "Павлодар облысының ҮЕҰ-на арналған ресурстық орталық: шағын ұйымдарға фандрайзинг курстары, есептілік "
         "бойынша кеңестер және алғашқы гранттық өтінімдерді сүйемелдеу.",
         "A resource centre for NGOs of Pavlodar Region: fundraising courses for small organisations, advice on "
         "reporting and support with first grant applications."),
        ("fundraising", "education"), 10311),
    Org("saryarka", "kz-public-association", "KZ-35", date(2009, 6, 2), "saryarka-eco",
        ("Общественное объединение «Экологическое общество «Сарыарка»", "«Сарыарқа» экологиялық қоғамы» қоғамдық "
         "бірлестігі", "Public Association “Saryarka Ecological Society”"),
        ("Экологическое просвещение и общественный экологический контроль в Карагандинской области: мониторинг "
         "воздуха, раздельный сбор отходов, озеленение промышленных городов.",
         "Қарағанды облысындағы экологиялық ағарту және қоғамдық экологиялық бақылау: ауаны бақылау, қалдықтарды "
         "бөлек жинау, өнеркәсіптік қалаларды көгалдандыру.",
         "Environmental education and public environmental oversight in Karaganda Region: air monitoring, separate "
         "waste collection and greening industrial towns."),
        ("ecology", "civic-participation"), 20452),
    Org("zhurek", "kz-public-association", "KZ-71", date(2014, 9, 10), "zhurek-volunteers",
        ("Общественное объединение «Волонтёрское движение «Жүрек»", "«Жүрек» еріктілер қозғалысы» қоғамдық "
         "бірлестігі", "Public Association “Zhurek Volunteer Movement”"),
        ("Объединяет волонтёров Астаны: школа координаторов, волонтёрские смены в больницах, домах престарелых и на "
         "городских событиях.",
         "Астана еріктілерін біріктіреді: үйлестірушілер мектебі, ауруханаларда, қарттар үйлерінде және қалалық "
         "іс-шараларда еріктілер кезекшілігі.",
         "Brings together volunteers of Astana: a school for coordinators, volunteer shifts in hospitals, care homes "
         "and city events."),
        ("volunteering", "elderly"), 31207),
    Org("zharyk", "kz-public-fund", "KZ-79", date(2016, 2, 18), "zharyk-inclusion",
        ("Общественный фонд «Инклюзивный центр «Жарық»", "«Жарық» инклюзивті орталығы» қоғамдық қоры",
         "Public Foundation “Zharyk Inclusion Centre”"),
        ("Помогает детям с особыми образовательными потребностями учиться в обычных школах Шымкента и Туркестанской "
         "области: тьюторы, ресурсные классы, обучение учителей.",
         "Шымкент пен Түркістан облысында ерекше білім беру қажеттіліктері бар балалардың жалпы мектептерде оқуына "
         "көмектеседі: тьюторлар, ресурстық сыныптар, мұғалімдерді оқыту.",
         "Helps children with special educational needs learn in ordinary schools of Shymkent and Turkistan Region: "
         "tutors, resource classrooms and teacher training."),
        ("inclusion", "education"), 40118),
    Org("altai-eco", "kz-public-fund", "KZ-63", date(2008, 4, 22), "altai-ecocentre",
        ("Общественный фонд «Экоцентр «Алтай»", "«Алтай» экоорталығы» қоғамдық қоры",
         "Public Foundation “Altai Eco Centre”"),
        ("Охрана природы Восточного Казахстана: чистые берега Иртыша и Ульбы, экотропы, школьный экомониторинг.",
         "Шығыс Қазақстан табиғатын қорғау: Ертіс пен Үлбі жағалауларын тазарту, экосоқпақтар, мектептік "
         "экомониторинг.",
         "Nature protection in East Kazakhstan: clean banks of the Irtysh and Ulba, eco trails and school "
         "environmental monitoring."),
        ("ecology", "education"), 50333),
    Org("auyl-zhastary", "kz-public-association", "KZ-39", date(2017, 11, 5), "auyl-zhastary",
        ("Общественное объединение «Ауыл жастары»", "«Ауыл жастары» қоғамдық бірлестігі",
         "Public Association “Rural Youth”"),
        ("Молодёжные инициативы в сёлах Костанайской области: клубы, волонтёрские отряды, малые гранты на "
         "благоустройство.",
         "Қостанай облысы ауылдарындағы жастар бастамалары: клубтар, еріктілер жасақтары, абаттандыруға шағын "
         "гранттар.",
         "Youth initiatives in the villages of Kostanay Region: clubs, volunteer teams and small grants for public "
         "spaces."),
        ("children-youth", "local-development", "volunteering"), 60241),
    Org("zhaiyk", "kz-public-fund", "KZ-27", date(2012, 7, 19), "zhaiyk-river",
        ("Общественный фонд «Жайык — живая река»", "«Жайық — тірі өзен» қоғамдық қоры",
         "Public Foundation “Zhaiyk — a Living River”"),
        ("Защищает реку Урал (Жайык) вместе с российскими партнёрами: мониторинг воды, очистка берегов, "
         "экологические экспедиции школьников.",
         "Ресейлік серіктестермен бірге Жайық өзенін қорғайды: суды бақылау, жағалауды тазарту, оқушылардың "
         "экологиялық экспедициялары.",
         "Protects the Ural (Zhaiyk) River with Russian partners: water monitoring, river bank clean-ups and "
         "environmental expeditions for school students."),
        ("ecology", "volunteering"), 70125),
    Org("kumis-zhurek", "kz-public-association", "KZ-59", date(2013, 10, 8), "silver-hearts",
        ("Общественное объединение «Серебряные сердца»", "«Күміс жүректер» қоғамдық бірлестігі",
         "Public Association “Silver Hearts”"),
        ("Клубы активного долголетия в Петропавловске и районах Северо-Казахстанской области: цифровая грамотность, "
         "здоровье, серебряное волонтёрство.",
         "Петропавл мен Солтүстік Қазақстан облысының аудандарындағы белсенді ұзақ өмір клубтары: цифрлық "
         "сауаттылық, денсаулық, күміс еріктілік.",
         "Active ageing clubs in Petropavl and the districts of North Kazakhstan Region: digital literacy, health "
         "and silver volunteering."),
        ("elderly", "volunteering"), 80419),
    Org("syr-eli", "kz-public-association", "KZ-43", date(2015, 5, 27), "syr-eli-youth",
        ("Общественное объединение «Сыр елі жастары»", "«Сыр елі жастары» қоғамдық бірлестігі",
         "Public Association “Youth of the Syr Region”"),
        ("Молодёжь Кызылординской области за Арал: экологические акции, посадка саксаула, просвещение в аулах.",
         "Қызылорда облысының жастары Арал үшін: экологиялық акциялар, сексеуіл отырғызу, ауылдарда ағарту.",
         "Young people of Kyzylorda Region for the Aral: environmental campaigns, saxaul planting and outreach in "
         "villages."),
        ("ecology", "children-youth"), 90277),
    Org("meirim", "kz-public-fund", "KZ-61", date(2010, 12, 1), "meirim-zholy",
        ("Общественный фонд «Мейірім жолы»", "«Мейірім жолы» қоғамдық қоры", "Public Foundation “Path of Mercy”"),
        ("Благотворительный фонд Туркестанской области: адресная помощь многодетным семьям, продуктовые наборы, "
         "сбор пожертвований через мечети, школы и местный бизнес.",
         "Түркістан облысының қайырымдылық қоры: көпбалалы отбасыларға атаулы көмек, азық-түлік себеттері, "
         "мешіттер, мектептер және жергілікті бизнес арқылы қайырымдылық жинау.",
         "A charity of Turkistan Region: targeted help for large families, food parcels and donations collected "
         "through mosques, schools and local business."),
        ("charity", "social-support", "fundraising"), 11408),
    Org("birlesip", "kz-public-fund", "KZ-75", date(2018, 3, 6), "birlesip-philanthropy",
        ("Общественный фонд «Центр филантропии «Бірлесіп»", "«Бірлесіп» филантропия орталығы» қоғамдық қоры",
         "Public Foundation “Birlesip Philanthropy Centre”"),
        ("Развивает частную филантропию в Казахстане: краудфандинговая платформа для НПО, эндаумент-фонды, "
         "исследования благотворительности.",
         "Қазақстанда жеке филантропияны дамытады: ҮЕҰ-ға арналған краудфандинг платформасы, эндаумент-қорлар, "
         "қайырымдылықты зерттеу.",
         "Develops private philanthropy in Kazakhstan: a crowdfunding platform for NGOs, endowment funds and "
         "research on giving."),
        ("fundraising", "charity"), 12563),
    Org("eurasia-hub", "kz-private-institution", "KZ-75", date(2015, 8, 14), "eurasia-civic-hub",
        ("Частное учреждение «Евразийский хаб гражданского общества»", "«Еуразиялық азаматтық қоғам хабы» жеке "
         "мекемесі", "Eurasian Civil Society Hub"),
        ("Региональное представительство международной сети в Алматы: исследования, обучение и обмен практиками "
         "между НПО Центральной Азии и Европы; рабочий язык — английский.",
         "Халықаралық желінің Алматыдағы өңірлік өкілдігі: Орталық Азия мен Еуропа ҮЕҰ арасындағы зерттеулер, "
         "оқыту және тәжірибе алмасу; жұмыс тілі — ағылшын тілі.",
         "The Almaty office of an international network: research, training and exchange of practices between "
         "NGOs of Central Asia and Europe; working language English."),
        ("civic-participation", "education", "fundraising"), 13710),
    Org("quqyq", "kz-public-association", "KZ-15", date(2012, 1, 30), "legal-shield-aktobe",
        ("Общественное объединение «Правовой щит»", "«Құқықтық қалқан» қоғамдық бірлестігі",
         "Public Association “Legal Shield”"),
        ("Бесплатная юридическая помощь жителям Актюбинской области: выездные консультации в сёлах, правовая "
         "поддержка людей с инвалидностью и НПО.",
         "Ақтөбе облысының тұрғындарына тегін заң көмегі: ауылдардағы көшпелі кеңестер, мүгедектігі бар адамдар мен "
         "ҮЕҰ-ға құқықтық қолдау.",
         "Free legal aid for residents of Aktobe Region: mobile advice sessions in villages and legal support for "
         "people with disabilities and NGOs."),
        ("legal-aid", "human-rights"), 14822),
    Org("umit-semey", "kz-public-fund", "KZ-10", date(2007, 9, 12), "umit-semey",
        ("Общественный фонд «Үміт — Семей»", "«Үміт — Семей» қоғамдық қоры", "Public Foundation “Umit — Semey”"),
        ("Паллиативная помощь и поддержка семей, где есть тяжелобольные, в области Абай: выездная служба, "
         "школа ухода, психологическая помощь.",
         "Абай облысында ауыр науқастары бар отбасыларға паллиативтік көмек және қолдау: көшпелі қызмет, күтім "
         "мектебі, психологиялық көмек.",
         "Palliative care and support for families of the seriously ill in Abai Region: a home visiting service, a "
         "care school and psychological support."),
        ("health", "social-support"), 15934),
    Org("kaspiy", "kz-public-fund", "KZ-23", date(2013, 4, 3), "kaspiy-tabigaty",
        ("Общественный фонд «Каспий табиғаты»", "«Каспий табиғаты» қоғамдық қоры",
         "Public Foundation “Caspian Nature”"),
        ("Сохраняет природу северного Каспия: учёт каспийского тюленя, очистка побережья, работа с рыбаками.",
         "Солтүстік Каспий табиғатын сақтайды: каспий итбалығын есепке алу, жағалауды тазарту, балықшылармен жұмыс.",
         "Protects the nature of the northern Caspian: counts of the Caspian seal, shore clean-ups and work with "
         "fishermen."),
        ("ecology", "animal-welfare"), 16045),
    Org("zhetysu", "kz-public-association", "KZ-33", date(2019, 6, 20), "zhetysu-eriktileri",
        ("Общественное объединение «Жетісу еріктілері»", "«Жетісу еріктілері» қоғамдық бірлестігі",
         "Public Association “Zhetysu Volunteers”"),
        ("Волонтёрский центр области Жетісу: помощь при паводках, поисково-спасательные отряды, добровольцы в "
         "сельских школах.",
         "Жетісу облысының еріктілер орталығы: су тасқыны кезіндегі көмек, іздестіру-құтқару жасақтары, ауыл "
         "мектептеріндегі еріктілер.",
         "The volunteer centre of Zhetysu Region: flood response, search and rescue teams and volunteers in rural "
         "schools."),
        ("volunteering", "local-development"), 17156),
    # --- Russia ---
    Org("priirtyshye", "ru-ano", "RU-OMS", date(2015, 4, 9), "priirtyshye",
        ("АНО «Сельские инициативы Прииртышья»", "«Ертіс бойының ауылдық бастамалары» АКЕҰ",
         "Rural Initiatives of the Irtysh Region"),
        ("Поддерживает инклюзивные проекты в сёлах Омской области: доступная среда в сельских школах и клубах, "
         "семейные группы для детей с инвалидностью.",
         "Омбы облысының ауылдарындағы инклюзивті жобаларды қолдайды: ауыл мектептері мен клубтарындағы "
         "қолжетімді орта, мүгедектігі бар балаларға арналған отбасылық топтар.",
         "Supports inclusive projects in the villages of Omsk Region: accessible rural schools and clubs, family "
         "groups for children with disabilities."),
        ("inclusion", "local-development"), 1201),
    Org("sibir-vmeste", "ru-ano", "RU-NVS", date(2012, 10, 16), "sibir-vmeste",
        ("АНО «Добровольческий центр «Сибирь вместе»", "«Сібір бірге» еріктілер орталығы» АКЕҰ",
         "Siberia Together Volunteer Centre"),
        ("Ресурсный центр добровольчества Новосибирской области: обучение координаторов, корпоративное "
         "волонтёрство, учёт волонтёрских часов.",
         "Новосібір облысының еріктілік ресурстық орталығы: үйлестірушілерді оқыту, корпоративтік еріктілік, "
         "еріктілік сағаттарын есепке алу.",
         "The volunteering resource centre of Novosibirsk Region: training coordinators, corporate volunteering "
         "and recording volunteer hours."),
        ("volunteering", "education"), 2302),
    Org("inclusive-spb", "ru-public-organisation", "RU-SPE", date(2006, 12, 4), "inclusive-spb",
        ("Региональная общественная организация «Инклюзивный Петербург»", "«Инклюзивті Петербург» өңірлік қоғамдық "
         "ұйымы", "Inclusive Petersburg"),
        ("Объединяет родителей и специалистов за инклюзивное образование и доступную городскую среду в "
         "Санкт-Петербурге.",
         "Санкт-Петербургте инклюзивті білім беру мен қолжетімді қалалық орта үшін ата-аналар мен мамандарды "
         "біріктіреді.",
         "Brings parents and professionals together for inclusive education and an accessible city in Saint "
         "Petersburg."),
        ("inclusion", "education", "human-rights"), 3403),
    Org("nko-resurs", "ru-fund", "RU-MOW", date(2010, 2, 25), "nko-resurs",
        ("Фонд «Школа НКО «Ресурс»", "«Ресурс» КЕҰ мектебі» қоры", "NGO School “Resurs” Foundation"),
        ("Обучает сотрудников НКО фандрайзингу, работе с частными донорами и отчётности; ведёт онлайн-курсы для "
         "регионов России и стран СНГ.",
         "КЕҰ қызметкерлерін фандрайзингке, жеке донорлармен жұмысқа және есептілікке үйретеді; Ресей өңірлері мен "
         "ТМД елдеріне онлайн-курстар өткізеді.",
         "Trains non-profit staff in fundraising, working with individual donors and reporting; runs online courses "
         "for Russian regions and CIS countries."),
        ("fundraising", "education"), 4504),
    Org("kazanka", "ru-ano", "RU-TA", date(2016, 5, 11), "chistaya-kazanka",
        ("АНО «Экологический проект «Чистая Казанка»", "«Таза Қазанка» экологиялық жобасы» АКЕҰ",
         "Clean Kazanka Ecological Project"),
        ("Городская экология Казани: очистка реки Казанки, раздельный сбор вторсырья во дворах, эковолонтёрство.",
         "Қазанның қалалық экологиясы: Қазанка өзенін тазарту, аулаларда қайталама шикізатты бөлек жинау, "
         "экоеріктілік.",
         "Urban ecology in Kazan: cleaning the Kazanka River, separate collection of recyclables in courtyards and "
         "eco-volunteering."),
        ("ecology", "volunteering"), 5605),
    Org("ural-bez-granits", "ru-ano", "RU-ORE", date(2014, 8, 28), "ural-bez-granits",
        ("АНО «Урал без границ»", "«Шекарасыз Жайық» АКЕҰ", "Ural Without Borders"),
        ("Трансграничная охрана реки Урал в Оренбургской области вместе с казахстанскими НПО: экспедиции, "
         "мониторинг, субботники.",
         "Қазақстандық ҮЕҰ-мен бірге Орынбор облысында Жайық өзенін шекаралас қорғау: экспедициялар, бақылау, "
         "сенбіліктер.",
         "Cross-border protection of the Ural River in Orenburg Region with Kazakh NGOs: expeditions, monitoring and "
         "clean-ups."),
        ("ecology", "volunteering"), 6706),
    Org("osobye-lyudi", "ru-ano", "RU-SVE", date(2013, 3, 19), "osobye-lyudi-urala",
        ("АНО «Особые люди Урала»", "«Оралдың ерекше адамдары» АКЕҰ", "Special People of the Urals"),
        ("Сопровождаемое проживание и трудоустройство взрослых людей с ментальной инвалидностью в Екатеринбурге.",
         "Екатеринбургте ақыл-ой кемістігі бар ересектердің сүйемелденетін тұруы және жұмысқа орналасуы.",
         "Supported living and employment for adults with intellectual disabilities in Yekaterinburg."),
        ("inclusion", "social-support"), 7807),
    Org("altai-families", "ru-ano", "RU-ALT", date(2018, 9, 3), "altai-family-volunteers",
        ("АНО «Алтайский центр семейного добровольчества»", "«Алтай отбасылық еріктілік орталығы» АКЕҰ",
         "Altai Centre for Family Volunteering"),
        ("Вовлекает семьи с детьми в добровольчество: семейные волонтёрские выходные, помощь пожилым соседям, "
         "экоакции в Барнауле и районах края.",
         "Балалы отбасыларды еріктілікке тартады: отбасылық еріктілер демалысы, қарт көршілерге көмек, Барнауыл мен "
         "өлке аудандарындағы экоакциялар.",
         "Involves families with children in volunteering: family volunteer weekends, help for older neighbours "
         "and eco campaigns in Barnaul and the districts."),
        ("volunteering", "children-youth"), 8908),
    Org("tretiy-vozrast", "ru-ano", "RU-CHE", date(2011, 11, 22), "tretiy-vozrast",
        ("АНО «Третий возраст»", "«Үшінші жас» АКЕҰ", "Third Age"),
        ("Университет третьего возраста в Челябинске: компьютерные курсы, оздоровительные группы, серебряные "
         "волонтёры.",
         "Челябідегі үшінші жас университеті: компьютер курстары, сауықтыру топтары, күміс еріктілер.",
         "A university of the third age in Chelyabinsk: computer courses, health groups and silver volunteers."),
        ("elderly", "education"), 9109),
    Org("volga-caspiy", "ru-ano", "RU-AST", date(2017, 6, 7), "volga-caspiy",
        ("АНО «Волга — Каспий»", "«Еділ — Каспий» АКЕҰ", "Volga–Caspian"),
        ("Экологические и волонтёрские проекты в дельте Волги: очистка ериков, защита птиц, совместные экспедиции с "
         "атыраускими НПО.",
         "Еділ атырауындағы экологиялық және еріктілік жобалар: шағын арналарды тазарту, құстарды қорғау, атыраулық "
         "ҮЕҰ-мен бірлескен экспедициялар.",
         "Environmental and volunteer projects in the Volga delta: clearing channels, protecting birds and joint "
         "expeditions with NGOs from Atyrau."),
        ("ecology", "volunteering"), 1310),
    Org("tobol-resurs", "ru-ano", "RU-KGN", date(2019, 2, 14), "tobol-resurs",
        ("АНО «Ресурсный центр «Тобол»", "«Тобыл» ресурстық орталығы» АКЕҰ", "Tobol Resource Centre"),
        ("Помогает сельским НКО Курганской области найти деньги и людей: школа фандрайзинга, местные "
         "благотворительные марафоны, консультации.",
         "Қорған облысының ауылдық КЕҰ-на қаражат пен адамдар табуға көмектеседі: фандрайзинг мектебі, жергілікті "
         "қайырымдылық марафондары, кеңестер.",
         "Helps rural non-profits of Kurgan Region find money and people: a fundraising school, local charity "
         "marathons and advice."),
        ("fundraising", "local-development"), 1411),
    Org("pravo-na-zdorovye", "ru-ano", "RU-SAM", date(2014, 1, 17), "pravo-na-zdorovye",
        ("АНО «Право на здоровье»", "«Денсаулыққа құқық» АКЕҰ", "Right to Health"),
        ("Профилактика и сопровождение пациентов в Самарской области: школы пациентов, равное консультирование, "
         "выездной скрининг в сёлах.",
         "Самара облысында алдын алу және пациенттерді сүйемелдеу: пациенттер мектептері, тең кеңес беру, "
         "ауылдарда көшпелі скрининг.",
         "Prevention and patient support in Samara Region: patient schools, peer counselling and mobile screening in "
         "villages."),
        ("health", "social-support"), 1512),
    Org("tomsk-open-edu", "ru-ano", "RU-TOM", date(2015, 9, 1), "tomsk-open-education",
        ("АНО «Открытое образование Томска»", "«Томскінің ашық білімі» АКЕҰ", "Tomsk Open Education"),
        ("Неформальное образование для подростков и взрослых: научные клубы, летние школы, наставничество студентов.",
         "Жасөспірімдер мен ересектерге арналған бейресми білім: ғылыми клубтар, жазғы мектептер, студенттердің "
         "тәлімгерлігі.",
         "Non-formal education for teenagers and adults: science clubs, summer schools and student mentoring."),
        ("education", "children-youth", "science"), 1613),
    Org("volunteer-exchange", "ru-ano", "RU-MOW", date(2009, 5, 5), "volunteer-exchange",
        ("АНО «Центр международного волонтёрского обмена»", "«Халықаралық еріктілер алмасу орталығы» АКЕҰ",
         "International Volunteer Exchange Centre"),
        ("Организует международные волонтёрские обмены и стажировки, готовит методички на английском языке для "
         "партнёров из разных стран.",
         "Халықаралық еріктілер алмасулары мен тағылымдамаларын ұйымдастырады, әр елдің серіктестеріне ағылшын "
         "тілінде әдістемелер дайындайды.",
         "Organises international volunteer exchanges and placements and writes English-language toolkits for "
         "partners in many countries."),
        ("volunteering", "interethnic-harmony"), 1714),
    Org("ufa-dialog", "ru-public-organisation", "RU-BA", date(2008, 10, 30), "ufa-dialog",
        ("Общественная организация «Дом дружбы «Диалог»", "«Диалог» достық үйі» қоғамдық ұйымы",
         "Dialogue House of Friendship"),
        ("Межнациональный диалог в Башкортостане: праздники общин, языковые клубы, адаптация переселенцев, в том "
         "числе из Казахстана.",
         "Башқұртстандағы ұлтаралық диалог: қауымдастықтар мерекелері, тіл клубтары, қоныс аударушыларды, соның "
         "ішінде Қазақстаннан келгендерді бейімдеу.",
         "Inter-ethnic dialogue in Bashkortostan: community festivals, language clubs and help for resettlers, "
         "including those from Kazakhstan."),
        ("interethnic-harmony", "migration", "culture"), 1815),
)
# fmt: on

BY_KEY: dict[str, Org] = {org.key: org for org in ORGS}
