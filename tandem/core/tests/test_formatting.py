"""Dates, digits and money as each language shows and reads them.

The Solar Hijri cases were checked by hand against the Iranian calendar: 13 Mordad 1401 is
4 August 2022; Nowruz, 1 Farvardin 1403, fell on 20 March 2024, so 29 Esfand 1402 was
19 March 2024; 1403 is a leap year, so 30 Esfand 1403 exists and is 20 March 2025.
"""

import datetime
import re
from decimal import Decimal

import pytest
from babel import dates as babel_dates
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.functional import Promise
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.core.formatting import (
    format_date,
    format_date_input,
    format_datetime,
    format_money,
    format_number,
    parse_date,
    to_latin_digits,
    to_persian_digits,
    uses_persian_digits,
    uses_solar_hijri,
)

LANGUAGES = ["en", "da", "ar", "fa"]
LATIN_DIGIT = re.compile(r"[0-9]")
# Written out here, not taken from the module under test.
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
NBSP = "\xa0"

# (Gregorian, Solar Hijri as typed with Latin digits)
HAND_CHECKED = [
    (datetime.date(2022, 8, 4), "1401/05/13"),  # 13 Mordad 1401
    (datetime.date(2024, 3, 20), "1403/01/01"),  # Nowruz 1403
    (datetime.date(2024, 3, 19), "1402/12/29"),  # last day of 1402, not a leap year
    (datetime.date(2025, 3, 20), "1403/12/30"),  # 30 Esfand: 1403 is a leap year
]


def persian(text: str) -> str:
    return text.translate(str.maketrans("0123456789", PERSIAN))


def arabic_indic(text: str) -> str:
    return text.translate(str.maketrans("0123456789", ARABIC_INDIC))


# Digits -------------------------------------------------------------------------------


def test_to_persian_digits():
    assert to_persian_digits("0123456789") == PERSIAN
    assert to_persian_digits("Page 12 of 30") == "Page " + persian("12") + " of " + persian("30")


def test_to_persian_digits_also_replaces_arabic_indic_digits():
    assert to_persian_digits(ARABIC_INDIC) == PERSIAN


def test_to_latin_digits_reads_persian_and_arabic_indic():
    assert to_latin_digits(PERSIAN) == "0123456789"
    assert to_latin_digits(ARABIC_INDIC) == "0123456789"
    assert to_latin_digits("ref " + persian("2024") + "-" + arabic_indic("07")) == "ref 2024-07"


@given(st.text(alphabet="0123456789"))
def test_digit_round_trip(digits):
    assert to_latin_digits(to_persian_digits(digits)) == digits


@given(st.text())
def test_to_persian_digits_leaves_no_latin_digit(text):
    assert not LATIN_DIGIT.search(to_persian_digits(text))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fa", True), ("fa-ir", True), ("fa_IR", True), ("en", False), ("da", False), ("ar", False)],
)
def test_which_languages_use_the_solar_hijri_calendar_and_persian_digits(language, expected):
    assert uses_solar_hijri(language) is expected
    assert uses_persian_digits(language) is expected


# Showing dates ------------------------------------------------------------------------


@pytest.mark.parametrize(("gregorian", "solar_hijri"), HAND_CHECKED)
def test_format_date_persian_is_solar_hijri_in_persian_digits(gregorian, solar_hijri):
    assert format_date(gregorian, "fa") == persian(solar_hijri)


def test_format_date_other_languages():
    day = datetime.date(2022, 8, 4)
    assert format_date(day, "en") == "4 Aug 2022"
    assert format_date(day, "da") == "4. aug. 2022"
    # Arabic keeps Babel's output, direction marks included.
    assert format_date(day, "ar") == babel_dates.format_date(day, format="medium", locale="ar")
    assert "2022" in format_date(day, "ar")


def test_format_date_uses_the_active_language():
    day = datetime.date(2022, 8, 4)
    with translation.override("fa"):
        assert format_date(day) == persian("1401/05/13")
    with translation.override("da"):
        assert format_date(day) == "4. aug. 2022"


def test_format_date_of_none_is_empty():
    assert format_date(None, "en") == ""
    assert format_date(None, "fa") == ""
    assert format_datetime(None, "fa") == ""
    assert format_date_input(None, "fa") == ""


