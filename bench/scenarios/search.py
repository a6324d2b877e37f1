"""Search: relevance on the judged set (nDCG@10) and speed at national scale.

    python -m bench.scenarios.search --ndcg [--write]          # judged queries on the database of DATABASE_URL
    python -m bench.scenarios.search --judge                   # rebuild bench/search_judgments.json from the demo
    python -m bench.scenarios.search --speed --db sqlite|postgres [--write]

The judged set is made from the demo data by explicit rules written per query below (RULES) — hand-written word
patterns, not our stemmer: grade 3 when a record's title (any language) says it, 2 when its summary or body says it,
1 when it only carries the query's theme. Keys are stable: "organisation:<Russian name>", "practice:<Russian title>",
"need:<…>", "offer:<…>". `expected_top3` records what the search returned when the set was written; the test
civicbridge/core/tests/test_search_judged.py holds both databases to it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

JUDGMENTS = Path(__file__).resolve().parent.parent / "search_judgments.json"
K = 10

# query → (pattern of the concept in any language, theme codes that make a record somewhat relevant)
RULES: dict[str, tuple[str, list[str]]] = {
    "волонтёров": (r"волонт|volunt|ерікті", ["volunteering"]),
    "волонтеры": (r"волонт|volunt|ерікті", ["volunteering"]),
    "volunteers": (r"волонт|volunt|ерікті", ["volunteering"]),
    "еріктілер": (r"волонт|volunt|ерікті", ["volunteering"]),
    "инклюзивный центр": (r"инклюзивн\w* центр|inclusi\w* cent", ["inclusion"]),
    "инклюзия": (r"инклюз|inclusi|инклюзия", ["inclusion"]),
    "доступная среда": (r"доступн\w* сред|accessib|без барьер", ["inclusion"]),
    "экология": (r"эколог|ecolog|environment", ["ecology"]),
    "экологический центр": (r"экологическ\w* центр|ecolog\w* cent", ["ecology"]),
    "чистая вода": (r"чист\w* вод|живая вода|clean water", ["ecology"]),
    "фандрайзинг": (r"фандрайз|fundrais|сбор\w* средств", ["fundraising"]),
    "школа фандрайзинга": (r"школ\w* фандрайз|fundraising school", ["fundraising"]),
    "fundraising": (r"фандрайз|fundrais|сбор\w* средств", ["fundraising"]),
    "правовая помощь": (r"правов|юрист|юридич|legal", ["legal-aid"]),
    "юрист": (r"юрист|юридич|lawyer|legal", ["legal-aid"]),
    "старшее поколение": (r"старш\w* поколен|пожил|elderly|senior", ["elderly"]),
    "молодёжный центр": (r"молод[её]жн\w* центр|youth cent", ["children-youth"]),
    "приют для животных": (r"приют|живот|animal", ["animal-welfare"]),
    "кризисный центр": (r"кризисн|crisis", ["gender-equality"]),
    "гражданский альянс": (r"гражданск\w* альянс|civic alliance|civil alliance", ["civic-participation"]),
    "альянс": (r"альянс|alliance", ["civic-participation"]),
    "общественная палата": (r"общественн\w* палат|public chamber", ["civic-participation"]),
    "медиашкола": (r"медиашкол|медиа|media", ["media"]),
    "ресурсный центр": (r"ресурсн\w* центр|resource cent", ["civic-participation"]),
    "общественный контроль": (r"общественн\w* контрол|public oversight|anti-corruption", ["anti-corruption"]),
}


def _key(hit_kind: str, obj) -> str:
    name = getattr(obj, "name_ru", None) or getattr(obj, "title_ru", "")
    return f"{hit_kind}:{name}"


def _records():
    """(key, title texts, other texts, theme codes) of every indexed record."""
    from civicbridge.core.search.registration import registrations

    for registration in registrations():
        for obj in registration.queryset():
            document = registration.document(obj)
            if document is None:
                continue
            title = " ".join(filter(None, document.title.values()))
            other = " ".join(filter(None, [*document.summary.values(), *document.body.values()]))
            yield _key(document.kind, obj), title, other, set(document.facets.get("theme", []))


def judge() -> dict:
    """Grade every demo record for every query by RULES, and record the current top-3."""
    records = list(_records())
    queries = []
    for q, (pattern, themes) in RULES.items():
        concept = re.compile(pattern, re.IGNORECASE)
        relevant = {}
        for key, title, other, record_themes in records:
            grade = (
                3 if concept.search(title) else 2 if concept.search(other) else 1 if record_themes & set(themes) else 0
            )
            if grade:
                relevant[key] = grade
        queries.append({"q": q, "relevant": relevant, "expected_top3": ranked_keys(q)[:3]})
    return {"k": K, "rules": "bench/scenarios/search.py RULES", "queries": queries}


def ranked_keys(q: str, limit: int = K) -> list[str]:
    from civicbridge.core.search import search

    return [_key(hit.kind, hit.obj) for hit in search(q, per_page=limit, language="ru").hits]


def ndcg(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    """nDCG@k with gains 2^grade − 1."""
    dcg = sum((2 ** relevant.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum((2**grade - 1) / math.log2(i + 2) for i, grade in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def evaluate() -> tuple[float, list[tuple[str, float]]]:
    data = json.loads(JUDGMENTS.read_text())
    per_query = [
        (item["q"], ndcg(ranked_keys(item["q"], data["k"]), item["relevant"], data["k"])) for item in data["queries"]
    ]
    return sum(score for _, score in per_query) / len(per_query), per_query


# --- Speed --------------------------------------------------------------------------------------------------------

PRACTICE_WORDS = {
    "what": [
        "Инклюзивный лагерь",
        "Школа волонтёров",
        "Экологический патруль",
        "Фандрайзинговый марафон",
        "Правовая клиника",
        "Клуб серебряного возраста",
        "Молодёжный медиацентр",
        "Приют для животных",
        "Ресурсный центр НКО",
        "Семейный клуб",
        "Курсы цифровой грамотности",
        "Чистый берег",
    ],
    "where": ["в селе", "в малом городе", "в областном центре", "в степном районе", "на окраине", "в школе"],
    "problem": [
        "Людям с инвалидностью трудно",
        "Молодёжь уезжает",
        "Пожилые люди одиноки",
        "Реки загрязнены",
        "НКО не умеют собирать средства",
        "Жители не знают своих прав",
        "Бездомных животных много",
    ],
    "solution": [
        "обучили волонтёров",
        "провели смены лагеря",
        "создали фонд местного сообщества",
        "открыли консультации юристов",
        "запустили краудфандинг",
        "организовали субботники",
    ],
    "result": [
        "120 участников за год",
        "собрано 3 млн тенге",
        "30 волонтёров постоянно",
        "очищено 5 км берега",
        "открыто 4 филиала",
        "90 % участников довольны",
    ],
}


def generate_practices(total: int, *, seed: int = 2026, batch: int = 2000) -> float:
    """Insert published practices with realistic-ish texts (bulk: no services, no audit log). Returns seconds."""
    from django.db import transaction
    from django.utils import timezone

    from civicbridge.exchange.models import Practice
    from civicbridge.registry.models import Organisation, Theme

    rng = random.Random(seed)
    start = time.perf_counter()
    made = Practice.objects.count()
    orgs = list(Organisation.objects.order_by("id").values_list("id", "country_id", "region_id")[:20000])
    themes = list(Theme.objects.values_list("pk", flat=True))
    through = Practice.themes.through
    w = PRACTICE_WORDS
    now = timezone.now()
    while made < total:
        rows = []
        for _ in range(min(batch, total - made)):
            made += 1
            org, country, region = rng.choice(orgs)
            title = f"{rng.choice(w['what'])} {rng.choice(w['where'])} №{made}"
            rows.append(
                Practice(
                    organisation_id=org,
                    country_id=country,
                    region_id=region,
                    status="published",
                    published_at=now,
                    title=title,
                    title_ru=title,
                    problem_ru=f"{rng.choice(w['problem'])}. {rng.choice(w['problem'])}.",
                    solution_ru=f"Мы {rng.choice(w['solution'])} и {rng.choice(w['solution'])}.",
                    steps_ru="\n".join(rng.sample(w["solution"], 3)),
                    results_ru=f"{rng.choice(w['result'])}; {rng.choice(w['result'])}.",
                )
            )
        with transaction.atomic():
            created = Practice.objects.bulk_create(rows, batch_size=1000)
            through.objects.bulk_create(
                [through(practice_id=p.pk, theme_id=t) for p in created for t in rng.sample(themes, 2)],
                batch_size=5000,
            )
    return time.perf_counter() - start


SPEED_QUERIES = {
    "«волонтёров» (common word)": ("волонтёров", {}),
    "«инклюзивный лагерь»": ("инклюзивный лагерь", {}),
    "«фонд надежда»": ("фонд надежда", {}),
    "«экология степи», country=KZ": ("экология степи", {"country": ["KZ"]}),
    "«юристов» practices only": ("юристов", {"kind": ["practice"]}),
    "«альянс» (rare word)": ("альянс", {}),
    "«fundraising» (English)": ("fundraising", {}),
}
TARGETS = {"postgresql": 100, "sqlite": 200}


def speed(repeat: int) -> list:
    from django.db import connection
    from django.test import Client

    from bench.harness import measure

    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    rows = []
    for name, (q, filters) in SPEED_QUERIES.items():
        params = {"q": q, **filters}

        def call(params=params):
            assert client.get("/search/", params).status_code == 200

        def api(params=params):
            assert client.get("/api/v1/search/", params).status_code == 200

        rows.append(measure(f"page {name}", call, repeat=repeat))
        rows.append(measure(f"API {name}", api, repeat=repeat))
    return rows, TARGETS[connection.vendor]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ndcg", action="store_true")
    parser.add_argument("--judge", action="store_true")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--db", choices=["sqlite", "postgres"])
    parser.add_argument("--organisations", type=int, default=250_000)
    parser.add_argument("--practices", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--write", action="store_true", help="write the figures to bench/RESULTS.md")
    args = parser.parse_args()
    if args.speed and args.db and "BENCH_CHILD" not in os.environ:
        from bench.__main__ import OUT

        env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.base", BENCH_CHILD="1")
        if args.db == "sqlite":
            OUT.mkdir(exist_ok=True)
            env["DATABASE_URL"] = f"sqlite:///{OUT / 'bench.sqlite3'}"
        else:
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", "CREATE DATABASE civicbridge_bench"],
                capture_output=True,
                check=False,
            )
            env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/civicbridge_bench"
        subprocess.run([sys.executable, "-m", "bench.scenarios.search", *sys.argv[1:]], env=env, check=True)
        return

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.db import connection

    from bench.harness import machine, write_section

    if args.judge:
        JUDGMENTS.write_text(json.dumps(judge(), ensure_ascii=False, indent=1) + "\n")
        print(f"wrote {JUDGMENTS}")
    if args.ndcg:
        mean, per_query = evaluate()
        for q, score in per_query:
            print(f"{q:30s} nDCG@{K} {score:.3f}")
        print(f"mean nDCG@{K} on {connection.vendor}: {mean:.3f}")
        if args.write:
            _write_ndcg(connection.vendor, mean, per_query)
    if args.speed:
        from django.core.management import call_command

        from bench.generate import generate_organisations
        from civicbridge.core.models import SearchDocument
        from civicbridge.core.search import reindex

        call_command("migrate", verbosity=0)
        seconds = generate_organisations(args.organisations)
        seconds += generate_practices(args.practices)
        t0 = time.perf_counter()
        if SearchDocument.objects.count() < args.organisations + args.practices:
            reindex(batch=5000)
        indexed = time.perf_counter() - t0
        with connection.cursor() as cursor:
            # VACUUM: the index writes each document twice (row, then its tsvector); what autovacuum would do later.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        rows, target = speed(args.repeat)
        for row in rows:
            print(f"{row.name:60s} p50 {row.p50:8.1f} ms  p95 {row.p95:8.1f} ms")
        if args.write:
            write_section(
                f"Search — {connection.vendor}, {args.organisations:,} organisations + {args.practices:,} practices",
                f"Machine: {machine()}. Data generated in {seconds:.0f} s, indexed in {indexed:.0f} s (0 when already "
                "there). Each scenario requests the page (HTML, facets, snippets) or the API through Django's test "
                f"client, {args.repeat} timed runs after 3 warm-up runs. `python -m bench.scenarios.search --speed "
                f"--db {args.db} --write`.",
                rows,
                {row.name: target for row in rows},
            )


def _write_ndcg(vendor: str, mean: float, per_query: list[tuple[str, float]]) -> None:
    from bench.harness import RESULTS

    title = f"Search relevance — {vendor}"
    lines = [
        f"## {title}",
        "",
        f"Judged set: bench/search_judgments.json ({len(per_query)} queries, graded 0–3, made "
        f"from the demo data by the rules in bench/scenarios/search.py). Mean nDCG@{K}: **{mean:.3f}**.",
        "",
        "| query | nDCG@10 |",
        "|---|---:|",
    ]
    lines += [f"| {q} | {score:.3f} |" for q, score in per_query]
    section = "\n".join(lines) + "\n"
    text = RESULTS.read_text()
    marker = f"## {title}\n"
    if marker in text:
        head, rest = text.split(marker, 1)
        tail = rest.split("\n## ", 1)
        text = head + section + ("\n## " + tail[1] if len(tail) > 1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
