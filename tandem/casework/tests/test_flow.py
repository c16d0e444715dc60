"""The casework journey through services: enrol, assess, review, plan, stage, caseload."""

import datetime

from django.utils import timezone

from tandem.casework import selectors, services
from tandem.casework.models import Assessment, CaseReview, Milestone, Track
from tandem.participants.selectors import access_participant
from tandem.referrals.models import Enrolment, SupportStage
from tandem.testing.factories import ParticipantFactory


def enrol(world, participant=None):
    participant = participant or world.participant
    return Enrolment.objects.create(
        participant=participant,
        programme=world.programme,
        organisation=world.provider_a,
        started_on=timezone.localdate(),
        enrolled_by=world.specialist_a,
        key_worker=world.specialist_a,
    )


def test_journey_from_assessment_to_job_finding(world):
    enrolment = enrol(world)
    actor = world.specialist_a
    services.assessment_record(
        actor=actor,
        participant=world.participant,
        kind=Assessment.Kind.HEALTH_CONVERSATION,
        answers={"needs": "Routine", "health_situation": "Back pain"},
    )
    queue = services.review_queue_create(
        actor=actor, organisation=world.provider_a, name="All", criteria={}
    )
    item = queue.items.get()
    review = services.case_review_record(
        actor=actor,
        participant=world.participant,
        enrolment=enrolment,
        held_on=timezone.localdate(),
        decision=CaseReview.Decision.NEW_PLAN,
        attendees=[actor, world.clinician_on_team],
        actions=[{"description": "Book physio", "owner": actor, "due_on": timezone.localdate()}],
        queue_item=item,
    )
    plan = services.plan_create(actor=actor, enrolment=enrolment)
    goal = services.goal_add(actor=actor, plan=plan, track=Track.HEALTH, description="Less pain")
    services.milestone_add(
        actor=actor,
        goal=goal,
        description="Physio booked",
        target_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    services.plan_agree(actor=actor, plan=plan, method="verbal")
    services.stage_move(actor=actor, enrolment=enrolment, to_stage=SupportStage.JOB_FINDING)

    rows = list(selectors.caseload(user=actor, key_worker=actor))
    assert [row.participant for row in rows] == [world.participant]
    assert rows[0].overdue_milestones == 1
    assert rows[0].stage == SupportStage.JOB_FINDING
    assert rows[0].next_action == "Book physio"
    queues = list(selectors.review_queues(user=actor))
    assert (queues[0].total, queues[0].reviewed) == (1, 1)
    assert review.queue_item.status == "reviewed"

    clinician = access_participant(user=world.clinician_on_team, ref=world.participant.ref)
    assert selectors.plan_view(access=clinician, user=world.clinician_on_team, plan=plan).tracks
    specialist_b_sees = ParticipantFactory(owning_organisation=world.provider_b)
    assert specialist_b_sees.pk
    social = access_participant(user=world.social_worker_on_team, ref=world.participant.ref)
    view = selectors.plan_view(access=social, user=world.social_worker_on_team, plan=plan)
    assert view.hidden_goals == 1
    views = selectors.assessments_for(access=social, user=world.social_worker_on_team)
    assert views[0].health_hidden and "health_situation" not in views[0].answers
    entries = selectors.timeline(access=social, user=world.social_worker_on_team)
    assert {entry.kind for entry in entries} >= {"review", "stage", "assessment"}
    assert Milestone.objects.count() == 1


def test_a_key_worker_who_left_sees_an_empty_caseload(world):
    enrol(world)
    assert selectors.caseload(user=world.specialist_a, key_worker=world.specialist_a).count() == 1
    world.specialist_a.memberships.update(is_active=False)
    world.specialist_a.__dict__.pop("_membership_cache", None)
    assert selectors.caseload(user=world.specialist_a, key_worker=world.specialist_a).count() == 0
