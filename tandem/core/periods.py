"""Reporting periods (years, quarters, months) in the programme's calendar.

A Persian year starts at Nowruz (1 Farvardin, 20 or 21 March), not on 1 January, so "the year
1403" in a Behzisti report is 20 March 2024 – 20 March 2025. Every figure that is counted "for a
year" or "for a quarter" takes its date bounds from here, so the boundaries are decided once.

A period is named by a key that is the same in every language: "1403" (a year), "1403-Q2"
(a quarter: Tir–Shahrivar), "1403-05" (a month: Mordad). Dates inside are stored Gregorian,
as every date in the database is.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import jdatetime
from babel.dates import format_date as babel_format_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.core.formatting import (
    _babel_locale,
    _localise_digits,
    to_latin_digits,
    uses_persian_digits,
)

GREGORIAN = "gregorian"
SOLAR_HIJRI = "solar_hijri"
CALENDARS = (GREGORIAN, SOLAR_HIJRI)

# Solar Hijri month names: Persian as written, and the usual Latin transliteration.
SOLAR_HIJRI_MONTHS = (
    ("فروردین", "Farvardin"),
    ("اردیبهشت", "Ordibehesht"),
    ("خرداد", "Khordad"),
    ("تیر", "Tir"),
    ("مرداد", "Mordad"),
    ("شهریور", "Shahrivar"),
    ("مهر", "Mehr"),
    ("آبان", "Aban"),
    ("آذر", "Azar"),
    ("دی", "Dey"),
    ("بهمن", "Bahman"),
    ("اسفند", "Esfand"),
)

KEY_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-Q(?P<quarter>[1-4])|-(?P<month>\d{2}))?$")
INVALID_KEY = gettext_lazy(
    "Choose a period as a year (1403), a quarter (1403-Q2) or a month (1403-05)."
)


class PeriodError(ValueError):
    """A period key that names no period; the message is for the user."""


@dataclass(frozen=True)
class Period:
    calendar: str
    year: int
    quarter: int | None = None
    month: int | None = None

    @property
    def key(self) -> str:
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        if self.quarter:
            return f"{self.year:04d}-Q{self.quarter}"
        return f"{self.year:04d}"

    @property
    def first_month(self) -> int:
        if self.month:
            return self.month
        if self.quarter:
            return (self.quarter - 1) * 3 + 1
        return 1

    @property
    def months(self) -> int:
        return 1 if self.month else 3 if self.quarter else 12

    @property
    def start(self) -> datetime.date:
        """The first day of the period (inclusive), as a Gregorian date."""
        return _first_day(self.calendar, self.year, self.first_month)

    @property
    def end(self) -> datetime.date:
        """The last day of the period (inclusive), as a Gregorian date."""
        month = self.first_month + self.months
        year = self.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return _first_day(self.calendar, year, month) - datetime.timedelta(days=1)

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        if self.month:
            year, month = (self.year, self.month - 1) if self.month > 1 else (self.year - 1, 12)
            return Period(self.calendar, year, month=month)
        if self.quarter:
            year, quarter = (
                (self.year, self.quarter - 1) if self.quarter > 1 else (self.year - 1, 4)
            )
            return Period(self.calendar, year, quarter=quarter)
        return Period(self.calendar, self.year - 1)

    def label(self, language: str | None = None) -> str:
        """'1403', 'Q2 1403', 'Mordad 1403' — in the user's language and digits."""
        year = str(self.year)
        if self.month:
            text = _("%(month)s %(year)s") % {
                "month": month_name(self.calendar, self.month, language),
                "year": year,
            }
        elif self.quarter:
            text = _("Q%(quarter)s %(year)s") % {"quarter": self.quarter, "year": year}
        else:
            text = year
        return _localise_digits(text, language) if uses_persian_digits(language) else text

    def __str__(self) -> str:
        return self.key


def _first_day(calendar: str, year: int, month: int) -> datetime.date:
    if calendar == SOLAR_HIJRI:
        return jdatetime.date(year, month, 1).togregorian()
    return datetime.date(year, month, 1)


def month_name(calendar: str, month: int, language: str | None = None) -> str:
    if calendar == SOLAR_HIJRI:
        persian, latin = SOLAR_HIJRI_MONTHS[month - 1]
        return persian if language in ("fa", "ar") else latin
    return babel_format_date(datetime.date(2000, month, 1), "LLLL", locale=_babel_locale(language))


def period_from_key(calendar: str, key: str) -> Period:
    """The period a key names, or `PeriodError` with a message for the user."""
    if calendar not in CALENDARS:
        raise ValueError(f"Unknown calendar {calendar!r}")
    found = KEY_PATTERN.match(to_latin_digits((key or "").strip()).upper())
    if not found:
        raise PeriodError(str(INVALID_KEY))
    year = int(found["year"])
    month = int(found["month"]) if found["month"] else None
    quarter = int(found["quarter"]) if found["quarter"] else None
    if month is not None and not 1 <= month <= 12:
        raise PeriodError(str(INVALID_KEY))
    # jdatetime and Python dates cover years 1–9999; keep well inside both.
    if not 1000 <= year <= 3000:
        raise PeriodError(str(INVALID_KEY))
    return Period(calendar, year, quarter=quarter, month=month)


def year_of(calendar: str, day: datetime.date) -> Period:
    """The calendar year that contains a Gregorian date."""
    if calendar == SOLAR_HIJRI:
        return Period(calendar, jdatetime.date.fromgregorian(date=day).year)
    return Period(calendar, day.year)


def quarter_of(calendar: str, day: datetime.date) -> Period:
    month = month_of(calendar, day)
    return Period(calendar, month.year, quarter=(month.month - 1) // 3 + 1)


def month_of(calendar: str, day: datetime.date) -> Period:
    if calendar == SOLAR_HIJRI:
        local = jdatetime.date.fromgregorian(date=day)
        return Period(calendar, local.year, month=local.month)
    return Period(calendar, day.year, month=day.month)


def recent_years(calendar: str, today: datetime.date, count: int = 5) -> list[Period]:
    """This year and the ones before it, newest first: the choices of a year picker."""
    current = year_of(calendar, today)
    return [Period(calendar, current.year - offset) for offset in range(count)]


def calendar_for_country(country_code: str) -> str:
    """The calendar a country's programmes report in: Iranian programmes count Persian years."""
    return SOLAR_HIJRI if country_code == "IR" else GREGORIAN
