"""The enrolment page and its actions, and the support panel on the participant page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem.casework.models import Appointment, StageChange
from tandem.participants.models import AccessLogEntry, Consent, ConsentPurpose
from tandem.referrals.models import Enrolment, SupportStage
from tandem.testing.factories import ConsentFactory, ParticipantFactory, ProgrammeFactory

ELIGIBILITY = "Anyone with a disability, a health condition or a complex barrier to work."


def make_enrolment(world, participant=None, programme=None, **fields) -> Enrolment:
    today = timezone.localdate()
    fields.setdefault("started_on", today - datetime.timedelta(days=30))
    fields.setdefault("support_ends_on", today + datetime.timedelta(days=300))
    fields.setdefault("stage_since", timezone.now() - datetime.timedelta(days=30))
    return Enrolment.objects.create(
        participant=participant or world.participant,
        programme=programme or world.programme,
        organisation=world.provider_a,
        key_worker=world.specialist_a,
        enrolled_by=world.specialist_a,
        **fields,
    )


@pytest.fixture
def enrolment(world) -> Enrolment:
    world.programme.eligibility = ELIGIBILITY
    world.programme.save()
    return make_enrolment(world)


def url(enrolment: Enrolment, action: str = "") -> str:
    base = f"/participants/{enrolment.participant.ref}/enrolments/{enrolment.ref}/"
    return f"{base}{action}/" if action else base


def html(response) -> str:
    return response.content.decode()


ACTIONS = {
    "pause": {"pause-note": "On holiday"},
    "resume": {},
    "exit": {"exit-reason": "job"},
    "key-worker": {},
    "stage": {"stage-to_stage": SupportStage.JOB_FINDING},
}


def test_page_shows_programme_rules_support_end_and_key_worker(world, login, enrolment):
    response = login(world.specialist_a).get(url(enrolment))

    page = html(response)
    assert response.status_code == 200
    assert ELIGIBILITY in page
    assert "People out of work: up to 12 months" in page
    assert "People in work at risk of losing it: up to 4 months" in page
    assert "This person was out of work when support started." in page
    assert "in 300 days" in page
    assert world.specialist_a.display_name in page
    assert "in this stage for 30 days" in page
    assert AccessLogEntry.objects.filter(
        participant=world.participant, user=world.specialist_a, action="view_record"
    ).exists()


@pytest.mark.parametrize(
    "persona", ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]
)
def test_other_organisations_get_404_on_the_page_and_every_action(world, login, enrolment, persona):
    client = login(getattr(world, persona))

    assert client.get(url(enrolment)).status_code == 404
    for action, data in ACTIONS.items():
        assert client.post(url(enrolment, action), data).status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACTIVE
    assert enrolment.stage == SupportStage.ENGAGEMENT
    assert not StageChange.objects.exists()


def test_a_clinician_on_the_team_reads_the_enrolment_but_changes_nothing(world, login, enrolment):
    client = login(world.clinician_on_team)

    response = client.get(url(enrolment))
    assert response.status_code == 200
    assert "Move to another stage" not in html(response)
    for action, data in ACTIONS.items():
        assert client.post(url(enrolment, action), data).status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACTIVE


def test_an_enrolment_of_someone_else_is_404_under_this_persons_address(world, login, enrolment):
    other = make_enrolment(
        world, participant=ParticipantFactory(owning_organisation=world.provider_a)
    )
    client = login(world.specialist_a)

    wrong = f"/participants/{world.participant.ref}/enrolments/{other.ref}/"
    assert client.get(wrong).status_code == 404
    assert client.post(f"{wrong}pause/", {}).status_code == 404
    other.refresh_from_db()
    assert other.status == Enrolment.Status.ACTIVE


def test_stage_moves_forward_and_back_are_recorded_with_who_and_when(world, login, enrolment):
    client = login(world.specialist_a)

    forward = client.post(
        url(enrolment, "stage"),
        {"stage-to_stage": SupportStage.JOB_FINDING, "stage-note": "CV ready"},
    )
    assert forward.status_code == 302
    # Ten days in job finding before moving back.
    StageChange.objects.update(changed_at=timezone.now() - datetime.timedelta(days=10))
    back = client.post(
        url(enrolment, "stage"),
        {"stage-to_stage": SupportStage.VOCATIONAL_PROFILING, "stage-note": "Rethink goals"},
    )
    assert back.status_code == 302

    changes = list(StageChange.objects.order_by("changed_at"))
    assert [(c.from_stage, c.to_stage) for c in changes] == [
        (SupportStage.ENGAGEMENT, SupportStage.JOB_FINDING),
        (SupportStage.JOB_FINDING, SupportStage.VOCATIONAL_PROFILING),
    ]
    assert {c.changed_by for c in changes} == {world.specialist_a}
    enrolment.refresh_from_db()
    assert enrolment.stage == SupportStage.VOCATIONAL_PROFILING

    page = html(client.get(url(enrolment)))
    assert "Rethink goals" in page and "CV ready" in page
    assert page.index("Rethink goals") < page.index("CV ready")  # newest first
    assert world.specialist_a.display_name in page
    assert '<td class="num">10</td>' in page  # days spent in job finding
    assert "in this stage for 0 days" in page
    # Engagement: from the start 30 days ago until the move 10 days ago.
    assert "<dt>Engagement</dt>\n    <dd>20 days</dd>" in page


def test_moving_to_the_current_stage_is_refused(world, login, enrolment):
    response = login(world.specialist_a).post(
        url(enrolment, "stage"), {"stage-to_stage": SupportStage.ENGAGEMENT}
    )

    assert response.status_code == 422
    assert "The person is already in this stage." in html(response)
    assert not StageChange.objects.exists()


def test_exit_without_a_reason_is_refused_at_the_field(world, login, enrolment):
    response = login(world.specialist_a).post(
        url(enrolment, "exit"), {"exit-note": "Moving to Leeds"}
    )

    assert response.status_code == 422
    page = html(response)
    assert "Choose the reason the person is leaving." in page
    assert 'class="error-message" id="id_exit-reason_error"' in page
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACTIVE
    assert enrolment.exit_reason == ""


def test_exit_with_a_reason_ends_support(world, login, enrolment):
    client = login(world.specialist_a)

    response = client.post(
        url(enrolment, "exit"), {"exit-reason": "moved", "exit-note": "Moving to Leeds"}
    )

    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.EXITED
    assert enrolment.exit_reason == Enrolment.ExitReason.MOVED
    assert enrolment.ended_on == timezone.localdate()
    page = html(client.get(url(enrolment)))
    assert "Moved away" in page
    assert "End support" not in page
    refused = client.post(url(enrolment, "stage"), ACTIONS["stage"])
    assert refused.status_code == 422
    assert "This person has left the programme." in html(refused)


def test_pause_and_resume_follow_the_rules(world, login, enrolment):
    client = login(world.specialist_a)

    assert client.post(url(enrolment, "pause"), {"pause-note": "Hospital stay"}).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.PAUSED
    again = client.post(url(enrolment, "pause"), {})
    assert again.status_code == 422
    assert "Only active support can be paused." in html(again)

    assert client.post(url(enrolment, "resume"), {}).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACTIVE
    twice = client.post(url(enrolment, "resume"), {})
    assert twice.status_code == 422
    assert "Only paused support can be resumed." in html(twice)


def test_support_does_not_resume_once_consent_to_take_part_is_withdrawn(world, login, enrolment):
    client = login(world.specialist_a)
    client.post(url(enrolment, "pause"), {})
    ConsentFactory(
        participant=world.participant,
        purpose=ConsentPurpose.PARTICIPATION,
        status=Consent.Status.WITHDRAWN,
        recorded_by=world.specialist_a,
    )

    response = client.post(url(enrolment, "resume"), {})

    assert response.status_code == 422
    assert "consent to take part is not in force" in html(response)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.PAUSED


def test_key_worker_is_chosen_from_the_delivering_organisation(world, login, enrolment):
    client = login(world.specialist_a)

    outsider = client.post(
        url(enrolment, "key-worker"), {"key_worker-key_worker": world.specialist_b.pk}
    )
    assert outsider.status_code == 422
    enrolment.refresh_from_db()
    assert enrolment.key_worker == world.specialist_a

    response = client.post(
        url(enrolment, "key-worker"), {"key_worker-key_worker": world.social_worker_on_team.pk}
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.key_worker == world.social_worker_on_team


# --- the panel on the participant page ------------------------------------------------------


def test_panel_shows_stage_support_end_and_next_appointment(world, login, enrolment):
    Appointment.objects.create(
        participant=world.participant,
        staff=world.specialist_a,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        channel="phone",
        purpose="Talk through the vacancy at the bakery",
        created_by=world.specialist_a,
    )

    page = html(login(world.specialist_a).get(f"/participants/{world.participant.ref}/"))

    assert "Connect to Work" in page
    assert "Engagement" in page
    assert "in this stage for 30 days" in page
    assert "in 300 days" in page
    assert "Talk through the vacancy at the bakery" in page
    assert url(enrolment) in page
    assert f"/participants/{world.participant.ref}/timeline/" in page
    assert f"/interventions/participants/{world.participant.ref}/" in page
    assert f"/participants/{world.participant.ref}/contacts/" in page


def test_panel_flags_a_support_period_about_to_end_and_one_that_has_ended(world, login):
    today = timezone.localdate()
    make_enrolment(world, support_ends_on=today + datetime.timedelta(days=5))
    other_programme = ProgrammeFactory(name="Health conversations", owner=world.authority)
    make_enrolment(
        world, programme=other_programme, support_ends_on=today - datetime.timedelta(days=3)
    )

    page = html(login(world.specialist_a).get(f"/participants/{world.participant.ref}/"))

    assert "<strong>in 5 days</strong>" in page
    assert "ended 3 days ago" in page


def test_panel_queries_do_not_grow_with_enrolments(world, login):
    client = login(world.specialist_a)
    address = f"/participants/{world.participant.ref}/"
    make_enrolment(world)
    with CaptureQueriesContext(connection) as one:
        client.get(address)
    for number in range(3):
        programme = ProgrammeFactory(name=f"Programme {number}", owner=world.authority)
        make_enrolment(world, programme=programme)
    with CaptureQueriesContext(connection) as four:
        client.get(address)

    assert len(four) == len(one)


def test_panel_says_when_nobody_is_enrolled(world, login):
    page = html(login(world.specialist_a).get(f"/participants/{world.participant.ref}/"))

    assert "Not currently enrolled on a programme." in page
