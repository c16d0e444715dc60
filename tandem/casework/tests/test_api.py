"""The casework API: the same rules as the pages, spoken in JSON.

404 for anything missing or not the caller's, alike; health and social content only for the
case-team members it is meant for; 422 with the field named for bad input, which changes nothing.
"""

import datetime

import pytest
from django.utils import timezone

from tandem.casework import services
from tandem.casework.models import (
    Appointment,
    Assessment,
    CaseReview,
    Contact,
    Goal,
    Milestone,
    Plan,
    ReviewAction,
    StageChange,
)
from tandem.core.access import Role
from tandem.participants.models import AccessLogEntry
from tandem.referrals.models import Enrolment
from tandem.testing.factories import ParticipantFactory, ReferralFactory, staff

NOT_FOUND = {"detail": "Not found."}
OUTSIDERS = ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]
# People who may open the record but must never see health content.
NON_CLINICAL = ["specialist_a", "social_worker_on_team"]


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> str:
    return (today() + datetime.timedelta(days=n)).isoformat()


def enrol(world, participant=None, **fields) -> Enrolment:
    fields.setdefault("key_worker", world.specialist_a)
    return Enrolment.objects.create(
        participant=participant or world.participant,
        programme=world.programme,
        organisation=world.provider_a,
        started_on=today() - datetime.timedelta(days=30),
        support_ends_on=today() + datetime.timedelta(days=335),
        stage_since=timezone.now(),
        enrolled_by=world.specialist_a,
        **fields,
    )


def fields_in(response) -> set[str]:
    """The field names that 422 messages point at."""
    return {part for error in response.json()["detail"] for part in error["loc"] if part != "body"}


def base(world) -> str:
    return f"/participants/{world.participant.ref}"


@pytest.fixture
def enrolment(world) -> Enrolment:
    return enrol(world)


@pytest.fixture
def colleague(world):
    """Another specialist of provider A: their content is not specialist_a's own."""
    return staff("colleague_a", world.provider_a, Role.SPECIALIST)


@pytest.fixture
def plan(world, enrolment) -> Plan:
    return services.plan_create(
        actor=world.specialist_a, enrolment=enrolment, summary="Back to work"
    )


# --- who may see anything at all ----------------------------------------------------------------


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_get_404_for_every_read(world, api, enrolment, plan, persona):
    services.assessment_record(
        actor=world.specialist_a,
        participant=world.participant,
        kind=Assessment.Kind.VOCATIONAL_PROFILE,
        answers={"skills": "Forklift"},
    )
    client = api(getattr(world, persona))
    paths = [
        "/enrolments",
        f"/enrolments/{enrolment.ref}",
        f"/enrolments/{enrolment.ref}/stage-changes",
        "/assessments",
        "/assessments/vocational_profile/1",
        "/plan",
        "/milestones",
        "/contacts",
        "/appointments",
        "/reviews",
    ]
    for path in paths:
        response = client.get(base(world) + path)
        assert response.status_code == 404, path
        assert response.json() == NOT_FOUND
    assert not AccessLogEntry.objects.filter(user=getattr(world, persona)).exists()


