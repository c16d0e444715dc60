"""Intervention pages: the catalogue and a person's referrals, status and attendance."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem.interventions import services
from tandem.interventions.models import Attendance, Intervention, InterventionReferral, Provider
from tandem.participants.models import AccessLogEntry
from tandem.referrals.models import Enrolment
from tandem.testing.factories import ParticipantFactory, RegionFactory, UserFactory

Status = InterventionReferral.Status
WRONG_PERSONAS = ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]


def html(response) -> str:
    return response.content.decode()


def offer(world, **fields) -> Intervention:
    provider = Provider.objects.create(name="Tyneside Skills", region=world.country)
    fields.setdefault("kind", "confidence_workshop")
    fields.setdefault("name", "Confidence workshop")
    fields.setdefault("unit_cost", Decimal("1250.50"))
    return Intervention.objects.create(provider=provider, currency="GBP", unit="session", **fields)


def referral_for(world, participant=None, intervention=None) -> InterventionReferral:
    return services.intervention_referral_create(
        actor=world.specialist_a,
        participant=participant or world.participant,
        intervention=intervention or offer(world),
    )


def base(world) -> str:
    return f"/interventions/participants/{world.participant.ref}/"


# --- catalogue -----------------------------------------------------------------------------------


def test_catalogue_shows_unit_cost_in_the_interventions_currency(world, login):
    offer(world)
    offer(world, kind="vr_interview_practice", name="VR interview practice", unit_cost=Decimal(80))
    denmark = RegionFactory(name="Denmark", kind="country", country_code="DK")
    Intervention.objects.create(
        provider=Provider.objects.create(name="Køge Kommune", region=denmark),
        kind="social_mentor",
        name="Mentor scheme in Køge",
        unit_cost=Decimal("450"),
        currency="DKK",
    )

    page = html(login(world.specialist_a).get("/interventions/"))

    assert "£1,250.50" in page
    assert "per session" in page
    assert "VR interview practice" in page
    assert "Mentor scheme in Køge" not in page  # offered in another country

    filtered = html(login(world.specialist_a).get("/interventions/?kind=vr_interview_practice"))
    assert "VR interview practice" in filtered
    assert "£1,250.50" not in filtered


def test_catalogue_in_danish_formats_the_amount_the_danish_way(world, login):
    offer(world)
    world.specialist_a.language = "da"
    world.specialist_a.save()

    page = html(login(world.specialist_a).get("/interventions/"))

    assert "1.250,50" in page


def test_catalogue_is_not_for_referrers(world, login):
    assert login(world.referrer).get("/interventions/").status_code == 404


# --- a person's interventions ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", WRONG_PERSONAS)
def test_other_organisations_get_404_on_every_page_and_post(world, login, persona):
    referral = referral_for(world)
    client = login(getattr(world, persona))

    assert client.get(base(world)).status_code == 404
    assert client.get(f"{base(world)}new/").status_code == 404
    new = {"intervention": referral.intervention.ref, "enrolment": ""}
    assert client.post(f"{base(world)}new/", new).status_code == 404
    status_url = f"{base(world)}{referral.ref}/status/"
    assert client.post(status_url, {"status": "started"}).status_code == 404
    attendance_url = f"{base(world)}{referral.ref}/attendance/"
    assert client.get(attendance_url).status_code == 404
    today = timezone.localdate().isoformat()
    assert client.post(attendance_url, {"session_on": today, "attended": "yes"}).status_code == 404
    assert InterventionReferral.objects.count() == 1
    assert InterventionReferral.objects.get().status == Status.REQUESTED
    assert not Attendance.objects.exists()


def test_a_clinician_on_the_team_reads_but_does_not_refer(world, login):
    referral = referral_for(world)
    client = login(world.clinician_on_team)

    assert client.get(base(world)).status_code == 200
    assert client.get(f"{base(world)}{referral.ref}/attendance/").status_code == 200
    assert client.get(f"{base(world)}new/").status_code == 404
    status_url = f"{base(world)}{referral.ref}/status/"
    assert client.post(status_url, {"status": "started"}).status_code == 404
    today = timezone.localdate().isoformat()
    attendance_url = f"{base(world)}{referral.ref}/attendance/"
    assert client.post(attendance_url, {"session_on": today, "attended": "yes"}).status_code == 404


def test_a_referral_of_someone_else_is_404_under_this_persons_address(world, login):
    other = referral_for(
        world, participant=ParticipantFactory(owning_organisation=world.provider_a)
    )
    client = login(world.specialist_a)

    assert (
        client.post(f"{base(world)}{other.ref}/status/", {"status": "started"}).status_code == 404
    )
    assert client.get(f"{base(world)}{other.ref}/attendance/").status_code == 404
    other.refresh_from_db()
    assert other.status == Status.REQUESTED


def test_referring_a_person_to_an_intervention(world, login):
    workshop = offer(world)
    enrolment = Enrolment.objects.create(
        participant=world.participant,
        programme=world.programme,
        organisation=world.provider_a,
        started_on=timezone.localdate(),
        enrolled_by=world.specialist_a,
    )
    client = login(world.specialist_a)
    form = client.get(f"{base(world)}new/")
    assert form.status_code == 200
    assert "Confidence workshop — Tyneside Skills (£1,250.50 per session)" in html(form)

    response = client.post(
        f"{base(world)}new/",
        {"intervention": workshop.ref, "enrolment": enrolment.ref, "note": "Tuesday group"},
    )

    assert response.status_code == 302
    referral = InterventionReferral.objects.get()
    assert (referral.intervention, referral.enrolment) == (workshop, enrolment)
    assert referral.requested_by == world.specialist_a
    page = html(client.get(base(world)))
    assert "Confidence workshop" in page and "Requested" in page and "Tuesday group" in page
    assert AccessLogEntry.objects.filter(
        participant=world.participant, user=world.specialist_a, action="view_record"
    ).exists()


def test_referring_without_choosing_an_intervention_is_refused(world, login):
    offer(world)

    response = login(world.specialist_a).post(f"{base(world)}new/", {"enrolment": ""})

    assert response.status_code == 422
    assert not InterventionReferral.objects.exists()


def test_status_moves_through_the_page_and_only_allowed_moves_are_offered(world, login):
    referral = referral_for(world)
    client = login(world.specialist_a)
    status_url = f"{base(world)}{referral.ref}/status/"

    page = html(client.get(base(world)))
    assert '<option value="started">Started</option>' in page
    assert '<option value="completed">' not in page  # not straight from requested

    assert client.post(status_url, {"status": "started"}).status_code == 302
    assert client.post(status_url, {"status": "completed"}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == Status.COMPLETED
    assert "Finished" in html(client.get(base(world)))

    refused = client.post(status_url, {"status": "started"})
    assert refused.status_code == 422
    assert "A referral that is completed cannot become started." in html(refused)
    referral.refresh_from_db()
    assert referral.status == Status.COMPLETED


def test_attendance_is_recorded_and_counted(world, login):
    referral = referral_for(world)
    client = login(world.specialist_a)
    attendance_url = f"{base(world)}{referral.ref}/attendance/"
    today = timezone.localdate()

    for days_ago, attended in ((14, "yes"), (7, "no"), (0, "yes")):
        day = (today - datetime.timedelta(days=days_ago)).isoformat()
        response = client.post(attendance_url, {"session_on": day, "attended": attended})
        assert response.status_code == 302

    referral.refresh_from_db()
    assert referral.status == Status.STARTED
    assert "2 of 3 sessions attended" in html(client.get(base(world)))
    assert "2 of 3 sessions attended" in html(client.get(attendance_url))

    twice = client.post(attendance_url, {"session_on": today.isoformat(), "attended": "no"})
    assert twice.status_code == 422
    assert "already recorded" in html(twice)
    missing = client.post(attendance_url, {"session_on": today.isoformat()})
    assert missing.status_code == 422
    assert "Say whether the person attended." in html(missing)
    assert Attendance.objects.count() == 3


def test_administrators_keep_the_catalogue(world, login):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    offer(world)
    client = login(admin)

    for address in (
        "/admin/interventions/provider/",
        "/admin/interventions/provider/add/",
        "/admin/interventions/intervention/",
        "/admin/interventions/intervention/add/",
    ):
        assert client.get(address).status_code == 200, address
    assert "Confidence workshop" in html(client.get("/admin/interventions/intervention/"))


def test_the_list_of_referrals_costs_the_same_whatever_its_length(world, login):
    client = login(world.specialist_a)
    workshop = offer(world)

    def add(count):
        for _number in range(count):
            referral = referral_for(world, intervention=workshop)
            Attendance.objects.create(
                referral=referral,
                session_on=timezone.localdate(),
                attended=True,
                recorded_by=world.specialist_a,
            )

    add(1)
    with CaptureQueriesContext(connection) as few:
        client.get(base(world))
    add(5)
    with CaptureQueriesContext(connection) as many:
        client.get(base(world))

    assert len(many) == len(few)
