"""Employer pages: the list with its filters and open-vacancy counts, adding and changing an
employer, the contact log, and each specialist's employer contacts per week (IPS job
development) as seen by them and by their team lead. Another organisation's employer is a 404."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone

from tandem import urls as site_urls
from tandem.core.access import Role
from tandem.core.formatting import format_date
from tandem.employment import services
from tandem.employment.models import Employer, EmployerContact, Vacancy
from tandem.organisations.models import Organisation
from tandem.testing.factories import MembershipFactory, OrganisationFactory, staff

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
    """The page's visible text with tags and runs of white space collapsed."""
    page = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def row_text(response, label: str) -> str:
    """The text of the table row that contains `label`."""
    for row in re.findall(r"<tr>.*?</tr>", response.content.decode(), flags=re.S):
        if label in row:
            return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
    raise AssertionError(f"no row with {label!r}")


def make_employer(world, organisation: Organisation | None = None, **data) -> Employer:
    organisation = organisation or world.provider_a
    actor = world.specialist_a if organisation == world.provider_a else world.specialist_b
    data = {"name": "Tyneside Foods", "region": organisation.region} | data
    return services.employer_create(actor=actor, organisation=organisation, data=data)


def make_vacancy(world, employer: Employer, **data) -> Vacancy:
    data = {
        "title": "Shop assistant",
        "occupation": "5223",
        "hours_per_week": Decimal(20),
        "currency": "GBP",
        "contract": Vacancy.Contract.PERMANENT,
    } | data
    return services.vacancy_create(actor=world.specialist_a, employer=employer, data=data)


def contact(world, employer: Employer, on: datetime.date, met: bool = False, actor=None):
    return services.employer_contact_record(
        actor=actor or world.specialist_a,
        employer=employer,
        method=EmployerContact.Method.VISIT,
        contacted_on=on,
        met_hiring_manager=met,
        summary="Talked about warehouse roles",
    )


def employer_post(world, **changes) -> dict:
    return {
        "organisation": world.provider_a.ref,
        "name": "Quayside Care Homes",
        "sector": "Health and care",
        "size": Employer.Size.MEDIUM,
        "region": str(world.provider_a.region_id),
        "address": "1 Quayside, Newcastle",
        "latitude": "",
        "longitude": "",
        "contact_name": "Sam Reid",
        "contact_role": "Home manager",
        "contact_phone": "0191 498 0123",
        "contact_email": "sam@example.org",
        "adjustments_offered": ["flexible_hours", "quiet_space"],
        "accessibility": "Step-free entrance and lift.",
        "disclosure_stance": Employer.DisclosureStance.WELCOMES,
        "notes": "",
    } | changes


# ---------------------------------------------------------------- access


@pytest.mark.parametrize("persona", WRONG_PERSONAS)
def test_wrong_personas_get_404_for_another_organisations_employer(world, login, persona):
    employer = make_employer(world)
    client = login(getattr(world, persona))
    base = f"/employment/employers/{employer.ref}/"

    for url in (base, f"{base}edit/", f"{base}contacts/new/", f"{base}vacancies/new/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{base}edit/", employer_post(world)).status_code == 404
    assert (
        client.post(
            f"{base}contacts/new/",
            {"method": "visit", "contacted_on": today().isoformat(), "met_hiring_manager": "yes"},
        ).status_code
        == 404
    )
    employer.refresh_from_db()
    assert employer.name == "Tyneside Foods"
    assert not employer.contacts.exists()
    if persona in NO_CASEWORK:
        for url in ("/employment/employers/", "/employment/employers/new/"):
            assert client.get(url).status_code == 404, url
        assert client.post("/employment/employers/new/", employer_post(world)).status_code == 404
        assert client.get("/employment/contacts/").status_code == 404
    else:
        listing = client.get("/employment/employers/")
        assert listing.status_code == 200
        assert "Tyneside Foods" not in text(listing)
        assert client.get("/employment/employers/?search=Tyneside").status_code == 200
        assert "Tyneside Foods" not in text(client.get("/employment/employers/?search=Tyneside"))


