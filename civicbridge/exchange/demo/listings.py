"""Demo needs and offers that match each other, the partnership requests they led to, and recorded partnerships.

The pairs are built so that partner matching has something to find: an Omsk NGO needs fundraising training for a
rural inclusion project and a Pavlodar NGO offers a fundraising course for small NGOs; a Kazan project needs air
sensors and a Karaganda society offers its monitoring method; and so on, mostly across the border.
"""

from __future__ import annotations

from datetime import date

from .plan import ListingSpec as L
from .plan import PartnershipSpec, RequestSpec

NEED, OFFER = "need", "offer"
RU, KZ, EN = ("ru",), ("ru", "kk"), ("en", "ru")

# fmt: off
LISTINGS: tuple[L, ...] = (
    # --- inclusion ---
    L("need-omsk-fundraising", "priirtyshye", NEED, ("fundraising", "inclusion"), {"ru": (
        "Обучение фандрайзингу для сельского инклюзивного проекта",
        "Запускаем в сёлах Омской области семейные группы для детей с инвалидностью и хотим перестать зависеть от "
        "одного гранта. Ищем курс или наставника по фандрайзингу для малых НКО: местный бизнес, онлайн-сборы, "
        "работа с жителями. Готовы учиться онлайн, в том числе с коллегами из Казахстана.")},
      regions=("RU-OMS", "KZ-55"), languages=RU),
    L("offer-pavlodar-course", "ertis", OFFER, ("fundraising", "education"), {"ru": (
        "Курс фандрайзинга для малых НПО",
        "Шесть практических встреч, после которых организация запускает свой первый сбор. Проводим онлайн и в "
        "Павлодаре, принимаем НКО из приграничных регионов России. Материалы на русском и казахском языках."),
        "kk": ("Шағын ҮЕҰ-ға арналған фандрайзинг курсы",
               "Алты практикалық кездесу, одан кейін ұйым алғашқы қаражат жинауын бастайды. Онлайн және Павлодарда.")},
      regions=("KZ-55", "RU-OMS", "RU-NVS", "RU-ALT"), languages=KZ),
    L("need-showcase-camp-partner", "showcase", NEED, ("inclusion", "volunteering"), {"ru": (
        "Партнёр в России для обмена вожатыми инклюзивных смен",
        "Ищем НКО, которая проводит или хочет проводить инклюзивные смены в летнем лагере: обменяться вожатыми на "
        "одну смену летом 2027 года, вместе доработать программу обучения волонтёров-ассистентов."),
        "en": ("A partner in Russia to exchange counsellors of inclusive camp sessions",
               "We are looking for an NGO that runs inclusive summer camp sessions to exchange counsellors for one "
               "session in summer 2027.")},
      countries=("RU",), languages=("ru", "kk", "en")),
    L("offer-showcase-employment", "showcase", OFFER, ("inclusion", "social-support"), {"ru": (
        "Стажировка для джоб-коучей: сопровождаемое трудоустройство",
        "Приглашаем специалистов НКО на недельную стажировку: как подбирать работу под сильные стороны человека с "
        "инвалидностью, выходить с ним на работу и передавать сопровождение коллегам.")},
      languages=("ru", "kk", "en")),
    L("offer-ekb-training-flat", "osobye-lyudi", OFFER, ("inclusion", "social-support"), {"ru": (
        "Стажировка для команд, открывающих тренировочные квартиры",
        "Покажем, как устроена тренировочная квартира сопровождаемого проживания: шкала самостоятельности, "
        "недельный план, работа кураторов. Принимаем команды из России и Казахстана.")},
      regions=("RU-SVE",), countries=("RU", "KZ"), languages=RU),
    L("need-ekb-employers", "osobye-lyudi", NEED, ("inclusion", "social-support"), {"ru": (
        "Ищем опыт сопровождаемого трудоустройства и работодателей-партнёров",
        "Выпускникам тренировочной квартиры нужна работа. Ищем НКО с опытом сопровождаемого трудоустройства "
        "(джоб-коучинг) и компании, готовые взять стажёров.")},
      languages=RU),
    L("offer-omsk-rural-school", "priirtyshye", OFFER, ("inclusion", "local-development"), {"ru": (
        "Методика доступной сельской школы: типовой проект пандуса и обучение тьютора",
        "Делимся типовым проектом пандуса, сметой и программой обучения тьютора из жителей села. Консультируем "
        "сельские школы и НКО по обе стороны границы.")},
      regions=("RU-OMS", "KZ-55", "KZ-39", "KZ-59"), languages=RU),
    L("need-shymkent-methodists", "zharyk", NEED, ("inclusion", "education"), {"kk": (
        "Мұғалімдерді оқыту үшін инклюзивті білім беру әдіскерлері керек",
        "Түркістан облысының ауыл мектептеріне инклюзия бойынша 36 сағаттық курс өткізетін әдіскерлер іздейміз."),
        "ru": ("Нужны методисты по инклюзивному образованию для обучения учителей",
               "Ищем методистов, готовых провести 36-часовой курс об инклюзии для учителей сельских школ "
               "Туркестанской области, очно или онлайн.")},
      regions=("KZ-79", "KZ-61"), languages=KZ),
    L("offer-spb-teacher-course", "inclusive-spb", OFFER, ("inclusion", "education"), {"ru": (
        "Онлайн-курс для учителей инклюзивных классов (36 часов)",
        "Курс для учителей и тьюторов: адаптация заданий, поведение, работа с родителями. Проводим онлайн для "
        "школ России и Казахстана, есть записи и рабочие тетради.")},
      languages=RU),
    L("need-spb-resource-classes", "inclusive-spb", NEED, ("inclusion", "education"), {"ru": (
        "Ищем опыт ресурсных классов в школах с разными языками обучения",
        "Хотим узнать, как работают ресурсные классы в школах с казахским и русским языком обучения, и пригласить "
        "коллег на стажировку в Петербург.")},
      countries=("KZ",), languages=RU),
    L("offer-shymkent-resource-class", "zharyk", OFFER, ("inclusion", "education"), {"kk": (
        "Ресурстық сынып: Шымкент мектебінде тағылымдама",
        "Ресурстық сынып қалай жұмыс істейтінін көрсетеміз: тьюторлар, жеке оқу жоспары, ата-аналармен жұмыс."),
        "ru": ("Ресурсный класс: стажировка в школе Шымкента",
               "Покажем, как работает ресурсный класс: тьюторы, индивидуальный план, работа с родителями.")},
      languages=KZ),
    L("offer-spb-testing-readers", "inclusive-spb", OFFER, ("inclusion", "civic-participation"), {"ru": (
        "Проверка текстов на лёгком языке с читателями с ментальной инвалидностью",
        "Наша группа читателей-экспертов проверит ваши памятки и документы на лёгком языке и даст письменные "
        "замечания. Работаем на русском языке.")},
      languages=RU),
    L("need-aktobe-lawyers", "quqyq", NEED, ("legal-aid", "inclusion", "human-rights"), {"ru": (
        "Обмен опытом правовой защиты людей с инвалидностью",
        "Ищем юристов НКО из России, которые добиваются для людей с инвалидностью средств реабилитации и "
        "доступной среды, чтобы обменяться практикой судебных дел.")},
      countries=("RU",), languages=KZ),
    # --- fundraising ---
    L("need-barnaul-charity-shop", "altai-families", NEED, ("fundraising", "charity"), {"ru": (
        "Ищем методику благотворительного магазина",
        "Хотим открыть благотворительный магазин при центре семейного добровольчества. Нужны советы тех, у кого он "
        "уже работает: приём вещей, цены, учёт, волонтёры.")},
      languages=RU),
    L("offer-turkistan-charity-shop", "meirim", OFFER, ("fundraising", "charity"), {"kk": (
        "Қайырымдылық дүкенінің тәжірибесімен бөлісеміз",
        "Заттарды қабылдау, баға қою, еріктілермен жұмыс және ай сайынғы есеп туралы айтып береміз. Онлайн "
        "кеңес немесе Түркістанға келу."),
        "ru": ("Делимся опытом благотворительного магазина",
               "Расскажем о приёме вещей, ценах, работе с волонтёрами и ежемесячном отчёте. Онлайн или в Туркестане.")},
      languages=KZ),
    L("need-kurgan-crowdfunding", "tobol-resurs", NEED, ("fundraising", "local-development"), {"ru": (
        "Нужен тренер по краудфандингу для сельских НКО",
        "Сельские НКО Курганской области пробуют онлайн-сборы и не набирают суммы. Ищем тренера или партнёрскую "
        "платформу с опытом сборов на конкретную вещь.")},
      regions=("RU-KGN", "KZ-39", "KZ-59"), languages=RU),
    L("offer-almaty-crowdfunding", "birlesip", OFFER, ("fundraising", "charity"), {"ru": (
        "Краудфандинговая платформа для НПО и обучение сборам",
        "Бесплатно размещаем сборы НПО Казахстана и проводим вебинары «Сбор на одну вещь» для всех желающих."),
        "en": ("A crowdfunding platform for NGOs and fundraising training",
               "We host campaigns of Kazakh NGOs free of charge and run open webinars on raising money for one "
               "specific thing.")},
      countries=("KZ",), languages=("ru", "kk", "en"), cross_border=False),
    L("need-turkistan-donor-retention", "meirim", NEED, ("fundraising",), {"kk": (
        "Донорларды ұстап қалу бойынша тренинг керек",
        "Бір рет көмектескен донорлардың көбі қайтып келмейді. Тұрақты қайырымдылық бағдарламасын құруға "
        "көмектесетін тренер іздейміз."),
        "ru": ("Нужен тренинг по удержанию доноров",
               "Большинство разовых жертвователей не возвращаются. Ищем тренера, который поможет построить "
               "программу регулярных пожертвований.")},
      languages=KZ),
    L("offer-moscow-monthly-giving", "nko-resurs", OFFER, ("fundraising", "education"), {"ru": (
        "Онлайн-курс «Регулярные пожертвования» для НКО",
        "Пять вебинаров и разбор вашей формы пожертвования. Для НКО России и стран СНГ, на русском языке.")},
      languages=RU),
    L("need-moscow-kz-partners", "nko-resurs", NEED, ("fundraising", "education"), {"ru": (
        "Партнёры в Казахстане для курса фандрайзинга на казахском языке",
        "Хотим адаптировать наш курс для НПО Казахстана и ищем ресурсный центр, который проведёт его на казахском.")},
      countries=("KZ",), languages=RU),
    L("need-almaty-giving-research", "birlesip", NEED, ("fundraising", "science"), {"ru": (
        "Партнёры для исследования частной благотворительности в Казахстане и России",
        "Готовим сравнительное исследование частных пожертвований; ищем партнёров с данными опросов в России.")},
      countries=("RU",), languages=("ru", "kk", "en")),
    L("offer-moscow-giving-data", "nko-resurs", OFFER, ("fundraising", "science"), {"ru": (
        "Данные ежегодного опроса о благотворительности",
        "Делимся обезличенными данными опросов жертвователей за 2021–2025 годы для исследований некоммерческого "
        "сектора.")},
      languages=RU),
    L("offer-almaty-grant-clinic", "eurasia-hub", OFFER, ("fundraising", "education"), {"en": (
        "Grant writing clinic open to partner NGOs",
        "Two experienced reviewers read your draft application and go through it with you in one hour. Online, in "
        "English or Russian."),
        "ru": ("Клиника грантовых заявок для НПО-партнёров",
               "Два опытных эксперта прочитают ваш черновик заявки и разберут его с вами за час. Онлайн.")},
      languages=EN),
    # --- volunteering ---
    L("need-chelyabinsk-students", "tretiy-vozrast", NEED, ("elderly", "volunteering"), {"ru": (
        "Нужны волонтёры-студенты для курсов цифровой грамотности",
        "В библиотеках Челябинска ждут своей очереди 300 пожилых людей. Ищем партнёра, который поможет набрать и "
        "обучить волонтёров-студентов.")},
      regions=("RU-CHE",), languages=RU, cross_border=False),
    L("offer-novosibirsk-coordinators", "sibir-vmeste", OFFER, ("volunteering", "education"), {"ru": (
        "Подбор волонтёров и обучение координаторов для НКО",
        "Поможем найти волонтёров и обучим вашего координатора: набор, удержание, учёт часов. Онлайн для всех "
        "регионов, очно — в Сибири.")},
      languages=RU),
    L("offer-novosibirsk-hours", "sibir-vmeste", OFFER, ("volunteering",), {"ru": (
        "Подключение к системе учёта волонтёрских часов",
        "Подключим вашу организацию к системе учёта часов и электронным книжкам волонтёров.")},
      languages=RU, closed=True),
    L("need-astana-hours", "zhurek", NEED, ("volunteering",), {"ru": (
        "Нужна система учёта волонтёрских часов",
        "Ищем готовое решение для учёта часов волонтёров 30 организаций Астаны.")},
      languages=KZ, closed=True),
    L("need-petropavl-silver", "kumis-zhurek", NEED, ("elderly", "volunteering"), {"kk": (
        "Ресейдегі күміс еріктілік серіктестері керек",
        "Зейнеткерлер еріктілігін дамыту үшін Ресейдің шекаралас өңірлеріндегі ұйымдармен тәжірибе алмасқымыз "
        "келеді."),
        "ru": ("Ищем партнёров по серебряному волонтёрству в России",
               "Хотим обменяться опытом с организациями приграничных регионов России, которые вовлекают пенсионеров "
               "в добровольчество.")},
      regions=("RU-OMS", "RU-KGN", "RU-CHE", "RU-TYU"), languages=KZ),
    L("offer-chelyabinsk-third-age", "tretiy-vozrast", OFFER, ("elderly", "education", "volunteering"), {"ru": (
        "Опыт университета третьего возраста и серебряных волонтёров",
        "Расскажем, как устроены наши курсы и отряд серебряных волонтёров, и пригласим на занятия.")},
      languages=RU),
    L("need-zhetysu-flood", "zhetysu", NEED, ("volunteering", "local-development"), {"kk": (
        "Су тасқынына қарсы жасақтарға жабдық пен оқыту керек",
        "17 ауылдық округтегі еріктілер жасағына құтқару жилеттері, рациялар және суда қауіпсіздік бойынша "
        "нұсқаушылар керек."),
        "ru": ("Нужны снаряжение и обучение для паводковых дружин",
               "Дружинам в 17 сельских округах нужны спасательные жилеты, рации и инструкторы по безопасности на "
               "воде.")},
      languages=KZ),
    L("offer-orenburg-flood", "ural-bez-granits", OFFER, ("volunteering", "ecology"), {"ru": (
        "Обмен опытом паводковых дружин Оренбуржья",
        "Покажем, как наши дружины готовятся к паводку вместе с МЧС, и поделимся программой обучения.")},
      regions=("RU-ORE", "KZ-27", "KZ-15", "KZ-33"), languages=RU),
    L("need-kostanay-family-volunteering", "auyl-zhastary", NEED, ("volunteering", "children-youth"), {"kk": (
        "Ауылдарға арналған отбасылық еріктілік әдістемесі керек",
        "Ата-аналар мен балаларды бірге еріктілікке тартудың тәжірибесін іздейміз.")},
      languages=KZ),
    L("offer-barnaul-family", "altai-families", OFFER, ("volunteering", "children-youth"), {"ru": (
        "Семейное добровольчество: методичка и наставник",
        "Поделимся методичкой семейных волонтёрских выходных и закрепим наставника на первые три акции.")},
      languages=RU),
    L("need-novosibirsk-skilled", "sibir-vmeste", NEED, ("volunteering",), {"ru": (
        "Нужен инструмент для онлайн-волонтёров-профессионалов",
        "Хотим подключать дизайнеров, юристов и бухгалтеров к задачам НКО удалённо. Ищем доску задач и опыт "
        "организации такой работы.")},
      languages=RU),
    L("offer-almaty-task-board", "eurasia-hub", OFFER, ("volunteering", "fundraising"), {"en": (
        "Skilled volunteering task board open to partner NGOs",
        "Partner NGOs can post short tasks for skilled volunteers on our board; we help write the task and match "
        "a volunteer."),
        "ru": ("Доска задач для волонтёров-профессионалов открыта для партнёров",
               "НПО-партнёры могут размещать короткие задачи для волонтёров-профессионалов; помогаем описать задачу "
               "и подобрать волонтёра.")},
      languages=EN),
    L("need-moscow-hosts", "volunteer-exchange", NEED, ("volunteering", "interethnic-harmony"), {"en": (
        "Host NGOs in Kazakhstan for short volunteer exchanges",
        "We are looking for NGOs in Astana, Pavlodar and Oral to host groups of 8 volunteers for ten days in "
        "2027."),
        "ru": ("Принимающие НПО в Казахстане для коротких волонтёрских обменов",
               "Ищем НПО в Астане, Павлодаре и Уральске, готовые принять группы из 8 волонтёров на десять дней.")},
      regions=("KZ-71", "KZ-55", "KZ-27"), languages=EN),
    L("offer-astana-hosting", "zhurek", OFFER, ("volunteering",), {"ru": (
        "Принимаем волонтёрские группы из России",
        "Примем группу волонтёров на 7–10 дней: смены в больницах и домах престарелых, школа координаторов."),
        "kk": ("Ресейден келетін еріктілер топтарын қабылдаймыз",
               "Еріктілер тобын 7–10 күнге қабылдаймыз: ауруханалардағы кезекшілік, үйлестірушілер мектебі.")},
      countries=("RU",), languages=KZ),
    # --- ecology ---
    L("need-kazan-air", "kazanka", NEED, ("ecology", "civic-participation"), {"ru": (
        "Нужны датчики воздуха и опыт их калибровки",
        "Запускаем народный мониторинг воздуха в Казани. Ищем тех, кто уже проверял недорогие датчики PM2.5 "
        "рядом с государственными постами.")},
      languages=RU),
    L("offer-karaganda-air", "saryarka", OFFER, ("ecology", "civic-participation"), {"ru": (
        "Методика народного мониторинга воздуха и помощь с калибровкой датчиков",
        "Расскажем, какие датчики выбрать, как их проверить и как готовить ежемесячные обзоры для властей.")},
      languages=KZ),
    L("need-karaganda-wardens", "saryarka", NEED, ("ecology",), {"ru": (
        "Нужна методика эко-старост для многоэтажных домов",
        "Хотим наладить раздельный сбор в домах Караганды через жителей-волонтёров.")},
      languages=KZ),
    L("offer-kazan-wardens", "kazanka", OFFER, ("ecology", "civic-participation"), {"ru": (
        "Методичка эко-старост и обучение координаторов",
        "Поделимся памятками, программой обучения эко-старост и договором с переработчиком.")},
      languages=RU),
    L("need-orenburg-schools", "ural-bez-granits", NEED, ("ecology", "education"), {"ru": (
        "Ищем школы-партнёры на казахстанском берегу Урала",
        "Хотим, чтобы школьники Оренбуржья и Западного Казахстана брали пробы воды по одной методике и сравнивали "
        "данные.")},
      regions=("KZ-27", "KZ-23"), languages=RU),
    L("offer-oral-expedition", "zhaiyk", OFFER, ("ecology", "education", "volunteering"), {"ru": (
        "Приглашаем российские школы в экспедицию «Жайык — Урал»",
        "Каждое лето принимаем школьные команды с российского берега: методика, экспресс-лаборатории, общая "
        "карта."),
        "kk": ("Ресей мектептерін «Жайық — Урал» экспедициясына шақырамыз",
               "Жыл сайын жазда Ресей жағалауынан келген мектеп командаларын қабылдаймыз.")},
      regions=("RU-ORE", "RU-SAM"), languages=KZ),
    L("need-oral-lab", "zhaiyk", NEED, ("ecology", "science"), {"ru": (
        "Нужна лаборатория для анализа проб воды",
        "Ищем университетскую лабораторию, которая раз в год проверит наши пробы воды и сравнит с экспресс-тестами.")},
      languages=KZ),
    L("offer-tomsk-science", "tomsk-open-edu", OFFER, ("education", "science"), {"ru": (
        "Научное сопровождение школьных исследований",
        "Аспиранты наших университетов консультируют школьные исследовательские проекты и помогают с анализами.")},
      languages=RU),
    L("need-astrakhan-seal", "volga-caspiy", NEED, ("ecology", "animal-welfare"), {"ru": (
        "Нужен опыт учёта каспийского тюленя",
        "Начинаем учёт тюленей на российском побережье и хотим работать по одной методике с казахстанскими "
        "коллегами.")},
      regions=("KZ-23", "KZ-47"), languages=RU),
    L("offer-atyrau-seal", "kaspiy", OFFER, ("ecology", "animal-welfare"), {"kk": (
        "Итбалықты есепке алуға үйретеміз және қосымшамен бөлісеміз",
        "Есепке алу әдістемесі мен ұялы қосымшаны серіктестерге тегін береміз."),
        "ru": ("Обучаем учёту тюленя и делимся приложением",
               "Бесплатно передаём партнёрам методику учёта и мобильное приложение.")},
      languages=KZ),
    L("need-atyrau-volunteers", "kaspiy", NEED, ("ecology", "volunteering"), {"kk": (
        "Каспий жағалауын тазартуға еріктілер керек",
        "Көктемгі тазалау акцияларына қайықпен жұмыс істей алатын еріктілер тобы керек."),
        "ru": ("Нужны волонтёры для очистки побережья Каспия",
               "Для весенних акций нужна группа волонтёров, умеющих работать с лодок.")},
      languages=KZ),
    L("offer-astrakhan-boats", "volga-caspiy", OFFER, ("ecology", "volunteering"), {"ru": (
        "Волонтёрские лодочные отряды готовы к совместным акциям",
        "Наши отряды с лодками и снаряжением готовы выехать на совместные акции на северном Каспии.")},
      regions=("RU-AST", "KZ-23"), languages=RU),
    L("need-kyzylorda-saxaul", "syr-eli", NEED, ("ecology", "volunteering"), {"kk": (
        "Сексеуіл көшеттерін суаруға еріктілер мен техника керек",
        "Көктемгі отырғызудан кейін көшеттерді суаратын еріктілер мен су тасығыш көлік іздейміз.")},
      languages=("kk", "ru")),
    L("offer-oskemen-camps", "altai-eco", OFFER, ("ecology", "volunteering", "education"), {"ru": (
        "Экологические волонтёрские лагеря: методика и снаряжение",
        "Проводим волонтёрские экологические лагеря и готовы поделиться палатками, программой и инструкторами."),
        "kk": ("Экологиялық еріктілер лагерлері: әдістеме мен жабдық",
               "Еріктілердің экологиялық лагерлерін өткіземіз, шатырлармен және бағдарламамен бөлісуге дайынбыз.")},
      languages=KZ),
    L("need-tomsk-rural-schools", "tomsk-open-edu", NEED, ("education", "science", "children-youth"), {"ru": (
        "Ищем сельские школы Казахстана для онлайн-научных клубов",
        "Приглашаем школы Восточного и Северного Казахстана в наши онлайн-клубы: наборы для опытов бесплатно.")},
      regions=("KZ-63", "KZ-59", "KZ-55"), languages=RU),
    L("offer-oskemen-school-clubs", "altai-eco", OFFER, ("ecology", "education"), {"ru": (
        "Сеть школьных экокружков Восточного Казахстана",
        "41 школьный кружок наблюдает за родниками; готовы к совместным проектам с российскими школами.")},
      languages=KZ),
    # --- health, migration, civic ---
    L("need-semey-screening", "umit-semey", NEED, ("health",), {"ru": (
        "Нужен опыт выездного скрининга в сёлах",
        "Хотим запустить выездную диагностику в сёлах области Абай и ищем тех, кто уже работает с «автобусом "
        "здоровья».")},
      languages=KZ),
    L("offer-samara-health-bus", "pravo-na-zdorovye", OFFER, ("health", "local-development"), {"ru": (
        "Консультации по запуску «автобуса здоровья»",
        "Поделимся маршрутами, договорами с больницами и формой записи к специалистам.")},
      languages=RU),
    L("need-samara-care-school", "pravo-na-zdorovye", NEED, ("health", "social-support"), {"ru": (
        "Ищем методику школы ухода для родственников тяжелобольных",
        "Нужны программа занятий и видеоуроки для родственников лежачих больных.")},
      languages=RU),
    L("offer-semey-care-school", "umit-semey", OFFER, ("health", "social-support"), {"ru": (
        "Школа ухода: видеоуроки и обучение медсестёр",
        "Передаём видеоуроки на русском и казахском языках и обучаем медсестёр вести занятия."),
        "kk": ("Күтім мектебі: бейнесабақтар мен мейірбикелерді оқыту",
               "Орыс және қазақ тілдеріндегі бейнесабақтарды береміз, мейірбикелерді оқытамыз.")},
      languages=KZ),
    L("need-ufa-easy-read", "ufa-dialog", NEED, ("migration", "inclusion"), {"ru": (
        "Нужны материалы на лёгком языке для переселенцев",
        "Хотим переписать памятки о документах, школе и поликлинике простым языком и проверить их с читателями.")},
      languages=RU),
    L("offer-almaty-easy-read", "eurasia-hub", OFFER, ("inclusion", "civic-participation"), {"en": (
        "Easy Read editing and training for NGOs",
        "Our editors rewrite documents in Easy Read and train your staff in a two-day workshop (English, Russian, "
        "Kazakh)."),
        "ru": ("Редактура на лёгком языке и обучение для НПО",
               "Наши редакторы переписывают документы на лёгкий язык и обучают сотрудников за два дня.")},
      languages=("en", "ru", "kk")),
    L("need-almaty-easy-read-pilot", "eurasia-hub", NEED, ("inclusion",), {"en": (
        "Partners in Russia for an Easy Read pilot",
        "We are looking for a Russian NGO with a panel of readers with intellectual disabilities to test Easy Read "
        "texts in Russian.")},
      countries=("RU",), languages=EN),
    L("offer-astana-consultation", "gak", OFFER, ("civic-participation",), {"ru": (
        "Консультации НПО по участию в общественном обсуждении законопроекта о НПО",
        "Расскажем, как подать предложения и описать барьеры, с которыми сталкивается ваша организация."),
        "kk": ("ҮЕҰ туралы заң жобасын қоғамдық талқылауға қатысу бойынша кеңес",
               "Ұсыныстарды қалай беру және ұйымыңыз кездесетін кедергілерді қалай сипаттау керегін айтамыз.")},
      countries=("KZ",), languages=KZ, cross_border=False),
)

