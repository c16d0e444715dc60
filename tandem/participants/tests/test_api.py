"""The participants API, as an integration meets it: same rules as the pages, JSON errors.

404 {"detail": ...} for anything missing or not the caller's; 422 {"detail": [{"loc", "msg"}]}
for bad input, which changes nothing.
"""

import pytest

from tandem.core.access import Role, Sensitivity
from tandem.core.identifiers import IdentifierKind
from tandem.participants.models import AccessLogEntry, HealthCondition, Note, Participant
from tandem.testing.factories import NoteFactory, ParticipantFactory, staff

OUTSIDERS = ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]
VALID_NHS = "9434765919"
STALE_MESSAGE = "Someone else changed this record while you were editing it."


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Argon2 costs about 150 ms a user and the world makes seven of them, in every test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def with_creator(world):
    """Records made through participant_create have a creator; the factory leaves it empty."""
    Participant.objects.filter(pk=world.participant.pk).update(created_by=world.specialist_a)
    world.participant.refresh_from_db()
    return world


def last_log_id() -> int:
    last = AccessLogEntry.objects.order_by("-id").first()
    return last.id if last else 0


def log_since(log_id: int) -> list[tuple]:
    return [
        (entry.participant_id, entry.user, entry.action, entry.channel, entry.grounds)
        for entry in AccessLogEntry.objects.filter(id__gt=log_id).order_by("id")
    ]


def fields_in(response) -> dict[str, str]:
    """The 422 body as {last part of loc: message}; asserts the documented shape."""
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert isinstance(detail, list) and detail
    for error in detail:
        assert isinstance(error["loc"], list) and isinstance(error["msg"], str) and error["msg"]
    return {str(error["loc"][-1]): error["msg"] for error in detail}


# --- list ------------------------------------------------------------------------------------


def test_list_is_items_and_count_with_a_ref_on_each(world, api):
    response = api(world.specialist_a).get("/participants")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "count"}
    assert body["count"] == 1
    [item] = body["items"]
    assert item["ref"] == world.participant.ref
    assert item["full_name"] == "Alex Morgan"
    assert item["owning_organisation"] == {
        "ref": world.provider_a.ref,
        "name": world.provider_a.name,
    }
    assert "id" not in item and "identifier" not in item


def test_list_search_by_name_and_identifier(world, api):
    Participant.objects.filter(pk=world.participant.pk).update(
        identifier_kind=IdentifierKind.NHS, identifier=VALID_NHS
    )
    ParticipantFactory(owning_organisation=world.provider_a, full_name="Sam Taylor")
    client = api(world.specialist_a)
    assert client.get("/participants").json()["count"] == 2
    for search in ["alex", "MORGAN", VALID_NHS, "943 476 5919", "۹۴۳۴۷۶۵۹۱۹"]:
        body = client.get("/participants", search=search).json()
        assert [item["ref"] for item in body["items"]] == [world.participant.ref], search
        assert body["count"] == 1
    assert client.get("/participants", search="Nobody Here").json() == {"items": [], "count": 0}


def test_list_is_paginated_with_limit_and_offset(world, api):
    for name in ["Bea Adams", "Cal Brown", "Dee Clark"]:
        ParticipantFactory(owning_organisation=world.provider_a, full_name=name)
    client = api(world.specialist_a)
    first = client.get("/participants", limit=2, offset=0).json()
    second = client.get("/participants", limit=2, offset=2).json()
    assert first["count"] == second["count"] == 4
    assert len(first["items"]) == len(second["items"]) == 2
    names = [item["full_name"] for item in first["items"] + second["items"]]
    assert names == ["Alex Morgan", "Bea Adams", "Cal Brown", "Dee Clark"]


@pytest.mark.parametrize("name", OUTSIDERS)
def test_list_never_holds_someone_elses_participant(world, api, name):
    Participant.objects.filter(pk=world.participant.pk).update(
        identifier_kind=IdentifierKind.NHS, identifier=VALID_NHS
    )
    client = api(getattr(world, name))
    for search in ["", "Alex", VALID_NHS]:
        body = client.get("/participants", search=search).json()
        assert body["count"] == 0, (name, search)
        assert world.participant.ref not in str(body)


def test_case_team_member_from_another_organisation_sees_the_participant(world, api):
    body = api(world.clinician_on_team).get("/participants").json()
    assert [item["ref"] for item in body["items"]] == [world.participant.ref]


def test_listing_writes_no_access_log(world, api):
    before = last_log_id()
    api(world.specialist_a).get("/participants", search="Alex")
    assert log_since(before) == []