@pytest.mark.parametrize("persona", [*OUTSIDERS, "clinician_on_team"])
def test_only_the_owning_organisation_may_change_the_case(world, api, enrolment, plan, persona):
    goal = services.goal_add(
        actor=world.specialist_a, plan=plan, track="employment", description="Find work"
    )
    milestone = services.milestone_add(
        actor=world.specialist_a, goal=goal, description="CV done", target_on=today()
    )
    appointment = services.appointment_book(
        actor=world.specialist_a,
        participant=world.participant,
        staff=world.specialist_a,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        channel="phone",
        purpose="Check in",
    )
    client = api(getattr(world, persona))
    writes = [
        (f"/enrolments/{enrolment.ref}/pause", {}),
        (f"/enrolments/{enrolment.ref}/exit", {"reason": "moved"}),
        (f"/enrolments/{enrolment.ref}/stage", {"to_stage": "job_finding"}),
        (f"/enrolments/{enrolment.ref}/key-worker", {"username": "social_on"}),
        ("/assessments", {"kind": "vocational_profile", "answers": {"skills": "Welding"}}),
        ("/plan/agree", {"method": "verbal"}),
        ("/plan/goals", {"track": "skills", "description": "Course"}),
        (f"/plan/goals/{goal.ref}/milestones", {"description": "x", "target_on": days(5)}),
        (f"/milestones/{milestone.ref}/state", {"state": "achieved"}),
        ("/appointments", {"starts_at": days(3) + "T10:00", "channel": "phone", "purpose": "x"}),
        (f"/appointments/{appointment.ref}/status", {"status": "cancelled"}),
        (
            "/reviews",
            {"held_on": days(0), "decision": "continue", "attendee_usernames": ["specialist_a"]},
        ),
    ]
    for path, body in writes:
        response = client.post(base(world) + path, body)
        assert response.status_code == 404, path
        assert response.json() == NOT_FOUND
    assert client.patch(base(world) + "/plan", {"summary": "Mine now"}).status_code == 404
    if persona != "clinician_on_team":
        # Contacts need only read access, like notes: the clinician on the team may log one.
        assert (
            client.post(
                base(world) + "/contacts", {"channel": "phone", "summary": "Hi"}
            ).status_code
            == 404
        )
    enrolment.refresh_from_db()
    plan.refresh_from_db()
    assert (enrolment.status, enrolment.stage, plan.agreed_on, plan.summary) == (
        "active",
        "engagement",
        None,
        "Back to work",
    )
    assert not Assessment.objects.exists()
    assert Goal.objects.count() == Milestone.objects.count() == 1
    assert Milestone.objects.get().state == "planned"
    assert Appointment.objects.get().status == "booked"
    assert not CaseReview.objects.exists()
    assert not Contact.objects.exists()


# --- enrolments and stages ----------------------------------------------------------------------


def test_enrolment_list_and_detail(world, api, enrolment):
    world.programme.eligibility = "Out of work with a health condition"
    world.programme.save()
    client = api(world.social_worker_on_team)

    listed = client.get(base(world) + "/enrolments").json()
    detail = client.get(base(world) + f"/enrolments/{enrolment.ref}").json()

    assert listed["count"] == 1
    assert listed["items"][0]["ref"] == enrolment.ref
    assert detail["status"] == "active"
    assert detail["stage"] == "engagement"
    assert detail["support_ends_on"] == enrolment.support_ends_on.isoformat()
    assert detail["key_worker"]["username"] == "specialist_a"
    assert detail["exit_reason"] == ""
    assert detail["programme"] == {
        "ref": world.programme.ref,
        "name": "Connect to Work",
        "eligibility": "Out of work with a health condition",
        "support_months_out_of_work": 12,
        "support_months_in_work": 4,
    }
    logged = AccessLogEntry.objects.filter(user=world.social_worker_on_team)
    assert set(logged.values_list("channel", flat=True)) == {"api"}
    assert logged.count() == 2


def test_another_persons_enrolment_is_a_404(world, api):
    other = enrol(world, ParticipantFactory(owning_organisation=world.provider_a))
    client = api(world.specialist_a)

    assert client.get(base(world) + f"/enrolments/{other.ref}").status_code == 404
    assert client.post(base(world) + f"/enrolments/{other.ref}/pause").status_code == 404
    other.refresh_from_db()
    assert other.status == "active"


def test_pause_resume_and_exit(world, api, enrolment):
    client = api(world.specialist_a)
    path = base(world) + f"/enrolments/{enrolment.ref}"

    paused = client.post(path + "/pause", {"note": "In hospital"})
    again = client.post(path + "/pause")
    resumed = client.post(path + "/resume")
    bad_exit = client.post(path + "/exit", {"reason": "bored"})
    exited = client.post(path + "/exit", {"reason": "job", "note": "Started at the depot"})

    assert paused.status_code == 200
    assert paused.json()["status"] == "paused"
    assert again.status_code == 422
    assert resumed.json()["status"] == "active"
    assert bad_exit.status_code == 422
    assert "reason" in fields_in(bad_exit)
    assert exited.status_code == 200
    assert exited.json()["status"] == "exited"
    assert exited.json()["exit_reason"] == "job"
    assert exited.json()["ended_on"] == today().isoformat()


