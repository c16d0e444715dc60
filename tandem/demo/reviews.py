"""Case reviews: Jobcenter Køge's cross-disciplinary team part-way through re-reviewing every
matchgruppe-3 cash-benefit case, and a few ordinary reviews in the UK and in Mashhad.

`plan_reviews` decides, before any story is told, who is reviewed when and what the review
decides (a review that ends or pauses support changes the rest of that person's story);
`record_review` records it through the service when the person's story reaches it.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from tandem.casework.models import ReviewAction, ReviewQueueItem
from tandem.casework.services import (
    case_review_record,
    review_action_complete,
    review_queue_create,
    review_queue_item_skip,
)
from tandem.core.access import Discipline
from tandem.demo import casework_content as text
from tandem.demo import structure as s
from tandem.demo.content import DK, GB, IR
from tandem.demo.journey import DAY, EXITED, OPEN, PAUSED, Journey, ReviewPlan
from tandem.participants.services import case_team_member_add

if TYPE_CHECKING:
    from tandem.demo.casework import Stories

# The queue was set up this long ago; the team has met every Tuesday since.
QUEUE_AGE_DAYS = 63
REVIEWED_SHARE = 0.4
SKIPPED = 2
ORDINARY = (
    ("advisor.northeast", GB, 5, "paul.dodds"),
    ("gemma.charlton", GB, 2, "paul.dodds"),
    ("coach.mashhad", IR, 5, "mahmoud.sadeghi"),
    ("amir.rezaei", IR, 1, "mahmoud.sadeghi"),
)


def plan_reviews(stories: Stories) -> None:
    _koge_queue(stories)
    _ordinary_reviews(stories)


def _tuesdays(stories: Stories, since: datetime.date) -> list[datetime.date]:
    day = since + datetime.timedelta(days=(1 - since.weekday()) % 7)
    days = []
    while day < stories.today:
        days.append(day)
        day += datetime.timedelta(days=7)
    return days


def _koge_queue(stories: Stories) -> None:
    rng, users = stories.rng, stories.users
    created = stories.b.at_work(DK, QUEUE_AGE_DAYS)
    queue = review_queue_create(
        actor=users["hanne.lindberg"],
        organisation=stories.b.world.org(s.JOBCENTER_KOGE),
        name=text.KOGE_QUEUE_NAME,
        description=text.KOGE_QUEUE_DESCRIPTION,
        criteria={"benefit_situation": "kontanthjaelp", "match_group": 3},
    )
    stories.timeline.created(queue, created)
    by_person = {journey.participant.pk: journey for journey in stories.journeys}
    items = list(ReviewQueueItem.objects.filter(queue=queue).order_by("position"))
    reviewed = round(len(items) * REVIEWED_SHARE)
    # The team works down the list, skipping a couple it cannot take yet.
    handled = items[: reviewed + SKIPPED]
    skipped = set(rng.sample(range(2, len(handled)), SKIPPED))
    meetings = _tuesdays(stories, stories.day(DK, created) + datetime.timedelta(days=7))
    caseworker = users["caseworker.koge"]
    # Mostly a new or changed plan: the point of looking at each case again.
    mix = {"new_plan": 0.45, "change_plan": 0.3, "continue": 0.1, "refer_on": 0.05, "pause": 0.05}
    decisions = [d for d, share in mix.items() for _ in range(round(share * reviewed))]
    decisions += ["end"] * (reviewed - len(decisions))
    rng.shuffle(decisions)
    for index, item in enumerate(handled):
        journey = by_person[item.participant_id]
        if index in skipped:
            reason = text.SKIP_REASONS[len(skipped) % len(text.SKIP_REASONS)]
            skipped.discard(index)
            review_queue_item_skip(actor=caseworker, item=item, reason=reason)
            continue
        meeting = meetings[min(index * len(meetings) // len(handled), len(meetings) - 1)]
        held = stories.moment_on(DK, meeting)
        decision = _decide(stories, journey, held, decisions.pop())
        journey.review = ReviewPlan(
            held=held,
            decision=decision,
            actor=caseworker,
            attendees=_koge_attendees(stories, journey, held),
            queue_item=item,
        )


def _koge_attendees(stories: Stories, journey: Journey, held: datetime.datetime) -> list:
    """The cross-disciplinary team: the caseworker, the occupational physician (who joins the
    case team for the review if not on it), a social worker, and whoever else is on the case."""
    rng, users = stories.rng, stories.users
    social = journey.social_worker() or users["trine.dahl"]
    attendees = [users["caseworker.koge"], users["physician.koge"], social]
    key_worker = journey.worker_at(held)
    if key_worker not in attendees:
        attendees.append(key_worker)
    nurse = users["lone.bech"]
    if journey.member({Discipline.HEALTH}) == nurse and rng.random() < 0.6:
        attendees.append(nurse)
    if rng.random() < 0.25:
        attendees.append(users["hanne.lindberg"])
    return attendees


def _decide(stories: Stories, journey: Journey, held: datetime.datetime, decision: str) -> str:
    """What the review decides, and what that does to the rest of the person's story."""
    rng, country = stories.rng, journey.country
    if journey.fate == PAUSED and journey.stop <= held:
        return "continue" if decision == "end" else decision
    if decision in ("pause", "end") and (journey.fate != OPEN or journey.handover):
        return "change_plan"
    if decision == "pause":
        journey.fate, journey.break_ = PAUSED, None
        journey.stop = stories.days_after(country, held, 1, 3)
    elif decision == "end":
        journey.fate, journey.break_ = EXITED, None
        journey.exit_reason = rng.choice(["no_longer_eligible", "health"])
        journey.stop = stories.days_after(country, held, 1, 6)
    return decision


