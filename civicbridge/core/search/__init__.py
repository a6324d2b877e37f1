"""Platform search: one index of every module's public records, on PostgreSQL full-text or SQLite FTS5.

Modules register what is searchable in `<app>/search.py` (see registration.py); pages and the API call `search()`.
How relevance, stemming, snippets and facets work: docs/search.md.
"""

from __future__ import annotations

from typing import Any

from .registration import Card, Document, register, register_facet


def search(*args: Any, **kwargs: Any):
    """See civicbridge.core.search.query.search."""
    from .query import search as run

    return run(*args, **kwargs)


def reindex(*args: Any, **kwargs: Any):
    """See civicbridge.core.search.indexing.reindex."""
    from .indexing import reindex as run

    return run(*args, **kwargs)


def paused():
    """See civicbridge.core.search.signals.paused."""
    from .signals import paused as pause

    return pause()


__all__ = ["Card", "Document", "paused", "register", "register_facet", "reindex", "search"]
