"""Reads about referrals and enrolments, filtered by who is asking.

A referrer sees the referrals its organisation made and their status, never the case;
a receiving organisation sees its inbox. `access_referral` is the single chokepoint.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from tandem.core.access import REFERRAL_HANDLING_ROLES, Access, Role
from tandem.organisations.models import User
from tandem.organisations.selectors import organisation_ids_for
from tandem.participants.models import Participant
from tandem.referrals.models import Enrolment, Referral

# Roles that may refer people on behalf of their organisation.
REFERRING_ROLES = frozenset(
    {Role.REFERRER, Role.SPECIALIST, Role.SOCIAL_WORKER, Role.TEAM_LEAD, Role.CLINICIAN}
)


@dataclass(frozen=True)
class ReferralAccess:
    referral: Referral
    is_receiver: bool  # may decide it and open the person's record
    is_referrer: bool  # made it: sees its status only


def visible_referrals(*, user: User) -> QuerySet[Referral]:
    if not user.is_authenticated or not user.is_active:
        return Referral.objects.none()
    receiving = organisation_ids_for(user=user, roles=REFERRAL_HANDLING_ROLES)
    referring = organisation_ids_for(user=user, roles=REFERRING_ROLES)
    return Referral.objects.filter(
        Q(receiving_organisation_id__in=receiving) | Q(referring_organisation_id__in=referring)
    )


def referral_list(
    *, user: User, status: str = "", direction: str = "", search: str = ""
) -> QuerySet[Referral]:
    referrals = visible_referrals(user=user).select_related(
        "receiving_organisation", "referring_organisation"
    )
    if status:
        referrals = referrals.filter(status=status)
    if direction == "received":
        referrals = referrals.filter(
            receiving_organisation_id__in=organisation_ids_for(
                user=user, roles=REFERRAL_HANDLING_ROLES
            )
        )
    elif direction == "made":
        referrals = referrals.filter(
            referring_organisation_id__in=organisation_ids_for(user=user, roles=REFERRING_ROLES)
        )
    if search.strip():
        referrals = referrals.filter(person_name__icontains=search.strip())
    return referrals.order_by("-received_at", "-id")


def referral_inbox(*, user: User) -> QuerySet[Referral]:
    """Referrals waiting for a decision, longest-waiting first (urgency is shown on each)."""
    receiving = organisation_ids_for(user=user, roles=REFERRAL_HANDLING_ROLES)
    return (
        Referral.objects.filter(
            receiving_organisation_id__in=receiving, status=Referral.Status.RECEIVED
        )
        .select_related("referring_organisation", "receiving_organisation")
        .order_by("received_at", "id")
    )


def access_referral(*, user: User, ref: str, need: Access = Access.READ) -> ReferralAccess:
    referral = (
        visible_referrals(user=user)
        .select_related("receiving_organisation", "referring_organisation", "participant")
        .filter(ref=ref)
        .first()
    )
    if referral is None:
        raise Http404
    is_receiver = referral.receiving_organisation_id in organisation_ids_for(
        user=user, roles=REFERRAL_HANDLING_ROLES
    )
    is_referrer = referral.referring_organisation_id in organisation_ids_for(
        user=user, roles=REFERRING_ROLES
    )
    if need is Access.WRITE and not is_receiver:
        raise Http404
    return ReferralAccess(referral=referral, is_receiver=is_receiver, is_referrer=is_referrer)


def enrolments_for(*, participant: Participant) -> QuerySet[Enrolment]:
    return participant.enrolments.select_related("programme", "organisation").order_by(
        "-started_on"
    )
