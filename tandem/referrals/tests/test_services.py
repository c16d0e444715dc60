"""The referral services: the one path every write takes, whether from a page, the API or an import.

Each refusal is checked for what it leaves behind: nothing.
"""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.organisations.models import Organisation
from tandem.participants.models import Consent, ConsentPurpose, Participant
from tandem.participants.services import consent_record
from tandem.referrals import services
from tandem.referrals.models import Enrolment, Referral
from tandem.testing.factories import (
    ConsentFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    ReferralFactory,
)


def create(world, **data) -> Referral:
    fields = {
        "person_name": "Jordan Ellis",
        "reason": "Back pain; wants to return to warehouse work.",
        "person_agreed": True,
    } | data
    return services.referral_create(
        actor=world.referrer,
        receiving_organisation=world.provider_a,
        referring_organisation=world.gp_practice,
        source=Referral.Source.GP,
        data=fields,
    )


def gp_referral(world, **fields) -> Referral:
    fields.setdefault("referring_organisation", world.gp_practice)
    fields.setdefault("referred_by", world.referrer)
    fields.setdefault("receiving_organisation", world.provider_a)
    return ReferralFactory(**fields)


def refusal(error: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return error.value.message_dict


# --- referral_create ----------------------------------------------------------------------------


def test_create_normalises_what_the_referrer_typed(world):
    referral = create(
        world,
        person_name="  Jordan Ellis ",
        person_phone="07400 123456",
        person_identifier_kind="nhs",
        person_identifier="943-476-5919",
        person_email=" jordan@example.org ",
    )

    assert referral.status == Referral.Status.RECEIVED
    assert referral.person_name == "Jordan Ellis"
    assert referral.person_phone == "+447400123456"
    assert referral.person_identifier == "9434765919"
    assert referral.person_email == "jordan@example.org"
    assert referral.referred_by == world.referrer
    assert referral.urgency == Referral.Urgency.ROUTINE
    assert referral.participant is None


def test_create_collects_every_problem_at_once_and_saves_nothing(world):
    with pytest.raises(ValidationError) as error:
        create(
            world,
            person_name=" ",
            reason="",
            person_agreed=False,
            person_phone="not a phone",
            person_identifier_kind="nhs",
            person_identifier="9434765918",
            person_date_of_birth=timezone.localdate() + datetime.timedelta(days=1),
        )

    assert set(refusal(error)) == {
        "person_name",
        "reason",
        "person_agreed",
        "person_phone",
        "person_identifier",
        "person_date_of_birth",
    }
    assert not Referral.objects.exists()


def test_create_refuses_an_organisation_that_takes_no_referrals(world):
    with pytest.raises(ValidationError) as error:
        services.referral_create(
            actor=world.referrer,
            receiving_organisation=world.trust,
            referring_organisation=world.gp_practice,
            source=Referral.Source.GP,
            data={"person_name": "A Person", "reason": "Reason", "person_agreed": True},
        )

    assert "receiving_organisation" in refusal(error)
    assert not Referral.objects.exists()


def test_identifier_kind_is_dropped_when_there_is_no_identifier(world):
    referral = create(world, person_identifier_kind="nhs", person_identifier="")

    assert referral.person_identifier_kind == ""


def test_the_example_phone_number_in_the_message_is_accepted(world):
    with pytest.raises(ValidationError) as error:
        create(world, person_phone="call me")
    message = refusal(error)["person_phone"][0]
    example = re.search(r"\+[\d ]+\d", message)
    assert example is not None, message

    referral = create(world, person_phone=example.group(0))

    assert referral.person_phone.startswith("+44")


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (Organisation.Kind.GP_PRACTICE, Referral.Source.GP),
        (Organisation.Kind.JOBCENTRE, Referral.Source.JOBCENTRE),
        (Organisation.Kind.MUNICIPAL_DEPARTMENT, Referral.Source.COUNCIL),
        (Organisation.Kind.HEALTH_TRUST, Referral.Source.HEALTH_SERVICE),
        (Organisation.Kind.EMPLOYMENT_PROVIDER, Referral.Source.STAFF),
    ],
)
def test_source_follows_the_kind_of_referring_organisation(db, kind, expected):
    assert services.referral_source_for(OrganisationFactory.build(kind=kind)) == expected


# --- referral_accept ----------------------------------------------------------------------------


def test_accept_creates_the_person_enrols_them_and_records_consent(world):
    referral = gp_referral(
        world,
        person_name="Morgan New",
        person_date_of_birth=datetime.date(1991, 2, 3),
        person_phone="+447400123456",
        person_identifier_kind="nhs",
        person_identifier="9434765919",
    )

    enrolment = services.referral_accept(
        actor=world.specialist_a,
        referral=referral,
        programme=world.programme,
        consent_method=Consent.Method.WRITTEN,
    )

    participant = enrolment.participant
    assert participant.owning_organisation == world.provider_a
    assert participant.full_name == "Morgan New"
    assert participant.date_of_birth == datetime.date(1991, 2, 3)
    assert participant.identifier == "9434765919"
    assert participant.phone == "+447400123456"
    assert enrolment.status == Enrolment.Status.ACTIVE
    assert enrolment.organisation == world.provider_a
    assert enrolment.started_on == timezone.localdate()
    assert enrolment.enrolled_by == world.specialist_a
    consent = Consent.objects.get(participant=participant)
    assert (consent.purpose, consent.status, consent.method) == (
        ConsentPurpose.PARTICIPATION,
        Consent.Status.GIVEN,
        Consent.Method.WRITTEN,
    )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert referral.participant == participant
    assert referral.decided_by == world.specialist_a


