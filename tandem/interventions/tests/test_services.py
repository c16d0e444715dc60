"""Referring a person to an intervention, its progress and attendance, through the services."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.interventions import selectors, services
from tandem.interventions.models import Intervention, InterventionReferral, Provider
from tandem.referrals.models import Enrolment
from tandem.testing.factories import ParticipantFactory, RegionFactory

Status = InterventionReferral.Status


def offer(world, **fields) -> Intervention:
    provider = Provider.objects.create(name="Tyneside Skills", region=world.country)
    fields.setdefault("kind", "confidence_workshop")
    fields.setdefault("name", "Confidence workshop")
    return Intervention.objects.create(
        provider=provider, unit_cost=Decimal("45.00"), currency="GBP", unit="session", **fields
    )


def refer(world, intervention=None) -> InterventionReferral:
    return services.intervention_referral_create(
        actor=world.specialist_a,
        participant=world.participant,
        intervention=intervention or offer(world),
    )


def test_a_referral_goes_requested_started_completed(world):
    referral = refer(world)
    assert referral.status == Status.REQUESTED
    assert referral.requested_on == timezone.localdate()

    services.intervention_referral_set_status(
        actor=world.specialist_a, referral=referral, status=Status.STARTED
    )
    referral = services.intervention_referral_set_status(
        actor=world.specialist_a, referral=referral, status=Status.COMPLETED
    )

    assert referral.status == Status.COMPLETED
    assert referral.started_on == referral.ended_on == timezone.localdate()


def test_a_completed_referral_cannot_start_again(world):
    referral = refer(world)
    for status in (Status.STARTED, Status.COMPLETED):
        services.intervention_referral_set_status(
            actor=world.specialist_a, referral=referral, status=status
        )

    with pytest.raises(ValidationError) as refused:
        services.intervention_referral_set_status(
            actor=world.specialist_a, referral=referral, status=Status.STARTED
        )

    assert refused.value.message_dict["status"] == [
        "A referral that is completed cannot become started."
    ]
    referral.refresh_from_db()
    assert referral.status == Status.COMPLETED


def test_attendance_is_counted_and_the_first_attended_session_starts_the_referral(world):
    referral = refer(world)
    today = timezone.localdate()
    for days_ago, attended in ((14, False), (7, True), (0, True)):
        referral.refresh_from_db()  # each session is recorded in its own request
        services.attendance_record(
            actor=world.specialist_a,
            referral=referral,
            session_on=today - datetime.timedelta(days=days_ago),
            attended=attended,
        )

    referral.refresh_from_db()
    assert referral.status == Status.STARTED
    assert referral.started_on == today - datetime.timedelta(days=7)
    sessions = list(
        selectors.intervention_referrals_for(participant=world.participant).get().attendance.all()
    )
    assert (len(sessions), sum(s.attended for s in sessions)) == (3, 2)


def test_attendance_is_recorded_once_a_day_and_not_ahead(world):
    referral = refer(world)
    today = timezone.localdate()
    services.attendance_record(
        actor=world.specialist_a, referral=referral, session_on=today, attended=True
    )

    with pytest.raises(ValidationError, match="already recorded"):
        services.attendance_record(
            actor=world.specialist_a, referral=referral, session_on=today, attended=False
        )
    with pytest.raises(ValidationError, match="after the session"):
        services.attendance_record(
            actor=world.specialist_a,
            referral=referral,
            session_on=today + datetime.timedelta(days=1),
            attended=True,
        )


def test_an_intervention_no_longer_offered_cannot_be_requested(world):
    with pytest.raises(ValidationError, match="no longer offered"):
        refer(world, offer(world, is_active=False))


def test_a_referral_belongs_to_the_persons_own_enrolment(world):
    someone_else = ParticipantFactory(owning_organisation=world.provider_a)
    enrolment = Enrolment.objects.create(
        participant=someone_else,
        programme=world.programme,
        organisation=world.provider_a,
        started_on=timezone.localdate(),
        enrolled_by=world.specialist_a,
    )

    with pytest.raises(ValidationError, match="belongs to someone else"):
        services.intervention_referral_create(
            actor=world.specialist_a,
            participant=world.participant,
            intervention=offer(world),
            enrolment=enrolment,
        )


def test_offers_are_filtered_by_country(world):
    offer(world, name="Tyneside confidence workshop")
    iran = RegionFactory(name="Iran", kind="country", country_code="IR")
    Intervention.objects.create(
        provider=Provider.objects.create(name="Behzisti Tehran", region=iran),
        kind="vocational_training",
        name="Tailoring course",
        unit_cost=Decimal("15000000"),
        currency="IRR",
    )

    assert [o.name for o in selectors.interventions_offered(country_code="GB")] == [
        "Tyneside confidence workshop"
    ]
    assert [o.name for o in selectors.interventions_offered(country_code="IR")] == [
        "Tailoring course"
    ]
