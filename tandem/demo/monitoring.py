"""The monitoring part of the demo: funded projects in every one of Khorasan Razavi's ten
counties, plans for this Persian year and last, the first in-person round of visits (which in
the seed ran from Bahman to mid-Tir) in every county, remote monitoring reaching about 80% of
the counties, and follow-up actions, some of them overdue.

Every disbursed finance loan already in the demo becomes a monitored project; further
employment projects bring each county to between 10 and 40. Volume goes in with
`bulk_create_with_history`, so the change history has a first row for everything.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db.models import Count, Q
from simple_history.utils import bulk_create_with_history

from tandem.core.periods import year_of
from tandem.demo import structure as s
from tandem.finance.models import Loan
from tandem.finance.selectors import loan_is_in_arrears
from tandem.monitoring.models import (
    CountyAssignment,
    FollowUpAction,
    MonitoredProject,
    MonitoringPlan,
    Visit,
)
from tandem.organisations.models import User

CALENDAR = "solar_hijri"
# The first project made: when it is there, the monitoring demo is.
MARKER = "کارگاه خیاطی امید مشهد"
OFFICER = "monitor.khorasan"
SECOND_OFFICER = "hassan.tousi"
# The second officer covers these counties only (the first covers the whole province).
SECOND_OFFICER_COUNTIES = ("نیشابور", "سبزوار", "کاشمر", "گناباد")

TRADES = (
    "کارگاه خیاطی",
    "کارگاه فرش‌بافی",
    "نانوایی",
    "کارگاه صنایع دستی",
    "پرورش قارچ",
    "بسته‌بندی زعفران",
    "کارگاه سفالگری",
    "تعمیرگاه موبایل",
    "کارگاه نجاری",
    "پرورش زنبور عسل",
    "گلخانه",
    "کارگاه چرم‌دوزی",
)
NAMES = ("امید", "مهر", "نور", "بهار", "آفتاب", "رضوان", "سپیده", "پویا", "ثمین", "یاس")
PROBLEMS = (
    "کمبود مواد اولیه",
    "فروش کمتر از برنامه",
    "یکی از کارکنان کار را ترک کرده است",
    "نیاز به مجوز بهداشت",
    "اجاره محل کار افزایش یافته است",
)
ACTIONS = (
    "پیگیری تأمین مواد اولیه با اداره",
    "معرفی به نمایشگاه فروش شهرستان",
    "معرفی فرد جایگزین از مرکز حمایت شغلی",
    "پیگیری صدور مجوز بهداشت",
    "بازدید دوباره پس از یک ماه",
)
FINDINGS = (
    "کسب‌وکار فعال است و مطابق طرح پیش می‌رود.",
    "محصولات در بازار محلی فروش دارد.",
    "مددجو از حمایت‌ها راضی است.",
)
CLOSED_DOORS = "کارگاه در زمان بازدید تعطیل بود"
CLOSED_FINDING = "فعالیت کسب‌وکار متوقف شده است؛ علت و برنامه ازسرگیری پیگیری شود."
DAY = datetime.timedelta(days=1)


def monitoring_loaded() -> bool:
    return MonitoredProject.objects.filter(name=MARKER, county__name="مشهد").exists()


def counts() -> dict[str, int]:
    visits = Visit.objects.aggregate(
        in_person=Count("pk", filter=Q(mode=Visit.Mode.IN_PERSON)),
        remote=Count("pk", filter=Q(mode=Visit.Mode.REMOTE)),
    )
    return {
        "monitored projects": MonitoredProject.objects.count(),
        "monitored projects with a loan": MonitoredProject.objects.filter(
            loan__isnull=False
        ).count(),
        "monitoring plans": MonitoringPlan.objects.count(),
        "monitoring visits in person": visits["in_person"],
        "monitoring visits remote": visits["remote"],
        "follow-up actions": FollowUpAction.objects.count(),
    }


def build(world: s.World, actor: User, rng: random.Random, today: datetime.date) -> dict[str, int]:
    """Projects, plans, visits and follow-up actions; nothing if already there."""
    if monitoring_loaded():
        return counts()
    _Builder(world, actor, rng, today).run()
    return counts()


def first_round(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The latest in-person round, 1 Bahman to 15 Tir, that had ended by today."""
    import jdatetime

    year = year_of(CALENDAR, today).year
    end = jdatetime.date(year, 4, 15).togregorian()
    if end >= today:
        year -= 1
        end = jdatetime.date(year, 4, 15).togregorian()
    start = jdatetime.date(year - 1, 11, 1).togregorian()
    return start, end


