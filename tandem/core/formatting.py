"""The one place that shows and reads dates, digits and money.

Staff work in English, Danish, Arabic and Persian. Persian users live in the Solar Hijri
calendar and read Persian digits, so every date or number shown to a person, and every date
typed by one, goes through here rather than through Django's own localisation (which knows
only the Gregorian calendar). Everything is a pure function of its arguments and, when no
language is given, of the active translation.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import jdatetime
from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

__all__ = [
    "format_date",
    "format_date_input",
    "format_datetime",
    "format_money",
    "format_number",
    "parse_date",
    "to_latin_digits",
    "to_persian_digits",
    "uses_persian_digits",
    "uses_solar_hijri",
]

LATIN_DIGITS = "0123456789"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0..U+06F9, "extended Arabic-Indic"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"  # U+0660..U+0669, used in Arabic-speaking countries

# Arabic-Indic digits are mapped too: four, five and six are drawn differently in Persian,
# so text shown to a Persian reader should not mix the two sets.
_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, LATIN_DIGITS * 2)

# Babel needs a territory to pick conventions: staff in the UK write "4 Aug 2022", not the
# American "Aug 4, 2022"; Arabic stays generic because our Arabic speakers are spread over
# several countries.
_BABEL_LOCALES = {"en": "en_GB", "da": "da_DK", "ar": "ar", "fa": "fa_IR"}
_FALLBACK_LOCALE = "en_GB"

# Invisible direction marks that right-to-left interfaces and copy-paste slip into input.
_INVISIBLE_MARKS = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u200b\u200c\u200d\u2066\u2067\u2068\u2069\ufeff")
)

# Solar Hijri years are around 1400 now and Gregorian years for anything in this service are
# far above 1700, so a year-first date below 1700 typed by a Persian user is Solar Hijri.
# (Solar Hijri 1700 is Gregorian 2321.)
_SOLAR_HIJRI_YEAR_LIMIT = 1700

# [0-9], not \d: \d also matches Devanagari, Bengali and other digits int() would accept.
_YEAR_FIRST = re.compile(r"([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DAY_FIRST = re.compile(r"([0-9]{1,2})([./])([0-9]{1,2})\2([0-9]{4})")

_INVALID_DATE = gettext_lazy("Enter a valid date, for example %(example)s.")


# Digits -------------------------------------------------------------------------------


def to_persian_digits(text: str) -> str:
    """Latin and Arabic-Indic digits to Persian digits; everything else unchanged."""
    return text.translate(_TO_PERSIAN)


def to_latin_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to 0-9, so typed input can be read and searched."""
    return text.translate(_TO_LATIN)


# Language rules -----------------------------------------------------------------------


def _language(language: str | None) -> str:
    """The bare language code ("fa" from "fa-IR"), defaulting to the active language."""
    code = language or get_language() or settings.LANGUAGE_CODE
    return code.replace("_", "-").split("-")[0].lower()


def _babel_locale(language: str | None) -> str:
    return _BABEL_LOCALES.get(_language(language), _FALLBACK_LOCALE)


def uses_solar_hijri(language: str | None = None) -> bool:
    """Whether people using this language (default: the active one) write Solar Hijri dates."""
    return _language(language) == "fa"


def uses_persian_digits(language: str | None = None) -> bool:
    """Whether numbers in this language (default: the active one) use Persian digits."""
    return _language(language) == "fa"


def _localise_digits(text: str, language: str | None) -> str:
    return to_persian_digits(text) if uses_persian_digits(_language(language)) else text


# Dates --------------------------------------------------------------------------------


