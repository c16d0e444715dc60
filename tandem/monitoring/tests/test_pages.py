import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tandem.monitoring.models import FollowUpAction, MonitoredProject, MonitoringPlan, Visit
from tandem.monitoring.tests import factories

D = datetime.date


@pytest.fixture
def mashhad_project(place):
    return factories.project(
        place.programme,
        place.mashhad,
        place.officer,
        name="Carpet workshop",
        funded_amount=Decimal("500000000"),
    )


@pytest.fixture
def tehran_project(place):
    return factories.project(place.programme, place.tehran_county, place.officer, name="Far away")


def test_wrong_people_get_404_on_every_project_page(place, login, mashhad_project, tehran_project):
    ref = mashhad_project.ref
    for user in (
        place.narrowed_officer,
        place.county_officer,
        place.specialist,
        place.finance_officer,
        place.manager,
    ):
        client = login(user)
        assert client.get(f"/monitoring/projects/{ref}/").status_code == 404
        assert client.get(f"/monitoring/projects/{ref}/visits/new/").status_code == 404
        response = client.post(f"/monitoring/projects/{ref}/close/", {"closed_on": "2025-01-01"})
        assert response.status_code == 404
    officer = login(place.officer)
    assert officer.get(f"/monitoring/projects/{ref}/").status_code == 200
    assert officer.get(f"/monitoring/projects/{tehran_project.ref}/").status_code == 404
    assert officer.get("/monitoring/projects/nosuchref/").status_code == 404


def test_lists_hold_only_the_officers_counties(place, login, mashhad_project, tehran_project):
    body = login(place.officer).get("/monitoring/projects/").content.decode()
    assert "Carpet workshop" in body and "Far away" not in body
    narrowed = login(place.narrowed_officer).get("/monitoring/projects/").content.decode()
    assert "Carpet workshop" not in narrowed
    for user in (place.specialist, place.manager):
        assert login(user).get("/monitoring/projects/").status_code == 404
        assert login(user).get("/monitoring/actions/").status_code == 404
        assert login(user).get("/monitoring/plans/").status_code == 404


