"""Reads for monitoring: who covers which counties, the projects, plans, visits and actions they
may see, the due list and the coverage figures.

Access, in one place:
- A monitoring officer covers the counties under their MONITORING_OFFICER membership's
  organisation region (a province office: all its counties; a county office: that county),
  narrowed to their `CountyAssignment`s when they have any. They see the projects in those
  counties, with their plans, visits and actions; anything else is a 404 like a missing record.
- A programme manager sees coverage figures for the programmes their organisation owns, and
  no project, visit or name.
- Nobody else sees anything.

When is a visit due? Every active project must be visited (in person or remotely) at least once
in every quarter of its programme's calendar, from the quarter it started in. A project not yet
visited this quarter is **due**, by the quarter's last day. A project that also went without a
visit through the whole previous quarter, although it had started by that quarter's end, is
**overdue**: that round's due date has passed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404

from tandem.core.access import Role
from tandem.core.periods import CALENDARS, Period, period_from_key, quarter_of
from tandem.finance.models import Loan
from tandem.insights.selectors import SMALL_COUNT_THRESHOLD
from tandem.monitoring.models import (
    CountyAssignment,
    FollowUpAction,
    MonitoredProject,
    MonitoringPlan,
    Visit,
)
from tandem.organisations.models import Organisation, Region, User
from tandem.organisations.selectors import organisation_ids_for, within_regions
from tandem.programmes.models import Programme

OFFICER_ROLES = frozenset({Role.MONITORING_OFFICER})
# Days before a quarter's end from which an unvisited project is shown as "due soon".
DUE_SOON_DAYS = 14


# ---------------------------------------------------------------- counties


def officer_organisation_ids(*, user: User) -> set[int]:
    return organisation_ids_for(user=user, roles=OFFICER_ROLES)


def officer_county_ids(*, user: User) -> frozenset[int]:
    """The counties this user monitors (cached on the user object for the request)."""
    cached = user.__dict__.get("_monitoring_county_ids")
    if cached is not None:
        return cached
    organisations = officer_organisation_ids(user=user)
    if not organisations:
        result: frozenset[int] = frozenset()
    else:
        office_regions = Organisation.objects.filter(pk__in=organisations).values("region_id")
        counties = Region.objects.filter(kind=Region.Kind.COUNTY).filter(
            within_regions(office_regions)
        )
        assigned = CountyAssignment.objects.filter(officer=user)
        if assigned.exists():
            counties = counties.filter(pk__in=assigned.values("county_id"))
        result = frozenset(counties.values_list("pk", flat=True))
    user.__dict__["_monitoring_county_ids"] = result
    return result


def is_officer(*, user: User) -> bool:
    return bool(officer_organisation_ids(user=user))


def officer_counties(*, user: User) -> QuerySet[Region]:
    return (
        Region.objects.filter(pk__in=officer_county_ids(user=user))
        .select_related("parent")
        .order_by("name", "pk")
    )


def fellow_officers(*, user: User) -> QuerySet[User]:
    """The monitoring officers of the user's own offices: who a follow-up can be given to."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__role=Role.MONITORING_OFFICER,
            memberships__organisation_id__in=officer_organisation_ids(user=user),
        )
        .distinct()
        .order_by("full_name", "username")
    )


def monitored_programmes(*, user: User) -> QuerySet[Programme]:
    """Programmes whose monitoring the user may follow: those with projects in their counties,
    or delivered or owned by their offices; for a programme manager, those their organisation
    owns."""
    offices = officer_organisation_ids(user=user)
    managed = organisation_ids_for(user=user, roles={Role.PROGRAMME_MANAGER})
    county_ids = officer_county_ids(user=user)
    condition = Q(owner_id__in=managed)
    if offices:
        condition |= Q(owner_id__in=offices) | Q(delivered_by__in=offices)
        condition |= Q(
            pk__in=MonitoredProject.objects.filter(county_id__in=county_ids).values("programme_id")
        )
    return Programme.objects.filter(condition).distinct().order_by("name", "pk")


