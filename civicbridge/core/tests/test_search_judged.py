"""The judged queries (bench/search_judgments.json) on the registry's and the exchange's demo data: the best results
are the same on SQLite and PostgreSQL (the suite runs on both), relevance does not fall below what was measured, and
nothing unpublished is ever found. One demo load serves every check (it takes seconds)."""

from __future__ import annotations

import json
import random
from io import StringIO
from pathlib import Path

import pytest

from bench.scenarios.search import UNPUBLISHED, evaluate, ranked_keys
from civicbridge.core import search
from civicbridge.core.context import acting_as

JUDGMENTS = json.loads((Path(__file__).resolve().parents[3] / "bench" / "search_judgments.json").read_text())


def _load_demo() -> None:
    from civicbridge.accounts import demo as accounts_demo
    from civicbridge.exchange import demo as exchange_demo
    from civicbridge.registry import demo as registry_demo

    out = StringIO()
    with acting_as(None), search.paused():
        registry_demo.load(stdout=out, rng=random.Random("2026:registry"))  # the seed `loaddemo` uses
        accounts_demo.load(stdout=out)
        exchange_demo.load(stdout=out)
    search.reindex()


@pytest.mark.django_db
def test_judged_queries_give_the_same_best_results_on_both_databases_and_never_unpublished_records():
    _load_demo()
    wrong = {}
    for item in JUDGMENTS["queries"]:
        top3 = ranked_keys(item["q"])[:3]
        expected = item["expected_top3"]  # recorded on SQLite
        # bm25 (SQLite) and ts_rank_cd (PostgreSQL) order near-ties differently: two of the three are shared, and
        # one of the demo author's expected best results is among them.
        shared = len(top3) == len(expected) and len(set(top3) & set(expected)) >= min(2, len(expected))
        if not shared or not set(top3) & set(item["best"]):
            wrong[item["q"]] = (top3, expected)
    assert wrong == {}

    for q, title in UNPUBLISHED.items():
        for query in (q, title):
            found = [hit.card.title for hit in search.search(query, per_page=100).hits]
            assert title not in found, (query, found)

    mean, _ = evaluate()
    assert mean >= 0.85
