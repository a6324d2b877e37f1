"""Checking every row of an import (codes, dates, duplicates, matches, validation, permissions) before any write."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civicbridge.core.text import normalize

from .. import services
from ..choices import OrganisationKind
from ..models import Country, LegalForm, Organisation, Region, Theme
from .reading import HEADER, _Raw
from .report import Problem

IDENTIFIERS: tuple[str, ...] = ("bin", "ogrn", "inn")  # the order in which a row is matched to an organisation
_TEXT_FIELDS = ("name_ru", "name_kk", "name_en", "short_name", "website", "email")
_OPTIONAL_TRANSLATIONS = ("name_kk", "name_en")  # stored as NULL when empty, like every other translation column
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NOT_CLEANED = ("name", "country", "region", "legal_form", "search_text")  # checked by lookups or by the services
_COLUMN_ORDER = {name: i for i, name in enumerate(HEADER)}
_CHUNK = 500  # identifiers per IN (...) query: well under every backend's parameter limit


@dataclass
class _Row:
    number: int
    fields: dict[str, Any]
    themes: list[Theme]
    match: Organisation | None = None
    match_column: str = ""
    changes: dict[str, Any] = field(default_factory=dict)
    themes_changed: bool = False

    @property
    def writes(self) -> bool:
        """Whether importing the row creates or changes anything."""
        return self.match is None or bool(self.changes) or self.themes_changed


class _Lookups:
    """Every code and organisation the rows refer to, fetched in a few queries rather than one per row."""

    def __init__(self, raws: list[_Raw]) -> None:
        def col(name: str, fold=str.upper) -> set[str]:
            return {fold(r.values[name]) for r in raws if isinstance(r.values[name], str) and r.values[name]}

        self.countries = {c.code: c for c in _chunked(Country.objects.all(), "code", col("country"))}
        self.regions = {r.code: r for r in _chunked(Region.objects.all(), "code", col("region"))}
        forms = _chunked(LegalForm.objects.all(), "code", col("legal_form", str.lower))
        self.legal_forms = {lf.code: lf for lf in forms}
        theme_codes = {c.strip().lower() for r in raws for c in str(r.values["themes"]).split(";") if c.strip()}
        self.themes = {t.code: t for t in _chunked(Theme.objects.all(), "code", theme_codes)}
        orgs = Organisation.objects.select_related("legal_form")
        found: dict[int, Organisation] = {}
        for name in IDENTIFIERS:
            # The non-empty condition repeats the unique constraints' own, so SQLite can use those partial indexes.
            for org in _chunked(orgs.exclude(**{name: ""}), name, {_digits(v) for v in col(name)} - {""}):
                found.setdefault(org.pk, org)
        names = {r.values["name_ru"] for r in raws if r.values["name_ru"]}
        for org in _chunked(orgs.filter(country_id__in=list(self.countries)), "name_ru", names):
            found.setdefault(org.pk, org)
        self.by_identifier = {
            (name, getattr(o, name)): o for o in found.values() for name in IDENTIFIERS if getattr(o, name)
        }
        self.by_name: dict[tuple[str, str], list[Organisation]] = {}
        for org in found.values():
            self.by_name.setdefault(((org.name_ru or "").strip(), org.country_id), []).append(org)
        # Theme ids straight from the link table: comparing sets needs no Theme objects.
        self.theme_ids: dict[int, set[int]] = {pk: set() for pk in found}
        links = Organisation.themes.through.objects.values_list("organisation_id", "theme_id")
        for start in range(0, len(found), _CHUNK):
            for org_id, theme_id in links.filter(organisation_id__in=list(found)[start : start + _CHUNK]):
                self.theme_ids[org_id].add(theme_id)


def _chunked(queryset: QuerySet, field_name: str, values: set[str]) -> Iterator[Any]:
    ordered = sorted(values)
    for start in range(0, len(ordered), _CHUNK):
        yield from queryset.filter(**{f"{field_name}__in": ordered[start : start + _CHUNK]})


def _digits(value: Any) -> str:
    return "".join(str(value).split())


def _parse(raw: _Raw, lookups: _Lookups) -> tuple[_Row, list[Problem]]:
    """Turn one row's cells into service arguments, noting every value that is not a known code or a date."""
    v, n = raw.values, raw.number
    problems: list[Problem] = []

    def bad(column: str, reason: str) -> None:
        problems.append(Problem(n, column, reason))

    fields: dict[str, Any] = {name: v[name] for name in _TEXT_FIELDS}
    for name in _OPTIONAL_TRANSLATIONS:
        fields[name] = fields[name] or None
    kind = v["kind"].lower() or OrganisationKind.NGO
    if kind not in OrganisationKind.values:
        bad(
            "kind",
            _("Unknown kind “%(value)s”: use one of %(choices)s.")
            % {"value": v["kind"], "choices": ", ".join(OrganisationKind.values)},
        )
    fields["kind"] = kind
    country_code = v["country"].upper()
    fields["country"] = lookups.countries.get(country_code)
    if not country_code:
        bad("country", _("Enter the country as a two-letter ISO code, e.g. KZ or RU."))
    elif fields["country"] is None:
        bad(
            "country",
            _("Unknown country code “%(value)s”: use a two-letter ISO code, e.g. KZ or RU.") % {"value": v["country"]},
        )
    region_code = v["region"].upper()
    fields["region"] = lookups.regions.get(region_code) if region_code else None
    if region_code and fields["region"] is None:
        bad(
            "region",
            _("Unknown region code “%(value)s”: use an ISO 3166-2 code such as KZ-75 or RU-MOW.")
            % {"value": v["region"]},
        )
    form_code = v["legal_form"].lower()
    fields["legal_form"] = lookups.legal_forms.get(form_code) if form_code else None
    if form_code and fields["legal_form"] is None:
        bad("legal_form", _("Unknown legal form code “%(value)s”.") % {"value": v["legal_form"]})
    themes: list[Theme] = []
    unknown: list[str] = []
    for code in dict.fromkeys(c.strip().lower() for c in v["themes"].split(";") if c.strip()):
        if code in lookups.themes:
            themes.append(lookups.themes[code])
        else:
            unknown.append(code)
    if unknown:
        bad(
            "themes",
            ngettext("Unknown theme code: %(codes)s.", "Unknown theme codes: %(codes)s.", len(unknown))
            % {"codes": ", ".join(unknown)},
        )
    fields["registered_on"] = _parse_date(v["registered_on"], lambda reason: bad("registered_on", reason))
    for name in IDENTIFIERS:
        fields[name] = _digits(v[name])
    return _Row(n, fields, themes), problems


