"""Writes of adoptions — the record of exchange: an organisation adopted a published practice, when, where, with what
result. One record per practice, organisation and place (the database holds it too); the publisher is told.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.accounts.selectors import editors_of
from civicbridge.core.context import user_or_none
from civicbridge.core.permissions import require
from civicbridge.notifications.services import notify
from civicbridge.registry.models import Country, Organisation, Region

from ..choices import PracticeStatus
from ..models import Adoption, Practice
from .practices import _add, _country, _region, check_place

UNSET: Any = object()
PLACE_LIMIT = Adoption._meta.get_field("place").max_length


def _date(value: Any, errors: dict[str, list[str]]) -> date | None:
    if isinstance(value, date):
        parsed = value
    else:
        try:
            parsed = date.fromisoformat(str(value).strip())
        except (TypeError, ValueError):
            _add(errors, "adopted_on", _("Enter a real date, such as 2026-03-01."))
            return None
    if parsed > timezone.localdate():
        _add(errors, "adopted_on", _("The date of adoption cannot be in the future."))
    return parsed


def _check(adoption: Adoption, errors: dict[str, list[str]]) -> None:
    """The rules of an adoption as a whole: a published practice, a real place, exchange rather than repetition."""
    practice = adoption.practice
    if practice.status != PracticeStatus.PUBLISHED:
        _add(errors, "practice", _("Only a published practice can be adopted."))
    country = adoption.country if adoption.country_id else None
    check_place(country, adoption.region, errors)
    if len(adoption.place) > PLACE_LIMIT:
        _add(errors, "place", _("At most %(limit)s characters, please.") % {"limit": PLACE_LIMIT})
    if (
        adoption.organisation_id == practice.organisation_id
        and adoption.country_id == practice.country_id
        and adoption.region_id == practice.region_id
    ):
        _add(
            errors,
            "organisation",
            _(
                "%(organisation)s published this practice for this place itself: an adoption records another "
                "organisation, or another region, taking it up."
            )
            % {"organisation": adoption.organisation},
        )
    if not errors and _duplicates(adoption).exists():
        errors.setdefault("__all__", []).append(_duplicate_message(adoption))


def _duplicates(adoption: Adoption):
    same = Adoption.objects.filter(
        practice_id=adoption.practice_id,
        organisation_id=adoption.organisation_id,
        country_id=adoption.country_id,
        region_id=adoption.region_id,
    )
    return same.exclude(pk=adoption.pk) if adoption.pk else same


def _duplicate_message(adoption: Adoption) -> str:
    place = adoption.region.name if adoption.region_id else adoption.country.name
    return _("%(organisation)s has already recorded adopting this practice in %(place)s.") % {
        "organisation": adoption.organisation,
        "place": place,
    }


def _save(adoption: Adoption, errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():  # a savepoint: a constraint refused by the database leaves the transaction usable
            adoption.save()
    except IntegrityError as exc:
        # Two people recording the same adoption at once: the second is refused by the unique constraints.
        if _duplicates(adoption).exists():
            raise ValidationError({"__all__": [_duplicate_message(adoption)]}) from exc
        raise ValidationError(_("The adoption could not be saved: %(error)s") % {"error": exc}) from exc


@transaction.atomic
def adoption_record(
    *,
    actor,
    practice: Practice,
    organisation: Organisation,
    adopted_on: date | str,
    country: Country | str,
    region: Region | str | None = None,
    place: str = "",
    result: str = "",
) -> Adoption:
    """Record that one of the actor's organisations adopted a published practice; the publisher is told."""
    require(actor, "exchange.add_adoption", organisation)
    practice = Practice.objects.select_for_update().get(pk=practice.pk)  # not unpublished while we record
    errors: dict[str, list[str]] = {}
    adoption = Adoption(
        practice=practice,
        organisation=organisation,
        created_by=user_or_none(actor),
        adopted_on=_date(adopted_on, errors),
        country=_country(country, errors),
        region=_region(region, errors),
        place=(place or "").strip(),
        result=(result or "").strip(),
    )
    _check(adoption, errors)
    _save(adoption, errors)
    notify(
        event="exchange.practice_adopted",
        recipients=editors_of(practice.organisation_id),
        context={"adoption": adoption},
        target=practice,
    )
    return adoption


@transaction.atomic
def adoption_update(
    *,
    actor,
    adoption: Adoption,
    adopted_on: date | str = UNSET,
    country: Country | str = UNSET,
    region: Region | str | None = UNSET,
    place: str = UNSET,
    result: str = UNSET,
) -> Adoption:
    """Change an adoption's date, place or result (the arguments given); the same rules as recording it."""
    locked = Adoption.objects.select_for_update().select_related("practice", "organisation").get(pk=adoption.pk)
    require(actor, "exchange.change_adoption", locked)
    errors: dict[str, list[str]] = {}
    if adopted_on is not UNSET:
        locked.adopted_on = _date(adopted_on, errors)
    if country is not UNSET:
        locked.country = _country(country, errors)
    if region is not UNSET:
        locked.region = _region(region, errors)
    if place is not UNSET:
        locked.place = (place or "").strip()
    if result is not UNSET:
        locked.result = (result or "").strip()
    _check(locked, errors)
    _save(locked, errors)
    return locked


@transaction.atomic
def adoption_delete(*, actor, adoption: Adoption) -> None:
    """Delete an adoption record (the adopting organisation's editors, or a moderator)."""
    require(actor, "exchange.delete_adoption", adoption)
    Adoption.objects.filter(pk=adoption.pk).delete()
