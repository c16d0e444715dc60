"""API for casework: a person's enrolments and stages, assessments, plan and milestones,
contacts, appointments and case reviews; the caller's caseload and the reviews they may see.

The same selectors and services as the pages, so the same rules: everything about a person goes
through `access_participant` (404 alike for missing and not yours), social and health content
only through `casework.selectors`, and every write through a service.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from functools import cached_property
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tandem.casework import selectors, services
from tandem.casework.models import (
    Assessment,
    CaseReview,
    Goal,
    Milestone,
    Plan,
    StageChange,
)
from tandem.core.access import CASEWORK_ROLES, Access
from tandem.core.schemas import UserRef
from tandem.interventions.models import InterventionReferral
from tandem.organisations.models import Membership, User
from tandem.participants.models import AccessLogEntry, CaseTeamMember, Participant
from tandem.participants.selectors import (
    ParticipantAccess,
    access_participant,
    visible_participants,
)
from tandem.participants.services import access_log_record
from tandem.referrals import services as referral_services
from tandem.referrals.models import Enrolment
from tandem.referrals.selectors import enrolments_for

participant_router = Router(tags=["casework"])
router = Router(tags=["casework"])

API = AccessLogEntry.Channel.API


# ---------------------------------------------------------------- shared


class _Access(ParticipantAccess):
    # `sees_health` asks the database about consent each time, and the selectors ask it once
    # per row: remember it for the length of one request.
    @cached_property
    def sees_health(self) -> bool:  # type: ignore[override]
        return super().sees_health


def _access(request: HttpRequest, ref: str, need: Access = Access.READ) -> ParticipantAccess:
    access = access_participant(user=request.user, ref=ref, need=need)
    return _Access(**{item.name: getattr(access, item.name) for item in fields(access)})


def _log(request: HttpRequest, access: ParticipantAccess, action: str = "") -> None:
    access_log_record(
        user=request.user,
        access=access,
        action=action or AccessLogEntry.Action.VIEW_RECORD,
        channel=API,
    )


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


def _invalid(name: str, message: str) -> ValidationError:
    return ValidationError({name: [message]})


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    # A time sent without an offset is read in the service's time zone, as the pages do.
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def _case_staff(participant: Participant) -> QuerySet[User]:
    """Who may be named on this person's case (appointments, reviews, actions): casework staff
    of the owning organisation, and case-team members who still work in a casework role."""
    works_here = Membership.objects.filter(
        user=OuterRef("pk"),
        organisation_id=participant.owning_organisation_id,
        role__in=CASEWORK_ROLES,
        is_active=True,
    )
    on_team = CaseTeamMember.objects.filter(participant=participant, user=OuterRef("pk"))
    casework = Membership.objects.filter(
        user=OuterRef("pk"), role__in=CASEWORK_ROLES, is_active=True
    )
    return User.objects.filter(is_active=True).filter(
        Exists(works_here) | (Exists(on_team) & Exists(casework))
    )


def _enrolment(access: ParticipantAccess, enrolment_ref: str) -> Enrolment:
    # Only this person's enrolments: anyone else's reference is a 404.
    enrolment = (
        enrolments_for(participant=access.participant)
        .select_related("key_worker")
        .filter(ref=enrolment_ref)
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment


def _enrolment_in_body(access: ParticipantAccess, enrolment_ref: str, name: str) -> Enrolment:
    enrolment = enrolments_for(participant=access.participant).filter(ref=enrolment_ref).first()
    if enrolment is None:
        raise _invalid(name, _("Choose one of this person's enrolments."))
    return enrolment


class OrganisationRef(Schema):
    ref: str
    name: str


class ParticipantRef(Schema):
    ref: str
    full_name: str


class ProgrammeRef(Schema):
    ref: str
    name: str


# ---------------------------------------------------------------- enrolments and stages


class ProgrammeOut(Schema):
    ref: str
    name: str
    eligibility: str
    support_months_out_of_work: int = Field(description="0: no time limit.")
    support_months_in_work: int = Field(description="For people in work but at risk.")


class EnrolmentOut(Schema):
    ref: str
    programme: ProgrammeOut
    organisation: OrganisationRef
    status: str = Field(description="active, paused or exited")
    started_on: datetime.date
    support_ends_on: datetime.date | None = Field(description="None: no time limit.")
    in_work_at_start: bool
    stage: str
    stage_since: datetime.datetime | None
    key_worker: UserRef | None
    ended_on: datetime.date | None
    exit_reason: str
    exit_note: str


class PauseIn(Schema):
    note: str = Field("", max_length=500)


class ExitIn(Schema):
    reason: str = Field(description="job, self_employment, education, moved, withdrew, …")
    ended_on: datetime.date | None = None
    note: str = ""


class KeyWorkerIn(Schema):
    username: str


class StageIn(Schema):
    to_stage: str = Field(
        description="engagement, vocational_profiling, job_finding, employer_engagement or "
        "on_off_job_support; moving back is allowed."
    )
    note: str = Field("", max_length=500)


class StageChangeOut(Schema):
    from_stage: str
    to_stage: str
    changed_at: datetime.datetime
    changed_by: UserRef
    note: str


@participant_router.get("/{ref}/enrolments", response=list[EnrolmentOut])
@paginate(LimitOffsetPagination)
def list_enrolments(request: HttpRequest, ref: str):
    access = _access(request, ref)
    _log(request, access)
    return (
        enrolments_for(participant=access.participant)
        .select_related("key_worker")
        .order_by("-started_on", "-id")
    )


@participant_router.get("/{ref}/enrolments/{enrolment_ref}", response=EnrolmentOut)
def get_enrolment(request: HttpRequest, ref: str, enrolment_ref: str):
    access = _access(request, ref)
    enrolment = _enrolment(access, enrolment_ref)
    _log(request, access)
    return enrolment


@participant_router.post("/{ref}/enrolments/{enrolment_ref}/pause", response=EnrolmentOut)
def pause_enrolment(request: HttpRequest, ref: str, enrolment_ref: str, payload: PauseIn):
    access = _access(request, ref, need=Access.WRITE)
    enrolment = _enrolment(access, enrolment_ref)
    referral_services.enrolment_pause(actor=request.user, enrolment=enrolment, note=payload.note)
    return _enrolment(access, enrolment_ref)


@participant_router.post("/{ref}/enrolments/{enrolment_ref}/resume", response=EnrolmentOut)
def resume_enrolment(request: HttpRequest, ref: str, enrolment_ref: str):
    access = _access(request, ref, need=Access.WRITE)
    enrolment = _enrolment(access, enrolment_ref)
    referral_services.enrolment_resume(actor=request.user, enrolment=enrolment)
    return _enrolment(access, enrolment_ref)


@participant_router.post("/{ref}/enrolments/{enrolment_ref}/exit", response=EnrolmentOut)
def exit_enrolment(request: HttpRequest, ref: str, enrolment_ref: str, payload: ExitIn):
    access = _access(request, ref, need=Access.WRITE)
    enrolment = _enrolment(access, enrolment_ref)
    referral_services.enrolment_exit(
        actor=request.user,
        enrolment=enrolment,
        reason=payload.reason,
        ended_on=payload.ended_on,
        note=payload.note,
    )
    return _enrolment(access, enrolment_ref)


@participant_router.post("/{ref}/enrolments/{enrolment_ref}/key-worker", response=EnrolmentOut)
def set_key_worker(request: HttpRequest, ref: str, enrolment_ref: str, payload: KeyWorkerIn):
    access = _access(request, ref, need=Access.WRITE)
    enrolment = _enrolment(access, enrolment_ref)
    key_worker = User.objects.filter(username=payload.username, is_active=True).first()
    if key_worker is None:
        raise _invalid(
            "username", _("The key worker must work for the organisation giving the support.")
        )
    with _fields_named({"key_worker": "username"}):
        referral_services.enrolment_key_worker_set(
            actor=request.user, enrolment=enrolment, key_worker=key_worker
        )
    return _enrolment(access, enrolment_ref)


@participant_router.post("/{ref}/enrolments/{enrolment_ref}/stage", response={201: StageChangeOut})
def move_stage(request: HttpRequest, ref: str, enrolment_ref: str, payload: StageIn):
    access = _access(request, ref, need=Access.WRITE)
    enrolment = _enrolment(access, enrolment_ref)
    change = services.stage_move(
        actor=request.user, enrolment=enrolment, to_stage=payload.to_stage, note=payload.note
    )
    return Status(201, change)


@participant_router.get(
    "/{ref}/enrolments/{enrolment_ref}/stage-changes", response=list[StageChangeOut]
)
@paginate(LimitOffsetPagination)
def list_stage_changes(request: HttpRequest, ref: str, enrolment_ref: str):
    access = _access(request, ref)
    enrolment = _enrolment(access, enrolment_ref)
    _log(request, access)
    return (
        StageChange.objects.filter(enrolment=enrolment)
        .select_related("changed_by")
        .order_by("-changed_at", "-id")
    )


# ---------------------------------------------------------------- assessments


class AssessmentOut(Schema):
    ref: str
    kind: str
    version: int
    assessed_on: datetime.date
    author: UserRef
    answers: dict[str, Any]
    health_hidden: bool = Field(
        description="True when the assessment has health answers that the caller may not see "
        "(they are left out of `answers`)."
    )


class AssessmentIn(Schema):
    kind: str = Field(description="health_conversation, vocational_profile or barrier_assessment")
    answers: dict[str, Any] = Field(description="Question key → answer; see docs/api-casework.md.")
    assessed_on: datetime.date | None = None


def _assessment_out(view: selectors.AssessmentView) -> dict:
    assessment = view.assessment
    return {
        "ref": assessment.ref,
        "kind": assessment.kind,
        "version": assessment.version,
        "assessed_on": assessment.assessed_on,
        "author": assessment.author,
        "answers": view.answers,
        "health_hidden": view.health_hidden,
    }


@participant_router.get("/{ref}/assessments", response=list[AssessmentOut])
@paginate(LimitOffsetPagination)
def list_assessments(request: HttpRequest, ref: str, kind: str = ""):
    access = _access(request, ref)
    if kind and kind not in Assessment.Kind.values:
        raise _invalid("kind", _("Unknown kind of assessment."))
    _log(request, access)
    views = selectors.assessments_for(access=access, user=request.user, kind=kind or None)
    return [_assessment_out(view) for view in views]


@participant_router.post("/{ref}/assessments", response={201: AssessmentOut})
def record_assessment(request: HttpRequest, ref: str, payload: AssessmentIn):
    access = _access(request, ref, need=Access.WRITE)
    with _fields_named({key: f"answers.{key}" for key in payload.answers}):
        assessment = services.assessment_record(
            actor=request.user,
            participant=access.participant,
            kind=payload.kind,
            answers=payload.answers,
            assessed_on=payload.assessed_on,
        )
    view = selectors.assessment_get(
        access=access, user=request.user, kind=assessment.kind, version=assessment.version
    )
    return Status(201, _assessment_out(view))


@participant_router.get("/{ref}/assessments/{kind}/{version}", response=AssessmentOut)
def get_assessment(request: HttpRequest, ref: str, kind: str, version: int):
    access = _access(request, ref)
    if kind not in Assessment.Kind.values:
        raise Http404
    view = selectors.assessment_get(access=access, user=request.user, kind=kind, version=version)
    if view is None:
        raise Http404
    _log(request, access)
    return _assessment_out(view)


# ---------------------------------------------------------------- plans and milestones


class InterventionLink(Schema):
    ref: str = Field(description="The referral to the intervention.")
    name: str
    status: str


class MilestoneOut(Schema):
    ref: str
    description: str
    target_on: datetime.date
    state: str
    state_changed_on: datetime.date | None
    overdue: bool = Field(description="Still open after its target date.")
    interventions: list[InterventionLink]


class GoalRef(Schema):
    ref: str
    track: str
    description: str


class GoalOut(GoalRef):
    created_by: UserRef
    milestones: list[MilestoneOut]


class TrackOut(Schema):
    track: str
    label: str
    goals: list[GoalOut]


class PlanOut(Schema):
    ref: str
    enrolment_ref: str
    summary: str
    agreed_on: datetime.date | None
    agreement_method: str
    review_on: datetime.date | None
    created_by: UserRef
    tracks: list[TrackOut]
    hidden_goals: int = Field(
        description="Goals in tracks the caller may not see (health or social), counted only."
    )


class MilestoneItem(MilestoneOut):
    goal: GoalRef
    enrolment_ref: str


class PlanIn(Schema):
    enrolment_ref: str
    summary: str = ""
    review_on: datetime.date | None = None


class PlanPatch(Schema):
    """Only the fields sent are changed; `review_on: null` clears the date."""

    summary: str | None = None
    review_on: datetime.date | None = None


class AgreeIn(Schema):
    method: str = Field(description="verbal, written or digital")
    agreed_on: datetime.date | None = None


class GoalIn(Schema):
    track: str = Field(description="employment, social, health or skills")
    description: str = Field(max_length=500)


class MilestoneIn(Schema):
    description: str = Field(max_length=500)
    target_on: datetime.date
    intervention_refs: list[str] = Field(
        [], description="This person's referrals to interventions that serve the milestone."
    )


class MilestoneStateIn(Schema):
    state: str = Field(description="planned, in_progress, achieved, missed or dropped")


def _milestone_out(milestone: Milestone, today: datetime.date) -> dict:
    return {
        "ref": milestone.ref,
        "description": milestone.description,
        "target_on": milestone.target_on,
        "state": milestone.state,
        "state_changed_on": milestone.state_changed_on,
        "overdue": milestone.state in Milestone.OPEN_STATES and milestone.target_on < today,
        "interventions": [
            {"ref": referral.ref, "name": referral.intervention.name, "status": referral.status}
            for referral in milestone.interventions.all()
        ],
    }


def _goal_out(view: selectors.GoalView, today: datetime.date) -> dict:
    goal = view.goal
    return {
        "ref": goal.ref,
        "track": goal.track,
        "description": goal.description,
        "created_by": goal.created_by,
        "milestones": [_milestone_out(milestone, today) for milestone in view.milestones],
    }


def _plan_out(access: ParticipantAccess, user: User, plan: Plan) -> dict:
    view = selectors.plan_view(access=access, user=user, plan=plan)
    today = timezone.localdate()
    return {
        "ref": plan.ref,
        "enrolment_ref": plan.enrolment.ref,
        "summary": plan.summary,
        "agreed_on": plan.agreed_on,
        "agreement_method": plan.agreement_method,
        "review_on": plan.review_on,
        "created_by": plan.created_by,
        "tracks": [
            {"track": track, "label": label, "goals": [_goal_out(goal, today) for goal in goals]}
            for track, label, goals in view.tracks
        ],
        "hidden_goals": view.hidden_goals,
    }


def _plans(access: ParticipantAccess) -> QuerySet[Plan]:
    return Plan.objects.filter(participant=access.participant).select_related(
        "enrolment", "created_by"
    )


def _plan(access: ParticipantAccess, enrolment_ref: str) -> Plan:
    """The plan of the enrolment named, or else of the newest open enrolment that has one."""
    plans = _plans(access)
    if enrolment_ref:
        plan = plans.filter(enrolment__ref=enrolment_ref).first()
    else:
        newest_first = ("-enrolment__started_on", "-id")
        plan = (
            plans.exclude(enrolment__status=Enrolment.Status.EXITED).order_by(*newest_first).first()
            or plans.order_by(*newest_first).first()
        )
    if plan is None:
        raise Http404
    return plan


def _visible_goals(access: ParticipantAccess, user: User, plan: Plan) -> list[Goal]:
    view = selectors.plan_view(access=access, user=user, plan=plan)
    return [goal_view.goal for _track, _label, goals in view.tracks for goal_view in goals]


def _visible_goal(access: ParticipantAccess, user: User, goal_ref: str) -> Goal:
    # A goal the caller may not see is as missing as one that does not exist.
    goal = (
        Goal.objects.filter(plan__participant=access.participant, ref=goal_ref)
        .select_related("plan", "created_by")
        .first()
    )
    if goal is None or goal.pk not in {g.pk for g in _visible_goals(access, user, goal.plan)}:
        raise Http404
    return goal


def _visible_milestone(access: ParticipantAccess, user: User, milestone_ref: str) -> Milestone:
    milestone = (
        Milestone.objects.filter(goal__plan__participant=access.participant, ref=milestone_ref)
        .select_related("goal__plan")
        .first()
    )
    if milestone is None:
        raise Http404
    _visible_goal(access, user, milestone.goal.ref)
    return milestone


def _milestone_reloaded(milestone: Milestone) -> Milestone:
    return Milestone.objects.prefetch_related("interventions__intervention").get(pk=milestone.pk)


@participant_router.get("/{ref}/plan", response=PlanOut)
def get_plan(request: HttpRequest, ref: str, enrolment: str = ""):
    access = _access(request, ref)
    plan = _plan(access, enrolment)
    _log(request, access)
    return _plan_out(access, request.user, plan)


@participant_router.post("/{ref}/plan", response={201: PlanOut})
def create_plan(request: HttpRequest, ref: str, payload: PlanIn):
    access = _access(request, ref, need=Access.WRITE)
    enrolment = _enrolment_in_body(access, payload.enrolment_ref, "enrolment_ref")
    plan = services.plan_create(
        actor=request.user,
        enrolment=enrolment,
        summary=payload.summary,
        review_on=payload.review_on,
    )
    return Status(201, _plan_out(access, request.user, _plans(access).get(pk=plan.pk)))


@participant_router.patch("/{ref}/plan", response=PlanOut)
def patch_plan(request: HttpRequest, ref: str, payload: PlanPatch, enrolment: str = ""):
    access = _access(request, ref, need=Access.WRITE)
    plan = _plan(access, enrolment)
    sent = payload.dict(exclude_unset=True)
    services.plan_update(
        actor=request.user,
        plan=plan,
        summary=sent["summary"] if sent.get("summary") is not None else plan.summary,
        review_on=sent.get("review_on", plan.review_on),
    )
    # The answer carries the whole plan, so the change is also a read of it.
    _log(request, access, AccessLogEntry.Action.EDIT)
    return _plan_out(access, request.user, _plans(access).get(pk=plan.pk))


@participant_router.post("/{ref}/plan/agree", response=PlanOut)
def agree_plan(request: HttpRequest, ref: str, payload: AgreeIn, enrolment: str = ""):
    access = _access(request, ref, need=Access.WRITE)
    plan = _plan(access, enrolment)
    services.plan_agree(
        actor=request.user, plan=plan, method=payload.method, agreed_on=payload.agreed_on
    )
    _log(request, access, AccessLogEntry.Action.EDIT)
    return _plan_out(access, request.user, _plans(access).get(pk=plan.pk))


@participant_router.post("/{ref}/plan/goals", response={201: GoalOut})
def add_goal(request: HttpRequest, ref: str, payload: GoalIn, enrolment: str = ""):
    access = _access(request, ref, need=Access.WRITE)
    plan = _plan(access, enrolment)
    goal = services.goal_add(
        actor=request.user, plan=plan, track=payload.track, description=payload.description
    )
    return Status(
        201,
        {
            "ref": goal.ref,
            "track": goal.track,
            "description": goal.description,
            "created_by": request.user,
            "milestones": [],
        },
    )


@participant_router.post("/{ref}/plan/goals/{goal_ref}/milestones", response={201: MilestoneOut})
def add_milestone(request: HttpRequest, ref: str, goal_ref: str, payload: MilestoneIn):
    access = _access(request, ref, need=Access.WRITE)
    goal = _visible_goal(access, request.user, goal_ref)
    wanted = list(dict.fromkeys(payload.intervention_refs))
    referrals = list(
        InterventionReferral.objects.filter(participant=access.participant, ref__in=wanted)
    )
    if len(referrals) != len(wanted):
        raise _invalid("intervention_refs", _("Choose this person's interventions."))
    with _fields_named({"interventions": "intervention_refs"}):
        milestone = services.milestone_add(
            actor=request.user,
            goal=goal,
            description=payload.description,
            target_on=payload.target_on,
            intervention_referrals=referrals,
        )
    return Status(201, _milestone_out(_milestone_reloaded(milestone), timezone.localdate()))


@participant_router.get("/{ref}/milestones", response=list[MilestoneItem])
@paginate(LimitOffsetPagination)
def list_milestones(request: HttpRequest, ref: str, state: str = ""):
    access = _access(request, ref)
    if state and state not in Milestone.State.values:
        raise _invalid("state", _("Choose a state."))
    _log(request, access)
    today = timezone.localdate()
    items = []
    # One plan per enrolment, so a handful per person; each read through the plan selector,
    # which decides which goals (and so which milestones) the caller may see.
    for plan in _plans(access).order_by("-enrolment__started_on", "-id"):
        view = selectors.plan_view(access=access, user=request.user, plan=plan)
        for _track, _label, goals in view.tracks:
            for goal_view in goals:
                goal = goal_view.goal
                for milestone in goal_view.milestones:
                    if state and milestone.state != state:
                        continue
                    items.append(
                        _milestone_out(milestone, today)
                        | {
                            "goal": {
                                "ref": goal.ref,
                                "track": goal.track,
                                "description": goal.description,
                            },
                            "enrolment_ref": plan.enrolment.ref,
                        }
                    )
    items.sort(key=lambda item: (item["target_on"], item["ref"]))
    return items


@participant_router.post("/{ref}/milestones/{milestone_ref}/state", response=MilestoneOut)
def set_milestone_state(
    request: HttpRequest, ref: str, milestone_ref: str, payload: MilestoneStateIn
):
    access = _access(request, ref, need=Access.WRITE)
    milestone = _visible_milestone(access, request.user, milestone_ref)
    services.milestone_set_state(actor=request.user, milestone=milestone, state=payload.state)
    return _milestone_out(_milestone_reloaded(milestone), timezone.localdate())


# ---------------------------------------------------------------- contacts and appointments


class ContactOut(Schema):
    ref: str
    channel: str
    happened_at: datetime.datetime
    staff: UserRef
    summary: str
    sensitivity: str


class ContactIn(Schema):
    channel: str = Field(
        description="face_to_face, phone, video, gp_practice, home_visit or message"
    )
    summary: str = Field(max_length=5000)
    happened_at: datetime.datetime | None = Field(None, description="Now if left out.")
    sensitivity: str = Field("general", description="general, social or health, as for notes")


class AppointmentOut(Schema):
    ref: str
    starts_at: datetime.datetime
    minutes: int
    channel: str
    location: str
    purpose: str
    status: str
    staff: UserRef
    remind_at: datetime.datetime | None


class AppointmentIn(Schema):
    starts_at: datetime.datetime
    channel: str
    purpose: str = Field(max_length=300)
    staff_username: str | None = Field(
        None,
        description="Who the appointment is with (the caller if left out): casework staff of "
        "the person's organisation or a member of their case team.",
    )
    minutes: int = Field(45, ge=5, le=480)
    location: str = Field("", max_length=200)
    remind_minutes_before: int | None = Field(24 * 60, ge=0, le=14 * 24 * 60)


class AppointmentStatusIn(Schema):
    status: str = Field(description="booked, attended, missed or cancelled")


@participant_router.get("/{ref}/contacts", response=list[ContactOut])
@paginate(LimitOffsetPagination)
def list_contacts(request: HttpRequest, ref: str):
    access = _access(request, ref)
    _log(request, access)
    return selectors.visible_contacts(access=access, user=request.user)


@participant_router.post("/{ref}/contacts", response={201: ContactOut})
def record_contact(request: HttpRequest, ref: str, payload: ContactIn):
    # Anyone who may read the record may log a contact with the person, like a note.
    access = _access(request, ref)
    contact = services.contact_record(
        actor=request.user,
        participant=access.participant,
        channel=payload.channel,
        summary=payload.summary,
        happened_at=_aware(payload.happened_at),
        sensitivity=payload.sensitivity,
    )
    return Status(201, contact)


@participant_router.get("/{ref}/appointments", response=list[AppointmentOut])
@paginate(LimitOffsetPagination)
def list_appointments(request: HttpRequest, ref: str, when: str = ""):
    access = _access(request, ref)
    if when not in ("", "upcoming", "past"):
        raise _invalid("when", _("Choose upcoming or past."))
    _log(request, access)
    appointments = selectors.appointments_for(access=access)
    now = timezone.now()
    if when == "upcoming":
        return appointments.filter(starts_at__gte=now).order_by("starts_at", "id")
    if when == "past":
        return appointments.filter(starts_at__lt=now).order_by("-starts_at", "-id")
    return appointments.order_by("-starts_at", "-id")


@participant_router.post("/{ref}/appointments", response={201: AppointmentOut})
def book_appointment(request: HttpRequest, ref: str, payload: AppointmentIn):
    access = _access(request, ref, need=Access.WRITE)
    username = payload.staff_username or request.user.username
    staff = _case_staff(access.participant).filter(username=username).first()
    if staff is None:
        raise _invalid(
            "staff_username",
            _("Choose someone who works with this person: their organisation or case team."),
        )
    with _fields_named({"staff": "staff_username"}):
        appointment = services.appointment_book(
            actor=request.user,
            participant=access.participant,
            staff=staff,
            starts_at=_aware(payload.starts_at),
            channel=payload.channel,
            purpose=payload.purpose,
            minutes=payload.minutes,
            location=payload.location,
            remind_minutes_before=payload.remind_minutes_before,
        )
    return Status(201, appointment)


@participant_router.post("/{ref}/appointments/{appointment_ref}/status", response=AppointmentOut)
def set_appointment_status(
    request: HttpRequest, ref: str, appointment_ref: str, payload: AppointmentStatusIn
):
    access = _access(request, ref, need=Access.WRITE)
    appointment = selectors.appointments_for(access=access).filter(ref=appointment_ref).first()
    if appointment is None:
        raise Http404
    return services.appointment_set_status(
        actor=request.user, appointment=appointment, status=payload.status
    )


# ---------------------------------------------------------------- case reviews


class ReviewActionOut(Schema):
    ref: str
    description: str
    owner: UserRef
    due_on: datetime.date
    completed_on: datetime.date | None


class ReviewOut(Schema):
    ref: str
    participant: ParticipantRef
    enrolment_ref: str | None
    held_on: datetime.date
    decision: str
    decision_note: str
    attendees: list[UserRef]
    other_attendees: str
    participant_present: bool
    participant_view: str
    discussion: str
    created_by: UserRef
    actions: list[ReviewActionOut]
    queue_ref: str | None = Field(description="The review queue the case was reviewed in.")

    @staticmethod
    def resolve_enrolment_ref(review) -> str | None:
        return review.enrolment.ref if review.enrolment_id else None

    @staticmethod
    def resolve_attendees(review) -> list:
        return list(review.attendees.all())

    @staticmethod
    def resolve_actions(review) -> list:
        return list(review.actions.all())

    @staticmethod
    def resolve_queue_ref(review) -> str | None:
        try:
            return review.queue_item.queue.ref
        except ObjectDoesNotExist:
            return None


class ActionIn(Schema):
    description: str = Field(max_length=500)
    owner_username: str
    due_on: datetime.date


class ReviewIn(Schema):
    held_on: datetime.date
    decision: str = Field(description="continue, new_plan, change_plan, refer_on, pause or end")
    attendee_usernames: list[str] = Field(
        description="Staff who took part: the person's organisation or case team."
    )
    enrolment_ref: str | None = None
    participant_present: bool = True
    participant_view: str = ""
    discussion: str = ""
    decision_note: str = ""
    other_attendees: str = Field("", max_length=500, description="People without a login.")
    actions: list[ActionIn] = []
    queue_ref: str | None = Field(
        None, description="Record the review as this case's place in a review queue."
    )


class ReviewQueueOut(Schema):
    ref: str
    name: str
    description: str
    organisation: OrganisationRef
    criteria: dict[str, Any]
    is_closed: bool
    created_at: datetime.datetime
    total: int
    reviewed: int
    skipped: int


def _reviews(queryset: QuerySet[CaseReview]) -> QuerySet[CaseReview]:
    return queryset.select_related("enrolment", "queue_item__queue").prefetch_related("attendees")


@participant_router.get("/{ref}/reviews", response=list[ReviewOut])
@paginate(LimitOffsetPagination)
def list_participant_reviews(request: HttpRequest, ref: str):
    access = _access(request, ref)
    _log(request, access)
    return _reviews(selectors.reviews_visible(user=request.user)).filter(
        participant=access.participant
    )


@participant_router.post("/{ref}/reviews", response={201: ReviewOut})
def record_review(request: HttpRequest, ref: str, payload: ReviewIn):
    access = _access(request, ref, need=Access.WRITE)
    participant = access.participant
    errors: dict[str, list[str]] = {}
    usernames = set(payload.attendee_usernames) | {
        action.owner_username for action in payload.actions
    }
    staff = {
        user.username: user for user in _case_staff(participant).filter(username__in=usernames)
    }
    not_on_case = _("Choose someone who works with this person: their organisation or case team.")
    if not payload.attendee_usernames:
        errors["attendee_usernames"] = [_("Say who took part in the review.")]
    elif any(name not in staff for name in payload.attendee_usernames):
        errors["attendee_usernames"] = [not_on_case]
    actions = []
    for index, action in enumerate(payload.actions):
        if not action.description.strip():
            errors[f"actions.{index}.description"] = [_("Describe the action.")]
        if action.owner_username not in staff:
            errors[f"actions.{index}.owner_username"] = [not_on_case]
        actions.append(
            {
                "description": action.description,
                "owner": staff.get(action.owner_username),
                "due_on": action.due_on,
            }
        )
    enrolment = None
    if payload.enrolment_ref:
        enrolment = (
            enrolments_for(participant=participant).filter(ref=payload.enrolment_ref).first()
        )
        if enrolment is None:
            errors["enrolment_ref"] = [_("Choose one of this person's enrolments.")]
    queue_item = None
    if payload.queue_ref:
        queue = selectors.review_queues(user=request.user).filter(ref=payload.queue_ref).first()
        queue_item = queue.items.filter(participant=participant).first() if queue else None
        if queue_item is None:
            errors["queue_ref"] = [_("This person is not in that review queue.")]
    if errors:
        raise ValidationError(errors)
    with _fields_named({"enrolment": "enrolment_ref", "attendees": "attendee_usernames"}):
        review = services.case_review_record(
            actor=request.user,
            participant=participant,
            held_on=payload.held_on,
            decision=payload.decision,
            attendees=[staff[name] for name in dict.fromkeys(payload.attendee_usernames)],
            enrolment=enrolment,
            other_attendees=payload.other_attendees,
            participant_present=payload.participant_present,
            participant_view=payload.participant_view,
            discussion=payload.discussion,
            decision_note=payload.decision_note,
            actions=actions,
            queue_item=queue_item,
        )
    return Status(201, _reviews(selectors.reviews_visible(user=request.user)).get(pk=review.pk))


@router.get("/reviews", response=list[ReviewOut])
@paginate(LimitOffsetPagination)
def list_reviews(request: HttpRequest):
    return _reviews(selectors.reviews_visible(user=request.user))


@router.get("/reviews/queues", response=list[ReviewQueueOut])
@paginate(LimitOffsetPagination)
def list_review_queues(request: HttpRequest):
    return selectors.review_queues(user=request.user)


# ---------------------------------------------------------------- caseload


class CaseloadRow(Schema):
    enrolment_ref: str
    participant: ParticipantRef
    programme: ProgrammeRef
    status: str
    stage: str
    stage_since: datetime.datetime | None
    support_ends_on: datetime.date | None
    last_contact_at: datetime.datetime | None
    overdue_milestones: int
    next_action: str | None
    next_action_due: datetime.date | None
    next_appointment_at: datetime.datetime | None

    @staticmethod
    def resolve_enrolment_ref(enrolment) -> str:
        return enrolment.ref


@router.get("/caseload", response=list[CaseloadRow])
@paginate(LimitOffsetPagination)
def caseload(request: HttpRequest, key_worker: str = ""):
    user = request.user
    worker = user
    if key_worker and key_worker != user.username:
        worker = User.objects.filter(username=key_worker).first()
        # Only a team lead may open a colleague's caseload; anyone else learns nothing.
        if worker is None or not selectors._leads_team_of(user=user, member=worker):
            raise Http404
    return selectors.caseload(user=user, key_worker=worker).filter(
        # Someone who has left a case's organisation stops seeing it, key worker or not.
        participant__in=visible_participants(user=user)
    )