def test_home_lists_due_visits_with_counts(place, login, mashhad_project, tehran_project):
    response = login(place.officer).get("/monitoring/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Carpet workshop" in body and "Far away" not in body
    assert login(place.specialist).get("/monitoring/").status_code == 404


def test_programme_manager_sees_coverage_and_no_names(place, login, mashhad_project):
    client = login(place.manager)
    assert client.get("/monitoring/").url == "/monitoring/coverage/"
    body = client.get("/monitoring/coverage/?period=1403").content.decode()
    assert "Mashhad" in body and "Carpet workshop" not in body
    assert "fewer than 5" in body
    csv = client.get("/monitoring/coverage/export.csv?period=1403").content.decode("utf-8-sig")
    assert "Mashhad,<5,0,0,0,,," in csv.splitlines()
    assert login(place.outsider_manager).get("/monitoring/coverage/").status_code == 404
    assert login(place.specialist).get("/monitoring/coverage/").status_code == 404


def test_persian_officer_sees_solar_hijri_dates_and_toman(place, login, mashhad_project):
    factories.visit(mashhad_project, place.officer_fa, D(2025, 3, 21))
    body = login(place.officer_fa).get(f"/monitoring/projects/{mashhad_project.ref}/")
    text = body.content.decode()
    assert "۱۴۰۴/۰۱/۰۱" in text  # Nowruz 1404, in Persian digits
    assert "۵۰٬۰۰۰٬۰۰۰" in text  # 500,000,000 rial shown as 50,000,000 toman


def test_recording_a_visit_with_an_action(place, login, mashhad_project):
    client = login(place.officer_fa)
    response = client.post(
        f"/monitoring/projects/{mashhad_project.ref}/visits/new/",
        {
            "mode": "remote",
            "visited_on": "۱۴۰۳/۱۲/۳۰",  # 20 March 2025
            "business_active": "yes",
            "jobs_filled": "۲",
            "problems": "Needs a new loom",
            "action_1_description": "Find a loom supplier",
            "action_1_due_on": "1404/01/15",
            "action_1_assignee": "monitor",
        },
    )
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert (visit.mode, visit.visited_on, visit.jobs_filled) == ("remote", D(2025, 3, 20), 2)
    action = FollowUpAction.objects.get()
    assert (action.due_on, action.assignee) == (D(2025, 4, 4), place.officer)


def test_a_bad_visit_says_why_and_changes_nothing(place, login, mashhad_project):
    response = login(place.officer).post(
        f"/monitoring/projects/{mashhad_project.ref}/visits/new/",
        {
            "mode": "in_person",
            "visited_on": "2999-01-01",
            "business_active": "yes",
            "jobs_filled": "2",
            "action_1_description": "Something",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Give the action a due date." in body
    assert not Visit.objects.exists()


def test_a_visit_in_the_future_is_refused_by_the_service(place, login, mashhad_project):
    response = login(place.officer).post(
        f"/monitoring/projects/{mashhad_project.ref}/visits/new/",
        {
            "mode": "in_person",
            "visited_on": "2999-01-01",
            "business_active": "no",
            "jobs_filled": "0",
        },
    )
    assert response.status_code == 422
    assert "cannot be in the future" in response.content.decode()
    assert not Visit.objects.exists()


def test_register_disbursed_loans_from_the_page(place, login):
    factories.loan(place.programme, place.mashhad, place.participant, place.finance_officer)
    factories.loan(place.programme, place.tehran_county, place.participant, place.finance_officer)
    client = login(place.officer)
    assert (
        "Add disbursed loans not yet monitored"
        in client.get("/monitoring/projects/").content.decode()
    )
    assert client.post("/monitoring/projects/register-loans/").status_code == 302
    assert MonitoredProject.objects.filter(county=place.mashhad, loan__isnull=False).count() == 1
    assert not MonitoredProject.objects.filter(county=place.tehran_county).exists()
    client.post("/monitoring/projects/register-loans/")
    assert MonitoredProject.objects.count() == 1
    assert login(place.specialist).post("/monitoring/projects/register-loans/").status_code == 404


def test_add_a_project_in_toman(place, login):
    client = login(place.officer)
    form = client.get("/monitoring/projects/new/").content.decode()
    assert "in toman" in form
    response = client.post(
        "/monitoring/projects/new/",
        {
            "programme": place.programme.ref,
            "name": "Bakery",
            "kind": "employment_project",
            "county": str(place.neyshabur.pk),
            "funded_amount": "20,000,000",
            "jobs_planned": "5",
            "started_on": "2025-01-05",
        },
    )
    assert response.status_code == 302
    project = MonitoredProject.objects.get()
    assert project.funded_amount == Decimal("200000000")  # rial
    # A county that is not the officer's is not a choice.
    response = login(place.county_officer).post(
        "/monitoring/projects/new/",
        {
            "programme": place.programme.ref,
            "name": "Elsewhere",
            "kind": "employment_project",
            "county": str(place.mashhad.pk),
            "funded_amount": "1",
            "jobs_planned": "1",
            "started_on": "2025-01-05",
        },
    )
    assert response.status_code == 422
    assert MonitoredProject.objects.count() == 1


def test_complete_an_action_from_the_project_page(place, login, mashhad_project):
    action = factories.action(
        factories.visit(mashhad_project, place.officer, D(2025, 2, 1)), D(2025, 3, 1)
    )
    assert (
        login(place.narrowed_officer)
        .post(f"/monitoring/actions/{action.ref}/complete/")
        .status_code
        == 404
    )
    response = login(place.officer).post(
        f"/monitoring/actions/{action.ref}/complete/", {"done_on": "2025-02-05"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.done, action.done_on) == (True, D(2025, 2, 5))


def test_make_a_plan(place, login, mashhad_project):
    client = login(place.officer)
    base = f"/monitoring/plans/edit/?programme={place.programme.ref}"
    url = f"{base}&county={place.mashhad.pk}&period=1404-Q1"
    assert "Carpet workshop" in client.get(url).content.decode()
    response = client.post(
        url,
        {"planned_in_person": "8", "planned_remote": "3", "projects": [mashhad_project.ref]},
    )
    assert response.status_code == 302
    plan = MonitoringPlan.objects.get()
    assert (plan.period_key, plan.planned_in_person, list(plan.projects.all())) == (
        "1404-Q1",
        8,
        [mashhad_project],
    )
    assert "Mashhad" in client.get("/monitoring/plans/").content.decode()
    wrong = f"{base}&county={place.tehran_county.pk}&period=1404"
    assert client.get(wrong).status_code == 404


def test_coverage_page_and_exports(place, login, mashhad_project):
    factories.visit(mashhad_project, place.officer, D(2025, 3, 20), Visit.Mode.IN_PERSON)
    client = login(place.officer)
    page = client.get("/monitoring/coverage/?period=1403")
    assert page.status_code == 200
    assert "100" in page.content.decode()
    csv = client.get("/monitoring/coverage/export.csv?period=1403").content.decode("utf-8-sig")
    lines = csv.strip().splitlines()
    assert lines[0].startswith("County,Active projects")
    assert "Mashhad,1,1,0,1,100.0,0.0,100.0" in lines
    assert lines[-1].startswith("Total: Khorasan Razavi,1,1,0,1")
    xlsx = client.get("/monitoring/coverage/export.xlsx?period=1403-Q4")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True)}
    assert rows["Mashhad"][:4] == (1, 1, 0, 1)
    assert (
        login(place.specialist).get("/monitoring/coverage/export.csv?period=1403").status_code
        == 404
    )


def test_persian_coverage_picker_has_persian_years(place, login):
    body = login(place.officer_fa).get("/monitoring/coverage/").content.decode()
    assert "۱۴۰۴" in body or "۱۴۰۵" in body