def test_stage_moves_and_their_history(world, api, enrolment):
    client = api(world.specialist_a)
    path = base(world) + f"/enrolments/{enrolment.ref}"

    moved = client.post(path + "/stage", {"to_stage": "vocational_profiling", "note": "Ready"})
    same = client.post(path + "/stage", {"to_stage": "vocational_profiling"})
    unknown = client.post(path + "/stage", {"to_stage": "retired"})
    history = client.get(path + "/stage-changes").json()

    assert moved.status_code == 201
    assert moved.json()["from_stage"] == "engagement"
    assert moved.json()["to_stage"] == "vocational_profiling"
    assert moved.json()["changed_by"]["username"] == "specialist_a"
    assert same.status_code == unknown.status_code == 422
    assert "to_stage" in fields_in(unknown)
    assert history["count"] == 1
    assert history["items"][0]["note"] == "Ready"
    assert client.get(path).json()["stage"] == "vocational_profiling"
    assert StageChange.objects.count() == 1


def test_key_worker_change(world, api, enrolment):
    client = api(world.specialist_a)
    path = base(world) + f"/enrolments/{enrolment.ref}/key-worker"

    changed = client.post(path, {"username": "social_on"})
    unknown = client.post(path, {"username": "nobody"})
    elsewhere = client.post(path, {"username": "specialist_b"})

    assert changed.json()["key_worker"]["username"] == "social_on"
    assert unknown.status_code == elsewhere.status_code == 422
    assert "username" in fields_in(unknown) & fields_in(elsewhere)
    enrolment.refresh_from_db()
    assert enrolment.key_worker == world.social_worker_on_team


# --- assessments --------------------------------------------------------------------------------


def test_health_answers_only_for_clinicians_on_the_team(world, api, colleague):
    response = api(colleague).post(
        base(world) + "/assessments",
        {
            "kind": "health_conversation",
            "answers": {"needs": "Routine", "health_situation": "Chronic back pain"},
            "assessed_on": days(-1),
        },
    )
    assert response.status_code == 201
    assert response.json()["answers"]["health_situation"] == "Chronic back pain"
    assert response.json()["version"] == 1

    for persona in NON_CLINICAL:
        client = api(getattr(world, persona))
        listed = client.get(base(world) + "/assessments").json()["items"][0]
        one = client.get(base(world) + "/assessments/health_conversation/1").json()
        for body in (listed, one):
            assert body["answers"] == {"needs": "Routine"}, persona
            assert body["health_hidden"] is True
            assert "Chronic back pain" not in str(body)
    clinician = api(world.clinician_on_team)
    listed = clinician.get(base(world) + "/assessments").json()["items"][0]
    one = clinician.get(base(world) + "/assessments/health_conversation/1").json()
    for body in (listed, one):
        assert body["answers"]["health_situation"] == "Chronic back pain"
        assert body["health_hidden"] is False
    assert api(world.clinician_off_team).get(base(world) + "/assessments").status_code == 404


def test_new_versions_and_kind_filter(world, api):
    client = api(world.specialist_a)
    for skills in ("Forklift", "Forklift, first aid"):
        client.post(
            base(world) + "/assessments",
            {"kind": "vocational_profile", "answers": {"skills": skills, "hours_wanted": "30"}},
        )
    client.post(
        base(world) + "/assessments", {"kind": "barrier_assessment", "answers": {"debt": "high"}}
    )

    profiles = client.get(base(world) + "/assessments", kind="vocational_profile").json()
    second = client.get(base(world) + "/assessments/vocational_profile/2").json()

    assert profiles["count"] == 2
    assert [item["version"] for item in profiles["items"]] == [2, 1]
    assert second["answers"] == {"skills": "Forklift, first aid", "hours_wanted": 30}
    assert client.get(base(world) + "/assessments/vocational_profile/3").status_code == 404
    assert client.get(base(world) + "/assessments/horoscope/1").status_code == 404
    assert "kind" in fields_in(client.get(base(world) + "/assessments", kind="horoscope"))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "horoscope", "answers": {"needs": "x"}}, "kind"),
        ({"kind": "vocational_profile", "answers": {"star_sign": "Leo"}}, "answers.star_sign"),
        (
            {"kind": "vocational_profile", "answers": {"hours_wanted": "lots"}},
            "answers.hours_wanted",
        ),
        ({"kind": "barrier_assessment", "answers": {"debt": "enormous"}}, "answers.debt"),
        (
            {"kind": "vocational_profile", "answers": {"skills": "x"}, "assessed_on": days(3)},
            "assessed_on",
        ),
        (
            {"kind": "vocational_profile", "answers": {"skills": "x"}, "assessed_on": "soon"},
            "assessed_on",
        ),
        ({"answers": {"skills": "x"}}, "kind"),
    ],
)
def test_invalid_assessment_is_refused_and_saves_nothing(world, api, body, field):
    response = api(world.specialist_a).post(base(world) + "/assessments", body)

    assert response.status_code == 422
    assert field in fields_in(response)
    assert not Assessment.objects.exists()