def test_a_clinician_sees_the_trusts_employers_only(world, login):
    make_employer(world)
    trust_employer = services.employer_create(
        actor=world.clinician_off_team,
        organisation=world.trust,
        data={"name": "Hospital Catering", "region": world.trust.region},
    )

    page = text(login(world.clinician_off_team).get("/employment/employers/"))

    assert "Hospital Catering" in page
    assert "Tyneside Foods" not in page
    assert (
        login(world.clinician_off_team)
        .get(f"/employment/employers/{trust_employer.ref}/")
        .status_code
        == 200
    )
    # And the other way round: the provider's staff never see the trust's employer.
    assert "Hospital Catering" not in text(login(world.specialist_a).get("/employment/employers/"))
    assert (
        login(world.specialist_a).get(f"/employment/employers/{trust_employer.ref}/").status_code
        == 404
    )


# ---------------------------------------------------------------- list


def test_list_searches_filters_and_counts_open_vacancies(world, login):
    durham = world.provider_a.region.__class__.objects.create(
        name="Durham", kind="county", parent=world.provider_a.region, country_code="GB"
    )
    foods = make_employer(world, sector="Retail")
    care = make_employer(world, name="Quayside Care", sector="Health and care", region=durham)
    make_employer(world, name="Tees Logistics", sector="Logistics")
    make_vacancy(world, foods)
    make_vacancy(world, foods, title="Stock assistant", closing_on=today())
    filled = make_vacancy(world, foods, title="Supervisor")
    services.vacancy_set_status(actor=world.specialist_a, vacancy=filled, status="filled")
    past = make_vacancy(world, care, closing_on=today() + datetime.timedelta(days=1))
    Vacancy.objects.filter(pk=past.pk).update(closing_on=today() - datetime.timedelta(days=1))
    client = login(world.specialist_a)

    response = client.get("/employment/employers/")

    assert response.status_code == 200
    # Open now: not filled, and not past its closing date.
    assert row_text(response, "Tyneside Foods").endswith("2")
    assert row_text(response, "Quayside Care").endswith("0")
    assert "3 employers" in text(response)

    found = text(client.get("/employment/employers/?search=quay"))
    assert "Quayside Care" in found and "Tyneside Foods" not in found
    by_sector = text(client.get("/employment/employers/?sector=Logistics"))
    assert "Tees Logistics" in by_sector and "Tyneside Foods" not in by_sector
    # An area takes in the areas within it.
    by_area = text(client.get(f"/employment/employers/?area={world.provider_a.region_id}"))
    assert "Quayside Care" in by_area and "Tyneside Foods" in by_area
    only_durham = text(client.get(f"/employment/employers/?area={durham.pk}"))
    assert "Quayside Care" in only_durham and "Tyneside Foods" not in only_durham
    assert "No employer matches" in text(client.get("/employment/employers/?search=zzz"))


