"""The referral journey through the pages: a GP refers, a provider decides, the GP sees status.

What each persona may see is the point: the receiving organisation decides and opens the
person's record; the referrer sees the referral and its status and never anything of the case;
every other organisation gets a 404, the same as for a referral that does not exist.
"""

import datetime

import pytest
from django.utils import timezone

from tandem.participants.models import Consent, ConsentPurpose, Participant
from tandem.referrals.models import Enrolment, Referral
from tandem.testing.factories import NoteFactory, ProgrammeFactory, ReferralFactory

VALID_NHS = "943 476 5919"
BAD_CHECK_DIGIT_NHS = "943 476 5918"


def referral_form(world, **overrides) -> dict:
    data = {
        "receiving_organisation": world.provider_a.ref,
        "person_name": "Jordan Ellis",
        "person_date_of_birth": "1985-04-12",
        "person_phone": "07400 123456",
        "person_email": "",
        "person_identifier_kind": "nhs",
        "person_identifier": VALID_NHS,
        "reason": "Anxiety since redundancy; wants to get back to office work.",
        "wants_help_with": "Confidence at interviews",
        "urgency": "routine",
        "person_agreed": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def gp_referral(world, **fields) -> Referral:
    fields.setdefault("referring_organisation", world.gp_practice)
    fields.setdefault("referred_by", world.referrer)
    fields.setdefault("receiving_organisation", world.provider_a)
    return ReferralFactory(**fields)


def accept_form(world, **overrides) -> dict:
    data = {"programme": world.programme.ref, "participant": "", "consent_method": "verbal"}
    data.update(overrides)
    return data


def html(response) -> str:
    return response.content.decode()


# --- making a referral --------------------------------------------------------------------------


def test_referrer_makes_a_referral_that_lands_in_the_receivers_inbox(world, login):
    referrer = login(world.referrer)
    assert referrer.get("/referrals/new/").status_code == 200

    response = referrer.post("/referrals/new/", referral_form(world))

    referral = Referral.objects.get(person_name="Jordan Ellis")
    assert response.status_code == 302
    assert response["Location"] == f"/referrals/{referral.ref}/"
    assert referral.status == Referral.Status.RECEIVED
    assert referral.receiving_organisation == world.provider_a
    assert referral.referring_organisation == world.gp_practice
    assert referral.referred_by == world.referrer
    assert referral.source == Referral.Source.GP
    assert referral.person_identifier == "9434765919"
    assert referral.person_phone == "+447400123456"
    assert referral.participant is None

    inbox = login(world.specialist_a).get("/referrals/inbox/")
    assert inbox.status_code == 200
    assert "Jordan Ellis" in html(inbox)
    assert f"/referrals/{referral.ref}/" in html(inbox)


def test_inbox_shows_how_many_days_a_referral_has_waited(world, login):
    referral = gp_referral(world, person_name="Sam Waiting")
    Referral.objects.filter(pk=referral.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=12, hours=1)
    )

    page = html(login(world.specialist_a).get("/referrals/inbox/"))

    assert "Days waiting" in page
    assert '<td class="num">12</td>' in page


def test_inbox_lists_only_referrals_waiting_for_a_decision(world, login):
    gp_referral(world, person_name="Still Waiting")
    gp_referral(world, person_name="Already Declined", status="declined", decision_reason="No")

    page = html(login(world.specialist_a).get("/referrals/inbox/"))

    assert "Still Waiting" in page
    assert "Already Declined" not in page


def test_other_provider_sees_the_referral_nowhere(world, login):
    referral = gp_referral(world, person_name="Private Person")
    specialist_b = login(world.specialist_b)

    inbox = specialist_b.get("/referrals/inbox/")
    listing = specialist_b.get("/referrals/")
    searched = specialist_b.get("/referrals/", {"search": "Private"})

    assert inbox.status_code == 200
    assert "Private Person" not in html(inbox)
    assert "Private Person" not in html(listing)
    assert "Private Person" not in html(searched)
    assert specialist_b.get(f"/referrals/{referral.ref}/").status_code == 404


