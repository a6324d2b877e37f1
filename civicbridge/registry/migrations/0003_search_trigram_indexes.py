"""On PostgreSQL, trigram GIN indexes make the directory's substring search (LIKE '%word%') use an index.

SQLite has no such index type; there the search scans the folded column, which the benchmarks measure.
"""

from django.db import migrations

INDEXES = [
    ("registry_organisation", "org_search_trgm_idx"),
    ("registry_person", "person_search_trgm_idx"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, name in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_reference_data")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
