"""The write functions directly: what they accept, what they refuse, and that a refusal writes
nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.core.access import Discipline, Sensitivity
from tandem.core.identifiers import IdentifierKind
from tandem.participants import selectors, services
from tandem.participants.models import (
    CaseTeamMember,
    Consent,
    ConsentPurpose,
    Note,
    Participant,
)

VALID_NHS = "9434765919"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Argon2 costs about 150 ms a user and the world makes seven of them, in every test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def iranian_code(first_nine: str) -> str:
    """A valid Iranian national code: weights 10..2 on the first nine digits, mod 11."""
    remainder = sum(int(digit) * (10 - i) for i, digit in enumerate(first_nine)) % 11
    return first_nine + str(remainder if remainder < 2 else 11 - remainder)


def create(world, **data) -> Participant:
    return services.participant_create(
        actor=world.specialist_a, organisation=world.provider_a, data=data
    )


def access_for(world, user=None):
    return selectors.access_participant(user=user or world.specialist_a, ref=world.participant.ref)


@pytest.fixture
def with_creator(world):
    """Records made through participant_create have a creator; the factory leaves it empty."""
    Participant.objects.filter(pk=world.participant.pk).update(created_by=world.specialist_a)
    world.participant.refresh_from_db()
    return world


# --- participant_create ----------------------------------------------------------------------


def test_create_normalises_what_was_typed(world):
    code = iranian_code("123456789")
    participant = create(
        world,
        full_name="  Dara Karimi  ",
        identifier_kind=IdentifierKind.IR_NATIONAL_CODE,
        identifier=f"{code[:3]}-{code[3:9]}-{code[9]}".translate(PERSIAN_DIGITS),
        phone="020 7946 0958",
        barriers=["transport", "debt", "transport"],
        date_of_birth=datetime.date(1988, 3, 21),
    )
    participant.refresh_from_db()
    assert participant.full_name == "Dara Karimi"
    assert participant.identifier == code
    assert participant.phone == "+442079460958"
    assert participant.barriers == ["debt", "transport"]
    assert participant.owning_organisation == world.provider_a
    assert participant.created_by == world.specialist_a
    assert participant.version == 1
    assert participant.history.get().history_user == world.specialist_a


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"full_name": ""}, "full_name"),
        ({"full_name": "   "}, "full_name"),
        ({"full_name": "A", "identifier_kind": "nhs", "identifier": "9434765918"}, "identifier"),
        ({"full_name": "A", "identifier_kind": "cpr", "identifier": "3113901234"}, "identifier"),
        ({"full_name": "A", "identifier_kind": "passport", "identifier": "123"}, "identifier"),
        ({"full_name": "A", "identifier": VALID_NHS}, "identifier_kind"),
        ({"full_name": "A", "phone": "12345"}, "phone"),
        ({"full_name": "A", "barriers": ["laziness"]}, "barriers"),
        (
            {"full_name": "A", "date_of_birth": timezone.localdate() + datetime.timedelta(days=1)},
            "date_of_birth",
        ),
        ({"full_name": "A", "benefit_situation": "lottery"}, "benefit_situation"),
    ],
)
def test_create_refuses_bad_input_by_field_and_writes_nothing(world, data, field):
    count = Participant.objects.count()
    with pytest.raises(ValidationError) as refused:
        create(world, **data)
    assert field in refused.value.message_dict
    assert Participant.objects.count() == count


def test_create_refuses_fields_it_does_not_know(world):
    with pytest.raises(ValidationError, match="Unknown fields: version"):
        create(world, full_name="A", version=7)
    with pytest.raises(ValidationError, match="owning_organisation"):
        create(world, full_name="A", owning_organisation=world.provider_b)
    assert not Participant.objects.filter(full_name="A").exists()


@pytest.mark.parametrize(
    ("kind", "typed", "stored"),
    [
        (IdentifierKind.NHS, "943 476 5919", VALID_NHS),
        (IdentifierKind.CPR, "010190-1234", "0101901234"),
        (IdentifierKind.IR_NATIONAL_CODE, "0013542419", "0013542419"),
    ],
)
def test_create_accepts_each_kind_of_identifier(world, kind, typed, stored):
    participant = create(world, full_name="Jordan Lee", identifier_kind=kind, identifier=typed)
    assert participant.identifier == stored


# --- participant_update ----------------------------------------------------------------------


def test_update_with_the_current_version_saves_and_moves_the_version_on(with_creator):
    world = with_creator
    updated = services.participant_update(
        actor=world.specialist_a,
        access=access_for(world),
        data={"phone": "020 7946 0958"},
        expected_version=1,
    )
    world.participant.refresh_from_db()
    assert updated.version == world.participant.version == 2
    assert world.participant.phone == "+442079460958"
    assert world.participant.full_name == "Alex Morgan"
    assert world.participant.history.latest().history_user == world.specialist_a


def test_update_from_a_stale_version_is_refused_and_changes_nothing(with_creator):
    world = with_creator
    access = access_for(world)
    services.participant_update(
        actor=world.specialist_a, access=access, data={"email": "a@example.org"}, expected_version=1
    )
    with pytest.raises(ValidationError) as refused:
        services.participant_update(
            actor=world.social_worker_on_team,
            access=access_for(world, world.social_worker_on_team),
            data={"full_name": "Alexandra Morgan"},
            expected_version=1,
        )
    assert refused.value.code == "stale"
    assert "Someone else changed this record" in refused.value.messages[0]
    world.participant.refresh_from_db()
    assert world.participant.full_name == "Alex Morgan"
    assert world.participant.email == "a@example.org"
    assert world.participant.version == 2
    assert world.participant.history.count() == 2  # created + the first edit only


def test_an_invalid_update_changes_nothing(with_creator):
    world = with_creator
    with pytest.raises(ValidationError) as refused:
        services.participant_update(
            actor=world.specialist_a,
            access=access_for(world),
            data={"full_name": "Alexandra", "identifier_kind": "nhs", "identifier": "123"},
            expected_version=1,
        )
    assert set(refused.value.message_dict) == {"identifier"}
    world.participant.refresh_from_db()
    assert (world.participant.full_name, world.participant.version) == ("Alex Morgan", 1)


def test_changing_only_the_identifier_kind_rechecks_the_stored_number(with_creator):
    world = with_creator
    Participant.objects.filter(pk=world.participant.pk).update(
        identifier_kind=IdentifierKind.NHS, identifier=VALID_NHS
    )
    with pytest.raises(ValidationError) as refused:
        services.participant_update(
            actor=world.specialist_a,
            access=access_for(world),
            data={"identifier_kind": IdentifierKind.CPR},  # 943476 is no date
            expected_version=None,
        )
    assert "identifier" in refused.value.message_dict


# --- note_create -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_note_is_refused(world, text):
    with pytest.raises(ValidationError) as refused:
        services.note_create(
            actor=world.specialist_a,
            participant=world.participant,
            text=text,
            sensitivity=Sensitivity.GENERAL,
        )
    assert refused.value.message_dict == {"text": ["Write the note before saving it."]}
    assert not Note.objects.exists()


def test_a_note_with_an_unknown_sensitivity_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        services.note_create(
            actor=world.specialist_a, participant=world.participant, text="Hi", sensitivity="pii"
        )
    assert "sensitivity" in refused.value.message_dict
    assert not Note.objects.exists()


def test_a_note_is_saved_trimmed_with_its_author(world):
    note = services.note_create(
        actor=world.clinician_on_team,
        participant=world.participant,
        text="  Reviewed medication.  ",
        sensitivity=Sensitivity.HEALTH,
    )
    note.refresh_from_db()
    assert (note.text, note.author, note.sensitivity) == (
        "Reviewed medication.",
        world.clinician_on_team,
        Sensitivity.HEALTH,
    )


# --- consent_record --------------------------------------------------------------------------


def test_the_newest_consent_decision_is_in_force(world):
    participant = world.participant
    assert selectors.health_sharing_allowed(participant=participant)
    withdrawn = services.consent_record(
        actor=world.specialist_a,
        participant=participant,
        purpose=ConsentPurpose.HEALTH_SHARING,
        status=Consent.Status.WITHDRAWN,
        method=Consent.Method.WRITTEN,
        note="  Does not want the GP letters shared.  ",
    )
    assert withdrawn.note == "Does not want the GP letters shared."
    assert withdrawn.recorded_by == world.specialist_a
    assert not selectors.health_sharing_allowed(participant=participant)
    assert (
        selectors.current_consents(participant=participant)[ConsentPurpose.HEALTH_SHARING]
        == withdrawn
    )
    # Taking part is a separate purpose and is untouched.
    assert selectors.consent_in_force(participant=participant, purpose=ConsentPurpose.PARTICIPATION)

    given = services.consent_record(
        actor=world.social_worker_on_team,
        participant=participant,
        purpose=ConsentPurpose.HEALTH_SHARING,
        status=Consent.Status.GIVEN,
        method=Consent.Method.VERBAL,
    )
    assert selectors.health_sharing_allowed(participant=participant)
    assert (
        selectors.current_consents(participant=participant)[ConsentPurpose.HEALTH_SHARING] == given
    )
    # Decisions are kept, never overwritten.
    assert participant.consents.filter(purpose=ConsentPurpose.HEALTH_SHARING).count() == 3


@pytest.mark.parametrize(
    ("purpose", "status", "method"),
    [
        ("marketing", Consent.Status.GIVEN, Consent.Method.VERBAL),
        (ConsentPurpose.PARTICIPATION, "maybe", Consent.Method.VERBAL),
        (ConsentPurpose.PARTICIPATION, Consent.Status.GIVEN, "telepathy"),
    ],
)
def test_an_invalid_consent_decision_is_refused(world, purpose, status, method):
    count = Consent.objects.count()
    with pytest.raises(ValidationError):
        services.consent_record(
            actor=world.specialist_a,
            participant=world.participant,
            purpose=purpose,
            status=status,
            method=method,
        )
    assert Consent.objects.count() == count


# --- case team -------------------------------------------------------------------------------


def test_the_same_person_cannot_join_a_case_team_twice(world):
    with pytest.raises(ValidationError) as refused:
        services.case_team_member_add(
            actor=world.specialist_a,
            participant=world.participant,
            member=world.clinician_on_team,
            discipline=Discipline.SOCIAL,
        )
    assert refused.value.message_dict == {"user": ["This person is already on the case team."]}
    place = CaseTeamMember.objects.get(participant=world.participant, user=world.clinician_on_team)
    assert place.discipline == Discipline.HEALTH


def test_a_new_health_member_reads_health_notes(world):
    services.note_create(
        actor=world.clinician_on_team,
        participant=world.participant,
        text="Seen by the pain clinic.",
        sensitivity=Sensitivity.HEALTH,
    )
    services.case_team_member_add(
        actor=world.specialist_a,
        participant=world.participant,
        member=world.clinician_off_team,
        discipline=Discipline.HEALTH,
    )
    access = access_for(world, world.clinician_off_team)
    texts = {n.text for n in selectors.visible_notes(access=access, user=world.clinician_off_team)}
    assert "Seen by the pain clinic." in texts


def test_staff_without_an_active_membership_cannot_join(world):
    world.referrer.memberships.update(is_active=False)
    with pytest.raises(ValidationError) as refused:
        services.case_team_member_add(
            actor=world.specialist_a,
            participant=world.participant,
            member=world.referrer,
            discipline=Discipline.EMPLOYMENT,
        )
    assert "user" in refused.value.message_dict
    assert not CaseTeamMember.objects.filter(user=world.referrer).exists()
