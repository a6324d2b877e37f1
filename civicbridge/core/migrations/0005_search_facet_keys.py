"""PostgreSQL: every document's facet values also as one array (`facet_keys`, e.g. {kind=practice, country=KZ}) with a
GIN index, so a filtered search intersects the full-text bitmap with the facet bitmap before reading any row
(core.search.query._filter_sql). core_searchfacet stays the source of the facet counts. Written by
core.search.indexing together with the tsvector; filled here from core_searchfacet. SQLite keeps its EXISTS filter.
"""

from django.db import migrations

from civicbridge.core.search.migration_ops import VendorSQL

FORWARD = [
    "ALTER TABLE core_searchdocument ADD COLUMN IF NOT EXISTS facet_keys text[]",
    "UPDATE core_searchdocument d SET facet_keys = f.keys FROM (SELECT document_id, array_agg(name || '=' || value) AS "
    "keys FROM core_searchfacet GROUP BY document_id) f WHERE f.document_id = d.id",
    "CREATE INDEX IF NOT EXISTS search_document_facets_gin ON core_searchdocument USING gin (facet_keys)",
]
BACKWARD = ["DROP INDEX search_document_facets_gin", "ALTER TABLE core_searchdocument DROP COLUMN facet_keys"]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_search_title_index"),
    ]

    operations = [VendorSQL("postgresql", FORWARD, BACKWARD)]
