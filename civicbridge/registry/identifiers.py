"""Organisation identifiers: Kazakhstan's БИН, Russia's ИНН (legal entity) and ОГРН, with their check digits."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn as ru_inn
from stdnum.ru import ogrn as ru_ogrn

_BIN_WEIGHTS_1 = tuple(range(1, 12))
_BIN_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def _digits(value: str) -> str:
    return "".join(ch for ch in (value or "") if not ch.isspace())


def _is_ascii_digits(number: str, length: int) -> bool:
    # str.isdigit() also accepts "７" or "²"; the database stores only 0-9.
    return len(number) == length and number.isascii() and number.isdigit()


def bin_check_digit(first11: str) -> int | None:
    """The БИН/ИИН control digit for 11 digits, or None when the algorithm gives 10 twice (no valid number)."""
    digits = [int(d) for d in first11]
    for weights in (_BIN_WEIGHTS_1, _BIN_WEIGHTS_2):
        check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return check
    return None


def validate_bin(value: str) -> str:
    """Validate a Kazakh БИН: 12 digits, YYMM, legal-entity type 4/5/6, attribute 0–3, check digit. Returns it."""
    number = _digits(value)
    if not _is_ascii_digits(number, 12):
        raise ValidationError(_("A BIN has exactly 12 digits."), code="bin_length")
    if not 1 <= int(number[2:4]) <= 12:
        raise ValidationError(_("A BIN starts with the year and month of registration (YYMM)."), code="bin_month")
    if number[4] not in "456":
        raise ValidationError(
            _("The 5th digit of a BIN is 4, 5 or 6 (legal-entity type); this looks like an individual's IIN."),
            code="bin_type",
        )
    if number[5] not in "0123":
        raise ValidationError(_("The 6th digit of a BIN is 0, 1, 2 or 3."), code="bin_attribute")
    check = bin_check_digit(number[:11])
    if check is None or check != int(number[11]):
        raise ValidationError(_("The BIN check digit is wrong: check the number for typos."), code="bin_checksum")
    return number


def validate_inn(value: str) -> str:
    """Validate a Russian legal entity's ИНН: 10 digits with its check digit. Returns it."""
    number = _digits(value)
    if not _is_ascii_digits(number, 10):
        raise ValidationError(_("An organisation's INN has exactly 10 digits."), code="inn_length")
    try:
        ru_inn.validate(number)
    except StdnumError as exc:
        raise ValidationError(
            _("The INN check digit is wrong: check the number for typos."), code="inn_checksum"
        ) from exc
    return number


def validate_ogrn(value: str) -> str:
    """Validate a Russian ОГРН of a legal entity: 13 digits with its check digit. Returns it."""
    number = _digits(value)
    if not _is_ascii_digits(number, 13):
        raise ValidationError(_("An OGRN has exactly 13 digits."), code="ogrn_length")
    try:
        ru_ogrn.validate(number)
    except StdnumError as exc:
        raise ValidationError(
            _("The OGRN check digit is wrong: check the number for typos."), code="ogrn_checksum"
        ) from exc
    return number
