from decimal import Decimal

from django import template

from tandem.core import formatting

register = template.Library()


@register.filter
def lpercent(value: Decimal | None) -> str:
    """A share in per cent in the user's digits: '62.5%', '۶۲٫۵٪'; a dash when undefined."""
    if value is None:
        return "—"
    number = formatting.format_number(value)
    return f"{number}٪" if formatting.uses_persian_digits() else f"{number}%"
