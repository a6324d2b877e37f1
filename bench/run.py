"""One benchmark run on the database named by DATABASE_URL (called by `python -m bench`)."""

from __future__ import annotations

import argparse

import django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", required=True)
    parser.add_argument("--organisations", type=int, required=True)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench.generate import generate_organisations
    from bench.harness import machine, write_section
    from bench.scenarios import registry

    seconds = generate_organisations(args.organisations)
    from django.db import connection

    with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum would keep them in production
        cursor.execute("ANALYZE")
    rows = registry.run(repeat=args.repeat)

    write_section(
        f"Registry directory — {args.label} ({connection.vendor}), {args.organisations:,} organisations",
        f"Machine: {machine()}. Data generated in {seconds:.0f} s (0 s when already there). Each scenario requests "
        "the page or endpoint through Django's test client (full middleware, template rendering, JSON), "
        f"{args.repeat} timed runs after 3 warm-up runs.",
        rows,
        registry.TARGETS,
    )
    for row in rows:
        print(f"{row.name:60s} p50 {row.p50:8.1f} ms  p95 {row.p95:8.1f} ms")


if __name__ == "__main__":
    main()
