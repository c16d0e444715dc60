"""API for employment: employers and the specialists' contacts with them, vacancies and their
candidates, a person's job preferences and matches, placements with in-work support,
sustainment checks and follow-ups, and outcome counts.

The same selectors and services as the pages, so the same rules: employers and vacancies
belong to the organisation that keeps them (404 for anyone else), everything about a person
goes through `access_participant`, every write through a service, and outcomes are counted by
`outcomes.py` alone.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tandem.core.access import CASEWORK_ROLES, Access, Role
from tandem.core.schemas import Named, RegionOut, UserRef
from tandem.employment import occupations, outcomes, selectors, services
from tandem.employment.matching import Match
from tandem.employment.models import (
    Employer,
    EmployerContact,
    FollowUp,
    InWorkSupport,
    JobPreferences,
    Placement,
    SustainmentCheck,
    Vacancy,
)
from tandem.insights.selectors import SMALL_COUNT_THRESHOLD
from tandem.organisations.models import Organisation, Region, User
from tandem.organisations.selectors import organisation_ids_for
from tandem.participants.models import AccessLogEntry
from tandem.participants.selectors import WRITE_ROLES, ParticipantAccess, access_participant
from tandem.participants.services import access_log_record
from tandem.programmes.models import Programme
from tandem.programmes.selectors import programmes_delivered_by
from tandem.referrals.selectors import enrolments_for

router = Router(tags=["employment"])
participant_router = Router(tags=["employment"])

API = AccessLogEntry.Channel.API


# ---------------------------------------------------------------- shared


def _log(request: HttpRequest, access: ParticipantAccess) -> None:
    access_log_record(
        user=request.user, access=access, action=AccessLogEntry.Action.VIEW_RECORD, channel=API
    )


def _invalid(name: str, message: str) -> ValidationError:
    return ValidationError({name: [message]})


@contextmanager
def _fields_named(names: dict[str, str]) -> Iterator[None]:
    """Report a service's errors under the names the API's caller sent."""
    try:
        yield
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ValidationError(
            {names.get(name, name): messages for name, messages in error.error_dict.items()}
        ) from None


def _may_write_for(user: User, organisation_id: int) -> bool:
    # Employers and vacancies are changed by the staff who work with people there, the same
    # roles that may change a person's record; clinicians and managers only read.
    return organisation_id in organisation_ids_for(user=user, roles=WRITE_ROLES)


def _region(region_id: int | None, *, country_code: str, name: str) -> Region | None:
    if region_id is None:
        return None
    region = Region.objects.filter(pk=region_id, country_code=country_code).first()
    if region is None:
        raise _invalid(name, _("Choose an area in this country."))
    return region


def _occupation(code: str) -> dict | None:
    if not code:
        return None
    found = occupations.occupation(code)
    return {"code": code, "label": str(found.label()) if found else code}


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


class ParticipantRef(Schema):
    ref: str
    full_name: str


class OccupationOut(Schema):
    code: str = Field(description="ISCO-08 unit group, four digits.")
    label: str = Field(description="In the caller's language.")


class ReasonOut(Schema):
    factor: str = Field(description="occupation, skills, hours, travel, adjustments or wishes")
    points: int
    text: str
    good: bool


def _reasons(match: Match) -> list[dict]:
    return [
        {"factor": r.factor, "points": r.points, "text": str(r.text), "good": r.good}
        for r in match.reasons
    ]


# ---------------------------------------------------------------- employers


class EmployerOut(Schema):
    ref: str
    name: str
    organisation: Named = Field(description="The organisation that keeps the employer.")
    sector: str
    size: str
    region: RegionOut
    address: str
    latitude: float | None
    longitude: float | None
    contact_name: str
    contact_role: str
    contact_phone: str
    contact_email: str
    adjustments_offered: list[str]
    accessibility: str
    disclosure_stance: str
    notes: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


class EmployerFields(Schema):
    sector: str = Field("", max_length=100)
    size: str = Field("", description="micro, small, medium or large")
    region_id: int | None = Field(
        None, description="Where it is; the organisation's own if left out."
    )
    address: str = Field("", max_length=300)
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    contact_name: str = ""
    contact_role: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    adjustments_offered: list[str] = []
    accessibility: str = ""
    disclosure_stance: str = Field("unknown", description="welcomes, neutral, cautious, unknown")
    notes: str = ""


class EmployerIn(EmployerFields):
    name: str = Field(max_length=200)
    organisation_ref: str | None = Field(
        None, description="Needed only when you work for more than one organisation."
    )


class EmployerPatch(Schema):
    """Only the fields sent are changed."""

    name: str | None = None
    sector: str | None = None
    size: str | None = None
    region_id: int | None = None
    address: str | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    contact_name: str | None = None
    contact_role: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    adjustments_offered: list[str] | None = None
    accessibility: str | None = None
    disclosure_stance: str | None = None
    notes: str | None = None


# Text fields that a client may send as null: stored as empty text, never as NULL.
EMPLOYER_TEXT = frozenset(
    {
        "sector",
        "size",
        "address",
        "contact_name",
        "contact_role",
        "contact_phone",
        "contact_email",
        "accessibility",
        "notes",
    }
)


class EmployerContactOut(Schema):
    ref: str
    contacted_on: datetime.date
    method: str
    met_hiring_manager: bool
    summary: str
    specialist: UserRef


class EmployerContactIn(Schema):
    method: str = Field(description="visit, meeting, phone, email or event")
    contacted_on: datetime.date | None = Field(None, description="Today if left out.")
    met_hiring_manager: bool = False
    summary: str = Field("", max_length=5000)


class WeekOut(Schema):
    week_starting: datetime.date
    contacts: int
    met_hiring_manager: int


class WeeklyContactsOut(Schema):
    specialist: UserRef
    weeks: list[WeekOut] = Field(description="Newest week first, every week shown.")


def _writable_employer(request: HttpRequest, ref: str) -> Employer:
    employer = selectors.access_employer(user=request.user, ref=ref)
    if not _may_write_for(request.user, employer.organisation_id):
        raise Http404
    return employer


def _employer_data(payload: dict, organisation: Organisation) -> dict:
    data = {
        key: "" if value is None and key in EMPLOYER_TEXT else value
        for key, value in payload.items()
    }
    if "region_id" in data:
        region = _region(
            data.pop("region_id"),
            country_code=organisation.region.country_code,
            name="region_id",
        )
        data["region"] = region
    return data


@router.get("/employers", response=list[EmployerOut])
@paginate(LimitOffsetPagination)
def list_employers(request: HttpRequest, search: str = ""):
    employers = selectors.visible_employers(user=request.user)
    if search.strip():
        employers = employers.filter(name__icontains=search.strip())
    return employers.order_by("name", "id")


@router.post("/employers", response={201: EmployerOut})
def create_employer(request: HttpRequest, payload: EmployerIn):
    data = payload.dict()
    organisation_ref = data.pop("organisation_ref")
    writable = Organisation.objects.filter(
        pk__in=organisation_ids_for(user=request.user, roles=WRITE_ROLES)
    ).select_related("region")
    if not writable.exists():
        raise Http404
    if organisation_ref:
        writable = writable.filter(ref=organisation_ref)
    organisations = list(writable[:2])
    if len(organisations) != 1:
        raise _invalid("organisation_ref", _("Say which of your organisations keeps the employer."))
    organisation = organisations[0]
    data = _employer_data(data, organisation)
    data["region"] = data.get("region") or organisation.region
    with _fields_named({"region": "region_id"}):
        employer = services.employer_create(
            actor=request.user, organisation=organisation, data=data
        )
    return Status(201, selectors.visible_employers(user=request.user).get(pk=employer.pk))


@router.get("/employers/contacts/weekly", response=WeeklyContactsOut)
def weekly_contacts(request: HttpRequest, specialist: str = "", weeks: int = Query(8, ge=1, le=52)):
    user = request.user
    if not organisation_ids_for(user=user, roles=CASEWORK_ROLES):
        raise Http404
    person = user
    if specialist and specialist != user.username:
        person = User.objects.filter(username=specialist, is_active=True).first()
        # Own contacts, or a team lead's team; anyone else learns nothing, not even that the
        # username exists.
        if person is None or not selectors.may_see_contacts_of(user=user, specialist=person):
            raise Http404
    return {
        "specialist": person,
        "weeks": selectors.employer_contacts_by_week(specialist=person, weeks=weeks),
    }


@router.get("/employers/{ref}", response=EmployerOut)
def get_employer(request: HttpRequest, ref: str):
    return selectors.access_employer(user=request.user, ref=ref)


@router.patch("/employers/{ref}", response=EmployerOut)
def patch_employer(request: HttpRequest, ref: str, payload: EmployerPatch):
    employer = _writable_employer(request, ref)
    data = _employer_data(payload.dict(exclude_unset=True), employer.organisation)
    with _fields_named({"region": "region_id"}):
        services.employer_update(actor=request.user, employer=employer, data=data)
    return selectors.access_employer(user=request.user, ref=ref)


@router.get("/employers/{ref}/contacts", response=list[EmployerContactOut])
@paginate(LimitOffsetPagination)
def list_employer_contacts(request: HttpRequest, ref: str):
    employer = selectors.access_employer(user=request.user, ref=ref)
    return (
        EmployerContact.objects.filter(employer=employer)
        .select_related("specialist")
        .order_by("-contacted_on", "-id")
    )


@router.post("/employers/{ref}/contacts", response={201: EmployerContactOut})
def record_employer_contact(request: HttpRequest, ref: str, payload: EmployerContactIn):
    employer = _writable_employer(request, ref)
    contact = services.employer_contact_record(
        actor=request.user,
        employer=employer,
        method=payload.method,
        contacted_on=payload.contacted_on,
        met_hiring_manager=payload.met_hiring_manager,
        summary=payload.summary,
    )
    return Status(201, contact)


# ---------------------------------------------------------------- vacancies


class VacancyItem(Schema):
    ref: str
    title: str
    employer: Named
    occupation: OccupationOut
    hours_per_week: float
    pay: Decimal | None = Field(description="A decimal string, in `currency`.")
    pay_period: str = Field(description="hour, month or year")
    currency: str
    contract: str
    region: RegionOut
    closing_on: datetime.date | None
    status: str

    @staticmethod
    def resolve_occupation(vacancy) -> dict | None:
        return _occupation(vacancy.occupation)


class VacancyOut(VacancyItem):
    description: str
    skills: list[str]
    latitude: float | None
    longitude: float | None
    adjustments_possible: list[str]
    source_contact_ref: str | None = Field(description="The employer contact it came from.")
    created_at: datetime.datetime

    @staticmethod
    def resolve_source_contact_ref(vacancy) -> str | None:
        return vacancy.source_contact.ref if vacancy.source_contact_id else None


class VacancyIn(Schema):
    employer_ref: str
    title: str = Field(max_length=200)
    occupation: str = Field(description="ISCO-08 unit group (four digits), e.g. 5223.")
    hours_per_week: Decimal
    contract: str = Field(
        description="permanent, fixed_term, temporary, apprenticeship or wage_subsidy"
    )
    description: str = ""
    skills: list[str] = []
    pay: Decimal | None = None
    pay_period: str = Field("hour", description="hour, month or year")
    currency: str | None = Field(
        None, description="GBP, DKK or IRR; the currency of the organisation's programmes."
    )
    region_id: int | None = Field(None, description="The employer's area if left out.")
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    adjustments_possible: list[str] = []
    closing_on: datetime.date | None = None
    source_contact_ref: str | None = Field(
        None, description="The contact with this employer that found the vacancy."
    )


class VacancyStatusIn(Schema):
    status: str = Field(description="open, filled or closed")


class CandidateOut(Schema):
    participant: ParticipantRef
    score: int = Field(description="0 to 100.")
    reasons: list[ReasonOut]


def _vacancies(queryset: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
    return queryset.select_related("source_contact")


def _currency(employer: Employer, sent: str | None) -> str:
    if sent:
        if sent not in Programme.Currency.values:
            raise _invalid("currency", _("Choose GBP, DKK or IRR."))
        return sent
    currency = (
        programmes_delivered_by(organisation=employer.organisation)
        .values_list("currency", flat=True)
        .first()
    )
    if currency is None:
        raise _invalid("currency", _("Say which currency the pay is in."))
    return currency


@router.get("/vacancies", response=list[VacancyOut])
@paginate(LimitOffsetPagination)
def list_vacancies(
    request: HttpRequest, status: str = "", occupation: str = "", employer_ref: str = ""
):
    if status and status not in Vacancy.Status.values:
        raise _invalid("status", _("Choose open, filled or closed."))
    if occupation and not (occupation.isdigit() and len(occupation) <= 4):
        raise _invalid("occupation", _("Give an ISCO-08 code or its first digits."))
    vacancies = _vacancies(selectors.visible_vacancies(user=request.user))
    if status:
        vacancies = vacancies.filter(status=status)
    if occupation:
        vacancies = vacancies.filter(occupation__startswith=occupation)
    if employer_ref:
        vacancies = vacancies.filter(employer__ref=employer_ref)
    return vacancies.order_by(F("closing_on").asc(nulls_last=True), "title", "id")


@router.post("/vacancies", response={201: VacancyOut})
def create_vacancy(request: HttpRequest, payload: VacancyIn):
    user = request.user
    if not organisation_ids_for(user=user, roles=WRITE_ROLES):
        raise Http404
    employer = selectors.visible_employers(user=user).filter(ref=payload.employer_ref).first()
    if employer is None or not _may_write_for(user, employer.organisation_id):
        raise _invalid("employer_ref", _("Choose an employer your organisation works with."))
    data = payload.dict(exclude={"employer_ref", "region_id", "source_contact_ref"})
    data["currency"] = _currency(employer, payload.currency)
    region = _region(
        payload.region_id,
        country_code=employer.organisation.region.country_code,
        name="region_id",
    )
    if region is not None:
        data["region"] = region
    if payload.source_contact_ref:
        source = EmployerContact.objects.filter(
            employer=employer, ref=payload.source_contact_ref
        ).first()
        if source is None:
            raise _invalid("source_contact_ref", _("Choose a contact with this employer."))
        data["source_contact"] = source
    with _fields_named({"region": "region_id", "source_contact": "source_contact_ref"}):
        vacancy = services.vacancy_create(actor=user, employer=employer, data=data)
    # Read back, so that the answer shows what was stored (2 decimal places of pay, and so on).
    return Status(201, _vacancies(selectors.visible_vacancies(user=user)).get(pk=vacancy.pk))


@router.get("/vacancies/{ref}", response=VacancyOut)
def get_vacancy(request: HttpRequest, ref: str):
    vacancy = _vacancies(selectors.visible_vacancies(user=request.user)).filter(ref=ref).first()
    if vacancy is None:
        raise Http404
    return vacancy


@router.post("/vacancies/{ref}/status", response=VacancyOut)
def set_vacancy_status(request: HttpRequest, ref: str, payload: VacancyStatusIn):
    vacancy = selectors.access_vacancy(user=request.user, ref=ref)
    if not _may_write_for(request.user, vacancy.employer.organisation_id):
        raise Http404
    services.vacancy_set_status(actor=request.user, vacancy=vacancy, status=payload.status)
    return _vacancies(selectors.visible_vacancies(user=request.user)).get(pk=vacancy.pk)


@router.get("/vacancies/{ref}/candidates", response=list[CandidateOut])
def vacancy_candidates(request: HttpRequest, ref: str, limit: int = Query(25, ge=1, le=100)):
    vacancy = selectors.access_vacancy(user=request.user, ref=ref)
    ranked = selectors.matches_for_vacancy(user=request.user, vacancy=vacancy, limit=limit)
    return [
        {
            "participant": found.participant,
            "score": found.match.score,
            "reasons": _reasons(found.match),
        }
        for found in ranked
    ]


# ---------------------------------------------------------------- preferences and matches


class PreferencesOut(Schema):
    occupations: list[OccupationOut]
    skills: list[str]
    hours_min: float | None
    hours_max: float | None
    max_travel_km: int | None
    home_region: RegionOut | None
    home_latitude: float | None
    home_longitude: float | None
    adjustments_needed: list[str]
    wishes: str
    updated_at: datetime.datetime | None = Field(description="None: never recorded.")


class PreferencesIn(Schema):
    """The whole of the person's preferences: what is left out is cleared."""

    occupations: list[str] = Field([], description="ISCO-08 unit groups, four digits each.")
    skills: list[str] = []
    hours_min: Decimal | None = Field(None, ge=0, le=80)
    hours_max: Decimal | None = Field(None, ge=0, le=80)
    max_travel_km: int | None = Field(None, ge=0, le=1000)
    home_region_id: int | None = None
    home_latitude: Decimal | None = None
    home_longitude: Decimal | None = None
    adjustments_needed: list[str] = []
    wishes: str = Field("", max_length=2000)


