"""Form pieces shared by every app: the renderer and the calendar-aware date field."""

import datetime

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tandem.core.formatting import (
    format_date_input,
    parse_date,
    to_latin_digits,
    uses_solar_hijri,
)


class TandemFormRenderer(TemplatesSetting):
    form_template_name = "components/form.html"
    field_template_name = "components/field.html"


class LocalDateInput(forms.TextInput):
    """A text box that shows and takes dates in the user's calendar.

    Not <input type=date>: browsers show that in the Gregorian calendar only, and a Persian
    user types 1401/05/13.
    """

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return format_date_input(value)
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("inputmode", "numeric")
        context["widget"]["attrs"].setdefault("autocomplete", "off")
        return context


class LocalDateField(forms.Field):
    widget = LocalDateInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _date_hint)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        return parse_date(str(value))


class _DateHint:
    """The hint under a date box, in the calendar of whoever is looking."""

    def __str__(self) -> str:
        if uses_solar_hijri(get_language() or "en"):
            return str(_("Solar Hijri year/month/day, for example ۱۴۰۱/۰۵/۱۳"))
        return str(_("Year-month-day, for example 2024-03-20"))


_date_hint = _DateHint()


def add_service_errors(form: forms.Form, error) -> None:
    """Show a service's ValidationError on the form: at the field where the form has it,
    otherwise at the top, so that no message is lost and no unknown field crashes the page."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def _latin_number(value):
    """Persian and Arabic-Indic digits, the Persian decimal mark and thousands separators (and
    commas) read as a plain number: a Persian user types ۱۲٬۵۰۰ or ۲٫۵."""
    if isinstance(value, str):
        value = to_latin_digits(value).replace("\u066b", ".").replace("\u066c", "")
        return value.replace(",", "").strip()
    return value


class LocalIntegerField(forms.IntegerField):
    """A whole number typed in any digits. A text box, not <input type=number>: browsers refuse
    Persian digits in a number box; `inputmode` still opens the number keypad on a phone."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        return super().to_python(_latin_number(value))


class LocalDecimalField(forms.DecimalField):
    """A number with decimals typed in any digits (see `LocalIntegerField`)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        return super().to_python(_latin_number(value))