# --- one record ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "grounds"),
    [
        ("specialist_a", AccessLogEntry.Grounds.OWNING_ORGANISATION),
        ("clinician_on_team", AccessLogEntry.Grounds.CASE_TEAM),
    ],
)
def test_reading_a_record_writes_one_access_log_entry(world, api, name, grounds):
    user = getattr(world, name)
    client = api(user)
    before = last_log_id()
    response = client.get(f"/participants/{world.participant.ref}")
    assert response.status_code == 200
    body = response.json()
    assert body["ref"] == world.participant.ref
    assert body["full_name"] == "Alex Morgan"
    assert body["version"] == 1
    assert log_since(before) == [
        (
            world.participant.pk,
            user,
            AccessLogEntry.Action.VIEW_RECORD,
            AccessLogEntry.Channel.API,
            grounds,
        )
    ]


@pytest.mark.parametrize(
    ("name", "grounds"),
    [
        ("specialist_a", AccessLogEntry.Grounds.OWNING_ORGANISATION),
        ("clinician_on_team", AccessLogEntry.Grounds.CASE_TEAM),
    ],
)
def test_reading_notes_writes_one_access_log_entry(world, api, name, grounds):
    user = getattr(world, name)
    client = api(user)
    before = last_log_id()
    assert client.get(f"/participants/{world.participant.ref}/notes").status_code == 200
    assert log_since(before) == [
        (
            world.participant.pk,
            user,
            AccessLogEntry.Action.VIEW_NOTES,
            AccessLogEntry.Channel.API,
            grounds,
        )
    ]


@pytest.mark.parametrize("name", OUTSIDERS)
def test_outsiders_get_404_for_every_endpoint_and_nothing_is_logged(world, api, name):
    client = api(getattr(world, name))
    ref = world.participant.ref
    before = last_log_id()
    responses = [
        client.get(f"/participants/{ref}"),
        client.get(f"/participants/{ref}/notes"),
        client.get(f"/participants/{ref}/access-log"),
        client.post(f"/participants/{ref}/notes", {"text": "Hello", "sensitivity": "general"}),
        client.patch(f"/participants/{ref}", {"full_name": "Changed"}),
    ]
    for response in responses:
        assert response.status_code == 404, response.request["PATH_INFO"]
        assert "Alex" not in response.content.decode()
    assert log_since(before) == []
    assert not Note.objects.exists()
    world.participant.refresh_from_db()
    assert world.participant.full_name == "Alex Morgan"


def test_missing_and_not_yours_give_byte_identical_404s(world, api):
    client = api(world.specialist_b)
    theirs = client.get(f"/participants/{world.participant.ref}")
    missing = client.get("/participants/nosuchref234")
    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content
    assert theirs.json() == {"detail": "Not found."}
    for suffix in ["/notes", "/access-log"]:
        theirs = client.get(f"/participants/{world.participant.ref}{suffix}")
        missing = client.get(f"/participants/nosuchref234{suffix}")
        assert theirs.status_code == missing.status_code == 404
        assert theirs.content == missing.content


def test_without_a_token_the_api_answers_401(world, client):
    for path in ["/api/v1/participants", f"/api/v1/participants/{world.participant.ref}"]:
        response = client.get(path)
        assert response.status_code == 401
        assert "detail" in response.json()
        assert "Alex" not in response.content.decode()
    response = client.get(
        "/api/v1/participants", headers={"Authorization": "Bearer not-a-real-token"}
    )
    assert response.status_code == 401


def test_a_session_alone_does_not_open_the_api(world, login):
    response = login(world.specialist_a).get(f"/api/v1/participants/{world.participant.ref}")
    assert response.status_code == 401


# --- health conditions in the API ------------------------------------------------------------


def test_health_conditions_only_for_the_clinical_case_team(world, api):
    HealthCondition.objects.create(
        participant=world.participant,
        description="Multiple sclerosis",
        is_disability=True,
        recorded_by=world.clinician_on_team,
    )
    ref = world.participant.ref
    assert api(world.clinician_on_team).get(f"/participants/{ref}").json()["health_conditions"] == [
        {"description": "Multiple sclerosis", "is_disability": True}
    ]
    for name in ["specialist_a", "social_worker_on_team"]:
        body = api(getattr(world, name)).get(f"/participants/{ref}").json()
        assert body["health_conditions"] == [], name
        assert "Multiple sclerosis" not in str(body)


# --- create ----------------------------------------------------------------------------------


