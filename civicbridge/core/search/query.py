"""The one query function: `search(q, filters=..., page=..., language=...)` on PostgreSQL or SQLite.

Steps (each a fixed number of queries, whatever the number of matches):
1. the query is cut into words (letters and digits only: FTS5 and tsquery operators never reach the database as
   operators), stop words dropped, at most MAX_TERMS words kept; each word becomes "its Russian, English or Kazakh
   lexeme", and every word must match (AND);
2. one ranked query returns the ids and scores of the best RESULT_CAP matches (PostgreSQL: `tsv @@ query` on the GIN
   index, ts_rank_cd with weights A 1.0 / B 0.4 / C 0.2; SQLite: FTS5 MATCH, bm25 with the same weights);
3. facet counts are taken over those RESULT_CAP best matches (exact whenever there are fewer);
4. the page's documents are read with their snippets — with them, in the same query, the documents of each tier's
   best rerank.RERANK results that the page overlaps, which are re-ordered by one Python score shared by both
   databases (rerank.py), so both show the same best results — then the records themselves, one query per model.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import connection
from django.urls import NoReverseMatch
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..models import SearchDocument
from . import rerank, snippets, text
from .indexing import MARK_START
from .registration import KIND, LANGUAGE, Card, facets, kind_labels, registration_for

MAX_QUERY_CHARS = 500
MAX_TERMS = 10
RESULT_CAP = 1000
# Each tier ranks at most this many of its matches (the first the index yields): docs/search.md, "What is approximate".
TIER_CANDIDATES = 1000
COUNT_CAP = 2_000  # the total is counted this far ("more than 2,000"): counting costs one read per match
PER_PAGE = 20
MAX_FILTER_VALUES = 20
# Weights of title, summary, body: PostgreSQL's A, B, C (ts_rank_cd's {D, C, B, A} array), FTS5's bm25 columns.
WEIGHTS = {"title": 1.0, "summary": 0.4, "body": 0.2}
# ts_rank_cd normalisation: 1 divides by 1 + log(document length) (as bm25 weighs length), 32 maps to 0..1.
RANK_NORMALISATION = 1 | 32
HEADLINE = "StartSel=\ue000, StopSel=\ue001, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=1"


@dataclass
class Query:
    """A parsed query: the words used, each word's possible lexemes, and what was left out."""

    raw: str
    words: list[str]
    lexemes: list[list[str]]
    too_long: bool = False
    only_stop_words: bool = False

    @property
    def all_lexemes(self) -> set[str]:
        return {lexeme for alternatives in self.lexemes for lexeme in alternatives}

    def fts5(self) -> str:
        """The FTS5 MATCH expression: every lexeme quoted (it holds only letters and digits)."""
        return " AND ".join("(" + " OR ".join(f'"{lexeme}"' for lexeme in group) + ")" for group in self.lexemes)

    def tsquery(self) -> tuple[str, list[str]]:
        """SQL for the tsquery and its parameters: each word through each configuration, as data, never as syntax."""
        parts, params = [], []
        for word in self.words:
            parts.append(
                "(plainto_tsquery('russian', %s) || plainto_tsquery('english', %s) || plainto_tsquery('simple', %s))"
            )
            params += [word, word, text.stem(word, "kk")]
        return "(" + " && ".join(parts) + ")", params


def parse(q: str | None) -> Query:
    """Cut a query into at most MAX_TERMS distinct words that are not stop words."""
    raw = (q or "").strip()
    too_long = len(raw) > MAX_QUERY_CHARS
    all_words = list(dict.fromkeys(text.words(raw[:MAX_QUERY_CHARS])))
    kept = [word for word in all_words if word not in text.STOP_WORDS]
    too_long = too_long or len(kept) > MAX_TERMS
    kept = kept[:MAX_TERMS]
    return Query(
        raw=raw,
        words=kept,
        lexemes=[text.query_stems(word) for word in kept],
        too_long=too_long,
        only_stop_words=bool(all_words) and not kept,
    )


@dataclass
class Hit:
    kind: str
    kind_label: str
    obj: Any
    card: Card
    snippet: SafeString
    score: float


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetGroup:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class Results:
    query: Query
    filters: dict[str, list[str]]
    page: Page | None = None
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    total_is_lower_bound: bool = False
    facets: list[FacetGroup] = field(default_factory=list)
    facets_capped: bool = False
    messages: list[str] = field(default_factory=list)

    @property
    def empty_query(self) -> bool:
        return not self.query.words


