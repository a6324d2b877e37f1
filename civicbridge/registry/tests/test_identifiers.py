"""Check digits and structure of БИН (Kazakhstan), ИНН and ОГРН (Russia)."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from civicbridge.registry.identifiers import bin_check_digit, validate_bin, validate_inn, validate_ogrn
from civicbridge.registry.tests.factories import make_bin, make_inn, make_ogrn

WEIGHTS_1 = range(1, 12)
WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def first_round(number: str) -> int:
    """The first weighted sum (weights 1..11) mod 11, computed here independently of the code under test."""
    return sum(int(d) * w for d, w in zip(number[:11], WEIGHTS_1, strict=True)) % 11


def second_round(number: str) -> int:
    return sum(int(d) * w for d, w in zip(number[:11], WEIGHTS_2, strict=True)) % 11


def is_valid(validator, value: str) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def error_code(validator, value: str) -> str:
    with pytest.raises(ValidationError) as info:
        validator(value)
    return info.value.code


# Registered March 2018, legal entity (4), head office (1); first round gives 1.
BIN_FIRST_ROUND = "180341853191"
# April 2015, legal entity, branch: the first round gives 10, so the second round (weights 3..11,1,2) gives 9.
BIN_SECOND_ROUND = "150440756429"
# October 2009: both rounds give 10 for these 11 digits, so no 12th digit can make a valid BIN.
BIN_NO_CHECK_DIGIT_PREFIX = "09104133995"


class TestBin:
    def test_the_examples_are_what_their_names_say(self):
        assert first_round(BIN_FIRST_ROUND) == 1
        assert first_round(BIN_SECOND_ROUND) == 10 and second_round(BIN_SECOND_ROUND) == 9
        assert first_round(BIN_NO_CHECK_DIGIT_PREFIX) == 10 and second_round(BIN_NO_CHECK_DIGIT_PREFIX) == 10

    def test_valid_by_the_first_round(self):
        assert validate_bin(BIN_FIRST_ROUND) == BIN_FIRST_ROUND
        assert bin_check_digit(BIN_FIRST_ROUND[:11]) == 1

    def test_valid_by_the_second_round(self):
        assert validate_bin(BIN_SECOND_ROUND) == BIN_SECOND_ROUND
        assert bin_check_digit(BIN_SECOND_ROUND[:11]) == 9

    def test_the_first_round_value_ten_is_not_a_check_digit(self):
        # A validator that skipped the second round would have to compare against "10"; "0" must not pass.
        assert error_code(validate_bin, BIN_SECOND_ROUND[:11] + "0") == "bin_checksum"

    @pytest.mark.parametrize("last", "0123456789")
    def test_both_rounds_ten_means_no_valid_number(self, last):
        assert bin_check_digit(BIN_NO_CHECK_DIGIT_PREFIX) is None
        assert error_code(validate_bin, BIN_NO_CHECK_DIGIT_PREFIX + last) == "bin_checksum"

    @pytest.mark.parametrize("last", "023456789")
    def test_wrong_check_digit(self, last):
        assert error_code(validate_bin, BIN_FIRST_ROUND[:11] + last) == "bin_checksum"

    @pytest.mark.parametrize(
        ("value", "code"),
        [
            ("180041853191", "bin_month"),  # month 00
            ("181341853191", "bin_month"),  # month 13
            ("180331853191", "bin_type"),  # 5th digit 3: an individual's IIN, not a BIN
            ("180371853191", "bin_type"),
            ("180344853191", "bin_attribute"),  # 6th digit must be 0–3
            ("180349853191", "bin_attribute"),
        ],
    )
    def test_structure(self, value, code):
        assert error_code(validate_bin, value) == code

    @pytest.mark.parametrize("value", ["", "18034185319", "1803418531912", "18034185319A", "1803-4185-3191", "БИН"])
    def test_length_and_letters(self, value):
        assert error_code(validate_bin, value) == "bin_length"

    def test_spaces_are_ignored_and_the_compact_number_returned(self):
        assert validate_bin(" 1803 4185 3191 ") == BIN_FIRST_ROUND
        assert validate_bin("180341\t853191") == BIN_FIRST_ROUND

    def test_an_error_in_the_eleventh_digit_escapes_the_first_round(self):
        # The first round weighs the 11th digit by 11 ≡ 0 (mod 11), so for a BIN checked by the first round a
        # typo there cannot be detected. This is the official algorithm, not a bug of ours.
        for digit in "02345678":
            changed = BIN_FIRST_ROUND[:10] + digit + "1"
            assert validate_bin(changed) == changed

    @pytest.mark.parametrize(
        ("original", "typo"),
        [
            (BIN_SECOND_ROUND, "150440796429"),  # 7th digit 5→9: the typo's first round gives 9 = the check digit
            (BIN_FIRST_ROUND, "180341853391"),  # 10th digit 1→3: the typo's first round is 10, its second gives 1
        ],
    )
    def test_a_typo_can_pass_when_the_rounds_differ(self, original, typo):
        assert sum(a != b for a, b in zip(original, typo, strict=True)) == 1
        assert validate_bin(typo) == typo
        assert (first_round(original) == 10) != (first_round(typo) == 10)

    @given(st.randoms(use_true_random=False))
    def test_factory_bins_validate(self, rng):
        number = make_bin(rng)
        assert validate_bin(number) == number

    @given(st.randoms(use_true_random=False), st.integers(0, 11), st.integers(1, 9))
    def test_a_single_digit_change(self, rng, position, shift):
        number = make_bin(rng)
        changed = number[:position] + str((int(number[position]) + shift) % 10) + number[position + 1 :]
        valid = is_valid(validate_bin, changed)
        if position == 11:
            # The check digit is a function of the rest: any other value is wrong.
            assert not valid
        elif position == 10 and first_round(number) != 10:
            # Weight 11 ≡ 0 in the first round: the checksum cannot see this digit (see the test above).
            assert valid
        elif valid:
            # Every other first-round weight is non-zero mod 11 (a prime), so the first-round value changed. The
            # number can still pass only if exactly one of the two numbers is checked by the second round.
            assert first_round(number) != first_round(changed)
            assert (first_round(number) == 10) != (first_round(changed) == 10)

    def test_non_ascii_digits_are_a_validation_error(self):
        assert error_code(validate_bin, "18²341853191") == "bin_length"


class TestInn:
    @pytest.mark.parametrize("value", ["7707083893", "7736050003"])
    def test_valid(self, value):
        assert validate_inn(value) == value

    def test_spaces_are_ignored(self):
        assert validate_inn("7707 083 893") == "7707083893"

    @pytest.mark.parametrize("value", ["7707083894", "7707093893", "8707083893"])
    def test_one_digit_changed(self, value):
        assert error_code(validate_inn, value) == "inn_checksum"

    @pytest.mark.parametrize(
        "value",
        [
            "",
            "770708389",
            "77070838931",
            "500100732259",  # 12 digits: an individual's INN, not an organisation's
            "77O7083893",  # letter O for zero
            "7707-083893",
        ],
    )
    def test_length_and_letters(self, value):
        assert error_code(validate_inn, value) == "inn_length"

    @given(st.randoms(use_true_random=False))
    def test_factory_inns_validate(self, rng):
        number = make_inn(rng)
        assert validate_inn(number) == number

    @given(st.randoms(use_true_random=False), st.integers(1, 9))
    def test_changing_the_check_digit_is_detected(self, rng, shift):
        number = make_inn(rng)
        assert not is_valid(validate_inn, number[:9] + str((int(number[9]) + shift) % 10))

    def test_full_width_digits_are_rejected(self):
        assert not is_valid(validate_inn, "７７０７０８３８９３")


class TestOgrn:
    @pytest.mark.parametrize("value", ["1027700132195", "1037739010891"])
    def test_valid(self, value):
        assert validate_ogrn(value) == value

    def test_spaces_are_ignored(self):
        assert validate_ogrn("1 02 77 00 132195") == "1027700132195"

    @pytest.mark.parametrize("value", ["1027700132196", "1027700133195", "2027700132195"])
    def test_one_digit_changed(self, value):
        assert error_code(validate_ogrn, value) == "ogrn_checksum"

    @pytest.mark.parametrize(
        "value",
        [
            "",
            "102770013219",
            "10277001321950",
            "304500116000157",  # 15 digits: an individual entrepreneur's ОГРНИП
            "1027700132I95",
            "1027700132195 ОГРН",
        ],
    )
    def test_length_and_letters(self, value):
        assert error_code(validate_ogrn, value) == "ogrn_length"

    @given(st.randoms(use_true_random=False))
    def test_factory_ogrns_validate(self, rng):
        number = make_ogrn(rng)
        assert validate_ogrn(number) == number

    @given(st.randoms(use_true_random=False), st.integers(1, 9))
    def test_changing_the_check_digit_is_detected(self, rng, shift):
        number = make_ogrn(rng)
        assert not is_valid(validate_ogrn, number[:12] + str((int(number[12]) + shift) % 10))
