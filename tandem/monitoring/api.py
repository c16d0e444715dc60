"""API for monitoring funded projects, under /api/v1/monitoring/: projects, visits, follow-up
actions, plans and coverage. The same selectors and services as the pages, so the same rules:
an officer's own counties only (404 for anything else), programme managers the coverage
figures of their own programmes and nothing with a name."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tandem.core.periods import PeriodError, period_from_key
from tandem.core.schemas import RegionOut, UserRef
from tandem.monitoring import selectors, services
from tandem.monitoring.models import MonitoredProject, MonitoringPlan, Visit
from tandem.organisations.models import Region, User
from tandem.programmes.models import Programme

router = Router(tags=["monitoring"])


def _officer(request: HttpRequest) -> User:
    user = request.user
    if not selectors.officer_county_ids(user=user):
        raise Http404
    return user


def _invalid(name: str, message: str) -> ValidationError:
    return ValidationError({name: [message]})


class ProjectOut(Schema):
    ref: str
    name: str
    kind: str
    programme_ref: str
    county: RegionOut
    loan_ref: str | None = Field(description="The finance loan that funds it, if any.")
    loan_status: str | None
    funded_amount: Decimal = Field(description="A decimal string in `currency` (rial for IRR).")
    currency: str
    jobs_planned: int
    started_on: datetime.date
    status: str = Field(description="active or closed")
    closed_on: datetime.date | None

    @staticmethod
    def resolve_programme_ref(project) -> str:
        return project.programme.ref

    @staticmethod
    def resolve_loan_ref(project) -> str | None:
        return project.loan.ref if project.loan_id else None

    @staticmethod
    def resolve_loan_status(project) -> str | None:
        return project.loan.status if project.loan_id else None

    @staticmethod
    def resolve_currency(project) -> str:
        return project.programme.currency


class ProjectIn(Schema):
    programme_ref: str
    county_id: int
    name: str = Field(max_length=200)
    kind: str = Field("employment_project", description="loan_business or employment_project")
    funded_amount: Decimal = Field(description="In the programme's currency (rial for IRR).")
    jobs_planned: int = Field(0, ge=0)
    started_on: datetime.date


class RegisterOut(Schema):
    created: int


class ActionOut(Schema):
    ref: str
    project_ref: str
    visit_ref: str
    description: str
    due_on: datetime.date
    assignee: UserRef | None
    done: bool
    done_on: datetime.date | None
    overdue: bool

    @staticmethod
    def resolve_project_ref(action) -> str:
        return action.project.ref

    @staticmethod
    def resolve_visit_ref(action) -> str:
        return action.visit.ref

    @staticmethod
    def resolve_overdue(action) -> bool:
        return not action.done and action.due_on < timezone.localdate()


class VisitOut(Schema):
    ref: str
    project_ref: str
    mode: str = Field(description="in_person or remote")
    visited_on: datetime.date
    officer: UserRef
    business_active: bool
    jobs_filled: int
    instalments_up_to_date: bool | None = Field(description="Null when the project has no loan.")
    problems: str
    findings: str
    actions: list[ActionOut]

    @staticmethod
    def resolve_project_ref(visit) -> str:
        return visit.project.ref

    @staticmethod
    def resolve_actions(visit) -> list:
        return list(visit.actions.all())


class ActionIn(Schema):
    description: str = Field(max_length=500)
    due_on: datetime.date
    assignee: str | None = Field(None, description="Username of a monitoring officer.")


class VisitIn(Schema):
    project_ref: str
    mode: str = Field(description="in_person or remote")
    visited_on: datetime.date
    business_active: bool
    jobs_filled: int
    instalments_up_to_date: bool | None = Field(
        None, description="Left out: taken from the finance records on the visit's day."
    )
    problems: str = ""
    findings: str = ""
    actions: list[ActionIn] = []


class CompleteIn(Schema):
    done_on: datetime.date | None = Field(None, description="Today if left out.")


class PlanOut(Schema):
    ref: str
    programme_ref: str
    county: RegionOut
    period_key: str
    planned_in_person: int
    planned_remote: int
    project_refs: list[str]
    notes: str

    @staticmethod
    def resolve_programme_ref(plan) -> str:
        return plan.programme.ref

    @staticmethod
    def resolve_project_refs(plan) -> list[str]:
        return [project.ref for project in plan.projects.all()]


class PlanIn(Schema):
    programme_ref: str
    county_id: int
    period_key: str = Field(description='A year ("1404") or a quarter ("1404-Q1").')
    planned_in_person: int = Field(ge=0)
    planned_remote: int = Field(ge=0)
    project_refs: list[str] = []
    notes: str = ""


class CoverageRowOut(Schema):
    county: RegionOut | None = Field(description="Null on the total row.")
    active: int | None = Field(description="Null when hidden as a small count (1 to 4).")
    in_person: int | None
    remote: int | None
    visited: int | None
    share_in_person: Decimal | None = Field(description="Per cent, one decimal; null if none.")
    share_remote: Decimal | None
    share_visited: Decimal | None


class CoverageOut(Schema):
    programme_ref: str
    period: str
    start: datetime.date
    end: datetime.date
    rows: list[CoverageRowOut]
    total: CoverageRowOut
    suppressed: bool = Field(
        description="Counts from 1 to 4 were hidden (a programme manager's aggregate view)."
    )


def _programme(user: User, ref: str, name: str = "programme_ref") -> Programme:
    programme = selectors.monitored_programmes(user=user).filter(ref=ref).first()
    if programme is None:
        raise _invalid(name, _("Choose one of your programmes."))
    return programme


def _county(user: User, county_id: int) -> Region:
    if county_id not in selectors.officer_county_ids(user=user):
        raise _invalid("county_id", _("Choose one of your counties."))
    return Region.objects.get(pk=county_id)


# ---------------------------------------------------------------- projects


@router.get("/projects", response=list[ProjectOut])
@paginate(LimitOffsetPagination)
def list_projects(
    request: HttpRequest, county_id: int | None = None, status: str = "", search: str = ""
):
    user = _officer(request)
    return selectors.project_list(user=user, county_id=county_id, status=status, search=search)


@router.post("/projects", response={201: ProjectOut})
def create_project(request: HttpRequest, payload: ProjectIn):
    user = _officer(request)
    if payload.kind not in MonitoredProject.Kind.values:
        raise _invalid("kind", _("Choose loan_business or employment_project."))
    project = services.monitored_project_create(
        actor=user,
        programme=_programme(user, payload.programme_ref),
        county=_county(user, payload.county_id),
        name=payload.name,
        kind=payload.kind,
        funded_amount=payload.funded_amount,
        jobs_planned=payload.jobs_planned,
        started_on=payload.started_on,
    )
    return Status(201, selectors.access_project(user=user, ref=project.ref))


@router.post("/projects/register-loans", response=RegisterOut)
def register_loans(request: HttpRequest):
    """Make a project for every disbursed loan in the caller's counties that has none yet."""
    user = _officer(request)
    created = services.monitored_projects_register_disbursed(
        actor=user, county_ids=selectors.officer_county_ids(user=user)
    )
    return {"created": created}


