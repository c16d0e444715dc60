"""POST /api/v1/participants flags a possible duplicate, as the page does, and only among
records the caller can already open."""

import datetime

from tandem.participants.models import Participant
from tandem.testing.factories import ParticipantFactory


def test_same_name_and_birth_date_is_flagged_and_nothing_is_created(world, api):
    world.participant.date_of_birth = datetime.date(1980, 5, 1)
    world.participant.save()
    before = Participant.objects.count()
    response = api(world.specialist_a).post(
        "/participants", {"full_name": "alex morgan", "date_of_birth": "1980-05-01"}
    )
    assert response.status_code == 409
    assert [match["ref"] for match in response.json()["duplicates"]] == [world.participant.ref]
    assert Participant.objects.count() == before


def test_confirm_new_creates_the_record_anyway(world, api):
    world.participant.date_of_birth = datetime.date(1980, 5, 1)
    world.participant.save()
    response = api(world.specialist_a).post(
        "/participants",
        {"full_name": "Alex Morgan", "date_of_birth": "1980-05-01", "confirm_new": True},
    )
    assert response.status_code == 201
    assert Participant.objects.filter(full_name="Alex Morgan").count() == 2


def test_same_identifier_in_another_organisation_is_not_revealed(world, api):
    ParticipantFactory(
        owning_organisation=world.provider_b, identifier_kind="nhs", identifier="9434765919"
    )
    response = api(world.specialist_a).post(
        "/participants",
        {"full_name": "Sam Carter", "identifier_kind": "nhs", "identifier": "943 476 5919"},
    )
    assert response.status_code == 201
