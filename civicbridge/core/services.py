"""Writes of shared records."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model

from . import audit
from .models import Citation, Source


@transaction.atomic
def cite(*, obj: Model, source: Source, quote: str = "", note: str = "") -> Citation:
    """Record that `obj` comes from `source` (idempotent)."""
    ct = ContentType.objects.get_for_model(obj)
    citation, _ = Citation.objects.get_or_create(
        source=source, content_type=ct, object_id=obj.pk, defaults={"quote": quote, "note": note}
    )
    return citation


@transaction.atomic
def source_get_or_create(*, title: str, **fields: Any) -> Source:
    """Find a source by its link (or title when it has none), creating it once."""
    url = fields.get("url", "")
    lookup = {"url": url} if url else {"title": title}
    source, _ = Source.objects.get_or_create(**lookup, defaults={"title": title, **fields})
    return source


def register_models() -> None:
    audit.register(Source, exclude={"text"})
    audit.register(Citation)