def clean_filters(raw: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Keep the known facets' values (at most MAX_FILTER_VALUES each, 50 characters, no blanks)."""
    known = {KIND, LANGUAGE, *(f.name for f in facets())}
    cleaned: dict[str, list[str]] = {}
    for name in known:
        values = [str(v).strip()[:50] for v in raw.get(name, ()) if str(v).strip()]
        if values:
            cleaned[name] = list(dict.fromkeys(values))[:MAX_FILTER_VALUES]
    return cleaned


def _filter_sql(filters: dict[str, list[str]]) -> tuple[str, list[Any]]:
    """Values of one facet OR-ed, facets AND-ed. PostgreSQL: `facet_keys && {name=value, …}` on its GIN index, which
    the planner intersects with the full-text bitmap before reading rows; SQLite: EXISTS on the facet index."""
    sql, params = [], []
    for name, values in sorted(filters.items()):
        if connection.vendor == "postgresql":
            sql.append(" AND d.facet_keys && %s::text[]")
            params.append([f"{name}={value}" for value in values])
            continue
        marks = ", ".join(["%s"] * len(values))
        exists = (
            f"SELECT 1 FROM core_searchfacet sf WHERE sf.document_id = d.id AND sf.name = %s AND sf.value IN ({marks})"  # noqa: S608,E501
        )
        sql.append(f" AND EXISTS ({exists})")
        params += [name, *values]
    return "".join(sql), params


def _tier_sql(query: Query, filters: dict[str, list[str]], *, title: bool) -> tuple[str, list[Any]]:
    """FROM and WHERE of one tier's matches (title: every word in the title; body: every word, but not all in the
    title), and the parameters; the ranked and the counting queries share it."""
    where, where_params = _filter_sql(filters)
    if connection.vendor == "postgresql":
        tsq, tsq_params = query.tsquery()
        title_match = f"ts_filter(d.tsv, '{{a}}') @@ {tsq}"
        if title:
            return f"FROM core_searchdocument d WHERE {title_match}{where}", [*tsq_params, *where_params]
        return (
            f"FROM core_searchdocument d WHERE d.tsv @@ {tsq} AND NOT {title_match}{where}",
            [*tsq_params, *tsq_params, *where_params],
        )
    match = f"title : ({query.fts5()})" if title else f"({query.fts5()}) NOT title : ({query.fts5()})"
    return (
        "FROM core_search_fts JOIN core_searchdocument d ON d.id = core_search_fts.rowid "
        f"WHERE core_search_fts MATCH %s{where}",
        [match, *where_params],
    )


def _tier(query: Query, filters: dict[str, list[str]], limit: int, *, title: bool) -> list[tuple[int, float]]:
    """The best `limit` (id, score) of one tier, ranked among its first TIER_CANDIDATES matches (all of them when
    fewer match: then exact). The candidates are the matches the index yields first, in document-id order."""
    source, params = _tier_sql(query, filters, title=title)
    candidates = max(TIER_CANDIDATES, limit)  # never fewer than asked for: tier 2 runs only when tier 1 is exhausted
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tsq, tsq_params = query.tsquery()
            weights = "{%g, %g, %g, %g}" % (0.1, WEIGHTS["body"], WEIGHTS["summary"], WEIGHTS["title"])  # noqa: UP031
            cursor.execute(
                f"SELECT c.id, ts_rank_cd(%s::float4[], c.tsv, {tsq}, {RANK_NORMALISATION}) AS score "  # noqa: S608
                f"FROM (SELECT d.id, d.tsv {source} LIMIT %s) c ORDER BY score DESC, c.id LIMIT %s",
                [weights, *tsq_params, *params, candidates, limit],
            )
            return [(row[0], float(row[1])) for row in cursor.fetchall()]
        # FTS5's bm25() works only in the query that matches, so the candidates are bounded by the id of the
        # TIER_CANDIDATES-th match (FTS5 walks its matches in id order, so finding it is cheap).
        cursor.execute(
            f"SELECT d.id {source} ORDER BY core_search_fts.rowid LIMIT 1 OFFSET %s", [*params, candidates - 1]
        )  # noqa: S608
        bound = cursor.fetchone()
        w = WEIGHTS
        cursor.execute(
            f"SELECT d.id, -bm25(core_search_fts, {w['title']}, {w['summary']}, {w['body']}) AS score "  # noqa: S608
            f"{source} AND core_search_fts.rowid <= %s ORDER BY score DESC, d.id LIMIT %s",
            [*params, bound[0] if bound else 2**62, limit],
        )
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


def _ranked(query: Query, filters: dict[str, list[str]], limit: int) -> list[list[tuple[int, float]]]:
    """The best `limit` matches, per tier: first those whose title holds every word (tier 1), then — only when they
    are fewer than `limit` — the others (tier 2). Within a tier, by score (ts_rank_cd / bm25), then id."""
    tiers = [_tier(query, filters, limit, title=True)]
    if len(tiers[0]) < limit:
        tiers.append(_tier(query, filters, limit - len(tiers[0]), title=False))
    return tiers


def _rerank_regions(tiers: list[list[tuple[int, float]]], cap: int) -> list[tuple[int, int]]:
    """The positions (start, end) of each tier's best RERANK results in the list cut at `cap`."""
    regions, offset = [], 0
    for tier in tiers:
        size = min(len(tier), cap - offset)
        if size > 0:
            regions.append((offset, offset + min(size, rerank.RERANK)))
        offset += max(size, 0)
    return regions


def _page_documents(
    query: Query, ranked: list[tuple[int, float]], regions: list[tuple[int, int]], start: int, end: int
) -> dict[int, SearchDocument]:
    """The documents of positions start..end, after re-ordering (rerank.py) each tier's best results that the page
    overlaps — in place in `ranked`; one query reads the page's documents and those of the re-ordered regions."""
    touched = [(a, b) for a, b in regions if a < end and start < b]
    wanted = {doc_id for doc_id, _score in ranked[start:end]}
    for a, b in touched:
        wanted.update(doc_id for doc_id, _score in ranked[a:b])
    documents = SearchDocument.objects.in_bulk(list(wanted)) if wanted else {}
    for a, b in touched:
        ranked[a:b] = rerank.rerank(ranked[a:b], documents, query.lexemes, WEIGHTS)
    return documents


def _count(query: Query, filters: dict[str, list[str]], cap: int) -> int:
    where, where_params = _filter_sql(filters)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tsq, tsq_params = query.tsquery()
            sql = f"SELECT 1 FROM core_searchdocument d WHERE d.tsv @@ {tsq}{where} LIMIT %s"  # noqa: S608
            params = [*tsq_params, *where_params, cap]
        else:
            sql = (
                "SELECT 1 FROM core_search_fts JOIN core_searchdocument d ON d.id = core_search_fts.rowid "  # noqa: S608
                f"WHERE core_search_fts MATCH %s{where} LIMIT %s"
            )
            params = [query.fts5(), *where_params, cap]
        cursor.execute(f"SELECT count(*) FROM ({sql}) AS matched", params)  # noqa: S608
        return cursor.fetchone()[0]


def _facet_counts(ids: list[int]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    if not ids:
        return counts
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT name, value, count(*) FROM core_searchfacet WHERE document_id = ANY(%s) GROUP BY name, value",
                [ids],
            )
        else:
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(
                f"SELECT name, value, count(*) FROM core_searchfacet WHERE document_id IN ({marks})"  # noqa: S608
                " GROUP BY name, value",
                ids,
            )
        for name, value, count in cursor.fetchall():
            counts[name][value] = count
    return counts


def _facet_groups(counts: dict[str, dict[str, int]], filters: dict[str, list[str]]) -> list[FacetGroup]:
    languages = dict(settings.LANGUAGES)
    declared = [(KIND, _("Kind"), lambda values: {v: str(kind_labels().get(v, v)) for v in values})]
    declared += [(f.name, str(f.label), f.labels) for f in facets()]
    declared.append((LANGUAGE, _("Language"), lambda values: {v: str(languages.get(v, v)) for v in values}))
    groups = []
    for name, label, labels in declared:
        found = dict(counts.get(name, {}))
        for value in filters.get(name, ()):  # a chosen value stays visible (and can be unticked) at 0
            found.setdefault(value, 0)
        if not found:
            continue
        names = labels(found.keys()) if labels else {}
        values = [
            FacetValue(value=v, label=names.get(v, v), count=n, selected=v in filters.get(name, ()))
            for v, n in found.items()
        ]
        values.sort(key=lambda fv: (-fv.count, fv.label))
        groups.append(FacetGroup(name=name, label=label, values=values))
    return groups


def _language_order(document: SearchDocument, language: str) -> list[str]:
    return list(dict.fromkeys([language, document.original_language, *text.LANGUAGES]))


def _snippet_text(document: SearchDocument, language: str) -> str:
    return "\n".join(
        part for part in (getattr(document, f"summary_{language}"), getattr(document, f"body_{language}")) if part
    )


def _headlines(query: Query, ids: list[int]) -> dict[int, dict[str, str]]:
    """PostgreSQL's ts_headline of the Russian and English texts of these documents."""
    if connection.vendor != "postgresql" or not ids:
        return {}
    tsq, tsq_params = query.tsquery()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.id, ts_headline('russian', d.summary_ru || E'\\n' || d.body_ru, q.q, %s), "  # noqa: S608
            f"ts_headline('english', d.summary_en || E'\\n' || d.body_en, q.q, %s) "
            f"FROM core_searchdocument d, (SELECT {tsq} AS q) q WHERE d.id = ANY(%s)",
            [HEADLINE, HEADLINE, *tsq_params, ids],
        )
        return {row[0]: {"ru": row[1], "en": row[2]} for row in cursor.fetchall()}