def _parse_date(value: str | date, bad) -> date | None:
    if isinstance(value, date):
        parsed = value
    elif not value:
        return None
    else:
        try:
            if not _ISO_DATE.match(value):
                raise ValueError(value)
            parsed = date.fromisoformat(value)
        except ValueError:
            bad(_("Enter the date as YYYY-MM-DD, e.g. 2015-03-27."))
            return None
    if parsed > timezone.localdate():
        bad(_("The registration date is in the future."))
        return None
    return parsed


def _find_match(row: _Row, lookups: _Lookups) -> tuple[Organisation | None, str, list[Problem]]:
    """The organisation a row describes: by БИН, then ОГРН, then ИНН, else by Russian name and country."""
    for name in IDENTIFIERS:
        value = row.fields[name]
        if value and (name, value) in lookups.by_identifier:
            return lookups.by_identifier[(name, value)], name, []
    country = row.fields["country"]
    if country is None:
        return None, "", []
    # A name matches only an organisation whose numbers do not contradict the row's: that fills in a missing БИН
    # of a known organisation but never merges two organisations registered under different numbers.
    candidates = [
        org
        for org in lookups.by_name.get((row.fields["name_ru"], country.code), [])
        if all(not row.fields[name] or not getattr(org, name) for name in IDENTIFIERS)
    ]
    if len(candidates) > 1:
        reason = _("Several organisations in this country have this name: add a BIN, OGRN or INN to say which one.")
        return None, "", [Problem(row.number, "name_ru", reason)]
    return (candidates[0], "name_ru", []) if candidates else (None, "", [])


def _differences(row: _Row, org: Organisation, theme_ids: set[int]) -> tuple[dict[str, Any], bool]:
    """The fields a row would change on `org` (empty identifiers keep the stored ones), and whether themes differ."""
    changes: dict[str, Any] = {}
    for name, value in row.fields.items():
        if name in ("country", "region", "legal_form"):
            if getattr(org, f"{name}_id") != (value.pk if value is not None else None):
                changes[name] = value
        elif name in IDENTIFIERS:
            if value and getattr(org, name) != value:
                changes[name] = value
        elif isinstance(value, str) or (value is None and name in _OPTIONAL_TRANSLATIONS):
            if (getattr(org, name) or "") != (value or ""):
                changes[name] = value
        elif getattr(org, name) != value:
            changes[name] = value
    return changes, {t.pk for t in row.themes} != theme_ids


def _candidate(row: _Row) -> Organisation:
    """An unsaved organisation as it will be after the row is applied, for the services' validation."""
    org = Organisation(**{k: v for k, v in row.fields.items() if k not in ("country", "region", "legal_form")})
    org.country_id = row.fields["country"].pk if row.fields["country"] else None
    org.region_id = row.fields["region"].pk if row.fields["region"] else None
    org.legal_form = row.fields["legal_form"]
    if row.match is not None:
        for name in IDENTIFIERS:
            setattr(org, name, row.fields[name] or getattr(row.match, name))
    return org


