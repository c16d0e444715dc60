"""`{{ amount|money:currency }}`: money as finance pages show it — toman for rial programmes,
the currency otherwise, in the user's digits."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from tandem.core.formatting import format_money

register = template.Library()


@register.filter
def money(value: Any, currency: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = Decimal(value)
        except InvalidOperation:
            return value
    return format_money(value, currency, as_toman=currency == "IRR")


@register.filter
def get_item(mapping: dict, key: Any) -> Any:
    return mapping.get(key, "") if mapping else ""


@register.simple_tag(takes_context=True)
def is_finance_officer(context) -> bool:
    """Whether the signed-in user decides for some region: budgets are theirs to see."""
    from tandem.finance.selectors import is_finance_officer as check

    request = context.get("request")
    return bool(request is not None and check(user=request.user))
