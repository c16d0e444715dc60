"""Writes about employers, vacancies, preferences, placements, checks and follow-ups."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.casework.services import stage_move
from tandem.core.formatting import format_date
from tandem.employment.models import (
    Adjustment,
    Employer,
    EmployerContact,
    FollowUp,
    InWorkSupport,
    JobPreferences,
    Placement,
    SustainmentCheck,
    Vacancy,
)
from tandem.employment.occupations import is_unit_group
from tandem.organisations.models import Organisation, User
from tandem.participants.models import ConsentPurpose, Participant
from tandem.participants.selectors import consent_in_force
from tandem.participants.services import normalise_phone
from tandem.programmes.models import Programme
from tandem.referrals.models import Enrolment, SupportStage

EMPLOYER_FIELDS = frozenset(
    {
        "name",
        "sector",
        "size",
        "region",
        "address",
        "latitude",
        "longitude",
        "contact_name",
        "contact_role",
        "contact_phone",
        "contact_email",
        "adjustments_offered",
        "accessibility",
        "disclosure_stance",
        "notes",
    }
)
VACANCY_FIELDS = frozenset(
    {
        "title",
        "occupation",
        "description",
        "skills",
        "hours_per_week",
        "pay",
        "pay_period",
        "currency",
        "contract",
        "region",
        "latitude",
        "longitude",
        "adjustments_possible",
        "closing_on",
        "source_contact",
    }
)
PREFERENCE_FIELDS = frozenset(
    {
        "occupations",
        "skills",
        "hours_min",
        "hours_max",
        "max_travel_km",
        "home_region",
        "home_latitude",
        "home_longitude",
        "adjustments_needed",
        "wishes",
    }
)


def _unknown(data: dict, allowed: frozenset[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({key: [_("This field cannot be set here.")] for key in unknown})


def _adjustments(values, field: str) -> list[str]:
    values = sorted(set(values or []))
    if set(values) - set(Adjustment.values):
        raise ValidationError({field: [_("Choose adjustments from the list.")]})
    return values


def _skills(values) -> list[str]:
    return sorted({str(value).strip() for value in values or [] if str(value).strip()})


def _coordinates(data: dict, lat: str, lon: str) -> None:
    if (data.get(lat) is None) != (data.get(lon) is None):
        raise ValidationError({lat: [_("Give both latitude and longitude, or neither.")]})
    if data.get(lat) is not None and not (-90 <= Decimal(data[lat]) <= 90):
        raise ValidationError({lat: [_("A latitude is between -90 and 90.")]})
    if data.get(lon) is not None and not (-180 <= Decimal(data[lon]) <= 180):
        raise ValidationError({lon: [_("A longitude is between -180 and 180.")]})


# ---------------------------------------------------------------- employers


def _clean_employer(data: dict[str, Any], *, country_code: str) -> dict[str, Any]:
    _unknown(data, EMPLOYER_FIELDS)
    cleaned = dict(data)
    if "name" in cleaned:
        cleaned["name"] = (cleaned["name"] or "").strip()
        if not cleaned["name"]:
            raise ValidationError({"name": [_("Enter the employer's name.")]})
    if cleaned.get("contact_phone"):
        try:
            cleaned["contact_phone"] = normalise_phone(
                cleaned["contact_phone"], country_code=country_code
            )
        except ValidationError as error:
            raise ValidationError({"contact_phone": error.message_dict["phone"]}) from error
    if "adjustments_offered" in cleaned:
        cleaned["adjustments_offered"] = _adjustments(
            cleaned["adjustments_offered"], "adjustments_offered"
        )
    _coordinates(cleaned, "latitude", "longitude")
    return cleaned


@transaction.atomic
def employer_create(*, actor: User, organisation: Organisation, data: dict[str, Any]) -> Employer:
    cleaned = _clean_employer(data, country_code=organisation.region.country_code)
    region = cleaned.get("region")
    if region is not None and region.country_code != organisation.region.country_code:
        raise ValidationError({"region": [_("Choose an area in your organisation's country.")]})
    employer = Employer(organisation=organisation, **cleaned)
    employer._history_user = actor  # type: ignore[attr-defined]
    employer.full_clean()
    employer.save()
    return employer


@transaction.atomic
def employer_update(*, actor: User, employer: Employer, data: dict[str, Any]) -> Employer:
    cleaned = _clean_employer(data, country_code=employer.organisation.region.country_code)
    for key, value in cleaned.items():
        setattr(employer, key, value)
    employer._history_user = actor  # type: ignore[attr-defined]
    employer.full_clean()
    employer.save()
    return employer


@transaction.atomic
def employer_contact_record(
    *,
    actor: User,
    employer: Employer,
    method: str,
    contacted_on: datetime.date | None = None,
    met_hiring_manager: bool = False,
    summary: str = "",
) -> EmployerContact:
    contacted_on = contacted_on or timezone.localdate()
    if contacted_on > timezone.localdate():
        raise ValidationError({"contacted_on": _("A contact cannot be in the future.")})
    contact = EmployerContact(
        employer=employer,
        specialist=actor,
        contacted_on=contacted_on,
        method=method,
        met_hiring_manager=met_hiring_manager,
        summary=summary.strip(),
    )
    contact.full_clean()
    contact.save()
    return contact


# ---------------------------------------------------------------- vacancies


@transaction.atomic
def vacancy_create(*, actor: User, employer: Employer, data: dict[str, Any]) -> Vacancy:
    _unknown(data, VACANCY_FIELDS)
    cleaned = dict(data)
    errors: dict[str, list[str]] = {}
    if not (cleaned.get("title") or "").strip():
        errors["title"] = [_("Enter the job title.")]
    if not is_unit_group(cleaned.get("occupation") or ""):
        errors["occupation"] = [_("Choose an occupation from the ISCO-08 list.")]
    try:
        hours = Decimal(str(cleaned.get("hours_per_week")))
        if not (Decimal(1) <= hours <= Decimal(80)):
            raise InvalidOperation
    except InvalidOperation:
        errors["hours_per_week"] = [_("Enter the hours a week, between 1 and 80.")]
    try:
        if cleaned.get("pay") is not None and Decimal(str(cleaned["pay"])) < 0:
            errors["pay"] = [_("Pay cannot be negative.")]
    except InvalidOperation:
        errors["pay"] = [_("Enter the pay as a number.")]
    region = cleaned.get("region")
    if region is not None and region.country_code != employer.region.country_code:
        errors["region"] = [_("Choose an area in the employer's country.")]
    if cleaned.get("currency") not in Programme.Currency.values:
        errors["currency"] = [_("Choose the currency of the programme.")]
    if cleaned.get("closing_on") and cleaned["closing_on"] < timezone.localdate():
        errors["closing_on"] = [_("The closing date has passed.")]
    source = cleaned.get("source_contact")
    if source is not None and source.employer_id != employer.pk:
        errors["source_contact"] = [_("That contact was with another employer.")]
    if errors:
        raise ValidationError(errors)
    cleaned["title"] = cleaned["title"].strip()
    cleaned["skills"] = _skills(cleaned.get("skills"))
    cleaned["adjustments_possible"] = _adjustments(
        cleaned.get("adjustments_possible"), "adjustments_possible"
    )
    cleaned.setdefault("region", employer.region)
    if cleaned.get("latitude") is None and cleaned.get("longitude") is None:
        cleaned["latitude"], cleaned["longitude"] = employer.latitude, employer.longitude
    _coordinates(cleaned, "latitude", "longitude")
    vacancy = Vacancy(employer=employer, created_by=actor, **cleaned)
    vacancy._history_user = actor  # type: ignore[attr-defined]
    vacancy.full_clean()
    vacancy.save()
    return vacancy


@transaction.atomic
def vacancy_set_status(*, actor: User, vacancy: Vacancy, status: str) -> Vacancy:
    if status not in Vacancy.Status.values:
        raise ValidationError({"status": _("Choose open, filled or closed.")})
    vacancy.status = status
    vacancy._history_user = actor  # type: ignore[attr-defined]
    vacancy.save()
    return vacancy


# ---------------------------------------------------------------- preferences


@transaction.atomic
def job_preferences_set(
    *, actor: User, participant: Participant, data: dict[str, Any]
) -> JobPreferences:
    _unknown(data, PREFERENCE_FIELDS)
    cleaned = dict(data)
    errors: dict[str, list[str]] = {}
    occupations = sorted(set(cleaned.get("occupations") or []))
    if any(not is_unit_group(code) for code in occupations):
        errors["occupations"] = [_("Choose occupations from the ISCO-08 list.")]
    low, high = cleaned.get("hours_min"), cleaned.get("hours_max")
    try:
        if low is not None and high is not None and Decimal(low) > Decimal(high):
            errors["hours_max"] = [_("The most hours cannot be fewer than the least.")]
    except InvalidOperation:
        errors["hours_min"] = [_("Enter a number of hours.")]
    home = cleaned.get("home_region")
    country = participant.owning_organisation.region.country_code
    if home is not None and home.country_code != country:
        errors["home_region"] = [_("Choose an area in the person's country.")]
    if errors:
        raise ValidationError(errors)
    cleaned["occupations"] = occupations
    cleaned["skills"] = _skills(cleaned.get("skills"))
    cleaned["adjustments_needed"] = _adjustments(
        cleaned.get("adjustments_needed"), "adjustments_needed"
    )
    _coordinates(cleaned, "home_latitude", "home_longitude")
    preferences, _created = JobPreferences.objects.get_or_create(participant=participant)
    for key, value in cleaned.items():
        setattr(preferences, key, value)
    preferences._history_user = actor  # type: ignore[attr-defined]
    preferences.full_clean()
    preferences.save()
    return preferences


# ---------------------------------------------------------------- placements


def add_weeks(day: datetime.date, weeks: int) -> datetime.date:
    return day + datetime.timedelta(weeks=weeks)


@transaction.atomic
def placement_start(
    *,
    actor: User,
    enrolment: Enrolment,
    kind: str,
    job_title: str,
    started_on: datetime.date,
    hours_per_week: Decimal,
    employer: Employer | None = None,
    vacancy: Vacancy | None = None,
    occupation: str = "",
    pay: Decimal | None = None,
    pay_period: str = Vacancy.PayPeriod.HOUR,
    adjustments_agreed: list[str] | None = None,
    adjustments_note: str = "",
    disclosed_to_employer: bool = False,
    earnings_evidence: str = "",
) -> Placement:
    """A job start. The 13, 26 and 52-week checks are scheduled, and the programme's
    follow-ups for the year after placement; the person moves to on/off-the-job support."""
    errors: dict[str, list[str]] = {}
    if enrolment.status == Enrolment.Status.EXITED:
        errors["enrolment"] = [_("This person has left the programme.")]
    if kind not in Placement.Kind.values:
        errors["kind"] = [_("Choose employed, self-employed or apprenticeship.")]
    if not job_title.strip():
        errors["job_title"] = [_("Enter the job title.")]
    if hours_per_week is None or not (Decimal(0) < Decimal(hours_per_week) <= Decimal(80)):
        errors["hours_per_week"] = [_("Enter the hours a week, between 1 and 80.")]
    if started_on > timezone.localdate() + datetime.timedelta(days=60):
        errors["started_on"] = [_("Record a job start at most 60 days ahead.")]
    if started_on < enrolment.started_on:
        errors["started_on"] = [_("The job cannot start before support started.")]
    if occupation and not is_unit_group(occupation):
        errors["occupation"] = [_("Choose an occupation from the ISCO-08 list.")]
    if vacancy is not None:
        employer = employer or vacancy.employer
        occupation = occupation or vacancy.occupation
        if vacancy.employer_id != employer.pk:
            errors["vacancy"] = [_("The vacancy is with another employer.")]
    if kind != Placement.Kind.SELF_EMPLOYED and employer is None:
        errors["employer"] = [_("Choose the employer.")]
    elif employer is not None and employer.organisation_id != enrolment.organisation_id:
        errors["employer"] = [_("Choose an employer your organisation works with.")]
    if kind == Placement.Kind.SELF_EMPLOYED and not earnings_evidence.strip():
        errors["earnings_evidence"] = [_("Describe the evidence of earnings from self-employment.")]
    if disclosed_to_employer and not consent_in_force(
        participant=enrolment.participant, purpose=ConsentPurpose.EMPLOYER_DISCLOSURE
    ):
        errors["disclosed_to_employer"] = [
            _("Record the person's consent to disclosure to employers first.")
        ]
    if errors:
        raise ValidationError(errors)
    placement = Placement(
        participant=enrolment.participant,
        enrolment=enrolment,
        vacancy=vacancy,
        employer=employer,
        kind=kind,
        job_title=job_title.strip(),
        occupation=occupation,
        started_on=started_on,
        hours_per_week=hours_per_week,
        pay=pay,
        pay_period=pay_period,
        currency=enrolment.programme.currency,
        adjustments_agreed=_adjustments(adjustments_agreed, "adjustments_agreed"),
        adjustments_note=adjustments_note.strip(),
        disclosed_to_employer=disclosed_to_employer,
        earnings_evidence=earnings_evidence.strip(),
        created_by=actor,
    )
    placement._history_user = actor  # type: ignore[attr-defined]
    placement.full_clean()
    placement.save()
    SustainmentCheck.objects.bulk_create(
        SustainmentCheck(placement=placement, weeks=weeks, due_on=add_weeks(started_on, weeks))
        for weeks in SustainmentCheck.WEEKS
    )
    programme = enrolment.programme
    if programme.follow_up_every_weeks:
        FollowUp.objects.bulk_create(
            FollowUp(placement=placement, due_on=add_weeks(started_on, weeks))
            for weeks in range(
                programme.follow_up_every_weeks,
                programme.follow_up_for_weeks + 1,
                programme.follow_up_every_weeks,
            )
        )
    # Read the stage afresh: the caller's copy of the enrolment may be out of date.
    current_stage = Enrolment.objects.filter(pk=enrolment.pk).values_list("stage", flat=True)[0]
    if current_stage != SupportStage.ON_OFF_JOB_SUPPORT:
        stage_move(
            actor=actor,
            enrolment=enrolment,
            to_stage=SupportStage.ON_OFF_JOB_SUPPORT,
            note=_("Started work: %(job)s") % {"job": placement.job_title},
        )
    return placement


@transaction.atomic
def placement_end(
    *,
    actor: User,
    placement: Placement,
    ended_on: datetime.date,
    reason: str,
    note: str = "",
    back_to_job_finding: bool = True,
) -> Placement:
    """The job ended. Checks that fall after the end are recorded as not in work, future
    follow-ups are dropped, and the person can go back to job finding with history kept."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    errors: dict[str, list[str]] = {}
    if placement.ended_on is not None:
        errors["ended_on"] = [_("This job has already ended.")]
    if reason not in Placement.EndReason.values:
        errors["reason"] = [_("Choose why the job ended.")]
    if ended_on < placement.started_on:
        errors["ended_on"] = [_("A job cannot end before it started.")]
    if ended_on > timezone.localdate():
        errors["ended_on"] = [_("A job cannot end in the future.")]
    if errors:
        raise ValidationError(errors)
    placement.ended_on = ended_on
    placement.end_reason = reason
    placement.end_note = note.strip()
    placement._history_user = actor  # type: ignore[attr-defined]
    placement.save()
    placement.checks.filter(status=SustainmentCheck.Status.DUE, due_on__gt=ended_on).update(
        status=SustainmentCheck.Status.NOT_IN_WORK,
        checked_on=timezone.localdate(),
        checked_by=actor,
        note=_("The job ended before this check."),
    )
    placement.follow_ups.filter(done_on__isnull=True, due_on__gt=ended_on).delete()
    enrolment = Enrolment.objects.get(pk=placement.enrolment_id)  # fresh: the stage may have moved
    if (
        back_to_job_finding
        and enrolment.status != Enrolment.Status.EXITED
        and (enrolment.stage != SupportStage.JOB_FINDING)
    ):
        stage_move(
            actor=actor,
            enrolment=enrolment,
            to_stage=SupportStage.JOB_FINDING,
            note=_("Job ended: back to job finding."),
        )
    return placement


