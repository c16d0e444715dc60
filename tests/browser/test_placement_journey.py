"""From a ranked match to a job start to a confirmed 13-week sustainment check."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tandem.core.access import Discipline, Role
from tandem.employment import services as employment
from tandem.employment.models import Placement, SustainmentCheck
from tandem.organisations.models import Region
from tandem.referrals.models import Enrolment, SupportStage
from tandem.testing.factories import (
    TEST_PASSWORD,
    CaseTeamMemberFactory,
    ConsentFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    RegionFactory,
    staff,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_match_to_placement_to_confirmed_13_week_check(page, live_server, axe_check):
    country = RegionFactory(name="United Kingdom", kind=Region.Kind.COUNTRY, country_code="GB")
    area = RegionFactory(name="North East", parent=country, country_code="GB")
    provider = OrganisationFactory(name="Connect to Work North East", region=area)
    programme = ProgrammeFactory(owner=provider, delivered_by=[provider])
    specialist = staff("specialist", provider, Role.SPECIALIST)
    person = ParticipantFactory(owning_organisation=provider, full_name="Jordan Ellis")
    CaseTeamMemberFactory(participant=person, user=specialist, discipline=Discipline.EMPLOYMENT)
    ConsentFactory(participant=person, recorded_by=specialist)
    today = timezone.localdate()
    Enrolment.objects.create(
        participant=person,
        programme=programme,
        organisation=provider,
        started_on=today - datetime.timedelta(days=150),
        enrolled_by=specialist,
        key_worker=specialist,
        stage=SupportStage.JOB_FINDING,
    )
    employer = employment.employer_create(
        actor=specialist,
        organisation=provider,
        data={"name": "Tyneside Grocers", "region": area, "adjustments_offered": ["rest_breaks"]},
    )
    for title, occupation in [("Warehouse operative", "9333"), ("Shop assistant", "5223")]:
        employment.vacancy_create(
            actor=specialist,
            employer=employer,
            data={
                "title": title,
                "occupation": occupation,
                "hours_per_week": Decimal(20),
                "currency": "GBP",
                "contract": "permanent",
                "skills": ["customer service"],
            },
        )
    employment.job_preferences_set(
        actor=specialist,
        participant=person,
        data={
            "occupations": ["5223"],
            "skills": ["customer service"],
            "hours_min": 16,
            "hours_max": 25,
            "home_region": area,
            "wishes": "Work in a shop near home",
        },
    )

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "specialist")
    page.fill("#id_password", TEST_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    # The shop job ranks first, with its reasons shown.
    page.goto(f"{live_server.url}/employment/participants/{person.ref}/matches/")
    axe_check(page)
    first = page.locator("main h2, main h3").filter(has_text="assistant").first
    assert first.is_visible()
    assert "An occupation the person wants." in page.content()
    page.locator("main a.button[href*='/placements/new/']").first.click()
    page.wait_for_load_state()
    axe_check(page)

    # The job started 13 weeks ago (recorded late, as happens): the first check is due.
    started = today - datetime.timedelta(weeks=13)
    page.check("input[name=kind][value=employed]")
    page.fill("#id_started_on", started.isoformat())
    page.locator("main form button[type=submit].button").last.click()
    page.wait_for_load_state()
    placement = Placement.objects.get()
    assert placement.job_title == "Shop assistant"
    assert placement.vacancy.title == "Shop assistant"
    axe_check(page)

    check = placement.checks.get(weeks=13)
    prefix = f"check-{check.ref}"
    page.check(f"input[name='{prefix}-in_work'][value=yes]")
    page.select_option(f"#id_{prefix}-evidence", "payslip")
    page.locator(f"form[action*='/checks/{check.ref}/'] button[type=submit]").click()
    page.wait_for_load_state()
    check.refresh_from_db()
    assert check.status == SustainmentCheck.Status.CONFIRMED
    assert check.evidence == "payslip"
    axe_check(page)
