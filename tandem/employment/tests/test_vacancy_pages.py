"""Vacancy pages: adding a vacancy found through an employer contact, the list with its filters
and closing flags, a vacancy's page and its status. Another organisation's vacancy is a 404."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone

from tandem import urls as site_urls
from tandem.core.access import Role
from tandem.employment import occupations, services
from tandem.employment.models import Employer, EmployerContact, Vacancy
from tandem.employment.views import employers as employer_views
from tandem.employment.views import vacancies as vacancy_views
from tandem.organisations.models import Region
from tandem.testing.factories import OrganisationFactory, RegionFactory, staff

# The site mounts these pages at /employment/; until it does, this module mounts them itself.
urlpatterns = list(site_urls.urlpatterns)
if not any(getattr(pattern, "namespace", None) == "employment" for pattern in urlpatterns):
    urlpatterns.append(path("employment/", include("tandem.employment.urls")))
pytestmark = pytest.mark.urls(__name__)

WRONG_PERSONAS = ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]
NO_CASEWORK = ["referrer", "programme_manager"]


def today() -> datetime.date:
    return timezone.localdate()


def text(response) -> str:
    page = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def row_text(response, label: str) -> str:
    for row in re.findall(r"<tr>.*?</tr>", response.content.decode(), flags=re.S):
        if label in row:
            return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
    raise AssertionError(f"no row with {label!r}")


def make_employer(world, organisation=None, actor=None, **data) -> Employer:
    organisation = organisation or world.provider_a
    data = {"name": "Tyneside Foods", "region": organisation.region} | data
    return services.employer_create(
        actor=actor or world.specialist_a, organisation=organisation, data=data
    )


def make_vacancy(world, employer: Employer, actor=None, **data) -> Vacancy:
    data = {
        "title": "Shop assistant",
        "occupation": "5223",
        "hours_per_week": Decimal(20),
        "currency": "GBP",
        "contract": Vacancy.Contract.PERMANENT,
    } | data
    return services.vacancy_create(actor=actor or world.specialist_a, employer=employer, data=data)


def vacancy_post(world, **changes) -> dict:
    return {
        "title": "Care assistant",
        "occupation": "5322",
        "description": "Helping residents with daily living.",
        "skills": "personal care, kindness , ,teamwork",
        "hours_per_week": "24",
        "pay": "11.50",
        "pay_period": Vacancy.PayPeriod.HOUR,
        "currency": "GBP",
        "contract": Vacancy.Contract.PERMANENT,
        "region": str(world.provider_a.region_id),
        "adjustments_possible": ["flexible_hours", "rest_breaks"],
        "closing_on": (today() + datetime.timedelta(days=20)).isoformat(),
    } | changes


# ---------------------------------------------------------------- access


@pytest.mark.parametrize("persona", WRONG_PERSONAS)
def test_wrong_personas_get_404_for_another_organisations_vacancy(world, login, persona):
    employer = make_employer(world)
    vacancy = make_vacancy(world, employer)
    client = login(getattr(world, persona))

    assert client.get(f"/employment/vacancies/{vacancy.ref}/").status_code == 404
    assert (
        client.post(f"/employment/vacancies/{vacancy.ref}/status/", {"status": "closed"})
    ).status_code == 404
    new = f"/employment/employers/{employer.ref}/vacancies/new/"
    assert client.get(new).status_code == 404
    assert client.post(new, vacancy_post(world)).status_code == 404
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.OPEN
    assert Vacancy.objects.count() == 1
    if persona in NO_CASEWORK:
        assert client.get("/employment/vacancies/").status_code == 404
    else:
        for url in ("/employment/vacancies/", "/employment/vacancies/?occupation=shop"):
            listing = client.get(url)
            assert listing.status_code == 200
            assert "Shop assistant" not in text(listing)


def test_a_contact_with_another_employer_cannot_be_linked(world, login):
    employer = make_employer(world)
    other = make_employer(world, name="Other Ltd")
    elsewhere = services.employer_contact_record(
        actor=world.specialist_a, employer=other, method=EmployerContact.Method.PHONE
    )

    response = login(world.specialist_a).get(
        f"/employment/employers/{employer.ref}/vacancies/new/?contact={elsewhere.ref}"
    )

    assert response.status_code == 404


# ---------------------------------------------------------------- adding a vacancy


def test_adding_a_vacancy_found_through_a_contact(world, login):
    employer = make_employer(world, adjustments_offered=["step_free"])
    found = services.employer_contact_record(
        actor=world.specialist_a,
        employer=employer,
        method=EmployerContact.Method.VISIT,
        met_hiring_manager=True,
        summary="Two care assistant posts coming up.",
    )
    url = f"/employment/employers/{employer.ref}/vacancies/new/?contact={found.ref}"
    client = login(world.specialist_a)

    form = client.get(url)

    html = form.content.decode()
    assert form.status_code == 200
    assert "Found through the contact of" in text(form)
    assert '<option value="GBP" selected>' in html
    assert f'<option value="{world.provider_a.region_id}" selected>' in html
    # Occupations grouped under their major group.
    assert '<optgroup label="Service and sales workers">' in html
    assert '<option value="5223">5223 Shop sales assistants</option>' in html

    # Persian digits are read like any others.
    response = client.post(url, vacancy_post(world, hours_per_week="۲۴"))

    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/employment/vacancies/{vacancy.ref}/"
    assert vacancy.source_contact == found
    assert vacancy.hours_per_week == Decimal(24)
    assert vacancy.skills == ["kindness", "personal care", "teamwork"]
    assert vacancy.adjustments_possible == ["flexible_hours", "rest_breaks"]
    assert vacancy.created_by == world.specialist_a
    page = text(client.get(response["Location"]))
    for shown in (
        "Care assistant",
        "Tyneside Foods",
        "£11.50 an hour",
        "Permanent",
        "Extra rest breaks",
        "personal care",
        "Helping residents",
        "Two care assistant posts",
    ):
        assert shown in page, shown
    assert "The contact of" in page.split("Found through", 1)[1]


def test_the_currency_starts_on_the_countrys_programme_currency(world, login):
    denmark = RegionFactory(name="Danmark", kind=Region.Kind.COUNTRY, country_code="DK")
    koege = RegionFactory(name="Køge", parent=denmark, country_code="DK")
    jobcentre = OrganisationFactory(name="Jobcenter Køge", region=koege)
    specialist = staff("specialist_dk", jobcentre, Role.SPECIALIST)
    employer = make_employer(world, organisation=jobcentre, actor=specialist)

    form = login(specialist).get(f"/employment/employers/{employer.ref}/vacancies/new/")

    html = form.content.decode()
    assert '<option value="DKK" selected>' in html
    # Areas of the employer's country only.
    assert "Køge" in html and "North East" not in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"occupation": "9999"}, "occupation", "Select a valid choice"),
        ({"occupation": "52"}, "occupation", "Select a valid choice"),
        (
            {"closing_on": (today() - datetime.timedelta(days=1)).isoformat()},
            "closing_on",
            "The closing date has passed",
        ),
        ({"hours_per_week": "0"}, "hours_per_week", "between 1 and 80"),
    ],
)
def test_a_vacancy_with_an_unknown_occupation_or_a_past_closing_date_is_refused(
    world, login, changes, field, message
):
    employer = make_employer(world)

    response = login(world.specialist_a).post(
        f"/employment/employers/{employer.ref}/vacancies/new/", vacancy_post(world, **changes)
    )

    assert response.status_code == 422
    error = re.search(rf'id="id_{field}_error">(.*?)</p>', response.content.decode(), re.S)
    assert error and message in error.group(1)
    assert not Vacancy.objects.exists()


# ---------------------------------------------------------------- list


def test_list_filters_and_flags_closing_dates(world, login):
    durham = RegionFactory(name="Durham", parent=world.provider_a.region, country_code="GB")
    employer = make_employer(world)
    make_vacancy(
        world, employer, closing_on=today() + datetime.timedelta(days=3), pay=Decimal("11.44")
    )
    make_vacancy(
        world,
        employer,
        title="Staff nurse",
        occupation="2221",
        region=durham,
        pay=Decimal("2400"),
        pay_period=Vacancy.PayPeriod.MONTH,
    )
    lapsed = make_vacancy(world, employer, title="Cleaner", occupation="9112", closing_on=today())
    Vacancy.objects.filter(pk=lapsed.pk).update(closing_on=today() - datetime.timedelta(days=2))
    filled = make_vacancy(world, employer, title="Baker", occupation="7512")
    services.vacancy_set_status(actor=world.specialist_a, vacancy=filled, status="filled")
    client = login(world.specialist_a)

    response = client.get("/employment/vacancies/")

    assert response.status_code == 200
    assert "4 vacancies" in text(response)
    shop = row_text(response, "Shop assistant")
    assert "Shop sales assistants" in shop
    assert "£11.44 an hour" in shop
    assert "closes in 3 days" in shop
    assert "Open" in shop
    assert "£2,400.00 a month" in row_text(response, "Staff nurse")
    assert "closed" in row_text(response, "Cleaner")
    assert "Filled" in row_text(response, "Baker")

    filled_only = text(client.get("/employment/vacancies/?status=filled"))
    assert "Baker" in filled_only and "Shop assistant" not in filled_only
    # Occupation search by title in the classification, not only the job title.
    nursing = text(client.get("/employment/vacancies/?occupation=nursing"))
    assert "Staff nurse" in nursing and "Shop assistant" not in nursing
    by_code = text(client.get("/employment/vacancies/?occupation=9112"))
    assert "Cleaner" in by_code and "Baker" not in by_code
    in_durham = text(client.get(f"/employment/vacancies/?area={durham.pk}"))
    assert "Staff nurse" in in_durham and "Shop assistant" not in in_durham
    assert "No vacancy matches" in text(client.get("/employment/vacancies/?occupation=zzzz"))


def test_list_queries_do_not_grow_with_vacancies(world, login):
    client = login(world.specialist_a)
    employer = make_employer(world)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/employment/vacancies/").status_code == 200
        return len(captured)

    make_vacancy(world, employer)
    few = queries()
    for number in range(5):
        make_vacancy(world, make_employer(world, name=f"Employer {number}"), title=f"Job {number}")
    assert queries() == few


def test_occupation_labels_are_in_the_users_language(world, login):
    danish = staff("specialist_da", world.provider_a, Role.SPECIALIST, language="da")
    vacancy = make_vacancy(world, make_employer(world))
    label = occupations.occupation("5223").label("da")
    assert label != occupations.occupation("5223").label("en")
    client = login(danish)

    assert label in text(client.get("/employment/vacancies/"))
    assert label in text(client.get(f"/employment/vacancies/{vacancy.ref}/"))
    form = client.get(f"/employment/employers/{vacancy.employer.ref}/vacancies/new/")
    assert f"5223 {label}" in form.content.decode()


# ---------------------------------------------------------------- status


def test_marking_a_vacancy_filled_and_open_again(world, login):
    vacancy = make_vacancy(world, make_employer(world))
    client = login(world.social_worker_on_team)

    response = client.post(f"/employment/vacancies/{vacancy.ref}/status/", {"status": "filled"})

    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED
    page = text(client.get(response["Location"]))
    assert "This vacancy is Filled." in page
    assert "Open it again" in page and "Mark as filled" not in page
    refused = client.post(f"/employment/vacancies/{vacancy.ref}/status/", {"status": "maybe"})
    assert refused.status_code == 422
    assert "There is a problem" in text(refused)
    assert client.get(f"/employment/vacancies/{vacancy.ref}/status/").status_code == 405


# ---------------------------------------------------------------- "People who fit this job"


class Urls:
    """A URL configuration given as an object, to show the vacancy page with and without the
    matching page beside it."""

    def __init__(self, extra: list) -> None:
        site = [
            pattern
            for pattern in site_urls.urlpatterns
            if getattr(pattern, "namespace", None) != "employment"
        ]
        patterns = employer_views.urlpatterns + vacancy_views.urlpatterns + extra
        self.urlpatterns = [*site, path("employment/", include((patterns, "employment")))]


def candidates(request, vacancy_ref):
    return HttpResponse("")


@pytest.mark.parametrize("exists", [True, False])
def test_people_who_fit_this_job_is_linked_only_when_matching_exists(
    world, login, settings, exists
):
    extra = [path("vacancies/<str:vacancy_ref>/candidates/", candidates, name="vacancy_candidates")]
    settings.ROOT_URLCONF = Urls(extra if exists else [])
    vacancy = make_vacancy(world, make_employer(world))

    response = login(world.specialist_a).get(f"/employment/vacancies/{vacancy.ref}/")

    assert response.status_code == 200
    link = f'href="/employment/vacancies/{vacancy.ref}/candidates/"'
    assert (link in response.content.decode()) is exists
    assert ("People who fit this job" in text(response)) is exists
