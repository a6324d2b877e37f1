"""Text normalisation for search: case-folded, ё = е, whitespace collapsed."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.conf import settings

# The platform's languages: the interface's and every translated column's (name_ru, name_kk, name_en), in order.
LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)

_SPACE = re.compile(r"\s+")


def normalize(text: str | None) -> str:
    """Fold a text for matching: lower case (Unicode casefold), ё→е, single spaces."""
    if not text:
        return ""
    folded = text.casefold().replace("ё", "е")
    return _SPACE.sub(" ", folded).strip()


def search_blob(parts: Iterable[str | None]) -> str:
    """Join the searchable parts of a record into one normalised string (stored and indexed)."""
    return normalize(" | ".join(p for p in parts if p))


def filter_words(queryset, query: str | None, field: str = "search_text", max_words: int = 10):
    """Keep rows whose folded `field` contains every word of `query` (at most `max_words` words are used)."""
    for word in normalize(query).split(" ")[:max_words]:
        if word:
            queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset
