"""Reads about people. Every read that involves a person goes through here.

`access_participant` is the one chokepoint for a single record: it fetches and authorises in
one step and raises Http404 alike for "does not exist" and "not yours", so that a caller can
never learn that a record exists. Lists apply the same rule as a queryset filter.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from tandem.core.access import (
    CASEWORK_ROLES,
    CLINICAL_DISCIPLINES,
    SOCIAL_DISCIPLINES,
    Access,
    Role,
    Sensitivity,
)
from tandem.core.formatting import to_latin_digits
from tandem.core.identifiers import normalise_identifier
from tandem.organisations.models import User
from tandem.organisations.selectors import organisation_ids_for
from tandem.participants.models import (
    AccessLogEntry,
    CaseTeamMember,
    Consent,
    ConsentPurpose,
    HealthCondition,
    Note,
    Participant,
)

# Who may change a person's record (details, consent, case team): staff of the owning
# organisation. Case-team members from other organisations may read and add notes only.
WRITE_ROLES = frozenset({Role.SPECIALIST, Role.SOCIAL_WORKER, Role.TEAM_LEAD, Role.CENTRE_MANAGER})


@dataclass(frozen=True)
class ParticipantAccess:
    """What one user may do with one participant's record, and on what grounds."""

    participant: Participant
    grounds: str
    can_write: bool
    discipline: str | None  # the user's discipline on the case team, if they are on it
    # Decided once per request, so a page with many items asks about consent once.
    sees_health: bool = False

    @property
    def sees_social(self) -> bool:
        return self.discipline in SOCIAL_DISCIPLINES


def visible_participants(*, user: User) -> QuerySet[Participant]:
    """Every participant the user may open: their organisations' people and their case teams."""
    if not user.is_authenticated or not user.is_active:
        return Participant.objects.none()
    organisation_ids = organisation_ids_for(user=user, roles=CASEWORK_ROLES)
    if not organisation_ids:
        # A place on a case team counts only while the user still works in a casework role:
        # staff who have left, referrers and programme managers read no case, team or not.
        return Participant.objects.none()
    on_team = CaseTeamMember.objects.filter(participant=OuterRef("pk"), user=user)
    return Participant.objects.filter(
        Q(owning_organisation_id__in=organisation_ids) | Exists(on_team)
    )


def participant_list(*, user: User, search: str = "") -> QuerySet[Participant]:
    participants = visible_participants(user=user).select_related("owning_organisation")
    search = to_latin_digits(search.strip())
    if search:
        compact = "".join(ch for ch in search if ch.isalnum())
        by_identifier = Q(identifier=compact) if compact.isdigit() else Q(pk__in=[])
        participants = participants.filter(Q(full_name__icontains=search) | by_identifier)
    return participants.order_by("full_name", "pk")


def access_participant(*, user: User, ref: str, need: Access = Access.READ) -> ParticipantAccess:
    participant = (
        visible_participants(user=user)
        .select_related("owning_organisation", "owning_organisation__region")
        .filter(ref=ref)
        .first()
    )
    if participant is None:
        raise Http404
    in_owning_organisation = participant.owning_organisation_id in organisation_ids_for(
        user=user, roles=CASEWORK_ROLES
    )
    can_write = participant.owning_organisation_id in organisation_ids_for(
        user=user, roles=WRITE_ROLES
    )
    discipline = (
        CaseTeamMember.objects.filter(participant=participant, user=user)
        .values_list("discipline", flat=True)
        .first()
    )
    if need is Access.WRITE and not can_write:
        raise Http404
    grounds = (
        AccessLogEntry.Grounds.OWNING_ORGANISATION
        if in_owning_organisation
        else AccessLogEntry.Grounds.CASE_TEAM
    )
    return ParticipantAccess(
        participant=participant,
        grounds=grounds,
        can_write=can_write,
        discipline=discipline,
        sees_health=discipline in CLINICAL_DISCIPLINES
        and health_sharing_allowed(participant=participant),
    )


