"""Personas shared by every test: the people the access model must tell apart.

A specialist in organisation A and one in organisation B; a clinician on the participant's
case team and one not on it; a social worker on it; a GP referrer; a programme manager.
"""

import os
from dataclasses import dataclass

os.environ.setdefault("TANDEM_ENV", "test")

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from tandem.core.access import Discipline, Role
from tandem.core.services import api_token_issue
from tandem.organisations.models import Organisation, Region, User
from tandem.participants.models import ConsentPurpose, Participant
from tandem.programmes.models import Programme
from tandem.testing.factories import (
    CaseTeamMemberFactory,
    ConsentFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    RegionFactory,
    staff,
)


@dataclass
class World:
    country: Region
    provider_a: Organisation
    provider_b: Organisation
    trust: Organisation
    gp_practice: Organisation
    authority: Organisation
    programme: Programme
    specialist_a: User
    specialist_b: User
    clinician_on_team: User
    clinician_off_team: User
    social_worker_on_team: User
    referrer: User
    programme_manager: User
    participant: Participant


@pytest.fixture(autouse=True)
def default_language():
    # A request as a Danish or Persian user leaves that language active in the thread:
    # each test starts from the site default, whichever test ran before it on this worker.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Argon2 is deliberately slow; tests create many users and check no password strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db) -> World:
    country = RegionFactory(name="United Kingdom", kind=Region.Kind.COUNTRY, country_code="GB")
    north_east = RegionFactory(name="North East", parent=country, country_code="GB")
    cumbria = RegionFactory(name="Cumbria", parent=country, country_code="GB")
    provider_a = OrganisationFactory(name="Provider A (North East)", region=north_east)
    provider_b = OrganisationFactory(name="Provider B (Cumbria)", region=cumbria)
    trust = OrganisationFactory(
        name="North East NHS Trust",
        kind=Organisation.Kind.HEALTH_TRUST,
        region=north_east,
        accepts_referrals=False,
    )
    gp_practice = OrganisationFactory(
        name="Riverside GP Practice",
        kind=Organisation.Kind.GP_PRACTICE,
        region=north_east,
        accepts_referrals=False,
    )
    authority = OrganisationFactory(
        name="Department for Work and Pensions",
        kind=Organisation.Kind.PROGRAMME_AUTHORITY,
        region=country,
        accepts_referrals=False,
    )
    programme = ProgrammeFactory(
        name="Connect to Work", owner=authority, delivered_by=[provider_a, provider_b]
    )
    specialist_a = staff("specialist_a", provider_a, Role.SPECIALIST)
    specialist_b = staff("specialist_b", provider_b, Role.SPECIALIST)
    clinician_on_team = staff("clinician_on", trust, Role.CLINICIAN)
    clinician_off_team = staff("clinician_off", trust, Role.CLINICIAN)
    social_worker = staff("social_on", provider_a, Role.SOCIAL_WORKER)
    referrer = staff("referrer_gp", gp_practice, Role.REFERRER)
    programme_manager = staff("manager", authority, Role.PROGRAMME_MANAGER)
    participant = ParticipantFactory(owning_organisation=provider_a, full_name="Alex Morgan")
    CaseTeamMemberFactory(
        participant=participant, user=specialist_a, discipline=Discipline.EMPLOYMENT
    )
    CaseTeamMemberFactory(
        participant=participant, user=clinician_on_team, discipline=Discipline.HEALTH
    )
    CaseTeamMemberFactory(participant=participant, user=social_worker, discipline=Discipline.SOCIAL)
    ConsentFactory(participant=participant, recorded_by=specialist_a)
    ConsentFactory(
        participant=participant, purpose=ConsentPurpose.HEALTH_SHARING, recorded_by=specialist_a
    )
    return World(
        country=country,
        provider_a=provider_a,
        provider_b=provider_b,
        trust=trust,
        gp_practice=gp_practice,
        authority=authority,
        programme=programme,
        specialist_a=specialist_a,
        specialist_b=specialist_b,
        clinician_on_team=clinician_on_team,
        clinician_off_team=clinician_off_team,
        social_worker_on_team=social_worker,
        referrer=referrer,
        programme_manager=programme_manager,
        participant=participant,
    )


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


class ApiClient:
    """A test client that speaks JSON with a bearer token, like an integration would."""

    def __init__(self, user: User) -> None:
        self.token, _issued = api_token_issue(user=user)
        self.client = Client()

    def _headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, **params):
        return self.client.get(f"/api/v1{path}", params, headers=self._headers())

    def post(self, path: str, data: dict | None = None):
        return self.client.post(
            f"/api/v1{path}", data or {}, content_type="application/json", headers=self._headers()
        )

    def patch(self, path: str, data: dict):
        return self.client.patch(
            f"/api/v1{path}", data, content_type="application/json", headers=self._headers()
        )


@pytest.fixture
def login():
    return client_for


@pytest.fixture
def api():
    return ApiClient
