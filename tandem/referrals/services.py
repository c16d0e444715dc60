"""Writes about referrals: create, accept (which enrols), decline, withdraw."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.access import REFERRAL_HANDLING_ROLES
from tandem.core.dates import add_months
from tandem.core.identifiers import validate_identifier
from tandem.organisations.models import Organisation, User
from tandem.organisations.selectors import organisation_ids_for
from tandem.participants.models import BenefitSituation, Consent, ConsentPurpose, Participant
from tandem.participants.selectors import consent_in_force
from tandem.participants.services import consent_record, normalise_phone, participant_create
from tandem.programmes.models import Programme
from tandem.referrals.models import Enrolment, Referral

# The source a referral has when an organisation of this kind makes it through its own login.
SOURCE_BY_KIND = {
    Organisation.Kind.GP_PRACTICE: Referral.Source.GP,
    Organisation.Kind.MUNICIPAL_DEPARTMENT: Referral.Source.COUNCIL,
    Organisation.Kind.COMMUNITY_ORGANISATION: Referral.Source.COMMUNITY,
    Organisation.Kind.JOBCENTRE: Referral.Source.JOBCENTRE,
    Organisation.Kind.HEALTH_TRUST: Referral.Source.HEALTH_SERVICE,
    Organisation.Kind.WELFARE_OFFICE: Referral.Source.COUNCIL,
}


def referral_source_for(organisation: Organisation) -> str:
    return SOURCE_BY_KIND.get(organisation.kind, Referral.Source.STAFF)


@transaction.atomic
def referral_create(
    *,
    actor: User,
    receiving_organisation: Organisation,
    referring_organisation: Organisation | None,
    source: str,
    data: dict[str, Any],
) -> Referral:
    errors: dict[str, list[str]] = {}
    if not receiving_organisation.accepts_referrals:
        errors["receiving_organisation"] = [_("This organisation does not take referrals.")]
    person_name = (data.get("person_name") or "").strip()
    if not person_name:
        errors["person_name"] = [_("Enter the person's full name.")]
    if not (data.get("reason") or "").strip():
        errors["reason"] = [_("Say why you are referring the person.")]
    if not data.get("person_agreed"):
        errors["person_agreed"] = [
            _("Taking part is voluntary: refer the person only once they have agreed.")
        ]
    phone = data.get("person_phone") or ""
    if phone:
        try:
            phone = normalise_phone(phone, country_code=receiving_organisation.region.country_code)
        except ValidationError as error:
            errors["person_phone"] = error.message_dict["phone"]
    kind = data.get("person_identifier_kind") or ""
    identifier = data.get("person_identifier") or ""
    if identifier and not kind:
        errors["person_identifier_kind"] = [_("Choose which kind of national identifier this is.")]
    elif identifier:
        try:
            identifier = validate_identifier(kind, identifier)
        except ValidationError as error:
            errors["person_identifier"] = error.messages
    else:
        kind = ""
    date_of_birth = data.get("person_date_of_birth")
    if date_of_birth and date_of_birth > datetime.date.today():
        errors["person_date_of_birth"] = [_("The date of birth cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    referral = Referral(
        source=source,
        referring_organisation=referring_organisation,
        referred_by=actor,
        receiving_organisation=receiving_organisation,
        person_name=person_name,
        person_date_of_birth=date_of_birth,
        person_phone=phone,
        person_email=(data.get("person_email") or "").strip(),
        person_identifier_kind=kind,
        person_identifier=identifier,
        person_agreed=True,
        reason=data["reason"].strip(),
        wants_help_with=(data.get("wants_help_with") or "").strip(),
        urgency=data.get("urgency") or Referral.Urgency.ROUTINE,
    )
    referral._history_user = actor  # type: ignore[attr-defined]
    referral.full_clean()
    referral.save()
    return referral


def support_end(
    *, programme: Programme, started_on: datetime.date, in_work: bool
) -> datetime.date | None:
    """When the programme's support period for this person ends (None: no time limit)."""
    months = programme.support_months_in_work if in_work else programme.support_months_out_of_work
    return add_months(started_on, months) if months else None


