"""The referral API: the same rules as the pages, spoken in JSON.

404 {"detail": "Not found."} for anything missing or not the caller's, alike; 422 with a
message per field for bad input, which changes nothing.
"""

import datetime

import pytest

from tandem.participants.models import Consent, ConsentPurpose, Participant
from tandem.referrals.models import Enrolment, Referral
from tandem.testing.factories import ReferralFactory

NOT_FOUND = {"detail": "Not found."}


def new_referral(world, **overrides) -> dict:
    payload = {
        "receiving_organisation_ref": world.provider_a.ref,
        "person_name": "Jordan Ellis",
        "person_date_of_birth": "1985-04-12",
        "person_phone": "07400 123456",
        "person_identifier_kind": "nhs",
        "person_identifier": "9434765919",
        "reason": "Anxiety since redundancy; wants to get back to office work.",
        "person_agreed": True,
    }
    payload.update(overrides)
    return payload


def gp_referral(world, **fields) -> Referral:
    fields.setdefault("referring_organisation", world.gp_practice)
    fields.setdefault("referred_by", world.referrer)
    fields.setdefault("receiving_organisation", world.provider_a)
    return ReferralFactory(**fields)


def accept(world, **overrides) -> dict:
    return {"programme_ref": world.programme.ref, "consent_method": "verbal"} | overrides


def fields_in(response) -> set[str]:
    """The field names that 422 messages point at."""
    return {part for error in response.json()["detail"] for part in error["loc"] if part != "body"}


# --- creating -----------------------------------------------------------------------------------


def test_referrer_creates_a_referral(world, api):
    response = api(world.referrer).post("/referrals", new_referral(world))

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "received"
    assert len(body["ref"]) == 12
    assert body.get("participant_ref") is None
    assert body.get("enrolment_ref") is None
    assert body["receiving_organisation"]["ref"] == world.provider_a.ref
    assert body["referring_organisation"]["ref"] == world.gp_practice.ref
    assert body["source"] == "gp"
    assert body["person_identifier"] == "9434765919"
    assert body["person_phone"] == "+447400123456"
    referral = Referral.objects.get(ref=body["ref"])
    assert referral.referred_by == world.referrer


def test_referrer_cannot_choose_the_source(world, api):
    response = api(world.referrer).post("/referrals", new_referral(world, source="self"))

    assert response.status_code == 201
    assert response.json()["source"] == "gp"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"person_agreed": False}, "person_agreed"),
        ({"person_identifier": "9434765918"}, "person_identifier"),
        ({"person_identifier_kind": ""}, "person_identifier_kind"),
        ({"person_phone": "12345"}, "person_phone"),
        ({"person_name": "   "}, "person_name"),
        ({"reason": ""}, "reason"),
        ({"urgency": "yesterday"}, "urgency"),
        ({"person_date_of_birth": "2999-01-01"}, "person_date_of_birth"),
        ({"person_date_of_birth": "not a date"}, "person_date_of_birth"),
        ({"receiving_organisation_ref": "zzzzzzzzzzzz"}, "receiving_organisation_ref"),
        ({"person_email": "not-an-email"}, "person_email"),
        ({"person_name": "x" * 201}, "person_name"),
        ({"source": "carrier pigeon"}, "source"),
    ],
)
def test_invalid_referral_is_refused_per_field_and_creates_nothing(world, api, overrides, field):
    response = api(world.referrer).post("/referrals", new_referral(world, **overrides))

    assert response.status_code == 422
    assert field in fields_in(response)
    assert all(error["msg"] for error in response.json()["detail"])
    assert not Referral.objects.exists()


def test_missing_required_fields_are_named(world, api):
    response = api(world.referrer).post("/referrals", {"person_agreed": True})

    assert response.status_code == 422
    assert {"receiving_organisation_ref", "person_name", "reason"} <= fields_in(response)
    assert not Referral.objects.exists()


def test_referral_to_an_organisation_that_takes_none_is_refused(world, api):
    payload = new_referral(world, receiving_organisation_ref=world.trust.ref)

    response = api(world.referrer).post("/referrals", payload)

    assert response.status_code == 422
    assert "receiving_organisation_ref" in fields_in(response)
    assert not Referral.objects.exists()


def test_programme_manager_cannot_create_a_referral(world, api):
    response = api(world.programme_manager).post("/referrals", new_referral(world))

    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert not Referral.objects.exists()


# --- listing and reading ------------------------------------------------------------------------