def test_accept_uses_the_start_date_given(world):
    referral = gp_referral(world)
    start = timezone.localdate() + datetime.timedelta(days=7)

    enrolment = services.referral_accept(
        actor=world.specialist_a,
        referral=referral,
        programme=world.programme,
        consent_method="verbal",
        started_on=start,
    )

    assert enrolment.started_on == start


def test_accept_refuses_a_start_more_than_a_year_ago(world):
    referral = gp_referral(world)
    with pytest.raises(ValidationError) as raised:
        services.referral_accept(
            actor=world.specialist_a,
            referral=referral,
            programme=world.programme,
            consent_method="verbal",
            started_on=timezone.localdate() - datetime.timedelta(days=400),
        )
    assert "started_on" in raised.value.message_dict
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED


@pytest.mark.parametrize("method", ["", "nodded", "VERBAL"])
def test_accept_without_consent_in_force_or_a_valid_method_changes_nothing(world, method):
    referral = gp_referral(world, person_name="Never Asked")
    participants = Participant.objects.count()
    consents = Consent.objects.count()

    with pytest.raises(ValidationError) as error:
        services.referral_accept(
            actor=world.specialist_a,
            referral=referral,
            programme=world.programme,
            consent_method=method,
        )

    assert "consent_method" in refusal(error)
    assert Participant.objects.count() == participants
    assert Consent.objects.count() == consents
    assert not Enrolment.objects.exists()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
    assert referral.participant is None


def test_linking_a_person_whose_consent_is_in_force_needs_no_method(world):
    referral = gp_referral(world, person_name="Alex Morgan")
    consents = Consent.objects.count()

    enrolment = services.referral_accept(
        actor=world.specialist_a,
        referral=referral,
        programme=world.programme,
        participant=world.participant,
    )

    assert enrolment.participant == world.participant
    assert Consent.objects.count() == consents


def test_withdrawn_consent_must_be_given_again_before_enrolment(world):
    consent_record(
        actor=world.specialist_a,
        participant=world.participant,
        purpose=ConsentPurpose.PARTICIPATION,
        status=Consent.Status.WITHDRAWN,
        method=Consent.Method.VERBAL,
    )
    referral = gp_referral(world, person_name="Alex Morgan")

    with pytest.raises(ValidationError) as error:
        services.referral_accept(
            actor=world.specialist_a,
            referral=referral,
            programme=world.programme,
            participant=world.participant,
        )

    assert "consent_method" in refusal(error)
    assert not Enrolment.objects.exists()


def test_accept_refuses_a_programme_the_organisation_does_not_deliver(world):
    elsewhere = ProgrammeFactory(owner=world.authority, delivered_by=[world.provider_b])
    referral = gp_referral(world)

    with pytest.raises(ValidationError) as error:
        services.referral_accept(
            actor=world.specialist_a,
            referral=referral,
            programme=elsewhere,
            consent_method="verbal",
        )

    assert "programme" in refusal(error)
    assert not Enrolment.objects.exists()
    assert not Participant.objects.exclude(pk=world.participant.pk).exists()


def test_accept_refuses_another_organisations_person(world):
    theirs = ParticipantFactory(owning_organisation=world.provider_b)
    ConsentFactory(participant=theirs, recorded_by=world.specialist_b)
    referral = gp_referral(world)

    with pytest.raises(ValidationError) as error:
        services.referral_accept(
            actor=world.specialist_a,
            referral=referral,
            programme=world.programme,
            participant=theirs,
        )

    assert "participant" in refusal(error)
    assert not Enrolment.objects.exists()


def test_one_open_enrolment_per_person_per_programme_and_nothing_left_behind(world):
    person = ParticipantFactory(owning_organisation=world.provider_a, full_name="Kim Twice")
    first, second = gp_referral(world), gp_referral(world)
    services.referral_accept(
        actor=world.specialist_a,
        referral=first,
        programme=world.programme,
        participant=person,
        consent_method="verbal",
    )
    consents = Consent.objects.filter(participant=person).count()

    with pytest.raises(ValidationError) as error:
        services.referral_accept(
            actor=world.specialist_a,
            referral=second,
            programme=world.programme,
            participant=person,
            consent_method="written",
        )

    assert "programme" in refusal(error)
    assert Enrolment.objects.filter(participant=person).count() == 1
    assert Consent.objects.filter(participant=person).count() == consents
    second.refresh_from_db()
    assert second.status == Referral.Status.RECEIVED


