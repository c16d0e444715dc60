import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.core.periods import (
    GREGORIAN,
    SOLAR_HIJRI,
    Period,
    PeriodError,
    month_of,
    period_from_key,
    quarter_of,
    year_of,
)


def test_a_persian_year_starts_at_nowruz_not_on_the_first_of_january():
    year = period_from_key(SOLAR_HIJRI, "1403")
    assert year.start == datetime.date(2024, 3, 20)
    assert year.end == datetime.date(2025, 3, 20)
    assert not year.contains(datetime.date(2024, 1, 1))
    assert not year.contains(datetime.date(2024, 3, 19))
    assert year.contains(datetime.date(2025, 3, 20))
    assert year_of(SOLAR_HIJRI, datetime.date(2025, 3, 21)).key == "1404"


def test_solar_hijri_quarters_and_months():
    # The first six months have 31 days, the next five 30, Esfand 29 or 30.
    assert period_from_key(SOLAR_HIJRI, "1403-Q2").start == datetime.date(2024, 6, 21)
    assert period_from_key(SOLAR_HIJRI, "1403-Q4").end == datetime.date(2025, 3, 20)
    mordad = period_from_key(SOLAR_HIJRI, "1403-05")
    assert (mordad.start, mordad.end) == (datetime.date(2024, 7, 22), datetime.date(2024, 8, 21))
    assert quarter_of(SOLAR_HIJRI, datetime.date(2024, 8, 1)).key == "1403-Q2"


def test_gregorian_periods():
    assert period_from_key(GREGORIAN, "2025").start == datetime.date(2025, 1, 1)
    assert period_from_key(GREGORIAN, "2024-02").end == datetime.date(2024, 2, 29)
    assert period_from_key(GREGORIAN, "2025-Q1").previous().key == "2024-Q4"


def test_keys_in_persian_digits_are_read():
    assert period_from_key(SOLAR_HIJRI, "۱۴۰۳-۰۵").key == "1403-05"


@pytest.mark.parametrize("key", ["", "14", "1403-13", "1403-Q5", "abcd", "0001"])
def test_bad_keys_are_refused_with_a_message(key):
    with pytest.raises(PeriodError, match="quarter"):
        period_from_key(SOLAR_HIJRI, key)


def test_labels_in_persian_use_persian_month_names_and_digits():
    assert Period(SOLAR_HIJRI, 1403, month=5).label("fa") == "مرداد ۱۴۰۳"
    assert Period(SOLAR_HIJRI, 1403, month=5).label("en") == "Mordad 1403"


@given(st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2090, 12, 31)))
def test_every_day_falls_in_exactly_one_year_quarter_and_month(day):
    for calendar in (GREGORIAN, SOLAR_HIJRI):
        year, quarter, month = (
            year_of(calendar, day),
            quarter_of(calendar, day),
            month_of(calendar, day),
        )
        for period in (year, quarter, month):
            assert period.contains(day)
            assert not period.previous().contains(day)
            assert period.previous().end + datetime.timedelta(days=1) == period.start
        assert year.start <= quarter.start <= month.start <= month.end <= quarter.end <= year.end
