"""API for interventions: the catalogue, and a person's referrals to interventions with their
progress and attendance. Everything about a person goes through `access_participant`."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tandem.core.access import CASEWORK_ROLES, Access, Role
from tandem.interventions import selectors, services
from tandem.interventions.models import InterventionKind, InterventionReferral
from tandem.organisations.models import Organisation
from tandem.organisations.selectors import organisation_ids_for
from tandem.participants.models import AccessLogEntry
from tandem.participants.selectors import ParticipantAccess, access_participant
from tandem.participants.services import access_log_record
from tandem.referrals.models import Enrolment
from tandem.referrals.selectors import enrolments_for

router = Router(tags=["interventions"])
participant_router = Router(tags=["interventions"])

# Who may read the catalogue: staff who refer people to interventions, and the programme
# managers who fund them. Nothing in it is about a person.
CATALOGUE_ROLES = CASEWORK_ROLES | {Role.PROGRAMME_MANAGER}


class ProviderRef(Schema):
    ref: str
    name: str


class InterventionOut(Schema):
    ref: str
    kind: str
    name: str
    provider: ProviderRef
    unit_cost: Decimal
    currency: str
    unit: str


class InterventionRef(Schema):
    ref: str
    kind: str
    name: str
    provider: ProviderRef


class InterventionReferralOut(Schema):
    ref: str
    intervention: InterventionRef
    enrolment_ref: str | None
    status: str
    next_statuses: list[str] = Field(description="The statuses it may move to from here.")
    requested_on: datetime.date
    started_on: datetime.date | None
    ended_on: datetime.date | None
    note: str
    sessions_recorded: int
    sessions_attended: int

    @staticmethod
    def resolve_enrolment_ref(referral) -> str | None:
        return referral.enrolment.ref if referral.enrolment_id else None

    @staticmethod
    def resolve_next_statuses(referral) -> list[str]:
        allowed = services.NEXT_STATUSES.get(referral.status, set())
        return [value for value in InterventionReferral.Status.values if value in allowed]

    @staticmethod
    def resolve_sessions_recorded(referral) -> int:
        return len(referral.attendance.all())  # prefetched by the selector

    @staticmethod
    def resolve_sessions_attended(referral) -> int:
        return sum(1 for session in referral.attendance.all() if session.attended)


class InterventionReferralIn(Schema):
    intervention_ref: str = Field(description="An offer from GET /interventions.")
    enrolment_ref: str | None = Field(None, description="One of the person's open enrolments.")
    requested_on: datetime.date | None = None
    note: str = ""


class StatusIn(Schema):
    status: str = Field(
        description="requested, started, completed, did_not_attend or cancelled; "
        "see next_statuses for the moves allowed."
    )


class AttendanceIn(Schema):
    session_on: datetime.date
    attended: bool
    note: str = Field("", max_length=300)


class AttendanceOut(Schema):
    session_on: datetime.date
    attended: bool
    note: str


def _log_read(request: HttpRequest, access: ParticipantAccess) -> None:
    access_log_record(
        user=request.user,
        access=access,
        action=AccessLogEntry.Action.VIEW_RECORD,
        channel=AccessLogEntry.Channel.API,
    )


def _referrals(access: ParticipantAccess):
    return selectors.intervention_referrals_for(participant=access.participant).select_related(
        "enrolment"
    )


def _referral(access: ParticipantAccess, referral_ref: str) -> InterventionReferral:
    # Only this person's referrals: anyone else's reference is a 404.
    referral = _referrals(access).filter(ref=referral_ref).first()
    if referral is None:
        raise Http404
    return referral


@router.get("", response=list[InterventionOut])
@paginate(LimitOffsetPagination)
def catalogue(request: HttpRequest, kind: str = ""):
    organisation_ids = organisation_ids_for(user=request.user, roles=CATALOGUE_ROLES)
    if not organisation_ids:
        raise Http404
    if kind and kind not in InterventionKind.values:
        raise ValidationError({"kind": [_("Unknown kind of intervention.")]})
    # Offers in the countries the caller works in.
    countries = set(
        Organisation.objects.filter(pk__in=organisation_ids).values_list(
            "region__country_code", flat=True
        )
    )
    offers = selectors.interventions_offered().filter(provider__region__country_code__in=countries)
    if kind:
        offers = offers.filter(kind=kind)
    return offers.order_by("kind", "name", "id")


@participant_router.get("/{ref}/interventions", response=list[InterventionReferralOut])
@paginate(LimitOffsetPagination)
def list_referrals(request: HttpRequest, ref: str):
    access = access_participant(user=request.user, ref=ref, need=Access.READ)
    _log_read(request, access)
    return _referrals(access)


@participant_router.post("/{ref}/interventions", response={201: InterventionReferralOut})
def refer(request: HttpRequest, ref: str, payload: InterventionReferralIn):
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    participant = access.participant
    errors: dict[str, list[str]] = {}
    intervention = (
        selectors.interventions_offered(
            country_code=participant.owning_organisation.region.country_code
        )
        .filter(ref=payload.intervention_ref)
        .first()
    )
    if intervention is None:
        errors["intervention_ref"] = [_("Choose an intervention offered where the person lives.")]
    enrolment = None
    if payload.enrolment_ref:
        enrolment = (
            enrolments_for(participant=participant)
            .exclude(status=Enrolment.Status.EXITED)
            .filter(ref=payload.enrolment_ref)
            .first()
        )
        if enrolment is None:
            errors["enrolment_ref"] = [_("Choose one of this person's open enrolments.")]
    if errors:
        raise ValidationError(errors)
    referral = services.intervention_referral_create(
        actor=request.user,
        participant=participant,
        intervention=intervention,
        enrolment=enrolment,
        requested_on=payload.requested_on,
        note=payload.note,
    )
    return Status(201, _referral(access, referral.ref))


@participant_router.post(
    "/{ref}/interventions/{referral_ref}/status", response=InterventionReferralOut
)
def set_status(request: HttpRequest, ref: str, referral_ref: str, payload: StatusIn):
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    referral = _referral(access, referral_ref)
    services.intervention_referral_set_status(
        actor=request.user, referral=referral, status=payload.status
    )
    return _referral(access, referral_ref)


@participant_router.get(
    "/{ref}/interventions/{referral_ref}/attendance", response=list[AttendanceOut]
)
@paginate(LimitOffsetPagination)
def list_attendance(request: HttpRequest, ref: str, referral_ref: str):
    access = access_participant(user=request.user, ref=ref, need=Access.READ)
    referral = _referral(access, referral_ref)
    _log_read(request, access)
    return referral.attendance.order_by("-session_on", "-id")


@participant_router.post(
    "/{ref}/interventions/{referral_ref}/attendance", response={201: AttendanceOut}
)
def record_attendance(request: HttpRequest, ref: str, referral_ref: str, payload: AttendanceIn):
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    referral = _referral(access, referral_ref)
    attendance = services.attendance_record(
        actor=request.user,
        referral=referral,
        session_on=payload.session_on,
        attended=payload.attended,
        note=payload.note,
    )
    return Status(201, attendance)