class VacancyMatchOut(Schema):
    vacancy: VacancyItem
    score: int = Field(description="0 to 100.")
    reasons: list[ReasonOut]


def _preferences_out(preferences: JobPreferences | None) -> dict:
    if preferences is None:
        preferences = JobPreferences()
        updated_at = None
    else:
        updated_at = preferences.updated_at
    return {
        "occupations": [_occupation(code) for code in preferences.occupations or []],
        "skills": list(preferences.skills or []),
        "hours_min": _float(preferences.hours_min),
        "hours_max": _float(preferences.hours_max),
        "max_travel_km": preferences.max_travel_km,
        "home_region": preferences.home_region if preferences.home_region_id else None,
        "home_latitude": _float(preferences.home_latitude),
        "home_longitude": _float(preferences.home_longitude),
        "adjustments_needed": list(preferences.adjustments_needed or []),
        "wishes": preferences.wishes,
        "updated_at": updated_at,
    }


def _preferences(access: ParticipantAccess) -> JobPreferences | None:
    return (
        JobPreferences.objects.filter(participant=access.participant)
        .select_related("home_region")
        .first()
    )


@participant_router.get("/{ref}/preferences", response=PreferencesOut)
def get_preferences(request: HttpRequest, ref: str):
    access = access_participant(user=request.user, ref=ref)
    _log(request, access)
    return _preferences_out(_preferences(access))


