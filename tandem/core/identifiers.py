"""National identifiers: the NHS number, the Danish CPR number and the Iranian national code.

Checked when typed, so that a mistyped digit is caught at the desk instead of producing a
second record for the same person; stored normalised (Latin digits, no separators) so that
the same person is found however the number was written.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cpr
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.gb import nhs

from tandem.core.formatting import to_latin_digits

__all__ = [
    "IdentifierKind",
    "cpr_birth_date",
    "format_identifier",
    "normalise_identifier",
    "validate_identifier",
]


class IdentifierKind(models.TextChoices):
    NHS = "nhs", _("NHS number")
    CPR = "cpr", _("Danish CPR number")
    IR_NATIONAL_CODE = "ir_national_code", _("Iranian national code")


# Spaces of every kind, dashes of every kind, and the invisible direction marks that
# right-to-left screens add when a number is copied: none of them is part of the number.
_SEPARATORS = re.compile(
    r"[\s\-\u2010\u2011\u2012\u2013\u2014\u2212\u200b\u200c\u200d\u200e\u200f\u061c\ufeff]"
)
_TEN_DIGITS = re.compile(r"[0-9]{10}")

_MESSAGES = {
    "unknown_kind": _("Choose which kind of national identifier this is."),
    "nhs_length": _("An NHS number has 10 digits."),
    "nhs_checksum": _("This NHS number is not valid: its check digit does not match."),
    "cpr_length": _("A CPR number has 10 digits (DDMMYY-SSSS)."),
    "cpr_date": _("This CPR number does not contain a valid date of birth."),
    "ir_length": _("An Iranian national code has 10 digits."),
    "ir_checksum": _("This Iranian national code is not valid: its check digit does not match."),
    "ir_repeated": _("This Iranian national code is not valid: all its digits are the same."),
}


def normalise_identifier(kind: str, value: str) -> str:
    """The stored form: Latin digits with no spaces or dashes (a CPR number is 10 digits)."""
    # The same rule serves every kind today; ``kind`` is taken so callers need not change if
    # an identifier with letters is ever added.
    return _SEPARATORS.sub("", to_latin_digits(str(value))).strip()


def _iranian_check_digit(first_nine: str) -> int:
    """The check digit the standard mod-11 rule asks of the first nine digits."""
    remainder = sum(int(digit) * (10 - position) for position, digit in enumerate(first_nine))
    remainder %= 11
    return remainder if remainder < 2 else 11 - remainder


def cpr_birth_date(value: str) -> datetime.date | None:
    """The date of birth in a CPR number, or None if it holds no real date."""
    number = normalise_identifier(IdentifierKind.CPR, value)
    if not _TEN_DIGITS.fullmatch(number):
        return None
    try:
        # stdnum knows which century the seventh digit points to.
        return cpr.get_birth_date(number)
    except StdnumValidationError:
        return None


def _validate_nhs(number: str) -> None:
    if not _TEN_DIGITS.fullmatch(number):
        raise ValidationError(_MESSAGES["nhs_length"], code="invalid_length")
    try:
        nhs.validate(number)
    except InvalidChecksum:
        raise ValidationError(_MESSAGES["nhs_checksum"], code="invalid_checksum") from None
    except StdnumValidationError:
        raise ValidationError(_MESSAGES["nhs_length"], code="invalid_length") from None


def _validate_cpr(number: str) -> None:
    if not _TEN_DIGITS.fullmatch(number):
        raise ValidationError(_MESSAGES["cpr_length"], code="invalid_length")
    # No mod-11 check: Denmark stopped guaranteeing it in 2007, when numbers for some birth
    # dates ran out, and numbers issued since (also to older immigrants) may fail it. Only the
    # date of birth can be checked, and it cannot lie in the future.
    birth_date = cpr_birth_date(number)
    if birth_date is None or birth_date > timezone.localdate():
        raise ValidationError(_MESSAGES["cpr_date"], code="invalid_birth_date")


def _validate_iranian_national_code(number: str) -> None:
    if not _TEN_DIGITS.fullmatch(number):
        raise ValidationError(_MESSAGES["ir_length"], code="invalid_length")
    # 0000000000, 1111111111 and so on pass the checksum but are never issued; they are what
    # people type to get past a required field.
    if len(set(number)) == 1:
        raise ValidationError(_MESSAGES["ir_repeated"], code="invalid_repeated")
    if _iranian_check_digit(number[:9]) != int(number[9]):
        raise ValidationError(_MESSAGES["ir_checksum"], code="invalid_checksum")


# Keyed by plain strings: the kind arrives from forms and the database as one.
_VALIDATORS = {
    IdentifierKind.NHS.value: _validate_nhs,
    IdentifierKind.CPR.value: _validate_cpr,
    IdentifierKind.IR_NATIONAL_CODE.value: _validate_iranian_national_code,
}


def validate_identifier(kind: str, value: str) -> str:
    """The normalised identifier, or ValidationError saying what is wrong with it."""
    validator = _VALIDATORS.get(str(kind))
    if validator is None:
        raise ValidationError(_MESSAGES["unknown_kind"], code="invalid_kind")
    number = normalise_identifier(kind, value)
    validator(number)
    return number


def format_identifier(kind: str, value: str) -> str:
    """How people write the number: '943 476 5919', '211062-5629', '001-234567-8'.

    A stored value that is not ten digits (an old import, say) is shown as it is.
    """
    number = normalise_identifier(kind, value)
    if not _TEN_DIGITS.fullmatch(number):
        return value
    if kind == IdentifierKind.NHS:
        return nhs.format(number)
    if kind == IdentifierKind.CPR:
        return cpr.format(number)
    if kind == IdentifierKind.IR_NATIONAL_CODE:
        return f"{number[:3]}-{number[3:9]}-{number[9]}"
    return value
