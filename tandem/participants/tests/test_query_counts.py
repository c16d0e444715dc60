"""Pages cost the same number of queries whatever the caseload (DESIGN.md: scale)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.testing.factories import NoteFactory, ParticipantFactory, ReferralFactory


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_participant_list_queries_do_not_grow_with_caseload(world, login):
    client = login(world.specialist_a)
    ParticipantFactory.create_batch(3, owning_organisation=world.provider_a)
    small = queries_for(client, "/participants/")
    ParticipantFactory.create_batch(40, owning_organisation=world.provider_a)
    assert queries_for(client, "/participants/") == small


def test_participant_page_queries_do_not_grow_with_notes(world, login):
    client = login(world.specialist_a)
    url = f"/participants/{world.participant.ref}/"
    NoteFactory.create_batch(2, participant=world.participant, author=world.specialist_a)
    small = queries_for(client, url)
    NoteFactory.create_batch(30, participant=world.participant, author=world.social_worker_on_team)
    assert queries_for(client, url) == small


def test_referral_inbox_queries_do_not_grow(world, login):
    client = login(world.specialist_a)
    ReferralFactory.create_batch(2, receiving_organisation=world.provider_a)
    small = queries_for(client, "/referrals/inbox/")
    ReferralFactory.create_batch(30, receiving_organisation=world.provider_a)
    assert queries_for(client, "/referrals/inbox/") == small


def test_api_participant_list_queries_do_not_grow(world, api):
    client = api(world.specialist_a)
    ParticipantFactory.create_batch(3, owning_organisation=world.provider_a)
    client.get("/participants")  # the first call also records when the token was last used
    with CaptureQueriesContext(connection) as small:
        client.get("/participants")
    ParticipantFactory.create_batch(40, owning_organisation=world.provider_a)
    with CaptureQueriesContext(connection) as large:
        assert client.get("/participants").json()["count"] == 44
    assert len(large) == len(small)