def test_a_person_can_be_enrolled_again_after_exiting(world):
    first, second = gp_referral(world), gp_referral(world)
    enrolment = services.referral_accept(
        actor=world.specialist_a,
        referral=first,
        programme=world.programme,
        participant=world.participant,
    )
    services.enrolment_exit(actor=world.specialist_a, enrolment=enrolment, reason="job")

    again = services.referral_accept(
        actor=world.specialist_a,
        referral=second,
        programme=world.programme,
        participant=world.participant,
    )

    assert again.status == Enrolment.Status.ACTIVE
    assert Enrolment.objects.filter(participant=world.participant).count() == 2


def test_the_key_worker_defaults_to_whoever_accepts(world):
    enrolment = services.referral_accept(
        actor=world.specialist_a,
        referral=gp_referral(world),
        programme=world.programme,
        consent_method="verbal",
    )

    assert enrolment.key_worker == world.specialist_a


def test_accept_refuses_a_key_worker_from_another_organisation(world):
    referral = gp_referral(world)

    with pytest.raises(ValidationError) as error:
        services.referral_accept(
            actor=world.specialist_a,
            referral=referral,
            programme=world.programme,
            consent_method="verbal",
            key_worker=world.specialist_b,
        )

    assert "key_worker" in refusal(error)
    assert not Enrolment.objects.exists()


def test_the_same_person_may_be_on_two_different_programmes(world):
    other = ProgrammeFactory(owner=world.authority, delivered_by=[world.provider_a])
    first, second = gp_referral(world), gp_referral(world)

    for referral, programme in ((first, world.programme), (second, other)):
        services.referral_accept(
            actor=world.specialist_a,
            referral=referral,
            programme=programme,
            participant=world.participant,
        )

    assert Enrolment.objects.filter(participant=world.participant).count() == 2


@pytest.mark.parametrize("status", ["accepted", "declined", "withdrawn"])
def test_a_decided_referral_cannot_be_decided_again(world, status):
    referral = gp_referral(
        world,
        status=status,
        decision_reason="Earlier decision",
        participant=world.participant if status == "accepted" else None,
    )

    with pytest.raises(ValidationError, match=f"already been {status}"):
        services.referral_accept(
            actor=world.specialist_a,
            referral=referral,
            programme=world.programme,
            consent_method="verbal",
        )
    with pytest.raises(ValidationError, match=f"already been {status}"):
        services.referral_decline(actor=world.specialist_a, referral=referral, reason="No")
    with pytest.raises(ValidationError, match=f"already been {status}"):
        services.referral_withdraw(actor=world.referrer, referral=referral)

    referral.refresh_from_db()
    assert referral.status == status
    assert referral.decision_reason == "Earlier decision"
    assert not Enrolment.objects.exists()


def test_a_stale_copy_of_a_referral_cannot_be_decided_twice(world):
    """Two colleagues open the same referral; the second decision is refused."""
    referral = gp_referral(world)
    stale = Referral.objects.get(pk=referral.pk)
    services.referral_decline(actor=world.specialist_a, referral=referral, reason="Full")

    with pytest.raises(ValidationError, match="already been declined"):
        services.referral_accept(
            actor=world.specialist_a,
            referral=stale,
            programme=world.programme,
            consent_method="verbal",
        )
    assert not Enrolment.objects.exists()


# --- referral_decline and referral_withdraw -----------------------------------------------------


@pytest.mark.parametrize("reason", ["", "  \n "])
def test_decline_needs_a_reason(world, reason):
    referral = gp_referral(world)

    with pytest.raises(ValidationError) as error:
        services.referral_decline(actor=world.specialist_a, referral=referral, reason=reason)

    assert "reason" in refusal(error)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
    assert referral.decided_at is None


def test_decline_records_who_when_and_why(world):
    referral = gp_referral(world)

    services.referral_decline(actor=world.specialist_a, referral=referral, reason="  Full  ")

    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED
    assert referral.decision_reason == "Full"
    assert referral.decided_by == world.specialist_a
    assert referral.decided_at is not None
    assert referral.participant is None


def test_withdraw(world):
    referral = gp_referral(world)

    services.referral_withdraw(actor=world.referrer, referral=referral, reason="Found a job")

    referral.refresh_from_db()
    assert referral.status == Referral.Status.WITHDRAWN
    assert referral.decision_reason == "Found a job"
    assert referral.decided_by == world.referrer


def test_history_keeps_who_changed_a_referral(world):
    referral = create(world)
    services.referral_decline(actor=world.specialist_a, referral=referral, reason="Full")

    versions = list(referral.history.order_by("history_date"))

    assert [v.status for v in versions] == ["received", "declined"]
    assert [v.history_user for v in versions] == [world.referrer, world.specialist_a]


def test_a_phone_without_prefix_is_read_as_the_receiving_countrys(world):
    danish = OrganisationFactory(
        name="Jobcenter Aarhus", region__country_code="DK", region__name="Aarhus"
    )

    referral = services.referral_create(
        actor=world.referrer,
        receiving_organisation=danish,
        referring_organisation=world.gp_practice,
        source=Referral.Source.GP,
        data={
            "person_name": "Mette Jensen",
            "reason": "Sick-listed",
            "person_agreed": True,
            "person_phone": "20 12 34 56",
        },
    )

    assert referral.person_phone == "+4520123456"