@router.get("/projects/{ref}", response=ProjectOut)
def get_project(request: HttpRequest, ref: str):
    return selectors.access_project(user=request.user, ref=ref)


# ---------------------------------------------------------------- visits


def _visits(user: User):
    return selectors.visible_visits(user=user).prefetch_related(
        "actions", "actions__assignee", "actions__project", "actions__visit"
    )


@router.get("/visits", response=list[VisitOut])
@paginate(LimitOffsetPagination)
def list_visits(request: HttpRequest, project_ref: str = "", mode: str = ""):
    user = _officer(request)
    visits = _visits(user)
    if project_ref:
        visits = visits.filter(project=selectors.access_project(user=user, ref=project_ref))
    if mode:
        visits = visits.filter(mode=mode)
    return visits


@router.post("/visits", response={201: VisitOut})
def record_visit(request: HttpRequest, payload: VisitIn):
    user = _officer(request)
    project = selectors.access_project(user=user, ref=payload.project_ref)
    if payload.mode not in Visit.Mode.values:
        raise _invalid("mode", _("Choose in_person or remote."))
    officers = {officer.username: officer for officer in selectors.fellow_officers(user=user)}
    actions = []
    for index, action in enumerate(payload.actions):
        assignee = None
        if action.assignee:
            assignee = officers.get(action.assignee)
            if assignee is None:
                raise _invalid(
                    f"actions[{index}].assignee", _("Choose a monitoring officer of your office.")
                )
        actions.append(
            services.ActionSpec(
                description=action.description, due_on=action.due_on, assignee=assignee
            )
        )
    visit = services.visit_record(
        actor=user,
        project=project,
        mode=payload.mode,
        visited_on=payload.visited_on,
        business_active=payload.business_active,
        jobs_filled=payload.jobs_filled,
        instalments_up_to_date=payload.instalments_up_to_date,
        problems=payload.problems,
        findings=payload.findings,
        actions=actions,
    )
    return Status(201, _visits(user).get(pk=visit.pk))