def test_datetimes_are_shown_in_the_current_time_zone():
    # 22:30 UTC on 4 August is 00:30 on 5 August in Copenhagen (summer time, UTC+2).
    moment = datetime.datetime(2022, 8, 4, 22, 30, tzinfo=datetime.UTC)
    with timezone.override("Europe/Copenhagen"):
        assert format_date(moment, "en") == "5 Aug 2022"
        assert format_date(moment, "fa") == persian("1401/05/14")
        assert format_datetime(moment, "en") == "5 Aug 2022, 00:30"
        assert format_datetime(moment, "da") == "5. aug. 2022 00:30"
        assert format_datetime(moment, "fa") == persian("1401/05/14 00:30")
    with timezone.override("UTC"):
        assert format_datetime(moment, "en") == "4 Aug 2022, 22:30"


def test_format_datetime_of_a_plain_date_is_the_date():
    assert format_datetime(datetime.date(2022, 8, 4), "en") == "4 Aug 2022"


@settings(deadline=None)
@given(st.datetimes(min_value=datetime.datetime(1900, 1, 1), timezones=st.just(datetime.UTC)))
def test_persian_dates_never_show_latin_digits(moment):
    assert not LATIN_DIGIT.search(format_date(moment, "fa"))
    assert not LATIN_DIGIT.search(format_date(moment.date(), "fa"))
    assert not LATIN_DIGIT.search(format_datetime(moment, "fa"))


# Numbers and money --------------------------------------------------------------------


def test_format_number():
    assert format_number(Decimal("1234567.5"), "en") == "1,234,567.5"
    assert format_number(Decimal("1234567.5"), "da") == "1.234.567,5"
    # Persian thousands separator U+066C and decimal separator U+066B.
    assert format_number(Decimal("1234567.5"), "fa") == persian("1\u066c234\u066c567\u066b5")
    assert format_number(42, "fa") == persian("42")
    assert format_number(None, "en") == ""


def test_format_number_uses_the_active_language():
    with translation.override("fa"):
        assert not LATIN_DIGIT.search(format_number(1234))


def test_format_money():
    assert format_money(Decimal("1234.5"), "GBP", "en") == "£1,234.50"
    assert format_money(Decimal("1234.5"), "DKK", "da") == "1.234,50" + NBSP + "kr."
    rials = format_money(Decimal("1234500"), "IRR", "fa")
    assert persian("1\u066c234\u066c500") in rials
    assert not LATIN_DIGIT.search(rials)


def test_format_money_in_toman_divides_rials_by_ten():
    assert format_money(Decimal("1234500"), "IRR", "en", as_toman=True) == "123,450 toman"
    in_persian = format_money(Decimal("1234500"), "IRR", "fa", as_toman=True)
    # The word itself comes from the Persian catalogue; the number must be Persian.
    assert persian("123\u066c450") in in_persian
    assert not LATIN_DIGIT.search(in_persian)


def test_as_toman_only_applies_to_rials():
    assert format_money(Decimal("10"), "GBP", "en", as_toman=True) == "£10.00"


def test_money_is_never_a_float():
    with pytest.raises(TypeError):
        format_money(12.5, "GBP", "en")  # type: ignore[arg-type]


# Reading dates ------------------------------------------------------------------------


@pytest.mark.parametrize(("gregorian", "solar_hijri"), HAND_CHECKED)
def test_parse_solar_hijri(gregorian, solar_hijri):
    assert parse_date(solar_hijri, "fa") == gregorian
    assert parse_date(persian(solar_hijri), "fa") == gregorian
    assert parse_date(arabic_indic(solar_hijri), "fa") == gregorian
    assert parse_date(solar_hijri.replace("/", "-"), "fa") == gregorian


def test_persian_and_latin_digits_give_the_same_date():
    persian_typed = "۱۴۰۱/۰۵/۱۳"
    assert parse_date(persian_typed, "fa") == parse_date("1401/05/13", "fa")
    assert parse_date(persian_typed, "fa") == datetime.date(2022, 8, 4)


@pytest.mark.parametrize("typed", ["1401/5/13", "1401-5-13", " 1401/05/13 ", "\u200f1401/05/13"])
def test_parse_solar_hijri_without_padding_or_with_stray_marks(typed):
    assert parse_date(typed, "fa") == datetime.date(2022, 8, 4)


def test_parse_date_uses_the_active_language():
    with translation.override("fa"):
        assert parse_date("1401/05/13") == datetime.date(2022, 8, 4)
    with translation.override("en"):
        assert parse_date("1401-05-13") == datetime.date(1401, 5, 13)


@pytest.mark.parametrize("language", LANGUAGES)
def test_iso_is_always_accepted(language):
    assert parse_date("2022-08-04", language) == datetime.date(2022, 8, 4)


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("da", "04.08.2022"),
        ("da", "4.8.2022"),
        ("en", "04/08/2022"),
        ("en", "4/8/2022"),
        ("ar", "04/08/2022"),
        ("ar", arabic_indic("04/08/2022")),
    ],
)
def test_day_first_dates_outside_persian(language, typed):
    assert parse_date(typed, language) == datetime.date(2022, 8, 4)


