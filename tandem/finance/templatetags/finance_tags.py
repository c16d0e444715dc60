"""`{% finance_panel access %}` on a person's page: their loans, insurance incentives and
training or childcare funding that the viewer may see, and the links to apply."""

from django import template
from django.db.models import Q

from tandem.finance import selectors
from tandem.finance.models import FinanceSettings

register = template.Library()

SHOWN = 5


@register.inclusion_tag("finance/panel.html", takes_context=True)
def finance_panel(context, access):
    """Three queries for the records and one for what the person's organisation offers,
    whatever they hold; nothing at all is shown when there is nothing and nothing to apply for."""
    participant = access.participant
    user = context["request"].user
    loans = list(
        selectors.visible_loans(user=user)
        .filter(participant=participant)
        .order_by("-created_at")[:SHOWN]
    )
    incentives = list(
        selectors.visible_incentives(user=user)
        .filter(participant=participant)
        .order_by("-starts_on")[:SHOWN]
    )
    funding = list(
        selectors.visible_funding(user=user)
        .filter(participant=participant)
        .order_by("-starts_on")[:SHOWN]
    )
    offered = FinanceSettings.objects.filter(
        programme__delivered_by=participant.owning_organisation
    ).filter(
        Q(offers_loans=True) | Q(offers_training_funding=True) | Q(offers_childcare_funding=True)
    )
    offers = {
        "loans": access.can_write and offered.filter(offers_loans=True).exists(),
        "funding": access.can_write
        and offered.filter(
            Q(offers_training_funding=True) | Q(offers_childcare_funding=True)
        ).exists(),
    }
    return {
        "participant": participant,
        "loans": loans,
        "incentives": incentives,
        "funding": funding,
        "offers": offers,
        "shown": bool(loans or incentives or funding or offers["loans"] or offers["funding"]),
    }