@router.get("/visits/{ref}", response=VisitOut)
def get_visit(request: HttpRequest, ref: str):
    visit = selectors.access_visit(user=request.user, ref=ref)
    return _visits(request.user).get(pk=visit.pk)


# ---------------------------------------------------------------- actions


@router.get("/actions", response=list[ActionOut])
@paginate(LimitOffsetPagination)
def list_actions(request: HttpRequest, show: str = "open"):
    """show: open (not done), overdue, done or all."""
    user = _officer(request)
    return selectors.action_list(user=user, show=show, today=timezone.localdate())


@router.post("/actions/{ref}/complete", response=ActionOut)
def complete_action(request: HttpRequest, ref: str, payload: CompleteIn):
    action = selectors.access_action(user=request.user, ref=ref)
    services.follow_up_action_complete(actor=request.user, action=action, done_on=payload.done_on)
    return selectors.access_action(user=request.user, ref=ref)


# ---------------------------------------------------------------- plans


@router.get("/plans", response=list[PlanOut])
@paginate(LimitOffsetPagination)
def list_plans(request: HttpRequest, period: str = "", county_id: int | None = None):
    user = _officer(request)
    plans = selectors.visible_plans(user=user).prefetch_related("projects")
    if period:
        plans = plans.filter(period_key=period)
    if county_id:
        plans = plans.filter(county_id=county_id)
    return plans


@router.put("/plans", response=PlanOut)
def save_plan(request: HttpRequest, payload: PlanIn):
    """Make or replace the plan for a programme, county and period."""
    user = _officer(request)
    programme = _programme(user, payload.programme_ref)
    county = _county(user, payload.county_id)
    projects = list(selectors.visible_projects(user=user).filter(ref__in=set(payload.project_refs)))
    if len(projects) != len(set(payload.project_refs)):
        raise _invalid("project_refs", _("Choose projects of this programme in this county only."))
    plan = services.monitoring_plan_save(
        actor=user,
        programme=programme,
        county=county,
        period_key=payload.period_key,
        planned_in_person=payload.planned_in_person,
        planned_remote=payload.planned_remote,
        projects=projects,
        notes=payload.notes,
    )
    return MonitoringPlan.objects.select_related("county", "programme").get(pk=plan.pk)


@router.get("/plans/{ref}", response=PlanOut)
def get_plan(request: HttpRequest, ref: str):
    return selectors.access_plan(user=request.user, ref=ref)


# ---------------------------------------------------------------- coverage


@router.get("/coverage", response=CoverageOut)
def coverage(request: HttpRequest, period: str, programme_ref: str = ""):
    """Per county, for a period ("1404", "1404-Q1", "1404-05"): active projects and how many
    had a visit in person, remotely and at all, with the shares; the total last."""
    user = request.user
    programmes = list(selectors.monitored_programmes(user=user))
    if not programmes:
        raise Http404
    if programme_ref:
        programme = next((p for p in programmes if p.ref == programme_ref), None)
        if programme is None:
            raise Http404
    else:
        programme = programmes[0]
    try:
        chosen = period_from_key(programme.calendar, period)
    except PeriodError as error:
        raise _invalid("period", str(error)) from None
    figures = selectors.coverage_by_county(user=user, programme=programme, period=chosen)
    return {
        "programme_ref": programme.ref,
        "period": chosen.key,
        "start": chosen.start,
        "end": chosen.end,
        "rows": figures.rows,
        "total": figures.total,
        "suppressed": figures.suppressed,
    }