@participant_router.put("/{ref}/preferences", response=PreferencesOut)
def set_preferences(request: HttpRequest, ref: str, payload: PreferencesIn):
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    data = payload.dict(exclude={"home_region_id"})
    data["home_region"] = _region(
        payload.home_region_id,
        country_code=access.participant.owning_organisation.region.country_code,
        name="home_region_id",
    )
    with _fields_named({"home_region": "home_region_id"}):
        services.job_preferences_set(actor=request.user, participant=access.participant, data=data)
    return _preferences_out(_preferences(access))


@participant_router.get("/{ref}/matches", response=list[VacancyMatchOut])
def participant_matches(request: HttpRequest, ref: str, limit: int = Query(25, ge=1, le=100)):
    access = access_participant(user=request.user, ref=ref)
    _log(request, access)
    ranked = selectors.matches_for_participant(access=access, user=request.user, limit=limit)
    return [
        {"vacancy": found.vacancy, "score": found.match.score, "reasons": _reasons(found.match)}
        for found in ranked
    ]


# ---------------------------------------------------------------- placements


class CheckOut(Schema):
    ref: str
    weeks: int = Field(description="13, 26 or 52 weeks after the start.")
    due_on: datetime.date
    status: str = Field(description="due, confirmed or not_in_work")
    overdue: bool = Field(description="Still to record after its due date.")
    record_from: datetime.date = Field(description="The first day it may be recorded.")
    checked_on: datetime.date | None
    evidence: str
    note: str
    checked_by: UserRef | None

    @staticmethod
    def resolve_overdue(check) -> bool:
        return check.status == SustainmentCheck.Status.DUE and check.due_on < timezone.localdate()

    @staticmethod
    def resolve_record_from(check) -> datetime.date:
        return check.due_on - datetime.timedelta(days=services.EARLY_CHECK_DAYS)


