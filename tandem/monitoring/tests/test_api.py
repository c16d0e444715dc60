import datetime
from decimal import Decimal

import pytest

from tandem.monitoring.models import FollowUpAction, MonitoringPlan, Visit
from tandem.monitoring.tests import factories

D = datetime.date


@pytest.fixture
def projects(place):
    return (
        factories.project(place.programme, place.mashhad, place.officer, name="Mine"),
        factories.project(place.programme, place.tehran_county, place.officer, name="Not mine"),
    )


def test_projects_only_in_own_counties(place, api, projects):
    mine, other = projects
    client = api(place.officer)
    body = client.get("/monitoring/projects").json()
    assert [item["name"] for item in body["items"]] == ["Mine"]
    assert body["items"][0]["currency"] == "IRR"
    assert client.get(f"/monitoring/projects/{other.ref}").status_code == 404
    assert client.get(f"/monitoring/projects/{mine.ref}").status_code == 200
    for user in (place.narrowed_officer, place.county_officer, place.specialist, place.manager):
        assert api(user).get(f"/monitoring/projects/{mine.ref}").status_code == 404
    for user in (place.specialist, place.manager):
        assert api(user).get("/monitoring/projects").status_code == 404
        assert api(user).get("/monitoring/visits").status_code == 404


def test_record_visit_and_complete_action(place, api, projects):
    mine, other = projects
    client = api(place.officer)
    response = client.post(
        "/monitoring/visits",
        {
            "project_ref": mine.ref,
            "mode": "in_person",
            "visited_on": "2025-03-21",
            "business_active": True,
            "jobs_filled": 2,
            "actions": [
                {"description": "Renew the permit", "due_on": "2025-04-30", "assignee": "monitor"}
            ],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["instalments_up_to_date"] is None
    action_ref = body["actions"][0]["ref"]
    listed = client.get("/monitoring/actions").json()
    assert [a["ref"] for a in listed["items"]] == [action_ref]
    assert (
        api(place.narrowed_officer)
        .post(f"/monitoring/actions/{action_ref}/complete", {})
        .status_code
        == 404
    )
    done = client.post(f"/monitoring/actions/{action_ref}/complete", {"done_on": "2025-04-01"})
    assert done.status_code == 200 and done.json()["done"] is True
    again = client.post(f"/monitoring/actions/{action_ref}/complete", {})
    assert again.status_code == 422
    # Another county's project: 404, nothing written.
    response = client.post(
        "/monitoring/visits",
        {
            "project_ref": other.ref,
            "mode": "remote",
            "visited_on": "2025-03-21",
            "business_active": True,
            "jobs_filled": 1,
        },
    )
    assert response.status_code == 404
    assert Visit.objects.count() == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"mode": "phone"},
        {"visited_on": "2999-01-01"},
        {"jobs_filled": -3},
        {"actions": [{"description": "x", "due_on": "2025-01-01"}]},
        {"actions": [{"description": "x", "due_on": "2025-05-01", "assignee": "specialist"}]},
    ],
)
def test_bad_visits_are_422_and_change_nothing(place, api, projects, changes):
    data = {
        "project_ref": projects[0].ref,
        "mode": "remote",
        "visited_on": "2025-03-21",
        "business_active": True,
        "jobs_filled": 1,
    }
    data.update(changes)
    response = api(place.officer).post("/monitoring/visits", data)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["msg"]
    assert not Visit.objects.exists() and not FollowUpAction.objects.exists()


def test_loan_project_prefills_instalments(place, api):
    loan = factories.loan(
        place.programme,
        place.mashhad,
        place.participant,
        place.finance_officer,
        instalments=[(D(2025, 1, 1), Decimal("5000"))],
    )
    client = api(place.officer)
    assert client.post("/monitoring/projects/register-loans").json() == {"created": 1}
    project = client.get("/monitoring/projects").json()["items"][0]
    assert project["loan_ref"] == loan.ref
    visit = client.post(
        "/monitoring/visits",
        {
            "project_ref": project["ref"],
            "mode": "remote",
            "visited_on": "2025-02-01",
            "business_active": True,
            "jobs_filled": 4,
        },
    ).json()
    assert visit["instalments_up_to_date"] is False


def test_plans(place, api, projects):
    client = api(place.officer)
    response = client.client.put(
        "/api/v1/monitoring/plans",
        {
            "programme_ref": place.programme.ref,
            "county_id": place.mashhad.pk,
            "period_key": "1404",
            "planned_in_person": 20,
            "planned_remote": 10,
            "project_refs": [projects[0].ref],
        },
        content_type="application/json",
        headers=client._headers(),
    )
    assert response.status_code == 200, response.content
    assert response.json()["project_refs"] == [projects[0].ref]
    assert client.get("/monitoring/plans").json()["count"] == 1
    assert api(place.county_officer).get("/monitoring/plans").json()["count"] == 0
    bad = client.client.put(
        "/api/v1/monitoring/plans",
        {
            "programme_ref": place.programme.ref,
            "county_id": place.tehran_county.pk,
            "period_key": "1404",
            "planned_in_person": 1,
            "planned_remote": 1,
        },
        content_type="application/json",
        headers=client._headers(),
    )
    assert bad.status_code == 422
    assert MonitoringPlan.objects.count() == 1


def test_coverage(place, api, projects):
    factories.visit(projects[0], place.officer, D(2025, 3, 20), Visit.Mode.REMOTE)
    body = api(place.officer).get("/monitoring/coverage", period="1403").json()
    rows = {row["county"]["name"]: row for row in body["rows"]}
    assert (rows["Mashhad"]["active"], rows["Mashhad"]["remote"]) == (1, 1)
    assert body["total"]["share_remote"] == "100.0"
    assert body["end"] == "2025-03-20"
    assert (
        api(place.officer).get("/monitoring/coverage", period="1404").json()["total"]["remote"] == 0
    )
    manager = api(place.manager).get("/monitoring/coverage", period="1403").json()
    # Two active projects: a small count, hidden from the manager's aggregate view.
    assert (manager["total"]["active"], manager["suppressed"]) == (None, True)
    assert body["suppressed"] is False
    assert api(place.manager).get("/monitoring/coverage", period="13x").status_code == 422
    assert api(place.specialist).get("/monitoring/coverage", period="1403").status_code == 404
    assert api(place.outsider_manager).get("/monitoring/coverage", period="1403").status_code == 404


def test_visits_and_plans_of_other_counties_are_404(place, api, projects):
    mine, _other = projects
    visit = factories.visit(mine, place.officer, D(2025, 3, 21))
    from tandem.monitoring import services

    plan = services.monitoring_plan_save(
        actor=place.officer,
        programme=place.programme,
        county=place.mashhad,
        period_key="1404",
        planned_in_person=1,
        planned_remote=1,
    )
    assert api(place.officer).get(f"/monitoring/visits/{visit.ref}").status_code == 200
    assert api(place.officer).get(f"/monitoring/plans/{plan.ref}").status_code == 200
    for user in (place.narrowed_officer, place.county_officer, place.specialist, place.manager):
        client = api(user)
        assert client.get(f"/monitoring/visits/{visit.ref}").status_code == 404
        assert client.get(f"/monitoring/plans/{plan.ref}").status_code == 404
    narrowed = api(place.narrowed_officer)
    assert narrowed.get("/monitoring/visits").json()["count"] == 0
    assert narrowed.get("/monitoring/plans").json()["count"] == 0
    assert narrowed.get("/monitoring/actions", show="all").json()["count"] == 0
