"""Writes to the registry. Every change goes through here: permission, validation, transaction, audit (by signal).

Services take keyword arguments, never `request`, and raise ValidationError (field → messages in the
active language) or PermissionDenied. The web forms, the API and the importer all call them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civicbridge.core.permissions import require

from . import selectors
from .choices import NETWORK_KINDS
from .identifiers import validate_bin, validate_inn, validate_ogrn
from .models import NetworkMembership, Organisation, Person, Position, Theme, Unit

ORGANISATION_FIELDS = frozenset(
    {
        "name_ru",
        "name_kk",
        "name_en",
        "short_name",
        "kind",
        "legal_form",
        "country",
        "region",
        "bin",
        "inn",
        "ogrn",
        "registered_on",
        "status",
        "website",
        "email",
        "description_ru",
        "description_kk",
        "description_en",
    }
)


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def validate_organisation(org: Organisation, *, exclude_pk: int | None = None) -> None:
    """Check one organisation as a whole: identifiers by country, region and legal form in its country, duplicates."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not (org.name_ru or "").strip():
        add("name_ru", _("Enter the name in Russian."))
    country = org.country_id
    for field, validator, allowed in (
        ("bin", validate_bin, "KZ"),
        ("inn", validate_inn, "RU"),
        ("ogrn", validate_ogrn, "RU"),
    ):
        value = getattr(org, field)
        if not value:
            continue
        if country != allowed:
            add(field, _("This identifier is used only for organisations of %(country)s.") % {"country": allowed})
            continue
        try:
            setattr(org, field, validator(value))
        except ValidationError as exc:
            errors.setdefault(field, []).extend(exc.messages)
    if org.region_id and country and not org.region_id.startswith(f"{country}-"):
        add("region", _("The region is not in the organisation's country."))
    if org.legal_form_id and country and org.legal_form.country_id != country:
        add("legal_form", _("This legal form belongs to another country."))
    for field in ("bin", "inn", "ogrn"):
        value = getattr(org, field)
        if value and field not in errors:
            # Shaped so that SQLite and PostgreSQL both use the partial unique index (no sort, no full scan).
            clash = Organisation.objects.filter(**{field: value}).exclude(**{field: ""}).exclude(pk=exclude_pk)
            clash = next(iter(clash.order_by()[:1]), None)
            if clash:
                add(field, _("Another organisation already has this number: %(name)s.") % {"name": clash})
    if errors:
        raise ValidationError(errors)
    org.full_clean(exclude=["search_text", "bin", "inn", "ogrn"], validate_unique=False, validate_constraints=False)


def _save(instance, **kwargs) -> None:
    """Save, turning a constraint race (two people saving the same number at once) into a clear error."""
    try:
        with transaction.atomic():
            instance.save(**kwargs)
    except IntegrityError as exc:
        raise ValidationError(
            _("This record conflicts with another one saved at the same time: %(error)s")
            % {"error": exc.__class__.__name__}
        ) from exc


def _assign(instance, fields: dict[str, Any], *, frozen: tuple[str, ...] = ()) -> None:
    """Set the given fields on an instance, ignoring those that never change after creation."""
    for key, value in fields.items():
        if key not in frozen:
            setattr(instance, key, value)


@transaction.atomic
def organisation_create(*, actor, themes: Iterable[Theme] = (), **fields: Any) -> Organisation:
    """Create an organisation (moderators and operators; the importer passes actor=None from the command line)."""
    if actor is not None:
        require(actor, "registry.add_organisation")
    unknown = set(fields) - ORGANISATION_FIELDS
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")
    for key in ("bin", "inn", "ogrn"):
        fields[key] = fields.get(key) or ""
    org = Organisation(**{k: _strip(v) for k, v in fields.items()})
    validate_organisation(org)
    _save(org)
    transaction.on_commit(selectors.forget_places_in_use)
    if themes:
        org.themes.set(themes)
    return org


@transaction.atomic
def organisation_update(
    *, actor, organisation: Organisation, themes: Iterable[Theme] | None = None, **fields: Any
) -> Organisation:
    """Change an organisation's fields (and themes when given). Representatives may edit their own only."""
    if actor is not None:
        require(actor, "registry.change_organisation", organisation)
    unknown = set(fields) - ORGANISATION_FIELDS
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")
    changed = [k for k, v in fields.items() if getattr(organisation, k) != _strip(v)]
    original = {k: getattr(organisation, k) for k in changed}
    for key in changed:
        setattr(organisation, key, _strip(fields[key]))
    if changed:
        try:
            validate_organisation(organisation, exclude_pk=organisation.pk)
            _save(organisation)
            if {"country", "region"} & set(changed):
                transaction.on_commit(selectors.forget_places_in_use)
        except ValidationError:
            # Leave the caller's object as it was: a refused change must not linger in memory either.
            for key, value in original.items():
                setattr(organisation, key, value)
            raise
    if themes is not None:
        wanted = {t.pk for t in themes}
        if wanted != set(organisation.themes.values_list("pk", flat=True)):
            organisation.themes.set(wanted)
    return organisation


def _check_unit(unit: Unit) -> None:
    if unit.parent_id:
        if unit.parent.organisation_id != unit.organisation_id:
            raise ValidationError({"parent": [_("The parent unit belongs to another organisation.")]})
        node, seen = unit.parent, {unit.pk}
        while node is not None:
            if node.pk in seen:
                raise ValidationError({"parent": [_("A unit cannot be inside itself.")]})
            seen.add(node.pk)
            node = node.parent
    unit.full_clean(validate_constraints=False)