class FollowUpOut(Schema):
    ref: str
    due_on: datetime.date
    done_on: datetime.date | None
    overdue: bool
    note: str
    done_by: UserRef | None

    @staticmethod
    def resolve_overdue(follow_up) -> bool:
        return follow_up.done_on is None and follow_up.due_on < timezone.localdate()


class PlacementItem(Schema):
    ref: str
    participant: ParticipantRef
    programme: Named
    enrolment_ref: str
    employer: Named | None
    vacancy_ref: str | None
    kind: str = Field(description="employed, self_employed or apprenticeship")
    job_title: str
    occupation: OccupationOut | None
    started_on: datetime.date
    hours_per_week: float
    pay: Decimal | None = Field(description="A decimal string, in `currency`.")
    pay_period: str
    currency: str
    ended_on: datetime.date | None
    end_reason: str
    is_job_outcome: bool = Field(description="By the programme's outcome definition.")

    @staticmethod
    def resolve_programme(placement) -> Programme:
        return placement.enrolment.programme

    @staticmethod
    def resolve_enrolment_ref(placement) -> str:
        return placement.enrolment.ref

    @staticmethod
    def resolve_vacancy_ref(placement) -> str | None:
        return placement.vacancy.ref if placement.vacancy_id else None

    @staticmethod
    def resolve_occupation(placement) -> dict | None:
        return _occupation(placement.occupation)

    @staticmethod
    def resolve_is_job_outcome(placement) -> bool:
        return outcomes.is_job_outcome(placement, placement.enrolment.programme)


