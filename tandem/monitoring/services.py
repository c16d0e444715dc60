"""Writes for monitoring: one function per state change. Callers check access first (through
the selectors); these keep the data right."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.periods import PeriodError, period_from_key
from tandem.finance.models import Loan
from tandem.finance.selectors import loan_is_in_arrears
from tandem.monitoring import selectors
from tandem.monitoring.models import FollowUpAction, MonitoredProject, MonitoringPlan, Visit
from tandem.organisations.models import Region, User
from tandem.participants.models import Participant
from tandem.programmes.models import Programme


def _history_user(record, actor: User) -> None:
    record._history_user = actor


def _require_county(county: Region) -> None:
    if county.kind != Region.Kind.COUNTY:
        raise ValidationError({"county": [_("Choose a county.")]})


# ---------------------------------------------------------------- projects


@transaction.atomic
def monitored_project_create(
    *,
    actor: User,
    programme: Programme,
    county: Region,
    name: str,
    kind: str,
    funded_amount: Decimal,
    jobs_planned: int,
    started_on: datetime.date,
    participant: Participant | None = None,
) -> MonitoredProject:
    _require_county(county)
    project = MonitoredProject(
        programme=programme,
        county=county,
        name=name.strip(),
        kind=kind,
        funded_amount=funded_amount,
        jobs_planned=jobs_planned,
        started_on=started_on,
        participant=participant,
        created_by=actor,
    )
    project.full_clean()
    _history_user(project, actor)
    project.save()
    return project


def _disbursed(loan: Loan) -> bool:
    return loan.disbursed_on is not None


@transaction.atomic
def monitored_project_register_loan(*, actor: User, loan: Loan) -> tuple[MonitoredProject, bool]:
    """The monitored project for a disbursed loan, made the first time (one per loan).

    Returns (project, created)."""
    # Lock the loan, so that two officers pressing the button at once make one project.
    loan = (
        Loan.objects.select_for_update()
        .select_related("plan", "region", "programme")
        .get(pk=loan.pk)
    )
    existing = MonitoredProject.objects.filter(loan=loan).first()
    if existing is not None:
        return existing, False
    if not _disbursed(loan):
        raise ValidationError(_("Only a disbursed loan is monitored."))
    _require_county(loan.region)
    plan = loan.plan
    project = MonitoredProject(
        programme=loan.programme,
        county=loan.region,
        name=plan.title,
        kind=MonitoredProject.Kind.LOAN_BUSINESS,
        loan=loan,
        participant_id=loan.participant_id,
        funded_amount=loan.disbursed_amount or loan.amount,
        jobs_planned=plan.jobs_for_person + plan.jobs_for_family + plan.jobs_for_others,
        started_on=loan.disbursed_on,
        created_by=actor,
    )
    project.full_clean()
    _history_user(project, actor)
    try:
        with transaction.atomic():
            project.save()
    except IntegrityError:
        # Registered meanwhile on another database connection without the lock (PostgreSQL
        # would have waited at the lock; this is the belt to those braces).
        return MonitoredProject.objects.get(loan=loan), False
    return project, True


@transaction.atomic
def monitored_projects_register_disbursed(*, actor: User, county_ids: Iterable[int]) -> int:
    """Register every disbursed loan in these counties that has no project yet; how many."""
    created = 0
    for loan in selectors.unmonitored_loans(county_ids=county_ids):
        _project, made = monitored_project_register_loan(actor=actor, loan=loan)
        created += made
    return created


@transaction.atomic
def monitored_project_close(
    *, actor: User, project: MonitoredProject, closed_on: datetime.date
) -> MonitoredProject:
    project = MonitoredProject.objects.select_for_update().get(pk=project.pk)
    if project.status == MonitoredProject.Status.CLOSED:
        raise ValidationError(_("The project is already closed."))
    if closed_on < project.started_on:
        raise ValidationError({"closed_on": [_("A project cannot close before it started.")]})
    if closed_on > timezone.localdate():
        raise ValidationError({"closed_on": [_("The date cannot be in the future.")]})
    project.status = MonitoredProject.Status.CLOSED
    project.closed_on = closed_on
    project.full_clean()
    _history_user(project, actor)
    project.save()
    return project


@transaction.atomic
def monitored_project_reopen(*, actor: User, project: MonitoredProject) -> MonitoredProject:
    project = MonitoredProject.objects.select_for_update().get(pk=project.pk)
    if project.status == MonitoredProject.Status.ACTIVE:
        raise ValidationError(_("The project is already active."))
    project.status = MonitoredProject.Status.ACTIVE
    project.closed_on = None
    project.full_clean()
    _history_user(project, actor)
    project.save()
    return project


# ---------------------------------------------------------------- plans


@transaction.atomic
def monitoring_plan_save(
    *,
    actor: User,
    programme: Programme,
    county: Region,
    period_key: str,
    planned_in_person: int,
    planned_remote: int,
    projects: Sequence[MonitoredProject] = (),
    notes: str = "",
) -> MonitoringPlan:
    """Make or replace the plan for a county and period (one plan per programme, county and
    period)."""
    _require_county(county)
    try:
        period = period_from_key(programme.calendar, period_key)
    except PeriodError as error:
        raise ValidationError({"period_key": [str(error)]}) from None
    if period.month:
        raise ValidationError({"period_key": [_("Plan for a year or a quarter.")]})
    for number, field in (
        (planned_in_person, "planned_in_person"),
        (planned_remote, "planned_remote"),
    ):
        if number is None or number < 0:
            raise ValidationError({field: [_("Enter a number of visits, 0 or more.")]})
    strangers = [p for p in projects if p.county_id != county.pk or p.programme_id != programme.pk]
    if strangers:
        raise ValidationError(
            {"projects": [_("Choose projects of this programme in this county only.")]}
        )
    plan = (
        MonitoringPlan.objects.select_for_update()
        .filter(programme=programme, county=county, period_key=period.key)
        .first()
    )
    if plan is None:
        plan = MonitoringPlan(
            programme=programme, county=county, period_key=period.key, created_by=actor
        )
    plan.planned_in_person = planned_in_person
    plan.planned_remote = planned_remote
    plan.notes = notes.strip()
    plan.full_clean(validate_unique=False)
    _history_user(plan, actor)
    plan.save()
    plan.projects.set(projects)
    return plan


# ---------------------------------------------------------------- visits and actions


@dataclass(frozen=True)
class ActionSpec:
    description: str
    due_on: datetime.date
    assignee: User | None = None


def _check_action(spec: ActionSpec, visited_on: datetime.date, prefix: str) -> None:
    if not spec.description.strip():
        raise ValidationError({f"{prefix}description": [_("Say what needs doing.")]})
    if spec.due_on < visited_on:
        raise ValidationError({f"{prefix}due_on": [_("The due date cannot be before the visit.")]})


def instalments_up_to_date_on(project: MonitoredProject, day: datetime.date) -> bool | None:
    """What the finance records say on that day: None when the project has no loan."""
    if project.loan_id is None:
        return None
    return not loan_is_in_arrears(loan=project.loan, on=day)


@transaction.atomic
def visit_record(
    *,
    actor: User,
    project: MonitoredProject,
    mode: str,
    visited_on: datetime.date,
    business_active: bool,
    jobs_filled: int,
    instalments_up_to_date: bool | None = None,
    problems: str = "",
    findings: str = "",
    actions: Sequence[ActionSpec] = (),
) -> Visit:
    """Record a visit and the follow-up actions it leaves. Without an answer about the
    instalments, a project with a loan takes it from the finance records on the visit's day."""
    errors: dict[str, list[str]] = {}
    if visited_on > timezone.localdate():
        errors["visited_on"] = [_("The date of the visit cannot be in the future.")]
    elif visited_on < project.started_on:
        errors["visited_on"] = [_("The visit cannot be before the project started.")]
    if jobs_filled is None or jobs_filled < 0:
        errors["jobs_filled"] = [_("Enter the number of jobs still filled, 0 or more.")]
    if errors:
        raise ValidationError(errors)
    if project.loan_id is None:
        instalments_up_to_date = None
    elif instalments_up_to_date is None:
        instalments_up_to_date = instalments_up_to_date_on(project, visited_on)
    for index, spec in enumerate(actions):
        _check_action(spec, visited_on, f"actions[{index}].")
    visit = Visit(
        project=project,
        mode=mode,
        visited_on=visited_on,
        officer=actor,
        business_active=business_active,
        jobs_filled=jobs_filled,
        instalments_up_to_date=instalments_up_to_date,
        problems=problems.strip(),
        findings=findings.strip(),
    )
    visit.full_clean()
    _history_user(visit, actor)
    visit.save()
    for spec in actions:
        _action_create(actor=actor, visit=visit, spec=spec)
    return visit


