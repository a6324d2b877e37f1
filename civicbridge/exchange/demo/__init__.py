"""Demo data of the exchange: a library of 67 practices, their adoptions across the border, needs and offers that
match, partnership requests and memoranda — all written through the exchange services.

- Practices on the four themes of the source report (inclusion, fundraising, volunteer engagement, ecology), 13–15
  each, and a dozen on other themes; ten written in Kazakh, eight in English (by two international organisations),
  the rest in Russian, many with versions in the other languages. Most are published; two are drafts, two await
  moderation, one was returned with the moderator's comment, one is archived.
- About fifty adoptions dated 2024–2026, most of them a Kazakh practice taken up in Russia or the other way round.
- Needs and offers that complement each other (an Omsk NGO needs fundraising training for a rural inclusion project;
  a Pavlodar resource centre offers a fundraising course for small NGOs), requests sent, accepted, declined and
  withdrawn, and four recorded partnerships.
- The showcase NGO of the registry demo (the demo «NGO representative» acts for it) has a draft practice, a need, an
  offer and two requests waiting for its answer.

Publishers are the showcase NGO, ГАК and 31 fictional NGOs with fixed names and valid identifiers (organisations.py);
each has a demo representative `exchange-<key>@demo.civicbridge.kz` with the shared demo password.
"""

from __future__ import annotations

import random
from typing import Any

from . import ecology, fundraising, inclusion, other, volunteering
from .adoptions import ADOPTIONS
from .listings import LISTINGS, PARTNERSHIPS, REQUESTS
from .plan import Plan
from .writing import _Writer

__all__ = ["DEPENDS_ON", "build_plan", "load"]

DEPENDS_ON = ["registry", "accounts"]


def build_plan() -> Plan:
    """Every demo record of the exchange, as data."""
    return Plan(
        practices=[
            *inclusion.PRACTICES,
            *fundraising.PRACTICES,
            *volunteering.PRACTICES,
            *ecology.PRACTICES,
            *other.PRACTICES,
        ],
        adoptions=list(ADOPTIONS),
        listings=list(LISTINGS),
        requests=list(REQUESTS),
        partnerships=list(PARTNERSHIPS),
    )


def load(*, stdout: Any, rng: random.Random | None = None) -> None:
    """Load the exchange's demo data (what is missing only). The data is fixed, so `rng` is not used."""
    plan = build_plan()
    writer = _Writer(plan)
    writer.organisations()
    writer.practices_()
    writer.adoptions_()
    writer.listings_()
    writer.partnerships_(writer.requests())
    done = ", ".join(f"{n} {what}" for what, n in sorted(writer.done.items())) or "nothing new"
    stdout.write(f"exchange: {len(plan.practices)} practices in the demo; {done}.")