def _lock_undecided(referral: Referral) -> Referral:
    # Lock the row: two colleagues deciding the same referral at once must not both win.
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.status != Referral.Status.RECEIVED:
        raise ValidationError(
            _("This referral has already been %(status)s.")
            % {"status": locked.get_status_display().lower()},
            code="already_decided",
        )
    return locked


@transaction.atomic
def referral_accept(
    *,
    actor: User,
    referral: Referral,
    programme: Programme,
    participant: Participant | None = None,
    consent_method: str = "",
    started_on: datetime.date | None = None,
    key_worker: User | None = None,
    in_work_at_risk: bool | None = None,
) -> Enrolment:
    """Accept a referral: the person is enrolled on a programme of the receiving organisation.

    Taking part is voluntary, so the person's consent to take part must be in force, or be
    recorded now (consent_method), before anyone is enrolled.

    `in_work_at_risk` says whether the person starts in work at risk of losing it (a shorter
    support period); left as None, it follows the benefit situation on their record.
    """
    referral = _lock_undecided(referral)
    organisation = referral.receiving_organisation
    if not programme.delivered_by.filter(pk=organisation.pk).exists():
        raise ValidationError(
            {"programme": _("Your organisation does not deliver this programme.")}
        )
    if participant is not None and participant.owning_organisation_id != organisation.pk:
        raise ValidationError({"participant": _("Choose a person your organisation supports.")})
    if participant is None:
        participant = participant_create(
            actor=actor,
            organisation=organisation,
            data={
                "full_name": referral.person_name,
                "date_of_birth": referral.person_date_of_birth,
                "phone": referral.person_phone,
                "email": referral.person_email,
                "identifier_kind": referral.person_identifier_kind,
                "identifier": referral.person_identifier,
            },
        )
    if not consent_in_force(participant=participant, purpose=ConsentPurpose.PARTICIPATION):
        if consent_method not in Consent.Method.values:
            raise ValidationError(
                {
                    "consent_method": _(
                        "Record how the person consented to take part: "
                        "nobody is enrolled without their consent."
                    )
                }
            )
        consent_record(
            actor=actor,
            participant=participant,
            purpose=ConsentPurpose.PARTICIPATION,
            status=Consent.Status.GIVEN,
            method=consent_method,
        )
    if (
        Enrolment.objects.filter(participant=participant, programme=programme)
        .exclude(status=Enrolment.Status.EXITED)
        .exists()
    ):
        raise ValidationError(
            {"programme": _("This person is already enrolled on this programme.")}
        )
    started_on = started_on or timezone.localdate()
    # Back-entry of a paper record is allowed for up to a year; a typo like 1900 is not.
    today = timezone.localdate()
    if (
        not today - datetime.timedelta(days=366)
        <= started_on
        <= today + datetime.timedelta(days=90)
    ):
        raise ValidationError(
            {"started_on": _("The start date must be within the last year or the next 90 days.")}
        )
    if key_worker is not None and organisation.pk not in organisation_ids_for(
        user=key_worker, roles=REFERRAL_HANDLING_ROLES
    ):
        raise ValidationError(
            {"key_worker": _("The key worker must work for the organisation giving the support.")}
        )
    if in_work_at_risk is None:
        in_work = participant.benefit_situation == BenefitSituation.IN_WORK_AT_RISK
    else:
        in_work = in_work_at_risk
    enrolment = Enrolment(
        participant=participant,
        programme=programme,
        organisation=organisation,
        referral=referral,
        started_on=started_on,
        in_work_at_start=in_work,
        support_ends_on=support_end(programme=programme, started_on=started_on, in_work=in_work),
        key_worker=key_worker or actor,
        stage_since=timezone.now(),
        enrolled_by=actor,
    )
    enrolment._history_user = actor  # type: ignore[attr-defined]
    enrolment.full_clean(validate_constraints=False)
    enrolment.save()
    referral.status = Referral.Status.ACCEPTED
    referral.participant = participant
    referral.decided_at = timezone.now()
    referral.decided_by = actor
    referral._history_user = actor  # type: ignore[attr-defined]
    referral.save()
    return enrolment


