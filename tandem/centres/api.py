"""API for job-support centres: centres with their figures, licences and their decisions,
cohorts, trainees (enrol, exit) and follow-ups after placement.

The same selectors and services as the pages, so the same rules: 404 for a centre (licence,
cohort, trainee, follow-up) that does not exist or is not the caller's, 422 for bad input."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tandem.centres import selectors, services
from tandem.centres.models import Centre, Cohort, Licence
from tandem.core.periods import PeriodError, calendar_for_country, period_from_key, year_of

router = Router(tags=["centres"])


# ---------------------------------------------------------------- schemas


class FiguresOut(Schema):
    period: str = Field(description="The period key, e.g. 1404 (a Persian year from Nowruz).")
    entrants: int | None = Field(description="null: fewer than five, hidden (figures-only).")
    successful: int | None = Field(description="Entrants who exited into a job or self-employment.")
    dropped_out: int | None
    still_training: int | None = Field(
        description="Entrants still in training at the period's end."
    )
    placed: int | None = Field(description="Successful exits dated in the period.")
    success_rate: Decimal | None = Field(description="successful / entrants, in per cent.")
    successful_to_date: int | None = Field(
        description="The same entrants' successful exits up to today."
    )
    success_rate_to_date: Decimal | None = Field(
        description="successful_to_date / entrants, in per cent."
    )
    in_training_now: int
    places_free: int


class LicenceBrief(Schema):
    ref: str
    status: str
    number: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    valid_today: bool
    expired: bool


class CentreOut(Schema):
    ref: str
    name: str
    county: str
    address: str
    capacity: int
    trades: str
    licence: LicenceBrief | None
    figures: FiguresOut


class LicenceOut(Schema):
    ref: str
    centre_ref: str
    centre: str
    status: str
    status_label: str
    applicant_name: str
    premises: str
    staff_count: int
    staff_details: str
    trades: str
    applied_on: datetime.date
    review_started_on: datetime.date | None
    review_note: str
    inspected_on: datetime.date | None
    inspector: str
    inspection_findings: str
    number: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    renewed_on: datetime.date | None
    refusal_reason: str
    suspension_reason: str
    revocation_reason: str
    expired: bool

    @staticmethod
    def resolve_centre_ref(licence) -> str:
        return licence.centre.ref

    @staticmethod
    def resolve_centre(licence) -> str:
        return licence.centre.name

    @staticmethod
    def resolve_status_label(licence) -> str:
        return str(licence.get_status_display())

    @staticmethod
    def resolve_expired(licence) -> bool:
        return licence.is_expired_on(timezone.localdate())


class LicenceIn(Schema):
    applicant_name: str = Field(max_length=200)
    premises: str
    staff_count: int = Field(ge=1)
    staff_details: str = ""
    trades: str


class LicenceActionIn(Schema):
    note: str = Field("", description="review: an optional note")
    inspected_on: datetime.date | None = Field(None, description="inspect")
    inspector: str = Field("", description="inspect")
    findings: str = Field("", description="inspect")
    number: str = Field("", description="grant")
    valid_from: datetime.date | None = Field(None, description="grant")
    valid_to: datetime.date | None = Field(None, description="grant, renew")
    reason: str = Field("", description="refuse, suspend, revoke")


class CohortOut(Schema):
    ref: str
    centre_ref: str
    trade: str
    starts_on: datetime.date
    planned_end_on: datetime.date

    @staticmethod
    def resolve_centre_ref(cohort) -> str:
        return cohort.centre.ref


class CohortIn(Schema):
    trade: str = Field(max_length=200)
    starts_on: datetime.date
    planned_end_on: datetime.date


class TraineeOut(Schema):
    ref: str
    cohort_ref: str
    participant_ref: str
    full_name: str
    enrolled_on: datetime.date
    status: str
    exited_on: datetime.date | None
    job: str
    dropout_reason: str

    @staticmethod
    def resolve_cohort_ref(trainee) -> str:
        return trainee.cohort.ref

    @staticmethod
    def resolve_participant_ref(trainee) -> str:
        return trainee.participant.ref

    @staticmethod
    def resolve_full_name(trainee) -> str:
        return trainee.participant.full_name


class EnrolIn(Schema):
    participant_ref: str | None = Field(
        None, description="A person your centre already works with; or send full_name."
    )
    full_name: str | None = Field(None, description="A new person, owned by the centre.")
    enrolled_on: datetime.date | None = Field(None, description="Today if left out.")


class ExitIn(Schema):
    outcome: str = Field(description="placed, self_employed or dropped_out")
    exited_on: datetime.date | None = Field(None, description="Today if left out.")
    job: str = Field("", description="The job or business (placed, self_employed).")
    reason: str = Field("", description="Why the person left (dropped_out).")


class FollowUpOut(Schema):
    ref: str
    trainee_ref: str
    full_name: str
    week: int
    due_on: datetime.date
    overdue: bool
    done_on: datetime.date | None
    still_working: bool | None
    note: str

    @staticmethod
    def resolve_trainee_ref(follow_up) -> str:
        return follow_up.trainee.ref

    @staticmethod
    def resolve_full_name(follow_up) -> str:
        return follow_up.trainee.participant.full_name

    @staticmethod
    def resolve_overdue(follow_up) -> bool:
        return follow_up.done_on is None and follow_up.due_on < timezone.localdate()


class FollowUpIn(Schema):
    still_working: bool
    note: str = ""
    done_on: datetime.date | None = None


# ---------------------------------------------------------------- centres


def _period(centre_country: str, year: str):
    calendar = calendar_for_country(centre_country)
    if not year:
        return year_of(calendar, timezone.localdate())
    try:
        period = period_from_key(calendar, year)
    except PeriodError as error:
        raise ValidationError({"year": [str(error)]}) from None
    return period


def _licence_brief(licence: Licence | None) -> dict | None:
    if licence is None:
        return None
    today = timezone.localdate()
    return {
        "ref": licence.ref,
        "status": licence.status,
        "number": licence.number,
        "valid_from": licence.valid_from,
        "valid_to": licence.valid_to,
        "valid_today": licence.is_valid_on(today),
        "expired": licence.is_expired_on(today),
    }


def _centres_out(user, centres: list[Centre], period) -> list[dict]:
    if not centres:
        return []
    rows = {
        row["ref"]: row
        for row in selectors.visible_figure_rows(
            user=user, period=period, centres=Centre.objects.filter(pk__in=[c.pk for c in centres])
        )
    }
    licences = selectors.current_licences(centres=centres)
    full = selectors.sees_names_of(user=user)
    for centre in centres:
        if centre.pk not in full:
            rows[centre.ref] = selectors.suppress_small_counts([rows[centre.ref]])[0]
    return [
        {
            "ref": centre.ref,
            "name": centre.name,
            "county": centre.county.name,
            "address": centre.address,
            "capacity": centre.capacity,
            "trades": centre.trades,
            "licence": _licence_brief(licences.get(centre.pk)),
            "figures": {**rows[centre.ref], "period": period.key},
        }
        for centre in centres
    ]


@router.get("", response=list[CentreOut])
@paginate(LimitOffsetPagination)
def list_centres(request: HttpRequest, year: str = ""):
    """Centres you manage, supervise or oversee, each with its figures for a year (one query
    for all the figures)."""
    centres = list(
        selectors.visible_centres(user=request.user).order_by("organisation__name", "id")
    )
    if not centres:
        return []
    return _centres_out(request.user, centres, _period(centres[0].county.country_code, year))


@router.get("/licences", response=list[LicenceOut])
@paginate(LimitOffsetPagination)
def list_licences(request: HttpRequest, show: str = ""):
    """Licences of centres you manage or supervise; show=warnings for expired or expiring."""
    if show == "warnings":
        return selectors.licence_warnings(user=request.user)
    licences = selectors.visible_licences(user=request.user)
    if show:
        if show not in Licence.Status.values:
            raise ValidationError({"show": [_("Choose a licence status or warnings.")]})
        licences = licences.filter(status=show)
    return licences.order_by("centre__organisation__name", "-id")


@router.get("/licences/{ref}", response=LicenceOut)
def get_licence(request: HttpRequest, ref: str):
    licence, _access = selectors.access_licence(user=request.user, ref=ref)
    return licence


OFFICER_ACTIONS = {"review", "inspect", "grant", "refuse", "suspend", "reinstate", "revoke"}


def _require(value, field: str):
    if value in (None, ""):
        raise ValidationError({field: [_("This field is required.")]})
    return value


@router.post("/licences/{ref}/{action}", response=LicenceOut)
def act_on_licence(request: HttpRequest, ref: str, action: str, payload: LicenceActionIn):
    """review, inspect, grant, refuse, renew, suspend, reinstate or revoke."""
    if action not in OFFICER_ACTIONS | {"renew"}:
        raise Http404
    licence, access = selectors.access_licence(user=request.user, ref=ref)
    allowed = access.supervises or (action == "renew" and access.manages)
    if not allowed:
        raise Http404
    actor, data = request.user, payload
    if action == "review":
        licence = services.licence_review_start(actor=actor, licence=licence, note=data.note)
    elif action == "inspect":
        licence = services.licence_inspect(
            actor=actor,
            licence=licence,
            inspected_on=_require(data.inspected_on, "inspected_on"),
            inspector=data.inspector,
            findings=data.findings,
        )
    elif action == "grant":
        licence = services.licence_grant(
            actor=actor,
            licence=licence,
            number=data.number,
            valid_from=_require(data.valid_from, "valid_from"),
            valid_to=_require(data.valid_to, "valid_to"),
        )
    elif action == "refuse":
        licence = services.licence_refuse(actor=actor, licence=licence, reason=data.reason)
    elif action == "renew":
        licence = services.licence_renew(
            actor=actor, licence=licence, valid_to=_require(data.valid_to, "valid_to")
        )
    elif action == "suspend":
        licence = services.licence_suspend(actor=actor, licence=licence, reason=data.reason)
    elif action == "reinstate":
        licence = services.licence_reinstate(actor=actor, licence=licence)
    else:
        licence = services.licence_revoke(actor=actor, licence=licence, reason=data.reason)
    return selectors.visible_licences(user=actor).get(pk=licence.pk)


@router.get("/follow-ups", response=list[FollowUpOut])
@paginate(LimitOffsetPagination)
def list_follow_ups(request: HttpRequest, due: bool = True):
    """Follow-ups after placement in your centres: by default only the overdue and those due
    within two weeks; due=false for all."""
    if due:
        return selectors.due_follow_ups(user=request.user)
    return selectors.visible_follow_ups(user=request.user).order_by("due_on", "id")


@router.post("/follow-ups/{ref}", response=FollowUpOut)
def record_follow_up(request: HttpRequest, ref: str, payload: FollowUpIn):
    follow_up = selectors.access_follow_up(user=request.user, ref=ref)
    services.follow_up_record(
        actor=request.user,
        follow_up=follow_up,
        still_working=payload.still_working,
        note=payload.note,
        done_on=payload.done_on,
    )
    return selectors.visible_follow_ups(user=request.user).get(pk=follow_up.pk)


@router.get("/cohorts/{ref}", response=CohortOut)
def get_cohort(request: HttpRequest, ref: str):
    cohort, _access = selectors.access_cohort(user=request.user, ref=ref)
    return cohort


@router.get("/cohorts/{ref}/trainees", response=list[TraineeOut])
@paginate(LimitOffsetPagination)
def list_trainees(request: HttpRequest, ref: str):
    cohort, _access = selectors.access_cohort(user=request.user, ref=ref)
    return (
        selectors.visible_trainees(user=request.user)
        .filter(cohort=cohort)
        .order_by("participant__full_name", "id")
    )


@router.post("/cohorts/{ref}/trainees", response={201: TraineeOut})
def enrol_trainee(request: HttpRequest, ref: str, payload: EnrolIn):
    cohort, _access = selectors.access_cohort(user=request.user, ref=ref)
    participant = None
    new_person = None
    if payload.participant_ref:
        participant = (
            selectors.centre_people(user=request.user, centre=cohort.centre)
            .filter(ref=payload.participant_ref)
            .first()
        )
        if participant is None:
            raise ValidationError(
                {"participant_ref": [_("Choose a person your centre works with.")]}
            )
    elif payload.full_name:
        new_person = {"full_name": payload.full_name}
    else:
        raise ValidationError({"participant_ref": [_("Choose a person or enter a new one.")]})
    trainee = services.trainee_enrol(
        actor=request.user,
        cohort=cohort,
        participant=participant,
        new_person=new_person,
        enrolled_on=payload.enrolled_on,
    )
    return Status(201, selectors.visible_trainees(user=request.user).get(pk=trainee.pk))


@router.get("/trainees/{ref}", response=TraineeOut)
def get_trainee(request: HttpRequest, ref: str):
    return selectors.access_trainee(user=request.user, ref=ref)


@router.post("/trainees/{ref}/exit", response=TraineeOut)
def exit_trainee(request: HttpRequest, ref: str, payload: ExitIn):
    trainee = selectors.access_trainee(user=request.user, ref=ref)
    services.trainee_exit(
        actor=request.user,
        trainee=trainee,
        outcome=payload.outcome,
        exited_on=payload.exited_on or timezone.localdate(),
        job=payload.job,
        reason=payload.reason,
    )
    return selectors.access_trainee(user=request.user, ref=ref)


@router.get("/{ref}", response=CentreOut)
def get_centre(request: HttpRequest, ref: str, year: str = ""):
    access = selectors.access_centre(user=request.user, ref=ref)
    period = _period(access.centre.county.country_code, year)
    return _centres_out(request.user, [access.centre], period)[0]


@router.post("/{ref}/licences", response={201: LicenceOut})
def apply_for_licence(request: HttpRequest, ref: str, payload: LicenceIn):
    access = selectors.access_centre(user=request.user, ref=ref, manage=True)
    licence = services.licence_apply(actor=request.user, centre=access.centre, **payload.dict())
    return Status(201, selectors.visible_licences(user=request.user).get(pk=licence.pk))


@router.get("/{ref}/cohorts", response=list[CohortOut])
@paginate(LimitOffsetPagination)
def list_cohorts(request: HttpRequest, ref: str):
    access = selectors.access_centre(user=request.user, ref=ref, manage=True)
    return (
        Cohort.objects.filter(centre=access.centre)
        .select_related("centre")
        .order_by("-starts_on", "-id")
    )


@router.post("/{ref}/cohorts", response={201: CohortOut})
def create_cohort(request: HttpRequest, ref: str, payload: CohortIn):
    access = selectors.access_centre(user=request.user, ref=ref, manage=True)
    cohort = services.cohort_create(actor=request.user, centre=access.centre, **payload.dict())
    return Status(201, cohort)
