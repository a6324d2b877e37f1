"""Demo data of events: the XII Civil Forum of Kazakhstan, the Kazakhstan–Russia round table of the source report
with its speakers, regional meetings with citizens in several oblasts, and an NGO delegation visit to Russia —
all written through the events services. Each part lives in its own module.
"""

from __future__ import annotations

import random
from typing import Any

from django.utils.translation import gettext as _

from civicbridge.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD

from . import delegation, forum, meetings, outcomes

__all__ = ["DEPENDS_ON", "demo_accounts", "load"]

DEPENDS_ON = ["registry", "accounts"]


def load(*, stdout: Any, rng: random.Random | None = None) -> None:
    """Load what is missing of the events' demo data (idempotent)."""
    for part in (forum, meetings, delegation, outcomes):
        part.load(stdout=stdout, rng=rng)


def demo_accounts() -> list[tuple[str, str, str]]:
    """(e-mail, password, role) of the events' own demo user, for the table loaddemo prints."""
    return [(f"events-participant@{DEMO_DOMAIN}", DEMO_PASSWORD, _("event participant"))]
