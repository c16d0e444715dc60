"""The employment API: the same rules as the pages, spoken in JSON.

Employers and vacancies belong to the organisation that keeps them; placements, preferences and
matches follow the person's access rules; 404 for anything missing or not the caller's, alike;
422 with the field named for bad input, which changes nothing; outcomes counted one way only.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tandem.core.access import Role
from tandem.employment import services
from tandem.employment.models import (
    Employer,
    EmployerContact,
    FollowUp,
    InWorkSupport,
    JobPreferences,
    Placement,
    SustainmentCheck,
    Vacancy,
)
from tandem.organisations.models import Region
from tandem.participants.models import AccessLogEntry
from tandem.referrals.models import Enrolment, SupportStage
from tandem.testing.factories import ConsentFactory, ParticipantFactory, staff

NOT_FOUND = {"detail": "Not found."}
OUTSIDERS = ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]


def today() -> datetime.date:
    return timezone.localdate()


def ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


def fields_in(response) -> set[str]:
    """The field names that 422 messages point at."""
    return {
        part
        for error in response.json()["detail"]
        for part in error["loc"]
        if part not in ("body", "query")
    }


def put(client, path: str, body: dict):
    return client.client.put(
        f"/api/v1{path}", body, content_type="application/json", headers=client._headers()
    )


def enrol(world, participant=None, organisation=None) -> Enrolment:
    return Enrolment.objects.create(
        participant=participant or world.participant,
        programme=world.programme,
        organisation=organisation or world.provider_a,
        started_on=ago(200),
        stage=SupportStage.JOB_FINDING,
        stage_since=timezone.now(),
        key_worker=world.specialist_a,
        enrolled_by=world.specialist_a,
    )


def make_employer(world, organisation=None, actor=None, **data) -> Employer:
    organisation = organisation or world.provider_a
    data = {
        "name": "Tyne Stores",
        "region": organisation.region,
        "latitude": Decimal("54.97"),
        "longitude": Decimal("-1.61"),
        "adjustments_offered": ["flexible_hours"],
    } | data
    return services.employer_create(
        actor=actor or world.specialist_a, organisation=organisation, data=data
    )


def make_vacancy(world, employer, actor=None, **data) -> Vacancy:
    data = {
        "title": "Shop assistant",
        "occupation": "5223",
        "hours_per_week": Decimal("20"),
        "pay": Decimal("11.50"),
        "currency": "GBP",
        "contract": Vacancy.Contract.PERMANENT,
        "skills": ["customer service"],
        "adjustments_possible": ["flexible_hours"],
    } | data
    return services.vacancy_create(actor=actor or world.specialist_a, employer=employer, data=data)


def make_placement(world, enrolment, employer, started_on=None, **fields) -> Placement:
    fields = {
        "kind": Placement.Kind.EMPLOYED,
        "job_title": "Shop assistant",
        "hours_per_week": Decimal("20"),
    } | fields
    enrolment.refresh_from_db()  # placement_start reads the stage from the object it is given
    return services.placement_start(
        actor=world.specialist_a,
        enrolment=enrolment,
        employer=employer,
        started_on=started_on or ago(30),
        **fields,
    )


def prefer(world, participant=None, **data) -> JobPreferences:
    data = {
        "occupations": ["5223"],
        "skills": ["customer service"],
        "hours_min": Decimal("16"),
        "hours_max": Decimal("25"),
        "max_travel_km": 10,
        "home_latitude": Decimal("54.98"),
        "home_longitude": Decimal("-1.60"),
        "adjustments_needed": ["flexible_hours"],
        "wishes": "I would like shop work",
    } | data
    return services.job_preferences_set(
        actor=world.specialist_a, participant=participant or world.participant, data=data
    )


@pytest.fixture
def enrolment(world) -> Enrolment:
    return enrol(world)


@pytest.fixture
def employer(world) -> Employer:
    return make_employer(world)


@pytest.fixture
def vacancy(world, employer) -> Vacancy:
    return make_vacancy(world, employer)


@pytest.fixture
def placement(world, enrolment, employer) -> Placement:
    world.programme.follow_up_every_weeks = 4
    world.programme.save()
    return make_placement(world, enrolment, employer)


# --- who may see anything at all ----------------------------------------------------------------


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_get_404_or_nothing(world, api, vacancy, placement, persona):
    employer = vacancy.employer
    prefer(world)
    services.employer_contact_record(actor=world.specialist_a, employer=employer, method="visit")
    client = api(getattr(world, persona))
    for path in ["/employers", "/vacancies", "/placements"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.json() == {"items": [], "count": 0}, path
    person = f"/participants/{world.participant.ref}"
    for path in [
        f"/employers/{employer.ref}",
        f"/employers/{employer.ref}/contacts",
        "/employers/contacts/weekly?specialist=specialist_a",
        f"/vacancies/{vacancy.ref}",
        f"/vacancies/{vacancy.ref}/candidates",
        f"{person}/matches",
        f"{person}/preferences",
        f"/placements/{placement.ref}",
        f"/placements/{placement.ref}/support",
        f"/placements/{placement.ref}/checks",
        f"/placements/{placement.ref}/follow-ups",
    ]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == NOT_FOUND
    assert not AccessLogEntry.objects.filter(user=getattr(world, persona)).exists()


@pytest.mark.parametrize("persona", [*OUTSIDERS, "clinician_on_team"])
def test_only_staff_of_the_organisation_may_write(world, api, vacancy, placement, persona):
    employer = vacancy.employer
    check = placement.checks.get(weeks=13)
    follow_up = placement.follow_ups.first()
    client = api(getattr(world, persona))
    person = f"/participants/{world.participant.ref}"
    writes = [
        ("patch", f"/employers/{employer.ref}", {"name": "Renamed"}),
        ("post", f"/employers/{employer.ref}/contacts", {"method": "phone"}),
        ("post", f"/vacancies/{vacancy.ref}/status", {"status": "closed"}),
        ("put", f"{person}/preferences", {"occupations": ["4110"]}),
        (
            "post",
            f"{person}/placements",
            {
                "enrolment_ref": placement.enrolment.ref,
                "kind": "employed",
                "job_title": "Clerk",
                "started_on": ago(1).isoformat(),
                "hours_per_week": 20,
                "employer_ref": employer.ref,
            },
        ),
        ("post", f"/placements/{placement.ref}/end", {"reason": "resigned"}),
        ("post", f"/placements/{placement.ref}/support", {"with_whom": "person", "summary": "x"}),
        (
            "post",
            f"/placements/{placement.ref}/checks/{check.ref}",
            {"in_work": True, "evidence": "payslip", "checked_on": ago(0).isoformat()},
        ),
        ("post", f"/placements/{placement.ref}/follow-ups/{follow_up.ref}", {"note": "Fine"}),
    ]
    for method, path, body in writes:
        if method == "put":
            response = put(client, path, body)
        else:
            response = getattr(client, method)(path, body)
        assert response.status_code == 404, path
        assert response.json() == NOT_FOUND
    employer.refresh_from_db()
    vacancy.refresh_from_db()
    placement.refresh_from_db()
    check.refresh_from_db()
    assert employer.name == "Tyne Stores"
    assert vacancy.status == Vacancy.Status.OPEN
    assert placement.ended_on is None
    assert check.status == SustainmentCheck.Status.DUE
    assert Placement.objects.count() == 1
    assert not EmployerContact.objects.exists()
    assert not InWorkSupport.objects.exists()
    assert not JobPreferences.objects.exists()
    assert not FollowUp.objects.filter(done_on__isnull=False).exists()


def test_the_clinician_on_the_team_reads_the_placement_but_no_employers(world, api, placement):
    client = api(world.clinician_on_team)
    response = client.get(f"/placements/{placement.ref}")
    assert response.status_code == 200
    assert response.json()["job_title"] == "Shop assistant"
    assert client.get("/placements").json()["count"] == 1
    assert client.get(f"/placements/{placement.ref}/checks").json()["count"] == 3
    assert client.get("/employers").json()["count"] == 0
    assert client.get(f"/employers/{placement.employer.ref}").status_code == 404
    assert client.get(f"/participants/{world.participant.ref}/matches").json() == []


def test_those_without_a_staff_role_cannot_create_employers_or_vacancies(world, api, employer):
    for persona in ["referrer", "programme_manager", "clinician_off_team"]:
        client = api(getattr(world, persona))
        assert client.post("/employers", {"name": "Nope"}).status_code == 404
        body = {
            "employer_ref": employer.ref,
            "title": "x",
            "occupation": "5223",
            "hours_per_week": 10,
            "contract": "permanent",
        }
        assert client.post("/vacancies", body).status_code == 404
    assert Employer.objects.count() == 1
    assert not Vacancy.objects.exists()


# --- employers ------------------------------------------------------------------------------------


def test_employer_create_list_search_and_change(world, api):
    client = api(world.specialist_a)
    response = client.post(
        "/employers",
        {
            "name": "Quayside Café",
            "sector": "Hospitality",
            "size": "small",
            "contact_phone": "0191 498 0000",
            "adjustments_offered": ["rest_breaks", "flexible_hours"],
            "disclosure_stance": "welcomes",
        },
    )
    assert response.status_code == 201
    created = response.json()
    assert created["organisation"]["ref"] == world.provider_a.ref
    assert created["region"]["name"] == "North East"
    assert created["adjustments_offered"] == ["flexible_hours", "rest_breaks"]
    assert created["contact_phone"] != "0191 498 0000"  # stored in one canonical form
    make_employer(world, name="Tyne Stores")
    make_employer(world, organisation=world.provider_b, actor=world.specialist_b, name="Café B")
    listed = client.get("/employers").json()
    assert [item["name"] for item in listed["items"]] == ["Quayside Café", "Tyne Stores"]
    assert client.get("/employers", search="café").json()["count"] == 1

    response = client.patch(
        f"/employers/{created['ref']}", {"contact_name": "Sam Lee", "accessibility": None}
    )
    assert response.status_code == 200
    assert response.json()["contact_name"] == "Sam Lee"
    assert response.json()["accessibility"] == ""
    assert response.json()["name"] == "Quayside Café"
    assert client.get(f"/employers/{created['ref']}").json()["contact_name"] == "Sam Lee"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "X", "size": "huge"}, "size"),
        ({"name": "X", "adjustments_offered": ["teleport"]}, "adjustments_offered"),
        ({"name": "X", "latitude": 54.9}, "latitude"),
        ({"name": "X", "region_id": 999999}, "region_id"),
    ],
)
def test_invalid_employer_is_refused(world, api, body, field):
    response = api(world.specialist_a).post("/employers", body)
    assert response.status_code == 422
    assert field in fields_in(response)
    assert not Employer.objects.exists()


def test_a_region_of_another_country_is_refused(world, api, employer):
    denmark = Region.objects.create(name="Danmark", kind=Region.Kind.COUNTRY, country_code="DK")
    response = api(world.specialist_a).patch(
        f"/employers/{employer.ref}", {"region_id": denmark.pk}
    )
    assert response.status_code == 422
    assert fields_in(response) == {"region_id"}
    employer.refresh_from_db()
    assert employer.region == world.provider_a.region


def test_working_for_two_organisations_means_naming_one(world, api):
    both = staff("both", world.provider_a, Role.SPECIALIST)
    staff("both", world.provider_b, Role.SPECIALIST)
    client = api(both)
    response = client.post("/employers", {"name": "Somewhere"})
    assert response.status_code == 422
    assert fields_in(response) == {"organisation_ref"}
    response = client.post("/employers", {"name": "Somewhere", "organisation_ref": world.trust.ref})
    assert response.status_code == 422
    assert not Employer.objects.exists()
    response = client.post(
        "/employers", {"name": "Somewhere", "organisation_ref": world.provider_b.ref}
    )
    assert response.status_code == 201
    assert response.json()["organisation"]["ref"] == world.provider_b.ref


def test_employer_contacts_and_the_weekly_count(world, api, employer):
    client = api(world.specialist_a)
    response = client.post(
        f"/employers/{employer.ref}/contacts",
        {"method": "visit", "met_hiring_manager": True, "summary": "Met the store manager"},
    )
    assert response.status_code == 201
    assert response.json()["specialist"]["username"] == "specialist_a"
    client.post(f"/employers/{employer.ref}/contacts", {"method": "email"})
    listed = client.get(f"/employers/{employer.ref}/contacts").json()
    assert listed["count"] == 2

    weekly = client.get("/employers/contacts/weekly").json()
    assert weekly["specialist"]["username"] == "specialist_a"
    assert len(weekly["weeks"]) == 8
    assert weekly["weeks"][0]["contacts"] == 2
    assert weekly["weeks"][0]["met_hiring_manager"] == 1
    assert len(client.get("/employers/contacts/weekly", weeks=4).json()["weeks"]) == 4

    lead = staff("lead_a", world.provider_a, Role.TEAM_LEAD)
    seen = api(lead).get("/employers/contacts/weekly", specialist="specialist_a").json()
    assert seen["weeks"][0]["contacts"] == 2
    colleague = staff("colleague_a", world.provider_a, Role.SPECIALIST)
    for user, name in [(colleague, "specialist_a"), (lead, "nobody_at_all")]:
        response = api(user).get("/employers/contacts/weekly", specialist=name)
        assert response.status_code == 404


def test_invalid_employer_contact_is_refused(world, api, employer):
    client = api(world.specialist_a)
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    for body, field in [
        ({"method": "pigeon"}, "method"),
        ({"method": "phone", "contacted_on": tomorrow}, "contacted_on"),
    ]:
        response = client.post(f"/employers/{employer.ref}/contacts", body)
        assert response.status_code == 422
        assert field in fields_in(response)
    assert not EmployerContact.objects.exists()


# --- vacancies ------------------------------------------------------------------------------------


def vacancy_body(employer, **changes) -> dict:
    return {
        "employer_ref": employer.ref,
        "title": "Office clerk",
        "occupation": "4110",
        "hours_per_week": 30,
        "contract": "fixed_term",
        "pay": "24000",
        "pay_period": "year",
        "skills": ["Filing", "spreadsheets"],
        "closing_on": (today() + datetime.timedelta(days=20)).isoformat(),
    } | changes


def test_vacancy_create_with_occupation_label_in_the_callers_language(world, api, employer):
    contact = services.employer_contact_record(
        actor=world.specialist_a, employer=employer, method="visit"
    )
    response = api(world.specialist_a).post(
        "/vacancies", vacancy_body(employer, source_contact_ref=contact.ref)
    )
    assert response.status_code == 201
    created = response.json()
    assert created["occupation"] == {"code": "4110", "label": "General office clerks"}
    assert created["employer"]["ref"] == employer.ref
    assert created["currency"] == "GBP"  # the currency of the organisation's programme
    assert created["pay"] == "24000.00"
    assert created["source_contact_ref"] == contact.ref
    assert created["latitude"] == 54.97  # the employer's place when none is given

    danish = staff("dansk", world.provider_a, Role.SPECIALIST, language="da")
    seen = api(danish).get(f"/vacancies/{created['ref']}").json()
    assert seen["occupation"] == {"code": "4110", "label": "Almindeligt kontorarbejde"}


def test_vacancy_filters_and_status(world, api, employer, vacancy):
    client = api(world.specialist_a)
    clerk = make_vacancy(world, employer, title="Clerk", occupation="4110")
    other = make_employer(world, name="Other Ltd")
    make_vacancy(world, other, title="Cleaner", occupation="9112")
    make_vacancy(
        world,
        make_employer(world, organisation=world.provider_b, actor=world.specialist_b),
        actor=world.specialist_b,
        title="Elsewhere",
    )

    def titles(**params) -> list[str]:
        return sorted(item["title"] for item in client.get("/vacancies", **params).json()["items"])

    assert titles() == ["Cleaner", "Clerk", "Shop assistant"]
    assert titles(occupation="5") == ["Shop assistant"]
    assert titles(occupation="41") == ["Clerk"]
    assert titles(employer_ref=other.ref) == ["Cleaner"]

    response = client.post(f"/vacancies/{clerk.ref}/status", {"status": "filled"})
    assert response.status_code == 200
    assert response.json()["status"] == "filled"
    assert titles(status="open") == ["Cleaner", "Shop assistant"]
    assert titles(status="filled") == ["Clerk"]

    for params, field in [({"status": "gone"}, "status"), ({"occupation": "52x"}, "occupation")]:
        response = client.get("/vacancies", **params)
        assert response.status_code == 422
        assert field in fields_in(response)
    response = client.post(f"/vacancies/{vacancy.ref}/status", {"status": "gone"})
    assert response.status_code == 422
    assert fields_in(response) == {"status"}
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.OPEN


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"occupation": "9999"}, "occupation"),
        ({"occupation": "41"}, "occupation"),
        ({"hours_per_week": 0}, "hours_per_week"),
        ({"title": " "}, "title"),
        ({"contract": "forever"}, "contract"),
        ({"currency": "EUR"}, "currency"),
        ({"closing_on": "2001-01-01"}, "closing_on"),
        ({"source_contact_ref": "nosuchcontact"}, "source_contact_ref"),
        ({"adjustments_possible": ["teleport"]}, "adjustments_possible"),
    ],
)
def test_invalid_vacancy_is_refused(world, api, employer, changes, field):
    response = api(world.specialist_a).post("/vacancies", vacancy_body(employer, **changes))
    assert response.status_code == 422
    assert field in fields_in(response)
    assert not Vacancy.objects.exists()


def test_a_vacancy_for_another_organisations_employer_is_refused(world, api):
    theirs = make_employer(world, organisation=world.provider_b, actor=world.specialist_b)
    response = api(world.specialist_a).post("/vacancies", vacancy_body(theirs))
    assert response.status_code == 422
    assert fields_in(response) == {"employer_ref"}
    assert not Vacancy.objects.exists()


def test_candidates_are_the_people_the_caller_may_see_ranked(world, api, enrolment, vacancy):
    prefer(world)
    weaker = ParticipantFactory(owning_organisation=world.provider_a, full_name="Bo Weaker")
    enrol(world, participant=weaker)
    prefer(world, participant=weaker, occupations=["9112"], adjustments_needed=["step_free"])
    elsewhere = ParticipantFactory(owning_organisation=world.provider_b, full_name="Hidden")
    enrol(world, participant=elsewhere, organisation=world.provider_b)
    prefer(world, participant=elsewhere)

    response = api(world.specialist_a).get(f"/vacancies/{vacancy.ref}/candidates")
    assert response.status_code == 200
    ranked = response.json()
    assert [row["participant"]["full_name"] for row in ranked] == ["Alex Morgan", "Bo Weaker"]
    assert ranked[0]["score"] > ranked[1]["score"]
    factors = {reason["factor"]: reason for reason in ranked[0]["reasons"]}
    assert factors["occupation"]["good"] is True
    assert factors["occupation"]["text"] == "An occupation the person wants."
    best = api(world.specialist_a).get(f"/vacancies/{vacancy.ref}/candidates", limit=1).json()
    assert [row["participant"]["ref"] for row in best] == [world.participant.ref]


# --- preferences and matches ----------------------------------------------------------------------


def test_preferences_read_and_replace(world, api):
    client = api(world.specialist_a)
    path = f"/participants/{world.participant.ref}/preferences"
    empty = client.get(path).json()
    assert empty["occupations"] == []
    assert empty["updated_at"] is None
    response = put(
        client,
        path,
        {
            "occupations": ["5223", "4110"],
            "skills": ["Till", " customer service "],
            "hours_min": 16,
            "hours_max": 25,
            "max_travel_km": 10,
            "home_region_id": world.provider_a.region.pk,
            "adjustments_needed": ["rest_breaks"],
            "wishes": "Shop work, mornings",
        },
    )
    assert response.status_code == 200
    saved = response.json()
    assert saved["occupations"] == [
        {"code": "4110", "label": "General office clerks"},
        {"code": "5223", "label": "Shop sales assistants"},
    ]
    assert saved["skills"] == ["Till", "customer service"]
    assert saved["home_region"]["name"] == "North East"
    assert saved["updated_at"] is not None
    # A PUT is the whole of the preferences: what is left out is cleared.
    put(client, path, {"occupations": ["5223"]})
    again = client.get(path).json()
    assert again["skills"] == []
    assert again["home_region"] is None
    assert AccessLogEntry.objects.filter(
        user=world.specialist_a, channel=AccessLogEntry.Channel.API
    ).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"occupations": ["9999"]}, "occupations"),
        ({"hours_min": 30, "hours_max": 20}, "hours_max"),
        ({"adjustments_needed": ["teleport"]}, "adjustments_needed"),
        ({"home_region_id": 999999}, "home_region_id"),
        ({"home_latitude": 54.9}, "home_latitude"),
    ],
)
def test_invalid_preferences_are_refused(world, api, body, field):
    prefer(world)
    response = put(
        api(world.specialist_a), f"/participants/{world.participant.ref}/preferences", body
    )
    assert response.status_code == 422
    assert field in fields_in(response)
    assert JobPreferences.objects.get().occupations == ["5223"]


def test_matches_rank_vacancies_with_reasons_and_log_the_read(world, api, employer):
    prefer(world)
    far = make_employer(
        world, name="Far Away", latitude=Decimal("51.5"), longitude=Decimal("-0.12")
    )
    make_vacancy(world, far, title="Night cleaner", occupation="9112", hours_per_week=Decimal(40))
    good = make_vacancy(world, employer)
    client = api(world.specialist_a)
    path = f"/participants/{world.participant.ref}/matches"
    response = client.get(path)
    assert response.status_code == 200
    ranked = response.json()
    assert ranked[0]["vacancy"]["ref"] == good.ref
    assert ranked[0]["score"] == 100
    assert ranked[0]["vacancy"]["occupation"]["label"] == "Shop sales assistants"
    assert ranked[1]["score"] < ranked[0]["score"]
    bad = {reason["factor"] for reason in ranked[1]["reasons"] if not reason["good"]}
    assert {"occupation", "hours", "travel"} <= bad
    assert len(client.get(path, limit=1).json()) == 1
    assert client.get(path, limit=0).status_code == 422
    assert AccessLogEntry.objects.filter(
        participant=world.participant,
        user=world.specialist_a,
        action=AccessLogEntry.Action.VIEW_RECORD,
        channel=AccessLogEntry.Channel.API,
    ).exists()


def test_no_preferences_means_no_matches(world, api, vacancy):
    response = api(world.specialist_a).get(f"/participants/{world.participant.ref}/matches")
    assert response.json() == []


# --- placements -----------------------------------------------------------------------------------


def placement_body(enrolment, employer, **changes) -> dict:
    return {
        "enrolment_ref": enrolment.ref,
        "kind": "employed",
        "job_title": "Shop assistant",
        "started_on": ago(10).isoformat(),
        "hours_per_week": 20,
        "employer_ref": employer.ref,
        "pay": "11.50",
    } | changes


def test_placement_start_schedules_checks_and_moves_the_stage(world, api, enrolment, vacancy):
    world.programme.follow_up_every_weeks = 13
    world.programme.save()
    client = api(world.specialist_a)
    body = placement_body(enrolment, vacancy.employer, vacancy_ref=vacancy.ref)
    del body["employer_ref"]
    response = client.post(f"/participants/{world.participant.ref}/placements", body)
    assert response.status_code == 201
    created = response.json()
    started = ago(10)
    assert [(c["weeks"], c["due_on"], c["status"]) for c in created["checks"]] == [
        (weeks, (started + datetime.timedelta(weeks=weeks)).isoformat(), "due")
        for weeks in (13, 26, 52)
    ]
    assert len(created["follow_ups"]) == 4
    assert created["employer"]["ref"] == vacancy.employer.ref
    assert created["vacancy_ref"] == vacancy.ref
    assert created["occupation"]["code"] == "5223"
    assert created["currency"] == "GBP"
    assert created["is_job_outcome"] is True
    assert created["programme"]["ref"] == world.programme.ref
    enrolment.refresh_from_db()
    assert enrolment.stage == SupportStage.ON_OFF_JOB_SUPPORT

    listed = client.get("/placements").json()
    assert listed["count"] == 1
    assert listed["items"][0]["participant"]["full_name"] == "Alex Morgan"
    assert client.get("/placements", status="current").json()["count"] == 1
    assert client.get("/placements", status="ended").json()["count"] == 0
    assert client.get("/placements", status="lost").status_code == 422


def test_a_short_job_is_no_job_outcome(world, api, enrolment, employer):
    response = api(world.specialist_a).post(
        f"/participants/{world.participant.ref}/placements",
        placement_body(enrolment, employer, hours_per_week=8),
    )
    assert response.status_code == 201
    assert response.json()["is_job_outcome"] is False


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"occupation": "9999"}, "occupation"),
        ({"disclosed_to_employer": True}, "disclosed_to_employer"),
        ({"enrolment_ref": "nosuchthing"}, "enrolment_ref"),
        ({"vacancy_ref": "nosuchthing"}, "vacancy_ref"),
        ({"kind": "volunteer"}, "kind"),
        ({"kind": "self_employed", "employer_ref": None}, "earnings_evidence"),
        ({"employer_ref": None}, "employer_ref"),
        ({"hours_per_week": 0}, "hours_per_week"),
        ({"started_on": "2000-01-01"}, "started_on"),
        ({"pay_period": "week"}, "pay_period"),
    ],
)
def test_invalid_placement_is_refused_and_changes_nothing(
    world, api, enrolment, employer, changes, field
):
    response = api(world.specialist_a).post(
        f"/participants/{world.participant.ref}/placements",
        placement_body(enrolment, employer, **changes),
    )
    assert response.status_code == 422
    assert field in fields_in(response)
    assert not Placement.objects.exists()
    assert not SustainmentCheck.objects.exists()
    enrolment.refresh_from_db()
    assert enrolment.stage == SupportStage.JOB_FINDING


def test_an_employer_of_another_organisation_is_refused(world, api, enrolment):
    theirs = make_employer(world, organisation=world.provider_b, actor=world.specialist_b)
    response = api(world.specialist_a).post(
        f"/participants/{world.participant.ref}/placements", placement_body(enrolment, theirs)
    )
    assert response.status_code == 422
    assert fields_in(response) == {"employer_ref"}
    assert not Placement.objects.exists()


def test_disclosure_with_consent_is_recorded(world, api, enrolment, employer):
    ConsentFactory(
        participant=world.participant,
        purpose="employer_disclosure",
        recorded_by=world.specialist_a,
    )
    response = api(world.specialist_a).post(
        f"/participants/{world.participant.ref}/placements",
        placement_body(
            enrolment,
            employer,
            disclosed_to_employer=True,
            adjustments_agreed=["flexible_hours"],
            adjustments_note="Starts at 10 on clinic days",
        ),
    )
    assert response.status_code == 201
    assert response.json()["disclosed_to_employer"] is True
    assert response.json()["adjustments_agreed"] == ["flexible_hours"]


def test_placement_detail_logs_the_read_and_another_persons_is_404(world, api, placement):
    client = api(world.specialist_a)
    response = client.get(f"/placements/{placement.ref}")
    assert response.status_code == 200
    assert response.json()["participant"]["ref"] == world.participant.ref
    assert AccessLogEntry.objects.filter(
        participant=world.participant, user=world.specialist_a
    ).exists()
    theirs = ParticipantFactory(owning_organisation=world.provider_b)
    their_enrolment = enrol(world, participant=theirs, organisation=world.provider_b)
    their_employer = make_employer(world, organisation=world.provider_b, actor=world.specialist_b)
    their_placement = make_placement(world, their_enrolment, their_employer)
    assert client.get(f"/placements/{their_placement.ref}").status_code == 404
    assert client.get("/placements/nosuchthing").status_code == 404
    # A check or follow-up of another placement is as missing as one that does not exist.
    their_check = their_placement.checks.first()
    response = client.post(
        f"/placements/{placement.ref}/checks/{their_check.ref}",
        {"in_work": True, "evidence": "payslip"},
    )
    assert response.status_code == 404


def test_in_work_support_is_recorded_and_listed(world, api, placement):
    client = api(world.specialist_a)
    path = f"/placements/{placement.ref}/support"
    response = client.post(
        path, {"with_whom": "employer", "summary": "Agreed a later start", "channel": "phone"}
    )
    assert response.status_code == 201
    assert response.json()["staff"]["username"] == "specialist_a"
    listed = client.get(path).json()
    assert listed["count"] == 1
    assert listed["items"][0]["with_whom"] == "employer"
    for body, field in [
        ({"with_whom": "cat", "summary": "x"}, "with_whom"),
        ({"with_whom": "person", "summary": " "}, "summary"),
    ]:
        response = client.post(path, body)
        assert response.status_code == 422
        assert field in fields_in(response)
    assert InWorkSupport.objects.count() == 1


def test_a_check_confirmed_without_evidence_is_refused(world, api, enrolment, employer):
    placement = make_placement(world, enrolment, employer, started_on=ago(7 * 13))
    check = placement.checks.get(weeks=13)
    client = api(world.specialist_a)
    path = f"/placements/{placement.ref}/checks/{check.ref}"
    response = client.post(path, {"in_work": True})
    assert response.status_code == 422
    assert fields_in(response) == {"evidence"}
    too_early = placement.checks.get(weeks=26)
    response = client.post(
        f"/placements/{placement.ref}/checks/{too_early.ref}",
        {"in_work": True, "evidence": "payslip"},
    )
    assert response.status_code == 422
    assert fields_in(response) == {"checked_on"}
    assert not SustainmentCheck.objects.exclude(status=SustainmentCheck.Status.DUE).exists()

    response = client.post(path, {"in_work": False, "note": "Left after a month"})
    assert response.status_code == 200
    assert response.json()["status"] == "not_in_work"
    assert response.json()["overdue"] is False


def test_checks_show_overdue_and_follow_ups_are_completed(world, api, enrolment, employer):
    world.programme.follow_up_every_weeks = 4
    world.programme.save()
    placement = make_placement(world, enrolment, employer, started_on=ago(7 * 14))
    client = api(world.specialist_a)
    checks = client.get(f"/placements/{placement.ref}/checks").json()["items"]
    assert [(c["weeks"], c["overdue"]) for c in checks] == [(13, True), (26, False), (52, False)]
    follow_ups = client.get(f"/placements/{placement.ref}/follow-ups").json()
    assert follow_ups["count"] == 13
    first = follow_ups["items"][0]
    assert first["overdue"] is True
    path = f"/placements/{placement.ref}/follow-ups/{first['ref']}"
    response = client.post(path, {"note": " "})
    assert response.status_code == 422
    assert fields_in(response) == {"note"}
    response = client.post(path, {"note": "Settled in well"})
    assert response.status_code == 200
    assert response.json()["done_by"]["username"] == "specialist_a"
    assert response.json()["overdue"] is False
    response = client.post(path, {"note": "Again"})
    assert response.status_code == 422
    assert FollowUp.objects.get(ref=first["ref"]).note == "Settled in well"


def test_ending_a_placement_keeps_its_history(world, api, placement):
    client = api(world.specialist_a)
    path = f"/placements/{placement.ref}/end"
    response = client.post(path, {"reason": "bored"})
    assert response.status_code == 422
    assert fields_in(response) == {"reason"}
    response = client.post(path, {"reason": "contract_ended", "note": "Seasonal job"})
    assert response.status_code == 200
    ended = response.json()
    assert ended["ended_on"] == today().isoformat()
    assert ended["end_reason"] == "contract_ended"
    assert {c["status"] for c in ended["checks"]} == {"not_in_work"}
    placement.enrolment.refresh_from_db()
    assert placement.enrolment.stage == SupportStage.JOB_FINDING
    assert client.get("/placements", status="ended").json()["count"] == 1
    assert client.post(path, {"reason": "other"}).status_code == 422


# --- outcomes -------------------------------------------------------------------------------------


def test_outcomes_for_delivering_staff_and_programme_managers(world, api, enrolment, employer):
    for _ in range(5):
        make_placement(world, enrolment, employer)
    make_placement(world, enrolment, employer, hours_per_week=Decimal(8))
    query = {"programme_ref": world.programme.ref}

    mine = api(world.specialist_a).get("/outcomes", **query).json()
    assert mine["scope"] == "visible"
    assert mine["job_outcomes"] == 5
    assert mine["suppressed"] is False
    assert mine["definition"]["job_outcome_min_hours"] == 16

    theirs = api(world.specialist_b).get("/outcomes", **query).json()
    assert (theirs["scope"], theirs["job_outcomes"], theirs["sustained_13"]) == ("visible", 0, 0)

    managed = api(world.programme_manager).get("/outcomes", **query).json()
    assert managed["scope"] == "programme"
    assert managed["job_outcomes"] == 5
    assert managed["sustained_13"] == 0
    assert managed["suppressed"] is False
    assert "items" not in managed and "participant" not in str(managed)

    for persona in ["referrer", "clinician_off_team", "clinician_on_team"]:
        response = api(getattr(world, persona)).get("/outcomes", **query)
        assert response.status_code == 404, persona
    assert api(world.specialist_a).get("/outcomes", programme_ref="nosuch").status_code == 404
    assert api(world.specialist_a).get("/outcomes").status_code == 422


def test_small_counts_are_suppressed_for_programme_managers(world, api, enrolment, employer):
    make_placement(world, enrolment, employer)
    managed = (
        api(world.programme_manager).get("/outcomes", programme_ref=world.programme.ref).json()
    )
    assert managed["job_outcomes"] is None
    assert managed["sustained_13"] == 0
    assert managed["suppressed"] is True


# --- the walk -------------------------------------------------------------------------------------


def test_api_walk_from_employer_to_a_sustained_job_outcome(world, api, enrolment):
    client = api(world.specialist_a)
    person = f"/participants/{world.participant.ref}"

    employer = client.post(
        "/employers",
        {
            "name": "Grainger Market Stores",
            "latitude": 54.97,
            "longitude": -1.61,
            "adjustments_offered": ["flexible_hours"],
        },
    ).json()
    contact = client.post(
        f"/employers/{employer['ref']}/contacts", {"method": "visit", "met_hiring_manager": True}
    ).json()
    vacancy = client.post(
        "/vacancies",
        {
            "employer_ref": employer["ref"],
            "title": "Shop assistant",
            "occupation": "5223",
            "hours_per_week": 20,
            "contract": "permanent",
            "skills": ["customer service"],
            "adjustments_possible": ["flexible_hours"],
            "source_contact_ref": contact["ref"],
        },
    )
    assert vacancy.status_code == 201
    vacancy = vacancy.json()
    client.post(
        "/vacancies",
        {
            "employer_ref": employer["ref"],
            "title": "Warehouse operative",
            "occupation": "9321",
            "hours_per_week": 40,
            "contract": "temporary",
        },
    )
    response = put(
        client,
        f"{person}/preferences",
        {
            "occupations": ["5223"],
            "skills": ["customer service"],
            "hours_min": 16,
            "hours_max": 25,
            "max_travel_km": 10,
            "home_latitude": 54.98,
            "home_longitude": -1.60,
            "adjustments_needed": ["flexible_hours"],
            "wishes": "Working in a shop",
        },
    )
    assert response.status_code == 200

    matches = client.get(f"{person}/matches").json()
    assert matches[0]["vacancy"]["ref"] == vacancy["ref"]
    assert matches[0]["score"] > matches[1]["score"]
    assert all(reason["good"] for reason in matches[0]["reasons"])
    assert {reason["factor"] for reason in matches[0]["reasons"]} >= {
        "occupation",
        "hours",
        "travel",
        "adjustments",
    }

    started_on = today() - datetime.timedelta(weeks=13)
    response = client.post(
        f"{person}/placements",
        {
            "enrolment_ref": enrolment.ref,
            "vacancy_ref": vacancy["ref"],
            "kind": "employed",
            "job_title": vacancy["title"],
            "started_on": started_on.isoformat(),
            "hours_per_week": 20,
            "pay": "11.44",
        },
    )
    assert response.status_code == 201
    placement = response.json()
    thirteen = next(check for check in placement["checks"] if check["weeks"] == 13)
    due_on = datetime.date.fromisoformat(thirteen["due_on"])
    assert due_on == started_on + datetime.timedelta(weeks=13)

    response = client.post(
        f"/placements/{placement['ref']}/checks/{thirteen['ref']}",
        {
            "in_work": True,
            "evidence": "payslip",
            "checked_on": (due_on - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.json()["status"] == "confirmed"
    assert response.json()["checked_by"]["username"] == "specialist_a"

    outcomes = client.get("/outcomes", programme_ref=world.programme.ref).json()
    assert outcomes["job_outcomes"] == 1
    assert outcomes["sustained_13"] == 1
    assert outcomes["sustained_26"] == 0
    assert outcomes["sustained_52"] == 0


# --- cost ----------------------------------------------------------------------------------------


def test_lists_cost_the_same_queries_however_many_rows(world, api, enrolment, employer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api(world.specialist_a)
    client.get("/me")  # the token's first use is recorded once; keep it out of the counts

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    make_placement(world, enrolment, employer)
    make_vacancy(world, employer)
    before = {path: queries(path) for path in ["/placements", "/vacancies", "/employers"]}
    for number in range(4):
        other = ParticipantFactory(owning_organisation=world.provider_a)
        make_placement(
            world, enrol(world, participant=other), make_employer(world, name=f"E{number}")
        )
        make_vacancy(world, employer, title=f"Job {number}")
    after = {path: queries(path) for path in before}
    assert after == before