def _snippet(document: SearchDocument, query: Query, language: str, headlines: dict[str, str]) -> SafeString:
    """The snippet in the first language (viewer's, original, ru, kk, en) whose text matches; else the first text."""
    fallback = None
    lexemes = query.all_lexemes
    for lang in _language_order(document, language):
        source = _snippet_text(document, lang)
        if not source:
            continue
        if lang in headlines:
            marked_text = " ".join(headlines[lang].split())
        else:
            marked_text = snippets.marked(source, lang, lexemes)
        if MARK_START in marked_text:
            return snippets.to_html(marked_text)
        fallback = fallback or marked_text
    return snippets.to_html(fallback or "")


def _cards(documents: list[SearchDocument]) -> dict[int, tuple[Any, Card]]:
    by_type: dict[int, list[int]] = defaultdict(list)
    for document in documents:
        by_type[document.content_type_id].append(document.object_id)
    cards: dict[int, tuple[Any, Card]] = {}
    for type_id, object_ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        registration = registration_for(model) if model else None
        if registration is None:
            continue
        objects = registration.queryset().in_bulk(object_ids)
        for document in documents:
            obj = objects.get(document.object_id) if document.content_type_id == type_id else None
            if obj is not None:
                try:
                    card = registration.present(obj)
                except NoReverseMatch:  # a module whose pages are not routed yet: show the hit without a link
                    card = Card(title=str(obj))
                cards[document.pk] = (obj, card)
    return cards