@transaction.atomic
def unit_create(*, actor, organisation: Organisation, **fields: Any) -> Unit:
    """Add a unit to an organisation's structure."""
    if actor is not None:
        require(actor, "registry.add_unit", organisation)
    unit = Unit(organisation=organisation, **fields)
    _check_unit(unit)
    _save(unit)
    return unit


@transaction.atomic
def unit_update(*, actor, unit: Unit, **fields: Any) -> Unit:
    """Rename or move a unit within its organisation."""
    if actor is not None:
        require(actor, "registry.change_unit", unit)
    _assign(unit, fields, frozen=("organisation",))  # a unit never moves to another organisation
    _check_unit(unit)
    _save(unit)
    return unit


PERSON_FIELDS = frozenset(
    {"full_name_ru", "full_name_kk", "full_name_en", "bio_ru", "bio_kk", "bio_en", "email", "phone"}
)


@transaction.atomic
def person_create(*, actor, contacts_public: bool = False, **fields: Any) -> Person:
    """Add a person. Their contacts are public only if `contacts_public` records the person's consent."""
    if actor is not None:
        require(actor, "registry.add_person")
    person = Person(**{k: _strip(v) for k, v in fields.items() if k in PERSON_FIELDS})
    person.contacts_public_since = timezone.now() if contacts_public else None
    if not (person.full_name_ru or "").strip():
        raise ValidationError({"full_name_ru": [_("Enter the name in Russian.")]})
    person.full_clean(exclude=["search_text"], validate_constraints=False)
    _save(person)
    return person


@transaction.atomic
def person_update(*, actor, person: Person, contacts_public: bool | None = None, **fields: Any) -> Person:
    """Change a person's record; only they, their organisation's editors or moderators may."""
    if actor is not None:
        require(actor, "registry.change_person", person)
    for key, value in fields.items():
        if key in PERSON_FIELDS:
            setattr(person, key, _strip(value))
    if contacts_public is not None and contacts_public != person.contacts_public:
        person.contacts_public_since = timezone.now() if contacts_public else None
    if not (person.full_name_ru or "").strip():
        raise ValidationError({"full_name_ru": [_("Enter the name in Russian.")]})
    person.full_clean(exclude=["search_text"], validate_constraints=False)
    _save(person)
    return person


def _check_position(position: Position) -> None:
    if position.unit_id and position.unit.organisation_id != position.organisation_id:
        raise ValidationError({"unit": [_("The unit belongs to another organisation.")]})
    if position.start_date and position.end_date and position.end_date < position.start_date:
        raise ValidationError({"end_date": [_("The end date is before the start date.")]})
    if not (position.title_ru or "").strip():
        raise ValidationError({"title_ru": [_("Enter the title in Russian.")]})
    position.full_clean(validate_constraints=False)


@transaction.atomic
def position_create(*, actor, person: Person, organisation: Organisation, **fields: Any) -> Position:
    """Record that a person holds a post in an organisation (or one of its units)."""
    if actor is not None:
        require(actor, "registry.add_position", organisation)
    position = Position(person=person, organisation=organisation, **fields)
    _check_position(position)
    _save(position)
    return position


@transaction.atomic
def position_update(*, actor, position: Position, **fields: Any) -> Position:
    """Change a post's title, unit or dates (e.g. record that it ended)."""
    if actor is not None:
        require(actor, "registry.change_position", position)
    _assign(position, fields, frozen=("organisation", "person"))
    _check_position(position)
    _save(position)
    return position


def _check_membership(link: NetworkMembership) -> None:
    errors: dict[str, list[str]] = {}
    if link.network.kind not in NETWORK_KINDS:
        errors["network"] = [_("Only a network, alliance or public chamber can have members.")]
    if link.member_id == link.network_id:
        errors["member"] = [_("An organisation cannot be a member of itself.")]
    if link.joined_on and link.left_on and link.left_on < link.joined_on:
        errors["left_on"] = [_("The date of leaving is before the date of joining.")]
    if (
        link.left_on is None
        and NetworkMembership.objects.filter(network_id=link.network_id, member_id=link.member_id, left_on__isnull=True)
        .exclude(pk=link.pk)
        .exists()
    ):
        errors["member"] = [_("This organisation is already a member of the network.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def network_membership_create(
    *, actor, network: Organisation, member: Organisation, **fields: Any
) -> NetworkMembership:
    """Add a member organisation to a network (its coordinators, representatives or moderators)."""
    if actor is not None:
        require(actor, "registry.add_networkmembership", network)
    link = NetworkMembership(network=network, member=member, **fields)
    _check_membership(link)
    _save(link)
    return link


@transaction.atomic
def network_membership_update(*, actor, membership: NetworkMembership, **fields: Any) -> NetworkMembership:
    """Change a membership's type or dates (e.g. record that the member left)."""
    if actor is not None:
        require(actor, "registry.change_networkmembership", membership)
    _assign(membership, fields, frozen=("network",))
    _check_membership(membership)
    _save(membership)
    return membership


@transaction.atomic
def theme_create(*, actor, **fields: Any) -> Theme:
    """Add a theme to the one taxonomy every module uses (moderators)."""
    if actor is not None:
        require(actor, "registry.add_theme")
    theme = Theme(**fields)
    theme.full_clean(validate_constraints=False)
    _save(theme)
    return theme


@transaction.atomic
def theme_update(*, actor, theme: Theme, **fields: Any) -> Theme:
    """Rename or reorder a theme; its code stays the same for everything that refers to it."""
    if actor is not None:
        require(actor, "registry.change_theme", theme)
    _assign(theme, fields, frozen=("code",))
    theme.full_clean(validate_constraints=False)
    _save(theme)
    return theme