def test_another_organisations_referral_looks_exactly_like_a_missing_one(world, login):
    referral = gp_referral(world)
    specialist_b = login(world.specialist_b)

    theirs = specialist_b.get(f"/referrals/{referral.ref}/")
    missing = specialist_b.get("/referrals/zzzzzzzzzzzz/")

    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content


@pytest.mark.parametrize(
    "persona", ["specialist_b", "clinician_off_team", "programme_manager", "clinician_on_team"]
)
def test_people_outside_the_referral_get_nothing(world, login, persona):
    referral = gp_referral(world, person_name="Private Person")
    client = login(getattr(world, persona))

    assert client.get(f"/referrals/{referral.ref}/").status_code == 404
    assert "Private Person" not in html(client.get("/referrals/"))
    for action in ("accept", "decline", "withdraw"):
        response = client.post(
            f"/referrals/{referral.ref}/{action}/",
            accept_form(world) | {"reason": "not mine"},
        )
        assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED


def test_signed_out_visitors_are_sent_to_sign_in_and_change_nothing(world, client):
    referral = gp_referral(world, person_name="Private Person")

    for path in (
        "/referrals/",
        "/referrals/inbox/",
        "/referrals/new/",
        f"/referrals/{referral.ref}/",
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/login/")
    accepted = client.post(f"/referrals/{referral.ref}/accept/", accept_form(world))

    assert accepted.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED


def test_someone_who_handles_no_referrals_has_no_inbox(world, login):
    assert login(world.referrer).get("/referrals/inbox/").status_code == 404
    assert login(world.programme_manager).get("/referrals/inbox/").status_code == 404


def test_programme_manager_cannot_make_a_referral(world, login):
    manager = login(world.programme_manager)
    assert manager.get("/referrals/new/").status_code == 404
    assert manager.post("/referrals/new/", referral_form(world)).status_code == 404
    assert not Referral.objects.exists()


def test_referrer_sees_own_referral_and_its_status_in_the_list(world, login):
    gp_referral(world, person_name="Robin Listed")
    other_gp_referral = ReferralFactory(
        receiving_organisation=world.provider_a, person_name="Someone Elses"
    )

    page = html(login(world.referrer).get("/referrals/"))

    assert "Robin Listed" in page
    assert "Received" in page
    assert other_gp_referral.person_name not in page


def test_referrer_list_can_be_filtered_by_status(world, login):
    gp_referral(world, person_name="Waiting Person")
    gp_referral(world, person_name="Declined Person", status="declined", decision_reason="Full")
    referrer = login(world.referrer)

    declined = html(referrer.get("/referrals/", {"status": "declined"}))

    assert "Declined Person" in declined
    assert "Waiting Person" not in declined


# --- the form refuses what it should ------------------------------------------------------------


def test_person_agreed_is_required_because_taking_part_is_voluntary(world, login):
    data = referral_form(world, person_agreed=None)

    response = login(world.referrer).post("/referrals/new/", data)

    assert response.status_code == 200
    assert "Taking part is voluntary: refer the person only once they have agreed." in html(
        response
    )
    assert 'id="id_person_agreed_error"' in html(response)
    assert not Referral.objects.exists()


def test_invalid_identifier_gives_a_message_at_the_field_and_creates_nothing(world, login):
    data = referral_form(world, person_identifier=BAD_CHECK_DIGIT_NHS)

    response = login(world.referrer).post("/referrals/new/", data)

    page = html(response)
    assert response.status_code == 200
    assert 'id="id_person_identifier_error"' in page
    assert "This NHS number is not valid" in page
    assert "There is a problem" in page
    assert not Referral.objects.exists()


@pytest.mark.parametrize("phone", ["12345", "not a number"])
def test_invalid_phone_gives_a_message_at_the_field_and_creates_nothing(world, login, phone):
    response = login(world.referrer).post(
        "/referrals/new/", referral_form(world, person_phone=phone)
    )

    page = html(response)
    assert response.status_code == 200
    assert 'id="id_person_phone_error"' in page
    assert "phone number" in page
    assert not Referral.objects.exists()


def test_identifier_without_its_kind_is_refused(world, login):
    data = referral_form(world, person_identifier_kind="")

    response = login(world.referrer).post("/referrals/new/", data)

    assert 'id="id_person_identifier_kind_error"' in html(response)
    assert not Referral.objects.exists()


def test_referral_cannot_go_to_an_organisation_that_takes_none(world, login):
    data = referral_form(world, receiving_organisation=world.trust.ref)

    response = login(world.referrer).post("/referrals/new/", data)

    assert response.status_code == 200
    assert 'id="id_receiving_organisation_error"' in html(response)
    assert not Referral.objects.exists()


# --- what the referrer sees of the case: nothing ------------------------------------------------


def test_referrer_never_sees_the_participant_or_the_case_after_acceptance(world, login):
    referral = gp_referral(world, person_name="Casey Hidden")
    specialist = login(world.specialist_a)
    specialist.post(f"/referrals/{referral.ref}/accept/", accept_form(world))
    referral.refresh_from_db()
    participant = referral.participant
    assert participant is not None
    NoteFactory(
        participant=participant,
        author=world.specialist_a,
        text="Confidential: struggling with debts and sleeping badly.",
    )

    response = login(world.referrer).get(f"/referrals/{referral.ref}/")

    page = html(response)
    assert response.status_code == 200
    assert "Accepted" in page
    assert participant.ref not in page
    assert "/participants/" not in page
    assert "Confidential: struggling with debts" not in page
    assert "Open the participant" not in page
    assert login(world.referrer).get(f"/participants/{participant.ref}/").status_code == 404


def test_receiver_gets_the_link_to_the_participant_after_acceptance(world, login):
    referral = gp_referral(world)
    specialist = login(world.specialist_a)
    specialist.post(f"/referrals/{referral.ref}/accept/", accept_form(world))
    referral.refresh_from_db()

    page = html(specialist.get(f"/referrals/{referral.ref}/"))

    assert f"/participants/{referral.participant.ref}/" in page


def test_referrer_sees_no_decision_forms(world, login):
    referral = gp_referral(world)

    page = html(login(world.referrer).get(f"/referrals/{referral.ref}/"))

    assert "Accept the referral" not in page
    assert "Decline the referral" not in page
    assert "Withdraw the referral" in page


# --- accepting ----------------------------------------------------------------------------------


def test_accepting_enrols_the_person_with_consent(world, login):
    referral = gp_referral(
        world,
        person_name="Morgan Newcomer",
        person_date_of_birth=datetime.date(1990, 1, 2),
        person_identifier_kind="nhs",
        person_identifier="9434765919",
    )
    specialist = login(world.specialist_a)

    response = specialist.post(f"/referrals/{referral.ref}/accept/", accept_form(world))

    referral.refresh_from_db()
    participant = referral.participant
    assert referral.status == Referral.Status.ACCEPTED
    assert referral.decided_by == world.specialist_a
    assert referral.decided_at is not None
    assert participant.owning_organisation == world.provider_a
    assert participant.full_name == "Morgan Newcomer"
    assert participant.identifier == "9434765919"
    assert response.status_code == 302
    assert response["Location"] == f"/participants/{participant.ref}/"
    enrolment = Enrolment.objects.get(participant=participant)
    assert enrolment.status == Enrolment.Status.ACTIVE
    assert enrolment.programme == world.programme
    assert enrolment.organisation == world.provider_a
    assert enrolment.referral == referral
    consent = Consent.objects.get(participant=participant)
    assert consent.purpose == ConsentPurpose.PARTICIPATION
    assert consent.status == Consent.Status.GIVEN
    assert consent.method == Consent.Method.VERBAL
    assert specialist.get(f"/participants/{participant.ref}/").status_code == 200


def test_accepting_without_consent_is_refused_and_changes_nothing(world, login):
    referral = gp_referral(world, person_name="Nobody Asked")
    participants_before = Participant.objects.count()

    response = login(world.specialist_a).post(
        f"/referrals/{referral.ref}/accept/", accept_form(world, consent_method="")
    )

    assert response.status_code == 422
    assert "nobody is enrolled without their consent" in html(response)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
    assert referral.participant is None
    assert Participant.objects.count() == participants_before
    assert not Participant.objects.filter(full_name="Nobody Asked").exists()
    assert not Enrolment.objects.exists()


def test_accepting_onto_a_programme_the_receiver_does_not_deliver_is_refused(world, login):
    elsewhere = ProgrammeFactory(owner=world.authority, delivered_by=[world.provider_b])
    referral = gp_referral(world)

    response = login(world.specialist_a).post(
        f"/referrals/{referral.ref}/accept/", accept_form(world, programme=elsewhere.ref)
    )

    assert response.status_code == 422
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
    assert not Enrolment.objects.exists()


def test_duplicate_suggestion_links_the_existing_record_instead_of_making_a_new_one(world, login):
    existing = world.participant
    existing.date_of_birth = datetime.date(1980, 6, 1)
    existing.save()
    referral = gp_referral(
        world, person_name="Alex Morgan", person_date_of_birth=datetime.date(1980, 6, 1)
    )
    specialist = login(world.specialist_a)

    detail = html(specialist.get(f"/referrals/{referral.ref}/"))
    assert "may already have a record for this person" in detail
    assert f'value="{existing.ref}"' in detail

    participants_before = Participant.objects.count()
    response = specialist.post(
        f"/referrals/{referral.ref}/accept/",
        accept_form(world, participant=existing.ref, consent_method=""),
    )

    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.participant == existing
    assert Participant.objects.count() == participants_before
    assert Enrolment.objects.get(referral=referral).participant == existing


def test_duplicate_suggestion_by_national_identifier(world, login):
    existing = world.participant
    existing.identifier_kind = "nhs"
    existing.identifier = "9434765919"
    existing.save()
    referral = gp_referral(
        world,
        person_name="A. Morgan",
        person_identifier_kind="nhs",
        person_identifier="9434765919",
    )

    detail = html(login(world.specialist_a).get(f"/referrals/{referral.ref}/"))

    assert f'value="{existing.ref}"' in detail


def test_duplicate_suggestion_never_offers_another_organisations_record(world, login):
    other = world.participant
    other.owning_organisation = world.provider_b
    other.date_of_birth = datetime.date(1980, 6, 1)
    other.save()
    referral = gp_referral(
        world, person_name="Alex Morgan", person_date_of_birth=datetime.date(1980, 6, 1)
    )

    detail = html(login(world.specialist_a).get(f"/referrals/{referral.ref}/"))

    assert "may already have a record for this person" not in detail
    assert other.ref not in detail


def test_one_open_enrolment_per_person_per_programme(world, login):
    born = datetime.date(1979, 3, 4)
    first = gp_referral(world, person_name="Kim Twice", person_date_of_birth=born)
    second = gp_referral(world, person_name="Kim Twice", person_date_of_birth=born)
    specialist = login(world.specialist_a)
    specialist.post(f"/referrals/{first.ref}/accept/", accept_form(world))
    first.refresh_from_db()
    person = first.participant
    assert f'value="{person.ref}"' in html(specialist.get(f"/referrals/{second.ref}/"))

    response = specialist.post(
        f"/referrals/{second.ref}/accept/", accept_form(world, participant=person.ref)
    )

    assert response.status_code == 422
    assert "already enrolled on this programme" in html(response)
    second.refresh_from_db()
    assert second.status == Referral.Status.RECEIVED
    assert second.participant is None
    assert Enrolment.objects.filter(participant=person).count() == 1
    assert Participant.objects.filter(full_name="Kim Twice").count() == 1


# --- declining and withdrawing ------------------------------------------------------------------


def test_decline_needs_a_reason(world, login):
    referral = gp_referral(world)

    response = login(world.specialist_a).post(f"/referrals/{referral.ref}/decline/", {"reason": ""})

    assert response.status_code == 422
    assert 'id="id_reason_error"' in html(response)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
    assert referral.decided_at is None


def test_decline_with_a_reason_is_shown_to_the_referrer(world, login):
    referral = gp_referral(world, person_name="Declined Dana")

    response = login(world.specialist_a).post(
        f"/referrals/{referral.ref}/decline/", {"reason": "Lives outside our area."}
    )

    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED
    assert referral.decision_reason == "Lives outside our area."
    page = html(login(world.referrer).get(f"/referrals/{referral.ref}/"))
    assert "Declined" in page
    assert "Lives outside our area." in page
    assert "Declined Dana" not in html(login(world.specialist_a).get("/referrals/inbox/"))


def test_referrer_can_withdraw_a_waiting_referral(world, login):
    referral = gp_referral(world)

    response = login(world.referrer).post(
        f"/referrals/{referral.ref}/withdraw/", {"reason": "Found work"}, follow=True
    )

    assert response.status_code == 200
    assert "The referral has been withdrawn." in html(response)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.WITHDRAWN
    assert referral.decided_by == world.referrer


def test_a_withdrawn_referral_cannot_then_be_accepted(world, login):
    referral = gp_referral(world)
    login(world.referrer).post(f"/referrals/{referral.ref}/withdraw/", {"reason": ""})

    response = login(world.specialist_a).post(
        f"/referrals/{referral.ref}/accept/", accept_form(world)
    )

    assert response.status_code == 422
    assert "This referral has already been withdrawn." in html(response)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.WITHDRAWN
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("first", ["accept", "decline"])
@pytest.mark.parametrize("second", ["accept", "decline"])
def test_deciding_an_already_decided_referral_is_refused(world, login, first, second):
    referral = gp_referral(world)
    specialist = login(world.specialist_a)
    specialist.post(
        f"/referrals/{referral.ref}/{first}/", accept_form(world) | {"reason": "Not eligible"}
    )
    referral.refresh_from_db()
    status_after_first = referral.status
    assert status_after_first != Referral.Status.RECEIVED

    response = specialist.post(
        f"/referrals/{referral.ref}/{second}/", accept_form(world) | {"reason": "Changed mind"}
    )

    assert response.status_code == 422
    assert "This referral has already been" in html(response)
    referral.refresh_from_db()
    assert referral.status == status_after_first
    assert Enrolment.objects.count() == (1 if first == "accept" else 0)


def test_withdrawing_a_decided_referral_is_refused_with_a_message(world, login):
    referral = gp_referral(world)
    login(world.specialist_a).post(f"/referrals/{referral.ref}/decline/", {"reason": "Full"})

    response = login(world.referrer).post(
        f"/referrals/{referral.ref}/withdraw/", {"reason": ""}, follow=True
    )

    assert "This referral has already been declined." in html(response)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED


def test_only_the_referring_side_can_withdraw(world, login):
    referral = gp_referral(world)

    response = login(world.specialist_a).post(
        f"/referrals/{referral.ref}/withdraw/", {"reason": ""}
    )

    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
    assert response.status_code == 404


def test_a_person_in_work_at_risk_gets_the_shorter_support_period(world, login):
    world.programme.support_months_out_of_work, world.programme.support_months_in_work = 12, 4
    world.programme.save()
    out_of_work = gp_referral(world, person_name="Out Of Work")
    in_work = gp_referral(world, person_name="In Work At Risk")
    specialist = login(world.specialist_a)

    specialist.post(f"/referrals/{out_of_work.ref}/accept/", accept_form(world))
    specialist.post(
        f"/referrals/{in_work.ref}/accept/", {**accept_form(world), "in_work_at_risk": "on"}
    )

    longer = Enrolment.objects.get(referral=out_of_work)
    shorter = Enrolment.objects.get(referral=in_work)
    assert (longer.in_work_at_start, shorter.in_work_at_start) == (False, True)
    assert (longer.support_ends_on - longer.started_on).days > 360
    assert 115 < (shorter.support_ends_on - shorter.started_on).days < 125
