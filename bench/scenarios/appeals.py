"""Citizens' issues at national scale: 1,000,000 issues; the public tracker's first page filtered by region and status
(target p95 < 150 ms) and the statistics page (target < 1 s), on PostgreSQL.

`python -m bench.scenarios.appeals [--db postgres|sqlite] [--appeals 1000000] [--runs 30] [--write]`

Issues are generated in the database itself (INSERT … SELECT over generate_series on PostgreSQL, batches of 100,000;
benchmark data bypasses the services, as bench/generate.py does): 80 % in Kazakhstan's 20 regions and 20 % in
Russia's, skewed towards the large ones; every status (most answered, the open ones recent, some overdue), dates over
three years, ten categories with their themes and response times, 400 responsible organisations (one per region
and category, as routing rules would choose). Each measured run
requests the whole page through Django's test client (middleware, filters, template), a different region and status
each run. The statistics page is measured cold (its cache cleared before every run) and warm.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time

TARGETS = {
    "tracker, first page, filter region & status": 150,
    "statistics page, cold (cache cleared each run)": 1000,
}
BATCH = 100_000
RESPONSIBLE = 400

TITLES = [
    "Нет освещения на улице",
    "Разбитая дорога до села",
    "Не хватает мест в детском саду",
    "Перебои с водой",
    "Нет пандуса в поликлинике",
    "Автобус ходит редко",
    "Свалка у реки",
    "Задержка выплаты пособия",
    "Нет интернета в школе",
    "Шум от стройки ночью",
]


def _database_url(db: str) -> str:
    from bench.harness import database_url

    return database_url(
        db, "bench_appeals" if db == "sqlite" else os.environ.get("BENCH_APPEALS_DB", "civicbridge_bench_appeals")
    )


def _postgres_insert(cursor, count: int, start_serial: int, data: dict) -> None:
    """`count` issues in one INSERT … SELECT: the choices are arrays passed once, picked by random indexes."""
    cursor.execute(
        """
        WITH p AS (
          SELECT %(kz)s::varchar[] AS kz, %(ru)s::varchar[] AS ru, %(cats)s::int[] AS cats,
                 %(themes)s::int[] AS themes, %(days)s::int[] AS days, %(orgs)s::int[] AS orgs,
                 %(titles)s::text[] AS titles
        ), s AS (
          SELECT g, random() AS rc, random() AS rr, random() AS rs, random() AS rd, random() AS ra,
                 1 + floor(random() * cardinality(p.cats))::int AS ci,
                 1 + floor(random() * cardinality(p.titles))::int AS ti,
                 cardinality(p.orgs) AS no
          FROM generate_series(%(first)s, %(last)s) AS g, p
        ), t AS (
          SELECT s.*,
                 CASE WHEN rs < 0.08 THEN 'new' WHEN rs < 0.15 THEN 'accepted' WHEN rs < 0.30 THEN 'in_progress'
                      WHEN rs < 0.85 THEN 'answered' ELSE 'declined' END AS status,
                 CASE WHEN rc < 0.8 THEN 'KZ' ELSE 'RU' END AS country
          FROM s
        ), v AS (
          SELECT t.*,
                 CASE WHEN country = 'KZ' THEN p.kz[1 + floor(power(rr, 1.6) * cardinality(p.kz))::int]
                      ELSE p.ru[1 + floor(power(rr, 1.6) * cardinality(p.ru))::int] END AS region,
                 now() - CASE WHEN status IN ('new', 'accepted', 'in_progress') THEN rd * interval '90 days'
                              ELSE rd * interval '1095 days' END AS created
          FROM t, p
        ), u AS (
          SELECT v.*, 1 + (hashtext(region || ':' || p.cats[ci]) & 2147483647) %% no AS oi FROM v, p
        )
        INSERT INTO appeals_appeal (
          created_at, updated_at, title, text, language, category_id, theme_id, country_id, region_id, channel,
          status, responsible_id, is_anonymous, public_name, contact_name, contact_email, contact_phone, due_at,
          accepted_at, answered_at, answer, answered_by_organisation_id, reopened_count, supporters_count,
          hidden_reason, hidden_note, public_text, search_text
        )
        SELECT created, created, p.titles[ti] || ' №' || g,
               p.titles[ti] || '. Просим разобраться и сообщить о принятых мерах. Обращение ' || g || '.',
               'ru', p.cats[ci], p.themes[ci], country, region,
               CASE WHEN ra < 0.6 THEN 'meeting' WHEN ra < 0.95 THEN 'online' ELSE 'other' END,
               status, CASE WHEN status = 'new' AND ra < 0.5 THEN NULL ELSE p.orgs[oi] END,
               ra < 0.3, CASE WHEN ra < 0.3 THEN '' ELSE 'А.' END, '', '', '',
               created + make_interval(days => p.days[ci]),
               CASE WHEN status = 'new' THEN NULL ELSE created + interval '2 days' END,
               CASE WHEN status = 'answered' THEN created + (1 + power(ra, 2) * 60) * interval '1 day' END,
               CASE WHEN status = 'answered' THEN 'Меры приняты, работы выполнены.' ELSE '' END,
               CASE WHEN status = 'answered' THEN p.orgs[oi] END,
               0, floor(power(rd, 3) * 20)::int, '', '', '', lower(p.titles[ti])
        FROM u, p
        """,
        {**data, "first": start_serial, "last": start_serial + count - 1},
    )


def generate(total: int, *, seed: int = 2027) -> dict:
    from django.db import connection, transaction

    from bench.generate import generate_organisations
    from civicbridge.appeals.models import Appeal, Category
    from civicbridge.registry.models import Organisation, Region

    start = time.perf_counter()
    existing = Appeal.objects.count()
    if existing >= total:
        return {"generated_s": 0, "appeals": existing}
    generate_organisations(RESPONSIBLE)
    categories = list(Category.objects.order_by("order", "code"))
    data = {
        "kz": list(Region.objects.filter(country_id="KZ").order_by("code").values_list("code", flat=True)),
        "ru": list(Region.objects.filter(country_id="RU").order_by("code").values_list("code", flat=True)),
        "cats": [c.pk for c in categories],
        "themes": [c.theme_id for c in categories],
        "days": [c.response_days for c in categories],
        "orgs": list(Organisation.objects.order_by("id").values_list("id", flat=True)[:RESPONSIBLE]),
        "titles": TITLES,
    }
    if connection.vendor != "postgresql":
        _python_insert(total - existing, existing, data, seed)
    else:
        made = existing
        while made < total:
            count = min(BATCH, total - made)
            with transaction.atomic(), connection.cursor() as cursor:
                _postgres_insert(cursor, count, made + 1, data)
            made += count
            print(f"  {made:,} issues", file=sys.stderr, flush=True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE appeals_appeal")
    return {"generated_s": round(time.perf_counter() - start, 1), "appeals": Appeal.objects.count()}


def _python_insert(count: int, serial: int, data: dict, seed: int) -> None:
    """SQLite: the same distribution, built in Python and bulk-inserted."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from civicbridge.appeals.models import Appeal

    rng = random.Random(seed)
    now = timezone.now()
    statuses = [("new", 0.08), ("accepted", 0.15), ("in_progress", 0.30), ("answered", 0.85), ("declined", 1.0)]
    made = 0
    while made < count:
        rows = []
        for _ in range(min(10_000, count - made)):
            serial += 1
            roll = rng.random()
            status = next(name for name, limit in statuses if roll < limit)
            country = "KZ" if rng.random() < 0.8 else "RU"
            regions = data["kz" if country == "KZ" else "ru"]
            ci = rng.randrange(len(data["cats"]))
            title = rng.choice(TITLES)
            span = 90 if status in ("new", "accepted", "in_progress") else 1095
            created = now - timedelta(days=rng.random() * span)
            region = regions[int(rng.random() ** 1.6 * len(regions))]
            org = data["orgs"][hash((region, data["cats"][ci])) % len(data["orgs"])]
            rows.append(
                Appeal(
                    created_at=created,
                    updated_at=created,
                    title=f"{title} №{serial}",
                    text=f"{title}. Просим разобраться. Обращение {serial}.",
                    category_id=data["cats"][ci],
                    theme_id=data["themes"][ci],
                    country_id=country,
                    region_id=region,
                    status=status,
                    responsible_id=org,
                    due_at=created + timedelta(days=data["days"][ci]),
                    answered_at=created + timedelta(days=1 + rng.random() * 60) if status == "answered" else None,
                    answer="Меры приняты." if status == "answered" else "",
                    search_text=title.lower(),
                )
            )
        with transaction.atomic():
            Appeal.objects.bulk_create(rows, batch_size=2000)
        made += len(rows)