def _local(value: datetime.datetime) -> datetime.datetime:
    # Stored datetimes are UTC; the day and hour people mean are those of the service's zone.
    # Naive datetimes are taken as already local rather than refused.
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _as_date(value: datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return _local(value).date()
    return value


def _solar_hijri(value: datetime.date) -> str | None:
    """'1401/05/13' (Latin digits), or None for days before the calendar's epoch (AD 622)."""
    try:
        jalali = jdatetime.date.fromgregorian(date=value)
    except ValueError:
        return None
    return f"{jalali.year:04d}/{jalali.month:02d}/{jalali.day:02d}"


def format_date(
    value: datetime.date | datetime.datetime | None, language: str | None = None
) -> str:
    """A date for reading: '4 Aug 2022' (en), '4. aug. 2022' (da).

    Persian gets the Solar Hijri year/month/day in Persian digits (1401/05/13 for 2022-08-04).
    """
    if value is None:
        return ""
    day = _as_date(value)
    if uses_solar_hijri(_language(language)):
        # Numeric year/month/day is how Iranian forms and letters write dates; month names
        # would add a second script for little gain. Pre-622 dates fall back to ISO.
        return to_persian_digits(_solar_hijri(day) or day.isoformat())
    return babel_dates.format_date(day, format="medium", locale=_babel_locale(language))


def format_datetime(
    value: datetime.date | datetime.datetime | None, language: str | None = None
) -> str:
    """A date with its HH:MM time, in the local time zone: '4 Aug 2022, 14:05'."""
    if value is None:
        return ""
    if not isinstance(value, datetime.datetime):
        return format_date(value, language)
    moment = _local(value)
    date_part = format_date(moment.date(), language)
    time_part = f"{moment.hour:02d}:{moment.minute:02d}"
    if uses_solar_hijri(_language(language)):
        return to_persian_digits(f"{date_part} {time_part}")
    # The locale's own glue ("{1}, {0}" in English, "{1} {0}" in Danish), as Babel does it.
    locale = Locale.parse(_babel_locale(language))
    glue = str(locale.datetime_formats["medium"]).replace("'", "")
    return glue.replace("{1}", date_part).replace("{0}", time_part)


def format_date_input(value: datetime.date | None, language: str | None = None) -> str:
    """The text a date box is pre-filled with; parse_date reads it back to the same day."""
    if value is None:
        return ""
    day = _as_date(value)
    if uses_solar_hijri(_language(language)):
        solar = _solar_hijri(day)
        # ISO for a day before AD 622 would read back as Solar Hijri; Latin digits at least
        # keep it recognisable. No real record has such a date.
        return to_persian_digits(solar) if solar else day.isoformat()
    # ISO everywhere else: unambiguous between British day-first and anything else.
    return day.isoformat()


def _date_example(language: str) -> str:
    return format_date_input(timezone.localdate(), language)


def _invalid_date(language: str) -> ValidationError:
    return ValidationError(
        _INVALID_DATE, code="invalid_date", params={"example": _date_example(language)}
    )


def _gregorian(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _from_solar_hijri(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError:
        return None


def parse_date(text: str, language: str | None = None) -> datetime.date:
    """Read a typed date in the user's calendar; raise ValidationError if it is not one.

    Always accepted: ISO 2022-08-04. Persian (fa): Solar Hijri 1401/05/13 or 1401-05-13 in any
    digits. Other languages: also day-first 04/08/2022 and 04.08.2022 (Danish style).
    """
    lang = _language(language)
    cleaned = to_latin_digits(str(text)).translate(_INVISIBLE_MARKS).strip()
    result: datetime.date | None = None
    if uses_solar_hijri(lang):
        if match := _YEAR_FIRST.fullmatch(cleaned):
            year, month, day = int(match[1]), int(match[3]), int(match[4])
            if year < _SOLAR_HIJRI_YEAR_LIMIT:
                result = _from_solar_hijri(year, month, day)
            else:
                # A Gregorian year (e.g. pasted ISO 2022-08-04) is still read as Gregorian.
                result = _gregorian(year, month, day)
    elif match := _ISO.fullmatch(cleaned):
        # Outside Persian every year is Gregorian, however old.
        result = _gregorian(int(match[1]), int(match[2]), int(match[3]))
    elif match := _DAY_FIRST.fullmatch(cleaned):
        result = _gregorian(int(match[4]), int(match[3]), int(match[1]))
    if result is None:
        raise _invalid_date(lang)
    return result


# Numbers and money --------------------------------------------------------------------


def _number_kwargs(language: str | None) -> dict[str, str]:
    # Persian uses its own thousands and decimal separators (U+066C, U+066B) with Persian
    # digits; Babel's default Latin numbering would give a comma and a full stop between
    # Persian digits, which reads as foreign.
    if uses_persian_digits(_language(language)):
        return {"locale": _babel_locale(language), "numbering_system": "arabext"}
    return {"locale": _babel_locale(language)}


def format_number(value: int | float | Decimal | None, language: str | None = None) -> str:
    """A number with the language's grouping and decimal marks: '1,234.5', '1.234,5'."""
    if value is None:
        return ""
    text = babel_numbers.format_decimal(value, **_number_kwargs(language))
    return _localise_digits(text, language)


def format_money(
    amount: Decimal | int,
    currency: str,
    language: str | None = None,
    *,
    as_toman: bool = False,
) -> str:
    """An amount of money in a currency: '£1,234.50', '1.234,50 kr.', '۱۲۳٬۴۵۰ تومان'."""
    # Floats cannot hold amounts like 0.10 exactly; refuse them rather than show a rounding.
    if isinstance(amount, float):
        raise TypeError("Money must be a Decimal, not a float.")
    amount = Decimal(amount)
    currency = currency.upper()
    if currency == "IRR" and as_toman:
        # Iranians price everyday things in toman (10 rials), which has no ISO code, so
        # Babel cannot name it; the word comes from our translations.
        toman = format_number(amount / 10, language)
        if language is None:
            return _("%(amount)s toman") % {"amount": toman}
        with translation.override(_language(language)):
            return _("%(amount)s toman") % {"amount": toman}
    text = babel_numbers.format_currency(amount, currency, **_number_kwargs(language))
    return _localise_digits(text, language)


def format_programme_money(
    amount: Decimal | int, currency: str, language: str | None = None
) -> str:
    """Money as the programme's people count it: toman for rial (stored in rial), the
    currency itself otherwise."""
    return format_money(amount, currency, language, as_toman=currency.upper() == "IRR")
