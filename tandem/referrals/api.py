"""API for referrals. A referrer gets the status of its own referrals, never the case."""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tandem.core.access import REFERRAL_HANDLING_ROLES, Access
from tandem.organisations.models import Organisation
from tandem.organisations.selectors import organisation_ids_for, receiving_organisations
from tandem.participants.selectors import visible_participants
from tandem.programmes.selectors import programmes_delivered_by
from tandem.referrals import selectors, services
from tandem.referrals.models import Referral

router = Router(tags=["referrals"])


class OrganisationRef(Schema):
    ref: str
    name: str


class ReferralListItem(Schema):
    ref: str
    status: str
    urgency: str
    source: str
    person_name: str
    received_at: datetime.datetime
    decided_at: datetime.datetime | None
    receiving_organisation: OrganisationRef
    referring_organisation: OrganisationRef | None


class ReferralOut(ReferralListItem):
    person_date_of_birth: datetime.date | None
    person_phone: str
    person_email: str
    person_identifier_kind: str
    person_identifier: str
    reason: str
    wants_help_with: str
    decision_reason: str
    participant_ref: str | None = Field(
        None, description="Only for the receiving organisation, once accepted."
    )
    enrolment_ref: str | None = None


class ReferralIn(Schema):
    receiving_organisation_ref: str
    person_name: str
    person_date_of_birth: datetime.date | None = None
    person_phone: str = ""
    person_email: str = ""
    person_identifier_kind: str = ""
    person_identifier: str = ""
    reason: str
    wants_help_with: str = ""
    urgency: str = Referral.Urgency.ROUTINE
    person_agreed: bool = Field(False, description="Taking part is voluntary: must be true.")
    source: str | None = Field(
        None, description="Only staff of a receiving organisation may set it (e.g. self)."
    )


class AcceptIn(Schema):
    programme_ref: str
    participant_ref: str | None = Field(
        None, description="An existing record of yours to link; a new one is made otherwise."
    )
    consent_method: str = Field(
        "", description="verbal, written or digital; needed unless consent is already recorded."
    )
    started_on: datetime.date | None = None
    in_work_at_risk: bool | None = Field(
        None,
        description="In work at risk of losing it (shorter support period); "
        "left out, it follows the person's benefit situation.",
    )


class DeclineIn(Schema):
    reason: str


class WithdrawIn(Schema):
    reason: str = ""


def _referral_out(access: selectors.ReferralAccess) -> dict:
    referral = access.referral
    out = {
        field: getattr(referral, field)
        for field in ReferralOut.model_fields
        if field not in ("participant_ref", "enrolment_ref")
    }
    out["participant_ref"] = None
    out["enrolment_ref"] = None
    if access.is_receiver and referral.participant_id:
        out["participant_ref"] = referral.participant.ref
        enrolment = getattr(referral, "enrolment", None)
        out["enrolment_ref"] = enrolment.ref if enrolment else None
    return out


@router.get("", response=list[ReferralListItem])
@paginate(LimitOffsetPagination)
def list_referrals(request: HttpRequest, status: str = "", search: str = ""):
    if status and status not in Referral.Status.values:
        raise ValidationError({"status": [_("Unknown status.")]})
    return selectors.referral_list(user=request.user, status=status, search=search)


@router.post("", response={201: ReferralOut})
def create_referral(request: HttpRequest, payload: ReferralIn):
    referring_ids = organisation_ids_for(user=request.user, roles=selectors.REFERRING_ROLES)
    referring = Organisation.objects.filter(pk__in=referring_ids).select_related("region").first()
    if referring is None:
        raise Http404
    receiver = (
        receiving_organisations()
        .filter(
            ref=payload.receiving_organisation_ref,
            region__country_code=referring.region.country_code,
        )
        .first()
    )
    if receiver is None:
        raise ValidationError(
            {"receiving_organisation_ref": [_("Choose an organisation that takes referrals.")]}
        )
    data = payload.dict()
    for key in ("receiving_organisation_ref", "source"):
        data.pop(key)
    source = services.referral_source_for(referring)
    if payload.source:
        if payload.source not in Referral.Source.values:
            raise ValidationError({"source": [_("Unknown source.")]})
        if organisation_ids_for(user=request.user, roles=REFERRAL_HANDLING_ROLES):
            source = payload.source
    if data["urgency"] not in Referral.Urgency.values:
        raise ValidationError({"urgency": [_("Choose routine, soon or urgent.")]})
    referral = services.referral_create(
        actor=request.user,
        receiving_organisation=receiver,
        referring_organisation=referring,
        source=source,
        data=data,
    )
    return Status(
        201, _referral_out(selectors.access_referral(user=request.user, ref=referral.ref))
    )


@router.get("/{ref}", response=ReferralOut)
def get_referral(request: HttpRequest, ref: str):
    return _referral_out(selectors.access_referral(user=request.user, ref=ref))


@router.post("/{ref}/accept", response=ReferralOut)
def accept_referral(request: HttpRequest, ref: str, payload: AcceptIn):
    access = selectors.access_referral(user=request.user, ref=ref, need=Access.WRITE)
    organisation = access.referral.receiving_organisation
    programme = (
        programmes_delivered_by(organisation=organisation).filter(ref=payload.programme_ref).first()
    )
    if programme is None:
        raise ValidationError(
            {"programme_ref": [_("Your organisation does not deliver this programme.")]}
        )
    participant = None
    if payload.participant_ref:
        participant = (
            visible_participants(user=request.user)
            .filter(ref=payload.participant_ref, owning_organisation=organisation)
            .first()
        )
        if participant is None:
            raise ValidationError(
                {"participant_ref": [_("Choose a person your organisation supports.")]}
            )
    services.referral_accept(
        actor=request.user,
        referral=access.referral,
        programme=programme,
        participant=participant,
        consent_method=payload.consent_method,
        started_on=payload.started_on,
        in_work_at_risk=payload.in_work_at_risk,
    )
    return _referral_out(selectors.access_referral(user=request.user, ref=ref))


@router.post("/{ref}/decline", response=ReferralOut)
def decline_referral(request: HttpRequest, ref: str, payload: DeclineIn):
    access = selectors.access_referral(user=request.user, ref=ref, need=Access.WRITE)
    services.referral_decline(actor=request.user, referral=access.referral, reason=payload.reason)
    return _referral_out(selectors.access_referral(user=request.user, ref=ref))


@router.post("/{ref}/withdraw", response=ReferralOut)
def withdraw_referral(request: HttpRequest, ref: str, payload: WithdrawIn):
    access = selectors.access_referral(user=request.user, ref=ref)
    if not access.is_referrer:
        # The receiver declines (with a reason); only the referring side withdraws.
        raise Http404
    services.referral_withdraw(actor=request.user, referral=access.referral, reason=payload.reason)
    return _referral_out(selectors.access_referral(user=request.user, ref=ref))
