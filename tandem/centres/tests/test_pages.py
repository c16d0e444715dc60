"""The centre pages: who sees what (404 for everyone else), the licence journey, enrolment with
the capacity limit, exits and follow-ups, in English and in Persian."""

import datetime

import pytest

from tandem.centres import services
from tandem.centres.models import Centre, Licence, Trainee
from tandem.centres.tests import factories as f
from tandem.core.formatting import format_date

pytestmark = pytest.mark.django_db
D = datetime.timedelta

OUTSIDERS = ["manager_b", "monitor_elsewhere", "finance", "specialist"]


def test_a_manager_with_one_centre_lands_on_it(licensed, login):
    response = login(licensed.manager_a).get("/centres/")
    assert response.status_code == 302
    assert response.url == f"/centres/{licensed.centre_a.ref}/"


def test_the_monitoring_officer_sees_the_province_centres(licensed, login):
    page = login(licensed.monitor).get("/centres/").content.decode()
    assert "Omid centre" in page and "Neyshabur centre" in page
    assert "Success rate" in page


@pytest.mark.parametrize("persona", ["finance", "specialist", "monitor_elsewhere"])
def test_the_home_is_404_for_people_without_centres(licensed, login, persona):
    assert login(getattr(licensed, persona)).get("/centres/").status_code == 404


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_a_centre_page_is_404_for_others(licensed, login, persona):
    client = login(getattr(licensed, persona))
    ref = licensed.centre_a.ref
    for url in (f"/centres/{ref}/", f"/centres/{ref}/apply/", f"/centres/{ref}/cohorts/new/"):
        assert client.get(url).status_code == 404, url
    assert client.get("/centres/nosuchcentre/").status_code == 404


def test_programme_managers_see_figures_only(licensed, login):
    cohort = f.make_cohort(licensed.manager_a, licensed.centre_a)
    f.enrol(licensed.manager_a, cohort, name="Maryam Karimi")
    client = login(licensed.programme_manager)
    home = client.get("/centres/").content.decode()
    detail = client.get(f"/centres/{licensed.centre_a.ref}/").content.decode()
    for page in (home, detail):
        assert "Maryam Karimi" not in page
    assert "Tailoring" not in detail  # no cohorts
    assert "&lt;5" in home  # one entrant is a small count
    assert client.get(f"/centres/cohorts/{cohort.ref}/").status_code == 404
    assert client.get("/centres/licences/").status_code == 404


def test_cohort_trainee_and_follow_up_pages_are_the_managers_only(licensed, login):
    cw = licensed
    cohort = f.make_cohort(cw.manager_a, cw.centre_a, starts_on=f.today() - D(days=200))
    trainee = f.enrol(cw.manager_a, cohort)
    f.leave(cw.manager_a, trainee, Trainee.Status.PLACED, f.today() - D(days=100))
    follow_up = trainee.follow_ups.first()
    urls = [
        f"/centres/cohorts/{cohort.ref}/",
        f"/centres/cohorts/{cohort.ref}/enrol/",
        f"/centres/trainees/{trainee.ref}/exit/",
        f"/centres/follow-ups/{follow_up.ref}/",
    ]
    for persona in [*OUTSIDERS, "monitor"]:
        client = login(getattr(cw, persona))
        for url in urls:
            assert client.get(url).status_code == 404, (persona, url)
    client = login(cw.manager_a)
    for url in urls:
        assert client.get(url).status_code == 200, url
    due = client.get("/centres/follow-ups/").content.decode()
    assert "overdue" in due
    assert login(cw.monitor).get("/centres/follow-ups/").status_code == 404


