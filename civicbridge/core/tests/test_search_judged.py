"""The judged queries (bench/search_judgments.json) on the registry's and the exchange's demo data: the best three
results are the same, in the same order, on SQLite and PostgreSQL (the suite runs on both and holds both to TOP3),
relevance does not fall below what was measured, and nothing unpublished is ever found. One demo load serves every
check (it takes seconds)."""

from __future__ import annotations

import json
import random
from io import StringIO
from pathlib import Path

import pytest

from bench.scenarios.search import UNPUBLISHED, evaluate, ranked_keys
from civicbridge.core import search
from civicbridge.core.context import acting_as

JUDGMENTS = json.loads((Path(__file__).resolve().parents[3] / "bench" / "search_judgments.json").read_text())
# The top three of every judged query, recorded on both databases (identical since the shared re-ranking,
# core/search/rerank.py). A change of ranking that moves one of them must update this list on purpose.
TOP3 = {
    "волонтёров жестового языка": [
        "practice:Волонтёры-переводчики жестового языка в поликлиниках",
    ],
    "учёт волонтерских часов": [
        "practice:Учёт волонтёрских часов и личная книжка добровольца",
        "organisation:АНО «Добровольческий центр «Сибирь вместе»",
        "practice:Школа координаторов волонтёров: восемь занятий",
    ],
    "волонтеры в больнице": [
        "practice:Волонтёры в детской больнице: игровые комнаты",
        "offer:Принимаем волонтёрские группы из России",
        "practice:Автобус здоровья: выездной скрининг в сёлах",
    ],
    "серебряные волонтеры": [
        "organisation:АНО «Серебряные волонтёры»",
        "offer:Опыт университета третьего возраста и серебряных волонтёров",
        "practice:Серебряные волонтёры читают детям",
    ],
    "корпоративный волонтёрский день": [
        "practice:Корпоративный волонтёрский день с удвоением пожертвований",
    ],
    "инклюзивное образование": [
        "need:Нужны методисты по инклюзивному образованию для обучения учителей",
        "offer:Онлайн-курс для учителей инклюзивных классов (36 часов)",
        "organisation:Региональная общественная организация «Инклюзивный Петербург»",
    ],
    "инклюзия": [
        "need:Нужны методисты по инклюзивному образованию для обучения учителей",
        "need:Partners in Russia for an Easy Read pilot",
        "need:Обучение фандрайзингу для сельского инклюзивного проекта",
    ],
    "инклюзивный футбол": [
        "practice:Инклюзивный футбол в сельской школе",
    ],
    "пандус в сельской школе": [
        "practice:Доступная сельская школа: пандус, тьютор и соседи",
        "offer:Методика доступной сельской школы: типовой проект пандуса и обучение тьютора",
    ],
    "ребенок с аутизмом": [
        "practice:Ресурсный класс в обычной школе",
    ],
    "inclusive summer camp": [
        "practice:Инклюзивные смены в обычном летнем лагере",
        "need:Партнёр в России для обмена вожатыми инклюзивных смен",
    ],
    "supported living": [
        "practice:Тренировочная квартира для сопровождаемого проживания",
        "organisation:АНО «Особые люди Урала»",
    ],
    "фандрайзинг для малых НПО": [
        "offer:Курс фандрайзинга для малых НПО",
        "practice:Курс фандрайзинга для малых НПО: шесть встреч до первого сбора",
        "organisation:Общественный фонд «Ресурсный центр «Ертіс»",
    ],
    "crowdfunding": [
        "practice:Краудфандинг для региональных НПО: сбор на одну конкретную вещь",
        "offer:Краудфандинговая платформа для НПО и обучение сборам",
        "organisation:Общественный фонд «Центр филантропии «Бірлесіп»",
    ],
    "отчет для донора": [
        "practice:Отчёт для донора за один вечер: открытая отчётность НКО",
        "practice:Регулярные пожертвования: от разовых сборов к ежемесячным донорам",
        "practice:Клуб попечителей сельской НКО: местный бизнес как постоянный донор",
    ],
    "monthly giving": [
        "practice:Регулярные пожертвования: от разовых сборов к ежемесячным донорам",
        "practice:Thank-you calls: keeping donors for a second year",
        "practice:Клиника грантовых заявок для тех, кто подаётся впервые",
    ],
    "эндаумент": [
        "practice:Эндаумент-фонд для небольшой НПО",
        "organisation:Общественный фонд «Центр филантропии «Бірлесіп»",
    ],
    "қайырымдылық дүкені": [
        "offer:Делимся опытом благотворительного магазина",
        "practice:Благотворительный магазин: сбор средств через продажу вещей",
    ],
    "еріктілер": [
        "need:Сексеуіл көшеттерін суаруға еріктілер мен техника керек",
        "practice:Школа координаторов волонтёров: восемь занятий",
        "practice:Ауыл жастарының еріктілер жасағы: жалғыз қарттарға көмек",
    ],
    "су тасқыны": [
        "practice:Добровольческая дружина на случай паводка",
        "need:Нужны снаряжение и обучение для паводковых дружин",
        "organisation:Общественное объединение «Жетісу еріктілері»",
    ],
    "ата-аналар клубы": [
        "practice:Ата-аналар клубы: ерекше балалары бар отбасыларға өзара көмек",
    ],
    "мүгедектігі бар адамдар": [
        "practice:Выездная юридическая консультация для людей с инвалидностью",
        "practice:Ата-аналар клубы: ерекше балалары бар отбасыларға өзара көмек",
        "organisation:Общественное объединение «Доступная среда»",
    ],
    "Easy Read": [
        "need:Partners in Russia for an Easy Read pilot",
        "practice:Лёгкий язык: информация для всех",
        "offer:Редактура на лёгком языке и обучение для НПО",
    ],
    "лёгкий язык": [
        "offer:Проверка текстов на лёгком языке с читателями с ментальной инвалидностью",
        "need:Нужны материалы на лёгком языке для переселенцев",
        "practice:Лёгкий язык: информация для всех",
    ],
    "каспийский тюлень": [
        "need:Нужен опыт учёта каспийского тюленя",
        "practice:Учёт каспийского тюленя вместе с рыбаками",
        "organisation:Общественный фонд «Каспий табиғаты»",
    ],
    "итбалық": [
        "offer:Обучаем учёту тюленя и делимся приложением",
        "practice:Учёт каспийского тюленя вместе с рыбаками",
    ],
    "река Урал": [
        "practice:Субботник с двух берегов: синхронная уборка реки Урал",
        "practice:Трансграничная экспедиция «Жайык — Урал»: школьники проверяют воду",
        "organisation:АНО «Урал без границ»",
    ],
    "датчики воздуха": [
        "need:Нужны датчики воздуха и опыт их калибровки",
        "practice:Народный мониторинг воздуха: недорогие датчики и открытая карта",
        "offer:Методика народного мониторинга воздуха и помощь с калибровкой датчиков",
    ],
    "repair café": [
        "practice:Ремонт-кафе: чинить, а не выбрасывать",
    ],
    "школа ухода": [
        "need:Ищем методику школы ухода для родственников тяжелобольных",
        "practice:Школа ухода для родственников тяжелобольных",
        "offer:Школа ухода: видеоуроки и обучение медсестёр",
    ],
    "саксаул Арал": [
        "practice:Посадка саксаула на осушенном дне Арала",
        "organisation:Общественное объединение «Сыр елі жастары»",
    ],
    "бюджет участия": [
        "practice:Бюджет участия: жители выбирают проекты для своего района",
    ],
}


