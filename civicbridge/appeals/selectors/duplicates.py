"""Similar open issues: what the intake form and a coordinator see before a duplicate is sent or merged.

The issue's words are cut to their stems (core.search.text: the Snowball stemmers the platform search uses, stop
words left out); the stems are looked for in Appeal.search_text (title and text, folded) among open, public issues —
first in the same region (the index on region, status, created_at), then, if too few, in the same category — and
the candidates are ranked by the share of the stems they contain. A stem is a prefix of its word, so "дороги",
"дорогу" and "дорога" all find "дорог". The same SQL runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from civicbridge.core.search.text import stems

from ..choices import OPEN_STATUSES
from ..models import Appeal

MAX_STEMS = 8  # the longest stems of the text: enough to tell, few enough for a short query
MIN_STEM = 3
CANDIDATES = 200  # newest matching candidates scored per pass
MIN_SHARE = 0.34  # at least a third of the stems, and at least two of them (one word in common is chance)


@dataclass(frozen=True)
class Similar:
    appeal: Appeal
    score: float
    same_region: bool


KAZAKH_LETTERS = frozenset("әғқңөұүһі")


def guess_language(text: str) -> str:
    """Kazakh if the text has a letter only Kazakh uses, English if it has no Cyrillic letter, else Russian."""
    folded = text.casefold()
    if any(letter in KAZAKH_LETTERS for letter in folded):
        return "kk"
    if not any("а" <= letter <= "я" or letter == "ё" for letter in folded):
        return "en"
    return "ru"


def query_stems(text: str, language: str = "ru") -> list[str]:
    """The distinctive stems of a text, longest first (long words tell more than short ones)."""
    found = {stem for stem in stems(text, language) if len(stem) >= MIN_STEM}
    return sorted(found, key=lambda stem: (-len(stem), stem))[:MAX_STEMS]


def open_public() -> QuerySet[Appeal]:
    """Issues still waiting for an answer that the public sees: not merged, not hidden."""
    return Appeal.objects.filter(status__in=OPEN_STATUSES, merged_into__isnull=True, hidden_at__isnull=True)


def _candidates(queryset: QuerySet[Appeal], words: list[str]) -> list[tuple[int, str, int | None, int | None]]:
    matches = reduce(or_, (Q(search_text__contains=word) for word in words))
    return list(
        queryset.filter(matches)
        .order_by("-created_at", "-id")
        .values_list("pk", "search_text", "region_id", "category_id")[:CANDIDATES]
    )


def similar_open(
    text: str,
    region=None,
    category=None,
    limit: int = 5,
    *,
    exclude: int | None = None,
    language: str | None = None,
) -> list[Similar]:
    """Up to `limit` open public issues that say much the same as `text`, the same region's first, best first.

    `language` picks the stemmer; by default the text's letters tell it.
    """
    words = query_stems(text, language or guess_language(text))
    if len(words) < 2:
        return []
    region_id = getattr(region, "pk", region) or None
    category_id = getattr(category, "pk", category) or None
    base = open_public()
    if exclude:
        base = base.exclude(pk=exclude)
    passes = []
    if region_id:
        passes.append(base.filter(region_id=region_id))
    if category_id:
        passes.append(base.filter(category_id=category_id))
    if not passes:
        passes.append(base)
    needed = max(2, round(len(words) * MIN_SHARE))
    scored: dict[int, tuple[float, bool]] = {}
    for queryset in passes:
        for pk, search_text, row_region, row_category in _candidates(queryset, words):
            if pk in scored:
                continue
            hits = sum(1 for word in words if word in search_text)
            if hits < needed:
                continue
            share = hits / len(words) + (0.05 if category_id and row_category == category_id else 0)
            scored[pk] = (share, bool(region_id) and row_region == region_id)
        if sum(1 for _score, same in scored.values() if same) >= limit:
            break  # enough in the same region: the second pass is not needed
    best = sorted(scored.items(), key=lambda item: (not item[1][1], -item[1][0], -item[0]))[:limit]
    appeals = Appeal.objects.select_related("region", "category", "responsible").in_bulk([pk for pk, _s in best])
    return [Similar(appeals[pk], score, same) for pk, (score, same) in best if pk in appeals]