def test_list_has_items_and_count_and_filters_by_status(world, api):
    gp_referral(world, person_name="Waiting One")
    gp_referral(world, person_name="Waiting Two")
    gp_referral(world, person_name="Declined One", status="declined", decision_reason="Full")
    client = api(world.referrer)

    everything = client.get("/referrals").json()
    declined = client.get("/referrals", status="declined").json()
    received = client.get("/referrals", status="received").json()

    assert everything["count"] == 3
    assert len(everything["items"]) == 3
    assert declined["count"] == 1
    assert [item["person_name"] for item in declined["items"]] == ["Declined One"]
    assert received["count"] == 2
    assert {item["status"] for item in received["items"]} == {"received"}


def test_unknown_status_filter_is_a_422(world, api):
    response = api(world.referrer).get("/referrals", status="lost")

    assert response.status_code == 422
    assert "status" in fields_in(response)


def test_list_shows_nothing_of_other_organisations(world, api):
    gp_referral(world, person_name="Private Person")

    for persona in ("specialist_b", "programme_manager", "clinician_off_team"):
        body = api(getattr(world, persona)).get("/referrals").json()
        assert body == {"items": [], "count": 0}, persona
    assert api(world.specialist_a).get("/referrals").json()["count"] == 1


def test_get_one_referral(world, api):
    referral = gp_referral(world, person_name="Robin Read")

    for persona in ("referrer", "specialist_a"):
        response = api(getattr(world, persona)).get(f"/referrals/{referral.ref}")
        assert response.status_code == 200
        assert response.json()["ref"] == referral.ref
        assert response.json()["person_name"] == "Robin Read"
        assert response.json()["status"] == "received"


def test_other_organisation_and_nonexistent_ref_get_the_same_404(world, api):
    referral = gp_referral(world)
    client = api(world.specialist_b)

    theirs = client.get(f"/referrals/{referral.ref}")
    missing = client.get("/referrals/zzzzzzzzzzzz")

    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json() == NOT_FOUND


@pytest.mark.parametrize("action", ["accept", "decline", "withdraw"])
def test_other_organisation_cannot_act_on_a_referral(world, api, action):
    referral = gp_referral(world)

    response = api(world.specialist_b).post(
        f"/referrals/{referral.ref}/{action}", accept(world) | {"reason": "not mine"}
    )

    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED


# --- accepting ----------------------------------------------------------------------------------


def test_receiver_accepts_and_the_referrer_never_gets_the_participant(world, api):
    created = api(world.referrer).post("/referrals", new_referral(world)).json()
    ref = created["ref"]

    response = api(world.specialist_a).post(f"/referrals/{ref}/accept", accept(world))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "accepted"
    assert body["participant_ref"]
    assert body["enrolment_ref"]
    participant = Participant.objects.get(ref=body["participant_ref"])
    assert participant.owning_organisation == world.provider_a
    assert participant.full_name == "Jordan Ellis"
    enrolment = Enrolment.objects.get(ref=body["enrolment_ref"])
    assert enrolment.status == Enrolment.Status.ACTIVE
    assert enrolment.programme == world.programme
    assert Consent.objects.filter(
        participant=participant, purpose=ConsentPurpose.PARTICIPATION, status="given"
    ).exists()

    as_referrer = api(world.referrer).get(f"/referrals/{ref}")
    assert as_referrer.status_code == 200
    assert as_referrer.json()["status"] == "accepted"
    assert as_referrer.json()["participant_ref"] is None
    assert as_referrer.json()["enrolment_ref"] is None
    assert participant.ref not in as_referrer.content.decode()
    listed = api(world.referrer).get("/referrals").content.decode()
    assert participant.ref not in listed
    assert api(world.referrer).get(f"/participants/{participant.ref}").status_code == 404


def test_accept_without_consent_is_refused_and_changes_nothing(world, api):
    referral = gp_referral(world, person_name="Nobody Asked")

    response = api(world.specialist_a).post(
        f"/referrals/{referral.ref}/accept", accept(world, consent_method="")
    )

    assert response.status_code == 422
    assert "consent_method" in fields_in(response)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
    assert not Participant.objects.filter(full_name="Nobody Asked").exists()
    assert not Enrolment.objects.exists()


def test_accept_with_an_unknown_consent_method_is_refused(world, api):
    referral = gp_referral(world)

    response = api(world.specialist_a).post(
        f"/referrals/{referral.ref}/accept", accept(world, consent_method="telepathy")
    )

    assert response.status_code == 422
    assert "consent_method" in fields_in(response)
    assert not Enrolment.objects.exists()


def test_accept_onto_an_unknown_programme_is_refused(world, api):
    referral = gp_referral(world)

    response = api(world.specialist_a).post(
        f"/referrals/{referral.ref}/accept", accept(world, programme_ref="zzzzzzzzzzzz")
    )

    assert response.status_code == 422
    assert "programme_ref" in fields_in(response)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED


