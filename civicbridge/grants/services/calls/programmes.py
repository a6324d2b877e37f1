"""Writes of programmes: create and edit, for a funder the actor runs programmes for."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from civicbridge.core.permissions import require
from civicbridge.registry.models import Theme

from ...models import Programme
from .base import PROGRAMME_FIELDS, _add, _strip


def _check_programme(programme: Programme) -> None:
    errors: dict[str, list[str]] = {}
    if not (programme.name_ru or "").strip():
        _add(errors, "name_ru", _("Enter the name in Russian."))
    if programme.budget is None or programme.budget < 0:
        _add(errors, "budget", _("The budget must be zero or more."))
    if programme.region_id and programme.country_id and not programme.region_id.startswith(f"{programme.country_id}-"):
        _add(errors, "region", _("The region is not in the programme's country."))
    if programme.operator_id and programme.operator_id == programme.funder_id:
        _add(errors, "operator", _("The grant operator is the funder itself; leave the operator empty."))
    if errors:
        raise ValidationError(errors)
    programme.full_clean(validate_unique=False, validate_constraints=False)


@transaction.atomic
def programme_create(*, actor, themes: Iterable[Theme] = (), **fields: Any) -> Programme:
    """Create a programme for a funder the actor runs programmes for (as its operator or official), or as admin."""
    require(actor, "grants.add_programme")
    unknown = set(fields) - PROGRAMME_FIELDS
    if unknown:
        raise TypeError(f"unknown programme fields: {sorted(unknown)}")
    programme = Programme(**{k: _strip(v) for k, v in fields.items()})
    if not programme.funder_id:
        raise ValidationError({"funder": [_("Choose the funder.")]})
    # The new programme must be one the actor will run: its funder or operator is their organisation.
    require(actor, "grants.change_programme", programme)
    _check_programme(programme)
    programme.save()
    if themes:
        programme.themes.set(themes)
    return programme


@transaction.atomic
def programme_update(*, actor, programme: Programme, themes: Iterable[Theme] | None = None, **fields: Any) -> Programme:
    """Change a programme's fields (not its funder: a programme never moves to another funder)."""
    require(actor, "grants.change_programme", programme)
    unknown = set(fields) - PROGRAMME_FIELDS
    if unknown:
        raise TypeError(f"unknown programme fields: {sorted(unknown)}")
    if "funder" in fields and getattr(fields["funder"], "pk", fields["funder"]) != programme.funder_id:
        raise ValidationError({"funder": [_("A programme's funder cannot change.")]})
    if "currency" in fields and fields["currency"] != programme.currency and programme.calls.exists():
        raise ValidationError({"currency": [_("The currency cannot change once the programme has calls.")]})
    for key, value in fields.items():
        setattr(programme, key, _strip(value))
    require(actor, "grants.change_programme", programme)  # a new operator must still leave the actor in charge
    _check_programme(programme)
    programme.save()
    if themes is not None:
        programme.themes.set(themes)
    return programme
