"""`civicbridge reindex [--model app.Model ...]`: rebuild the platform search index in batches."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicbridge.core.search import reindex
from civicbridge.core.search.indexing import BATCH
from civicbridge.core.search.registration import registration_for


class Command(BaseCommand):
    help = "Rebuild the platform search index (every registered model, or those named with --model)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--model", action="append", default=[], help="app_label.Model, e.g. exchange.Practice")
        parser.add_argument("--batch", type=int, default=BATCH, help=f"Records per transaction (default {BATCH}).")

    def handle(self, *args: Any, model: list[str], batch: int, verbosity: int = 1, **options: Any) -> None:
        models = []
        for label in model:
            try:
                found = apps.get_model(label)
            except (LookupError, ValueError) as exc:
                raise CommandError(f"No such model: {label}") from exc
            if registration_for(found) is None:
                raise CommandError(f"{label} is not registered for search")
            models.append(found)
        counts = reindex(models or None, batch=batch, stdout=self.stdout if verbosity else None)
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {sum(counts.values())} documents."))
