"""Demo data of the registry: the organisations and people of the source report, and a generated NGO sector.

`load()` first builds every record as plain data (deterministic for a given random generator, independent of the
database), then writes it through the registry services, finding existing records by natural keys (БИН, ИНН, ОГРН,
else name and country; a unit by its name in its organisation; a post by organisation, unit, title and holder;
a membership by network, member and date of joining) so that a second run writes nothing.

The report's people appear only with the posts the report states, citing it. Every generated organisation, person
and number is fictional; identifiers only have valid structure and check digits, and websites are on example.org.
"""

from __future__ import annotations

import random
from typing import Any

from .plan import Plan
from .report import REPORT_QUOTES, REPORT_TITLE, _report_plan, report_source
from .sector import SHOWCASE_NGO_BIN, _Generator
from .writing import _Writer

__all__ = ["DEPENDS_ON", "REPORT_QUOTES", "REPORT_TITLE", "SHOWCASE_NGO_BIN", "build_plan", "load"]

DEPENDS_ON: list[str] = []


def build_plan(rng: random.Random) -> Plan:
    """Every demo record of the registry, as data (the same for the same generator state)."""
    plan = Plan()
    _report_plan(plan)
    generator = _Generator(rng, plan)
    generator.sector()
    generator.networks()
    return plan


def load(*, stdout: Any, rng: random.Random | None = None) -> None:
    """Load (or bring up to date) the registry's demo data."""
    plan = build_plan(rng or random.Random(2026))  # noqa: S311 -- demo data, not secrets
    writer = _Writer(plan)
    source = report_source()
    writer.organisations()
    writer.units_()
    writer.posts(source)
    writer.links()
    writer.cite_report(source)
    done = ", ".join(f"{n} {what}" for what, n in sorted(writer.done.items())) or "nothing new"
    stdout.write(f"registry: {len(plan.orgs)} organisations in the demo; {done}.")
