"""The wrong person gets nothing from the pages and endpoints the other test files do not
already try with one: 404 (or no rows), and nothing changes."""

import datetime

import pytest

from tandem.monitoring.models import FollowUpAction, MonitoredProject, MonitoringPlan, Visit
from tandem.monitoring.tests import factories

D = datetime.date


@pytest.fixture
def mashhad_project(place):
    return factories.project(place.programme, place.mashhad, place.officer, name="Mine")


@pytest.fixture
def open_action(place, mashhad_project):
    return factories.action(
        factories.visit(mashhad_project, place.officer, D(2025, 2, 1)), D(2025, 3, 1)
    )


def _outsiders(place):
    return (place.specialist, place.finance_officer, place.manager, place.outsider_manager)


def test_pages_of_officers_only_are_404_for_others(place, login, mashhad_project):
    for user in _outsiders(place):
        client = login(user)
        assert client.get("/monitoring/due/").status_code == 404
        assert client.get("/monitoring/projects/new/").status_code == 404
        assert client.post("/monitoring/projects/register-loans/").status_code == 404
    for user in (place.specialist, place.finance_officer):
        assert login(user).get("/monitoring/").status_code == 404
    # Any programme manager is sent on to the coverage, which has nothing for another owner's.
    assert login(place.outsider_manager).get("/monitoring/", follow=True).status_code == 404
    assert MonitoredProject.objects.count() == 1


def test_due_list_holds_only_the_officers_counties(place, login, mashhad_project):
    assert "Mine" in login(place.officer).get("/monitoring/due/").content.decode()
    narrowed = login(place.narrowed_officer).get("/monitoring/due/")
    assert narrowed.status_code == 200 and "Mine" not in narrowed.content.decode()


def test_new_project_in_another_officers_county_is_refused(place, login):
    response = login(place.narrowed_officer).post(
        "/monitoring/projects/new/",
        {
            "programme": place.programme.ref,
            "name": "Elsewhere",
            "kind": MonitoredProject.Kind.EMPLOYMENT_PROJECT,
            "county": str(place.mashhad.pk),
            "funded_amount": "1000",
            "jobs_planned": "1",
            "started_on": "2025-01-01",
        },
    )
    assert response.status_code == 422
    assert not MonitoredProject.objects.exists()


def test_reopen_is_404_for_the_wrong_people(place, login, mashhad_project):
    mashhad_project.status = MonitoredProject.Status.CLOSED
    mashhad_project.closed_on = D(2025, 1, 1)
    mashhad_project.save()
    for user in (place.narrowed_officer, place.county_officer, *_outsiders(place)):
        response = login(user).post(f"/monitoring/projects/{mashhad_project.ref}/reopen/")
        assert response.status_code == 404
    mashhad_project.refresh_from_db()
    assert mashhad_project.status == MonitoredProject.Status.CLOSED


def test_completing_an_action_is_404_for_the_wrong_people(place, login, open_action):
    for user in (place.county_officer, *_outsiders(place)):
        response = login(user).post(
            f"/monitoring/actions/{open_action.ref}/complete/", {"done_on": "2025-02-05"}
        )
        assert response.status_code == 404
    open_action.refresh_from_db()
    assert not open_action.done


def test_plans_are_404_outside_the_officers_counties(place, login, mashhad_project):
    url = (
        f"/monitoring/plans/edit/?programme={place.programme.ref}"
        f"&county={place.mashhad.pk}&period=1404"
    )
    for user in (place.narrowed_officer, place.county_officer, *_outsiders(place)):
        client = login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"planned_in_person": "1", "planned_remote": "1"}).status_code == (
            404
        )
    assert not MonitoringPlan.objects.exists()


def test_coverage_exports_are_404_for_the_wrong_people(place, login, mashhad_project):
    for user in (place.specialist, place.finance_officer, place.outsider_manager):
        client = login(user)
        assert client.get("/monitoring/coverage/export.csv?period=1403").status_code == 404
        assert client.get("/monitoring/coverage/export.xlsx?period=1403").status_code == 404


# ---------------------------------------------------------------- API


def test_api_writes_are_404_for_people_who_monitor_nothing(place, api, mashhad_project):
    for user in _outsiders(place):
        client = api(user)
        created = client.post(
            "/monitoring/projects",
            {
                "programme_ref": place.programme.ref,
                "county_id": place.mashhad.pk,
                "name": "Elsewhere",
                "funded_amount": "1000",
                "started_on": "2025-01-01",
            },
        )
        assert created.status_code == 404
        assert client.post("/monitoring/projects/register-loans").status_code == 404
        visit = client.post(
            "/monitoring/visits",
            {
                "project_ref": mashhad_project.ref,
                "mode": "remote",
                "visited_on": "2025-02-01",
                "business_active": True,
                "jobs_filled": 1,
            },
        )
        assert visit.status_code == 404
        plan = client.client.put(
            "/api/v1/monitoring/plans",
            {
                "programme_ref": place.programme.ref,
                "county_id": place.mashhad.pk,
                "period_key": "1404",
                "planned_in_person": 1,
                "planned_remote": 1,
            },
            content_type="application/json",
            headers=client._headers(),
        )
        assert plan.status_code == 404
        assert client.get("/monitoring/actions").status_code == 404
        assert client.get("/monitoring/plans").status_code == 404
    assert MonitoredProject.objects.count() == 1
    assert not Visit.objects.exists()
    assert not MonitoringPlan.objects.exists()


def test_api_other_counties_are_404_or_refused(place, api, mashhad_project, open_action):
    client = api(place.narrowed_officer)
    visit = client.post(
        "/monitoring/visits",
        {
            "project_ref": mashhad_project.ref,
            "mode": "remote",
            "visited_on": "2025-02-01",
            "business_active": True,
            "jobs_filled": 1,
        },
    )
    assert visit.status_code == 404
    assert client.post(f"/monitoring/actions/{open_action.ref}/complete", {}).status_code == 404
    for user in _outsiders(place):
        response = api(user).post(f"/monitoring/actions/{open_action.ref}/complete", {})
        assert response.status_code == 404
    created = client.post(
        "/monitoring/projects",
        {
            "programme_ref": place.programme.ref,
            "county_id": place.mashhad.pk,
            "name": "Elsewhere",
            "funded_amount": "1000",
            "started_on": "2025-01-01",
        },
    )
    assert created.status_code == 422
    assert Visit.objects.count() == 1
    assert MonitoredProject.objects.count() == 1
    assert not FollowUpAction.objects.filter(done=True).exists()