def search(
    q: str | None,
    *,
    filters: Mapping[str, Sequence[str]] | None = None,
    page: Any = 1,
    per_page: int = PER_PAGE,
    language: str | None = None,
) -> Results:
    """Search every registered model: ranked hits of one page with snippets, facet counts and a total."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    query = parse(q)
    chosen = clean_filters(filters or {})
    results = Results(query=query, filters=chosen)
    if query.too_long:
        results.messages.append(
            _("Your search was long: only its first %(count)d words were used.") % {"count": MAX_TERMS}
        )
    if query.only_stop_words:
        results.messages.append(_("Your search has only very common words. Add a word that says what you look for."))
    elif query.raw and not query.words:
        results.messages.append(_("Type words to search for: punctuation and symbols are ignored."))
    if not query.words:
        return results

    tiers = _ranked(query, chosen, RESULT_CAP + 1)
    ranked = [item for tier in tiers for item in tier]
    results.facets_capped = len(ranked) > RESULT_CAP
    ranked = ranked[:RESULT_CAP]
    if results.facets_capped:
        results.total = _count(query, chosen, COUNT_CAP + 1)
        results.total_is_lower_bound = results.total > COUNT_CAP
        results.total = min(results.total, COUNT_CAP)
    else:
        results.total = len(ranked)
    results.facets = _facet_groups(_facet_counts([doc_id for doc_id, _score in ranked]), chosen)

    paginator = Paginator(ranked, per_page)
    number = paginator.get_page(page).number
    start = (number - 1) * per_page
    by_id = _page_documents(query, ranked, _rerank_regions(tiers, RESULT_CAP), start, start + per_page)
    results.page = paginator.get_page(number)  # the same positions, now in the shared order
    scores = dict(results.page.object_list)  # the tiers' order: a score compares within a tier
    documents = [by_id[doc_id] for doc_id in scores if doc_id in by_id]
    headlines = _headlines(query, list(scores))
    cards = _cards(documents)
    labels = kind_labels()
    for document in documents:
        if document.pk not in cards:
            continue  # the record is gone and its document not yet removed
        obj, card = cards[document.pk]
        results.hits.append(
            Hit(
                kind=document.kind,
                kind_label=str(labels.get(document.kind, document.kind)),
                obj=obj,
                card=card,
                snippet=_snippet(document, query, language, headlines.get(document.pk, {})),
                score=round(scores[document.pk], 6),
            )
        )
    return results
