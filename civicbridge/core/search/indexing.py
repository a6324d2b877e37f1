"""Writing the index: one record at a time (after a save commits) or a whole model in batches (`civicbridge reindex`).

A record's document is replaced whole: its row in core_searchdocument, its facet rows, and its full-text entry —
the `tsv` column on PostgreSQL (built by the database with the russian/english configurations, and `simple` for the
Kazakh lexemes our stripper made; the `facet_keys` array beside it, for filters) or its row in the FTS5 table on
SQLite (lexemes stemmed here, by the same rules).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Model

from ..models import SearchDocument, SearchFacet
from . import text
from .registration import KIND, LANGUAGE, Document, Registration, registration_for, registrations

BATCH = 2000
FIELDS = ("title", "summary", "body")
# Private-use characters mark a snippet's matches until the text is escaped; a stored text must not contain them.
MARK_START, MARK_END = "\ue000", "\ue001"
_UNMARK = str.maketrans("", "", MARK_START + MARK_END)


def _clean(value: str | None) -> str:
    return (value or "").translate(_UNMARK).strip()


def _row(content_type: ContentType, pk: Any, document: Document) -> tuple[SearchDocument, list[tuple[str, str]]]:
    texts = {
        f"{name}_{language}": _clean(getattr(document, name).get(language))
        for name in FIELDS
        for language in text.LANGUAGES
    }
    row = SearchDocument(
        content_type=content_type,
        object_id=pk,
        kind=document.kind,
        original_language=document.original_language,
        **texts,
    )
    facets = {(KIND, document.kind)}
    # A record is "in" a language when its title is written in it (a body may hold theme names in every language).
    facets |= {(LANGUAGE, language) for language in text.LANGUAGES if texts[f"title_{language}"]}
    for name, values in document.facets.items():
        facets |= {(name, str(value)[:50]) for value in values if value not in (None, "")}
    return row, sorted(facets)


def _kk(value: str) -> str:
    return " ".join(text.stems(value, "kk"))


def _write_fulltext(rows: list[SearchDocument]) -> None:
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            columns: list[list[Any]] = [[row.pk for row in rows]]
            for name in FIELDS:
                columns.append([text.fold(getattr(row, f"{name}_ru")) for row in rows])
                columns.append([text.fold(getattr(row, f"{name}_en")) for row in rows])
                columns.append([_kk(getattr(row, f"{name}_kk")) for row in rows])
            parts = []
            for i, weight in enumerate("ABC"):  # title, summary, body
                ru, en, kk = (f"v.c{3 * i + j}" for j in range(3))
                parts += [
                    f"setweight(to_tsvector('russian', {ru}), '{weight}')",
                    f"setweight(to_tsvector('english', {en}), '{weight}')",
                    f"setweight(to_tsvector('simple', {kk}), '{weight}')",
                ]
            names = ", ".join(f"c{i}" for i in range(9))
            arrays = ", ".join(["%s::bigint[]"] + ["%s::text[]"] * 9)
            # facet_keys ({kind=practice, country=KZ}: the filters' GIN index) from the facet rows written just before.
            keys = "(SELECT array_agg(f.name || '=' || f.value) FROM core_searchfacet f WHERE f.document_id = d.id)"
            cursor.execute(
                f"UPDATE core_searchdocument AS d SET tsv = {' || '.join(parts)}, facet_keys = {keys} "  # noqa: S608
                f"FROM unnest({arrays}) AS v(id, {names}) WHERE d.id = v.id",
                columns,
            )
        else:
            cursor.executemany(
                "INSERT INTO core_search_fts(rowid, title, summary, body) VALUES (%s, %s, %s, %s)",
                [
                    (
                        row.pk,
                        *(
                            text.stemmed((getattr(row, f"{name}_{language}"), language) for language in text.LANGUAGES)
                            for name in FIELDS
                        ),
                    )
                    for row in rows
                ],
            )


def _delete(document_ids: list[int]) -> None:
    if not document_ids:
        return
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for start in range(0, len(document_ids), 500):
                chunk = document_ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM core_search_fts WHERE rowid IN ({marks})", chunk)  # noqa: S608
    for start in range(0, len(document_ids), 5000):
        chunk = document_ids[start : start + 5000]
        SearchFacet.objects.filter(document_id__in=chunk)._raw_delete(connection.alias)
        SearchDocument.objects.filter(id__in=chunk)._raw_delete(connection.alias)


def _store(content_type: ContentType, documents: Iterable[tuple[Any, Document]]) -> int:
    rows, facet_lists = [], []
    for pk, document in documents:
        row, facets = _row(content_type, pk, document)
        rows.append(row)
        facet_lists.append(facets)
    if not rows:
        return 0
    created = SearchDocument.objects.bulk_create(rows, batch_size=500)
    SearchFacet.objects.bulk_create(
        [
            SearchFacet(document_id=row.pk, name=name, value=value)
            for row, facets in zip(created, facet_lists, strict=True)
            for name, value in facets
        ],
        batch_size=2000,
    )
    _write_fulltext(created)
    return len(created)


def _documents(registration: Registration, objects: Iterable[Model]) -> list[tuple[Any, Document]]:
    found = []
    for obj in objects:
        document = registration.document(obj)
        if document is not None:
            found.append((obj.pk, document))
    return found


@transaction.atomic
def index_objects(model: type[Model], pks: Iterable[Any]) -> int:
    """Re-index these records of `model` (a record that is gone or not public leaves the index). Returns how many
    documents it wrote."""
    registration = registration_for(model)
    pks = list(pks)
    if registration is None or not pks:
        return 0
    content_type = ContentType.objects.get_for_model(model)
    old = SearchDocument.objects.filter(content_type=content_type, object_id__in=pks)
    _delete(list(old.values_list("id", flat=True)))
    objects = registration.queryset().filter(pk__in=pks)
    return _store(content_type, _documents(registration, objects))


def reindex(models: Iterable[type[Model]] | None = None, *, batch: int = BATCH, stdout: Any = None) -> dict[str, int]:
    """Rebuild the index of every registered model (or of `models`), `batch` records per transaction.

    While a model is rebuilt its records disappear from results and come back batch by batch.
    """
    wanted = set(models) if models is not None else None
    counts: dict[str, int] = {}
    for registration in registrations():
        model = registration.model
        if wanted is not None and model not in wanted:
            continue
        content_type = ContentType.objects.get_for_model(model)
        with transaction.atomic():
            stale = SearchDocument.objects.filter(content_type=content_type)
            _delete(list(stale.values_list("id", flat=True)))
        written, last = 0, None
        while True:
            queryset = registration.queryset().order_by("pk")
            if last is not None:
                queryset = queryset.filter(pk__gt=last)
            objects = list(queryset[:batch])
            if not objects:
                break
            with transaction.atomic():
                written += _store(content_type, _documents(registration, objects))
            last = objects[-1].pk
        counts[model._meta.label] = written
        if stdout is not None:
            stdout.write(f"search: {written} {model._meta.verbose_name_plural} indexed")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # merge the FTS5 segments a bulk load leaves, for faster queries
            cursor.execute("INSERT INTO core_search_fts(core_search_fts) VALUES ('optimize')")
    return counts
