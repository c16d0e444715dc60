"""Who may see what of a person's record: the access chokepoint, notes by sensitivity, health.

Every rule is checked three ways where it applies (the selector, the page, the API), because
a rule that holds on the page but not in the API is not a rule.
"""

import contextlib
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.html import escape

from tandem.core.access import Access, Discipline, Role, Sensitivity
from tandem.organisations.models import Membership, User
from tandem.participants import selectors, services
from tandem.participants.models import (
    AccessLogEntry,
    Consent,
    ConsentPurpose,
    HealthCondition,
    Note,
)
from tandem.testing.factories import (
    CaseTeamMemberFactory,
    NoteFactory,
    ParticipantFactory,
    staff,
)

OUTSIDERS = ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]

GENERAL_TEXT = "Went to the CV workshop and asked about forklift training."
SOCIAL_TEXT = "Behind on rent; the landlord has served an eviction notice."
HEALTH_TEXT = "Started sertraline 50 mg; sleeping better since."
CONDITION_TEXT = "Type 1 diabetes"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Argon2 costs about 150 ms a user and the world makes seven of them, in every test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Record:
    """World's participant with one note of each sensitivity and one health condition."""

    occ_health: User  # a second clinical member (occupational medicine), author of the health note
    colleague_a: User  # a specialist in the owning organisation who is not on the case team
    clinician_in_provider_a: User  # a clinician of the owning organisation, not on the case team
    general: Note
    social: Note
    health: Note
    condition: HealthCondition


@pytest.fixture
def record(world) -> Record:
    participant = world.participant
    occ_health = staff("occ_health", world.trust, Role.CLINICIAN)
    CaseTeamMemberFactory(
        participant=participant, user=occ_health, discipline=Discipline.OCCUPATIONAL_MEDICINE
    )
    return Record(
        occ_health=occ_health,
        colleague_a=staff("colleague_a", world.provider_a, Role.SPECIALIST),
        clinician_in_provider_a=staff("clinician_a", world.provider_a, Role.CLINICIAN),
        general=NoteFactory(
            participant=participant,
            author=world.specialist_a,
            sensitivity=Sensitivity.GENERAL,
            text=GENERAL_TEXT,
        ),
        social=NoteFactory(
            participant=participant,
            author=world.specialist_a,
            sensitivity=Sensitivity.SOCIAL,
            text=SOCIAL_TEXT,
        ),
        health=NoteFactory(
            participant=participant,
            author=occ_health,
            sensitivity=Sensitivity.HEALTH,
            text=HEALTH_TEXT,
        ),
        condition=HealthCondition.objects.create(
            participant=participant, description=CONDITION_TEXT, recorded_by=occ_health
        ),
    )


def person(world, record: Record, name: str) -> User:
    found = getattr(record, name, None) or getattr(world, name)
    # A fresh object each time: memberships are cached on the user object.
    return User.objects.get(pk=found.pk)


# Which note texts each person on the record may read. The social note's author is
# specialist_a; the health note's author is occ_health.
SEES = {
    "specialist_a": {GENERAL_TEXT, SOCIAL_TEXT},
    "social_worker_on_team": {GENERAL_TEXT, SOCIAL_TEXT},
    "clinician_on_team": {GENERAL_TEXT, HEALTH_TEXT},
    "occ_health": {GENERAL_TEXT, HEALTH_TEXT},
    "colleague_a": {GENERAL_TEXT},
    "clinician_in_provider_a": {GENERAL_TEXT},
}
ALL_TEXTS = {GENERAL_TEXT, SOCIAL_TEXT, HEALTH_TEXT}
CLINICAL = {"clinician_on_team", "occ_health"}


# --- the chokepoint ----------------------------------------------------------------------


@pytest.mark.parametrize("name", OUTSIDERS)
def test_outsiders_get_404_for_read_and_write(world, name):
    user = getattr(world, name)
    for need in (Access.READ, Access.WRITE):
        with pytest.raises(Http404):
            selectors.access_participant(user=user, ref=world.participant.ref, need=need)