class _Builder:
    def __init__(self, world: s.World, actor: User, rng: random.Random, today: datetime.date):
        self.world, self.actor, self.rng, self.today = world, actor, rng, today
        self.programme = world.programmes["mashhad"]
        self.counties = [world.regions[name] for name in s.IR_COUNTIES]
        self.officer = world.users.get(OFFICER) or User.objects.get(username=OFFICER)
        self.second = (
            world.users.get(SECOND_OFFICER) or User.objects.filter(username=SECOND_OFFICER).first()
        )
        self.projects: list[MonitoredProject] = []
        self.second_counties = {world.regions[name].pk for name in SECOND_OFFICER_COUNTIES}

    def run(self) -> None:
        self.assignments()
        self.make_projects()
        self.plans()
        visits = self.visits()
        self.actions(visits)

    def day_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + DAY * self.rng.randint(0, max((end - start).days, 0))

    def assignments(self) -> None:
        if self.second is None:
            return
        # Straight to the table: assignments have no service (they are kept in the admin), and
        # ignore_conflicts keeps a second run from making more.
        CountyAssignment.objects.bulk_create(
            [
                CountyAssignment(officer=self.second, county=self.world.regions[name])
                for name in SECOND_OFFICER_COUNTIES
            ],
            ignore_conflicts=True,
        )

    def make_projects(self) -> None:
        county_ids = {county.pk for county in self.counties}
        loans = list(
            Loan.objects.filter(
                programme=self.programme,
                region_id__in=county_ids,
                disbursed_on__isnull=False,
                monitored_project__isnull=True,
            ).select_related("plan")
        )
        by_county: dict[int, int] = {}
        new: list[MonitoredProject] = []
        for loan in loans:
            plan = loan.plan
            new.append(
                MonitoredProject(
                    programme=self.programme,
                    county_id=loan.region_id,
                    name=plan.title,
                    kind=MonitoredProject.Kind.LOAN_BUSINESS,
                    loan=loan,
                    participant_id=loan.participant_id,
                    funded_amount=loan.disbursed_amount or loan.amount,
                    jobs_planned=plan.jobs_total,
                    started_on=loan.disbursed_on,
                    created_by=self.officer,
                )
            )
            by_county[loan.region_id] = by_county.get(loan.region_id, 0) + 1
        earliest = self.today - DAY * 900
        latest = self.today - DAY * 60
        for index, county in enumerate(self.counties):
            # Mashhad, the provincial capital, has the most.
            target = self.rng.randint(30, 40) if index == 0 else self.rng.randint(10, 25)
            extra = max(target - by_county.get(county.pk, 0), 0)
            # Mashhad always gets its own projects: the first is the marker of a finished run.
            for number in range(max(extra, 1) if index == 0 else extra):
                if index == 0 and number == 0:
                    name = MARKER
                else:
                    name = f"{self.rng.choice(TRADES)} {self.rng.choice(NAMES)} {county.name}"
                started_on = self.day_between(earliest, latest)
                project = MonitoredProject(
                    programme=self.programme,
                    county=county,
                    name=name,
                    kind=MonitoredProject.Kind.EMPLOYMENT_PROJECT,
                    funded_amount=Decimal(self.rng.randint(30, 200) * 10_000_000),
                    jobs_planned=self.rng.randint(1, 6),
                    started_on=started_on,
                    created_by=self.officer,
                )
                if number and self.rng.random() < 0.07:
                    project.status = MonitoredProject.Status.CLOSED
                    project.closed_on = self.day_between(started_on + DAY * 120, latest)
                new.append(project)
        self.projects = bulk_create_with_history(new, MonitoredProject, default_user=self.actor)

    def active_during(self, start: datetime.date, end: datetime.date) -> list[MonitoredProject]:
        return [
            p
            for p in self.projects
            if p.started_on <= end and (p.closed_on is None or p.closed_on >= start)
        ]

    def plans(self) -> None:
        current = year_of(CALENDAR, self.today)
        plans, links = [], []
        for period in (current.previous(), current):
            active = self.active_during(period.start, period.end)
            for county in self.counties:
                mine = [p for p in active if p.county_id == county.pk]
                plans.append(
                    MonitoringPlan(
                        programme=self.programme,
                        county=county,
                        period_key=period.key,
                        planned_in_person=len(mine),
                        planned_remote=round(len(mine) * 0.8),
                        created_by=self.officer,
                    )
                )
                links.append(mine)
        made = bulk_create_with_history(plans, MonitoringPlan, default_user=self.actor)
        through = MonitoringPlan.projects.through
        through.objects.bulk_create(
            [
                through(monitoringplan_id=plan.pk, monitoredproject_id=project.pk)
                for plan, projects in zip(made, links, strict=True)
                for project in projects
            ]
        )

    def visit(self, project, mode, start, end, officer) -> Visit | None:
        if project.closed_on:
            end = min(end, project.closed_on)
        start = max(start, project.started_on)
        if end < start:
            return None
        day = self.day_between(start, end)
        active = self.rng.random() < 0.9
        problems = "" if self.rng.random() < 0.7 else self.rng.choice(PROBLEMS)
        findings = self.rng.choice(FINDINGS)
        if not active:
            problems, findings = CLOSED_DOORS, CLOSED_FINDING
        instalments = None
        if project.loan_id:
            instalments = not loan_is_in_arrears(loan=project.loan, on=day)
        return Visit(
            project=project,
            mode=mode,
            visited_on=day,
            officer=officer,
            business_active=active,
            jobs_filled=max(project.jobs_planned - self.rng.randint(0, 1), 0) if active else 0,
            instalments_up_to_date=instalments,
            problems=problems,
            findings=findings,
        )

    def officer_for(self, project) -> User:
        if self.second and project.county_id in self.second_counties and self.rng.random() < 0.5:
            return self.second
        return self.officer

    def visits(self) -> list[Visit]:
        start, end = first_round(self.today)
        visits = []
        # The in-person round: every county, most of the projects active when it began.
        for county in self.counties:
            mine = [p for p in self.active_during(start, end) if p.county_id == county.pk]
            chosen = [p for p in mine if self.rng.random() < 0.8] or mine[:1]
            for project in chosen:
                visits.append(
                    self.visit(project, Visit.Mode.IN_PERSON, start, end, self.officer_for(project))
                )
        # Remote monitoring: about 80% of the counties, through the national centre, since the
        # round ended.
        remote = self.rng.sample(self.counties, k=round(len(self.counties) * 0.8))
        since = end + DAY
        for county in remote:
            mine = [p for p in self.active_during(since, self.today) if p.county_id == county.pk]
            for project in mine:
                if self.rng.random() < 0.6:
                    visits.append(
                        self.visit(
                            project, Visit.Mode.REMOTE, since, self.today - DAY, self.officer
                        )
                    )
        # A few in-person visits this quarter, so that not everything is due.
        recent = self.today - DAY * 40
        for project in self.active_during(self.today, self.today):
            if self.rng.random() < 0.15:
                visits.append(
                    self.visit(
                        project,
                        Visit.Mode.IN_PERSON,
                        recent,
                        self.today - DAY,
                        self.officer_for(project),
                    )
                )
        made = bulk_create_with_history(
            [v for v in visits if v is not None], Visit, default_user=self.actor
        )
        return [visit for visit in made if visit.problems]

    def actions(self, visits: list[Visit]) -> None:
        actions = []
        for visit in visits:
            due_on = visit.visited_on + DAY * self.rng.choice((14, 30, 45))
            action = FollowUpAction(
                visit=visit,
                project_id=visit.project_id,
                description=self.rng.choice(ACTIONS),
                due_on=due_on,
                assignee=visit.officer,
            )
            # Most past-due actions were done in time; some were not, and are overdue now.
            if due_on < self.today and self.rng.random() < 0.75:
                action.done = True
                action.done_on = min(self.day_between(visit.visited_on, due_on), self.today - DAY)
                action.done_by = visit.officer
            actions.append(action)
        bulk_create_with_history(actions, FollowUpAction, default_user=self.actor)