# --- plans and milestones -----------------------------------------------------------------------


def test_plan_create_change_goals_milestones_and_agree(world, api, enrolment):
    client = api(world.specialist_a)
    created = client.post(
        base(world) + "/plan",
        {"enrolment_ref": enrolment.ref, "summary": "A job near home", "review_on": days(90)},
    )
    twice = client.post(base(world) + "/plan", {"enrolment_ref": enrolment.ref})
    too_early = client.post(base(world) + "/plan/agree", {"method": "verbal"})
    goal = client.post(
        base(world) + "/plan/goals", {"track": "employment", "description": "Warehouse job"}
    )
    milestone = client.post(
        base(world) + f"/plan/goals/{goal.json()['ref']}/milestones",
        {"description": "CV written", "target_on": days(-2)},
    )
    patched = client.patch(base(world) + "/plan", {"summary": "A warehouse job near home"})
    agreed = client.post(base(world) + "/plan/agree", {"method": "written", "agreed_on": days(0)})
    shown = client.get(base(world) + "/plan", enrolment=enrolment.ref).json()

    assert created.status_code == 201
    assert created.json()["enrolment_ref"] == enrolment.ref
    assert twice.status_code == too_early.status_code == 422
    assert goal.status_code == milestone.status_code == 201
    assert milestone.json()["overdue"] is True
    assert patched.json()["summary"] == "A warehouse job near home"
    assert patched.json()["review_on"] == days(90)
    assert agreed.json()["agreed_on"] == days(0)
    assert agreed.json()["agreement_method"] == "written"
    employment = next(track for track in shown["tracks"] if track["track"] == "employment")
    assert employment["goals"][0]["description"] == "Warehouse job"
    assert employment["goals"][0]["milestones"][0]["description"] == "CV written"
    assert shown["hidden_goals"] == 0
    assert client.patch(base(world) + "/plan", {"review_on": None}).json()["review_on"] is None


def test_no_plan_yet_is_a_404(world, api, enrolment):
    assert api(world.specialist_a).get(base(world) + "/plan").status_code == 404


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/plan/agree", {"method": "telepathy"}, "method"),
        ("/plan/agree", {"method": "verbal", "agreed_on": days(2)}, "agreed_on"),
        ("/plan/goals", {"track": "astrology", "description": "x"}, "track"),
        ("/plan/goals", {"track": "employment", "description": "  "}, "description"),
    ],
)
def test_invalid_plan_changes_are_refused(world, api, plan, path, body, field):
    services.goal_add(actor=world.specialist_a, plan=plan, track="skills", description="Course")

    response = api(world.specialist_a).post(base(world) + path, body)

    assert response.status_code == 422
    assert field in fields_in(response)
    plan.refresh_from_db()
    assert plan.agreed_on is None
    assert Goal.objects.count() == 1


def test_plan_for_someone_elses_enrolment_is_refused(world, api):
    other = enrol(world, ParticipantFactory(owning_organisation=world.provider_a))

    response = api(world.specialist_a).post(base(world) + "/plan", {"enrolment_ref": other.ref})

    assert response.status_code == 422
    assert "enrolment_ref" in fields_in(response)
    assert not Plan.objects.exists()


def test_milestone_needs_a_date_and_this_persons_interventions(world, api, plan):
    goal = services.goal_add(actor=world.specialist_a, plan=plan, track="skills", description="x")
    client = api(world.specialist_a)
    path = base(world) + f"/plan/goals/{goal.ref}/milestones"

    undated = client.post(path, {"description": "Course booked"})
    stranger = client.post(
        path,
        {"description": "Course booked", "target_on": days(9), "intervention_refs": ["zzzzzzzz"]},
    )

    assert undated.status_code == stranger.status_code == 422
    assert "target_on" in fields_in(undated)
    assert "intervention_refs" in fields_in(stranger)
    assert not Milestone.objects.exists()