def _action_create(*, actor: User, visit: Visit, spec: ActionSpec) -> FollowUpAction:
    action = FollowUpAction(
        visit=visit,
        project_id=visit.project_id,
        description=spec.description.strip(),
        due_on=spec.due_on,
        assignee=spec.assignee,
    )
    action.full_clean()
    _history_user(action, actor)
    action.save()
    return action


@transaction.atomic
def follow_up_action_add(
    *,
    actor: User,
    visit: Visit,
    description: str,
    due_on: datetime.date,
    assignee: User | None = None,
) -> FollowUpAction:
    spec = ActionSpec(description=description, due_on=due_on, assignee=assignee)
    _check_action(spec, visit.visited_on, "")
    return _action_create(actor=actor, visit=visit, spec=spec)


@transaction.atomic
def follow_up_action_complete(
    *, actor: User, action: FollowUpAction, done_on: datetime.date | None = None
) -> FollowUpAction:
    # Locked: two officers closing the same action would otherwise both write "done by".
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    if action.done:
        raise ValidationError(_("This action is already done."))
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": [_("The date cannot be in the future.")]})
    if done_on < action.visit.visited_on:
        raise ValidationError({"done_on": [_("The action cannot be done before the visit.")]})
    action.done = True
    action.done_on = done_on
    action.done_by = actor
    action.full_clean()
    _history_user(action, actor)
    action.save()
    return action