# ---------------------------------------------------------------- projects


def last_visit() -> Subquery:
    """The date of a project's latest visit: a subquery on the (project, date) index, so that
    lists filter on it in WHERE rather than grouping every row."""
    return Subquery(
        Visit.objects.filter(project=OuterRef("pk"))
        .order_by("-visited_on")
        .values("visited_on")[:1],
        output_field=DateField(),
    )


def visible_projects(*, user: User) -> QuerySet[MonitoredProject]:
    county_ids = officer_county_ids(user=user)
    if not county_ids:
        return MonitoredProject.objects.none()
    return MonitoredProject.objects.filter(county_id__in=county_ids).select_related(
        "county", "programme", "loan"
    )


def project_list(
    *, user: User, county_id: int | None = None, status: str = "", search: str = ""
) -> QuerySet[MonitoredProject]:
    projects = visible_projects(user=user)
    if county_id:
        projects = projects.filter(county_id=county_id)
    if status:
        projects = projects.filter(status=status)
    if search.strip():
        projects = projects.filter(name__icontains=search.strip())
    return projects.annotate(last_visit=last_visit()).order_by("county__name", "name", "pk")


def access_project(*, user: User, ref: str) -> MonitoredProject:
    """The one chokepoint for a project: 404 alike for missing and not in the user's counties."""
    project = visible_projects(user=user).filter(ref=ref).first()
    if project is None:
        raise Http404
    return project


def unmonitored_loans(*, county_ids: Iterable[int]) -> list[Loan]:
    """Disbursed loans in these counties that no project monitors yet."""
    return list(
        Loan.objects.filter(
            region_id__in=list(county_ids),
            disbursed_on__isnull=False,
            monitored_project__isnull=True,
        ).order_by("disbursed_on", "pk")
    )


# ---------------------------------------------------------------- plans, visits, actions


def visible_plans(*, user: User) -> QuerySet[MonitoringPlan]:
    return (
        MonitoringPlan.objects.filter(county_id__in=officer_county_ids(user=user))
        .select_related("county", "programme")
        .order_by("-period_key", "county__name", "pk")
    )


def access_plan(*, user: User, ref: str) -> MonitoringPlan:
    plan = visible_plans(user=user).filter(ref=ref).first()
    if plan is None:
        raise Http404
    return plan


def plan_progress(*, plan: MonitoringPlan, calendar: str) -> dict[str, int]:
    """Visits made in the plan's county and period, by kind, and planned projects visited."""
    period = period_from_key(calendar, plan.period_key)
    visits = Visit.objects.filter(
        project__county_id=plan.county_id,
        project__programme_id=plan.programme_id,
        visited_on__range=(period.start, period.end),
    )
    counts = visits.aggregate(
        in_person=Count("id", filter=Q(mode=Visit.Mode.IN_PERSON)),
        remote=Count("id", filter=Q(mode=Visit.Mode.REMOTE)),
    )
    counts["planned_visited"] = plan.projects.filter(
        visits__visited_on__range=(period.start, period.end)
    ).aggregate(n=Count("id", distinct=True))["n"]
    return counts


def visible_visits(*, user: User) -> QuerySet[Visit]:
    return (
        Visit.objects.filter(project__county_id__in=officer_county_ids(user=user))
        .select_related("project", "project__county", "officer")
        .order_by("-visited_on", "-id")
    )


def access_visit(*, user: User, ref: str) -> Visit:
    visit = visible_visits(user=user).filter(ref=ref).first()
    if visit is None:
        raise Http404
    return visit


def visible_actions(*, user: User) -> QuerySet[FollowUpAction]:
    return (
        FollowUpAction.objects.filter(project__county_id__in=officer_county_ids(user=user))
        .select_related("project", "project__county", "visit", "assignee", "done_by")
        .order_by("done", "due_on", "id")
    )


