"""Case-review pages: recording a cross-disciplinary review with the person's own view,
decision and actions; review queues that a team works through one by one; and who may see or
record what."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.casework import services
from tandem.casework.models import CaseReview, ReviewAction, ReviewQueue, ReviewQueueItem
from tandem.participants.models import AccessLogEntry, BenefitSituation, Consent
from tandem.referrals import services as referral_services
from tandem.referrals.models import Enrolment
from tandem.testing.factories import ParticipantFactory, ReferralFactory

WRONG_PERSONAS = ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]
NO_CASEWORK = ["referrer", "programme_manager", "clinician_off_team"]
CASH = BenefitSituation.KONTANTHJAELP


def today() -> datetime.date:
    return timezone.localdate()


def html(response) -> str:
    return response.content.decode()


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html(response)))


def enrol(world, participant) -> Enrolment:
    referral = ReferralFactory(
        receiving_organisation=world.provider_a, referring_organisation=world.gp_practice
    )
    return referral_services.referral_accept(
        actor=world.specialist_a,
        referral=referral,
        programme=world.programme,
        participant=participant,
        consent_method=Consent.Method.VERBAL,
    )


def person(world, name: str, benefit=CASH, match_group=3):
    participant = ParticipantFactory(
        owning_organisation=world.provider_a,
        full_name=name,
        benefit_situation=benefit,
        match_group=match_group,
    )
    enrol(world, participant)
    return participant


@pytest.fixture
def group(world):
    """Three matchgruppe-3 cash-benefit recipients (Alex Morgan among them) and two others."""
    world.participant.benefit_situation = CASH
    world.participant.match_group = 3
    world.participant.save()
    enrol(world, world.participant)
    members = [world.participant, person(world, "Birgitte Hansen"), person(world, "Carl Jensen")]
    person(world, "Dorte Madsen", match_group=2)
    person(world, "Erik Nielsen", benefit=BenefitSituation.SICK_LISTED)
    return members


@pytest.fixture
def queue(world, group) -> ReviewQueue:
    return services.review_queue_create(
        actor=world.specialist_a,
        organisation=world.provider_a,
        name="Matchgruppe 3, Jobcenter Køge",
        criteria={"benefit_situation": CASH, "match_group": 3},
    )


def review_data(world, **overrides) -> dict:
    data = {
        "held_on": today().isoformat(),
        "attendees": [world.specialist_a.pk, world.clinician_on_team.pk],
        "other_attendees": "Interpreter",
        "participant_present": "on",
        "participant_view": "I want to work with animals, mornings only.",
        "discussion": "Back pain limits lifting.",
        "decision": CaseReview.Decision.NEW_PLAN,
        "decision_note": "Health-barrier assessment first, then an internship.",
        "action_1_description": "Book the health-barrier assessment",
        "action_1_owner": world.clinician_on_team.pk,
        "action_1_due_on": (today() + datetime.timedelta(days=14)).isoformat(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def record(world, participant=None, actions=None, actor=None) -> CaseReview:
    return services.case_review_record(
        actor=actor or world.specialist_a,
        participant=participant or world.participant,
        held_on=today(),
        decision=CaseReview.Decision.CONTINUE,
        attendees=[world.specialist_a],
        actions=actions,
    )


def new_url(participant, queue=None) -> str:
    base = reverse("casework:review_new", kwargs={"ref": participant.ref})
    return f"{base}?item={queue.ref}" if queue else base


def detail_url(review: CaseReview) -> str:
    return reverse(
        "casework:review_detail",
        kwargs={"ref": review.participant.ref, "review_ref": review.ref},
    )


# ---------------------------------------------------------------- queues


def test_a_queue_made_from_criteria_holds_exactly_the_matching_people(world, login, group):
    client = login(world.specialist_a)
    form = client.get(reverse("casework:queue_new"))
    assert form.status_code == 200
    assert "Cash benefit (kontanthjælp)" in html(form)

    response = client.post(
        reverse("casework:queue_new"),
        {
            "organisation": world.provider_a.ref,
            "name": "Matchgruppe 3, Jobcenter Køge",
            "description": "Re-review every not-ready cash-benefit recipient.",
            "benefit_situation": CASH,
            "match_group": "3",
            "stage": "",
        },
    )

    queue = ReviewQueue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:queue_detail", kwargs={"ref": queue.ref})
    assert {item.participant for item in queue.items.all()} == set(group)
    assert queue.criteria == {"benefit_situation": CASH, "match_group": 3}
    page = client.get(response["Location"])
    assert "Reviewed 0 of 3" in text(page)
    assert "Match group (matchgruppe): 3 – not ready" in text(page)
    assert "Dorte Madsen" not in html(page)


def test_a_queue_that_would_be_empty_is_refused_at_the_top(world, login, group):
    response = login(world.specialist_a).post(
        reverse("casework:queue_new"),
        {"organisation": world.provider_a.ref, "name": "Nobody", "match_group": "1"},
    )
    assert response.status_code == 422
    assert "Nobody your organisation supports matches these criteria." in html(response)
    assert not ReviewQueue.objects.exists()


def test_a_specialist_cannot_make_a_queue_of_another_organisations_people(world, login, group):
    response = login(world.specialist_b).post(
        reverse("casework:queue_new"), {"organisation": world.provider_a.ref, "name": "Theirs"}
    )
    assert response.status_code in (200, 422)
    assert not ReviewQueue.objects.exists()


def test_recording_a_review_from_the_queue_moves_it_on(world, login, queue, group):
    client = login(world.specialist_a)
    detail = reverse("casework:queue_detail", kwargs={"ref": queue.ref})
    page = client.get(detail)
    assert "Reviewed 0 of 3" in text(page)
    assert '<progress id="queue-progress" value="0" max="3">' in html(page)
    first = queue.items.order_by("position").first()
    assert new_url(first.participant, queue) in html(page)

    form = client.get(new_url(first.participant, queue))
    assert form.status_code == 200
    assert "case 1 of 3" in text(form)
    response = client.post(new_url(first.participant, queue), review_data(world))

    first.refresh_from_db()
    assert first.status == ReviewQueueItem.Status.REVIEWED
    assert first.review.decision == CaseReview.Decision.NEW_PLAN
    second = queue.items.get(position=2)
    assert response.status_code == 302
    assert response["Location"] == new_url(second.participant, queue)
    followed = client.get(response["Location"])
    assert f"Next in “{queue.name}”: {second.participant.full_name}" in html(followed)

    page = client.get(detail)
    assert "Reviewed 1 of 3" in text(page)
    assert '<progress id="queue-progress" value="1" max="3">' in html(page)
    assert "Make a new plan 1" in text(page)
    # The list of queues shows the same progress.
    assert "Reviewed 1 of 3" in text(client.get(reverse("casework:queue_list")))


def test_the_last_case_in_a_queue_returns_to_the_queue(world, login, queue):
    client = login(world.specialist_a)
    items = list(queue.items.order_by("position"))
    for item in items[:-1]:
        services.review_queue_item_skip(actor=world.specialist_a, item=item, reason="Moved away")
    last = items[-1]
    # Only Alex Morgan has the trust's clinician on their case team.
    data = review_data(
        world, attendees=[world.specialist_a.pk], action_1_owner=world.specialist_a.pk
    )
    response = client.post(new_url(last.participant, queue), data)
    assert response["Location"] == reverse("casework:queue_detail", kwargs={"ref": queue.ref})
    page = client.get(response["Location"])
    assert "every case in this queue has been reviewed or skipped" in text(page)
    assert "2 skipped" in text(page)


def test_skipping_needs_a_reason(world, login, queue):
    client = login(world.specialist_a)
    item = queue.items.order_by("position").first()
    skip = reverse("casework:queue_item_skip", kwargs={"ref": queue.ref})

    refused = client.post(skip, {"participant": item.participant.ref, "reason": "  "})
    assert refused.status_code == 422
    assert "Say why this case is skipped." in html(refused)
    assert 'aria-invalid="true"' in html(refused)
    item.refresh_from_db()
    assert item.status == ReviewQueueItem.Status.WAITING

    done = client.post(skip, {"participant": item.participant.ref, "reason": "In hospital"})
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == ReviewQueueItem.Status.SKIPPED
    assert "In hospital" in html(client.get(done["Location"]))


def test_an_already_reviewed_place_is_not_reviewed_twice(world, login, queue):
    client = login(world.specialist_a)
    item = queue.items.get(participant=world.participant)
    client.post(new_url(world.participant, queue), review_data(world))
    again = client.get(new_url(world.participant, queue))
    assert again.status_code == 302
    assert again["Location"] == reverse("casework:queue_detail", kwargs={"ref": queue.ref})
    assert CaseReview.objects.filter(queue_item=item).count() == 1


@pytest.mark.parametrize("persona", WRONG_PERSONAS)
def test_wrong_personas_get_404_on_queue_pages(world, login, queue, persona):
    client = login(getattr(world, persona))
    item = queue.items.order_by("position").first()
    detail = reverse("casework:queue_detail", kwargs={"ref": queue.ref})
    skip = reverse("casework:queue_item_skip", kwargs={"ref": queue.ref})
    assert client.get(detail).status_code == 404
    assert (
        client.post(skip, {"participant": item.participant.ref, "reason": "x"}).status_code == 404
    )
    listing = client.get(reverse("casework:queue_list"))
    if persona in NO_CASEWORK:
        assert listing.status_code == 404
        assert client.get(reverse("casework:queue_new")).status_code == 404
    else:
        assert listing.status_code == 200
        assert queue.name not in html(listing)
    item.refresh_from_db()
    assert item.status == ReviewQueueItem.Status.WAITING


def test_a_queue_of_another_organisation_cannot_be_used_to_record(world, login, queue):
    # specialist_b may not write Alex Morgan's record, and may not see the queue either.
    response = login(world.specialist_b).post(new_url(world.participant, queue), review_data(world))
    assert response.status_code == 404
    assert not CaseReview.objects.exists()


def test_a_queue_link_for_someone_not_in_it_is_404(world, login, queue):
    outsider = ParticipantFactory(owning_organisation=world.provider_a, full_name="Finn Olsen")
    response = login(world.specialist_a).get(new_url(outsider, queue))
    assert response.status_code == 404


# ---------------------------------------------------------------- recording a review


def test_recording_a_review_shows_it_with_its_actions(world, login):
    enrolment = enrol(world, world.participant)
    client = login(world.specialist_a)
    form = client.get(new_url(world.participant))
    assert form.status_code == 200
    body = html(form)
    assert f"{world.clinician_on_team.display_name} (case team: Health)" in body
    assert world.clinician_off_team.display_name not in body
    assert world.specialist_b.display_name not in body
    # The person's only open programme is chosen already.
    assert f'<option value="{enrolment.ref}" selected>' in body

    response = client.post(new_url(world.participant), review_data(world, enrolment=enrolment.ref))

    review = CaseReview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(review)
    assert review.enrolment == enrolment
    assert set(review.attendees.all()) == {world.specialist_a, world.clinician_on_team}
    action = review.actions.get()
    assert action.owner == world.clinician_on_team
    page = text(client.get(response["Location"]))
    assert "I want to work with animals, mornings only." in page
    assert "Make a new plan" in page
    assert "Book the health-barrier assessment" in page
    assert "Interpreter" in page
    assert "Open" in page


def test_a_review_without_a_decision_is_refused_at_the_field(world, login):
    response = login(world.specialist_a).post(
        new_url(world.participant), review_data(world, decision=None)
    )
    assert response.status_code == 422
    body = html(response)
    assert "Choose what the review decided." in body
    assert 'id="id_decision_error"' in body
    assert not CaseReview.objects.exists()
    assert not ReviewAction.objects.exists()


def test_an_action_without_an_owner_is_refused_at_the_field(world, login):
    response = login(world.specialist_a).post(
        new_url(world.participant), review_data(world, action_1_owner="")
    )
    assert response.status_code == 422
    body = html(response)
    assert 'id="id_action_1_owner_error"' in body
    assert "Choose who will do action 1." in body
    assert not CaseReview.objects.exists()


def test_a_review_in_the_future_is_refused_by_the_service_at_the_date(world, login):
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    response = login(world.specialist_a).post(
        new_url(world.participant), review_data(world, held_on=tomorrow)
    )
    assert response.status_code == 422
    assert 'id="id_held_on_error"' in html(response)
    assert "A review cannot be recorded before it is held." in html(response)
    assert not CaseReview.objects.exists()


def test_staff_outside_the_team_cannot_be_named(world, login):
    response = login(world.specialist_a).post(
        new_url(world.participant),
        review_data(world, attendees=[world.specialist_b.pk], action_1_owner=world.specialist_b.pk),
    )
    assert response.status_code == 422
    assert 'id="id_attendees_error"' in html(response)
    assert not CaseReview.objects.exists()


def test_reviews_are_listed_newest_first(world, login):
    older = services.case_review_record(
        actor=world.specialist_a,
        participant=world.participant,
        held_on=today() - datetime.timedelta(days=30),
        decision=CaseReview.Decision.PAUSE,
        attendees=[],
    )
    newer = record(world)
    response = login(world.clinician_on_team).get(
        reverse("casework:review_list", kwargs={"ref": world.participant.ref})
    )
    assert response.status_code == 200
    body = html(response)
    assert body.index(detail_url(newer)) < body.index(detail_url(older))
    # A clinician on the team reads reviews but does not record them.
    assert new_url(world.participant) not in body


def test_viewing_a_review_is_written_to_the_access_log(world, login):
    review = record(world)
    login(world.clinician_on_team).get(detail_url(review))
    assert AccessLogEntry.objects.filter(
        participant=world.participant,
        user=world.clinician_on_team,
        action=AccessLogEntry.Action.VIEW_RECORD,
    ).exists()


def test_the_action_owner_marks_their_action_done(world, login):
    review = record(
        world,
        actions=[
            {
                "description": "Send the GP letter",
                "owner": world.clinician_on_team,
                "due_on": today() - datetime.timedelta(days=1),
            },
            {
                "description": "Find an internship",
                "owner": world.specialist_a,
                "due_on": today() + datetime.timedelta(days=5),
            },
        ],
    )
    letter = review.actions.get(description="Send the GP letter")
    internship = review.actions.get(description="Find an internship")
    client = login(world.clinician_on_team)
    page = html(client.get(detail_url(review)))
    assert "Overdue" in page
    done_url = reverse(
        "casework:review_action_complete",
        kwargs={"ref": world.participant.ref, "review_ref": review.ref, "action_ref": letter.ref},
    )
    other_url = done_url.replace(letter.ref, internship.ref)
    assert done_url in page
    # Not their action, and they may not write the record: no button, and 404 if tried.
    assert other_url not in page
    assert client.post(other_url).status_code == 404

    response = client.post(done_url)
    assert response.status_code == 302
    letter.refresh_from_db()
    internship.refresh_from_db()
    assert letter.completed_on == today()
    assert internship.completed_on is None
    assert "Done on" in text(client.get(detail_url(review)))

    # Staff of the owning organisation may close anyone's action.
    assert login(world.social_worker_on_team).post(other_url).status_code == 302
    internship.refresh_from_db()
    assert internship.completed_on == today()


@pytest.mark.parametrize("persona", WRONG_PERSONAS)
def test_wrong_personas_get_404_on_review_pages(world, login, persona):
    review = record(
        world,
        actions=[
            {"description": "Call", "owner": world.specialist_a, "due_on": today()},
        ],
    )
    action = review.actions.get()
    ref = world.participant.ref
    client = login(getattr(world, persona))
    assert client.get(reverse("casework:review_list", kwargs={"ref": ref})).status_code == 404
    assert client.get(new_url(world.participant)).status_code == 404
    assert client.post(new_url(world.participant), review_data(world)).status_code == 404
    assert client.get(detail_url(review)).status_code == 404
    done = reverse(
        "casework:review_action_complete",
        kwargs={"ref": ref, "review_ref": review.ref, "action_ref": action.ref},
    )
    assert client.post(done).status_code == 404
    action.refresh_from_db()
    assert action.completed_on is None
    assert CaseReview.objects.count() == 1


def test_a_review_of_someone_else_is_404_under_this_person(world, login):
    other = ParticipantFactory(owning_organisation=world.provider_a)
    review = record(world, participant=other)
    response = login(world.specialist_a).get(
        reverse(
            "casework:review_detail",
            kwargs={"ref": world.participant.ref, "review_ref": review.ref},
        )
    )
    assert response.status_code == 404


def test_a_clinician_on_the_team_cannot_record_a_review(world, login):
    response = login(world.clinician_on_team).post(new_url(world.participant), review_data(world))
    assert response.status_code == 404
    assert not CaseReview.objects.exists()