def test_a_reference_that_does_not_exist_is_404_like_one_that_is_not_yours(world):
    with pytest.raises(Http404):
        selectors.access_participant(user=world.specialist_a, ref="nosuchref234")


@pytest.mark.parametrize(
    ("name", "grounds", "can_write"),
    [
        ("specialist_a", AccessLogEntry.Grounds.OWNING_ORGANISATION, True),
        ("social_worker_on_team", AccessLogEntry.Grounds.OWNING_ORGANISATION, True),
        ("clinician_on_team", AccessLogEntry.Grounds.CASE_TEAM, False),
    ],
)
def test_insiders_get_access_on_the_right_grounds(world, name, grounds, can_write):
    access = selectors.access_participant(user=getattr(world, name), ref=world.participant.ref)
    assert access.participant == world.participant
    assert access.grounds == grounds
    assert access.can_write is can_write


def test_case_team_member_from_another_organisation_may_read_but_not_write(world):
    with pytest.raises(Http404):
        selectors.access_participant(
            user=world.clinician_on_team, ref=world.participant.ref, need=Access.WRITE
        )


def test_lists_hold_only_what_each_person_may_open(world):
    other = ParticipantFactory(owning_organisation=world.provider_b, full_name="Bo Jensen")
    for name in ["specialist_a", "clinician_on_team", "social_worker_on_team"]:
        visible = set(selectors.visible_participants(user=getattr(world, name)))
        assert world.participant in visible, name
        assert other not in visible, name
    assert set(selectors.visible_participants(user=world.specialist_b)) == {other}
    for name in ["referrer", "programme_manager", "clinician_off_team"]:
        assert not selectors.visible_participants(user=getattr(world, name)).exists(), name


def test_a_deactivated_user_sees_nobody(world):
    world.specialist_a.is_active = False
    world.specialist_a.save()
    user = User.objects.get(pk=world.specialist_a.pk)
    assert not selectors.visible_participants(user=user).exists()
    with pytest.raises(Http404):
        selectors.access_participant(user=user, ref=world.participant.ref)


def test_staff_whose_membership_ended_lose_access_through_the_organisation(world):
    leaver = staff("leaver_a", world.provider_a, Role.SPECIALIST)
    Membership.objects.filter(user=leaver).update(is_active=False)
    leaver = User.objects.get(pk=leaver.pk)
    assert not selectors.visible_participants(user=leaver).exists()
    with pytest.raises(Http404):
        selectors.access_participant(user=leaver, ref=world.participant.ref)


def test_case_team_member_whose_membership_ended_loses_access(world):
    Membership.objects.filter(user=world.clinician_on_team).update(is_active=False)
    leaver = User.objects.get(pk=world.clinician_on_team.pk)
    assert not selectors.visible_participants(user=leaver).filter(pk=world.participant.pk)
    with pytest.raises(Http404):
        selectors.access_participant(user=leaver, ref=world.participant.ref)


def test_a_referrer_never_reads_the_case_even_if_put_on_the_team(world):
    # Refusing the place is one fix; either way the referrer must not read the case.
    with contextlib.suppress(ValidationError):
        services.case_team_member_add(
            actor=world.specialist_a,
            participant=world.participant,
            member=world.referrer,
            discipline=Discipline.EMPLOYMENT,
        )
    referrer = User.objects.get(pk=world.referrer.pk)
    with pytest.raises(Http404):
        selectors.access_participant(user=referrer, ref=world.participant.ref)


# --- notes by sensitivity: selector, page, API, counts -------------------------------------