def test_licence_journey_through_the_pages(cw, login):
    manager, officer = login(cw.manager_a), login(cw.monitor)
    response = manager.post(
        f"/centres/{cw.centre_a.ref}/apply/",
        {
            "applicant_name": "Omid charity",
            "premises": "Two workshops",
            "staff_count": "۵",
            "staff_details": "",
            "trades": "Carpet weaving",
        },
    )
    assert response.status_code == 302
    licence = Licence.objects.get(centre=cw.centre_a)
    assert licence.staff_count == 5
    base = f"/centres/licences/{licence.ref}"
    # The manager may not decide; other officers may not even see it.
    assert manager.get(f"{base}/review/").status_code == 404
    assert login(cw.monitor_elsewhere).get(f"{base}/").status_code == 404
    assert officer.post(f"{base}/review/", {"note": ""}).status_code == 302
    today = f.today().isoformat()
    assert (
        officer.post(
            f"{base}/inspect/", {"inspected_on": today, "inspector": "R. K.", "findings": "Good"}
        ).status_code
        == 302
    )
    bad = officer.post(f"{base}/grant/", {"number": "KR-1", "valid_from": today, "valid_to": today})
    assert bad.status_code == 200
    assert "The licence must end after it starts." in bad.content.decode()
    later = (f.today() + D(days=30)).isoformat()
    assert (
        officer.post(
            f"{base}/grant/", {"number": "KR-1", "valid_from": today, "valid_to": later}
        ).status_code
        == 302
    )
    licence.refresh_from_db()
    assert licence.status == Licence.Status.GRANTED
    # Expiring within 60 days: warned on the officer's home and in the list.
    assert (
        "Licences expired or expiring within 60 days" in officer.get("/centres/").content.decode()
    )
    assert "KR-1" in officer.get("/centres/licences/?show=warnings").content.decode()
    assert officer.post(f"{base}/suspend/", {"reason": ""}).status_code == 200
    assert officer.post(f"{base}/suspend/", {"reason": "Complaint"}).status_code == 302
    assert manager.get(f"{base}/").status_code == 200
    assert "Suspended" in manager.get(f"/centres/{cw.centre_a.ref}/").content.decode()


def test_enrolment_page_refuses_a_full_centre(licensed, login):
    cw = licensed
    services.centre_update(actor=cw.monitor, centre=cw.centre_a, capacity=1, address="", trades="")
    cohort = f.make_cohort(cw.manager_a, cw.centre_a)
    client = login(cw.manager_a)
    url = f"/centres/cohorts/{cohort.ref}/enrol/"
    day = f.today().isoformat()
    assert client.post(url, {"full_name": "Ali Rahimi", "enrolled_on": day}).status_code == 302
    response = client.post(url, {"full_name": "Reza Ahmadi", "enrolled_on": day})
    assert response.status_code == 200
    assert "The centre is full: 1 of 1 places taken" in response.content.decode()
    assert Trainee.objects.count() == 1
    trainee = Trainee.objects.get()
    response = client.post(
        f"/centres/trainees/{trainee.ref}/exit/",
        {"outcome": "placed", "exited_on": day, "job": "Baker", "reason": ""},
    )
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.status == Trainee.Status.PLACED


def test_capacity_can_be_changed_by_the_officer_only(licensed, login):
    url = f"/centres/{licensed.centre_a.ref}/edit/"
    assert login(licensed.manager_a).get(url).status_code == 404
    response = login(licensed.monitor).post(url, {"capacity": "۴۰", "address": "", "trades": ""})
    assert response.status_code == 302
    licensed.centre_a.refresh_from_db()
    assert licensed.centre_a.capacity == 40