class PlacementOut(PlacementItem):
    adjustments_agreed: list[str]
    adjustments_note: str
    disclosed_to_employer: bool
    earnings_evidence: str
    end_note: str
    checks: list[CheckOut]
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_checks(placement) -> list:
        return list(placement.checks.all())

    @staticmethod
    def resolve_follow_ups(placement) -> list:
        return list(placement.follow_ups.all())


class PlacementIn(Schema):
    enrolment_ref: str = Field(description="One of the person's enrolments.")
    kind: str = Field(description="employed, self_employed or apprenticeship")
    job_title: str = Field(max_length=200)
    started_on: datetime.date
    hours_per_week: Decimal
    employer_ref: str | None = Field(
        None, description="Needed unless self-employed; the vacancy's employer if left out."
    )
    vacancy_ref: str | None = None
    occupation: str = Field("", description="ISCO-08 unit group; the vacancy's if left out.")
    pay: Decimal | None = Field(None, ge=0)
    pay_period: str = Field("hour", description="hour, month or year")
    adjustments_agreed: list[str] = []
    adjustments_note: str = ""
    disclosed_to_employer: bool = Field(
        False, description="Needs the person's consent to disclosure to employers."
    )
    earnings_evidence: str = Field("", description="Needed for self-employment.")


class EndIn(Schema):
    reason: str = Field(
        description="resigned, dismissed, contract_ended, health, better_job, business_closed "
        "or other"
    )
    ended_on: datetime.date | None = Field(None, description="Today if left out.")
    note: str = ""
    back_to_job_finding: bool = Field(
        True, description="Move the person back to the job-finding stage."
    )


