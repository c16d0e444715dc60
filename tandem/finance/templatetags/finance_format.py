"""Template helpers of the finance pages; `{{ amount|money:currency }}` is the core
`programme_money` filter (toman for rial programmes)."""

from typing import Any

from django import template

from tandem.core.templatetags.tandem_format import programme_money

register = template.Library()


# Finance pages write `|money:currency`: the core filter under the name they use.
register.filter("money", programme_money)


@register.filter
def get_item(mapping: dict, key: Any) -> Any:
    return mapping.get(key, "") if mapping else ""


@register.simple_tag(takes_context=True)
def is_finance_officer(context) -> bool:
    """Whether the signed-in user decides for some region: budgets are theirs to see."""
    from tandem.finance.selectors import is_finance_officer as check

    request = context.get("request")
    return bool(request is not None and check(user=request.user))