REQUESTS: tuple[RequestSpec, ...] = (
    RequestSpec("priirtyshye", "ertis",
                "Здравствуйте! Нам очень подходит ваш курс фандрайзинга: мы ведём инклюзивные проекты в сёлах Омской "
                "области. Можно ли включить в ближайший поток 3–4 наши организации?",
                sent_on=date(2024, 12, 16), listing="offer-pavlodar-course", status="accepted",
                reply="С радостью! Поток стартует 3 февраля, пришлём программу и ссылку на встречи."),
    RequestSpec("ural-bez-granits", "zhaiyk",
                "Предлагаем в этом году пройти экспедицию вместе: наши школьники возьмут пробы на российском участке.",
                sent_on=date(2024, 3, 4), listing="offer-oral-expedition", status="accepted",
                reply="Договорились, предлагаем подписать меморандум и согласовать точки до мая."),
    RequestSpec("volga-caspiy", "kaspiy",
                "Мы начинаем учёт тюленя на российском побережье. Поделитесь, пожалуйста, методикой и приложением.",
                sent_on=date(2024, 9, 9), listing="offer-atyrau-seal", status="accepted",
                reply="Келістік! Передадим приложение и проведём обучение для ваших волонтёров в октябре."),
    RequestSpec("volunteer-exchange", "zhurek",
                "We would like to send a group of 8 volunteers to Astana for ten days next spring.",
                sent_on=date(2025, 10, 27), listing="need-moscow-hosts", status="accepted",
                reply="Будем рады принять группу в апреле, подготовим программу смен."),
    RequestSpec("altai-families", "meirim",
                "Хотим перенять опыт вашего благотворительного магазина — можно ли созвониться?",
                sent_on=date(2025, 5, 19), listing="offer-turkistan-charity-shop", status="accepted",
                reply="Әрине, давайте в четверг в 11:00 по Астане."),
    RequestSpec("tobol-resurs", "birlesip",
                "Можно ли разместить сборы сельских НКО Курганской области на вашей платформе?",
                sent_on=date(2025, 9, 1), listing="offer-almaty-crowdfunding", status="declined",
                reply="Пока платформа принимает только НПО Казахстана, вернёмся к разговору в 2027 году. Вебинары "
                      "открыты для всех."),
    RequestSpec("quqyq", "inclusive-spb",
                "Предлагаем обменяться практикой судебных дел о средствах реабилитации.",
                sent_on=date(2026, 2, 9), listing="need-aktobe-lawyers", status="declined",
                reply="Спасибо! В этом году у нас нет свободного юриста, напишите нам весной."),
    RequestSpec("nko-resurs", "ertis",
                "Предлагаем вместе адаптировать курс фандрайзинга на казахском языке.",
                sent_on=date(2026, 4, 6), listing="need-moscow-kz-partners", status="withdrawn"),
    RequestSpec("tretiy-vozrast", "kumis-zhurek",
                "Приглашаем ваших серебряных волонтёров к нам в Челябинск на неделю обмена опытом.",
                sent_on=date(2026, 6, 15), listing="need-petropavl-silver", status="accepted",
                reply="Рахмет! Приедем группой из 6 человек в сентябре."),
    # Waiting for an answer: the showcase NGO (the demo «NGO representative») has two in its inbox.
    RequestSpec("osobye-lyudi", "showcase",
                "Здравствуйте! Хотим направить двух наших специалистов на вашу стажировку для джоб-коучей. "
                "Подойдёт ли март 2027 года?",
                sent_on=date(2026, 11, 18), listing="offer-showcase-employment"),
    RequestSpec("priirtyshye", "showcase",
                "Мы проводим инклюзивные смены в Омской области и готовы к обмену вожатыми летом 2027 года.",
                sent_on=date(2026, 11, 23), listing="need-showcase-camp-partner"),
    RequestSpec("kazanka", "saryarka",
                "Запускаем народный мониторинг воздуха в Казани — поможете с калибровкой датчиков?",
                sent_on=date(2026, 11, 2), listing="offer-karaganda-air"),
    RequestSpec("umit-semey", "pravo-na-zdorovye",
                "Хотим перенять опыт «автобуса здоровья» для сёл области Абай.",
                sent_on=date(2026, 10, 26), listing="offer-samara-health-bus"),
)

