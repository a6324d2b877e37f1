"""Translations: Kazakh pages show our Kazakh text (not Russian fallbacks), Kazakh dates, and Django's msgids we
copied still exist in Django (so a Django upgrade cannot silently orphan them)."""

import ast
import datetime
from pathlib import Path

import django
import polib
import pytest
from django.utils import formats, translation

import civicbridge.core.django_messages as django_messages


def test_kazakh_dates_use_kazakh_formats():
    with translation.override("kk"):
        assert formats.date_format(datetime.date(2026, 11, 26)) == "2026 ж. 26 қараша"
        assert formats.date_format(datetime.date(2026, 11, 26), "SHORT_DATE_FORMAT") == "26.11.2026"
    with translation.override("ru"):
        assert formats.date_format(datetime.date(2026, 11, 26)) == "26 ноября 2026 г."


@pytest.mark.django_db
def test_kazakh_sign_in_error_is_kazakh(client, citizen):
    response = client.post(
        "/accounts/login/", {"username": citizen.email, "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="kk"
    )
    with translation.override("kk"):
        expected = translation.gettext("The e-mail or password is wrong.")
    assert expected != "The e-mail or password is wrong."
    assert expected in response.content.decode()


def _marked_msgids() -> set[str]:
    tree = ast.parse(Path(django_messages.__file__).read_text())
    ids = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        args = node.args[1:] if node.func.id.startswith("pgettext") else node.args  # pgettext: (context, msgid)
        if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
            ids.add(args[0].value)
    return ids


def test_copied_django_msgids_still_exist_in_django():
    root = Path(django.__file__).parent
    catalogues = [root / "conf/locale/ru/LC_MESSAGES/django.po", root / "contrib/auth/locale/ru/LC_MESSAGES/django.po"]
    known = {entry.msgid for path in catalogues for entry in polib.pofile(str(path))}
    known |= {entry.msgid_plural for path in catalogues for entry in polib.pofile(str(path)) if entry.msgid_plural}
    missing = sorted(_marked_msgids() - known)
    assert missing == []


# Modules whose strings are still being written: their catalogue entries are translated when they are finished.
STRINGS_IN_PROGRESS: tuple[str, ...] = ()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_finished_msgid_is_translated(language):
    """An untranslated or fuzzy entry shows English (on a Kazakh page, Russian) text: fuzzy ones are not compiled."""
    path = Path(django_messages.__file__).parent.parent / "locale" / language / "LC_MESSAGES" / "django.po"
    left = [
        entry.msgid
        for entry in polib.pofile(str(path))
        if not entry.obsolete
        and (not entry.translated() or "fuzzy" in entry.flags)
        and not all(file.startswith(STRINGS_IN_PROGRESS) for file, _ in entry.occurrences)
    ]
    assert left == []
