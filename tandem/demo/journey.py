"""One accepted person's journey: what the story holds for them, and who works with them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from tandem.casework.models import ReviewQueueItem
from tandem.core.access import CLINICAL_DISCIPLINES, Discipline
from tandem.demo.caseloads import Caseload, Intake
from tandem.demo.people import Person
from tandem.interventions.models import InterventionReferral
from tandem.organisations.models import User
from tandem.participants.models import Participant
from tandem.referrals.models import Enrolment

DAY = datetime.timedelta(days=1)
OPEN, PAUSED, EXITED = "open", "paused", "exited"
# The caseloads the demo logins open first get the fullest records.
PERSONAS = ("advisor.northeast", "caseworker.koge", "coach.mashhad")


@dataclass
class ReviewPlan:
    """A case review the story holds for this person (recorded by `reviews`)."""

    held: datetime.datetime
    decision: str
    actor: User
    attendees: list[User]
    queue_item: ReviewQueueItem | None = None


@dataclass
class Journey:
    """One accepted person, from the moment they were taken on."""

    intake: Intake
    caseload: Caseload
    person: Person
    participant: Participant
    enrolment: Enrolment
    specialist: User
    members: list[tuple[User, str, datetime.datetime]]
    decided: datetime.datetime
    assessed: datetime.datetime
    shares_health_until: datetime.datetime | None
    fate: str = OPEN
    # Decided before the story is told.
    stop: datetime.datetime | None = None  # when active support paused or ended
    exit_reason: str = ""
    break_: tuple[datetime.datetime, datetime.datetime] | None = None  # a pause since resumed
    handover: tuple[datetime.datetime, User] | None = None
    forced_stage: int | None = None
    moves_back: bool = False
    overdue: bool = False  # a milestone is left open past its target date
    quiet: bool = False  # no contact for over a month
    review: ReviewPlan | None = None
    # Filled in as it is told.
    referrals: dict[str, InterventionReferral] = field(default_factory=dict)
    profiled_at: datetime.datetime | None = None

    @property
    def country(self) -> str:
        return self.intake.country

    @property
    def persona(self) -> bool:
        return self.caseload.specialist in PERSONAS or bool(self.handover)

    def worker_at(self, when: datetime.datetime) -> User:
        if self.handover and when >= self.handover[0]:
            return self.handover[1]
        return self.specialist

    def member(self, disciplines, when: datetime.datetime | None = None) -> User | None:
        for user, discipline, joined in self.members:
            if discipline in disciplines and (when is None or joined <= when):
                return user
        return None

    def clinician(self, when: datetime.datetime | None = None) -> User | None:
        """A clinical team member who may write health content at that moment."""
        if self.shares_health_until is None:
            return None
        if when is not None and when > self.shares_health_until:
            return None
        return self.member(CLINICAL_DISCIPLINES, when)

    def social_worker(self, when: datetime.datetime | None = None) -> User | None:
        return self.member({Discipline.SOCIAL}, when)
