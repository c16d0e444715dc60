"""The casework of each enrolled person, as their story goes after they were taken on.

Key workers move people through the five supported-employment stages (now and then back),
record assessments in the person's own words, agree plans with goals in parallel tracks and
milestones, refer to interventions and record attendance, log contacts and book appointments;
some people pause or leave. Everything goes through the services; `Timeline` then gives each
record its time in the story.
"""

from __future__ import annotations

import datetime
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from tandem.casework.models import Appointment, Assessment, Milestone, Plan, Track
from tandem.casework.services import (
    appointment_book,
    appointment_set_status,
    assessment_record,
    contact_record,
    goal_add,
    milestone_add,
    milestone_set_state,
    plan_agree,
    plan_create,
    plan_update,
    stage_move,
)
from tandem.core.access import Discipline, Sensitivity
from tandem.demo import casework_content as text
from tandem.demo import content
from tandem.demo import structure as s
from tandem.demo.interventions import SESSIONS, Catalogue, kinds_for, session_days
from tandem.demo.journey import DAY, EXITED, OPEN, PAUSED, PERSONAS, Journey, ReviewPlan
from tandem.demo.people import Person
from tandem.demo.reviews import plan_reviews, record_review
from tandem.demo.timeline import DAYS_OFF, LOCAL_TIME
from tandem.interventions.models import InterventionReferral
from tandem.interventions.services import (
    attendance_record,
    intervention_referral_create,
    intervention_referral_set_status,
)
from tandem.organisations.models import User
from tandem.participants.models import CaseTeamMember
from tandem.participants.services import case_team_member_add, case_team_member_remove
from tandem.referrals.models import SupportStage
from tandem.referrals.services import (
    enrolment_exit,
    enrolment_key_worker_set,
    enrolment_pause,
    enrolment_resume,
)

if TYPE_CHECKING:
    from tandem.demo.builders import Casework

GB, DK, IR = content.GB, content.DK, content.IR
STAGES = list(SupportStage.values)
# Which question of the barrier assessment each barrier feeds.
BARRIER_QUESTION = {
    "health": "health",
    "disability": "health",
    "mental_health": "mental_health",
    "social": "social",
    "housing": "housing",
    "childcare": "childcare",
    "substance_use": "substance_use",
    "skills": "skills_language",
    "language": "skills_language",
    "digital": "skills_language",
    "confidence": "confidence",
    "long_absence": "confidence",
    "debt": "debt",
    "caring": "caring",
}
SEVERITY_QUESTIONS = [
    "health",
    "mental_health",
    "social",
    "housing",
    "childcare",
    "substance_use",
    "skills_language",
    "confidence",
    "debt",
    "caring",
]
HEALTH_QUESTIONS = {"health", "mental_health", "substance_use"}
LEVELS = ["none", "low", "medium", "high"]
SOCIAL_BARRIERS = {"social", "housing", "debt", "caring", "childcare", "substance_use"}
SKILLS_BARRIERS = {"skills", "digital", "language"}
CLINICAL_BARRIERS = {"health", "mental_health", "disability"}
CHANNELS = {
    GB: {"face_to_face": 30, "phone": 30, "gp_practice": 12, "video": 8, "home_visit": 5,
         "message": 15},
    DK: {"face_to_face": 40, "phone": 30, "video": 8, "home_visit": 7, "message": 15},
    IR: {"face_to_face": 45, "phone": 35, "video": 3, "home_visit": 10, "message": 7},
}  # fmt: skip
EXIT_REASONS = {
    GB: {"job": 40, "education": 10, "moved": 15, "withdrew": 20, "health": 15},
    DK: {"job": 30, "education": 20, "moved": 15, "withdrew": 15, "health": 20},
    IR: {"job": 35, "self_employment": 20, "moved": 15, "withdrew": 15, "health": 15},
}
SURGERY = {s.provider_name(area): area.practices[0][1] for area in s.UK_AREAS}