def access_action(*, user: User, ref: str) -> FollowUpAction:
    action = visible_actions(user=user).filter(ref=ref).first()
    if action is None:
        raise Http404
    return action


def overdue_actions(*, user: User, today: datetime.date) -> QuerySet[FollowUpAction]:
    return visible_actions(user=user).filter(done=False, due_on__lt=today)


def action_list(*, user: User, show: str, today: datetime.date) -> QuerySet[FollowUpAction]:
    """The user's follow-up actions: open (not done), overdue, done or all."""
    actions = visible_actions(user=user)
    if show == "overdue":
        return actions.filter(done=False, due_on__lt=today)
    if show == "done":
        return actions.filter(done=True)
    if show == "all":
        return actions
    return actions.filter(done=False)


# ---------------------------------------------------------------- due visits


def _rounds(today: datetime.date) -> dict[str, tuple[Period, Period]]:
    """This quarter and the one before, in each calendar."""
    return {
        calendar: (quarter_of(calendar, today), quarter_of(calendar, today).previous())
        for calendar in CALENDARS
    }


def due_visits(*, user: User, today: datetime.date) -> QuerySet[MonitoredProject]:
    """Active projects not yet visited this quarter, overdue first (see the module's rule).

    Each row has `last_visit`, `due_by` (the quarter's last day) and `overdue`; one query
    whatever the number of projects, the quarters of both calendars decided in SQL."""
    rounds = _rounds(today)
    due = Q(pk__in=[])
    overdue = Q(pk__in=[])
    due_by = []
    for calendar, (current, previous) in rounds.items():
        mine = Q(programme__calendar=calendar)
        due |= (
            mine
            & Q(started_on__lte=current.end)
            & (Q(last_visit__isnull=True) | Q(last_visit__lt=current.start))
        )
        overdue |= (
            mine
            & Q(started_on__lte=previous.end)
            & (Q(last_visit__isnull=True) | Q(last_visit__lt=previous.start))
        )
        due_by.append(When(programme__calendar=calendar, then=Value(current.end)))
    return (
        visible_projects(user=user)
        .filter(status=MonitoredProject.Status.ACTIVE)
        .annotate(last_visit=last_visit())
        .filter(due)
        .annotate(
            overdue=Case(
                When(overdue, then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
            due_by=Case(*due_by, output_field=DateField()),
        )
        .order_by("-overdue", "due_by", "county__name", "name", "pk")
    )


def due_counts(*, user: User, today: datetime.date) -> dict[str, int]:
    rows = due_visits(user=user, today=today).order_by()
    counts = {"due": rows.count(), "overdue": rows.filter(overdue=True).count()}
    counts["overdue_actions"] = overdue_actions(user=user, today=today).count()
    return counts


# ---------------------------------------------------------------- coverage


def _share(part: int | None, whole: int | None) -> Decimal | None:
    if not whole or part is None:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class CoverageRow:
    """Counts are None where they were suppressed (see `suppress_small`)."""

    county: Region | None  # None for the total
    active: int | None
    in_person: int | None
    remote: int | None
    visited: int | None

    @property
    def suppressed(self) -> bool:
        return None in (self.active, self.in_person, self.remote, self.visited)

    def suppress_small(self) -> CoverageRow:
        """Counts from 1 to 4 hidden: in a small county a count of one or two can point at a
        person's business. Shares of a hidden count, or of a hidden whole, are hidden too."""

        def hide(value: int) -> int | None:
            return None if 0 < value < SMALL_COUNT_THRESHOLD else value

        return CoverageRow(
            county=self.county,
            active=hide(self.active),
            in_person=hide(self.in_person),
            remote=hide(self.remote),
            visited=hide(self.visited),
        )

    @property
    def share_in_person(self) -> Decimal | None:
        return _share(self.in_person, self.active)

    @property
    def share_remote(self) -> Decimal | None:
        return _share(self.remote, self.active)

    @property
    def share_visited(self) -> Decimal | None:
        return _share(self.visited, self.active)


@dataclass(frozen=True)
class Coverage:
    programme: Programme
    period: Period
    rows: list[CoverageRow]
    total: CoverageRow
    # The province the counties are in, when they are all in one.
    province: Region | None
    # Whether small counts were hidden (for a programme manager's aggregate view).
    suppressed: bool = False
    # Counties with at least one remote visit in the period (a count of counties, never hidden).
    counties_remote: int = 0


def coverage_scope(*, user: User, programme: Programme) -> frozenset[int] | None:
    """The counties whose coverage the user may see for a programme: their own as an officer,
    every county for a manager of the programme's owner (None); Http404 for anyone else."""
    managed = organisation_ids_for(user=user, roles={Role.PROGRAMME_MANAGER})
    if programme.owner_id in managed:
        return None
    county_ids = officer_county_ids(user=user)
    if county_ids:
        return county_ids
    raise Http404


def coverage_by_county(
    *, user: User, programme: Programme, period: Period, county_ids: frozenset[int] | None = None
) -> Coverage:
    """Per county, for the projects active at any time in the period: how many, and how many of
    them had at least one visit in the period in person, remotely, and at all (each project
    counted once per kind, however many visits). Two queries, whatever the number of projects.

    A project is active in the period when it started by the period's end and was not closed
    before its start."""
    scope = coverage_scope(user=user, programme=programme)
    if county_ids is not None:
        scope = county_ids if scope is None else scope & county_ids
    span = (period.start, period.end)
    projects = MonitoredProject.objects.filter(
        Q(programme=programme)
        & Q(started_on__lte=period.end)
        & (Q(closed_on__isnull=True) | Q(closed_on__gte=period.start))
    )
    if scope is not None:
        projects = projects.filter(county_id__in=scope)
    in_period = Q(visits__visited_on__range=span)
    figures = {
        row["county_id"]: row
        for row in projects.values("county_id")
        .annotate(
            active=Count("pk", distinct=True),
            in_person=Count(
                "pk", filter=in_period & Q(visits__mode=Visit.Mode.IN_PERSON), distinct=True
            ),
            remote=Count("pk", filter=in_period & Q(visits__mode=Visit.Mode.REMOTE), distinct=True),
            visited=Count("pk", filter=in_period, distinct=True),
        )
        .order_by()
    }
    # An officer sees every county they cover, visited or not; a manager the counties with
    # projects in the period.
    wanted = set(figures) if scope is None else set(scope)
    counties = list(
        Region.objects.filter(pk__in=wanted).select_related("parent").order_by("name", "pk")
    )
    rows = []
    for county in counties:
        row = figures.get(county.pk, {})
        rows.append(
            CoverageRow(
                county=county,
                active=row.get("active", 0),
                in_person=row.get("in_person", 0),
                remote=row.get("remote", 0),
                visited=row.get("visited", 0),
            )
        )
    # Each project is in one county, so the county figures add up to the province's.
    total = CoverageRow(
        county=None,
        active=sum(r.active for r in rows),
        in_person=sum(r.in_person for r in rows),
        remote=sum(r.remote for r in rows),
        visited=sum(r.visited for r in rows),
    )
    parents = {county.parent_id for county in counties}
    province = counties[0].parent if len(parents) == 1 and counties else None
    suppressed = False
    counties_remote = sum(1 for row in rows if row.remote)
    if scope is None:
        # A manager's view is a published aggregate: small counts are not shown.
        rows = [row.suppress_small() for row in rows]
        total = total.suppress_small()
        suppressed = any(row.suppressed for row in [*rows, total])
    return Coverage(
        programme=programme,
        period=period,
        rows=rows,
        total=total,
        province=province,
        suppressed=suppressed,
        counties_remote=counties_remote,
    )


def counties_covered_remotely(coverage: Coverage) -> int:
    return coverage.counties_remote
