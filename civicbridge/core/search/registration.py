"""What each module makes searchable: `register(model, ...)` in `<app>/search.py` (found at start-up like admin.py).

A registration names the model, a `document(obj)` function that says what the search knows of one record (or None
when the record is not public: it is then taken out of the index), the queryset that loads records for indexing and
for showing hits, and `present(obj)` for a hit's card. Saving or deleting a record, or changing the many-to-many
fields named in `watch`, re-indexes that record when the transaction commits; records of other models that a
document reads (a practice shows its organisation's kind) are followed through `follow`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise

KIND = "kind"
LANGUAGE = "language"


@dataclass
class Document:
    """What the search knows of one public record. Texts are per language code ("ru", "kk", "en")."""

    kind: str
    title: Mapping[str, str | None]
    summary: Mapping[str, str | None] = field(default_factory=dict)
    body: Mapping[str, str | None] = field(default_factory=dict)
    facets: Mapping[str, Iterable[Any]] = field(default_factory=dict)
    original_language: str = "ru"


@dataclass
class Card:
    """How a hit is shown: its title in the viewer's language, link, organisation and place."""

    title: str
    url: str = ""
    organisation: Any = None
    place: str = ""


@dataclass
class Registration:
    model: type[models.Model]
    document: Callable[[Any], Document | None]
    queryset: Callable[[], models.QuerySet]
    present: Callable[[Any], Card]
    kinds: Mapping[str, Promise]
    watch: tuple[Any, ...] = ()
    follow: Mapping[type[models.Model], str] = field(default_factory=dict)


@dataclass
class Facet:
    """A facet shown on the search page: its label and a function giving the labels of its values."""

    name: str
    label: Promise
    labels: Callable[[Iterable[str]], dict[str, str]] | None = None
    order: int = 100


_registrations: dict[type[models.Model], Registration] = {}
_facets: dict[str, Facet] = {}


def register(
    model: type[models.Model],
    *,
    document: Callable[[Any], Document | None],
    present: Callable[[Any], Card],
    kinds: Mapping[str, Promise],
    queryset: Callable[[], models.QuerySet] | None = None,
    watch: Iterable[Any] = (),
    follow: Mapping[type[models.Model], str] | None = None,
) -> None:
    """Make `model` searchable (see the module's docstring). `kinds` labels the values of the kind facet it gives."""
    from . import signals

    registration = Registration(
        model=model,
        document=document,
        queryset=queryset or model._default_manager.all,
        present=present,
        kinds=dict(kinds),
        watch=tuple(watch),
        follow=dict(follow or {}),
    )
    _registrations[model] = registration
    signals.connect(registration)


def register_facet(
    name: str,
    label: Promise,
    labels: Callable[[Iterable[str]], dict[str, str]] | None = None,
    *,
    order: int = 100,
) -> None:
    """Declare a facet (theme, country …) with its label and how its values are named; without `labels`, a value
    is shown as it is."""
    _facets[name] = Facet(name=name, label=label, labels=labels, order=order)


def registrations() -> list[Registration]:
    return list(_registrations.values())


def registration_for(model: type[models.Model]) -> Registration | None:
    return _registrations.get(model)


def facets() -> list[Facet]:
    """Declared facets, in display order."""
    return sorted(_facets.values(), key=lambda f: (f.order, f.name))


def kind_labels() -> dict[str, Promise]:
    return {kind: label for r in _registrations.values() for kind, label in r.kinds.items()}