class SupportOut(Schema):
    ref: str
    with_whom: str = Field(description="person, employer or both")
    happened_on: datetime.date
    channel: str
    summary: str
    staff: UserRef


class SupportIn(Schema):
    with_whom: str = Field(description="person, employer or both")
    summary: str = Field(max_length=5000)
    channel: str = Field("", max_length=20)
    happened_on: datetime.date | None = Field(None, description="Today if left out.")


class CheckIn(Schema):
    in_work: bool
    evidence: str = Field(
        "",
        description="Needed when in work: payslip, employer, benefit_record, accounts or "
        "self_declaration.",
    )
    checked_on: datetime.date | None = Field(None, description="Today if left out.")
    note: str = ""


class FollowUpIn(Schema):
    note: str = Field(description="What the follow-up found.")
    done_on: datetime.date | None = Field(None, description="Today if left out.")


def _placements(user: User) -> QuerySet[Placement]:
    return (
        selectors.visible_placements(user=user)
        .select_related("vacancy", "enrolment")
        .prefetch_related(
            Prefetch("checks", SustainmentCheck.objects.select_related("checked_by")),
            Prefetch("follow_ups", FollowUp.objects.select_related("done_by")),
        )
    )


def _placement(
    request: HttpRequest, ref: str, need: Access = Access.READ
) -> tuple[Placement, ParticipantAccess]:
    """A placement the caller may see, and their access to its person: 404 alike for a
    placement that does not exist and one of somebody the caller may not open (or change)."""
    placement = _placements(request.user).filter(ref=ref).first()
    if placement is None:
        raise Http404
    access = access_participant(user=request.user, ref=placement.participant.ref, need=need)
    return placement, access


