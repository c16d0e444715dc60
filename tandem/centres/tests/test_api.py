"""The centres API: the same access rules as the pages (404), bad input (422), and the work of
a centre manager and a monitoring officer end to end."""

import datetime

import pytest

from tandem.centres import services
from tandem.centres.models import FollowUp, Licence, Trainee
from tandem.centres.tests import factories as f

pytestmark = pytest.mark.django_db
D = datetime.timedelta


def test_centres_list_with_figures_and_licence(licensed, api):
    cohort = f.make_cohort(licensed.manager_a, licensed.centre_a)
    f.enrol(licensed.manager_a, cohort)
    body = api(licensed.monitor).get("/centres").json()
    assert body["count"] == 2
    by_name = {item["name"]: item for item in body["items"]}
    omid = by_name["Omid centre"]
    assert omid["licence"]["valid_today"] is True
    assert omid["figures"]["entrants"] == 1
    assert omid["figures"]["in_training_now"] == 1
    assert omid["figures"]["places_free"] == 59
    one = api(licensed.manager_a).get("/centres").json()
    assert [item["name"] for item in one["items"]] == ["Omid centre"]


@pytest.mark.parametrize("persona", ["finance", "specialist", "monitor_elsewhere"])
def test_outsiders_get_no_rows_and_404(licensed, api, persona):
    client = api(getattr(licensed, persona))
    assert client.get("/centres").json()["count"] == 0
    assert client.get("/centres/licences").json()["count"] == 0
    assert client.get(f"/centres/{licensed.centre_a.ref}").status_code == 404
    licence = licensed.centre_a.licences.get()
    assert client.get(f"/centres/licences/{licence.ref}").status_code == 404
    assert (
        client.post(f"/centres/licences/{licence.ref}/suspend", {"reason": "x"}).status_code == 404
    )


def test_figures_for_a_year_and_a_bad_year(licensed, api):
    client = api(licensed.monitor)
    ref = licensed.centre_a.ref
    assert client.get(f"/centres/{ref}", year="1403").json()["figures"]["period"] == "1403"
    assert client.get(f"/centres/{ref}", year="next year").status_code == 422


def test_manager_cohort_enrol_exit_and_follow_up(licensed, api):
    cw = licensed
    client = api(cw.manager_a)
    start = f.today() - D(days=200)
    response = client.post(
        f"/centres/{cw.centre_a.ref}/cohorts",
        {
            "trade": "Tailoring",
            "starts_on": start.isoformat(),
            "planned_end_on": f.today().isoformat(),
        },
    )
    assert response.status_code == 201
    cohort_ref = response.json()["ref"]
    response = client.post(
        f"/centres/cohorts/{cohort_ref}/trainees",
        {"full_name": "Sara Ahmadi", "enrolled_on": start.isoformat()},
    )
    assert response.status_code == 201, response.content
    trainee_ref = response.json()["ref"]
    assert client.get(f"/centres/cohorts/{cohort_ref}/trainees").json()["count"] == 1
    bad = client.post(f"/centres/trainees/{trainee_ref}/exit", {"outcome": "placed", "job": ""})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "job"]
    exited = (f.today() - D(days=100)).isoformat()
    response = client.post(
        f"/centres/trainees/{trainee_ref}/exit",
        {"outcome": "placed", "exited_on": exited, "job": "Tailor"},
    )
    assert response.json()["status"] == "placed"
    due = client.get("/centres/follow-ups").json()
    assert due["count"] == 1 and due["items"][0]["overdue"] is True
    follow_up_ref = due["items"][0]["ref"]
    response = client.post(f"/centres/follow-ups/{follow_up_ref}", {"still_working": True})
    assert response.json()["still_working"] is True
    assert FollowUp.objects.filter(done_on__isnull=False).count() == 1
    # Nobody else reaches any of it.
    for other in (cw.manager_b, cw.monitor, cw.programme_manager):
        other_client = api(other)
        assert other_client.get(f"/centres/cohorts/{cohort_ref}").status_code == 404
        assert other_client.get(f"/centres/trainees/{trainee_ref}").status_code == 404
        assert (
            other_client.post(
                f"/centres/follow-ups/{follow_up_ref}", {"still_working": False}
            ).status_code
            == 404
        )
        assert other_client.get("/centres/follow-ups").json()["count"] == 0


