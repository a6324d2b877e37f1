"""One scoring function for both databases: the best RERANK results of each tier are re-ordered in Python.

PostgreSQL's ts_rank_cd and SQLite's bm25 order close results differently, so the same query could show different
best results on the two databases. Each backend still finds its tier's matches and picks the best candidates; the
best RERANK of them are then scored here from the same inputs on both databases — the stored texts of
core_searchdocument, cut into lexemes by the rules that built both indexes (`text.stems`) — and sorted by that score
(rounded), then by document id. The result no longer depends on the database whenever both pick the same candidates
(always on the demo data: every tier there has at most RERANK matches, or the same best RERANK).

The score is BM25F without idf (every candidate of a tier holds every query word, so a document frequency counted
among them says nothing): for each query word, its occurrences (any of its lexemes) in title, summary and body,
weighted 1.0 / 0.4 / 0.2 like the indexes, each divided by its field's length relative to a fixed typical length
(so a score depends on its document alone); the weighted count saturates (k1), and the words' parts are added.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from . import text
from .indexing import FIELDS

if TYPE_CHECKING:
    from ..models import SearchDocument

RERANK = 50  # results of a tier re-ordered here; measured cost in bench/RESULTS.md ("Search relevance")
K1 = 1.2
B = 0.75
# A field's length (in lexemes) counts as neither long nor short at this value; fixed, so that a document's score
# depends on that document alone, not on which other candidates a backend picked. Demo data: titles 9 on average,
# summaries 16 (needs, offers) to 58 (practices), bodies 7 (needs, offers) to 100 (practices).
TYPICAL_LENGTH = {"title": 8, "summary": 30, "body": 60}
DIGITS = 9  # scores are rounded before the id breaks ties: the same order whatever the float noise

_stem = lru_cache(maxsize=200_000)(text.stem)  # text.stems word by word, remembered (the rerank runs per page)


def _fields(document: SearchDocument) -> dict[str, list[str]]:
    """The lexemes of each field (all languages of the field together), as both indexes hold them (text.stems)."""
    fields = {}
    for name in FIELDS:
        lexemes = []
        for language in text.LANGUAGES:
            lexemes += [
                lexeme
                for word in text.words(getattr(document, f"{name}_{language}"))
                if (lexeme := _stem(word, language))
            ]
        fields[name] = lexemes
    return fields


def scores(
    documents: Iterable[SearchDocument], lexemes: Sequence[Sequence[str]], weights: Mapping[str, float]
) -> dict[int, float]:
    """The shared score of each document for a query given as word groups (each word's possible lexemes), with the
    fields' weights (query.WEIGHTS)."""
    fielded = {document.pk: _fields(document) for document in documents}
    groups = [frozenset(group) for group in lexemes]
    result = {}
    for pk, fields in fielded.items():
        score = 0.0
        for group in groups:
            weighted = 0.0
            for name in FIELDS:
                found = sum(1 for lexeme in fields[name] if lexeme in group)
                if found:
                    norm = 1 - B + B * len(fields[name]) / TYPICAL_LENGTH[name]
                    weighted += weights[name] * found / norm
            score += weighted / (K1 + weighted)
        result[pk] = round(score, DIGITS)
    return result


def rerank(
    ranked: Sequence[tuple[int, float]],
    documents: Mapping[int, SearchDocument],
    lexemes: Sequence[Sequence[str]],
    weights: Mapping[str, float],
) -> list[tuple[int, float]]:
    """`ranked` (one tier's best results, (id, backend score)) in the shared order: score, then id. A document that
    is gone (deleted since) keeps its place at the end with score 0."""
    shared = scores((documents[pk] for pk, _score in ranked if pk in documents), lexemes, weights)
    return sorted(((pk, shared.get(pk, 0.0)) for pk, _score in ranked), key=lambda item: (-item[1], item[0]))