@transaction.atomic
def in_work_support_record(
    *,
    actor: User,
    placement: Placement,
    with_whom: str,
    summary: str,
    channel: str = "",
    happened_on: datetime.date | None = None,
) -> InWorkSupport:
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": _("Write what happened.")})
    happened_on = happened_on or timezone.localdate()
    if happened_on > timezone.localdate():
        raise ValidationError({"happened_on": _("Support cannot be recorded ahead of time.")})
    support = InWorkSupport(
        placement=placement,
        with_whom=with_whom,
        happened_on=happened_on,
        channel=channel.strip(),
        summary=summary,
        staff=actor,
    )
    support.full_clean()
    support.save()
    return support


# A check may be confirmed from two weeks before it is due: payslips arrive on pay day.
EARLY_CHECK_DAYS = 14


@transaction.atomic
def sustainment_check_record(
    *,
    actor: User,
    check: SustainmentCheck,
    in_work: bool,
    evidence: str = "",
    checked_on: datetime.date | None = None,
    note: str = "",
) -> SustainmentCheck:
    check = SustainmentCheck.objects.select_for_update().get(pk=check.pk)
    checked_on = checked_on or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if check.status != SustainmentCheck.Status.DUE:
        errors["status"] = [_("This check has already been recorded.")]
    if checked_on > timezone.localdate():
        errors["checked_on"] = [_("A check cannot be recorded ahead of time.")]
    if checked_on < check.due_on - datetime.timedelta(days=EARLY_CHECK_DAYS):
        errors["checked_on"] = [
            _("This check can be recorded from %(day)s.")
            % {"day": format_date(check.due_on - datetime.timedelta(days=EARLY_CHECK_DAYS))}
        ]
    if in_work and evidence not in SustainmentCheck.Evidence.values:
        errors["evidence"] = [_("Say what shows the person is still in work.")]
    if errors:
        raise ValidationError(errors)
    check.status = (
        SustainmentCheck.Status.CONFIRMED if in_work else SustainmentCheck.Status.NOT_IN_WORK
    )
    check.evidence = evidence if in_work else ""
    check.checked_on = checked_on
    check.checked_by = actor
    check.note = note.strip()
    check._history_user = actor  # type: ignore[attr-defined]
    check.full_clean()
    check.save()
    return check


@transaction.atomic
def follow_up_complete(
    *, actor: User, follow_up: FollowUp, note: str, done_on: datetime.date | None = None
) -> FollowUp:
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_on is not None:
        raise ValidationError(_("This follow-up is already done."), code="done")
    if not note.strip():
        raise ValidationError({"note": _("Write what the follow-up found.")})
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("A follow-up cannot be done ahead of time.")})
    follow_up.done_on = done_on
    follow_up.note = note.strip()
    follow_up.done_by = actor
    follow_up.save()
    return follow_up
