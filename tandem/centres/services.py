"""Writes about job-support centres: one function per state change, each atomic and validated.

Who may call which is decided by the caller through the selectors' access checks (a centre's
manager applies, renews, enrols and records; a monitoring officer over the centre reviews,
inspects and decides); the services check the state and the data.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.centres.models import Centre, Cohort, FollowUp, Licence, Trainee
from tandem.centres.selectors import (
    FOLLOW_UP_INTERVAL_WEEKS,
    FOLLOW_UP_YEAR_WEEKS,
    in_training_count,
)
from tandem.core.formatting import format_number
from tandem.organisations.models import Organisation, Region, User
from tandem.participants.models import Participant
from tandem.participants.services import participant_create

Status = Licence.Status


def _save(record, actor: User) -> None:
    record._history_user = actor
    record.full_clean()
    record.save()


def _today() -> datetime.date:
    return timezone.localdate()


def _not_future(day: datetime.date, field: str) -> None:
    if day > _today():
        raise ValidationError({field: _("The date cannot be in the future.")})


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


# ---------------------------------------------------------------- centres


@transaction.atomic
def centre_register(
    *,
    actor: User,
    organisation: Organisation,
    county: Region,
    address: str = "",
    capacity: int | None = None,
    trades: str = "",
) -> Centre:
    if organisation.kind != Organisation.Kind.JOB_SUPPORT_CENTRE:
        raise ValidationError(
            {"organisation": _("Only an organisation that is a job-support centre can be one.")}
        )
    if Centre.objects.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("This organisation is already a centre.")})
    if county.country_code != organisation.region.country_code:
        raise ValidationError({"county": _("Choose a county in the centre's country.")})
    centre = Centre(organisation=organisation, county=county, address=address, trades=trades)
    if capacity is not None:
        centre.capacity = capacity
    _save(centre, actor)
    return centre


@transaction.atomic
def centre_update(
    *, actor: User, centre: Centre, capacity: int, address: str, trades: str
) -> Centre:
    centre = Centre.objects.select_for_update().get(pk=centre.pk)
    if capacity is None or capacity < 1:
        raise ValidationError({"capacity": _("The capacity must be at least one place.")})
    centre.capacity, centre.address, centre.trades = capacity, address.strip(), trades.strip()
    _save(centre, actor)
    return centre


# ---------------------------------------------------------------- licences


@transaction.atomic
def licence_apply(
    *,
    actor: User,
    centre: Centre,
    applicant_name: str,
    premises: str,
    staff_count: int,
    staff_details: str,
    trades: str,
    applied_on: datetime.date | None = None,
) -> Licence:
    # Lock the centre so two applications sent at once cannot both pass the check below.
    Centre.objects.select_for_update().get(pk=centre.pk)
    live = centre.licences.filter(status__in=Licence.LIVE).first()
    if live is not None and not live.is_expired_on(_today()):
        if live.status in Licence.PENDING:
            message = _("The centre already has an application in progress.")
        else:
            message = _("The centre already has a licence: renew it instead of applying again.")
        raise ValidationError(message, code="live_licence")
    if live is not None:
        # An expired licence gives way to the new application.
        live.status = Status.REVOKED
        live.revocation_reason = _("Expired; replaced by a new application.")
        _save(live, actor)
    if staff_count is None or staff_count < 1:
        raise ValidationError({"staff_count": _("Enter how many staff the centre has.")})
    licence = Licence(
        centre=centre,
        applicant_name=_required(applicant_name, "applicant_name", _("Enter the applicant.")),
        premises=_required(premises, "premises", _("Describe the premises.")),
        staff_count=staff_count,
        staff_details=staff_details.strip(),
        trades=_required(trades, "trades", _("Enter the trades the centre teaches.")),
        applied_on=applied_on or _today(),
        applied_by=actor,
    )
    _save(licence, actor)
    return licence


def _locked(licence: Licence, allowed: tuple[str, ...]) -> Licence:
    locked = Licence.objects.select_for_update().get(pk=licence.pk)
    if locked.status not in allowed:
        raise ValidationError(
            _("This cannot be done to a licence that is %(status)s.")
            % {"status": str(locked.get_status_display()).lower()},
            code="wrong_status",
        )
    return locked


@transaction.atomic
def licence_review_start(*, actor: User, licence: Licence, note: str = "") -> Licence:
    licence = _locked(licence, (Status.APPLIED,))
    licence.status = Status.UNDER_REVIEW
    licence.review_started_on = _today()
    licence.reviewed_by = actor
    licence.review_note = note.strip()
    _save(licence, actor)
    return licence


@transaction.atomic
def licence_inspect(
    *,
    actor: User,
    licence: Licence,
    inspected_on: datetime.date,
    inspector: str,
    findings: str,
) -> Licence:
    licence = _locked(licence, (Status.UNDER_REVIEW, Status.INSPECTED))
    _not_future(inspected_on, "inspected_on")
    if inspected_on < licence.applied_on:
        raise ValidationError(
            {"inspected_on": _("The inspection cannot be before the application.")}
        )
    licence.status = Status.INSPECTED
    licence.inspected_on = inspected_on
    licence.inspector = _required(inspector, "inspector", _("Enter who inspected."))
    licence.inspection_findings = _required(
        findings, "findings", _("Write down what the inspection found.")
    )
    _save(licence, actor)
    return licence


@transaction.atomic
def licence_grant(
    *,
    actor: User,
    licence: Licence,
    number: str,
    valid_from: datetime.date,
    valid_to: datetime.date,
) -> Licence:
    licence = _locked(licence, (Status.INSPECTED,))
    number = _required(number, "number", _("Enter the licence number."))
    if valid_to <= valid_from:
        raise ValidationError({"valid_to": _("The licence must end after it starts.")})
    if Licence.objects.filter(number=number).exclude(pk=licence.pk).exists():
        raise ValidationError({"number": _("Another licence already has this number.")})
    licence.status = Status.GRANTED
    licence.number, licence.valid_from, licence.valid_to = number, valid_from, valid_to
    licence.decided_on, licence.decided_by = _today(), actor
    _save(licence, actor)
    return licence


@transaction.atomic
def licence_refuse(*, actor: User, licence: Licence, reason: str) -> Licence:
    licence = _locked(licence, Licence.PENDING)
    licence.refusal_reason = _required(reason, "reason", _("Give the reason for the refusal."))
    licence.status = Status.REFUSED
    licence.decided_on, licence.decided_by = _today(), actor
    _save(licence, actor)
    return licence


@transaction.atomic
def licence_renew(*, actor: User, licence: Licence, valid_to: datetime.date) -> Licence:
    licence = _locked(licence, Licence.IN_FORCE)
    if licence.valid_to and valid_to <= licence.valid_to:
        raise ValidationError({"valid_to": _("The new end date must be after the current one.")})
    licence.status = Status.RENEWED
    licence.valid_to = valid_to
    licence.renewed_on = _today()
    _save(licence, actor)
    return licence


@transaction.atomic
def licence_suspend(*, actor: User, licence: Licence, reason: str) -> Licence:
    licence = _locked(licence, Licence.IN_FORCE)
    licence.suspension_reason = _required(
        reason, "reason", _("Give the reason for the suspension.")
    )
    licence.status = Status.SUSPENDED
    _save(licence, actor)
    return licence


@transaction.atomic
def licence_reinstate(*, actor: User, licence: Licence) -> Licence:
    licence = _locked(licence, (Status.SUSPENDED,))
    licence.status = Status.RENEWED if licence.renewed_on else Status.GRANTED
    _save(licence, actor)
    return licence


@transaction.atomic
def licence_revoke(*, actor: User, licence: Licence, reason: str) -> Licence:
    licence = _locked(licence, (*Licence.IN_FORCE, Status.SUSPENDED))
    licence.revocation_reason = _required(
        reason, "reason", _("Give the reason for the revocation.")
    )
    licence.status = Status.REVOKED
    licence.decided_on, licence.decided_by = _today(), actor
    _save(licence, actor)
    return licence


# ---------------------------------------------------------------- cohorts and trainees


@transaction.atomic
def cohort_create(
    *,
    actor: User,
    centre: Centre,
    trade: str,
    starts_on: datetime.date,
    planned_end_on: datetime.date,
) -> Cohort:
    trade = _required(trade, "trade", _("Enter the trade the cohort learns."))
    if planned_end_on < starts_on:
        raise ValidationError({"planned_end_on": _("The planned end must be after the start.")})
    cohort = Cohort(
        centre=centre,
        trade=trade,
        starts_on=starts_on,
        planned_end_on=planned_end_on,
        created_by=actor,
    )
    _save(cohort, actor)
    return cohort


def licence_problem(*, centre: Centre, day: datetime.date) -> str | None:
    """Why the centre may not enrol on that day, or None if its licence allows it."""
    licence = centre.licences.filter(status__in=Licence.LIVE).first()
    if licence is None:
        return _("The centre has no licence, so it cannot enrol trainees.")
    if licence.status in Licence.PENDING:
        return _("The centre's licence has not been granted yet, so it cannot enrol trainees.")
    if licence.status == Status.SUSPENDED:
        return _("The centre's licence is suspended, so it cannot enrol trainees.")
    if not licence.is_valid_on(day):
        return _("The centre's licence is not valid on that date, so it cannot enrol trainees.")
    return None


@transaction.atomic
def trainee_enrol(
    *,
    actor: User,
    cohort: Cohort,
    participant: Participant | None = None,
    new_person: dict[str, Any] | None = None,
    enrolled_on: datetime.date | None = None,
) -> Trainee:
    """Enrol an existing person of the centre's organisation, or a new one, into a cohort."""
    enrolled_on = enrolled_on or _today()
    _not_future(enrolled_on, "enrolled_on")
    # Lock the centre row: two enrolments at the same moment would otherwise both count the
    # same free place and both take it. Everything below runs while the lock is held.
    centre = (
        Centre.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=cohort.centre_id)
    )
    problem = licence_problem(centre=centre, day=enrolled_on)
    if problem:
        raise ValidationError(problem, code="licence")
    taken = in_training_count(centre=centre)
    if taken >= centre.capacity:
        raise ValidationError(
            _("The centre is full: %(taken)s of %(capacity)s places taken")
            % {"taken": format_number(taken), "capacity": format_number(centre.capacity)},
            code="full",
        )
    if enrolled_on < cohort.starts_on - datetime.timedelta(days=31):
        raise ValidationError(
            {
                "enrolled_on": _(
                    "The enrolment cannot be more than a month before the cohort starts."
                )
            }
        )
    if (participant is None) == (new_person is None):
        raise ValidationError({"participant": _("Choose a person or enter a new one.")})
    if participant is None:
        participant = participant_create(
            actor=actor, organisation=centre.organisation, data=new_person or {}
        )
    elif participant.owning_organisation_id != centre.organisation_id:
        raise ValidationError({"participant": _("Choose a person your centre works with.")})
    if centre.trainees.filter(participant=participant, status=Trainee.Status.IN_TRAINING).exists():
        raise ValidationError({"participant": _("This person is already in training here.")})
    trainee = Trainee(
        cohort=cohort,
        centre=centre,
        participant=participant,
        enrolled_on=enrolled_on,
        enrolled_by=actor,
    )
    try:
        with transaction.atomic():
            _save(trainee, actor)
    except IntegrityError as error:  # pragma: no cover - the check above comes first
        raise ValidationError(
            {"participant": _("This person is already in training here.")}
        ) from error
    return trainee


