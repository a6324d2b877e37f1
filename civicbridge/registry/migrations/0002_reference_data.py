"""Seed countries, ISO 3166-2 regions, themes and legal forms (see civicbridge/registry/reference_data.py)."""

from django.db import migrations

from civicbridge.registry.reference_data import seed_reference_data


def seed(apps, schema_editor):
    seed_reference_data(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop, elidable=False)]