@pytest.mark.parametrize("name", sorted(SEES))
def test_notes_each_person_may_read_selector_page_and_api(world, record, login, api, name):
    user = person(world, record, name)
    expected = SEES[name]
    ref = world.participant.ref

    access = selectors.access_participant(user=user, ref=ref)
    assert {note.text for note in selectors.visible_notes(access=access, user=user)} == expected

    page = login(user).get(f"/participants/{ref}/")
    assert page.status_code == 200
    content = page.content.decode()
    for text in ALL_TEXTS:
        assert (escape(text) in content) is (text in expected), (name, text)

    response = api(user).get(f"/participants/{ref}/notes")
    assert response.status_code == 200
    body = response.json()
    assert {item["text"] for item in body["items"]} == expected
    assert body["count"] == len(expected)


@pytest.mark.parametrize("name", OUTSIDERS)
def test_outsiders_read_no_notes_anywhere(world, record, login, api, name):
    user = getattr(world, name)
    ref = world.participant.ref
    page = login(user).get(f"/participants/{ref}/")
    assert page.status_code == 404
    for text in ALL_TEXTS:
        assert escape(text) not in page.content.decode()
    response = api(user).get(f"/participants/{ref}/notes")
    assert response.status_code == 404
    assert "items" not in response.json()


# --- health conditions ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEES))
def test_health_conditions_only_for_clinical_case_team(world, record, login, api, name):
    user = person(world, record, name)
    ref = world.participant.ref
    clinical = name in CLINICAL

    page = login(user).get(f"/participants/{ref}/").content.decode()
    assert (CONDITION_TEXT in page) is clinical

    body = api(user).get(f"/participants/{ref}").json()
    if clinical:
        assert body["health_conditions"] == [
            {"description": CONDITION_TEXT, "is_disability": False}
        ]
    else:
        assert body["health_conditions"] == []


# --- withdrawing consent to share health information ---------------------------------------


def _health_sharing(world, status: str) -> None:
    services.consent_record(
        actor=world.specialist_a,
        participant=world.participant,
        purpose=ConsentPurpose.HEALTH_SHARING,
        status=status,
        method=Consent.Method.WRITTEN,
    )


def test_withdrawing_health_sharing_hides_health_at_once_and_giving_it_restores(
    world, record, login, api
):
    ref = world.participant.ref
    clinician_page = login(world.clinician_on_team)
    clinician_api = api(world.clinician_on_team)
    author_page = login(record.occ_health)
    author_api = api(record.occ_health)

    def clinician_sees() -> tuple[bool, bool, bool, bool]:
        page = clinician_page.get(f"/participants/{ref}/").content.decode()
        notes = {
            item["text"] for item in clinician_api.get(f"/participants/{ref}/notes").json()["items"]
        }
        conditions = clinician_api.get(f"/participants/{ref}").json()["health_conditions"]
        return (
            escape(HEALTH_TEXT) in page,
            CONDITION_TEXT in page,
            HEALTH_TEXT in notes,
            bool(conditions),
        )

    assert clinician_sees() == (True, True, True, True)

    _health_sharing(world, Consent.Status.WITHDRAWN)
    assert clinician_sees() == (False, False, False, False)
    # General notes still show: only health content is withdrawn.
    notes = clinician_api.get(f"/participants/{ref}/notes").json()
    assert [item["text"] for item in notes["items"]] == [GENERAL_TEXT]
    assert notes["count"] == 1
    # The author still sees what they wrote and recorded.
    assert escape(HEALTH_TEXT) in author_page.get(f"/participants/{ref}/").content.decode()
    author_notes = author_api.get(f"/participants/{ref}/notes").json()["items"]
    assert HEALTH_TEXT in {item["text"] for item in author_notes}

    _health_sharing(world, Consent.Status.GIVEN)
    assert clinician_sees() == (True, True, True, True)


def test_without_any_health_sharing_decision_clinicians_see_no_health(world, record):
    world.participant.consents.filter(purpose=ConsentPurpose.HEALTH_SHARING).delete()
    user = User.objects.get(pk=world.clinician_on_team.pk)
    access = selectors.access_participant(user=user, ref=world.participant.ref)
    assert not access.sees_health
    assert HEALTH_TEXT not in {n.text for n in selectors.visible_notes(access=access, user=user)}
    assert not selectors.visible_health_conditions(access=access, user=user).exists()