@transaction.atomic
def referral_decline(*, actor: User, referral: Referral, reason: str) -> Referral:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for declining the referral.")})
    referral = _lock_undecided(referral)
    referral.status = Referral.Status.DECLINED
    referral.decision_reason = reason
    referral.decided_at = timezone.now()
    referral.decided_by = actor
    referral._history_user = actor  # type: ignore[attr-defined]
    referral.save()
    return referral


@transaction.atomic
def referral_withdraw(*, actor: User, referral: Referral, reason: str = "") -> Referral:
    referral = _lock_undecided(referral)
    referral.status = Referral.Status.WITHDRAWN
    referral.decision_reason = reason.strip()
    referral.decided_at = timezone.now()
    referral.decided_by = actor
    referral._history_user = actor  # type: ignore[attr-defined]
    referral.save()
    return referral


def _lock_enrolment(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_for_update().get(pk=enrolment.pk)


@transaction.atomic
def enrolment_pause(*, actor: User, enrolment: Enrolment, note: str = "") -> Enrolment:
    enrolment = _lock_enrolment(enrolment)
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise ValidationError(_("Only active support can be paused."), code="not_active")
    enrolment.status = Enrolment.Status.PAUSED
    enrolment._history_user = actor  # type: ignore[attr-defined]
    # The history keeps the reason in 100 characters (django-simple-history's column).
    enrolment._change_reason = note.strip()[:100]  # type: ignore[attr-defined]
    enrolment.save()
    return enrolment


@transaction.atomic
def enrolment_resume(*, actor: User, enrolment: Enrolment) -> Enrolment:
    enrolment = _lock_enrolment(enrolment)
    if enrolment.status != Enrolment.Status.PAUSED:
        raise ValidationError(_("Only paused support can be resumed."), code="not_paused")
    if not consent_in_force(
        participant=enrolment.participant, purpose=ConsentPurpose.PARTICIPATION
    ):
        raise ValidationError(
            _("The person's consent to take part is not in force: record it first."),
            code="no_consent",
        )
    enrolment.status = Enrolment.Status.ACTIVE
    enrolment._history_user = actor  # type: ignore[attr-defined]
    enrolment.save()
    return enrolment


@transaction.atomic
def enrolment_exit(
    *,
    actor: User,
    enrolment: Enrolment,
    reason: str,
    ended_on: datetime.date | None = None,
    note: str = "",
) -> Enrolment:
    if reason not in Enrolment.ExitReason.values:
        raise ValidationError({"reason": _("Choose the reason the person is leaving.")})
    enrolment = _lock_enrolment(enrolment)
    if enrolment.status == Enrolment.Status.EXITED:
        raise ValidationError(_("This person has already left the programme."), code="exited")
    ended_on = ended_on or timezone.localdate()
    if ended_on > timezone.localdate():
        raise ValidationError({"ended_on": _("Support cannot end in the future.")})
    if ended_on < enrolment.started_on:
        raise ValidationError({"ended_on": _("The end date cannot be before the start date.")})
    enrolment.status = Enrolment.Status.EXITED
    enrolment.exit_reason = reason
    enrolment.exit_note = note.strip()
    enrolment.ended_on = ended_on
    enrolment._history_user = actor  # type: ignore[attr-defined]
    enrolment.save()
    return enrolment


@transaction.atomic
def enrolment_key_worker_set(*, actor: User, enrolment: Enrolment, key_worker: User) -> Enrolment:
    if enrolment.organisation_id not in organisation_ids_for(
        user=key_worker, roles=REFERRAL_HANDLING_ROLES
    ):
        raise ValidationError(
            {"key_worker": _("The key worker must work for the organisation giving the support.")}
        )
    enrolment = _lock_enrolment(enrolment)
    enrolment.key_worker = key_worker
    enrolment._history_user = actor  # type: ignore[attr-defined]
    enrolment.save()
    return enrolment
