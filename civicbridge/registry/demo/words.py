"""Word lists of the generated NGO sector (cities, themes, names, networks, legal forms, people) and transliteration."""

from __future__ import annotations

import re
from datetime import date

from ..choices import UnitKind

# fmt: off
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