def measure(runs: int) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from civicbridge.appeals.models import Appeal

    rng = random.Random(11)
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    regions = list(
        Appeal.objects.filter(country_id="KZ").order_by().values_list("region_id", flat=True).distinct()[:20]
    )
    statuses = ["new", "accepted", "in_progress", "answered", "declined"]

    def timed(url: str, before=None) -> float:
        if before:
            before()
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    def series(make_url, before=None) -> list[float]:
        for _ in range(3):
            timed(make_url(), before)
        return [timed(make_url(), before) for _ in range(runs)]

    result = {
        "tracker_region_status": series(
            lambda: f"/appeals/?region={rng.choice(regions)}&status={rng.choice(statuses)}"
        ),
        "tracker_first_page": series(lambda: "/appeals/"),
        "tracker_page_50": series(lambda: f"/appeals/?region={rng.choice(regions)}&page=50"),
        "stats_cold": series(lambda: "/appeals/stats/", before=cache.clear),
        "stats_country_year_cold": series(lambda: "/appeals/stats/?country=KZ&since=2026-01-01", before=cache.clear),
        "stats_warm": series(lambda: "/appeals/stats/"),
        "api_region_status": series(
            lambda: f"/api/v1/appeals/?region={rng.choice(regions)}&status={rng.choice(statuses)}"
        ),
        "open311_requests": series(lambda: "/api/v1/open311/requests.json?status=open"),
        "appeals": Appeal.objects.count(),
        "vendor": connection.vendor,
    }
    return result