def test_health_goals_only_for_clinicians_on_the_team(world, api, plan, colleague):
    health = services.goal_add(
        actor=colleague, plan=plan, track="health", description="Manage back pain"
    )
    services.milestone_add(actor=colleague, goal=health, description="Physio", target_on=today())
    work = services.goal_add(actor=colleague, plan=plan, track="employment", description="Job")
    services.milestone_add(actor=colleague, goal=work, description="CV", target_on=today())

    for persona in NON_CLINICAL:
        client = api(getattr(world, persona))
        shown = client.get(base(world) + "/plan").json()
        milestones = client.get(base(world) + "/milestones").json()
        assert shown["hidden_goals"] == 1, persona
        assert "back pain" not in str(shown) and "Physio" not in str(milestones)
        assert [item["description"] for item in milestones["items"]] == ["CV"]
        # A goal the caller may not see cannot be written to either.
        added = client.post(
            base(world) + f"/plan/goals/{health.ref}/milestones",
            {"description": "Sneaky", "target_on": days(1)},
        )
        assert added.status_code == 404
    clinician = api(world.clinician_on_team)
    shown = clinician.get(base(world) + "/plan").json()
    milestones = clinician.get(base(world) + "/milestones").json()
    health_track = next(track for track in shown["tracks"] if track["track"] == "health")
    assert health_track["goals"][0]["description"] == "Manage back pain"
    assert shown["hidden_goals"] == 0
    assert {item["description"] for item in milestones["items"]} == {"Physio", "CV"}
    assert Milestone.objects.count() == 2


def test_milestone_state_and_overdue_list(world, api, plan):
    goal = services.goal_add(actor=world.specialist_a, plan=plan, track="skills", description="x")
    late = services.milestone_add(
        actor=world.specialist_a,
        goal=goal,
        description="Late",
        target_on=today() - datetime.timedelta(days=3),
    )
    services.milestone_add(
        actor=world.specialist_a,
        goal=goal,
        description="Later",
        target_on=today() + datetime.timedelta(days=3),
    )
    client = api(world.specialist_a)

    before = client.get(base(world) + "/milestones").json()["items"]
    bad = client.post(base(world) + f"/milestones/{late.ref}/state", {"state": "forgotten"})
    done = client.post(base(world) + f"/milestones/{late.ref}/state", {"state": "achieved"})
    after = client.get(base(world) + "/milestones").json()["items"]

    assert [(m["description"], m["overdue"]) for m in before] == [("Late", True), ("Later", False)]
    assert before[0]["goal"]["ref"] == goal.ref
    assert before[0]["enrolment_ref"] == plan.enrolment.ref
    assert bad.status_code == 422
    assert "state" in fields_in(bad)
    assert done.json()["state"] == "achieved"
    assert done.json()["state_changed_on"] == today().isoformat()
    assert [m["overdue"] for m in after] == [False, False]
    assert client.get(base(world) + "/milestones", state="achieved").json()["count"] == 1


def test_another_persons_goal_and_milestone_are_404(world, api, plan):
    other = ParticipantFactory(owning_organisation=world.provider_a)
    their_plan = services.plan_create(actor=world.specialist_a, enrolment=enrol(world, other))
    goal = services.goal_add(
        actor=world.specialist_a, plan=their_plan, track="skills", description="x"
    )
    milestone = services.milestone_add(
        actor=world.specialist_a, goal=goal, description="Theirs", target_on=today()
    )
    client = api(world.specialist_a)

    added = client.post(
        base(world) + f"/plan/goals/{goal.ref}/milestones",
        {"description": "Mine", "target_on": days(1)},
    )
    changed = client.post(base(world) + f"/milestones/{milestone.ref}/state", {"state": "dropped"})

    assert added.status_code == changed.status_code == 404
    milestone.refresh_from_db()
    assert milestone.state == "planned"
    assert Milestone.objects.count() == 1


# --- contacts and appointments ------------------------------------------------------------------


