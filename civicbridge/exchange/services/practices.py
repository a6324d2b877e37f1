"""Writes of practices: write and edit (all or nothing, with a version check), the moderation workflow, attachments.

A practice's texts have a version per language (`title_ru`, `title_kk`, `title_en`, …); the one in its
`original_language` is the authors' own and must at least have a title. Plain names (`title`) mean the original
language. Status changes only through `core.workflow.transition`; each step notifies whom it concerns inside the
transaction (sent after commit).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language_info, override
from django.utils.translation import gettext as _

from civicbridge.accounts.choices import Role
from civicbridge.accounts.selectors import editors_of, holders_of
from civicbridge.core.context import user_or_none
from civicbridge.core.permissions import require
from civicbridge.core.workflow import transition
from civicbridge.files.services import store_upload, stored_file_delete
from civicbridge.notifications.services import notify
from civicbridge.registry.models import Country, Organisation, Region, Theme

from ..models import Practice, PracticeDocument, PracticeLink, TargetGroup
from ..selectors.practices import LANGUAGES, TEXT_FIELDS
from ..workflow import PRACTICE_WORKFLOW

PURPOSE = "exchange.practice"
# Plain or language-suffixed texts, plus the practice's own fields.
PRACTICE_FIELDS = frozenset(
    {*TEXT_FIELDS, *(f"{name}_{lang}" for name in TEXT_FIELDS for lang in LANGUAGES), "country", "region", "contacts"}
)


def _required_to_submit() -> dict[str, str]:
    """What moderation needs beyond the title: someone else must be able to understand and repeat the practice."""
    return {
        "problem": _("Describe the problem the practice solves before sending it for moderation."),
        "solution": _("Describe the solution before sending the practice for moderation."),
    }


MAX_LINKS = 20
_url = URLValidator(schemes=["http", "https"])


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def language_name(code: str) -> str:
    """A language's name in the reader's language ("Kazakh", «казахский»)."""
    return get_language_info(code)["name_translated"]


def _lock(practice: Practice) -> Practice:
    return Practice.objects.select_for_update().select_related("organisation").get(pk=practice.pk)


# --- resolving input ------------------------------------------------------------------------------------------------


def _country(value: Any, errors: dict[str, list[str]]) -> Country | None:
    if value is None or value == "" or isinstance(value, Country):
        return value or None
    country = Country.objects.filter(code=str(value).strip().upper()).first()
    if country is None:
        _add(errors, "country", _("Choose a country from the list."))
    return country


def _region(value: Any, errors: dict[str, list[str]]) -> Region | None:
    if value is None or value == "" or isinstance(value, Region):
        return value or None
    region = Region.objects.filter(code=str(value).strip().upper()).first()
    if region is None:
        _add(errors, "region", _("Choose a region from the list."))
    return region


def check_place(country: Country | None, region: Region | None, errors: dict[str, list[str]]) -> None:
    """A country is required; a region, when given, must be one of its regions."""
    if country is None:
        if "country" not in errors:
            _add(errors, "country", _("Choose the country."))
    elif region is not None and region.country_id != country.pk:
        _add(
            errors,
            "region",
            _("%(region)s is not a region of %(country)s.") % {"region": region.name, "country": country.name},
        )


def _by_code(model, values: Iterable[Any], field: str, errors: dict[str, list[str]]) -> list:
    """Themes or target groups given as objects or codes; unknown codes are refused by name."""
    values = list(values)
    objects = [value for value in values if isinstance(value, model)]
    codes = [str(value).strip() for value in values if not isinstance(value, model)]
    if codes:
        found = {obj.code: obj for obj in model.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            _add(errors, field, _("Unknown codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        objects += [found[code] for code in codes if code in found]
    return list(dict.fromkeys(objects))


def _links(values: Iterable[Any], errors: dict[str, list[str]]) -> list[dict[str, str]]:
    """Links given as addresses or {"url", "title"} rows: http(s) addresses only, each named in its own error."""
    clean = []
    for number, value in enumerate(values, 1):
        row = value if isinstance(value, Mapping) else {"url": value}
        url, title = str(row.get("url") or "").strip(), str(row.get("title") or "").strip()
        if not url:
            continue  # an empty row of a form
        try:
            if len(url) > 500:
                raise ValidationError("too long")
            _url(url)
        except ValidationError:
            _add(errors, "links", _("Link %(number)s is not a web address (http:// or https://).") % {"number": number})
            continue
        clean.append({"url": url, "title": title[:300]})
    if len(clean) > MAX_LINKS:
        _add(errors, "links", _("At most %(limit)s links, please.") % {"limit": MAX_LINKS})
    return clean


def _assign(practice: Practice, fields: Mapping[str, Any], errors: dict[str, list[str]]) -> None:
    """Set the practice's fields from input, refusing in words what the database would refuse with an error page."""
    unknown = set(fields) - PRACTICE_FIELDS
    if unknown:
        raise TypeError(f"unknown practice fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name == "country":
            practice.country = _country(value, errors)
            continue
        if name == "region":
            practice.region = _region(value, errors)
            continue
        text = str(value or "").strip()
        if name in TEXT_FIELDS and practice.original_language not in LANGUAGES:
            continue  # _check names the language; there is no column to put the text in
        column = f"{name}_{practice.original_language}" if name in TEXT_FIELDS else name
        limit = Practice._meta.get_field(column).max_length
        if limit and len(text) > limit:
            _add(errors, column, _("At most %(limit)s characters, please.") % {"limit": limit})
            continue
        setattr(practice, column, text)


def _check(practice: Practice, errors: dict[str, list[str]]) -> None:
    """What every saved practice must have: a title in its original language, and a place that exists."""
    if practice.original_language not in LANGUAGES:
        _add(errors, "original_language", _("Choose one of the site's languages."))
    elif not (getattr(practice, f"title_{practice.original_language}") or "").strip():
        column = f"title_{practice.original_language}"
        if column not in errors:
            message = _("Enter the title in the original language (%(language)s).")
            _add(errors, column, message % {"language": language_name(practice.original_language)})
    check_place(practice.country if practice.country_id else None, practice.region, errors)


def _sync_base_columns(practice: Practice) -> None:
    """Keep the untranslated columns equal to the original version (what admin lists and exports read)."""
    with override(practice.original_language):
        for name in TEXT_FIELDS:
            setattr(practice, name, getattr(practice, f"{name}_{practice.original_language}") or "")


def _save(practice: Practice, errors: dict[str, list[str]], **save_kwargs: Any) -> None:
    if errors:
        raise ValidationError(errors)
    _sync_base_columns(practice)
    try:
        with transaction.atomic():
            practice.save(**save_kwargs)
    except IntegrityError as exc:  # a constraint the checks above missed: refuse in words, not a 500
        raise ValidationError(_("The practice could not be saved: %(error)s") % {"error": exc}) from exc


def _replace_links(practice: Practice, links: list[dict[str, str]]) -> None:
    existing = list(practice.links.order_by("id"))
    if [(link.url, link.title) for link in existing] == [(row["url"], row["title"]) for row in links]:
        return  # unchanged: leave the audit log alone
    PracticeLink.objects.filter(practice=practice).delete()
    PracticeLink.objects.bulk_create([PracticeLink(practice=practice, **row) for row in links])


# --- create and update ----------------------------------------------------------------------------------------------


@transaction.atomic
def practice_create(
    *,
    actor,
    organisation: Organisation,
    original_language: str = "ru",
    fields: Mapping[str, Any],
    themes: Iterable[Theme | str] = (),
    target_groups: Iterable[TargetGroup | str] = (),
    links: Iterable[Mapping[str, str] | str] = (),
) -> Practice:
    """Write a draft practice for one of the actor's organisations; its country defaults to the organisation's."""
    require(actor, "exchange.add_practice", organisation)
    errors: dict[str, list[str]] = {}
    practice = Practice(
        organisation=organisation,
        original_language=original_language,
        created_by=user_or_none(actor),
        country_id=organisation.country_id,
        region_id=organisation.region_id if "country" not in fields else None,
    )
    _assign(practice, fields, errors)
    _check(practice, errors)
    theme_objects = _by_code(Theme, themes, "themes", errors)
    group_objects = _by_code(TargetGroup, target_groups, "target_groups", errors)
    clean_links = _links(links, errors)
    _save(practice, errors)
    practice.themes.set(theme_objects)
    practice.target_groups.set(group_objects)
    _replace_links(practice, clean_links)
    return practice


@transaction.atomic
def practice_update(
    *,
    actor,
    practice: Practice,
    fields: Mapping[str, Any],
    themes: Iterable[Theme | str] | None = None,
    target_groups: Iterable[TargetGroup | str] | None = None,
    links: Iterable[Mapping[str, str] | str] | None = None,
    version: int | None = None,
    original_language: str | None = None,
) -> Practice:
    """Change a practice: the fields given, and themes, target groups or links when given (each replaced whole).

    `version` is the version the writer started from: if someone saved since (another tab, a colleague), nothing is
    written and the writer is told, rather than silently overwriting their work. All or nothing: one refused field
    refuses the whole change.
    """
    locked = _lock(practice)
    require(actor, "exchange.change_practice", locked)
    if version is not None and int(version) != locked.version:
        raise ValidationError(
            _(
                "This practice was changed elsewhere (in another tab or by a colleague) after you opened it, so your "
                "changes were not saved. Reload the page to see the latest version, then make your changes again."
            ),
            code="stale_version",
        )
    errors: dict[str, list[str]] = {}
    if original_language is not None:
        locked.original_language = original_language
    _assign(locked, fields, errors)
    _check(locked, errors)
    theme_objects = _by_code(Theme, themes, "themes", errors) if themes is not None else None
    group_objects = _by_code(TargetGroup, target_groups, "target_groups", errors) if target_groups is not None else None
    clean_links = _links(links, errors) if links is not None else None
    locked.version += 1
    _save(locked, errors)
    if theme_objects is not None:
        locked.themes.set(theme_objects)
    if group_objects is not None:
        locked.target_groups.set(group_objects)
    if clean_links is not None:
        _replace_links(locked, clean_links)
    practice.version = locked.version
    return locked


# --- the workflow ---------------------------------------------------------------------------------------------------


def _authors(practice: Practice) -> list:
    """Who hears about a moderation decision: the organisation's editors, and whoever wrote the practice."""
    return [*editors_of(practice.organisation_id), practice.created_by_id]


@transaction.atomic
def practice_submit(*, actor, practice: Practice) -> Practice:
    """Send a draft (or a returned practice) for moderation; moderators are told."""
    locked = _lock(practice)
    require(actor, "exchange.submit_practice", locked)
    if "submit" in PRACTICE_WORKFLOW.transitions_from(locked.status):  # else transition() says why not
        errors: dict[str, list[str]] = {}
        for name, message in _required_to_submit().items():
            column = f"{name}_{locked.original_language}"
            if not (getattr(locked, column) or "").strip():
                _add(errors, column, message)
        if errors:
            raise ValidationError(errors)
    submitted = transition(locked, "submit", actor=actor)
    submitted.submitted_at = timezone.now()
    submitted.save(update_fields=["submitted_at"])
    notify(
        event="exchange.practice_submitted",
        recipients=holders_of(Role.MODERATOR),
        context={"practice": submitted},
        target=submitted,
    )
    _refresh(practice, submitted)
    return submitted


@transaction.atomic
def practice_publish(*, actor, practice: Practice) -> Practice:
    """Publish a practice awaiting moderation; its authors are told."""
    locked = _lock(practice)
    require(actor, "exchange.moderate_practice", locked)
    # The database refuses a published practice without a date: set it first (a refusal below rolls it back).
    locked.published_at = timezone.now()
    locked.save(update_fields=["published_at"])
    published = transition(locked, "publish", actor=actor)
    notify(
        event="exchange.practice_published",
        recipients=_authors(published),
        context={"practice": published},
        target=published,
    )
    _refresh(practice, published)
    return published


@transaction.atomic
def practice_return(*, actor, practice: Practice, reason: str) -> Practice:
    """Return a practice to its authors with the moderator's comments (required)."""
    returned = transition(practice, "return", actor=actor, reason=reason)
    notify(
        event="exchange.practice_returned",
        recipients=_authors(returned),
        context={"practice": returned, "reason": (reason or "").strip()},
        target=returned,
    )
    return returned


@transaction.atomic
def practice_archive(*, actor, practice: Practice) -> Practice:
    """Take a practice out of the library (its authors or a moderator); its adoptions stay recorded."""
    return transition(practice, "archive", actor=actor)


@transaction.atomic
def practice_restore(*, actor, practice: Practice) -> Practice:
    """Put an archived practice back in the library (moderators)."""
    locked = _lock(practice)
    require(actor, "exchange.moderate_practice", locked)
    if locked.published_at is None:  # archived straight from "returned": it is published for the first time now
        locked.published_at = timezone.now()
        locked.save(update_fields=["published_at"])
    restored = transition(locked, "restore", actor=actor)
    _refresh(practice, restored)
    return restored


def _refresh(practice: Practice, saved: Practice) -> None:
    """Give the caller's instance the saved state and dates."""
    for name in ("status", "submitted_at", "published_at", "updated_at"):
        setattr(practice, name, getattr(saved, name))


PRACTICE_ACTIONS = {
    "submit": practice_submit,
    "publish": practice_publish,
    "return": practice_return,
    "archive": practice_archive,
    "restore": practice_restore,
}


def practice_take_action(*, actor, practice: Practice, action: str, reason: str = "") -> Practice:
    """One entry for the practice's buttons: the action's own service (each checks what it needs)."""
    try:
        service = PRACTICE_ACTIONS[action]
    except KeyError:
        raise ValidationError(_("“%(action)s” is not an action on a practice.") % {"action": action}) from None
    if action == "return":
        return service(actor=actor, practice=practice, reason=reason)
    return service(actor=actor, practice=practice)


# --- attachments ----------------------------------------------------------------------------------------------------


@transaction.atomic
def practice_attach(*, actor, practice: Practice, upload) -> PracticeDocument:
    """Attach a file to a practice (type by content, size checked by the files policy)."""
    locked = _lock(practice)
    require(actor, "exchange.change_practice", locked)
    stored = store_upload(uploaded_file=upload, purpose=PURPOSE, actor=actor, owner=locked)
    return PracticeDocument.objects.create(practice=locked, file=stored)


@transaction.atomic
def practice_detach(*, actor, document: PracticeDocument) -> None:
    """Remove a file from a practice, and the file itself."""
    locked = _lock(document.practice)
    require(actor, "exchange.change_practice", locked)
    stored = document.file
    PracticeDocument.objects.filter(pk=document.pk).delete()
    stored_file_delete(stored_file=stored, actor=actor)


def language_choices() -> list[tuple[str, str]]:
    """The site's languages, named in the reader's language (for the original-language field)."""
    return [(code, language_name(code).capitalize()) for code, _name in settings.LANGUAGES]
