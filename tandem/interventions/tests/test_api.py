"""The interventions API: the catalogue, and a person's referrals to interventions with their
progress and attendance, under the same access rules as the pages."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tandem.interventions import services
from tandem.interventions.models import (
    Attendance,
    Intervention,
    InterventionReferral,
    Provider,
)
from tandem.participants.models import AccessLogEntry
from tandem.referrals.models import Enrolment
from tandem.testing.factories import ParticipantFactory, RegionFactory

NOT_FOUND = {"detail": "Not found."}
OUTSIDERS = ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]


def days(n: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


def fields_in(response) -> set[str]:
    return {part for error in response.json()["detail"] for part in error["loc"] if part != "body"}


def base(world) -> str:
    return f"/participants/{world.participant.ref}"


def offer(region, kind="confidence_workshop", name="Confidence workshop", **fields) -> Intervention:
    provider = Provider.objects.create(name=f"{name} provider", region=region)
    return Intervention.objects.create(
        kind=kind,
        name=name,
        provider=provider,
        unit_cost=Decimal("120.00"),
        currency="GBP",
        unit="session",
        **fields,
    )


@pytest.fixture
def workshop(world) -> Intervention:
    return offer(world.provider_a.region)


@pytest.fixture
def referral(world, workshop) -> InterventionReferral:
    return services.intervention_referral_create(
        actor=world.specialist_a, participant=world.participant, intervention=workshop
    )


# --- catalogue ----------------------------------------------------------------------------------


def test_catalogue_lists_offers_in_the_callers_country(world, api, workshop):
    offer(world.provider_a.region, kind="computer_skills", name="Computer skills")
    offer(world.provider_a.region, name="Closed course", is_active=False)
    denmark = RegionFactory(name="Denmark", country_code="DK")
    offer(denmark, kind="internship", name="Praktik")

    everything = api(world.specialist_b).get("/interventions").json()
    workshops = api(world.programme_manager).get("/interventions", kind="confidence_workshop")
    unknown = api(world.specialist_a).get("/interventions", kind="astrology")

    # By kind, then name: computer_skills comes before confidence_workshop.
    assert [item["name"] for item in everything["items"]] == [
        "Computer skills",
        "Confidence workshop",
    ]
    first = everything["items"][1]
    assert first["provider"]["name"] == "Confidence workshop provider"
    assert Decimal(first["unit_cost"]) == Decimal("120.00")
    assert (first["currency"], first["unit"]) == ("GBP", "session")
    assert workshops.json()["count"] == 1
    assert unknown.status_code == 422
    assert "kind" in fields_in(unknown)


def test_referrer_has_no_catalogue(world, api, workshop):
    response = api(world.referrer).get("/interventions")

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


# --- a person's referrals -----------------------------------------------------------------------


def test_refer_and_list_with_attendance(world, api, workshop):
    enrolment = Enrolment.objects.create(
        participant=world.participant,
        programme=world.programme,
        organisation=world.provider_a,
        started_on=timezone.localdate(),
        enrolled_by=world.specialist_a,
    )
    client = api(world.specialist_a)

    created = client.post(
        base(world) + "/interventions",
        {"intervention_ref": workshop.ref, "enrolment_ref": enrolment.ref, "note": "Tuesdays"},
    )
    ref = created.json()["ref"]
    first = client.post(
        base(world) + f"/interventions/{ref}/attendance", {"session_on": days(-7), "attended": True}
    )
    client.post(
        base(world) + f"/interventions/{ref}/attendance",
        {"session_on": days(-1), "attended": False, "note": "Unwell"},
    )
    listed = api(world.clinician_on_team).get(base(world) + "/interventions").json()
    sessions = client.get(base(world) + f"/interventions/{ref}/attendance").json()

    assert created.status_code == first.status_code == 201
    assert created.json()["status"] == "requested"
    assert created.json()["enrolment_ref"] == enrolment.ref
    assert created.json()["intervention"]["name"] == "Confidence workshop"
    assert listed["count"] == 1
    item = listed["items"][0]
    # The first attended session starts a requested referral.
    assert item["status"] == "started"
    assert item["started_on"] == days(-7)
    assert (item["sessions_recorded"], item["sessions_attended"]) == (2, 1)
    assert item["next_statuses"] == ["completed", "did_not_attend", "cancelled"]
    assert [s["note"] for s in sessions["items"]] == ["Unwell", ""]
    assert AccessLogEntry.objects.filter(user=world.clinician_on_team, channel="api").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"intervention_ref": "zzzzzzzzzzzz"}, "intervention_ref"),
        ({"enrolment_ref": "zzzzzzzzzzzz"}, "enrolment_ref"),
        ({"requested_on": "someday"}, "requested_on"),
    ],
)
def test_invalid_referral_is_refused(world, api, workshop, body, field):
    payload = {"intervention_ref": workshop.ref} | body

    response = api(world.specialist_a).post(base(world) + "/interventions", payload)

    assert response.status_code == 422
    assert field in fields_in(response)
    assert not InterventionReferral.objects.exists()


def test_offer_from_another_country_or_withdrawn_is_refused(world, api):
    praktik = offer(RegionFactory(name="Denmark", country_code="DK"), name="Praktik")
    closed = offer(world.provider_a.region, name="Closed", is_active=False)
    client = api(world.specialist_a)

    for intervention in (praktik, closed):
        response = client.post(
            base(world) + "/interventions", {"intervention_ref": intervention.ref}
        )
        assert response.status_code == 422
        assert "intervention_ref" in fields_in(response)
    assert not InterventionReferral.objects.exists()


def test_status_moves_follow_the_rules(world, api, referral):
    client = api(world.specialist_a)
    path = base(world) + f"/interventions/{referral.ref}/status"

    completed_too_soon = client.post(path, {"status": "completed"})
    unknown = client.post(path, {"status": "teleported"})
    started = client.post(path, {"status": "started"})
    completed = client.post(path, {"status": "completed"})

    assert completed_too_soon.status_code == unknown.status_code == 422
    assert "status" in fields_in(completed_too_soon) & fields_in(unknown)
    assert started.json()["status"] == "started"
    assert completed.json()["status"] == "completed"
    assert completed.json()["ended_on"] == days(0)
    assert completed.json()["next_statuses"] == []


def test_attendance_in_the_future_or_twice_is_refused(world, api, referral):
    client = api(world.specialist_a)
    path = base(world) + f"/interventions/{referral.ref}/attendance"

    future = client.post(path, {"session_on": days(1), "attended": True})
    client.post(path, {"session_on": days(-1), "attended": True})
    twice = client.post(path, {"session_on": days(-1), "attended": False})

    assert future.status_code == twice.status_code == 422
    assert "session_on" in fields_in(future) & fields_in(twice)
    assert Attendance.objects.count() == 1


def test_another_persons_referral_is_a_404(world, api, workshop):
    other = ParticipantFactory(owning_organisation=world.provider_a)
    theirs = services.intervention_referral_create(
        actor=world.specialist_a, participant=other, intervention=workshop
    )
    client = api(world.specialist_a)

    status = client.post(base(world) + f"/interventions/{theirs.ref}/status", {"status": "started"})
    attendance = client.post(
        base(world) + f"/interventions/{theirs.ref}/attendance",
        {"session_on": days(-1), "attended": True},
    )
    sessions = client.get(base(world) + f"/interventions/{theirs.ref}/attendance")

    assert status.status_code == attendance.status_code == sessions.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "requested"
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_get_404_everywhere(world, api, referral, workshop, persona):
    client = api(getattr(world, persona))
    path = base(world) + "/interventions"

    responses = [
        client.get(path),
        client.get(f"{path}/{referral.ref}/attendance"),
        client.post(path, {"intervention_ref": workshop.ref}),
        client.post(f"{path}/{referral.ref}/status", {"status": "started"}),
        client.post(
            f"{path}/{referral.ref}/attendance", {"session_on": days(-1), "attended": True}
        ),
    ]

    assert [r.status_code for r in responses] == [404] * 5
    assert all(r.json() == NOT_FOUND for r in responses)
    assert InterventionReferral.objects.count() == 1
    referral.refresh_from_db()
    assert referral.status == "requested"
    assert not Attendance.objects.exists()


def test_clinician_on_the_team_reads_but_does_not_change(world, api, referral, workshop):
    client = api(world.clinician_on_team)
    path = base(world) + "/interventions"

    assert client.get(path).json()["count"] == 1
    assert client.post(path, {"intervention_ref": workshop.ref}).status_code == 404
    assert client.post(f"{path}/{referral.ref}/status", {"status": "started"}).status_code == 404
    assert InterventionReferral.objects.count() == 1