def _ordinary_reviews(stories: Stories) -> None:
    rng, users = stories.rng, stories.users
    for specialist, country, count, lead in ORDINARY:
        candidates = [
            journey
            for journey in stories.journeys
            if journey.caseload.specialist == specialist
            and journey.fate != EXITED
            and (journey.stop - journey.assessed).days > 45
            and journey.review is None
        ]
        for journey in rng.sample(candidates, min(count, len(candidates))):
            earliest = max(journey.assessed + 30 * DAY, stories.now - 120 * DAY)
            held = stories.between(country, earliest, min(journey.stop, stories.now) - 2 * DAY)
            attendees = [journey.worker_at(held)]
            for member in (journey.clinician(held), journey.social_worker(held), users[lead]):
                if member is not None and member not in attendees:
                    attendees.append(member)
            weights = {
                "change_plan": 35,
                "continue": 30,
                "new_plan": 20,
                "refer_on": 10,
                "pause": 5,
            }
            decision = rng.choices(list(weights), weights=list(weights.values()))[0]
            journey.review = ReviewPlan(
                held=held,
                decision=_decide(stories, journey, held, decision),
                actor=journey.worker_at(held),
                attendees=attendees,
            )


def record_review(stories: Stories, journey: Journey) -> None:
    rng, country, timeline = stories.rng, journey.country, stories.timeline
    plan = journey.review
    words = text.REVIEWS[country]
    physician = stories.users["physician.koge"]
    if plan.queue_item is not None and journey.member({Discipline.OCCUPATIONAL_MEDICINE}) is None:
        joined = stories.between(country, plan.held - 7 * DAY, plan.held - DAY)
        place = case_team_member_add(
            actor=plan.actor,
            participant=journey.participant,
            member=physician,
            discipline=Discipline.OCCUPATIONAL_MEDICINE,
        )
        timeline.created(place, joined)
        journey.members.append((physician, Discipline.OCCUPATIONAL_MEDICINE, joined))
    present = rng.random() < 0.85
    held_on = stories.day(country, plan.held)
    social = next(
        (user for user in plan.attendees if _is_social(journey, user)),
        journey.worker_at(plan.held),
    )
    owners = {
        "key_worker": journey.worker_at(plan.held),
        "physician": physician,
        "social": social,
        "clinician": journey.clinician(plan.held) or journey.worker_at(plan.held),
    }
    actions = [
        {
            "description": description,
            "owner": owners[owner],
            "due_on": held_on + datetime.timedelta(days=rng.randint(7, 35)),
        }
        for description, owner in rng.sample(words["actions"], rng.randint(1, 3))
    ]
    review = case_review_record(
        actor=plan.actor,
        participant=journey.participant,
        enrolment=journey.enrolment,
        held_on=held_on,
        decision=plan.decision,
        attendees=plan.attendees,
        other_attendees=rng.choice(words["other_attendees"]),
        participant_present=present,
        participant_view=rng.choice(words["views"] if present else words["absent_views"]),
        discussion=rng.choice(words["discussions"]),
        decision_note=words["decision_notes"][plan.decision],
        actions=actions,
        queue_item=plan.queue_item,
    )
    written = min(plan.held + datetime.timedelta(hours=rng.randint(1, 3)), stories.now)
    timeline.created(review, written)
    for action in ReviewAction.objects.filter(review=review).order_by("id"):
        timeline.created(action, written)
        if action.due_on < stories.today:
            done = rng.random() < 0.65
            on = action.due_on + datetime.timedelta(days=rng.randint(-6, 3))
        else:
            done = rng.random() < 0.25
            on = held_on + datetime.timedelta(days=rng.randint(1, 10))
        if not done:
            continue
        on = min(max(on, held_on), stories.today)
        review_action_complete(actor=action.owner, action=action, completed_on=on)
        timeline.changed(action, stories.moment_on(country, on))


def _is_social(journey: Journey, user) -> bool:
    if any(member == user and d == Discipline.SOCIAL for member, d, _when in journey.members):
        return True
    return user.username in ("trine.dahl", "anders.friis", "joanne.milburn", "fatemeh.karimi")