def test_contacts_follow_the_note_rules(world, api):
    health = api(world.clinician_on_team).post(
        base(world) + "/contacts",
        {"channel": "gp_practice", "summary": "Medication review", "sensitivity": "health"},
    )
    social = api(world.social_worker_on_team).post(
        base(world) + "/contacts",
        {"channel": "home_visit", "summary": "Rent arrears", "sensitivity": "social"},
    )
    general = api(world.specialist_a).post(
        base(world) + "/contacts", {"channel": "phone", "summary": "Booked a CV session"}
    )
    assert health.status_code == social.status_code == general.status_code == 201
    assert general.json()["sensitivity"] == "general"
    assert general.json()["staff"]["username"] == "specialist_a"

    def seen(persona) -> set[str]:
        items = api(getattr(world, persona)).get(base(world) + "/contacts").json()["items"]
        return {item["summary"] for item in items}

    assert seen("specialist_a") == {"Booked a CV session"}
    assert seen("social_worker_on_team") == {"Booked a CV session", "Rent arrears"}
    assert seen("clinician_on_team") == {"Booked a CV session", "Medication review"}


def test_invalid_contact_is_refused(world, api):
    client = api(world.specialist_a)

    channel = client.post(base(world) + "/contacts", {"channel": "pigeon", "summary": "x"})
    empty = client.post(base(world) + "/contacts", {"channel": "phone", "summary": " "})
    secret = client.post(
        base(world) + "/contacts", {"channel": "phone", "summary": "x", "sensitivity": "secret"}
    )

    assert "channel" in fields_in(channel)
    assert "summary" in fields_in(empty)
    assert "sensitivity" in fields_in(secret)
    assert not Contact.objects.exists()


def test_appointments_book_list_and_outcome(world, api):
    client = api(world.specialist_a)
    starts = (timezone.localtime() + datetime.timedelta(days=2)).replace(microsecond=0)

    mine = client.post(
        base(world) + "/appointments",
        {"starts_at": starts.isoformat(), "channel": "video", "purpose": "CV review"},
    )
    with_clinician = client.post(
        base(world) + "/appointments",
        {
            "starts_at": starts.replace(tzinfo=None).isoformat(),
            "channel": "gp_practice",
            "purpose": "Joint session",
            "staff_username": "clinician_on",
            "remind_minutes_before": None,
        },
    )
    outsider = client.post(
        base(world) + "/appointments",
        {
            "starts_at": starts.isoformat(),
            "channel": "phone",
            "purpose": "x",
            "staff_username": "specialist_b",
        },
    )
    past = client.post(
        base(world) + "/appointments",
        {"starts_at": days(-3) + "T10:00", "channel": "phone", "purpose": "x"},
    )
    upcoming = api(world.clinician_on_team).get(base(world) + "/appointments", when="upcoming")
    attended_early = client.post(
        base(world) + f"/appointments/{mine.json()['ref']}/status", {"status": "attended"}
    )
    cancelled = client.post(
        base(world) + f"/appointments/{mine.json()['ref']}/status", {"status": "cancelled"}
    )

    assert mine.status_code == with_clinician.status_code == 201
    assert mine.json()["staff"]["username"] == "specialist_a"
    assert mine.json()["remind_at"] is not None
    assert with_clinician.json()["staff"]["username"] == "clinician_on"
    assert with_clinician.json()["remind_at"] is None
    assert "staff_username" in fields_in(outsider)
    assert "starts_at" in fields_in(past)
    assert upcoming.json()["count"] == 2
    assert attended_early.status_code == 422
    assert "status" in fields_in(attended_early)
    assert cancelled.json()["status"] == "cancelled"
    assert Appointment.objects.count() == 2