def _load_demo() -> None:
    from civicbridge.accounts import demo as accounts_demo
    from civicbridge.exchange import demo as exchange_demo
    from civicbridge.registry import demo as registry_demo

    out = StringIO()
    with acting_as(None), search.paused():
        registry_demo.load(stdout=out, rng=random.Random("2026:registry"))  # the seed `loaddemo` uses
        accounts_demo.load(stdout=out)
        exchange_demo.load(stdout=out)
    search.reindex()


@pytest.mark.django_db
def test_judged_queries_give_the_same_top_three_in_order_on_both_databases_and_never_unpublished_records():
    _load_demo()
    assert set(TOP3) == {item["q"] for item in JUDGMENTS["queries"]}
    found = {item["q"]: ranked_keys(item["q"])[:3] for item in JUDGMENTS["queries"]}
    assert {q: top3 for q, top3 in found.items() if top3 != TOP3[q]} == {}  # the same set in the same order
    # One of the demo author's expected best results is among them.
    assert [item["q"] for item in JUDGMENTS["queries"] if not set(found[item["q"]]) & set(item["best"])] == []

    for q, title in UNPUBLISHED.items():
        for query in (q, title):
            hits = [hit.card.title for hit in search.search(query, per_page=100).hits]
            assert title not in hits, (query, hits)

    mean, _ = evaluate()
    assert mean >= 0.89  # 0.892 on both databases since listings keep each language in its own column