def test_create_answers_201_with_the_record(world, api):
    response = api(world.specialist_a).post(
        "/participants",
        {
            "full_name": "  Jordan Lee ",
            "date_of_birth": "1990-01-01",
            "identifier_kind": IdentifierKind.NHS,
            "identifier": "943 476 5919",
            "phone": "020 7946 0958",
            "barriers": ["transport", "confidence"],
        },
    )
    assert response.status_code == 201
    body = response.json()
    participant = Participant.objects.get(ref=body["ref"])
    assert participant.full_name == body["full_name"] == "Jordan Lee"
    assert participant.owning_organisation == world.provider_a
    assert participant.created_by == world.specialist_a
    assert body["identifier"] == participant.identifier == VALID_NHS
    assert body["phone"] == "+442079460958"
    assert body["barriers"] == ["confidence", "transport"]
    assert body["owning_organisation"]["ref"] == world.provider_a.ref
    assert body["version"] == 1


@pytest.mark.parametrize(
    ("payload", "messages"),
    [
        (
            {"full_name": "Jordan Lee", "identifier_kind": "nhs", "identifier": "9434765918"},
            {"identifier": "This NHS number is not valid: its check digit does not match."},
        ),
        (
            {"full_name": "Jordan Lee", "phone": "12345"},
            {"phone": "This phone number is not valid."},
        ),
        ({"full_name": "   "}, {"full_name": "Enter the person's full name."}),
        ({"date_of_birth": "1990-01-01"}, {"full_name": None}),
        (
            {
                "full_name": "Jordan Lee",
                "identifier_kind": "nhs",
                "identifier": "9434765918",
                "phone": "12345",
            },
            {
                "identifier": "This NHS number is not valid: its check digit does not match.",
                "phone": "This phone number is not valid.",
            },
        ),
        (
            {"full_name": "Jordan Lee", "identifier": VALID_NHS},
            {"identifier_kind": "Choose which kind of national identifier this is."},
        ),
    ],
    ids=["bad-nhs", "bad-phone", "blank-name", "missing-name", "two-fields", "no-kind"],
)
def test_invalid_create_answers_422_per_field_and_creates_nothing(world, api, payload, messages):
    count = Participant.objects.count()
    found = fields_in(api(world.specialist_a).post("/participants", payload))
    assert set(found) == set(messages)
    for field, message in messages.items():
        if message is not None:
            assert found[field] == message
    assert Participant.objects.count() == count


@pytest.mark.parametrize("name", ["clinician_on_team", "referrer", "programme_manager"])
def test_people_who_cannot_write_anywhere_cannot_create(world, api, name):
    count = Participant.objects.count()
    response = api(getattr(world, name)).post("/participants", {"full_name": "Jordan Lee"})
    assert response.status_code == 404
    assert Participant.objects.count() == count


def test_create_into_another_organisation_is_404(world, api):
    response = api(world.specialist_a).post(
        "/participants", {"full_name": "Jordan Lee", "organisation_ref": world.provider_b.ref}
    )
    assert response.status_code == 404
    assert not Participant.objects.filter(full_name="Jordan Lee").exists()


# --- patch -----------------------------------------------------------------------------------