def test_an_early_year_outside_persian_is_still_gregorian():
    assert parse_date("1401-05-13", "da") == datetime.date(1401, 5, 13)
    assert parse_date("13.05.1401", "da") == datetime.date(1401, 5, 13)


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("fa", "1401/13/01"),  # there is no thirteenth month
        ("fa", "1402/12/30"),  # 1402 is not a leap year
        ("fa", "1401/07/31"),  # months seven to eleven have 30 days
        ("fa", "1401/00/10"),
        ("fa", "13/05/1401"),  # day-first is not a Persian way of writing dates
        ("en", "2023-02-30"),
        ("en", "2023-13-01"),
        ("da", "30.02.2023"),
        ("da", "29.02.2023"),
        ("en", "0000-01-01"),
        ("en", "yesterday"),
        ("en", ""),
        ("en", "2022-08-04T10:00"),
        ("en", "22-08-04"),
        ("fa", "1401/05-13"),  # mixed separators
    ],
)
def test_impossible_or_unreadable_dates_are_refused(language, typed):
    with pytest.raises(ValidationError) as caught:
        parse_date(typed, language)
    error = caught.value
    assert error.code == "invalid_date"
    example = format_date_input(timezone.localdate(), language)
    assert error.messages == [f"Enter a valid date, for example {example}."]


def test_the_refusal_is_translatable_and_its_example_is_in_the_users_calendar():
    with translation.override("fa"), pytest.raises(ValidationError) as caught:
        parse_date("1401/13/01")
    assert isinstance(caught.value.message, Promise)  # gettext_lazy, rendered when shown
    example = caught.value.params["example"]
    assert not LATIN_DIGIT.search(example)
    assert parse_date(example, "fa") == timezone.localdate()
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        parse_date("2023-02-30")
    assert caught.value.params["example"] == timezone.localdate().isoformat()


# Date inputs --------------------------------------------------------------------------


def test_format_date_input():
    day = datetime.date(2022, 8, 4)
    assert format_date_input(day, "fa") == persian("1401/05/13")
    for language in ["en", "da", "ar"]:
        assert format_date_input(day, language) == "2022-08-04"


@settings(deadline=None)
@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)),
    st.sampled_from(LANGUAGES),
)
def test_date_inputs_read_back_to_the_same_day(day, language):
    assert parse_date(format_date_input(day, language), language) == day


@settings(deadline=None)
@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_solar_hijri_dates_read_back_in_any_digits(day):
    typed = to_latin_digits(format_date_input(day, "fa"))
    assert parse_date(typed, "fa") == day
    assert parse_date(arabic_indic(typed), "fa") == day
    assert parse_date(format_date(day, "fa"), "fa") == day


# Template filters ---------------------------------------------------------------------


def render(source: str, **context) -> str:
    from django.template import Context, Template

    return Template("{% load tandem_format %}" + source).render(Context(context))


def test_template_filters_in_english():
    moment = datetime.datetime(2022, 8, 4, 14, 5, tzinfo=datetime.UTC)
    with translation.override("en"), timezone.override("UTC"):
        assert render("{{ d|ldate }}", d=moment.date()) == "4 Aug 2022"
        assert render("{{ d|ldatetime }}", d=moment) == "4 Aug 2022, 14:05"
        assert render("{{ n|lnumber }}", n=1234567) == "1,234,567"
        assert render("{{ n|ldigits }}", n=12) == "12"
        assert render('{{ a|lmoney:"GBP" }}', a=Decimal("1234.5")) == "£1,234.50"


def test_template_filters_in_persian():
    moment = datetime.datetime(2022, 8, 4, 14, 5, tzinfo=datetime.UTC)
    with translation.override("fa"), timezone.override("UTC"):
        assert render("{{ d|ldate }}", d=moment.date()) == persian("1401/05/13")
        assert render("{{ d|ldatetime }}", d=moment) == persian("1401/05/13 14:05")
        assert render("{{ n|lnumber }}", n=1234567) == persian("1\u066c234\u066c567")
        assert render("{{ n|ldigits }}", n="Page 3") == "Page " + persian("3")
        assert not LATIN_DIGIT.search(render('{{ a|lmoney:"IRR" }}', a=Decimal("1234500")))


def test_template_filters_leave_empty_values_empty():
    with translation.override("fa"):
        assert render("{{ d|ldate }}{{ d|ldatetime }}{{ d|lnumber }}{{ d|ldigits }}", d=None) == ""
        assert render('{{ a|lmoney:"GBP" }}', a=None) == ""
