"""Signing in to the API: a bearer token for the right password, nothing for anything else."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

import tandem.settings as project_settings
from tandem.core.access import Role
from tandem.core.models import ApiToken
from tandem.core.services import api_token_issue
from tandem.testing.factories import TEST_PASSWORD, MembershipFactory

TOKEN_URL = "/api/v1/auth/token"


def ask_for_token(client: Client, username: str, password: str):
    return client.post(
        TOKEN_URL, {"username": username, "password": password}, content_type="application/json"
    )


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


# --- getting a token ----------------------------------------------------------------------------


def test_right_credentials_give_a_token_that_works(world, client):
    response = ask_for_token(client, "specialist_a", TEST_PASSWORD)

    assert response.status_code == 200
    body = response.json()
    assert isinstance(body["token"], str)
    assert len(body["token"]) >= 32
    assert "expires_at" in body
    me = client.get("/api/v1/me", headers=bearer(body["token"]))
    assert me.status_code == 200
    assert me.json()["username"] == "specialist_a"


def test_only_a_hash_of_the_token_is_stored(world, client):
    token = ask_for_token(client, "specialist_a", TEST_PASSWORD).json()["token"]

    stored = ApiToken.objects.get(user=world.specialist_a)
    assert stored.key_hash != token
    assert token not in stored.key_hash
    assert len(stored.key_hash) == 64


def test_wrong_password_gives_401_and_no_token(world, client):
    response = ask_for_token(client, "specialist_a", "not the password")

    assert response.status_code == 401
    assert "token" not in response.json()
    assert response.json()["detail"]
    assert not ApiToken.objects.exists()


def test_unknown_user_looks_the_same_as_a_wrong_password(world, client):
    wrong_password = ask_for_token(client, "specialist_a", "not the password")
    nobody = ask_for_token(client, "nobody_at_all", TEST_PASSWORD)

    assert nobody.status_code == wrong_password.status_code == 401
    assert nobody.json() == wrong_password.json()


def test_inactive_user_gets_no_token(world, client):
    world.specialist_a.is_active = False
    world.specialist_a.save()

    response = ask_for_token(client, "specialist_a", TEST_PASSWORD)

    assert response.status_code == 401
    assert "token" not in response.json()
    assert not ApiToken.objects.exists()


def test_missing_credentials_are_a_422_not_a_token(world, client):
    response = client.post(TOKEN_URL, {"username": "specialist_a"}, content_type="application/json")

    assert response.status_code == 422
    assert any("password" in error["loc"] for error in response.json()["detail"])
    assert not ApiToken.objects.exists()


def test_passwords_are_stored_with_argon2(world, client, settings):
    # The suite swaps in a fast hasher; put back what the project configures.
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = world.specialist_a
    user.set_password(TEST_PASSWORD)
    user.save()

    assert user.password.startswith("argon2")
    assert ask_for_token(client, "specialist_a", TEST_PASSWORD).status_code == 200


# --- using a token ------------------------------------------------------------------------------


def test_me_lists_memberships_with_their_roles(world, client):
    MembershipFactory(user=world.specialist_a, organisation=world.provider_a, role=Role.TEAM_LEAD)
    MembershipFactory(
        user=world.specialist_a,
        organisation=world.provider_b,
        role=Role.SPECIALIST,
        is_active=False,
    )
    token, _issued = api_token_issue(user=world.specialist_a)

    response = client.get("/api/v1/me", headers=bearer(token))

    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "specialist_a"
    assert body["language"] == "en"
    memberships = {(m["organisation_ref"], m["role"]) for m in body["memberships"]}
    assert memberships == {
        (world.provider_a.ref, Role.SPECIALIST),
        (world.provider_a.ref, Role.TEAM_LEAD),
    }
    labels = {m["role"]: m["role_label"] for m in body["memberships"]}
    assert labels[Role.TEAM_LEAD] == "Team lead"
    assert {m["organisation"] for m in body["memberships"]} == {world.provider_a.name}


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer ",
        "Bearer garbage-token-that-was-never-issued",
        "Basic c3BlYzpwYXNz",
        "Token x",
    ],
)
def test_missing_or_garbage_token_gives_401(world, client, authorization):
    headers = {"Authorization": authorization} if authorization is not None else {}

    for path in ("/api/v1/me", "/api/v1/participants", "/api/v1/referrals"):
        response = client.get(path, headers=headers)
        assert response.status_code == 401, path
        assert "items" not in response.json()
        assert world.participant.full_name not in response.content.decode()


def test_expired_token_gives_401(world, client):
    token, issued = api_token_issue(user=world.specialist_a)
    ApiToken.objects.filter(pk=issued.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    response = client.get("/api/v1/me", headers=bearer(token))

    assert response.status_code == 401


def test_token_of_a_deactivated_user_stops_working(world, client):
    token, _issued = api_token_issue(user=world.specialist_a)
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    world.specialist_a.is_active = False
    world.specialist_a.save()

    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    assert client.get("/api/v1/participants", headers=bearer(token)).status_code == 401


def test_a_session_cookie_is_not_an_api_credential(world, login):
    signed_in = login(world.specialist_a)

    response = signed_in.get("/api/v1/participants")

    assert response.status_code == 401


def test_a_token_from_one_user_sees_only_that_users_records(world, client):
    token_a, _ = api_token_issue(user=world.specialist_a)
    token_b, _ = api_token_issue(user=world.specialist_b)

    as_a = client.get("/api/v1/participants", headers=bearer(token_a)).json()
    as_b = client.get("/api/v1/participants", headers=bearer(token_b)).json()

    assert [item["ref"] for item in as_a["items"]] == [world.participant.ref]
    assert as_b == {"items": [], "count": 0}


def test_using_a_token_records_when_it_was_last_used(world, client):
    token, issued = api_token_issue(user=world.specialist_a)
    assert issued.last_used_at is None

    client.get("/api/v1/me", headers=bearer(token))

    issued.refresh_from_db()
    assert issued.last_used_at is not None


# --- the published description of the API ------------------------------------------------------


def test_openapi_schema_is_served_and_lists_the_paths(db, client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in (
        "/api/v1/participants",
        "/api/v1/referrals",
        "/api/v1/referrals/{ref}",
        "/api/v1/referrals/{ref}/accept",
        "/api/v1/referrals/{ref}/decline",
        "/api/v1/auth/token",
        "/api/v1/me",
    ):
        assert path in paths, path
    assert "post" in paths["/api/v1/auth/token"]
    assert "post" in paths["/api/v1/referrals/{ref}/accept"]


def test_only_the_token_endpoint_is_open_without_a_token(db, client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    open_operations = [
        (path, method)
        for path, operations in paths.items()
        for method, operation in operations.items()
        if not operation.get("security")
    ]

    assert open_operations == [("/api/v1/auth/token", "post")]


def test_me_for_a_referrer_lists_its_one_membership(world, client):
    token, _ = api_token_issue(user=world.referrer)

    body = client.get("/api/v1/me", headers=bearer(token)).json()

    assert [(m["organisation_ref"], m["role"]) for m in body["memberships"]] == [
        (world.gp_practice.ref, Role.REFERRER)
    ]
