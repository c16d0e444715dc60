"""Caseload pages: a specialist's own caseload with what needs doing, a team lead's view of
each specialist against the programme's limit, and who may see which caseload."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.casework import services
from tandem.casework.models import Contact, Track
from tandem.core.access import Role
from tandem.participants.models import Consent
from tandem.referrals import services as referral_services
from tandem.referrals.models import Enrolment
from tandem.testing.factories import ParticipantFactory, ReferralFactory, staff

WRONG_PERSONAS = ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]
CASELOAD = "/caseload/"
TEAM = "/caseload/team/"


def today() -> datetime.date:
    return timezone.localdate()


def html(response) -> str:
    return response.content.decode()


def text(response) -> str:
    """The page's visible text with tags and runs of white space collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html(response)))


def enrol(world, participant=None, key_worker=None, **fields) -> Enrolment:
    """An enrolment made the way the service makes one: by accepting a referral."""
    participant = participant or ParticipantFactory(owning_organisation=world.provider_a)
    referral = ReferralFactory(
        receiving_organisation=world.provider_a, referring_organisation=world.gp_practice
    )
    enrolment = referral_services.referral_accept(
        actor=world.specialist_a,
        referral=referral,
        programme=world.programme,
        participant=participant,
        consent_method=Consent.Method.VERBAL,
        key_worker=key_worker or world.specialist_a,
    )
    if fields:
        # The support period is fixed from today by the service; the tests need other dates.
        Enrolment.objects.filter(pk=enrolment.pk).update(**fields)
        enrolment.refresh_from_db()
    return enrolment


def overdue_milestone(world, enrolment: Enrolment, days_late: int = 5):
    plan = services.plan_create(actor=world.specialist_a, enrolment=enrolment)
    goal = services.goal_add(
        actor=world.specialist_a, plan=plan, track=Track.EMPLOYMENT, description="Find work"
    )
    return services.milestone_add(
        actor=world.specialist_a,
        goal=goal,
        description="CV written",
        target_on=today() - datetime.timedelta(days=days_late),
    )


def contact(world, participant, days_ago: int) -> Contact:
    return services.contact_record(
        actor=world.specialist_a,
        participant=participant,
        channel=Contact.Channel.PHONE,
        summary="Talked about the CV",
        happened_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def lead(world):
    return staff("lead_a", world.provider_a, Role.TEAM_LEAD)


def test_caseload_shows_milestones_contact_and_end_of_support(world, login):
    behind = enrol(world, world.participant, support_ends_on=today() + datetime.timedelta(days=12))
    overdue_milestone(world, behind)
    contact(world, world.participant, days_ago=45)
    ended = enrol(world, support_ends_on=today() - datetime.timedelta(days=3))
    contact(world, ended.participant, days_ago=2)
    never = enrol(world, support_ends_on=today() + datetime.timedelta(days=200))

    response = login(world.specialist_a).get(CASELOAD)

    assert response.status_code == 200
    page = text(response)
    for enrolment in (behind, ended, never):
        assert enrolment.participant.full_name in page
    rows = {
        enrolment.participant.full_name: text_of_row(response, enrolment)
        for enrolment in (behind, ended, never)
    }
    assert "ends in 12 days" in rows["Alex Morgan"]
    assert "45 days ago" in rows["Alex Morgan"]
    assert "over 30 days" in rows["Alex Morgan"]
    assert "ended" in rows[ended.participant.full_name]
    assert "2 days ago" in rows[ended.participant.full_name]
    assert "over 30 days" not in rows[ended.participant.full_name]
    assert "never" in rows[never.participant.full_name]
    assert "ends in" not in rows[never.participant.full_name]
    # Summary cards: three active of the programme's limit of 20, one overdue milestone,
    # one support period ending within 30 days and one already ended.
    assert "3 of 20" in page
    assert "1 support period has ended" in page
    cards = page.split("Overdue milestones", 1)[1]
    assert cards.split()[0] == "1"


def text_of_row(response, enrolment: Enrolment) -> str:
    body = html(response)
    start = body.index(f'href="/participants/{enrolment.participant.ref}/"')
    row = body[start : body.index("</tr>", start)]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))


def test_caseload_counts_overdue_milestones_in_the_row(world, login):
    enrolment = enrol(world, world.participant)
    milestone = overdue_milestone(world, enrolment)
    services.milestone_add(
        actor=world.specialist_a,
        goal=milestone.goal,
        description="Visit the warehouse",
        target_on=today() - datetime.timedelta(days=1),
    )
    services.milestone_add(
        actor=world.specialist_a,
        goal=milestone.goal,
        description="Not yet due",
        target_on=today() + datetime.timedelta(days=10),
    )
    row = text_of_row(login(world.specialist_a).get(CASELOAD), enrolment)
    assert " 2 " in row


def test_caseload_over_limit_is_said_in_words(world, login):
    world.programme.caseload_limit = 1
    world.programme.save()
    enrol(world, world.participant)
    enrol(world)
    page = text(login(world.specialist_a).get(CASELOAD))
    assert "2 of 1" in page
    assert "Over the programme's limit" in page


