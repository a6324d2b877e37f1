"""The platform search index: one document per public record of any module, with its facet values.

Written only by civicbridge.core.search.indexing. The full-text part lives beside these tables and is specific to
the database: on PostgreSQL a `tsv tsvector` column of core_searchdocument with a GIN index, on SQLite the FTS5
table core_search_fts (rowid = document id). Both are created by migration 0003 for their vendor only.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """What the search knows of one public record: its texts per language (title, summary, body) and its kind."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("kind"), max_length=30)
    original_language = models.CharField(_("original language"), max_length=5, default="ru")
    title_ru = models.TextField(blank=True)
    title_kk = models.TextField(blank=True)
    title_en = models.TextField(blank=True)
    summary_ru = models.TextField(blank=True)
    summary_kk = models.TextField(blank=True)
    summary_en = models.TextField(blank=True)
    body_ru = models.TextField(blank=True)
    body_kk = models.TextField(blank=True)
    body_en = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_document_one_per_object")
        ]

    def __str__(self) -> str:
        return self.title_ru or self.title_en or self.title_kk


class SearchFacet(models.Model):
    """One facet value of a document (theme=inclusion, country=KZ, language=kk …): filters and counts use these."""

    # The unique constraint below (document first) is the index that deleting a document's facets uses.
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets", db_index=False)
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=50)

    class Meta:
        verbose_name = _("search facet")
        verbose_name_plural = _("search facets")
        indexes = [models.Index(fields=["name", "value", "document"], name="search_facet_value_idx")]
        constraints = [
            models.UniqueConstraint(fields=["document", "name", "value"], name="search_facet_once_per_document")
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


__all__ = ["SearchDocument", "SearchFacet"]