def test_list_queries_do_not_grow_with_employers(world, login):
    client = login(world.specialist_a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/employment/employers/").status_code == 200
        return len(captured)

    employer = make_employer(world)
    make_vacancy(world, employer)
    few = queries()
    for number in range(5):
        make_vacancy(world, make_employer(world, name=f"Employer {number}", sector=f"S{number}"))
    assert queries() == few


# ---------------------------------------------------------------- add and change


def test_adding_an_employer_shows_its_details(world, login):
    client = login(world.specialist_a)
    form = client.get("/employment/employers/new/")
    assert form.status_code == 200
    # One organisation: nothing to choose.
    assert 'type="hidden" name="organisation"' in form.content.decode()

    response = client.post("/employment/employers/new/", employer_post(world))

    employer = Employer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/employment/employers/{employer.ref}/"
    assert employer.organisation == world.provider_a
    assert employer.contact_phone == "+441914980123"
    page = text(client.get(response["Location"]))
    for shown in (
        "Quayside Care Homes",
        "Flexible hours",
        "Quiet workspace",
        "Welcomes disclosure",
        "Step-free entrance and lift.",
        "Sam Reid",
        "Home manager",
        "+44 191 498 0123",
        "Record a contact",
        "Add a vacancy",
        "Change details",
    ):
        assert shown in page, shown


def test_a_member_of_two_organisations_chooses_which_keeps_the_employer(world, login):
    MembershipFactory(user=world.specialist_a, organisation=world.provider_b, role=Role.SPECIALIST)
    client = login(world.specialist_a)
    form = client.get("/employment/employers/new/").content.decode()
    assert world.provider_a.name in form and world.provider_b.name in form

    response = client.post(
        "/employment/employers/new/",
        employer_post(
            world, organisation=world.provider_b.ref, region=str(world.provider_b.region_id)
        ),
    )

    assert response.status_code == 302
    assert Employer.objects.get().organisation == world.provider_b
    elsewhere = OrganisationFactory(name="Elsewhere", region=world.provider_a.region)
    refused = client.post(
        "/employment/employers/new/", employer_post(world, organisation=elsewhere.ref)
    )
    assert refused.status_code == 422
    assert Employer.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"contact_phone": "12"}, "contact_phone", "phone number"),
        ({"latitude": "54.97", "longitude": ""}, "latitude", "both latitude and longitude"),
    ],
)
def test_a_bad_phone_or_half_coordinates_is_shown_at_the_field(
    world, login, changes, field, message
):
    response = login(world.specialist_a).post(
        "/employment/employers/new/", employer_post(world, **changes)
    )

    assert response.status_code == 422
    page = response.content.decode()
    error = re.search(rf'id="id_{field}_error">(.*?)</p>', page, flags=re.S)
    assert error and message in error.group(1)
    assert "There is a problem" in page
    assert not Employer.objects.exists()


def test_changing_an_employers_details(world, login):
    employer = make_employer(world, contact_phone="0191 498 0123")
    client = login(world.social_worker_on_team)
    form = client.get(f"/employment/employers/{employer.ref}/edit/")
    assert form.status_code == 200
    assert 'value="Tyneside Foods"' in form.content.decode()

    response = client.post(
        f"/employment/employers/{employer.ref}/edit/",
        employer_post(world, name="Tyneside Fresh Foods", adjustments_offered=["step_free"]),
    )

    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.name == "Tyneside Fresh Foods"
    assert employer.adjustments_offered == ["step_free"]
    assert employer.history.count() == 2
    refused = client.post(
        f"/employment/employers/{employer.ref}/edit/", employer_post(world, contact_phone="12")
    )
    assert refused.status_code == 422
    employer.refresh_from_db()
    assert employer.contact_phone == "+441914980123"


# ---------------------------------------------------------------- contacts


def test_recording_a_contact_offers_a_vacancy_found_through_it(world, login):
    employer = make_employer(world)
    older = contact(world, employer, today() - datetime.timedelta(days=10))
    client = login(world.specialist_a)
    assert client.get(f"/employment/employers/{employer.ref}/contacts/new/").status_code == 200

    response = client.post(
        f"/employment/employers/{employer.ref}/contacts/new/",
        {
            "method": "meeting",
            "contacted_on": today().isoformat(),
            "met_hiring_manager": "yes",
            "summary": "The manager is hiring two shop assistants.",
        },
    )

    new = EmployerContact.objects.exclude(pk=older.pk).get()
    assert new.met_hiring_manager is True
    assert new.specialist == world.specialist_a
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Add a vacancy found through this contact" in html
    assert f"/employment/employers/{employer.ref}/vacancies/new/?contact={new.ref}" in html
    # The log, newest first.
    log = text(page).split("Contact log", 1)[1]
    assert log.index("two shop assistants") < log.index(format_date(older.contacted_on))


def test_a_contact_in_the_future_is_refused(world, login):
    employer = make_employer(world)

    response = login(world.specialist_a).post(
        f"/employment/employers/{employer.ref}/contacts/new/",
        {
            "method": "phone",
            "contacted_on": (today() + datetime.timedelta(days=2)).isoformat(),
            "met_hiring_manager": "no",
        },
    )

    assert response.status_code == 422
    assert "cannot be in the future" in text(response)
    assert not EmployerContact.objects.exists()