def test_accept_linking_an_existing_participant(world, api):
    referral = gp_referral(world, person_name="Alex Morgan")
    before = Participant.objects.count()

    response = api(world.specialist_a).post(
        f"/referrals/{referral.ref}/accept",
        accept(world, participant_ref=world.participant.ref, consent_method=""),
    )

    assert response.status_code == 200
    assert response.json()["participant_ref"] == world.participant.ref
    assert Participant.objects.count() == before
    assert Enrolment.objects.get(referral=referral).participant == world.participant


def test_accept_cannot_link_another_organisations_participant(world, api):
    someone_elses = Participant.objects.create(
        owning_organisation=world.provider_b, full_name="Belongs Elsewhere"
    )
    referral = gp_referral(world)

    response = api(world.specialist_a).post(
        f"/referrals/{referral.ref}/accept", accept(world, participant_ref=someone_elses.ref)
    )

    assert response.status_code == 422
    assert "participant_ref" in fields_in(response)
    assert not Enrolment.objects.exists()


def test_second_open_enrolment_on_the_same_programme_is_refused(world, api):
    first = gp_referral(world)
    second = gp_referral(world)
    client = api(world.specialist_a)
    link = accept(world, participant_ref=world.participant.ref)
    assert client.post(f"/referrals/{first.ref}/accept", link).status_code == 200

    response = client.post(f"/referrals/{second.ref}/accept", link)

    assert response.status_code == 422
    assert "already enrolled" in response.content.decode()
    second.refresh_from_db()
    assert second.status == Referral.Status.RECEIVED
    assert Enrolment.objects.filter(participant=world.participant).count() == 1


@pytest.mark.parametrize("action", ["accept", "decline"])
def test_referrer_cannot_decide_its_own_referral(world, api, action):
    referral = gp_referral(world)

    response = api(world.referrer).post(
        f"/referrals/{referral.ref}/{action}", accept(world) | {"reason": "self-serving"}
    )

    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
    assert not Enrolment.objects.exists()


def test_deciding_twice_is_refused(world, api):
    referral = gp_referral(world)
    client = api(world.specialist_a)
    assert client.post(f"/referrals/{referral.ref}/accept", accept(world)).status_code == 200

    again = client.post(f"/referrals/{referral.ref}/accept", accept(world))
    decline = client.post(f"/referrals/{referral.ref}/decline", {"reason": "Changed mind"})

    assert again.status_code == decline.status_code == 422
    assert "already been accepted" in again.json()["detail"][0]["msg"]
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert Enrolment.objects.count() == 1


# --- declining and withdrawing ------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_decline_with_an_empty_reason_is_refused(world, api, reason):
    referral = gp_referral(world)

    response = api(world.specialist_a).post(
        f"/referrals/{referral.ref}/decline", {"reason": reason}
    )

    assert response.status_code == 422
    assert "reason" in fields_in(response)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
    assert referral.decided_at is None


def test_decline_with_a_reason(world, api):
    referral = gp_referral(world)

    response = api(world.specialist_a).post(
        f"/referrals/{referral.ref}/decline", {"reason": "Outside our area"}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "declined"
    assert response.json()["decision_reason"] == "Outside our area"
    as_referrer = api(world.referrer).get(f"/referrals/{referral.ref}").json()
    assert as_referrer["status"] == "declined"


def test_referrer_withdraws(world, api):
    referral = gp_referral(world)

    response = api(world.referrer).post(f"/referrals/{referral.ref}/withdraw", {"reason": ""})

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    again = api(world.referrer).post(f"/referrals/{referral.ref}/withdraw", {})
    assert again.status_code == 422


def test_receiver_cannot_withdraw_instead_of_declining(world, api):
    referral = gp_referral(world)

    response = api(world.specialist_a).post(f"/referrals/{referral.ref}/withdraw", {})

    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
    assert response.status_code == 404


def test_without_a_token_nothing_is_shown(world, client):
    referral = gp_referral(world)

    assert client.get("/api/v1/referrals").status_code == 401
    assert client.get(f"/api/v1/referrals/{referral.ref}").status_code == 401


def test_accepting_someone_in_work_at_risk_through_the_api(world, api):
    ref = api(world.referrer).post("/referrals", new_referral(world)).json()["ref"]

    response = api(world.specialist_a).post(
        f"/referrals/{ref}/accept", {**accept(world), "in_work_at_risk": True}
    )

    assert response.status_code == 200
    enrolment = Enrolment.objects.get(ref=response.json()["enrolment_ref"])
    assert enrolment.in_work_at_start is True
    assert enrolment.support_ends_on < enrolment.started_on + datetime.timedelta(days=200)