def test_another_persons_appointment_is_a_404(world, api):
    other = ParticipantFactory(owning_organisation=world.provider_a)
    theirs = services.appointment_book(
        actor=world.specialist_a,
        participant=other,
        staff=world.specialist_a,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        channel="phone",
        purpose="Theirs",
    )

    response = api(world.specialist_a).post(
        base(world) + f"/appointments/{theirs.ref}/status", {"status": "cancelled"}
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "booked"


# --- case reviews and queues --------------------------------------------------------------------


def review_body(**overrides) -> dict:
    return {
        "held_on": days(0),
        "decision": "new_plan",
        "attendee_usernames": ["specialist_a", "clinician_on"],
        "participant_view": "Wants to start with part-time work",
        "actions": [
            {"description": "Book physio", "owner_username": "specialist_a", "due_on": days(7)}
        ],
    } | overrides


def test_review_is_recorded_with_actions_and_listed(world, api, enrolment):
    created = api(world.specialist_a).post(
        base(world) + "/reviews", review_body(enrolment_ref=enrolment.ref)
    )

    assert created.status_code == 201
    body = created.json()
    assert body["decision"] == "new_plan"
    assert body["enrolment_ref"] == enrolment.ref
    assert {a["username"] for a in body["attendees"]} == {"specialist_a", "clinician_on"}
    assert body["actions"][0]["description"] == "Book physio"
    assert body["actions"][0]["owner"]["username"] == "specialist_a"
    assert body["queue_ref"] is None
    for persona in ("specialist_a", "clinician_on_team", "social_worker_on_team"):
        client = api(getattr(world, persona))
        assert client.get("/reviews").json()["count"] == 1, persona
        assert client.get(base(world) + "/reviews").json()["items"][0]["ref"] == body["ref"]
    for persona in OUTSIDERS:
        assert api(getattr(world, persona)).get("/reviews").json() == {"items": [], "count": 0}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"decision": "shrug"}, "decision"),
        ({"held_on": days(2)}, "held_on"),
        ({"attendee_usernames": []}, "attendee_usernames"),
        ({"attendee_usernames": ["specialist_a", "nobody"]}, "attendee_usernames"),
        ({"attendee_usernames": ["specialist_b"]}, "attendee_usernames"),
        (
            {"actions": [{"description": "x", "owner_username": "ghost", "due_on": days(1)}]},
            "actions.0.owner_username",
        ),
        (
            {
                "actions": [
                    {"description": " ", "owner_username": "specialist_a", "due_on": days(1)}
                ]
            },
            "actions.0.description",
        ),
        ({"actions": [{"description": "x", "owner_username": "specialist_a"}]}, "due_on"),
        ({"enrolment_ref": "zzzzzzzzzzzz"}, "enrolment_ref"),
        ({"queue_ref": "zzzzzzzzzzzz"}, "queue_ref"),
    ],
)
def test_invalid_review_is_refused_and_saves_nothing(world, api, overrides, field):
    response = api(world.specialist_a).post(base(world) + "/reviews", review_body(**overrides))

    assert response.status_code == 422
    assert field in fields_in(response)
    assert not CaseReview.objects.exists()
    assert not ReviewAction.objects.exists()


def test_review_in_a_queue_counts_in_the_queue(world, api, enrolment):
    queue = services.review_queue_create(
        actor=world.specialist_a, organisation=world.provider_a, name="Matchgruppe 3", criteria={}
    )
    client = api(world.specialist_a)

    created = client.post(base(world) + "/reviews", review_body(queue_ref=queue.ref))
    twice = client.post(base(world) + "/reviews", review_body(queue_ref=queue.ref))
    queues = client.get("/reviews/queues").json()

    assert created.json()["queue_ref"] == queue.ref
    assert twice.status_code == 422
    assert CaseReview.objects.count() == 1
    assert queues["count"] == 1
    assert {k: queues["items"][0][k] for k in ("name", "total", "reviewed", "skipped")} == {
        "name": "Matchgruppe 3",
        "total": 1,
        "reviewed": 1,
        "skipped": 0,
    }
    for persona in OUTSIDERS:
        assert api(getattr(world, persona)).get("/reviews/queues").json()["count"] == 0


# --- caseload -----------------------------------------------------------------------------------


def test_caseload_shows_the_callers_people(world, api, plan):
    goal = services.goal_add(actor=world.specialist_a, plan=plan, track="skills", description="x")
    services.milestone_add(
        actor=world.specialist_a,
        goal=goal,
        description="Late",
        target_on=today() - datetime.timedelta(days=1),
    )
    services.contact_record(
        actor=world.specialist_a, participant=world.participant, channel="phone", summary="Hi"
    )
    services.case_review_record(
        actor=world.specialist_a,
        participant=world.participant,
        held_on=today(),
        decision="continue",
        attendees=[world.specialist_a],
        actions=[{"description": "Call employer", "owner": world.specialist_a, "due_on": today()}],
    )

    body = api(world.specialist_a).get("/caseload").json()

    assert body["count"] == 1
    row = body["items"][0]
    assert row["participant"] == {"ref": world.participant.ref, "full_name": "Alex Morgan"}
    assert row["enrolment_ref"] == plan.enrolment.ref
    assert row["stage"] == "engagement"
    assert row["overdue_milestones"] == 1
    assert row["next_action"] == "Call employer"
    assert row["next_action_due"] == today().isoformat()
    assert row["last_contact_at"] is not None
    assert row["support_ends_on"] == plan.enrolment.support_ends_on.isoformat()
    for persona in [*OUTSIDERS, "social_worker_on_team", "clinician_on_team"]:
        assert api(getattr(world, persona)).get("/caseload").json()["count"] == 0


