"""Demo data of events: the XII Civil Forum of Kazakhstan, the Kazakhstan–Russia round table of the source report
with its speakers, regional meetings with citizens in several oblasts, and an NGO delegation visit to Russia —
all written through the events services. Each part lives in its own module.
"""

from __future__ import annotations

import random
from typing import Any

from . import delegation, forum, meetings, outcomes

__all__ = ["DEPENDS_ON", "load"]

DEPENDS_ON = ["registry", "accounts"]


def load(*, stdout: Any, rng: random.Random | None = None) -> None:
    """Load what is missing of the events' demo data (idempotent)."""
    for part in (forum, meetings, delegation, outcomes):
        part.load(stdout=stdout, rng=rng)
