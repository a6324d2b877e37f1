"""The search's first tier: a GIN index of the title lexemes only (PostgreSQL), so a query can find the documents
whose title matches without reading every document that mentions the words (core.search.query, docs/search.md).

`ts_filter(tsv, '{a}')` keeps the weight-A lexemes of the tsvector — the title's — so no second column has to be
written. SQLite needs nothing: an FTS5 column filter (`title : …`) reads the same index.
"""

from django.db import migrations

from civicbridge.core.search.migration_ops import VendorSQL


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_search"),
    ]

    operations = [
        VendorSQL(
            "postgresql",
            ["CREATE INDEX search_document_title_gin ON core_searchdocument USING gin (ts_filter(tsv, '{a}'))"],
            ["DROP INDEX search_document_title_gin"],
        ),
    ]
