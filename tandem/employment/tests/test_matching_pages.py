"""Job preferences, vacancies ranked for a person with the reasons shown, and people ranked for
a vacancy, through the pages."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.employment import services
from tandem.employment.models import JobPreferences, Vacancy
from tandem.employment.tests.test_placement_pages import (
    URLCONF,
    WRONG_PERSONAS,
    base,
    html,
    make_employer,
    make_enrolment,
)
from tandem.organisations.models import Region
from tandem.testing.factories import RegionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLCONF)]


def vacancy(world, employer, title, occupation, hours, **data) -> Vacancy:
    return services.vacancy_create(
        actor=world.specialist_a,
        employer=employer,
        data={
            "title": title,
            "occupation": occupation,
            "hours_per_week": Decimal(hours),
            "currency": "GBP",
            "contract": Vacancy.Contract.PERMANENT,
            **data,
        },
    )


def prefer(world, **data) -> JobPreferences:
    values = {
        "occupations": ["5223"],
        "skills": ["customer service", "till"],
        "hours_min": Decimal(16),
        "hours_max": Decimal(25),
        "home_region": world.provider_a.region,
        "adjustments_needed": ["flexible_hours"],
        "wishes": "Shop work near home, mornings.",
    }
    return services.job_preferences_set(
        actor=world.specialist_a, participant=world.participant, data=values | data
    )


@pytest.fixture
def jobs(world) -> dict[str, Vacancy]:
    """Three hand-made vacancies whose scores for `prefer` are worked out by hand:
    shop assistant 35 + 20 + 15 + 15 + 10 + 5 = 100; office cleaner 0 + 0 + 15 + 15 + 10 = 40;
    staff nurse in another area of the same country 0 + 0 + 0 + 7 + 0 = 7."""
    north_east = world.provider_a.region
    cumbria = world.provider_b.region
    shop = make_employer(world, "Tyneside Foods", adjustments_offered=["flexible_hours"])
    hospital = make_employer(world, "Cumberland Infirmary", region=cumbria)
    return {
        "shop": vacancy(
            world,
            shop,
            "Shop assistant",
            "5223",
            "20",
            skills=["Customer service", "till"],
            adjustments_possible=["flexible_hours"],
            region=north_east,
        ),
        "cleaner": vacancy(
            world,
            shop,
            "Office cleaner",
            "9112",
            "20",
            skills=["cleaning"],
            adjustments_possible=["flexible_hours"],
            region=north_east,
        ),
        "nurse": vacancy(world, hospital, "Staff nurse", "2221", "37.5", skills=["nursing"]),
    }


# ---------------------------------------------------------------- who may see what


@pytest.mark.parametrize("persona", WRONG_PERSONAS)
def test_wrong_personas_get_404_on_matching_pages(world, login, jobs, persona):
    client = login(getattr(world, persona))

    assert client.get(f"{base(world.participant)}/matches/").status_code == 404
    assert client.get(f"{base(world.participant)}/preferences/").status_code == 404
    url = f"/employment/vacancies/{jobs['shop'].ref}/candidates/"
    assert client.get(url).status_code == 404


def test_clinician_on_the_team_sees_matches_but_may_not_change_preferences(world, login):
    prefer(world)
    client = login(world.clinician_on_team)

    page = client.get(f"{base(world.participant)}/matches/")

    assert page.status_code == 200
    assert "Change the job preferences" not in html(page)
    assert "Place in this job" not in html(page)
    assert client.post(f"{base(world.participant)}/preferences/", {}).status_code == 404


# ---------------------------------------------------------------- preferences


def test_preferences_are_saved_and_shown_again(world, login):
    client = login(world.specialist_a)
    url = f"{base(world.participant)}/preferences/"
    cumbria = world.provider_b.region
    abroad = RegionFactory(name="Hovedstaden", country_code="DK")

    form = html(client.get(url))
    response = client.post(
        url,
        {
            "occupations": ["5223", "9112"],
            "skills": "till, customer service،  stock",
            "hours_min": "16",
            "hours_max": "۲۵",
            "max_travel_km": "10",
            "home_region": str(cumbria.pk),
            "adjustments_needed": ["rest_breaks", "flexible_hours"],
            "wishes": "Mornings only.",
        },
    )

    assert '<optgroup label="Service and sales workers">' in form
    assert "Hovedstaden" not in form
    assert abroad.kind == Region.Kind.REGION
    assert response.status_code == 302
    assert response.url == f"{base(world.participant)}/matches/"
    preferences = JobPreferences.objects.get(participant=world.participant)
    assert preferences.occupations == ["5223", "9112"]
    assert preferences.skills == ["customer service", "stock", "till"]
    assert preferences.hours_max == Decimal(25)
    assert preferences.home_region == cumbria
    assert preferences.adjustments_needed == ["flexible_hours", "rest_breaks"]
    again = html(client.get(url))
    assert 'value="5223" selected' in again
    assert "customer service, stock, till" in again


def test_preferences_refused_by_the_service_show_at_the_field(world, login):
    response = login(world.specialist_a).post(
        f"{base(world.participant)}/preferences/", {"hours_min": "30", "hours_max": "20"}
    )

    assert response.status_code == 422
    assert 'id="id_hours_max_error"' in html(response)
    assert "The most hours cannot be fewer than the least." in html(response)


# ---------------------------------------------------------------- matches


def test_matches_are_ranked_with_every_reason_and_its_points(world, login, jobs):
    prefer(world)

    response = login(world.specialist_a).get(f"{base(world.participant)}/matches/")

    page = html(response)
    assert response.status_code == 200
    titles = re.findall(r"<h2>(?:<a [^>]*>)?([^<]+)", page)
    assert titles[-3:] == ["Shop assistant", "Office cleaner", "Staff nurse"]
    shop, cleaner, nurse = re.split(r"<li class=\"panel\">", page)[1:4]
    assert "100 out of 100" in shop and 'value="100"' in shop
    assert "40 out of 100" in cleaner
    assert "7 out of 100" in nurse
    assert "Tyneside Foods" in shop
    assert "5223 Shop sales assistants" in shop
    assert "An occupation the person wants." in shop
    assert "35 of 35 points" in shop
    assert "Matches what the person said they want." in shop
    assert "Fits:" in shop and "Does not fit:" not in shop
    assert "Not an occupation the person asked for." in cleaner
    assert "0 of 35 points" in cleaner
    assert "Does not fit:" in cleaner and "✗" in cleaner
    assert "In the same region as home." in nurse
    assert "37.5 hours a week is outside what the person wants." in nurse
    assert f"/placements/new/?vacancy={jobs['shop'].ref}" in shop


def test_matches_explain_what_is_missing(world, login, jobs):
    client = login(world.specialist_a)
    url = f"{base(world.participant)}/matches/"

    none_yet = html(client.get(url))
    prefer(world)
    for job in jobs.values():
        services.vacancy_set_status(actor=world.specialist_a, vacancy=job, status="filled")
    no_vacancies = html(client.get(url))

    assert "No job preferences are recorded yet." in none_yet
    assert f"{base(world.participant)}/preferences/" in none_yet
    assert "There are no open vacancies" in no_vacancies


def test_matches_page_runs_a_constant_number_of_queries(world, login, jobs):
    prefer(world)
    client = login(world.specialist_a)
    url = f"{base(world.participant)}/matches/"
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    employer = make_employer(world, "Quayside Books")
    for number in range(5):
        vacancy(world, employer, f"Bookseller {number}", "5223", "18")
    with CaptureQueriesContext(connection) as eight:
        client.get(url)
    assert len(eight) == len(three)


def test_place_in_this_job_prefills_the_job_start(world, login, jobs):
    make_enrolment(world)
    prefer(world, adjustments_needed=["flexible_hours", "step_free"])

    response = login(world.specialist_a).get(
        f"{base(world.participant)}/placements/new/?vacancy={jobs['shop'].ref}"
    )

    page = html(response)
    assert response.status_code == 200
    assert 'value="Shop assistant"' in page
    assert f'value="{jobs["shop"].ref}"' in page
    assert re.search(r'value="flexible_hours"[^>]*checked', page)
    assert not re.search(r'value="step_free"[^>]*checked', page)


def test_a_vacancy_the_user_may_not_see_cannot_prefill_a_job_start(world, login):
    make_enrolment(world)
    theirs = services.employer_create(
        actor=world.specialist_b,
        organisation=world.provider_b,
        data={"name": "Carlisle Cafe", "region": world.provider_b.region},
    )
    job = services.vacancy_create(
        actor=world.specialist_b,
        employer=theirs,
        data={
            "title": "Barista",
            "occupation": "5132",
            "hours_per_week": Decimal(20),
            "currency": "GBP",
            "contract": "permanent",
        },
    )

    response = login(world.specialist_a).get(
        f"{base(world.participant)}/placements/new/?vacancy={job.ref}"
    )

    assert response.status_code == 404


# ---------------------------------------------------------------- people for a vacancy


def test_candidates_are_the_people_the_user_may_see_ranked_with_reasons(world, login, jobs):
    make_enrolment(world)
    prefer(world)

    response = login(world.specialist_a).get(
        f"/employment/vacancies/{jobs['shop'].ref}/candidates/"
    )

    page = html(response)
    assert response.status_code == 200
    assert world.participant.full_name in page
    assert f"{base(world.participant)}/matches/" in page
    assert "100 out of 100" in page
    assert "An occupation the person wants." in page


def test_candidates_leave_out_people_not_in_active_support(world, login, jobs):
    prefer(world)

    page = html(
        login(world.specialist_a).get(f"/employment/vacancies/{jobs['shop'].ref}/candidates/")
    )

    assert world.participant.full_name not in page
    assert "Nobody you work with has recorded job preferences" in page