def test_persian_manager_sees_solar_hijri_dates_and_persian_digits(licensed, login):
    cw = licensed
    cw.manager_a.language = "fa"
    cw.manager_a.save()
    cohort = f.make_cohort(cw.manager_a, cw.centre_a, starts_on=datetime.date(2024, 3, 20))
    f.enrol(cw.manager_a, cohort, enrolled_on=datetime.date(2024, 3, 20))
    client = login(cw.manager_a)
    page = client.get(f"/centres/{cw.centre_a.ref}/?year=1403").content.decode()
    assert "۱۴۰۳/۰۱/۰۱" in page  # the cohort's start, 20 March 2024
    assert format_date(datetime.date(2024, 3, 20), "fa") == "۱۴۰۳/۰۱/۰۱"
    assert "۶۰" in page  # capacity
    assert 'lang="fa"' in page
    # A Persian user types a Solar Hijri date.
    response = client.post(
        f"/centres/{cw.centre_a.ref}/cohorts/new/",
        {"trade": "خیاطی", "starts_on": "۱۴۰۴/۰۱/۰۱", "planned_end_on": "۱۴۰۴/۰۶/۳۱"},
    )
    assert response.status_code == 302
    assert cw.centre_a.cohorts.get(trade="خیاطی").starts_on == datetime.date(2025, 3, 21)


def test_a_new_centre_registers_and_applies(cw, login):
    from tandem.centres.models import Centre
    from tandem.core.access import Role
    from tandem.testing.factories import staff

    organisation = f.centre_org("New centre", cw.mashhad)
    manager = staff("manager_new", organisation, Role.CENTRE_MANAGER)
    client = login(manager)
    home = client.get("/centres/")
    assert home.status_code == 200
    url = f"/centres/register/{organisation.ref}/"
    assert url in home.content.decode()
    assert login(cw.manager_a).get(url).status_code == 404
    bad = client.post(url, {"county": "", "address": "", "trades": ""})
    assert bad.status_code == 200 and not Centre.objects.filter(organisation=organisation).exists()
    response = client.post(
        url, {"county": str(cw.mashhad.pk), "address": "Ferdowsi street", "trades": "Baking"}
    )
    centre = Centre.objects.get(organisation=organisation)
    assert response.url == f"/centres/{centre.ref}/apply/"
    assert centre.capacity == 60
    assert client.get(url).status_code == 404  # registered once only


@pytest.mark.parametrize("persona", [*OUTSIDERS, "programme_manager"])
def test_licence_and_edit_pages_are_404_for_others(licensed, login, persona):
    client = login(getattr(licensed, persona))
    licence = licensed.centre_a.licences.get()
    base = f"/centres/licences/{licence.ref}"
    for url in (f"{base}/", f"{base}/suspend/", f"{base}/renew/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{base}/suspend/", {"reason": "x"}).status_code == 404
    assert client.get(f"/centres/{licensed.centre_a.ref}/edit/").status_code == 404
    response = client.post(
        f"/centres/{licensed.centre_a.ref}/edit/", {"capacity": "1", "address": "", "trades": ""}
    )
    assert response.status_code == 404
    licence.refresh_from_db()
    licensed.centre_a.refresh_from_db()
    assert licence.status == Licence.Status.GRANTED and licensed.centre_a.capacity == 60


@pytest.mark.parametrize("persona", ["finance", "specialist", "monitor_elsewhere"])
def test_the_licence_list_is_404_for_people_without_centres(licensed, login, persona):
    assert login(getattr(licensed, persona)).get("/centres/licences/").status_code == 404


def test_the_licence_list_shows_a_manager_their_own_licences_only(licensed, login):
    own = licensed.centre_b.licences.get()
    other = licensed.centre_a.licences.get()
    page = login(licensed.manager_b).get("/centres/licences/").content.decode()
    assert own.number in page and other.number not in page


@pytest.mark.parametrize("persona", ["monitor", "programme_manager", "specialist"])
def test_registering_is_404_for_anyone_but_the_organisations_manager(cw, login, persona):
    organisation = f.centre_org("New centre", cw.mashhad)
    url = f"/centres/register/{organisation.ref}/"
    client = login(getattr(cw, persona))
    assert client.get(url).status_code == 404
    response = client.post(url, {"county": str(cw.mashhad.pk), "address": "x", "trades": "x"})
    assert response.status_code == 404
    assert not Centre.objects.filter(organisation=organisation).exists()
