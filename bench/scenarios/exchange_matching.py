"""Partner matching at national scale: suggestions for one organisation among 250,000 (a fifth of them with needs or
offers), target p95 < 200 ms.

`python -m bench.scenarios.exchange_matching [--db postgres|sqlite] [--organisations 250000] [--write]`

Data is inserted in bulk (bench/generate.py for organisations; listings here); the measured call is the real
`suggest_partners`, for a different organisation with listings each run (no warm cache of one answer).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time

TARGET_MS = 200
SHARE_WITH_LISTINGS = 0.2
NEEDS = [
    "Ищем наставника по фандрайзингу",
    "Нужны волонтёры для летнего лагеря",
    "Нужна методика инклюзивного обучения",
]
OFFERS = ["Методика инклюзивных летних лагерей", "Обучение фандрайзингу для НКО", "Школа волонтёров региона"]
SUBJECTS = ["для сельских школ", "для детей с инвалидностью", "в малых городах", "по экологии степи", "для пожилых"]


def _database_url(db: str) -> str:
    from bench.harness import database_url

    return database_url(
        db, "bench_exchange" if db == "sqlite" else os.environ.get("BENCH_EXCHANGE_DB", "civicbridge_bench_exchange")
    )


def generate(organisations: int, *, seed: int = 2027) -> dict:
    """`organisations` organisations; a fifth post one to three needs or offers with two themes each."""
    from django.db import connection, transaction

    from bench.generate import generate_organisations
    from civicbridge.exchange.models import Listing
    from civicbridge.registry.models import Organisation, Theme

    start = time.perf_counter()
    generate_organisations(organisations)
    if Listing.objects.exists():
        return {"generated_s": round(time.perf_counter() - start, 1), "listings": Listing.objects.count()}
    rng = random.Random(seed)
    themes = list(Theme.objects.values_list("pk", flat=True))
    ids = list(Organisation.objects.order_by("id").values_list("id", flat=True))
    chosen = rng.sample(ids, int(len(ids) * SHARE_WITH_LISTINGS))
    through = Listing.themes.through
    for begin in range(0, len(chosen), 5000):
        rows = []
        for org in chosen[begin : begin + 5000]:
            for _ in range(rng.randint(1, 3)):
                kind = rng.choice(["need", "offer"])
                title = f"{rng.choice(NEEDS if kind == 'need' else OFFERS)} {rng.choice(SUBJECTS)}"
                rows.append(
                    Listing(
                        organisation_id=org,
                        kind=kind,
                        title=title,
                        title_ru=title,
                        description_ru=f"{title}. Работаем вместе с партнёрами {rng.choice(SUBJECTS)}.",
                        languages=rng.choice([["ru"], ["ru", "kk"], ["kk"], ["ru", "en"]]),
                        cross_border=rng.random() < 0.6,
                    )
                )
        with transaction.atomic():
            created = Listing.objects.bulk_create(rows, batch_size=2000)
            through.objects.bulk_create(
                [through(listing_id=item.pk, theme_id=t) for item in created for t in rng.sample(themes, 2)],
                batch_size=5000,
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"generated_s": round(time.perf_counter() - start, 1), "listings": Listing.objects.count()}


def measure(runs: int) -> dict:
    from civicbridge.exchange.matching import suggest_partners
    from civicbridge.exchange.models import Listing
    from civicbridge.registry.models import Organisation

    rng = random.Random(7)
    org_ids = list(Listing.objects.order_by().values_list("organisation_id", flat=True).distinct()[:5000])
    samples, sizes = [], []
    for org_id in rng.sample(org_ids, runs + 3):
        organisation = Organisation.objects.get(pk=org_id)
        start = time.perf_counter()
        result = suggest_partners(organisation=organisation, limit=10)
        samples.append((time.perf_counter() - start) * 1000)
        sizes.append(len(result))
    return {"samples": samples[3:], "suggested": sizes[3:], "organisations": Organisation.objects.count()}


def _step(argv: list[str]) -> None:
    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("step")
    parser.add_argument("--organisations", type=int, default=250_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args(argv)
    django.setup()
    if args.step == "generate":
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        result = generate(args.organisations)
    else:
        result = measure(args.runs)
    print("RESULT " + json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scenarios.exchange_matching")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--organisations", type=int, default=250_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--write", action="store_true", help="write the section of bench/RESULTS.md")
    args = parser.parse_args()
    from bench.harness import step_runner

    run = step_runner(
        "bench.scenarios.exchange_matching",
        _database_url(args.db),
        "--organisations",
        str(args.organisations),
        "--runs",
        str(args.runs),
    )

    generated = run("generate")
    print("generated", generated)
    measured = run("measure")
    from bench.harness import Measurement, machine, write_section

    sizes = measured["suggested"]
    row = Measurement(
        "partner suggestions for one organisation",
        samples_ms=measured["samples"],
        note=f"{measured['organisations']:,} organisations, {generated['listings']:,} open needs and offers; "
        f"{min(sizes)}–{max(sizes)} suggestions (limit 10), a different organisation each run",
    )
    print(f"{row.name}: p50 {row.p50:.1f} ms  p95 {row.p95:.1f} ms  {row.note}")
    if args.write:
        vendor = "postgresql" if args.db == "postgres" else "sqlite"
        write_section(
            f"Partner matching — {args.db} ({vendor}), {args.organisations:,} organisations",
            f"Machine: {machine()}. `python -m bench.scenarios.exchange_matching --db {args.db} --write`. Data "
            f"generated in {generated['generated_s']} s (0 when already there). `suggest_partners` (bounded SQL "
            f"candidates, scoring in Python) for {args.runs} organisations with listings, after 3 warm-up calls.",
            [row],
            {row.name: TARGET_MS},
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--step":
        _step(sys.argv[2:])
    else:
        main()
