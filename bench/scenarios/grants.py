"""Grants scenarios at national scale: automatic assignment of 10,000 applications to 600 experts, and the ranking
with the budget cut-off over 20,000 submitted reviews.

`python -m bench.scenarios.grants [--db postgres|sqlite] [--applications 10000] [--experts 600]`

Each measuring step runs in a fresh process, so the peak resident memory it reports is that of the step itself
(Django loaded + the work), not of the data generation. Data is inserted in bulk (benchmark data bypasses services,
as bench/generate.py does); the measured calls are the real services.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from datetime import timedelta
from decimal import Decimal

CALL_CODE = "bench-national-2027"
TARGETS = {"assignment": 30_000, "ranking": 5_000}  # ms


def _database_url(db: str) -> str:
    from bench.harness import database_url

    return database_url(
        db, "bench_grants" if db == "sqlite" else os.environ.get("BENCH_GRANTS_DB", "civicbridge_bench_grants")
    )


def generate(applications: int, experts: int, *, seed: int = 2027) -> dict:
    """A programme, a call with two bands and a rubric, `applications` eligible applications (with partners and
    themes) and `experts` experts, some tied to applicants, partners or shared networks (conflicts to find)."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from bench.generate import generate_organisations
    from civicbridge.accounts.choices import Role
    from civicbridge.accounts.models import Membership, User
    from civicbridge.grants import models as m
    from civicbridge.grants.choices import ApplicationStatus, CallStatus
    from civicbridge.registry.models import NetworkMembership, Organisation, Person, Position, Region, Theme

    if m.Call.objects.filter(code=CALL_CODE).exists():
        return {"generated_s": 0}
    rng = random.Random(seed)
    start = time.perf_counter()
    generate_organisations(applications + 2 * experts + 200)
    org_ids = list(Organisation.objects.order_by("id").values_list("id", flat=True))
    funder_id, networks, pool = org_ids[0], org_ids[1:41], org_ids[41:]
    themes = list(Theme.objects.values_list("pk", flat=True))
    regions = list(Region.objects.filter(country_id="KZ").values_list("pk", flat=True))
    now = timezone.now()
    password = make_password(None)
    with transaction.atomic():
        NetworkMembership.objects.bulk_create(
            [
                NetworkMembership(network_id=rng.choice(networks), member_id=org)
                for org in rng.sample(pool, min(3000, len(pool) // 3))
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        programme = m.Programme.objects.create(
            name="Государственные гранты для НПО (бенчмарк)",
            name_ru="Государственные гранты для НПО (бенчмарк)",
            funder_id=funder_id,
            budget=Decimal("50000000000"),
        )
        programme.themes.set(themes[:5])
        call = m.Call.objects.create(
            programme=programme,
            code=CALL_CODE,
            name="Национальный конкурс 2027",
            name_ru="Национальный конкурс 2027",
            status=CallStatus.IN_REVIEW,
            opens_at=now - timedelta(days=60),
            closes_at=now - timedelta(days=10),
            budget=Decimal("20000000000"),
            submission_languages=["ru", "kk"],
            review_deadline=now + timedelta(days=30),
        )
        small = m.SizeBand.objects.create(
            call=call, name="Малые", name_ru="Малые", min_amount=1_000_000, max_amount=5_000_000, pass_mark=60
        )
        large = m.SizeBand.objects.create(
            call=call, name="Крупные", name_ru="Крупные", min_amount=5_000_001, max_amount=20_000_000, pass_mark=70
        )
        for order in range(1, 11):
            m.Criterion.objects.create(call=call, order=order, name=f"Критерий {order}", name_ru=f"Критерий {order}")
        runner = User.objects.create(email="bench-runner@example.org", full_name="Оператор", password=password)
        Membership.objects.create(user=runner, role=Role.OPERATOR, organisation_id=funder_id)

        applicants = rng.sample(pool, applications)
        rows = []
        for i, org in enumerate(applicants, 1):
            requested = Decimal(rng.randrange(1_000_000, 20_000_000, 1000))
            rows.append(
                m.Application(
                    call=call,
                    organisation_id=org,
                    status=ApplicationStatus.ELIGIBLE,
                    language="kk" if rng.random() < 0.3 else "ru",
                    title=f"Проект {i}",
                    region_id=rng.choice(regions),
                    requested_amount=requested,
                    band=small if requested <= 5_000_000 else large,
                    receipt_number=f"{CALL_CODE.upper()}-{i:05d}",
                    submitted_at=now - timedelta(days=11, minutes=i),
                )
            )
        created = m.Application.objects.bulk_create(rows, batch_size=2000)
        through = m.Application.themes.through
        through.objects.bulk_create(
            [through(application_id=a.pk, theme_id=t) for a in created for t in rng.sample(themes, 2)],
            batch_size=5000,
        )
        m.ApplicationPartner.objects.bulk_create(
            [
                m.ApplicationPartner(application_id=a.pk, organisation_id=p)
                for a in created
                for p in set(rng.sample(pool, rng.randrange(0, 3))) - {a.organisation_id}
            ],
            batch_size=5000,
        )

        users = User.objects.bulk_create(
            [
                User(email=f"bench-expert{i}@example.org", full_name=f"Эксперт {i}", password=password)
                for i in range(experts)
            ],
            batch_size=1000,
        )
        profiles = m.ExpertProfile.objects.bulk_create(
            [
                m.ExpertProfile(
                    user=u,
                    languages=["ru", "kk"] if rng.random() < 0.5 else ["ru"],
                    max_load=rng.choice([40, 50, 60]),
                )
                for u in users
            ]
        )
        Membership.objects.bulk_create([Membership(user=u, role=Role.EXPERT) for u in users])
        pt = m.ExpertProfile.themes.through
        pt.objects.bulk_create([pt(expertprofile_id=p.pk, theme_id=t) for p in profiles for t in rng.sample(themes, 3)])
        pr = m.ExpertProfile.regions.through
        pr.objects.bulk_create(
            [pr(expertprofile_id=p.pk, region_id=r) for p in profiles for r in rng.sample(regions, 2)]
        )
        # Ties that make conflicts: a third hold a position, a third a role, in some organisation (often an applicant).
        people = Person.objects.bulk_create(
            [Person(full_name=u.full_name, full_name_ru=u.full_name, user=u) for u in users[: experts // 3]]
        )
        Position.objects.bulk_create(
            [
                Position(
                    person=p, organisation_id=rng.choice(applicants), title="член правления", title_ru="член правления"
                )
                for p in people
            ]
        )
        Membership.objects.bulk_create(
            [
                Membership(user=u, role=Role.REPRESENTATIVE, organisation_id=rng.choice(pool))
                for u in users[experts // 3 : 2 * experts // 3]
            ]
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"generated_s": round(time.perf_counter() - start, 1)}


def reset() -> None:
    """Undo an assignment: no reviews, applications eligible again, their history gone."""
    from django.contrib.contenttypes.models import ContentType

    from civicbridge.core.models import TransitionHistory
    from civicbridge.grants import models as m

    call = m.Call.objects.get(code=CALL_CODE)
    # Raw deletes: Model.delete() would write 20,000 audit entries one by one.
    m.Score.objects.filter(review__application__call=call)._raw_delete(m.Score.objects.db)
    m.Review.objects.filter(application__call=call)._raw_delete(m.Review.objects.db)
    history = TransitionHistory.objects.filter(content_type=ContentType.objects.get_for_model(m.Application))
    history._raw_delete(history.db)
    m.Application.objects.filter(call=call).update(status="eligible", score=None, review_count=0)


def measure_assignment(notify: bool) -> dict:
    from civicbridge.accounts.models import User
    from civicbridge.grants import models as m
    from civicbridge.grants.services.assignment import assign_call

    reset()
    call = m.Call.objects.get(code=CALL_CODE)
    runner = User.objects.get(email="bench-runner@example.org")
    start = time.perf_counter()
    result = assign_call(actor=runner, call=call, notify_experts=notify)
    elapsed = (time.perf_counter() - start) * 1000
    return {
        "ms": elapsed,
        "reviews": result.reviews_created,
        "started": result.applications_started,
        "short": len(result.short),
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure_ranking(repeat: int) -> dict:
    from django.db.models import Avg, OuterRef, Subquery
    from django.db.models.functions import Mod
    from django.utils import timezone

    from civicbridge.grants import models as m
    from civicbridge.grants.choices import ReviewStatus
    from civicbridge.grants.services.ranking import rank_call

    call = m.Call.objects.select_related("programme").get(code=CALL_CODE)
    reviews = m.Review.objects.filter(application__call=call)
    if not reviews.filter(status=ReviewStatus.SUBMITTED).exists():
        from django.db.models import F

        reviews.update(
            status=ReviewStatus.SUBMITTED, total=Mod(F("id") * 37, 10001) / 100.0, submitted_at=timezone.now()
        )
        mean = m.Review.objects.filter(application=OuterRef("pk"), status=ReviewStatus.SUBMITTED).values("application")
        m.Application.objects.filter(call=call, status="in_review").update(
            status="reviewed", score=Subquery(mean.annotate(a=Avg("total")).values("a")[:1]), review_count=2
        )
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        ranking = rank_call(call)
        samples.append((time.perf_counter() - start) * 1000)
    return {
        "samples": samples,
        "reviews": reviews.count(),
        "ranked": sum(len(b.rows) for b in ranking.bands),
        "funded": sum(1 for b in ranking.bands for r in b.rows if r.funded),
        "funded_total": str(ranking.funded_total),
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _step(argv: list[str]) -> None:
    """One step in this process (called by `main` in a fresh interpreter); prints a JSON line."""
    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("step")
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--experts", type=int, default=600)
    parser.add_argument("--notify", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    django.setup()
    if args.step == "generate":
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        result = generate(args.applications, args.experts)
    elif args.step == "assign":
        result = measure_assignment(args.notify)
    else:
        result = measure_ranking(args.repeat)
    print("RESULT " + json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scenarios.grants")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--experts", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3, help="timed assignment runs (each from a reset)")
    parser.add_argument("--write", action="store_true", help="write the section of bench/RESULTS.md")
    args = parser.parse_args()
    from bench.harness import step_runner

    run = step_runner(
        "bench.scenarios.grants",
        _database_url(args.db),
        "--applications",
        str(args.applications),
        "--experts",
        str(args.experts),
    )

    generated = run("generate")
    print("generated", generated)
    from bench.harness import Measurement, machine, write_section

    assign = Measurement("assignment", note="")
    rss = []
    for _ in range(args.runs):
        result = run("assign")
        print("assign", result)
        assign.samples_ms.append(result["ms"])
        rss.append(result["max_rss_mb"])
    assign.note = (
        f"{result['reviews']:,} reviews created, {result['started']:,} applications to review, "
        f"{result['short']} short; peak RSS {max(rss):.0f} MB (target 1 GB); experts not notified"
    )
    notified = run("assign", "--notify")
    print("assign+notify", notified)
    assign_notify = Measurement(
        "assignment + notifying every expert",
        samples_ms=[notified["ms"]],
        note="one reviews_assigned notification per expert, delivered in-process (eager jobs, no REDIS_URL: "
        f"in-app rows and console e-mails written before it returns); peak RSS {notified['max_rss_mb']:.0f} MB",
    )
    ranked = run("rank", "--repeat", "10")
    print("ranking", {k: v for k, v in ranked.items() if k != "samples"})
    ranking = Measurement(
        "ranking",
        samples_ms=ranked["samples"],
        note=f"{ranked['reviews']:,} submitted reviews, {ranked['ranked']:,} applications ranked in 2 bands, "
        f"{ranked['funded']:,} funded for {ranked['funded_total']}; peak RSS {ranked['max_rss_mb']:.0f} MB",
    )
    rows = [assign, assign_notify, ranking]
    for row in rows:
        print(f"{row.name:60s} p50 {row.p50:9.1f} ms  p95 {row.p95:9.1f} ms  {row.note}")
    if args.write:
        vendor = "postgresql" if args.db == "postgres" else "sqlite"
        write_section(
            f"Grants review — {args.db} ({vendor}), {args.applications:,} applications × {args.experts} experts",
            f"Machine: {machine()}. `python -m bench.scenarios.grants --db {args.db} --write`. Data generated in "
            f"{generated['generated_s']} s (0 when already there). Each step runs in a fresh process: "
            "`assign_call` (conflicts for every pair, balanced choice, bulk reviews, bulk transition with history) "
            f"from a reset, {args.runs} runs; `rank_call` (per band, tie-break, pass marks, cut-off) 10 runs.",
            rows,
            {
                "assignment": TARGETS["assignment"],
                "assignment + notifying every expert": TARGETS["assignment"],
                "ranking": TARGETS["ranking"],
            },
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--step":
        _step(sys.argv[2:])
    else:
        main()