@router.get("/placements", response=list[PlacementItem])
@paginate(LimitOffsetPagination)
def list_placements(request: HttpRequest, status: str = ""):
    if status not in ("", "current", "ended"):
        raise _invalid("status", _("Choose current or ended."))
    placements = selectors.visible_placements(user=request.user).select_related(
        "vacancy", "enrolment"
    )
    if status == "current":
        placements = placements.filter(ended_on__isnull=True)
    elif status == "ended":
        placements = placements.filter(ended_on__isnull=False)
    return placements.order_by("-started_on", "-id")


@participant_router.post("/{ref}/placements", response={201: PlacementOut})
def start_placement(request: HttpRequest, ref: str, payload: PlacementIn):
    user = request.user
    access = access_participant(user=user, ref=ref, need=Access.WRITE)
    errors: dict[str, list[str]] = {}
    enrolment = (
        enrolments_for(participant=access.participant)
        .select_related("programme", "participant")
        .filter(ref=payload.enrolment_ref)
        .first()
    )
    if enrolment is None:
        errors["enrolment_ref"] = [_("Choose one of this person's enrolments.")]
    employer = None
    if payload.employer_ref:
        employer = selectors.visible_employers(user=user).filter(ref=payload.employer_ref).first()
        if employer is None:
            errors["employer_ref"] = [_("Choose an employer your organisation works with.")]
    vacancy = None
    if payload.vacancy_ref:
        vacancy = selectors.visible_vacancies(user=user).filter(ref=payload.vacancy_ref).first()
        if vacancy is None:
            errors["vacancy_ref"] = [_("Choose a vacancy your organisation holds.")]
    if payload.pay_period not in Vacancy.PayPeriod.values:
        errors["pay_period"] = [_("Choose hour, month or year.")]
    if errors:
        raise ValidationError(errors)
    with _fields_named(
        {"enrolment": "enrolment_ref", "employer": "employer_ref", "vacancy": "vacancy_ref"}
    ):
        placement = services.placement_start(
            actor=user,
            enrolment=enrolment,
            kind=payload.kind,
            job_title=payload.job_title,
            started_on=payload.started_on,
            hours_per_week=payload.hours_per_week,
            employer=employer,
            vacancy=vacancy,
            occupation=payload.occupation,
            pay=payload.pay,
            pay_period=payload.pay_period,
            adjustments_agreed=payload.adjustments_agreed,
            adjustments_note=payload.adjustments_note,
            disclosed_to_employer=payload.disclosed_to_employer,
            earnings_evidence=payload.earnings_evidence,
        )
    return Status(201, _placements(user).get(pk=placement.pk))


@router.get("/placements/{ref}", response=PlacementOut)
def get_placement(request: HttpRequest, ref: str):
    placement, access = _placement(request, ref)
    _log(request, access)
    return placement


@router.post("/placements/{ref}/end", response=PlacementOut)
def end_placement(request: HttpRequest, ref: str, payload: EndIn):
    placement, _access = _placement(request, ref, need=Access.WRITE)
    services.placement_end(
        actor=request.user,
        placement=placement,
        ended_on=payload.ended_on or timezone.localdate(),
        reason=payload.reason,
        note=payload.note,
        back_to_job_finding=payload.back_to_job_finding,
    )
    return _placements(request.user).get(pk=placement.pk)


@router.get("/placements/{ref}/support", response=list[SupportOut])
@paginate(LimitOffsetPagination)
def list_support(request: HttpRequest, ref: str):
    placement, access = _placement(request, ref)
    _log(request, access)
    return (
        InWorkSupport.objects.filter(placement=placement)
        .select_related("staff")
        .order_by("-happened_on", "-id")
    )


@router.post("/placements/{ref}/support", response={201: SupportOut})
def record_support(request: HttpRequest, ref: str, payload: SupportIn):
    placement, _access = _placement(request, ref, need=Access.WRITE)
    support = services.in_work_support_record(
        actor=request.user,
        placement=placement,
        with_whom=payload.with_whom,
        summary=payload.summary,
        channel=payload.channel,
        happened_on=payload.happened_on,
    )
    return Status(201, support)