class Stories:
    """Tells every journey: first what happens to whom, then each person's casework."""

    def __init__(self, builder: Casework, journeys: list[Journey], catalogue: Catalogue) -> None:
        self.b = builder
        self.rng: random.Random = builder.rng
        self.now: datetime.datetime = builder.now
        self.today = timezone.localdate(builder.now)
        self.timeline = builder.timeline
        self.users = builder.world.users
        self.journeys = journeys
        self.catalogue = catalogue

    # Time ---------------------------------------------------------------------------------

    def day(self, country: str, moment: datetime.datetime) -> datetime.date:
        return min(moment.astimezone(LOCAL_TIME[country]).date(), self.today)

    def between(
        self, country: str, start: datetime.datetime, end: datetime.datetime
    ) -> datetime.datetime:
        """A working moment between two moments (the later one if they are the wrong way)."""
        end = min(end, self.now)
        if end <= start:
            return end
        low = (self.now - end).total_seconds() / 86400
        high = (self.now - start).total_seconds() / 86400
        moment = self.b.at_work(country, self.rng.uniform(low, high))
        if moment <= start:
            moment = start + datetime.timedelta(minutes=self.rng.randint(5, 90))
        return min(moment, end)

    def days_after(self, country: str, start: datetime.datetime, low: int, high: int):
        return self.between(
            country,
            start + datetime.timedelta(days=low),
            start + datetime.timedelta(days=high),
        )

    def slot(self, country: str, days_ahead: int) -> datetime.datetime:
        """A bookable time in working hours, at least an hour from now."""
        zone = LOCAL_TIME[country]
        day = (self.now + datetime.timedelta(days=days_ahead)).astimezone(zone).date()
        while True:
            while day.weekday() in DAYS_OFF[country]:
                day += DAY
            minutes = self.rng.randrange(9 * 60, 16 * 60 + 1, 15)
            moment = datetime.datetime.combine(
                day, datetime.time(minutes // 60, minutes % 60), tzinfo=zone
            )
            if moment > self.now + datetime.timedelta(hours=1):
                return moment
            day += DAY

    def moment_on(self, country: str, day: datetime.date) -> datetime.datetime:
        """A working moment on a given day (for records the services date by day only)."""
        minutes = self.rng.randint(9 * 60, 16 * 60)
        moment = datetime.datetime.combine(
            day, datetime.time(minutes // 60, minutes % 60), tzinfo=LOCAL_TIME[country]
        )
        return min(moment, self.now - datetime.timedelta(minutes=self.rng.randint(5, 60)))

    # What happens to whom -----------------------------------------------------------------

    def decide(self) -> None:
        rng = self.rng
        for journey in self.journeys:
            country = journey.country
            if journey.fate == EXITED:
                reasons = EXIT_REASONS[country]
                journey.exit_reason = rng.choices(list(reasons), weights=list(reasons.values()))[0]
                earliest = max(journey.assessed + 45 * DAY, self.now - 100 * DAY)
                journey.stop = self.between(country, earliest, self.now - 2 * DAY)
            elif journey.fate == PAUSED:
                earliest = max(journey.assessed + 14 * DAY, self.now - 90 * DAY)
                journey.stop = self.between(country, earliest, self.now - 7 * DAY)
            else:
                journey.stop = self.now
                if (self.now - journey.decided).days > 150 and rng.random() < 0.08:
                    paused = self.between(country, journey.assessed + 30 * DAY, self.now - 75 * DAY)
                    journey.break_ = (paused, self.days_after(country, paused, 14, 45))
            # A milestone left open past its date: the caseload flags the person.
            journey.overdue = rng.random() < 0.15
            journey.quiet = journey.fate == OPEN and rng.random() < 0.12
        for username in PERSONAS:
            # Each demo login's caseload shows both flags on a few people at least.
            mine = [j for j in self.journeys if j.caseload.specialist == username]
            for journey in rng.sample([j for j in mine if j.fate == OPEN], 2):
                journey.quiet = True
            for journey in rng.sample(mine, 2):
                journey.overdue = True
        self._handovers()
        self._stages_for_the_coach()

    def _handovers(self) -> None:
        """Jesper Holm hands three of his Køge people to Mette Kjær Andersen."""
        rng = self.rng
        his = [
            journey
            for journey in self.journeys
            if journey.caseload.specialist == "jesper.holm" and journey.fate == OPEN
        ]
        for journey in rng.sample(his, 3):
            when = self.between(
                DK, max(journey.assessed + 7 * DAY, self.now - 80 * DAY), self.now - 30 * DAY
            )
            journey.handover = (when, self.users["caseworker.koge"])

    def _stages_for_the_coach(self) -> None:
        """Every one of the five stages on coach.mashhad's caseload, the longest-supported
        furthest on, and a few who had to step back on the way."""
        mine = [
            journey
            for journey in self.journeys
            if journey.caseload.specialist == "coach.mashhad" and journey.fate != EXITED
        ]
        mine.sort(key=lambda journey: journey.decided)
        for rank, journey in enumerate(mine):
            journey.forced_stage = 4 - rank * 5 // len(mine)
        for journey in self.rng.sample([j for j in mine if j.forced_stage >= 1], 4):
            journey.moves_back = True

    # Telling one journey ------------------------------------------------------------------

    def tell(self, journey: Journey) -> None:
        moves = self.stage_story(journey)
        self.assessments(journey)
        self.interventions(journey)
        plan_after = None
        if journey.review is not None:
            record_review(self, journey)
            plan_after = journey.review
        self.plan(journey, plan_after)
        self.contacts(journey)
        self.appointments(journey)
        self.enrolment_events(journey, moves)

    # Stages -------------------------------------------------------------------------------

    def _final_stage(self, journey: Journey, days: int) -> int:
        if journey.forced_stage is not None:
            return journey.forced_stage
        if journey.exit_reason in ("job", "self_employment"):
            return 4
        rng = self.rng
        stage = min(4, days // 55) + rng.choice([-2, -1, -1, 0, 0, 0, 1])
        if journey.intake.kind in ("koge", "ballerup"):
            # Not job-ready yet: most are early in the process.
            stage = min(stage, rng.choice([1, 1, 2, 2, 3, 4]))
        return max(0, min(4, stage))

    def stage_story(self, journey: Journey) -> list[tuple[datetime.datetime, str]]:
        rng, country = self.rng, journey.country
        start = journey.assessed + 2 * DAY
        end = journey.stop - DAY
        days = max((end - journey.decided).days, 0)
        final = self._final_stage(journey, days)
        path = list(range(1, final + 1))
        back = journey.moves_back or rng.random() < 0.2
        if back and final == 4:
            path += [2, 3, 4]  # the job ended; found another
        elif back and 1 <= final < 4:
            path = [*range(1, final + 2), final]  # went a stage too far, came back
        elif back and final == 0 and days > 40:
            path = [1, 0]
        if end <= start or not path:
            return []
        points = sorted(rng.uniform(0, 1) for _ in path)
        span = end - start
        moves, last = [], start
        for stage, point in zip(path, points, strict=True):
            around = start + span * point
            when = self.between(country, around - DAY, around + DAY)
            if when <= last:
                when = last + datetime.timedelta(hours=rng.randint(2, 30))
            last = min(when, end)
            moves.append((last, STAGES[stage]))
            if stage == 1 and journey.profiled_at is None:
                journey.profiled_at = last
        return moves

    def _stage_note(self, journey: Journey, stage: str, previous: str) -> str:
        notes = text.STAGE_NOTES[journey.country]
        if STAGES.index(stage) < STAGES.index(previous):
            pool = notes["back"]
        elif self.rng.random() < 0.7:
            pool = notes[stage]
        else:
            return ""
        return self.rng.choice(pool).format(name=journey.person.given_name)

    def enrolment_events(self, journey: Journey, moves) -> None:
        """Every change to the enrolment, in the order it happened."""
        rng, country, timeline = self.rng, journey.country, self.timeline
        enrolment = journey.enrolment
        events: list[tuple[datetime.datetime, str, object]] = [
            (when, "stage", stage) for when, stage in moves
        ]
        if journey.handover:
            events.append((journey.handover[0], "handover", journey.handover[1]))
        if journey.break_:
            events.append((journey.break_[0], "pause", None))
            events.append((journey.break_[1], "resume", None))
        if journey.fate == PAUSED:
            events.append((journey.stop, "pause", None))
        elif journey.fate == EXITED:
            events.append((journey.stop, "exit", None))
        events.sort(key=lambda event: event[0])
        stage, moved = SupportStage.ENGAGEMENT, False
        name = journey.person.given_name
        for when, kind, payload in events:
            actor = journey.worker_at(when)
            if kind == "stage":
                note = self._stage_note(journey, payload, stage)
                change = stage_move(actor=actor, enrolment=enrolment, to_stage=payload, note=note)
                timeline.created(change, when, changed_at=when)
                timeline.changed(enrolment, when, stage_since=when)
                stage, moved = payload, True
            elif kind == "handover":
                self._handover(journey, when, payload)
            elif kind == "pause":
                words = rng.choice(content.PAUSE_NOTES[country]).format(name=name)
                enrolment_pause(actor=actor, enrolment=enrolment, note=words)
                timeline.changed(enrolment, when)
                self.b.note(journey.participant, actor, words, Sensitivity.GENERAL, when)
            elif kind == "resume":
                enrolment_resume(actor=actor, enrolment=enrolment)
                timeline.changed(enrolment, when)
                words = text.RESUMED_NOTES[country]
                self.b.note(journey.participant, actor, words, Sensitivity.GENERAL, when)
            else:
                note = text.EXIT_NOTES[country].get(journey.exit_reason, "").format(name=name)
                enrolment_exit(
                    actor=actor,
                    enrolment=enrolment,
                    reason=journey.exit_reason,
                    ended_on=self.day(country, when),
                    note=note,
                )
                timeline.changed(enrolment, when)
        if not moved:
            timeline.set(enrolment, stage_since=journey.decided)

    def _handover(self, journey: Journey, when: datetime.datetime, new: User) -> None:
        lead = self.users["hanne.lindberg"]
        enrolment_key_worker_set(actor=lead, enrolment=journey.enrolment, key_worker=new)
        self.timeline.changed(journey.enrolment, when)
        place = case_team_member_add(
            actor=lead,
            participant=journey.participant,
            member=new,
            discipline=Discipline.EMPLOYMENT,
        )
        self.timeline.created(place, when)
        old = CaseTeamMember.objects.get(participant=journey.participant, user=journey.specialist)
        self.timeline.changed(old, when)
        case_team_member_remove(actor=lead, place=old)

    # Assessments --------------------------------------------------------------------------

    def _record(self, journey, author, kind, answers, when) -> Assessment:
        assessment = assessment_record(
            actor=author,
            participant=journey.participant,
            kind=kind,
            answers=answers,
            assessed_on=self.day(journey.country, when),
        )
        self.timeline.created(assessment, when)
        return assessment

    def _versions(self, journey: Journey, first: datetime.datetime, more: float) -> list:
        """When each version was done: the first, then now and then a later look."""
        rng = self.rng
        times = [first]
        while len(times) < 3 and rng.random() < more:
            later = times[-1] + rng.randint(50, 110) * DAY
            if later > min(journey.stop, self.now - DAY):
                break
            times.append(self.between(journey.country, later, later + 5 * DAY))
            more *= 0.6
        return times

    def assessments(self, journey: Journey) -> None:
        rng, country, kind = self.rng, journey.country, journey.intake.kind
        person = journey.person
        chance = {"ballerup": 1.0, "koge": 0.6, "uk": 0.5, "ir": 0.45}[kind]
        if rng.random() < chance:
            first = self.days_after(country, journey.assessed, 0, 6)
            author = journey.specialist
            if kind == "ballerup" and journey.clinician(first):
                author = journey.clinician(first)
            said = _condition_words(person)
            for version, when in enumerate(self._versions(journey, first, 0.5), start=1):
                answers = {
                    "needs": person.barriers_note
                    if version == 1
                    else rng.choice(text.NEEDS_LATER[country]),
                    "resources": rng.choice(text.RESOURCES[country]),
                    "wishes": rng.choice(
                        text.WISHES[country] if version == 1 else text.WISHES_LATER[country]
                    ),
                    "support_agreed": rng.choice(text.SUPPORT_AGREED[country]),
                }
                if said and rng.random() < 0.6:
                    answers["health_situation"] = said
                self._record(journey, author, Assessment.Kind.HEALTH_CONVERSATION, answers, when)

        if journey.profiled_at or rng.random() < 0.25:
            start = journey.profiled_at or journey.assessed
            first = self.days_after(country, start, 1, 14)
            profile = {
                "work_history": rng.choice(text.WORK_HISTORY[country]),
                "education": rng.choice(text.EDUCATION[country]),
                "skills": rng.choice(text.SKILLS[country]),
                "job_preferences": rng.choice(text.JOB_PREFERENCES[country]),
                "hours_wanted": rng.choice([12, 16, 16, 20, 24, 30, 37]),
                "adjustments": rng.choice(text.ADJUSTMENTS[country]),
                "travel_minutes": rng.choice([20, 30, 30, 45, 60]),
                "driving_licence": rng.random() < (0.2 if country == IR else 0.4),
            }
            for version, when in enumerate(self._versions(journey, first, 0.3), start=1):
                if version > 1:
                    profile = dict(profile)
                    profile["hours_wanted"] = min(37, profile["hours_wanted"] + rng.choice([4, 8]))
                    profile["job_preferences"] = rng.choice(text.JOB_PREFERENCES[country])
                self._record(journey, journey.worker_at(when), "vocational_profile", profile, when)

        if rng.random() < 0.75:
            self._barrier_assessments(journey)

    def _barrier_assessments(self, journey: Journey) -> None:
        rng, country, person = self.rng, journey.country, journey.person
        first = self.days_after(country, journey.assessed, 0, 10)
        author = journey.worker_at(first)
        # Køge: the occupational physician clarifies the health barriers on his cases.
        physician = journey.member({Discipline.OCCUPATIONAL_MEDICINE})
        if physician and journey.clinician():
            joined = next(when for user, _d, when in journey.members if user == physician)
            first = self.days_after(country, max(joined, journey.assessed), 3, 21)
            author = physician
        levels = dict.fromkeys(SEVERITY_QUESTIONS, 0)
        for index, barrier in enumerate(person.barriers):
            question = BARRIER_QUESTION.get(barrier)
            if question:
                level = 3 if index == 0 else rng.choice([1, 2, 2])
                levels[question] = max(levels[question], level)
        for condition in person.conditions:
            question = "mental_health" if condition.kind == "mental_health" else "health"
            levels[question] = max(levels[question], 2)
        # Health answers only from a clinician, or when the person raised a condition.
        asks_health = author.pk != journey.specialist.pk or (
            person.conditions and rng.random() < 0.6
        )
        for version, when in enumerate(self._versions(journey, first, 0.5), start=1):
            if version > 1:
                for question, level in levels.items():
                    if level and rng.random() < 0.55:
                        levels[question] = level - 1
                    elif level and level < 3 and rng.random() < 0.1:
                        levels[question] = level + 1  # a setback
            answers = {
                question: LEVELS[level]
                for question, level in levels.items()
                if asks_health or question not in HEALTH_QUESTIONS
            }
            kind = text.NOTE_KIND.get(person.primary_barrier, "confidence")
            answers["barrier_notes"] = text.BARRIER_NOTES[country][kind]
            writer = author if author != journey.specialist else journey.worker_at(when)
            self._record(journey, writer, "barrier_assessment", answers, when)

    # Interventions ------------------------------------------------------------------------

    def interventions(self, journey: Journey) -> None:
        rng, country = self.rng, journey.country
        if rng.random() > (0.85 if journey.persona else 0.65):
            return
        earliest = journey.assessed + 7 * DAY
        if journey.review and journey.review.decision in ("new_plan", "change_plan"):
            earliest = max(earliest, journey.review.held + DAY)
        latest = min(journey.stop, self.now) - 2 * DAY
        if latest <= earliest:
            return
        wanted = rng.choice([1, 1, 2, 2, 3])
        for kind in kinds_for(rng, country, journey.person.barriers, wanted):
            offer = self.catalogue.choose(rng, country, kind, journey.intake.organisation)
            if offer is None:
                continue
            requested = self.between(country, earliest, latest)
            actor = journey.worker_at(requested)
            note = rng.choice(text.INTERVENTION_NOTES[country])
            referral = intervention_referral_create(
                actor=actor,
                participant=journey.participant,
                intervention=offer,
                enrolment=journey.enrolment,
                requested_on=self.day(country, requested),
                note=note.format(name=journey.person.given_name),
            )
            self.timeline.created(referral, requested)
            journey.referrals[kind] = self._progress(journey, referral, requested, actor)

    def _progress(self, journey, referral, requested, actor) -> InterventionReferral:
        """Attendance session by session, and where the referral got to."""
        rng, country, timeline = self.rng, journey.country, self.timeline
        Status = InterventionReferral.Status
        requested_on = referral.requested_on
        until = self.day(country, min(journey.stop, self.now))
        first = requested_on + datetime.timedelta(days=rng.randint(4, 12))

        def status(new: str, on: datetime.date) -> None:
            nonlocal referral
            on = min(max(on, requested_on), self.today)
            referral = intervention_referral_set_status(
                actor=actor, referral=referral, status=new, on=on
            )
            timeline.changed(referral, self.moment_on(country, on))

        if first > until:
            if journey.fate != OPEN and rng.random() < 0.6:
                status(Status.CANCELLED, until)
            return referral
        outcome = rng.choices(
            ["completed", "started", "did_not_attend", "cancelled"], weights=[35, 35, 15, 15]
        )[0]
        if outcome == "cancelled":
            status(Status.CANCELLED, first - datetime.timedelta(days=rng.randint(1, 3)))
            return referral
        low, high = _sessions(referral.intervention.kind)
        if outcome == "did_not_attend":
            attended_first = rng.randint(0, 2)
            count = attended_first + rng.randint(1, 2)
        else:
            count = rng.randint(low, high)
        days = session_days(rng, first, count, until, DAYS_OFF[country])
        for index, day in enumerate(days):
            if outcome == "did_not_attend":
                attended = index < attended_first
            else:
                attended = index == 0 or rng.random() < 0.88
            note = "" if attended else rng.choice(text.ATTENDANCE_MISSED[country])
            attendance_record(
                actor=actor, referral=referral, session_on=day, attended=attended, note=note
            )
            if attended and referral.status == Status.REQUESTED:
                # The first attended session started it (the service saved the change).
                referral.status, referral.started_on = Status.STARTED, day
                timeline.changed(referral, self.moment_on(country, day))
        if not days:
            return referral
        last = days[-1]
        if outcome == "did_not_attend":
            status(Status.DID_NOT_ATTEND, last + datetime.timedelta(days=rng.randint(1, 4)))
        elif outcome == "completed" and len(days) == count and last < until:
            status(Status.COMPLETED, last + datetime.timedelta(days=rng.randint(0, 2)))
        return referral

    # Plans --------------------------------------------------------------------------------

    def plan(self, journey: Journey, review: ReviewPlan | None) -> None:
        rng, country = self.rng, journey.country
        kind = journey.intake.kind
        tenure = (journey.stop - journey.assessed).days
        if review is not None and review.decision == "new_plan":
            made = self.days_after(country, review.held, 0, 4)
        else:
            chance = {"koge": 0.45, "ballerup": 0.7}.get(kind, 0.85 if journey.persona else 0.75)
            if review is not None:
                chance = 0.9
            if tenure < 20 or rng.random() > chance:
                return
            latest = journey.stop - DAY
            if review is not None:
                latest = min(latest, review.held - DAY)
            made = self.between(
                country, journey.assessed + 5 * DAY, min(journey.assessed + 45 * DAY, latest)
            )
        if made >= self.now or made > journey.stop:
            return
        author = journey.worker_at(made)
        plan = plan_create(
            actor=author,
            enrolment=journey.enrolment,
            summary=rng.choice(text.PLAN_SUMMARIES[country]),
            review_on=self.day(country, made) + datetime.timedelta(days=rng.choice([84, 91, 91])),
        )
        self.timeline.created(plan, made)
        tracks = self._tracks(journey)
        goals_done = self._goals(journey, plan, tracks, made)
        if rng.random() < 0.85:
            agreed = self.days_after(country, goals_done, 0, 7)
            self._agree(journey, plan, agreed)
        if review is not None and review.decision == "change_plan":
            plan = self._keep_reviewing(journey, plan, review.held)
            plan = self._change(journey, plan, tracks, review)
        self._keep_reviewing(journey, plan, min(journey.stop, self.now))

    def _keep_reviewing(self, journey: Journey, plan: Plan, until: datetime.datetime) -> Plan:
        """The key worker goes over the plan with the person when it is due, most times."""
        rng, country = self.rng, journey.country
        last = self.day(country, until)
        while plan.review_on and plan.review_on < last and rng.random() < 0.8:
            due = self.moment_on(country, plan.review_on)
            when = self.between(country, due - 7 * DAY, min(due + 10 * DAY, until))
            plan = plan_update(
                actor=journey.worker_at(when),
                plan=plan,
                summary=plan.summary,
                review_on=self.day(country, when) + datetime.timedelta(days=91),
            )
            self.timeline.changed(plan, when)
        return plan

    def _tracks(self, journey: Journey) -> list[str]:
        rng, person = self.rng, journey.person
        barriers = set(person.barriers)
        tracks = [Track.EMPLOYMENT]
        if barriers & SKILLS_BARRIERS or rng.random() < 0.3:
            tracks.append(Track.SKILLS)
        if barriers & SOCIAL_BARRIERS or (journey.social_worker() and rng.random() < 0.6):
            tracks.append(Track.SOCIAL)
        if (barriers & CLINICAL_BARRIERS or person.conditions) and rng.random() < 0.8:
            tracks.append(Track.HEALTH)
        if len(tracks) == 1:
            tracks.append(rng.choice([Track.SKILLS, Track.SOCIAL]))
        return tracks

    def _goals(self, journey, plan, tracks, made) -> datetime.datetime:
        """Goals in each track with their milestones; returns when the last was added."""
        rng, country = self.rng, journey.country
        last = made
        chosen = []
        needs = {*journey.person.barriers, *(c.kind for c in journey.person.conditions)}
        for track in tracks:
            options = text.GOALS[country][track]
            fitting = [o for o in options if text.GOAL_FOR.get(o[0], needs) & needs]
            options = fitting or [o for o in options if o[0] not in text.GOAL_FOR] or options
            count = 2 if track == Track.EMPLOYMENT and rng.random() < 0.25 else 1
            count = min(count, len(options))
            chosen += [(track, goal) for goal in rng.sample(options, count)]
        overdue_left = journey.overdue
        for track, (description, milestones) in chosen:
            when = made if track == Track.EMPLOYMENT else self.days_after(country, made, 0, 10)
            author = self._goal_author(journey, track, when)
            goal = goal_add(actor=author, plan=plan, track=track, description=description)
            self.timeline.created(goal, when)
            last = max(last, when)
            steps = milestones[: rng.randint(2, len(milestones))]
            target = self.day(country, when) + datetime.timedelta(days=rng.randint(14, 35))
            for step, kind in steps:
                linked = [journey.referrals[kind]] if kind in journey.referrals else []
                milestone = milestone_add(
                    actor=author,
                    goal=goal,
                    description=step,
                    target_on=target,
                    intervention_referrals=linked,
                )
                self.timeline.created(milestone, when)
                overdue_left = self._milestone_state(journey, milestone, author, when, overdue_left)
                target += datetime.timedelta(days=rng.randint(21, 45))
        return last

    def _goal_author(self, journey: Journey, track: str, when) -> User:
        if track == Track.HEALTH:
            return journey.clinician(when) or journey.worker_at(when)
        if track == Track.SOCIAL:
            return journey.social_worker(when) or journey.worker_at(when)
        return journey.worker_at(when)

    def _milestone_state(self, journey, milestone, author, added, overdue_left) -> bool:
        """Where the milestone got to; returns whether an overdue one is still to be left."""
        rng, country, today = self.rng, journey.country, self.today
        State = Milestone.State
        target = milestone.target_on
        stopped = self.day(country, journey.stop)
        added_on = self.day(country, added)
        if target >= today:
            if target - today < datetime.timedelta(days=30) and rng.random() < 0.5:
                begun = max(added_on, today - datetime.timedelta(days=rng.randint(0, 20)))
                self._set_state(journey, milestone, author, State.IN_PROGRESS, begun)
            return overdue_left
        if overdue_left or target > stopped:
            # Still open past its date: the caseload shows it as overdue.
            if rng.random() < 0.4:
                self._set_state(journey, milestone, author, State.IN_PROGRESS, added_on)
            return False
        state = rng.choices(
            [State.ACHIEVED, State.MISSED, State.DROPPED, "open"], weights=[72, 15, 6, 5]
        )[0]
        if state == "open":
            return overdue_left
        shift = rng.randint(-10, 4) if state == State.ACHIEVED else rng.randint(2, 14)
        on = min(max(target + datetime.timedelta(days=shift), added_on), today)
        self._set_state(journey, milestone, author, state, on)
        return overdue_left

    def _set_state(self, journey, milestone, author, state, on) -> None:
        milestone_set_state(actor=author, milestone=milestone, state=state, on=on)
        self.timeline.changed(milestone, self.moment_on(journey.country, on))

    def _agree(self, journey: Journey, plan: Plan, when: datetime.datetime) -> None:
        method = self.rng.choices(list(Plan.AgreementMethod.values), weights=[40, 35, 25])[0]
        plan_agree(
            actor=journey.worker_at(when),
            plan=plan,
            method=method,
            agreed_on=self.day(journey.country, when),
        )
        self.timeline.changed(plan, when)

    def _change(self, journey: Journey, plan: Plan, tracks, review: ReviewPlan) -> Plan:
        """After a review changed the plan: a new review date and a goal the review added."""
        rng, country = self.rng, journey.country
        when = self.days_after(country, review.held, 0, 3)
        if when >= self.now:
            return plan
        plan = plan_update(
            actor=journey.worker_at(when),
            plan=plan,
            summary=plan.summary,
            review_on=self.day(country, when) + datetime.timedelta(days=91),
        )
        self.timeline.changed(plan, when)
        unused = [track for track in Track.values if track not in tracks] or [Track.EMPLOYMENT]
        self._goals(journey, plan, [rng.choice(unused)], when)
        if rng.random() < 0.7:
            self._agree(journey, plan, self.days_after(country, when, 0, 5))
        return plan

    # Contacts and appointments ------------------------------------------------------------

    def contacts(self, journey: Journey) -> None:
        rng, country = self.rng, journey.country
        name = journey.person.given_name
        count = rng.randint(5, 9) if journey.persona else rng.randint(3, 6)
        first = self.days_after(country, journey.assessed, 1, 6)
        if journey.fate == OPEN:
            last = self.b.at_work(
                country, rng.randint(35, 75) if journey.quiet else rng.randint(0, 25)
            )
        elif journey.fate == PAUSED:
            last = self.days_after(country, journey.stop, 0, 20)
        else:
            last = journey.stop - rng.randint(0, 5) * DAY
        # In UTC: adding a span to a local summer time and reading it back in winter (or the
        # reverse) would move the last contact an hour, possibly past "now".
        first, last = first.astimezone(datetime.UTC), max(last, first).astimezone(datetime.UTC)
        channels = CHANNELS[country]
        if country == GB and journey.intake.organisation not in SURGERY:
            channels = {key: weight for key, weight in channels.items() if key != "gp_practice"}
        span = last - first
        for index in range(count):
            when = first + span * (index / max(count - 1, 1))
            if 0 < index < count - 1:
                when = self.between(country, when - 3 * DAY, when + 3 * DAY)
            channel = rng.choices(list(channels), weights=list(channels.values()))[0]
            words = rng.choice(text.CONTACTS[country][channel]).format(name=name)
            self._contact(journey, journey.worker_at(when), channel, words, when)
        sensitive = text.SENSITIVE_CONTACTS[country]
        social = journey.social_worker()
        if social and rng.random() < 0.35:
            when = self.between(country, first, last)
            words = rng.choice(sensitive["social"]).format(name=name)
            channel = rng.choice(["home_visit", "phone", "face_to_face"])
            self._contact(journey, social, channel, words, when, Sensitivity.SOCIAL)
        clinician = journey.clinician()
        if clinician and rng.random() < 0.35:
            when = self.between(country, first, min(last, journey.shares_health_until))
            if journey.clinician(when):
                words = rng.choice(sensitive["health"]).format(name=name)
                channel = rng.choice(["face_to_face", "phone", "video"])
                self._contact(journey, clinician, channel, words, when, Sensitivity.HEALTH)

    def _contact(self, journey, staff, channel, words, when, sensitivity=Sensitivity.GENERAL):
        contact = contact_record(
            actor=staff,
            participant=journey.participant,
            channel=channel,
            summary=words,
            happened_at=when,
            sensitivity=sensitivity,
        )
        written = min(when + datetime.timedelta(minutes=self.rng.randint(5, 240)), self.now)
        self.timeline.created(contact, written)
        return contact

    def appointments(self, journey: Journey) -> None:
        rng, country = self.rng, journey.country
        purposes = text.APPOINTMENT_PURPOSES[country]
        start = journey.assessed + 3 * DAY
        end = min(journey.stop, self.now) - DAY
        past = rng.randint(1, 3) if journey.persona else rng.randint(0, 2)
        for _index in range(past):
            if end <= start:
                break
            when = self.between(country, max(start, end - 70 * DAY), end)
            status = rng.choices(
                [Appointment.Status.ATTENDED, Appointment.Status.MISSED, "cancelled"],
                weights=[75, 15, 10],
            )[0]
            staff = journey.worker_at(when)
            clinician = journey.clinician(when)
            if clinician and rng.random() < 0.2:
                staff = clinician
            self._appointment(journey, staff, when, rng.choice(purposes), status)
        if journey.fate != OPEN or rng.random() > (0.85 if journey.persona else 0.6):
            return
        # Within the day for some: their reminder has already come up.
        ahead = rng.choice([0, 0, 1]) if rng.random() < 0.15 else rng.randint(1, 14)
        when = self.slot(country, ahead)
        self._appointment(journey, journey.worker_at(self.now), when, rng.choice(purposes))

    def _appointment(self, journey, staff, starts, purpose, status=None) -> None:
        rng = self.rng
        channel = rng.choices(
            ["face_to_face", "phone", "video", "home_visit"], weights=[60, 20, 12, 8]
        )[0]
        location = ""
        if channel == "face_to_face":
            location = SURGERY.get(journey.intake.organisation, journey.intake.organisation)
        remind = rng.choices([24 * 60, 60, None], weights=[70, 15, 15])[0]
        booked = max(starts - rng.randint(2, 14) * DAY, journey.assessed)
        booked = min(booked, self.now - datetime.timedelta(minutes=rng.randint(10, 600)))
        bookable = starts if starts > self.now + datetime.timedelta(minutes=10) else None
        appointment = appointment_book(
            actor=journey.worker_at(booked),
            participant=journey.participant,
            staff=staff,
            starts_at=bookable or self.now + datetime.timedelta(hours=2),
            channel=channel,
            purpose=purpose,
            minutes=rng.choice([30, 45, 45, 60]),
            location=location,
            remind_minutes_before=remind,
        )
        if bookable is None:
            # Booked back then for a time that has now passed.
            remind_at = starts - datetime.timedelta(minutes=remind) if remind else None
            Appointment.objects.filter(pk=appointment.pk).update(
                starts_at=starts, remind_at=remind_at
            )
            appointment.starts_at, appointment.remind_at = starts, remind_at
        self.timeline.created(appointment, booked)
        if status:
            appointment_set_status(actor=staff, appointment=appointment, status=status)
            ended = starts + datetime.timedelta(minutes=appointment.minutes)
            self.timeline.changed(appointment, min(ended, self.now))

    # All of them --------------------------------------------------------------------------

    def run(self) -> None:
        self.decide()
        plan_reviews(self)
        for journey in self.journeys:
            self.tell(journey)


def _condition_words(person: Person) -> str:
    """What the person said about their main condition, if they have one."""
    if not person.conditions:
        return ""
    condition = person.conditions[0]
    for description, said in content.HEALTH_CONDITIONS[person.country][condition.kind]:
        if description == condition.description:
            return said
    return ""


def _sessions(kind: str) -> tuple[int, int]:
    return SESSIONS.get(kind, (3, 6))
