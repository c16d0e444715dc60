"""Builds the demo: three programmes, their staff, and a few hundred people part-way through.

People arrive the way real ones do, through the services (referral, acceptance with consent,
assessment, case team, notes), so the demo passes the same validation as real input; their
casework follows (`casework`, `interventions`, `reviews`). The services stamp everything
"now"; `Timeline` then moves each record back to when it happened in the story, history rows
included, so that a caseload looks months old.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from tandem.casework.models import (
    Appointment,
    Assessment,
    CaseReview,
    Contact,
    Goal,
    Milestone,
    Plan,
    ReviewAction,
    ReviewQueue,
    ReviewQueueItem,
    StageChange,
)
from tandem.core.access import CLINICAL_DISCIPLINES, Discipline, Sensitivity
from tandem.demo import casework_content, centres, content, employment, finance, monitoring
from tandem.demo import structure as s
from tandem.demo.caseloads import SELF, Caseload, Intake, Route, all_intakes
from tandem.demo.casework import Stories
from tandem.demo.interventions import build_catalogue
from tandem.demo.journey import EXITED, OPEN, PAUSED, Journey
from tandem.demo.people import Person, PersonMaker
from tandem.demo.timeline import DAYS_OFF, LOCAL_TIME, Timeline
from tandem.interventions.models import Attendance, Intervention, InterventionReferral, Provider
from tandem.organisations.models import Membership, Organisation, Region, Site, User
from tandem.participants.models import (
    AccessLogEntry,
    CaseTeamMember,
    Consent,
    ConsentPurpose,
    HealthCondition,
    Note,
    Participant,
)
from tandem.participants.selectors import ParticipantAccess
from tandem.participants.services import (
    case_team_member_add,
    consent_record,
    health_condition_add,
    note_create,
    participant_update,
)
from tandem.programmes.models import Programme
from tandem.referrals.models import Enrolment, Referral
from tandem.referrals.services import (
    referral_accept,
    referral_create,
    referral_decline,
    referral_source_for,
    referral_withdraw,
    support_end,
)

# Any fixed seed keeps the demo the same on every machine and every run.
SEED = 2030
GB, DK, IR = content.GB, content.DK, content.IR
# How long ago people were referred: support periods are 12 months, so those referred about
# a year ago are at (or past) the end of theirs; pauses and exits need a story before them.
JOINED_DAYS_AGO = {
    "": (12, 330),
    "paused": (45, 330),
    "exited": (120, 330),
    "ending": (346, 356),
    "overrun": (376, 390),
}


class Casework:
    """Referrals, acceptances, assessments, case teams, consent and notes, as the story goes."""

    def __init__(self, world: s.World, rng: random.Random, now: datetime.datetime) -> None:
        self.world = world
        self.rng = rng
        self.now = now
        self.people = PersonMaker(rng, timezone.localdate(now))
        self.timeline = Timeline()

    # Time ---------------------------------------------------------------------------------

    def at_work(self, country: str, days_ago: float) -> datetime.datetime:
        """A moment in working hours, that many days ago, in the country's own time."""
        day = (self.now - datetime.timedelta(days=days_ago)).astimezone(LOCAL_TIME[country]).date()
        while day.weekday() in DAYS_OFF[country]:
            day -= datetime.timedelta(days=1)
        minutes = self.rng.randint(8 * 60 + 30, 16 * 60 + 45)
        moment = datetime.datetime.combine(
            day, datetime.time(minutes // 60, minutes % 60), tzinfo=LOCAL_TIME[country]
        )
        return min(moment, self.now - datetime.timedelta(minutes=self.rng.randint(5, 90)))

    def after(
        self, country: str, start: datetime.datetime, low: int, high: int
    ) -> datetime.datetime:
        """A working moment some days after `start`, never before it and never in the future."""
        days_ago = (self.now - start).total_seconds() / 86400 - self.rng.randint(low, high)
        moment = self.at_work(country, max(days_ago, 0))
        if moment <= start:
            moment = start + datetime.timedelta(minutes=self.rng.randint(10, 120))
        return min(moment, self.now)

    # Referrals ----------------------------------------------------------------------------

    def person(self, intake: Intake) -> Person:
        if intake.kind == "uk":
            return self.people.uk(intake.phone_prefix)
        if intake.kind in ("koge", "ballerup"):
            return self.people.dk(intake.kind)
        return self.people.ir()

    def reason(self, intake: Intake, person: Person) -> str:
        if person.benefit_situation == "in_work_at_risk":
            text = self.rng.choice(content.IN_WORK_AT_RISK_REASONS)
            return text.format(weeks=self.rng.randint(3, 12))
        text = content.REFERRAL_REASONS[intake.country][person.primary_barrier]
        condition = person.conditions[0].description if person.conditions else ""
        text = text.format(months=person.months_out, condition=condition)
        if intake.kind == "ballerup":
            return content.BALLERUP_REASON_PREFIX + text
        return text

    def refer(
        self,
        intake: Intake,
        person: Person,
        route: Route,
        received: datetime.datetime,
        urgency: str | None = None,
    ) -> Referral:
        rng = self.rng
        receiver = self.world.org(intake.organisation)
        if route.organisation == SELF:
            referring, source = None, Referral.Source.SELF
        else:
            referring = self.world.org(route.organisation)
            source = Referral.Source.STAFF if route.staff else referral_source_for(referring)
        # Referrers do not always know the identifier or have a phone number to hand.
        knows_identifier = rng.random() < (0.9 if source == Referral.Source.GP else 0.65)
        data = {
            "person_name": person.full_name,
            "person_date_of_birth": person.date_of_birth,
            "person_phone": person.phone if rng.random() < 0.9 else "",
            "person_email": person.email if rng.random() < 0.5 else "",
            "person_identifier_kind": person.identifier_kind if knows_identifier else "",
            "person_identifier": person.identifier if knows_identifier else "",
            "person_agreed": True,
            "reason": self.reason(intake, person),
            "wants_help_with": (
                rng.choice(content.WANTS_HELP_WITH[intake.country]) if rng.random() < 0.7 else ""
            ),
            "urgency": urgency
            or rng.choices(list(Referral.Urgency.values), weights=[70, 20, 10])[0],
        }
        referral = referral_create(
            actor=self.world.users[route.username],
            receiving_organisation=receiver,
            referring_organisation=referring,
            source=source,
            data=data,
        )
        self.timeline.created(referral, received)
        return referral

    def route(self, intake: Intake, person: Person) -> Route:
        """Who referred the person; hospitals refer only people whose main barrier is clinical."""
        clinical = person.conditions and person.conditions[0].kind == person.primary_barrier
        routes = [
            route
            for route in intake.routes
            if clinical
            or route.organisation == SELF
            or self.world.org(route.organisation).kind != Organisation.Kind.HEALTH_TRUST
        ]
        return self.rng.choices(routes, weights=[route.weight for route in routes])[0]

    # The journey of one accepted person --------------------------------------------------

    def enrol(
        self,
        intake: Intake,
        caseload: Caseload,
        teams: list[tuple[str, str]],
        fate: str,
        days_ago: tuple[int, int],
    ) -> Journey:
        """Referral, acceptance, first assessment, team, consent, conditions and notes; the
        rest of the story is told once everybody is enrolled (`casework.Stories`)."""
        rng, timeline, country = self.rng, self.timeline, intake.country
        users = self.world.users
        specialist = users[caseload.specialist]
        person = self.person(intake)
        received = self.at_work(country, rng.randint(*days_ago))
        referral = self.refer(intake, person, self.route(intake, person), received)

        decided = self.after(country, received, 1, 8)
        started = decided.astimezone(LOCAL_TIME[country]).date()
        programme = self.world.programmes[intake.programme]
        # The service takes starts up to a year back (older ones are typing mistakes).
        typed = max(started, timezone.localdate(self.now) - datetime.timedelta(days=365))
        enrolment = referral_accept(
            actor=specialist,
            referral=referral,
            programme=programme,
            consent_method=rng.choice(Consent.Method.values),
            started_on=typed,
        )
        if typed != started:
            # Someone whose support began more than a year ago: the start is put back
            # afterwards like every other date of the story, the end by the service's rule.
            ends = support_end(
                programme=programme, started_on=started, in_work=enrolment.in_work_at_start
            )
            dates = {"started_on": started, "support_ends_on": ends}
            Enrolment.objects.filter(pk=enrolment.pk).update(**dates)
            Enrolment.history.filter(id=enrolment.pk).update(**dates)
            enrolment.started_on, enrolment.support_ends_on = started, ends
        participant = enrolment.participant
        timeline.changed(referral, decided, decided_at=decided)
        timeline.created(participant, decided)
        timeline.created(enrolment, decided)
        timeline.created(participant.consents.get(), decided)
        place = case_team_member_add(
            actor=specialist,
            participant=participant,
            member=specialist,
            discipline=Discipline.EMPLOYMENT,
        )
        timeline.created(place, decided)

        # First assessment: the person's circumstances, in their own words.
        assessed = self.after(country, decided, 1, 10)
        access = ParticipantAccess(
            participant=participant,
            grounds=AccessLogEntry.Grounds.OWNING_ORGANISATION,
            can_write=True,
            discipline=Discipline.EMPLOYMENT,
        )
        data = person.assessment() | {"phone": person.phone}
        participant = participant_update(
            actor=specialist, access=access, data=data, expected_version=None
        )
        timeline.changed(participant, assessed)

        members: list[tuple[User, str, datetime.datetime]] = []
        for username, discipline in teams:
            joined = self.after(country, assessed, 0, 14)
            place = case_team_member_add(
                actor=specialist,
                participant=participant,
                member=users[username],
                discipline=discipline,
            )
            timeline.created(place, joined)
            members.append((users[username], discipline, joined))

        shares_health_until = self.consents(country, participant, specialist, assessed)
        clinicians = [member for member in members if member[1] in CLINICAL_DISCIPLINES]
        for description, disability, _kind in person.conditions:
            recorder, when = specialist, assessed
            if clinicians and shares_health_until:
                recorder, _discipline, joined = clinicians[0]
                when = self.after(country, joined, 0, 7)
            condition = health_condition_add(
                actor=recorder,
                participant=participant,
                description=description,
                is_disability=disability,
            )
            timeline.created(condition, when, author=recorder)

        self.notes(intake, participant, person, specialist, assessed, members, shares_health_until)
        return Journey(
            intake=intake,
            caseload=caseload,
            person=person,
            participant=participant,
            enrolment=enrolment,
            specialist=specialist,
            members=members,
            decided=decided,
            assessed=assessed,
            shares_health_until=shares_health_until,
            fate=fate,
        )

    def consents(
        self,
        country: str,
        participant: Participant,
        specialist: User,
        assessed: datetime.datetime,
    ) -> datetime.datetime | None:
        """Health sharing for most, withdrawn by a few; employer disclosure for some.

        Returns until when health information may be shared (None if never).
        """
        rng = self.rng

        def record(purpose, status, when, note=""):
            consent = consent_record(
                actor=specialist,
                participant=participant,
                purpose=purpose,
                status=status,
                method=rng.choice(Consent.Method.values),
                note=note,
            )
            self.timeline.created(consent, when)

        shares_until = None
        if rng.random() < 0.88:
            note = rng.choice(content.CONSENT_GIVEN_NOTES[country])
            record(ConsentPurpose.HEALTH_SHARING, Consent.Status.GIVEN, assessed, note)
            shares_until = self.now
            if rng.random() < 0.07:
                shares_until = self.after(country, assessed, 20, 90)
                note = content.HEALTH_SHARING_WITHDRAWN_NOTES[country]
                record(ConsentPurpose.HEALTH_SHARING, Consent.Status.WITHDRAWN, shares_until, note)
        if rng.random() < 0.35:
            when = self.after(country, assessed, 7, 90)
            record(ConsentPurpose.EMPLOYER_DISCLOSURE, Consent.Status.GIVEN, when)
        return shares_until

    def note(self, participant, author, text, sensitivity, when) -> None:
        note = note_create(
            actor=author, participant=participant, text=text, sensitivity=sensitivity
        )
        self.timeline.created(note, when)

    def notes(self, intake, participant, person, specialist, assessed, members, shares_until):
        rng, country = self.rng, intake.country
        bank = content.NOTES[country]
        general = list(bank["general"])
        if intake.kind == "ballerup":
            general += content.BALLERUP_GENERAL_NOTES
        # The first meeting, then what happened since, a few weeks apart.
        when = assessed
        for text in [general[0], *rng.sample(general[1:], rng.randint(0, 3))]:
            text = text.format(name=person.given_name)
            self.note(participant, specialist, text, Sensitivity.GENERAL, when)
            when = self.after(country, when, 3, 30)
        # Social notes about the person's own circumstances; health notes about their condition.
        social = [
            text
            for barrier in [*person.barriers, "any"]
            for text in bank["social"].get(barrier, [])
        ]
        kind = person.conditions[0].kind if person.conditions else "mental_health"
        for member, discipline, joined in members:
            if discipline == Discipline.SOCIAL:
                texts, sensitivity = social, Sensitivity.SOCIAL
            elif shares_until is not None:
                texts, sensitivity = bank["health"][kind], Sensitivity.HEALTH
            else:
                continue
            for text in rng.sample(texts, min(len(texts), rng.randint(1, 2))):
                when = self.after(country, joined, 1, 45)
                if sensitivity == Sensitivity.HEALTH and when > shares_until:
                    continue  # nothing written for the team once sharing was withdrawn
                text = text.format(name=person.given_name)
                self.note(participant, member, text, sensitivity, when)

    # Whole organisations ------------------------------------------------------------------

    def intake(self, intake: Intake) -> list[Journey]:
        rng, country = self.rng, intake.country
        journeys = []
        for caseload in intake.caseloads:
            on_team: list[list[tuple[str, str]]] = [[] for _ in range(caseload.size)]
            for username, discipline, share in caseload.team:
                for index in rng.sample(range(caseload.size), round(share * caseload.size)):
                    on_team[index].append((username, discipline))
            # Who pauses, who leaves, and whose support period is (nearly) over.
            order = rng.sample(range(caseload.size), caseload.size)
            counts = [caseload.paused, caseload.exited, caseload.ending, caseload.overrun]
            kinds = ["paused", "exited", "ending", "overrun"]
            story = {}
            for kind, count in zip(kinds, counts, strict=True):
                for index in order[:count]:
                    story[index] = kind
                order = order[count:]
            for index in range(caseload.size):
                kind = story.get(index, "")
                fate = {"paused": PAUSED, "exited": EXITED}.get(kind, OPEN)
                newest, oldest = JOINED_DAYS_AGO[kind]
                window = (max(newest, intake.newest), oldest)
                journeys.append(self.enrol(intake, caseload, on_team[index], fate, window))

        # The first route is the main referrer; make sure it sees every outcome.
        main = intake.routes[0]
        for index in range(intake.declined):
            person = self.person(intake)
            route = main if index == 0 else self.route(intake, person)
            received = self.at_work(country, rng.randint(5, 200))
            referral = self.refer(intake, person, route, received)
            decided = self.after(country, received, 1, 6)
            referral_decline(
                actor=self.world.users[intake.decider],
                referral=referral,
                reason=rng.choice(content.DECLINE_REASONS[country]),
            )
            self.timeline.changed(referral, decided, decided_at=decided)
        for index in range(intake.withdrawn):
            person = self.person(intake)
            route = main if index == 0 else self.route(intake, person)
            received = self.at_work(country, rng.randint(5, 200))
            referral = self.refer(intake, person, route, received)
            decided = self.after(country, received, 1, 10)
            referral_withdraw(
                actor=self.world.users[route.username],
                referral=referral,
                reason=rng.choice(content.WITHDRAW_REASONS[country]),
            )
            self.timeline.changed(referral, decided, decided_at=decided)
        # Waiting in the inbox: a spread of ages, the main referrer's among them, some urgent.
        for index in range(intake.inbox):
            person = self.person(intake)
            route = main if index < max(2, intake.inbox // 2) else self.route(intake, person)
            urgency = Referral.Urgency.URGENT if index % 4 == 1 else None
            received = self.at_work(country, rng.choice([0, 1, 2, 4, 7, 12, 19, 26, 33, 40]))
            self.refer(intake, person, route, received, urgency)

        return journeys

    def run(self) -> None:
        journeys = []
        for intake in all_intakes():
            journeys += self.intake(intake)
        catalogue = build_catalogue(self.world, s.admin_user())
        Stories(self, journeys, catalogue).run()
        self.timeline.apply()


def _backdate_set_up(since: datetime.datetime, when: datetime.datetime) -> None:
    """The organisations, sites and staff made in this load have been there a while."""
    for model in (Region, Organisation, Site, Programme, Membership, Provider, Intervention):
        model.objects.filter(created_at__gte=since).update(created_at=when, updated_at=when)
        if hasattr(model, "history"):
            model.history.filter(history_date__gte=since).update(
                history_date=when, created_at=when, updated_at=when
            )
    User.objects.filter(date_joined__gte=since).update(date_joined=when)


@dataclass
class DemoResult:
    created: bool
    logins: list[tuple[s.LoginSpec, Membership]]
    counts: dict[str, int]


class DemoOutdated(Exception):
    """The database holds a demo loaded before casework was part of it."""


def demo_loaded() -> bool:
    """The demo is there when every one of its organisations is (the load is all or nothing)
    and its casework with them, of which the Køge review queue is made last but one."""
    names = set(s.demo_organisation_names())
    present = Organisation.objects.filter(name__in=names).values("name").distinct().count()
    if present < len(names):
        return False
    queue = ReviewQueue.objects.filter(
        organisation__name=s.JOBCENTER_KOGE, name=casework_content.KOGE_QUEUE_NAME
    )
    if not queue.exists():
        # Its people cannot be told apart from real ones now: adding casework would double them.
        raise DemoOutdated(
            "This database holds a demo loaded before casework was part of it. "
            "Recreate the database (delete it, migrate) and load the demo again."
        )
    return True


def demo_counts() -> dict[str, int]:
    counts = {
        "regions": Region.objects.count(),
        "organisations": Organisation.objects.count(),
        "sites": Site.objects.count(),
        "programmes": Programme.objects.count(),
        "staff": User.objects.count(),
        "memberships": Membership.objects.count(),
        "participants": Participant.objects.count(),
        "referrals": Referral.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "consent decisions": Consent.objects.count(),
        "case-team places": CaseTeamMember.objects.count(),
        "notes": Note.objects.count(),
        "health conditions": HealthCondition.objects.count(),
    }
    for label, model in (("referrals", Referral), ("enrolments", Enrolment)):
        for row in model.objects.values("status").annotate(n=Count("id")).order_by("status"):
            counts[f"{label} {row['status']}"] = row["n"]
    for row in Note.objects.values("sensitivity").annotate(n=Count("id")).order_by("sensitivity"):
        counts[f"notes {row['sensitivity']}"] = row["n"]
    counts |= {
        "providers": Provider.objects.count(),
        "interventions": Intervention.objects.count(),
        "intervention referrals": InterventionReferral.objects.count(),
        "attendance records": Attendance.objects.count(),
        "assessments": Assessment.objects.count(),
        "plans": Plan.objects.count(),
        "plans agreed": Plan.objects.exclude(agreed_on=None).count(),
        "goals": Goal.objects.count(),
        "milestones": Milestone.objects.count(),
        "stage changes": StageChange.objects.count(),
        "contacts": Contact.objects.count(),
        "appointments": Appointment.objects.count(),
        "review queues": ReviewQueue.objects.count(),
        "case reviews": CaseReview.objects.count(),
        "review actions": ReviewAction.objects.count(),
    }
    grouped = (
        ("intervention referrals", InterventionReferral, "status"),
        ("assessments", Assessment, "kind"),
        ("milestones", Milestone, "state"),
        ("appointments", Appointment, "status"),
        ("queued cases", ReviewQueueItem, "status"),
        ("case reviews", CaseReview, "decision"),
    )
    for label, model, field in grouped:
        rows = model.objects.values(field).annotate(n=Count("pk")).order_by(field)
        for row in rows:
            counts[f"{label} {row[field]}"] = row["n"]
    counts |= employment.counts()
    counts |= finance.counts()
    counts |= centres.counts()
    counts |= monitoring.counts()
    return counts


def _world(actor: User) -> s.World:
    """The places, organisations, programmes and staff, made or found (get-or-create)."""
    world = s.World()
    s.build_places(world, actor)
    s.build_organisations(world, actor)
    s.build_programmes(world)
    return world


def _refresh_planner_statistics() -> None:
    """PostgreSQL plans queries from table statistics that autovacuum gathers only after a
    commit; inside the one transaction of a demo load, thousands of new rows would be planned
    as a handful (a count over a caseload took minutes). ANALYZE sees this transaction's rows."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _build_later_parts(world: s.World, actor: User, seed: int, today: datetime.date) -> None:
    """Employment, finance, centres and monitoring, in that order (each reads the one before).
    Each makes nothing when its own part is already there, so a database loaded by an earlier
    version of the demo gains the parts it lacks."""
    employment.build(world, actor, random.Random(seed + 4), today)
    finance.build(world, actor, random.Random(seed + 5), today)
    centres.build(world, actor, random.Random(seed + 6), today)
    monitoring.build(world, actor, random.Random(seed + 7), today)


def load_demo(*, password: str, seed: int = SEED) -> DemoResult:
    """Load the demo, or if it is already there re-assert the logins and their password and
    add only the parts a database from an earlier demo lacks.

    The caller wraps this in one transaction.
    """
    now = timezone.now()
    if demo_loaded():
        actor = s.admin_user()
        world = _world(actor)
        logins = s.ensure_logins(password)
        s.build_staff(world, actor)
        before = demo_counts()
        _build_later_parts(world, actor, seed, timezone.localdate(now))
        _refresh_planner_statistics()
        counts = demo_counts()
        return DemoResult(created=counts != before, logins=logins, counts=counts)
    actor = s.admin_user()
    world = _world(actor)
    logins = s.ensure_logins(password)
    s.build_staff(world, actor)
    Casework(world, random.Random(seed), now).run()
    _refresh_planner_statistics()
    _build_later_parts(world, actor, seed, timezone.localdate(now))
    _refresh_planner_statistics()
    established = now - datetime.timedelta(days=400)
    _backdate_set_up(now, established.replace(hour=8, minute=30, second=0, microsecond=0))
    return DemoResult(created=True, logins=logins, counts=demo_counts())