def test_full_centre_is_a_422_with_the_message(licensed, api):
    cw = licensed
    services.centre_update(actor=cw.monitor, centre=cw.centre_a, capacity=1, address="", trades="")
    cohort = f.make_cohort(cw.manager_a, cw.centre_a)
    client = api(cw.manager_a)
    assert (
        client.post(f"/centres/cohorts/{cohort.ref}/trainees", {"full_name": "A"}).status_code
        == 201
    )
    response = client.post(f"/centres/cohorts/{cohort.ref}/trainees", {"full_name": "B"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "The centre is full: 1 of 1 places taken"
    assert Trainee.objects.count() == 1


def test_licence_application_and_decisions(cw, api):
    manager, officer = api(cw.manager_a), api(cw.monitor)
    response = manager.post(
        f"/centres/{cw.centre_a.ref}/licences",
        {"applicant_name": "Omid", "premises": "Workshop", "staff_count": 3, "trades": "Baking"},
    )
    assert response.status_code == 201
    ref = response.json()["ref"]
    assert manager.post(f"/centres/licences/{ref}/review", {}).status_code == 404
    assert (
        api(cw.manager_b)
        .post(
            f"/centres/{cw.centre_a.ref}/licences",
            {"applicant_name": "x", "premises": "x", "staff_count": 1, "trades": "x"},
        )
        .status_code
        == 404
    )
    assert officer.post(f"/centres/licences/{ref}/review", {}).json()["status"] == "under_review"
    assert officer.post(f"/centres/licences/{ref}/inspect", {}).status_code == 422
    today = f.today().isoformat()
    response = officer.post(
        f"/centres/licences/{ref}/inspect",
        {"inspected_on": today, "inspector": "R", "findings": "Good"},
    )
    assert response.json()["status"] == "inspected"
    response = officer.post(
        f"/centres/licences/{ref}/grant",
        {"number": "KR-9", "valid_from": today, "valid_to": (f.today() + D(days=20)).isoformat()},
    )
    assert response.json()["status"] == "granted"
    warnings = officer.get("/centres/licences", show="warnings").json()
    assert [item["number"] for item in warnings["items"]] == ["KR-9"]
    later = (f.today() + D(days=400)).isoformat()
    assert manager.post(f"/centres/licences/{ref}/renew", {"valid_to": later}).json()["status"] == (
        "renewed"
    )
    assert manager.post(f"/centres/licences/{ref}/revoke", {"reason": "x"}).status_code == 404
    assert officer.post(f"/centres/licences/{ref}/revoke", {"reason": ""}).status_code == 422
    assert (
        officer.post(f"/centres/licences/{ref}/revoke", {"reason": "Closed"}).json()["status"]
        == "revoked"
    )
    assert Licence.objects.get(ref=ref).status == Licence.Status.REVOKED


def test_persian_errors_come_in_persian_numbers_as_placeholders(licensed, api):
    cw = licensed
    cw.manager_a.language = "fa"
    cw.manager_a.save()
    cohort = f.make_cohort(cw.manager_a, cw.centre_a)
    response = api(cw.manager_a).post(
        f"/centres/cohorts/{cohort.ref}/trainees", {"participant_ref": "nobody"}
    )
    assert response.status_code == 422


def test_programme_managers_get_figures_with_small_counts_hidden(licensed, api):
    cw = licensed
    cohort = f.make_cohort(cw.manager_a, cw.centre_a)
    f.enrol(cw.manager_a, cohort)
    client = api(cw.programme_manager)
    body = client.get(f"/centres/{cw.centre_a.ref}").json()
    assert body["figures"]["entrants"] is None
    assert body["figures"]["success_rate"] is None
    assert client.get("/centres/licences").json()["count"] == 0
    assert client.get(f"/centres/{cw.centre_a.ref}/cohorts").status_code == 404
    assert client.get(f"/centres/cohorts/{cohort.ref}/trainees").status_code == 404
    # The officer sees the same figure unsuppressed.
    assert api(cw.monitor).get(f"/centres/{cw.centre_a.ref}").json()["figures"]["entrants"] == 1


@pytest.mark.parametrize(
    "persona", ["manager_b", "monitor", "programme_manager", "specialist", "monitor_elsewhere"]
)
def test_cohort_and_trainee_endpoints_are_404_for_anyone_but_the_manager(licensed, api, persona):
    cw = licensed
    cohort = f.make_cohort(cw.manager_a, cw.centre_a)
    trainee = f.enrol(cw.manager_a, cohort, name="Maryam Karimi")
    client = api(getattr(cw, persona))
    ref = cw.centre_a.ref
    assert client.get(f"/centres/{ref}/cohorts").status_code == 404
    new_cohort = {"trade": "Baking", "starts_on": f.today().isoformat()}
    new_cohort["planned_end_on"] = (f.today() + D(days=90)).isoformat()
    assert client.post(f"/centres/{ref}/cohorts", new_cohort).status_code == 404
    assert client.get(f"/centres/cohorts/{cohort.ref}/trainees").status_code == 404
    assert (
        client.post(f"/centres/cohorts/{cohort.ref}/trainees", {"full_name": "A"}).status_code
        == 404
    )
    assert (
        client.post(
            f"/centres/trainees/{trainee.ref}/exit", {"outcome": "placed", "job": "Baker"}
        ).status_code
        == 404
    )
    if persona != "monitor":  # the officer over the centre may see its licences
        licence = cw.centre_a.licences.get()
        assert client.get(f"/centres/licences/{licence.ref}").status_code == 404
    trainee.refresh_from_db()
    assert trainee.status == Trainee.Status.IN_TRAINING
    assert cohort.trainees.count() == 1 and cw.centre_a.cohorts.count() == 1


def test_enrolling_another_centres_person_is_refused(licensed, api):
    cw = licensed
    theirs = f.enrol(cw.manager_b, f.make_cohort(cw.manager_b, cw.centre_b), name="Reza Ahmadi")
    cohort = f.make_cohort(cw.manager_a, cw.centre_a)
    response = api(cw.manager_a).post(
        f"/centres/cohorts/{cohort.ref}/trainees",
        {"participant_ref": theirs.participant.ref},
    )
    assert response.status_code == 422
    assert cohort.trainees.count() == 0