@router.get("/placements/{ref}/checks", response=list[CheckOut])
@paginate(LimitOffsetPagination)
def list_checks(request: HttpRequest, ref: str):
    placement, access = _placement(request, ref)
    _log(request, access)
    return (
        SustainmentCheck.objects.filter(placement=placement)
        .select_related("checked_by")
        .order_by("due_on", "weeks")
    )


@router.post("/placements/{ref}/checks/{check_ref}", response=CheckOut)
def record_check(request: HttpRequest, ref: str, check_ref: str, payload: CheckIn):
    placement, _access = _placement(request, ref, need=Access.WRITE)
    check = SustainmentCheck.objects.filter(placement=placement, ref=check_ref).first()
    if check is None:
        raise Http404
    services.sustainment_check_record(
        actor=request.user,
        check=check,
        in_work=payload.in_work,
        evidence=payload.evidence,
        checked_on=payload.checked_on,
        note=payload.note,
    )
    return SustainmentCheck.objects.select_related("checked_by").get(pk=check.pk)


@router.get("/placements/{ref}/follow-ups", response=list[FollowUpOut])
@paginate(LimitOffsetPagination)
def list_follow_ups(request: HttpRequest, ref: str):
    placement, access = _placement(request, ref)
    _log(request, access)
    return (
        FollowUp.objects.filter(placement=placement)
        .select_related("done_by")
        .order_by("due_on", "id")
    )


@router.post("/placements/{ref}/follow-ups/{follow_up_ref}", response=FollowUpOut)
def complete_follow_up(request: HttpRequest, ref: str, follow_up_ref: str, payload: FollowUpIn):
    placement, _access = _placement(request, ref, need=Access.WRITE)
    follow_up = FollowUp.objects.filter(placement=placement, ref=follow_up_ref).first()
    if follow_up is None:
        raise Http404
    services.follow_up_complete(
        actor=request.user, follow_up=follow_up, note=payload.note, done_on=payload.done_on
    )
    return FollowUp.objects.select_related("done_by").get(pk=follow_up.pk)


# ---------------------------------------------------------------- outcomes


class DefinitionOut(Schema):
    job_outcome_min_hours: float
    counts_self_employment: bool
    counts_apprenticeship: bool


class OutcomesOut(Schema):
    programme: Named
    scope: str = Field(
        description="programme: every placement on it (programme managers of its owner); "
        "visible: the placements of the people the caller may open (delivering staff)."
    )
    definition: DefinitionOut
    job_outcomes: int | None
    sustained_13: int | None
    sustained_26: int | None
    sustained_52: int | None
    suppressed: bool = Field(
        description="True when a count from 1 to 4 is withheld (null) because it could "
        "identify someone; programme scope only."
    )


COUNTS = ("job_outcomes", "sustained_13", "sustained_26", "sustained_52")


@router.get("/outcomes", response=OutcomesOut)
def programme_outcomes(request: HttpRequest, programme_ref: str):
    user = request.user
    programme = Programme.objects.filter(ref=programme_ref).first()
    if programme is None:
        raise Http404
    managed = organisation_ids_for(user=user, roles={Role.PROGRAMME_MANAGER})
    casework = organisation_ids_for(user=user, roles=CASEWORK_ROLES)
    if programme.owner_id in managed:
        scope = "programme"
        counts: dict[str, int | None] = dict(outcomes.outcome_counts(programme))
    elif casework and programme.delivered_by.filter(pk__in=casework).exists():
        scope = "visible"
        counts = dict(outcomes.outcome_counts(programme, selectors.visible_placements(user=user)))
    else:
        raise Http404
    suppressed = False
    if scope == "programme":
        # Aggregates only, and no count so small that it could point at a person.
        for name in COUNTS:
            value = counts[name]
            if value is not None and 0 < value < SMALL_COUNT_THRESHOLD:
                counts[name] = None
                suppressed = True
    return {
        "programme": programme,
        "scope": scope,
        "definition": {
            "job_outcome_min_hours": float(programme.job_outcome_min_hours),
            "counts_self_employment": programme.outcome_counts_self_employment,
            "counts_apprenticeship": programme.outcome_counts_apprenticeship,
        },
        **{name: counts[name] for name in COUNTS},
        "suppressed": suppressed,
    }