# ---------------------------------------------------------------- contacts per week


def this_monday() -> datetime.date:
    return today() - datetime.timedelta(days=today().weekday())


def test_contacts_by_week_counts_each_week_and_the_meetings_with_the_person_who_hires(world, login):
    employer = make_employer(world)
    monday = this_monday()
    contact(world, employer, monday, met=True)
    contact(world, employer, monday)
    contact(world, employer, monday - datetime.timedelta(days=12), met=True)  # two weeks back
    contact(world, employer, monday - datetime.timedelta(weeks=9))  # before the 8 weeks
    contact(world, employer, monday, actor=world.social_worker_on_team)  # someone else's

    response = login(world.specialist_a).get("/employment/contacts/")

    assert response.status_code == 200
    assert row_text(response, format_date(monday)) == f"{format_date(monday)} 2 1"
    two_back = monday - datetime.timedelta(weeks=2)
    assert row_text(response, format_date(two_back)) == f"{format_date(two_back)} 1 1"
    last_week = monday - datetime.timedelta(weeks=1)
    assert row_text(response, format_date(last_week)) == f"{format_date(last_week)} 0 0"
    assert "3 employer contacts in 8 weeks, 2 meeting the person who hires" in text(response)
    assert "Tyneside Foods" in text(response).split("Recent contacts", 1)[1]
    # Not a team lead: no team, and nobody else's contacts.
    assert "The team this week" not in text(response)
    assert (
        login(world.specialist_a)
        .get(f"/employment/contacts/?specialist={world.social_worker_on_team.username}")
        .status_code
        == 404
    )


def test_a_team_lead_sees_each_members_contacts(world, login):
    lead = staff("lead_a", world.provider_a, Role.TEAM_LEAD)
    employer = make_employer(world)
    monday = this_monday()
    contact(world, employer, monday, met=True)
    contact(world, employer, monday)
    contact(world, employer, monday - datetime.timedelta(days=3), met=True)  # last week
    client = login(lead)

    team = client.get("/employment/contacts/")

    assert team.status_code == 200
    assert "The team this week and last week" in text(team)
    name = world.specialist_a.display_name
    assert row_text(team, f"?specialist={world.specialist_a.username}").endswith(f"{name} 2 1 1 1")
    assert f'<option value="{world.specialist_a.username}"' in team.content.decode()

    member = client.get(f"/employment/contacts/?specialist={world.specialist_a.username}")

    assert member.status_code == 200
    assert f"Employer contacts of {name}" in text(member)
    assert row_text(member, format_date(monday)) == f"{format_date(monday)} 2 1"


@pytest.mark.parametrize("persona", ["specialist_b", "social_worker_on_team", "clinician_off_team"])
def test_only_the_specialist_and_their_team_lead_see_their_contacts(world, login, persona):
    contact(world, make_employer(world), this_monday())
    other_lead = staff("lead_b", world.provider_b, Role.TEAM_LEAD)

    for user in (getattr(world, persona), other_lead):
        response = login(user).get(
            f"/employment/contacts/?specialist={world.specialist_a.username}"
        )
        assert response.status_code == 404
    assert login(other_lead).get("/employment/contacts/?specialist=nobody").status_code == 404
    # A lead elsewhere sees their own team only.
    assert world.specialist_a.display_name not in text(
        login(other_lead).get("/employment/contacts/")
    )


def test_the_employer_page_lists_its_vacancies_open_first(world, login):
    employer = make_employer(world)
    filled = make_vacancy(world, employer, title="Baker")
    services.vacancy_set_status(actor=world.specialist_a, vacancy=filled, status="filled")
    make_vacancy(world, employer, title="Shop assistant")
    make_vacancy(world, make_employer(world, name="Other Ltd"), title="Driver")

    page = text(login(world.specialist_a).get(f"/employment/employers/{employer.ref}/"))

    vacancies = page.split("Contact log", 1)[0]
    assert vacancies.index("Shop assistant") < vacancies.index("Baker")
    assert "Driver" not in page