def _error_problems(number: int, exc: ValidationError | PermissionDenied, skip: set[str]) -> list[Problem]:
    if isinstance(exc, PermissionDenied):
        return [Problem(number, "", str(exc))]
    if not hasattr(exc, "error_dict"):
        return [Problem(number, "", message) for message in exc.messages]
    problems = []
    for name, messages in exc.message_dict.items():
        column = "name_ru" if name == "name" else ("" if name == NON_FIELD_ERRORS else name)
        if column in skip:
            continue  # already explained by the importer's own message for this cell
        problems.extend(Problem(number, column, message) for message in messages)
    return problems


def _within_file(row: _Row, seen: dict[tuple, int], claimed: dict[int, int]) -> list[Problem]:
    problems = []
    messages = {
        "bin": _("The same BIN is also in row %(row)d."),
        "inn": _("The same INN is also in row %(row)d."),
        "ogrn": _("The same OGRN is also in row %(row)d."),
    }
    for name in ("bin", "inn", "ogrn"):
        value = row.fields[name]
        if value:
            if (name, value) in seen:
                problems.append(Problem(row.number, name, messages[name] % {"row": seen[(name, value)]}))
            else:
                seen[(name, value)] = row.number
    country = row.fields["country"]
    if row.fields["name_ru"] and country is not None:
        key = ("name", normalize(row.fields["name_ru"]), country.code)
        if key in seen:
            problems.append(
                Problem(
                    row.number,
                    "name_ru",
                    _("An organisation with the same name and country is also in row %(row)d.") % {"row": seen[key]},
                )
            )
        else:
            seen[key] = row.number
    if row.match is not None and not problems:
        if row.match.pk in claimed:
            problems.append(
                Problem(
                    row.number,
                    row.match_column,
                    _("This row and row %(row)d describe the same organisation, “%(name)s”.")
                    % {"row": claimed[row.match.pk], "name": row.match},
                )
            )
        else:
            claimed[row.match.pk] = row.number
    return problems


def _model_problems(row: _Row, known: list[Problem]) -> list[Problem]:
    """What the model's field checks and the services' validation say about the organisation the row will make."""
    candidate = _candidate(row)
    explained = {p.column for p in known}
    if "country" in explained:
        explained.update(IDENTIFIERS)  # which numbers apply depends on the country: fix that first
    problems: list[Problem] = []
    try:
        # The model's own field checks (URL, e-mail, lengths, choices) need no queries and report what the
        # services would only reach after their identifier checks pass, so one upload shows every problem.
        candidate.clean_fields(exclude=[*_NOT_CLEANED, *IDENTIFIERS])
    except ValidationError as exc:
        problems += _error_problems(row.number, exc, explained)
    try:
        services.validate_organisation(candidate, exclude_pk=row.match.pk if row.match else None)
    except ValidationError as exc:
        problems += _error_problems(row.number, exc, explained | {p.column for p in problems})
    return problems


def _permission_problems(row: _Row, actor: Any, may_add: bool) -> list[Problem]:
    """The services would refuse this row for this user: say so now, before anything is written."""
    if row.match is None:
        return [] if may_add else [Problem(row.number, "", _("You may not add organisations."))]
    if actor.has_perm("registry.change_organisation", row.match):
        return []
    return [Problem(row.number, "", _("You may not change “%(name)s”.") % {"name": row.match})]


def validate_rows(raws: list[_Raw], actor: Any = None) -> tuple[list[_Row], list[Problem]]:
    """Check every row (codes, dates, duplicates, the services' own validation and permissions); write nothing."""
    lookups = _Lookups(raws)
    rows: list[_Row] = []
    problems: list[Problem] = []
    seen: dict[tuple, int] = {}
    claimed: dict[int, int] = {}
    may_add = actor is None or actor.has_perm("registry.add_organisation")
    for raw in raws:
        row, row_problems = _parse(raw, lookups)
        row.match, row.match_column, match_problems = _find_match(row, lookups)
        row_problems += match_problems
        if row.match is not None:
            row.changes, row.themes_changed = _differences(row, row.match, lookups.theme_ids[row.match.pk])
        row_problems += _within_file(row, seen, claimed)
        if row.writes:  # a row that changes nothing writes nothing: its stored record was validated when saved
            row_problems += _model_problems(row, row_problems)
        if actor is not None and row.writes:  # the command line may do anything; an unchanged row needs nothing
            row_problems += _permission_problems(row, actor, may_add)
        problems.extend(sorted(row_problems, key=lambda p: _COLUMN_ORDER.get(p.column, -1)))
        rows.append(row)
    return rows, problems
