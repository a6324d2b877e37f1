"""Seed the target groups of practices (civicbridge/exchange/reference_data.py)."""

from django.db import migrations

from civicbridge.exchange.reference_data import seed_target_groups


def seed(apps, schema_editor):
    seed_target_groups(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("exchange", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop, elidable=False)]
