"""The judged queries (bench/search_judgments.json) on the registry's demo data: the best results are the same on
SQLite and PostgreSQL (the suite runs on both), and relevance does not fall below what was measured."""

from __future__ import annotations

import json
import random
from io import StringIO
from pathlib import Path

import pytest

from bench.scenarios.search import evaluate, ranked_keys
from civicbridge.core.search import reindex

JUDGMENTS = json.loads((Path(__file__).resolve().parents[3] / "bench" / "search_judgments.json").read_text())


@pytest.mark.django_db
def test_judged_queries_give_the_expected_best_results_on_this_database():
    from civicbridge.registry import demo as registry_demo

    registry_demo.load(stdout=StringIO(), rng=random.Random("2026:registry"))  # the seed `loaddemo` uses
    reindex()
    wrong = {}
    for item in JUDGMENTS["queries"]:
        top3 = ranked_keys(item["q"])[:3]
        if item.get("backends_differ"):
            ok = set(top3) <= set(item["relevant"])  # the two ranking functions disagree here: relevant is enough
        else:
            # bm25 (SQLite) and ts_rank_cd (PostgreSQL) order near-ties differently: two of the three are shared.
            expected = item["expected_top3"]
            ok = len(top3) == len(expected) and len(set(top3) & set(expected)) >= min(2, len(expected))
        if not ok:
            wrong[item["q"]] = (top3, item["expected_top3"])
    assert wrong == {}
    mean, _ = evaluate()
    assert mean >= 0.75