def current_consents(*, participant: Participant) -> dict[str, Consent | None]:
    """The decision in force for each purpose (the newest one), None where never asked."""
    in_force: dict[str, Consent | None] = dict.fromkeys(ConsentPurpose.values)
    for consent in participant.consents.select_related("recorded_by").order_by(
        "-recorded_at", "-id"
    ):
        if in_force[consent.purpose] is None:
            in_force[consent.purpose] = consent
    return in_force


def consent_in_force(*, participant: Participant, purpose: str) -> bool:
    latest = (
        Consent.objects.filter(participant=participant, purpose=purpose)
        .order_by("-recorded_at", "-id")
        .values_list("status", flat=True)
        .first()
    )
    return latest == Consent.Status.GIVEN


def health_sharing_allowed(*, participant: Participant) -> bool:
    # Withdrawing consent to share health information stops clinical colleagues seeing it
    # at once; the author of a health note still sees what they wrote.
    return consent_in_force(participant=participant, purpose=ConsentPurpose.HEALTH_SHARING)


def visible_notes(*, access: ParticipantAccess, user: User) -> QuerySet[Note]:
    allowed = [Sensitivity.GENERAL]
    if access.sees_social:
        allowed.append(Sensitivity.SOCIAL)
    if access.sees_health:
        allowed.append(Sensitivity.HEALTH)
    return (
        Note.objects.filter(participant=access.participant)
        .filter(Q(sensitivity__in=allowed) | Q(author=user))
        .select_related("author")
        .order_by("-created_at", "-id")
    )


def visible_health_conditions(
    *, access: ParticipantAccess, user: User
) -> QuerySet[HealthCondition]:
    conditions = HealthCondition.objects.filter(participant=access.participant)
    if access.sees_health:
        return conditions
    return conditions.filter(recorded_by=user)


def case_team(*, participant: Participant) -> QuerySet[CaseTeamMember]:
    return CaseTeamMember.objects.filter(participant=participant).select_related("user")


def access_log(*, participant: Participant) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(participant=participant).select_related("user")


def possible_duplicates(
    *,
    user: User,
    identifier_kind: str = "",
    identifier: str = "",
    full_name: str = "",
    date_of_birth=None,
    exclude_ref: str | None = None,
    organisation_id: int | None = None,
) -> QuerySet[Participant]:
    """Records the user can already open that look like the same person.

    Only the user's own visible records are searched: flagging a match in another
    organisation would tell them that organisation supports this person.
    """
    match = Q(pk__in=[])
    if identifier_kind and identifier:
        match |= Q(
            identifier_kind=identifier_kind,
            identifier=normalise_identifier(identifier_kind, identifier),
        )
    if full_name.strip() and date_of_birth:
        match |= Q(full_name__iexact=full_name.strip(), date_of_birth=date_of_birth)
    candidates = visible_participants(user=user).filter(match)
    if exclude_ref:
        candidates = candidates.exclude(ref=exclude_ref)
    if organisation_id is not None:
        candidates = candidates.filter(owning_organisation_id=organisation_id)
    return candidates.order_by("full_name")[:5]


def case_team_candidates(*, participant: Participant) -> list[tuple[User, str]]:
    """Staff who could join this person's case team: casework staff in the same country."""
    from tandem.organisations.models import Membership  # local: organisations owns the model

    taken = CaseTeamMember.objects.filter(participant=participant).values("user_id")
    memberships = (
        Membership.objects.filter(
            is_active=True,
            user__is_active=True,
            role__in=CASEWORK_ROLES,
            organisation__region__country_code=(
                participant.owning_organisation.region.country_code
            ),
        )
        .exclude(user_id__in=taken)
        .select_related("user", "organisation")
        .order_by("user__full_name", "user__username")
    )
    seen: set[int] = set()
    candidates = []
    for membership in memberships[:500]:
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            candidates.append((membership.user, membership.organisation.name))
    return candidates