def _step(argv: list[str]) -> None:
    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("step")
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    django.setup()
    if args.step == "generate":
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        result = generate(args.appeals)
    else:
        result = measure(args.runs)
    print("RESULT " + json.dumps(result))


ROWS = [
    ("tracker_region_status", "tracker, first page, filter region & status", "a different region and status each run"),
    ("tracker_first_page", "tracker, first page, no filter", "count capped at 10,000"),
    ("tracker_page_50", "tracker, page 50, filter region", "OFFSET 980"),
    ("stats_cold", "statistics page, cold (cache cleared each run)", "all issues: one scan, hashed in 2 workers"),
    ("stats_country_year_cold", "statistics page, KZ since 2026-01-01, cold", "country and period filters"),
    ("stats_warm", "statistics page, warm (cached figures)", "cached for 5 minutes"),
    ("api_region_status", "API /api/v1/appeals/, filter region & status", "JSON, 25 a page"),
    ("open311_requests", "Open311 requests.json?status=open", "JSON, 50 a page"),
]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scenarios.appeals")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--write", action="store_true", help="write the section of bench/RESULTS.md")
    args = parser.parse_args()
    from bench.harness import Measurement, machine, step_runner, write_section

    run = step_runner(
        "bench.scenarios.appeals",
        _database_url(args.db),
        "--appeals",
        str(args.appeals),
        "--runs",
        str(args.runs),
    )
    generated = run("generate")
    print("generated", generated)
    measured = run("measure")
    rows = [Measurement(name, samples_ms=measured[key], note=note) for key, name, note in ROWS]
    for row in rows:
        print(f"{row.name:60s} p50 {row.p50:8.1f} ms  p95 {row.p95:8.1f} ms")
    if args.write:
        write_section(
            f"Citizens' issues — {args.db} ({measured['vendor']}), {measured['appeals']:,} issues",
            f"Machine: {machine()}. `python -m bench.scenarios.appeals --db {args.db} --write`. Data generated in "
            f"{generated['generated_s']} s (0 when already there). Each scenario requests the whole page or endpoint "
            f"through Django's test client, {args.runs} timed runs after 3 warm-up runs.",
            rows,
            TARGETS,
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--step":
        _step(sys.argv[2:])
    else:
        main()