def test_only_a_team_lead_opens_a_colleagues_caseload(world, api, enrolment):
    lead = staff("lead_a", world.provider_a, Role.TEAM_LEAD)

    as_lead = api(lead).get("/caseload", key_worker="specialist_a")
    as_colleague = api(world.social_worker_on_team).get("/caseload", key_worker="specialist_a")
    other_team = api(lead).get("/caseload", key_worker="specialist_b")
    nobody = api(lead).get("/caseload", key_worker="nobody")
    own = api(world.specialist_a).get("/caseload", key_worker="specialist_a")

    assert as_lead.json()["count"] == 1
    assert as_colleague.status_code == other_team.status_code == nobody.status_code == 404
    assert own.json()["count"] == 1


# --- the whole journey through the API ----------------------------------------------------------


def test_full_walk_from_referral_to_job_finding(world, api):
    referral = ReferralFactory(
        referring_organisation=world.gp_practice,
        referred_by=world.referrer,
        receiving_organisation=world.provider_a,
        person_name="Jordan Ellis",
    )
    client = api(world.specialist_a)

    accepted = client.post(
        f"/referrals/{referral.ref}/accept",
        {"programme_ref": world.programme.ref, "consent_method": "verbal"},
    )
    assert accepted.status_code == 200
    person = accepted.json()["participant_ref"]
    path = f"/participants/{person}"
    enrolments = client.get(path + "/enrolments").json()
    assert enrolments["count"] == 1
    eref = enrolments["items"][0]["ref"]
    assert eref == accepted.json()["enrolment_ref"]

    health = client.post(
        path + "/assessments",
        {
            "kind": "health_conversation",
            "answers": {
                "needs": "A routine",
                "wishes": "Office work",
                "health_situation": "Anxiety",
            },
        },
    )
    profile = client.post(
        path + "/assessments",
        {"kind": "vocational_profile", "answers": {"skills": "Typing", "driving_licence": True}},
    )
    review = client.post(
        path + "/reviews",
        {
            "held_on": days(0),
            "decision": "new_plan",
            "enrolment_ref": eref,
            "attendee_usernames": ["specialist_a"],
            "actions": [
                {
                    "description": "Ask GP about hours",
                    "owner_username": "specialist_a",
                    "due_on": days(14),
                }
            ],
        },
    )
    plan = client.post(path + "/plan", {"enrolment_ref": eref, "summary": "Office job"})
    work = client.post(path + "/plan/goals", {"track": "employment", "description": "Admin job"})
    wellbeing = client.post(path + "/plan/goals", {"track": "health", "description": "Sleep well"})
    milestone = client.post(
        path + f"/plan/goals/{work.json()['ref']}/milestones",
        {"description": "Apply for three jobs", "target_on": days(21)},
    )
    agreed = client.post(path + "/plan/agree", {"method": "verbal"})
    moved = client.post(path + f"/enrolments/{eref}/stage", {"to_stage": "job_finding"})
    caseload = client.get("/caseload").json()

    assert [r.status_code for r in (health, profile, review, plan, work, wellbeing, milestone)] == [
        201
    ] * 7
    assert agreed.status_code == 200
    assert agreed.json()["agreed_on"] == days(0)
    tracks = {track["track"]: track["goals"] for track in agreed.json()["tracks"]}
    assert [goal["description"] for goal in tracks["employment"]] == ["Admin job"]
    assert [goal["description"] for goal in tracks["health"]] == ["Sleep well"]
    assert moved.status_code == 201
    row = next(item for item in caseload["items"] if item["participant"]["ref"] == person)
    assert row["stage"] == "job_finding"
    assert row["enrolment_ref"] == eref
    assert row["next_action"] == "Ask GP about hours"
