"""Plan pages: making the plan with the person, goals in parallel tracks with milestones and
interventions, the person's agreement, the printed copy in their language, and who sees what."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tandem.casework import pdf, selectors, services
from tandem.casework.models import Goal, Milestone, Plan, Track
from tandem.core.formatting import format_date
from tandem.interventions.models import Intervention, InterventionReferral, Provider
from tandem.participants.models import AccessLogEntry, Consent, ConsentPurpose
from tandem.participants.selectors import access_participant
from tandem.participants.services import consent_record
from tandem.referrals.models import Enrolment
from tandem.testing.factories import ParticipantFactory, ProgrammeFactory

TODAY = timezone.localdate
WRONG_PERSONAS = ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]


def url(name: str, participant, **kwargs) -> str:
    return reverse(f"casework:{name}", kwargs={"ref": participant.ref, **kwargs})


def html(response) -> str:
    return response.content.decode()


def enrol(world, participant=None, programme=None) -> Enrolment:
    return Enrolment.objects.create(
        participant=participant or world.participant,
        programme=programme or world.programme,
        organisation=world.provider_a,
        started_on=TODAY(),
        enrolled_by=world.specialist_a,
        key_worker=world.specialist_a,
    )


def make_plan(world, participant=None, **fields) -> Plan:
    enrolment = enrol(world, participant)
    return services.plan_create(actor=world.specialist_a, enrolment=enrolment, **fields)


def add_goal(world, plan, track=Track.EMPLOYMENT, description="Work in a warehouse", actor=None):
    return services.goal_add(
        actor=actor or world.specialist_a, plan=plan, track=track, description=description
    )


def add_milestone(world, goal, description="CV written", days=14, referrals=None) -> Milestone:
    return services.milestone_add(
        actor=world.specialist_a,
        goal=goal,
        description=description,
        target_on=TODAY() + datetime.timedelta(days=days),
        intervention_referrals=referrals,
    )


def refer(world, participant=None, name="Forklift course") -> InterventionReferral:
    provider = Provider.objects.create(name="Skills North East", region=world.country)
    intervention = Intervention.objects.create(
        kind="accredited_training", name=name, provider=provider, currency="GBP"
    )
    return InterventionReferral.objects.create(
        participant=participant or world.participant,
        intervention=intervention,
        requested_on=TODAY(),
        requested_by=world.specialist_a,
    )


def withdraw_health_sharing(world) -> None:
    consent_record(
        actor=world.specialist_a,
        participant=world.participant,
        purpose=ConsentPurpose.HEALTH_SHARING,
        status=Consent.Status.WITHDRAWN,
        method=Consent.Method.VERBAL,
    )


# --- building the plan through the pages ------------------------------------------------------


def test_the_specialist_makes_a_plan_with_goals_milestones_and_agreement(world, login):
    enrolment = enrol(world)
    referral = refer(world)
    client = login(world.specialist_a)

    empty = html(client.get(url("plan", world.participant)))
    assert "No plan has been made for Connect to Work yet." in empty
    assert url("plan_new", world.participant) in empty

    made = client.post(
        url("plan_new", world.participant),
        {"summary": "Back to warehouse work, part time", "review_on": "2031-01-15"},
    )
    assert made.status_code == 302
    plan = Plan.objects.get(enrolment=enrolment)
    assert plan.review_on == datetime.date(2031, 1, 15)

    client.post(url("goal_new", world.participant), {"track": "employment", "description": "A job"})
    goal = Goal.objects.get(plan=plan)
    milestone_form = client.get(url("milestone_new", world.participant, goal_ref=goal.ref))
    assert "Forklift course" in html(milestone_form)
    added = client.post(
        url("milestone_new", world.participant, goal_ref=goal.ref),
        {
            "description": "Forklift licence",
            "target_on": "2030-06-01",
            "interventions": [referral.ref],
        },
    )
    assert added.status_code == 302
    milestone = Milestone.objects.get(goal=goal)
    assert list(milestone.interventions.all()) == [referral]

    client.post(
        url("milestone_state", world.participant, milestone_ref=milestone.ref),
        {"state": "in_progress"},
    )
    milestone.refresh_from_db()
    assert milestone.state == Milestone.State.IN_PROGRESS

    assert "Not yet agreed" in html(client.get(url("plan", world.participant)))
    agreed = client.post(
        url("plan_agree", world.participant), {"method": "verbal", "agreed_on": "2024-05-02"}
    )
    assert agreed.status_code == 302

    page = html(client.get(url("plan", world.participant)))
    assert "Back to warehouse work, part time" in page
    assert "Agreed by the person on 2 May 2024 (verbally)" in page
    assert "Forklift licence" in page and "Forklift course" in page
    assert "In progress" in page
    assert "15 Jan 2031" in page
    assert url("plan_pdf", world.participant) in page


def test_the_summary_and_review_date_can_be_changed(world, login):
    make_plan(world, summary="First words")
    client = login(world.specialist_a)
    assert "First words" in html(client.get(url("plan_edit", world.participant)))
    client.post(url("plan_edit", world.participant), {"summary": "Better words", "review_on": ""})
    plan = Plan.objects.get()
    assert (plan.summary, plan.review_on) == ("Better words", None)


def test_agreement_is_refused_while_the_plan_has_no_goals(world, login):
    plan = make_plan(world)
    response = login(world.specialist_a).post(
        url("plan_agree", world.participant), {"method": "verbal"}
    )
    assert response.status_code == 422
    assert "Add at least one goal before the person agrees to the plan." in html(response)
    plan.refresh_from_db()
    assert plan.agreed_on is None


def test_refused_forms_show_errors_at_the_field_with_422_and_save_nothing(world, login):
    plan = make_plan(world)
    goal = add_goal(world, plan)
    client = login(world.specialist_a)

    no_description = client.post(url("goal_new", world.participant), {"track": "health"})
    assert no_description.status_code == 422
    assert 'id="id_description_error"' in html(no_description)
    assert Goal.objects.count() == 1

    bad_date = client.post(
        url("milestone_new", world.participant, goal_ref=goal.ref),
        {"description": "CV", "target_on": "next week"},
    )
    assert bad_date.status_code == 422
    assert 'id="id_target_on_error"' in html(bad_date)

    someone_elses = refer(
        world, participant=ParticipantFactory(owning_organisation=world.provider_a)
    )
    foreign = client.post(
        url("milestone_new", world.participant, goal_ref=goal.ref),
        {"description": "CV", "target_on": "2030-01-01", "interventions": [someone_elses.ref]},
    )
    assert foreign.status_code == 422
    assert 'id="id_interventions_error"' in html(foreign)
    assert not Milestone.objects.exists()

    no_method = client.post(url("plan_agree", world.participant), {"method": ""})
    assert no_method.status_code == 422
    assert 'id="id_method_error"' in html(no_method)


def test_a_state_that_does_not_exist_is_refused_on_the_plan_page(world, login):
    milestone = add_milestone(world, add_goal(world, make_plan(world)))
    response = login(world.specialist_a).post(
        url("milestone_state", world.participant, milestone_ref=milestone.ref), {"state": "won"}
    )
    assert response.status_code == 422
    assert 'aria-invalid="true"' in html(response)
    milestone.refresh_from_db()
    assert milestone.state == Milestone.State.PLANNED


def test_overdue_milestones_and_a_past_review_date_are_flagged_in_words(world, login):
    plan = make_plan(world, review_on=TODAY() - datetime.timedelta(days=1))
    goal = add_goal(world, plan)
    add_milestone(world, goal, description="Late one", days=-3)
    done = add_milestone(world, goal, description="Done one", days=-3)
    services.milestone_set_state(actor=world.specialist_a, milestone=done, state="achieved")
    page = html(login(world.specialist_a).get(url("plan", world.participant)))
    assert "Review date has passed" in page
    assert page.count("Overdue") == 1
    rows = re.findall(r"<tr>.*?</tr>", page, flags=re.S)
    assert "Overdue" in next(row for row in rows if "Late one" in row)
    assert "Overdue" not in next(row for row in rows if "Done one" in row)


# --- which plan ---------------------------------------------------------------------------------


def test_without_an_open_enrolment_the_page_says_so(world, login):
    client = login(world.specialist_a)
    page = client.get(url("plan", world.participant))
    assert page.status_code == 200
    assert "not enrolled on a programme now" in html(page)
    assert client.get(url("plan_new", world.participant)).status_code == 404


def test_with_several_enrolments_the_enrolment_parameter_picks_the_plan(world, login):
    first = make_plan(world, summary="Plan for Connect to Work")
    other_programme = ProgrammeFactory(
        name="Health conversations", owner=world.authority, delivered_by=[world.provider_a]
    )
    second_enrolment = enrol(world, programme=other_programme)
    services.plan_create(
        actor=world.specialist_a, enrolment=second_enrolment, summary="Plan for conversations"
    )
    client = login(world.specialist_a)
    chosen = html(client.get(url("plan", world.participant), {"enrolment": first.enrolment.ref}))
    assert "Plan for Connect to Work" in chosen
    assert "Plan for conversations" not in chosen
    assert f"?enrolment={second_enrolment.ref}" in chosen
    other = html(client.get(url("plan", world.participant), {"enrolment": second_enrolment.ref}))
    assert "Plan for conversations" in other
    assert client.get(url("plan", world.participant), {"enrolment": "nope"}).status_code == 404


# --- who may do what ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", WRONG_PERSONAS)
def test_other_organisations_and_roles_get_404(world, login, persona):
    plan = make_plan(world)
    milestone = add_milestone(world, add_goal(world, plan))
    client = login(getattr(world, persona))
    for address in (
        url("plan", world.participant),
        url("plan_pdf", world.participant),
        url("plan_edit", world.participant),
        url("goal_new", world.participant),
        url("plan_agree", world.participant),
        url("milestone_new", world.participant, goal_ref=milestone.goal.ref),
    ):
        assert client.get(address).status_code == 404
    state = url("milestone_state", world.participant, milestone_ref=milestone.ref)
    assert client.post(state, {"state": "achieved"}).status_code == 404
    milestone.refresh_from_db()
    assert milestone.state == Milestone.State.PLANNED


def test_the_clinician_on_the_team_reads_the_plan_but_cannot_change_it(world, login):
    plan = make_plan(world)
    milestone = add_milestone(world, add_goal(world, plan))
    client = login(world.clinician_on_team)
    page = client.get(url("plan", world.participant))
    assert page.status_code == 200
    assert "Add a goal" not in html(page)
    assert client.post(url("goal_new", world.participant), {"track": "health"}).status_code == 404
    assert (
        client.post(url("plan_agree", world.participant), {"method": "verbal"}).status_code == 404
    )
    state = url("milestone_state", world.participant, milestone_ref=milestone.ref)
    assert client.post(state, {"state": "achieved"}).status_code == 404
    assert Goal.objects.count() == 1
    assert Plan.objects.get().agreed_on is None


def test_goals_and_milestones_of_another_persons_plan_are_404(world, login):
    make_plan(world)
    other_person = ParticipantFactory(owning_organisation=world.provider_a)
    other_milestone = add_milestone(world, add_goal(world, make_plan(world, other_person)))
    client = login(world.specialist_a)
    milestone_new = url("milestone_new", world.participant, goal_ref=other_milestone.goal.ref)
    assert client.get(milestone_new).status_code == 404
    posted = client.post(milestone_new, {"description": "x", "target_on": "2030-01-01"})
    assert posted.status_code == 404
    state = url("milestone_state", world.participant, milestone_ref=other_milestone.ref)
    assert client.post(state, {"state": "dropped"}).status_code == 404
    other_milestone.refresh_from_db()
    assert other_milestone.state == Milestone.State.PLANNED
    assert Milestone.objects.count() == 1


def test_health_and_social_goals_are_seen_only_by_the_right_team_members(world, login):
    plan = make_plan(world)
    health_goal = add_goal(world, plan, track=Track.HEALTH, description="Fewer migraines")
    add_goal(
        world,
        plan,
        track=Track.SOCIAL,
        description="Join a walking group",
        actor=world.social_worker_on_team,
    )
    add_goal(world, plan, track=Track.EMPLOYMENT, description="Warehouse job")

    social = login(world.social_worker_on_team)
    page = html(social.get(url("plan", world.participant)))
    assert "Fewer migraines" not in page
    assert "Join a walking group" in page and "Warehouse job" in page
    assert "1 goal is not shown to you" in page
    # A goal the social worker may not see cannot be written to either.
    hidden = url("milestone_new", world.participant, goal_ref=health_goal.ref)
    assert social.get(hidden).status_code == 404

    specialist = html(login(world.specialist_a).get(url("plan", world.participant)))
    assert "Fewer migraines" in specialist  # they wrote it
    assert "Join a walking group" not in specialist

    clinician = login(world.clinician_on_team)
    page = html(clinician.get(url("plan", world.participant)))
    assert "Fewer migraines" in page and "Join a walking group" not in page

    withdraw_health_sharing(world)
    page = html(clinician.get(url("plan", world.participant)))
    assert "Fewer migraines" not in page
    assert "2 goals are not shown to you" in page


def test_the_plan_page_costs_the_same_queries_however_many_goals(world, login):
    plan = make_plan(world)
    referral = refer(world)
    add_milestone(world, add_goal(world, plan), referrals=[referral])
    client = login(world.clinician_on_team)
    with CaptureQueriesContext(connection) as few:
        client.get(url("plan", world.participant))
    for track in Track.values:
        goal = add_goal(world, plan, track=track, description=f"Goal {track}")
        for days in (1, 2, 3):
            add_milestone(world, goal, days=days, referrals=[referral])
    with CaptureQueriesContext(connection) as many:
        client.get(url("plan", world.participant))
    assert len(many) == len(few)


# --- the printed plan ---------------------------------------------------------------------------


def test_the_plan_prints_as_a_pdf_and_the_export_is_logged(world, login):
    plan = make_plan(world, summary="Warehouse work")
    add_milestone(world, add_goal(world, plan))
    response = login(world.specialist_a).get(url("plan_pdf", world.participant))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="plan-{plan.ref}.pdf"'
    assert response.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(
        participant=world.participant,
        user=world.specialist_a,
        action=AccessLogEntry.Action.EXPORT,
    ).exists()


def test_there_is_nothing_to_print_without_a_plan(world, login):
    enrol(world)
    assert login(world.specialist_a).get(url("plan_pdf", world.participant)).status_code == 404


@pytest.mark.parametrize(
    ("preferred", "expected"),
    [
        ("English", "en"),
        ("Dansk", "da"),
        ("danish", "da"),
        ("فارسی", "fa"),
        ("Persian", "fa"),
        ("fa-IR", "fa"),
        ("العربية", "ar"),
        ("Arabic", "ar"),
        ("ar_EG", "ar"),
        ("Somali", "da"),
        ("", "da"),
    ],
)
def test_the_persons_language_is_read_from_what_was_written(preferred, expected):
    assert pdf.participant_language(preferred, "da") == expected


def print_html(world, user, language: str) -> str:
    access = access_participant(user=user, ref=world.participant.ref)
    plan = Plan.objects.get(participant=world.participant)
    view = selectors.plan_view(access=access, user=user, plan=plan)
    return pdf.plan_print_html(plan_view=view, participant=world.participant, language=language)


def test_a_persian_speakers_plan_is_right_to_left_with_solar_hijri_dates(world):
    world.participant.preferred_language = "فارسی"
    world.participant.save()
    plan = make_plan(world, review_on=datetime.date(2022, 8, 4))
    add_milestone(world, add_goal(world, plan), description="رزومه")
    language = pdf.participant_language(world.participant.preferred_language, "en")
    page = print_html(world, world.specialist_a, language)
    assert '<html lang="fa" dir="rtl">' in page
    assert "۱۴۰۱/۰۵/۱۳" in page  # 4 August 2022
    assert format_date(TODAY() + datetime.timedelta(days=14), "fa") in page
    assert "Noto Naskh Arabic" in page
    # The viewer's own language is left as it was.
    assert translation.get_language() != "fa"


def test_an_english_plan_is_left_to_right_with_gregorian_dates(world):
    plan = make_plan(world, review_on=datetime.date(2022, 8, 4))
    add_goal(world, plan, description="کار پاره‌وقت.")
    page = print_html(world, world.specialist_a, "en")
    assert '<html lang="en" dir="ltr">' in page
    assert "4 Aug 2022" in page
    # A goal typed in Persian keeps its own direction inside the English plan.
    assert '<span dir="rtl">کار پاره‌وقت.</span>' in page


def test_the_print_follows_the_persons_language_not_the_viewers(world):
    plan = make_plan(world)
    add_goal(world, plan)
    access = access_participant(user=world.specialist_a, ref=world.participant.ref)
    with translation.override("ar"):
        view = selectors.plan_view(access=access, user=world.specialist_a, plan=plan)
        page = pdf.plan_print_html(plan_view=view, participant=world.participant, language="en")
    assert "<h2>Employment</h2>" in page
    assert "التوظيف" not in page


def test_the_printed_plan_shows_only_what_the_viewer_may_see(world, login):
    plan = make_plan(world)
    add_goal(world, plan, track=Track.HEALTH, description="Fewer migraines")
    add_goal(world, plan, track=Track.EMPLOYMENT, description="Warehouse job")
    page = print_html(world, world.social_worker_on_team, "en")
    assert "Fewer migraines" not in page and "Warehouse job" in page
    assert "leaves out 1 goal" in page
    assert "Fewer migraines" in print_html(world, world.clinician_on_team, "en")
    response = login(world.social_worker_on_team).get(url("plan_pdf", world.participant))
    assert response.content.startswith(b"%PDF")
