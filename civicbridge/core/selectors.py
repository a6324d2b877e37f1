"""Reads of shared records."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet

from .models import AuditEntry, Citation


def audit_page(content_type: ContentType, object_id: str, page: str | None, per_page: int = 50) -> Page:
    """One page of an object's audit trail, newest first; each entry gets `labelled_changes` (label, before, after)."""
    qs = AuditEntry.objects.filter(content_type=content_type, object_id=str(object_id)).select_related("actor")
    result = Paginator(qs.order_by("-id"), per_page).get_page(page)
    labels = _field_labels(content_type)
    for entry in result.object_list:
        entry.labelled_changes = [
            (labels.get(field, field), values[0], values[1]) for field, values in entry.changes.items()
        ]
    return result


def _field_labels(content_type: ContentType) -> dict[str, str]:
    """attname → the field's verbose name in the viewer's language (audit entries store attnames)."""
    model = content_type.model_class()
    if model is None:
        return {}
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return {getattr(f, "attname", f.name): str(f.verbose_name) for f in fields}


def citations_for(obj: Model) -> QuerySet[Citation]:
    """The sources cited by a record."""
    ct = ContentType.objects.get_for_model(obj)
    return Citation.objects.filter(content_type=ct, object_id=obj.pk).select_related("source")


def home_figures() -> dict:
    """Counts shown on the home page, cached briefly (they are exact at most a minute late)."""
    from django.core.cache import cache

    from civicbridge.registry.models import Organisation, Person, Theme
    from civicbridge.registry.selectors import countries_in_use

    figures = cache.get("home-figures")
    if figures is None:
        figures = {
            "organisation_count": Organisation.objects.count(),
            "person_count": Person.objects.count(),
            "country_count": len(countries_in_use()),
        }
        cache.set("home-figures", figures, 60)
    return {**figures, "themes": list(Theme.objects.all()[:12])}