def test_next_action_shows_the_review_action_and_its_due_date(world, login):
    enrolment = enrol(world, world.participant)
    services.case_review_record(
        actor=world.specialist_a,
        participant=world.participant,
        held_on=today(),
        decision="continue",
        attendees=[world.specialist_a],
        actions=[
            {
                "description": "Book the health assessment",
                "owner": world.specialist_a,
                "due_on": today() + datetime.timedelta(days=7),
            }
        ],
    )
    row = text_of_row(login(world.specialist_a).get(CASELOAD), enrolment)
    assert "Book the health assessment" in row
    assert "due" in row


def test_exited_enrolments_leave_the_caseload(world, login):
    enrolment = enrol(world, world.participant)
    referral_services.enrolment_exit(
        actor=world.specialist_a, enrolment=enrolment, reason=Enrolment.ExitReason.JOB
    )
    response = login(world.specialist_a).get(CASELOAD)
    assert "Alex Morgan" not in html(response)
    assert "Nobody is on your caseload" in text(response)


@pytest.mark.parametrize("persona", ["referrer", "programme_manager", "clinician_off_team"])
def test_people_without_a_caseload_role_get_404(world, login, persona):
    enrol(world, world.participant)
    user = getattr(world, persona)
    client = login(user)
    assert client.get(CASELOAD).status_code == 404
    assert client.get(TEAM).status_code == 404
    assert client.get(f"/caseload/staff/{world.specialist_a.username}/").status_code == 404


def test_another_organisation_sees_none_of_the_caseload(world, login):
    enrol(world, world.participant)
    client = login(world.specialist_b)
    response = client.get(CASELOAD)
    assert response.status_code == 200
    assert "Alex Morgan" not in html(response)
    assert client.get(f"/caseload/staff/{world.specialist_a.username}/").status_code == 404
    assert client.get(TEAM).status_code == 404


@pytest.mark.parametrize("persona", WRONG_PERSONAS)
def test_wrong_personas_cannot_open_a_members_caseload(world, login, persona):
    enrol(world, world.participant)
    response = login(getattr(world, persona)).get(
        reverse("casework:member_caseload", kwargs={"username": world.specialist_a.username})
    )
    assert response.status_code == 404


def test_a_colleague_who_is_not_lead_cannot_see_a_members_caseload(world, login):
    enrol(world, world.participant)
    client = login(world.social_worker_on_team)
    assert client.get(f"/caseload/staff/{world.specialist_a.username}/").status_code == 404
    assert client.get(TEAM).status_code == 404
    # Their own caseload by name is theirs to see.
    assert client.get(f"/caseload/staff/{world.social_worker_on_team.username}/").status_code == 200


def test_unknown_username_is_404_for_a_lead(world, login):
    assert login(lead(world)).get("/caseload/staff/nobody-here/").status_code == 404


def test_team_lead_sees_each_specialists_load_and_their_caseload(world, login):
    team_lead = lead(world)
    world.programme.caseload_limit = 1
    world.programme.save()
    enrol(world, world.participant)
    paused = enrol(world)
    referral_services.enrolment_pause(actor=world.specialist_a, enrolment=paused)
    enrol(world)
    enrol(world, key_worker=world.social_worker_on_team)
    client = login(team_lead)

    response = client.get(TEAM)

    assert response.status_code == 200
    body = html(response)
    assert world.specialist_b.display_name not in body
    start = body.index(f'href="/caseload/staff/{world.specialist_a.username}/"')
    row = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body[start : body.index("</tr>", start)]))
    assert row.split()[-6:] == ["2", "1", "1", "Over", "the", "limit"]
    assert world.social_worker_on_team.display_name in body

    member = client.get(f"/caseload/staff/{world.specialist_a.username}/")
    assert member.status_code == 200
    assert "Alex Morgan" in html(member)
    assert f"Caseload of {world.specialist_a.display_name}" in text(member)


def test_caseload_queries_do_not_grow_with_the_caseload(world, login):
    client = login(world.specialist_a)
    first = enrol(world, world.participant)
    overdue_milestone(world, first)
    contact(world, world.participant, days_ago=3)
    client.get(CASELOAD)
    with CaptureQueriesContext(connection) as few:
        assert client.get(CASELOAD).status_code == 200
    for _ in range(6):
        enrolment = enrol(world)
        overdue_milestone(world, enrolment)
        contact(world, enrolment.participant, days_ago=40)
    with CaptureQueriesContext(connection) as many:
        response = client.get(CASELOAD)
    assert "7 of 20" in text(response)
    assert len(many) == len(few)


def test_the_caseload_counts_health_milestones_without_showing_them(world, login):
    enrolment = enrol(world, world.participant)
    plan = services.plan_create(actor=world.specialist_a, enrolment=enrolment)
    goal = services.goal_add(
        actor=world.clinician_on_team, plan=plan, track=Track.HEALTH, description="Pain clinic"
    )
    services.milestone_add(
        actor=world.clinician_on_team,
        goal=goal,
        description="Physiotherapy referral",
        target_on=today() - datetime.timedelta(days=2),
    )
    response = login(world.specialist_a).get(CASELOAD)
    assert " 1 " in text_of_row(response, enrolment)
    assert "Physiotherapy referral" not in html(response)
    assert "Pain clinic" not in html(response)