def test_patch_changes_only_the_fields_sent(with_creator, api):
    world = with_creator
    Participant.objects.filter(pk=world.participant.pk).update(
        email="alex@example.org",
        barriers=["transport"],
        identifier_kind="nhs",
        identifier=VALID_NHS,
    )
    response = api(world.specialist_a).patch(
        f"/participants/{world.participant.ref}", {"phone": "020 7946 0958", "version": 1}
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    world.participant.refresh_from_db()
    assert world.participant.phone == "+442079460958"
    assert world.participant.full_name == "Alex Morgan"
    assert world.participant.email == "alex@example.org"
    assert world.participant.barriers == ["transport"]
    assert (world.participant.identifier_kind, world.participant.identifier) == ("nhs", VALID_NHS)
    assert world.participant.version == 2


def test_patch_with_a_stale_version_is_refused_and_changes_nothing(with_creator, api):
    world = with_creator
    first, second = api(world.specialist_a), api(world.social_worker_on_team)
    ref = world.participant.ref
    version = first.get(f"/participants/{ref}").json()["version"]
    assert first.patch(f"/participants/{ref}", {"email": "a@example.org", "version": version})
    response = second.patch(
        f"/participants/{ref}", {"full_name": "Alexandra Morgan", "version": version}
    )
    assert response.status_code == 422
    assert STALE_MESSAGE in response.json()["detail"][0]["msg"]
    world.participant.refresh_from_db()
    assert world.participant.full_name == "Alex Morgan"
    assert world.participant.email == "a@example.org"
    assert world.participant.version == version + 1


def test_invalid_patch_changes_nothing(with_creator, api):
    world = with_creator
    response = api(world.specialist_a).patch(
        f"/participants/{world.participant.ref}",
        {"full_name": "Alexandra Morgan", "identifier_kind": "nhs", "identifier": "9434765918"},
    )
    assert set(fields_in(response)) == {"identifier"}
    world.participant.refresh_from_db()
    assert world.participant.full_name == "Alex Morgan"
    assert world.participant.version == 1


@pytest.mark.parametrize("name", ["clinician_on_team", "specialist_b"])
def test_patch_is_404_for_readers_and_outsiders(with_creator, api, name):
    world = with_creator
    response = api(getattr(world, name)).patch(
        f"/participants/{world.participant.ref}", {"full_name": "Changed"}
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    world.participant.refresh_from_db()
    assert world.participant.full_name == "Alex Morgan"
    assert world.participant.version == 1


def test_patch_is_recorded_in_the_access_log(with_creator, api):
    world = with_creator
    before = last_log_id()
    response = api(world.specialist_a).patch(f"/participants/{world.participant.ref}", {})
    assert response.status_code == 200
    assert response.json()["full_name"] == "Alex Morgan"
    entries = log_since(before)
    assert [(user, channel) for _p, user, _a, channel, _g in entries] == [
        (world.specialist_a, AccessLogEntry.Channel.API)
    ]


# --- access log ------------------------------------------------------------------------------


def test_access_log_lists_reads_for_the_owning_organisation(world, api):
    api(world.clinician_on_team).get(f"/participants/{world.participant.ref}")
    client = api(world.specialist_a)
    before = last_log_id()
    response = client.get(f"/participants/{world.participant.ref}/access-log")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    newest, oldest = body["items"]
    assert newest["action"] == AccessLogEntry.Action.VIEW_ACCESS_LOG
    assert newest["user"] == world.specialist_a.display_name
    assert oldest == {
        "at": oldest["at"],
        "user": world.clinician_on_team.display_name,
        "action": "view_record",
        "grounds": "case_team",
        "channel": "api",
    }
    assert log_since(before) == [
        (
            world.participant.pk,
            world.specialist_a,
            AccessLogEntry.Action.VIEW_ACCESS_LOG,
            AccessLogEntry.Channel.API,
            AccessLogEntry.Grounds.OWNING_ORGANISATION,
        )
    ]


@pytest.mark.parametrize("name", ["clinician_on_team", "specialist_b"])
def test_access_log_is_404_outside_the_owning_organisation(world, api, name):
    before = last_log_id()
    response = api(getattr(world, name)).get(f"/participants/{world.participant.ref}/access-log")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert log_since(before) == []


# --- notes -----------------------------------------------------------------------------------


def test_posting_a_note_answers_201_and_the_author_sees_it(world, api):
    client = api(world.clinician_on_team)
    response = client.post(
        f"/participants/{world.participant.ref}/notes",
        {"text": "Blood pressure under control.", "sensitivity": "health"},
    )
    assert response.status_code == 201
    body = response.json()
    note = Note.objects.get(ref=body["ref"])
    assert (note.author, note.sensitivity) == (world.clinician_on_team, Sensitivity.HEALTH)
    assert body["author"] == world.clinician_on_team.display_name
    texts = [
        n["text"]
        for n in api(world.specialist_a)
        .get(f"/participants/{world.participant.ref}/notes")
        .json()["items"]
    ]
    assert "Blood pressure under control." not in texts


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": "Fine", "sensitivity": "secret"}, "sensitivity"),
        ({"text": "   ", "sensitivity": "general"}, "text"),
        ({"sensitivity": "general"}, "text"),
    ],
)
def test_invalid_note_answers_422_and_creates_nothing(world, api, payload, field):
    response = api(world.specialist_a).post(f"/participants/{world.participant.ref}/notes", payload)
    assert field in fields_in(response)
    assert not Note.objects.exists()


def test_notes_list_counts_only_what_the_reader_may_see(world, api):
    author = staff("lead_a", world.provider_a, Role.TEAM_LEAD)  # not on the case team
    for sensitivity in ["general", "social", "health", "health"]:
        NoteFactory(participant=world.participant, author=author, sensitivity=sensitivity)
    ref = world.participant.ref
    expected = {"specialist_a": 1, "clinician_on_team": 3, "social_worker_on_team": 2}
    for name, count in expected.items():
        body = api(getattr(world, name)).get(f"/participants/{ref}/notes", limit=1).json()
        assert body["count"] == count, name
        assert len(body["items"]) == 1, name
        everything = api(getattr(world, name)).get(f"/participants/{ref}/notes").json()
        assert len(everything["items"]) == count, name