PARTNERSHIPS: tuple[PartnershipSpec, ...] = (
    PartnershipSpec(
        "Меморандум о сотрудничестве в обучении фандрайзингу: Павлодар — Омск", ("ertis", "priirtyshye"),
        date(2025, 1, 20), ("fundraising", "inclusion"),
        "Ресурсный центр «Ертіс» включает сельские НКО Омской области в курс фандрайзинга, «Сельские инициативы "
        "Прииртышья» делятся методикой доступной сельской школы. Стороны проводят совместную встречу выпускников раз "
        "в год.",
        starts_on=date(2025, 2, 1), ends_on=date(2027, 12, 31), request=("priirtyshye", "ertis")),
    PartnershipSpec(
        "Соглашение о совместной охране реки Урал (Жайык)", ("zhaiyk", "ural-bez-granits"),
        date(2024, 4, 12), ("ecology", "education", "volunteering"),
        "Единая методика отбора проб воды, общая открытая карта, ежегодная экспедиция школьников и синхронный "
        "субботник на двух берегах в мае.",
        starts_on=date(2024, 5, 1), ends_on=date(2028, 4, 30), request=("ural-bez-granits", "zhaiyk")),
    PartnershipSpec(
        "Меморандум о совместном учёте каспийского тюленя", ("kaspiy", "volga-caspiy"),
        date(2024, 10, 3), ("ecology", "animal-welfare"),
        "Общая методика учёта, одно приложение для записей и ежегодный обмен данными между побережьями Казахстана и "
        "России.",
        starts_on=date(2024, 10, 15), request=("volga-caspiy", "kaspiy")),
    PartnershipSpec(
        "Программа волонтёрских обменов Москва — Новосибирск — Астана",
        ("volunteer-exchange", "zhurek", "sibir-vmeste"), date(2025, 11, 24), ("volunteering",),
        "Три организации проводят по два волонтёрских обмена в год, готовят карточки практик на русском, казахском "
        "и английском языках и признают волонтёрские книжки друг друга.",
        starts_on=date(2026, 1, 1), ends_on=date(2027, 12, 31), request=("volunteer-exchange", "zhurek")),
)
# fmt: on