def follow_up_weeks() -> list[int]:
    return list(range(FOLLOW_UP_INTERVAL_WEEKS, FOLLOW_UP_YEAR_WEEKS + 1, FOLLOW_UP_INTERVAL_WEEKS))


@transaction.atomic
def trainee_exit(
    *,
    actor: User,
    trainee: Trainee,
    outcome: str,
    exited_on: datetime.date,
    job: str = "",
    reason: str = "",
) -> Trainee:
    """Record how a trainee left: a job, self-employment or dropping out. A successful exit
    schedules the year of follow-up."""
    trainee = Trainee.objects.select_for_update().get(pk=trainee.pk)
    if trainee.status != Trainee.Status.IN_TRAINING:
        raise ValidationError(_("This trainee has already left."), code="exited")
    if outcome not in (
        Trainee.Status.PLACED,
        Trainee.Status.SELF_EMPLOYED,
        Trainee.Status.DROPPED_OUT,
    ):
        raise ValidationError({"outcome": _("Choose how the trainee left.")})
    _not_future(exited_on, "exited_on")
    if exited_on < trainee.enrolled_on:
        raise ValidationError({"exited_on": _("The exit cannot be before the enrolment.")})
    if outcome == Trainee.Status.DROPPED_OUT:
        trainee.dropout_reason = _required(reason, "reason", _("Give the reason for leaving."))
    else:
        trainee.job = _required(job, "job", _("Describe the job or the business."))
    trainee.status, trainee.exited_on = outcome, exited_on
    _save(trainee, actor)
    if trainee.successful:
        FollowUp.objects.bulk_create(
            FollowUp(trainee=trainee, week=week, due_on=exited_on + datetime.timedelta(weeks=week))
            for week in follow_up_weeks()
        )
    return trainee


@transaction.atomic
def follow_up_record(
    *,
    actor: User,
    follow_up: FollowUp,
    still_working: bool,
    note: str = "",
    done_on: datetime.date | None = None,
) -> FollowUp:
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_on is not None:
        raise ValidationError(_("This follow-up has already been recorded."), code="done")
    done_on = done_on or _today()
    _not_future(done_on, "done_on")
    if still_working is None:
        raise ValidationError({"still_working": _("Say whether the person is still working.")})
    follow_up.done_on, follow_up.still_working = done_on, still_working
    follow_up.note, follow_up.done_by = note.strip(), actor
    _save(follow_up, actor)
    return follow_up
