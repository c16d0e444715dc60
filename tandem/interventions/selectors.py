from django.db.models import QuerySet

from tandem.interventions.models import Intervention, InterventionReferral
from tandem.participants.models import Participant


def interventions_offered(*, country_code: str | None = None) -> QuerySet[Intervention]:
    offers = Intervention.objects.filter(is_active=True).select_related("provider")
    if country_code:
        offers = offers.filter(provider__region__country_code=country_code)
    return offers.order_by("kind", "name")


def intervention_referrals_for(*, participant: Participant) -> QuerySet[InterventionReferral]:
    """A person's referrals to interventions. Callers have passed access_participant first."""
    return (
        InterventionReferral.objects.filter(participant=participant)
        .select_related("intervention", "intervention__provider")
        .prefetch_related("attendance")
        .order_by("-requested_on", "-id")
    )
