"""The outcome definition, with hand-computed cases: one definition for every count."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tandem.employment import outcomes
from tandem.employment.models import Placement, SustainmentCheck
from tandem.referrals.models import Enrolment

pytestmark = pytest.mark.django_db


def place(world, kind=Placement.Kind.EMPLOYED, hours="16", confirmed=()):
    participant = world.participant
    enrolment = Enrolment.objects.filter(participant=participant).first() or (
        Enrolment.objects.create(
            participant=participant,
            programme=world.programme,
            organisation=world.provider_a,
            started_on=timezone.localdate() - datetime.timedelta(days=400),
            enrolled_by=world.specialist_a,
        )
    )
    started = timezone.localdate() - datetime.timedelta(days=380)
    placement = Placement.objects.create(
        participant=participant,
        enrolment=enrolment,
        kind=kind,
        job_title="Shop assistant",
        started_on=started,
        hours_per_week=Decimal(hours),
        currency="GBP",
        created_by=world.specialist_a,
    )
    for weeks in SustainmentCheck.WEEKS:
        SustainmentCheck.objects.create(
            placement=placement,
            weeks=weeks,
            due_on=started + datetime.timedelta(weeks=weeks),
            status=SustainmentCheck.Status.CONFIRMED
            if weeks in confirmed
            else SustainmentCheck.Status.DUE,
            evidence="payslip" if weeks in confirmed else "",
        )
    return placement


def test_the_minimum_hours_decide_a_job_outcome(world):
    world.programme.job_outcome_min_hours = Decimal(16)
    world.programme.save()
    at_minimum = place(world, hours="16")
    below = place(world, hours="15.5")
    assert outcomes.is_job_outcome(at_minimum, world.programme)
    assert not outcomes.is_job_outcome(below, world.programme)
    assert list(outcomes.job_outcomes(world.programme)) == [at_minimum]


def test_self_employment_and_apprenticeships_count_only_where_the_programme_says(world):
    self_employed = place(world, kind=Placement.Kind.SELF_EMPLOYED, hours="30")
    apprentice = place(world, kind=Placement.Kind.APPRENTICESHIP, hours="30")
    assert outcomes.job_outcomes(world.programme).count() == 2
    world.programme.outcome_counts_self_employment = False
    world.programme.outcome_counts_apprenticeship = False
    assert outcomes.job_outcomes(world.programme).count() == 0
    assert not outcomes.is_job_outcome(self_employed, world.programme)
    assert not outcomes.is_job_outcome(apprentice, world.programme)


def test_sustained_counts_follow_the_confirmed_checks(world):
    # Three job outcomes: one confirmed at 13 weeks only, one at 13 and 26, one at all three;
    # a fourth placement of 10 hours is confirmed at all three but is no job outcome.
    place(world, hours="20", confirmed=(13,))
    place(world, hours="20", confirmed=(13, 26))
    full = place(world, hours="37.5", confirmed=(13, 26, 52))
    place(world, hours="10", confirmed=(13, 26, 52))
    assert outcomes.outcome_counts(world.programme) == {
        "job_outcomes": 3,
        "sustained_13": 3,
        "sustained_26": 2,
        "sustained_52": 1,
    }
    assert outcomes.is_sustained(full, 52)
