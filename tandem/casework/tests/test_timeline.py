"""The participant's timeline: everything, newest first, only what the viewer may see."""

import datetime

import pytest
from django.utils import timezone

from tandem.casework import selectors, services
from tandem.casework.models import Contact
from tandem.participants.models import AccessLogEntry, Consent, ConsentPurpose, Note
from tandem.referrals.models import Enrolment, SupportStage
from tandem.testing.factories import ConsentFactory, NoteFactory


def html(response) -> str:
    return response.content.decode()


def timeline_url(world, query: str = "") -> str:
    return f"/participants/{world.participant.ref}/timeline/{query}"


@pytest.mark.parametrize(
    "persona", ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]
)
def test_other_organisations_get_404(world, login, persona):
    assert login(getattr(world, persona)).get(timeline_url(world)).status_code == 404


def test_timeline_brings_everything_together_newest_first_and_is_logged(world, login):
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        participant=world.participant,
        programme=world.programme,
        organisation=world.provider_a,
        started_on=timezone.localdate() - datetime.timedelta(days=20),
        enrolled_by=world.specialist_a,
    )
    services.stage_move(
        actor=world.specialist_a,
        enrolment=enrolment,
        to_stage=SupportStage.VOCATIONAL_PROFILING,
        note="Profile started",
    )
    Contact.objects.create(
        participant=world.participant,
        channel="video",
        happened_at=now - datetime.timedelta(days=2),
        staff=world.specialist_a,
        summary="Video call about her CV",
    )

    response = login(world.specialist_a).get(timeline_url(world))

    page = html(response)
    assert response.status_code == 200
    assert page.index("Profile started") < page.index("Video call about her CV")
    assert page.index("Video call about her CV") < page.index("Enrolled on Connect to Work")
    assert "Stage: Vocational profiling" in page
    assert AccessLogEntry.objects.filter(
        participant=world.participant,
        user=world.specialist_a,
        action=AccessLogEntry.Action.VIEW_RECORD,
    ).exists()


def test_show_more_raises_the_limit(world, login):
    NoteFactory.create_batch(60, participant=world.participant, author=world.specialist_a)
    client = login(world.specialist_a)

    first = html(client.get(timeline_url(world)))
    assert first.count('<li class="note">') == 50
    assert 'href="?limit=100"' in first

    more = html(client.get(timeline_url(world, "?limit=100")))
    assert more.count('<li class="note">') == 60
    assert "Show more" not in more

    assert html(client.get(timeline_url(world, "?limit=nonsense"))).count('<li class="note">') == 50


def test_the_limit_is_capped(world, login, monkeypatch):
    seen = []
    real = selectors.timeline
    monkeypatch.setattr(
        selectors, "timeline", lambda **kwargs: seen.append(kwargs["limit"]) or real(**kwargs)
    )

    login(world.specialist_a).get(timeline_url(world, "?limit=100000"))

    assert seen == [500]


def test_health_notes_leave_the_timeline_when_consent_to_share_is_withdrawn(world, login):
    NoteFactory(
        participant=world.participant,
        author=world.specialist_a,
        sensitivity="health",
        text="Diabetes review due.",
    )
    clinician = login(world.clinician_on_team)
    assert "Diabetes review due." in html(clinician.get(timeline_url(world)))

    ConsentFactory(
        participant=world.participant,
        purpose=ConsentPurpose.HEALTH_SHARING,
        status=Consent.Status.WITHDRAWN,
        recorded_by=world.specialist_a,
    )

    assert "Diabetes review due." not in html(clinician.get(timeline_url(world)))
    # The author still sees what they wrote.
    assert "Diabetes review due." in html(login(world.specialist_a).get(timeline_url(world)))
    assert Note.objects.count() == 1


def test_an_empty_timeline_says_so(world, login):
    page = html(login(world.specialist_a).get(timeline_url(world)))

    assert "Nothing here yet." in page
