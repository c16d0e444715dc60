"""National identifiers: what is accepted, what is refused and why.

Worked by hand (weights 10 down to 2 on the first nine digits, remainder mod 11):
* NHS 9434765919: 90+36+24+28+42+30+20+27+2 = 299, 299 mod 11 = 2, 11-2 = 9.
* NHS 4010232137: 40+0+8+0+12+15+8+3+6 = 92, 92 mod 11 = 4, 11-4 = 7.
* Iranian 0013542419: 0+0+8+21+30+20+8+12+2 = 101, 101 mod 11 = 2, 11-2 = 9.
* Iranian 0499370899: 0+36+72+63+18+35+0+24+18 = 266, 266 mod 11 = 2, 11-2 = 9.
* Iranian 0790419904: 0+63+72+0+24+5+36+27+0 = 227, 227 mod 11 = 7, 11-7 = 4.
* Iranian 1234567891: 10+18+24+28+30+30+28+24+18 = 210, 210 mod 11 = 1, below 2 so 1.
* Iranian 0000002100: 2*4+1*3 = 11, 11 mod 11 = 0, below 2 so 0.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum.dk import cpr

from tandem.core.identifiers import (
    IdentifierKind,
    cpr_birth_date,
    format_identifier,
    normalise_identifier,
    validate_identifier,
)

NHS = IdentifierKind.NHS
CPR = IdentifierKind.CPR
IRAN = IdentifierKind.IR_NATIONAL_CODE

PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"

NINE_DIGITS = st.text(alphabet="0123456789", min_size=9, max_size=9)


def persian(text: str) -> str:
    return text.translate(str.maketrans("0123456789", PERSIAN))


def arabic_indic(text: str) -> str:
    return text.translate(str.maketrans("0123456789", ARABIC_INDIC))


def weighted_remainder(first_nine: str) -> int:
    """Both NHS and Iranian codes weight the first nine digits 10, 9, ... 2."""
    return (
        sum(int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True))
        % 11
    )


def iranian_check_digit(first_nine: str) -> int:
    remainder = weighted_remainder(first_nine)
    return remainder if remainder < 2 else 11 - remainder


def refusal(kind: str, value: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_identifier(kind, value)
    return caught.value


# Normalising --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "9434765919",
        "943 476 5919",
        "943-476-5919",
        " 943\xa0476\u2013591 9 ",
        persian("9434765919"),
        arabic_indic("943 476 5919"),
        "\u200e943 476 5919\u200e",
    ],
)
def test_normalise_strips_separators_and_reads_any_digits(typed):
    assert normalise_identifier(NHS, typed) == "9434765919"


def test_normalise_cpr_drops_the_dash():
    assert normalise_identifier(CPR, "010190-1234") == "0101901234"
    assert normalise_identifier(CPR, persian("010190-1234")) == "0101901234"


# NHS ----------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["9434765919", "4010232137"])
def test_valid_nhs_numbers(number):
    assert validate_identifier(NHS, number) == number
    assert validate_identifier("nhs", number) == number


def test_nhs_number_in_persian_digits_with_spaces():
    assert validate_identifier(NHS, persian("943 476 5919")) == "9434765919"


@pytest.mark.parametrize("number", ["9434765918", "4010232138", "0000000060"])
def test_nhs_wrong_check_digit(number):
    error = refusal(NHS, number)
    assert error.code == "invalid_checksum"
    assert error.messages == ["This NHS number is not valid: its check digit does not match."]


@pytest.mark.parametrize("number", ["", "943476591", "94347659190", "94347659A9", "NHS"])
def test_nhs_wrong_length_or_not_digits(number):
    error = refusal(NHS, number)
    assert error.code == "invalid_length"
    assert error.messages == ["An NHS number has 10 digits."]


@given(NINE_DIGITS)
def test_at_most_one_final_digit_completes_an_nhs_number(first_nine):
    valid = [d for d in "0123456789" if _is_valid(NHS, first_nine + d)]
    # The NHS rule: 11 minus the remainder is the check digit, 11 stands for 0, and a
    # result of 10 means no number is issued with these nine digits.
    check = (11 - weighted_remainder(first_nine)) % 11
    if check == 10:
        assert valid == []
    else:
        assert valid == [str(check)]


# CPR ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0101901234", "0101901234"),
        ("010190-1234", "0101901234"),
        ("2110625629", "2110625629"),
        ("290200-4234", "2902004234"),  # 29 Feb 2000: a 4 with year 00-36 means the 2000s
    ],
)
def test_valid_cpr_numbers(typed, stored):
    assert validate_identifier(CPR, typed) == stored


def test_cpr_does_not_need_the_old_mod_11_check():
    # Denmark stopped guaranteeing the check in 2007; this number fails it and is fine.
    assert cpr.checksum("0101901234") != 0
    assert validate_identifier(CPR, "0101901234") == "0101901234"


@pytest.mark.parametrize(
    "number",
    [
        "3113901234",  # month 13
        "3204901234",  # 32 April
        "2902001234",  # 29 Feb 1900: a 1 means the 1900s, and 1900 was not a leap year
        "0000001234",
        "0101305000",  # 1 Jan 2030, not born yet
    ],
)
def test_cpr_with_an_impossible_birth_date(number):
    error = refusal(CPR, number)
    assert error.code == "invalid_birth_date"
    assert error.messages == ["This CPR number does not contain a valid date of birth."]


@pytest.mark.parametrize("number", ["", "010190123", "010190-12345", "010190-12AB"])
def test_cpr_wrong_length(number):
    error = refusal(CPR, number)
    assert error.code == "invalid_length"
    assert error.messages == ["A CPR number has 10 digits (DDMMYY-SSSS)."]


@pytest.mark.parametrize(
    ("number", "birth_date"),
    [
        ("0101901234", datetime.date(1990, 1, 1)),
        ("010190-1234", datetime.date(1990, 1, 1)),
        ("2902004234", datetime.date(2000, 2, 29)),
        ("0101585000", datetime.date(1858, 1, 1)),  # a 5 with year 58-99 means the 1800s
        ("0101104000", datetime.date(2010, 1, 1)),
        ("3113901234", None),
        ("2902001234", None),
        ("01019", None),
    ],
)
def test_cpr_birth_date(number, birth_date):
    assert cpr_birth_date(number) == birth_date


# Iranian national code ----------------------------------------------------------------


@pytest.mark.parametrize(
    "code", ["0013542419", "0499370899", "0790419904", "1234567891", "0000002100"]
)
def test_valid_iranian_national_codes(code):
    assert validate_identifier(IRAN, code) == code


def test_iranian_code_in_persian_digits_with_dashes():
    assert validate_identifier(IRAN, persian("001-354241-9")) == "0013542419"
    assert validate_identifier(IRAN, arabic_indic("0013542419")) == "0013542419"


@pytest.mark.parametrize("code", ["0013542418", "0499370890", "1234567890"])
def test_iranian_code_wrong_check_digit(code):
    error = refusal(IRAN, code)
    assert error.code == "invalid_checksum"
    assert error.messages == [
        "This Iranian national code is not valid: its check digit does not match."
    ]


@pytest.mark.parametrize("code", ["", "013542419", "00135424190", "001354241X"])
def test_iranian_code_wrong_length(code):
    error = refusal(IRAN, code)
    assert error.code == "invalid_length"
    assert error.messages == ["An Iranian national code has 10 digits."]


@pytest.mark.parametrize("digit", "0123456789")
def test_iranian_code_of_one_repeated_digit_is_refused(digit):
    code = digit * 10
    # They would pass the checksum, which is why they need a rule of their own.
    assert iranian_check_digit(code[:9]) == int(digit)
    error = refusal(IRAN, code)
    assert error.code == "invalid_repeated"


@given(NINE_DIGITS)
def test_a_generated_iranian_code_validates(first_nine):
    code = first_nine + str(iranian_check_digit(first_nine))
    assume(len(set(code)) > 1)
    assert validate_identifier(IRAN, code) == code


# Does changing one digit of a valid code always make it invalid? Not quite. A change of d
# at weight w moves the remainder by d*w mod 11, never 0 (11 is prime, d and w are 1-10), so
# the remainder always changes; but remainders 1 and 10 both ask for check digit 1. So:
# changing the check digit always fails, and changing one of the first nine fails unless
# the check digit is 1 and the remainder flips between 1 and 10.
def test_one_digit_change_that_still_validates():
    assert weighted_remainder("123456789") == 1
    assert weighted_remainder("133456789") == 10
    assert validate_identifier(IRAN, "1234567891") == "1234567891"
    assert validate_identifier(IRAN, "1334567891") == "1334567891"


@given(NINE_DIGITS, st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=9))
def test_changing_one_digit_of_an_iranian_code(first_nine, position, shift):
    code = first_nine + str(iranian_check_digit(first_nine))
    assume(len(set(code)) > 1)
    changed = code[:position] + str((int(code[position]) + shift) % 10) + code[position + 1 :]
    remainders = {weighted_remainder(code[:9]), weighted_remainder(changed[:9])}
    flips_between_1_and_10 = remainders == {1, 10}
    if position == 9 or code[9] != "1" or not flips_between_1_and_10:
        assert not _is_valid(IRAN, changed)
    elif len(set(changed)) > 1:
        assert _is_valid(IRAN, changed)


# Everything else ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["", "passport", "NHS"])
def test_unknown_kind_is_refused(kind):
    assert refusal(kind, "9434765919").code == "invalid_kind"


def test_messages_are_translatable():
    with translation.override("da"):
        error = refusal(NHS, "123")
        assert isinstance(error.message, Promise)
        assert isinstance(refusal(CPR, "3113901234").message, Promise)
        assert isinstance(refusal(IRAN, "0013542418").message, Promise)


@pytest.mark.parametrize(
    ("kind", "value", "shown"),
    [
        (NHS, "9434765919", "943 476 5919"),
        (CPR, "0101901234", "010190-1234"),
        (IRAN, "0013542419", "001-354241-9"),
        (IRAN, persian("0013542419"), "001-354241-9"),
        (NHS, "12345", "12345"),  # not ten digits: shown as stored
        ("other", "9434765919", "9434765919"),
    ],
)
def test_format_identifier(kind, value, shown):
    assert format_identifier(kind, value) == shown


def test_choices():
    assert IdentifierKind.values == ["nhs", "cpr", "ir_national_code"]
    assert str(IdentifierKind.CPR.label) == "Danish CPR number"


def _is_valid(kind: str, value: str) -> bool:
    try:
        validate_identifier(kind, value)
    except ValidationError:
        return False
    return True
