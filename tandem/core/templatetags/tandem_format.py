"""Template filters that show dates, numbers and money in the active language.

Thin wrappers over tandem.core.formatting, so templates and Python code agree on every
format: ``{% load tandem_format %}`` then ``{{ note.created_at|ldatetime }}``,
``{{ count|lnumber }}``, ``{{ amount|lmoney:"GBP" }}``, ``{{ page_number|ldigits }}``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import phonenumbers
from django import template

from tandem.core import formatting

register = template.Library()


@register.filter
def ldate(value: Any) -> str:
    """A date (or the date of a datetime, in local time) in the user's calendar."""
    if isinstance(value, datetime.date):
        return formatting.format_date(value)
    # Like Django's own filters: anything else (None, "") is shown as it is, not an error.
    return "" if value is None else str(value)


@register.filter
def ldatetime(value: Any) -> str:
    """A datetime in local time with HH:MM, in the user's calendar."""
    if isinstance(value, datetime.date):
        return formatting.format_datetime(value)
    return "" if value is None else str(value)


@register.filter
def lnumber(value: Any) -> str:
    """A number with the language's digits, grouping and decimal mark."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    try:
        number = value if isinstance(value, int | float | Decimal) else Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return formatting.format_number(number)


# is_safe: swapping digits adds no markup, so text that was safe stays safe.
@register.filter(is_safe=True)
def ldigits(value: Any) -> str:
    """The text with Persian digits when the language is Persian, otherwise unchanged."""
    if value is None:
        return ""
    text = str(value)
    if formatting.uses_persian_digits():
        return formatting.to_persian_digits(text)
    return text


def _money_value(value: Any) -> Decimal | str | None:
    """A Decimal from a template value; text that is no number comes back as it is."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value


@register.filter
def lmoney(value: Any, currency: str) -> str:
    """An amount in the given currency: ``{{ amount|lmoney:"GBP" }}``.

    A float is refused (TypeError) by format_money: money is kept as Decimal throughout.
    """
    amount = _money_value(value)
    if amount is None or isinstance(amount, str):
        return amount or ""
    return formatting.format_money(amount, currency)


@register.filter
def programme_money(value: Any, currency: str) -> str:
    """An amount as the programme's people count it: toman for rial programmes."""
    amount = _money_value(value)
    if amount is None or isinstance(amount, str):
        return amount or ""
    return formatting.format_programme_money(amount, currency)


@register.filter
def phone(value: str | None) -> str:
    """An E.164 number as people read it (+44 191 498 0123), left as it is if unparseable."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
