"""Køge's cross-disciplinary team re-reviews a matchgruppe-3 case from a review queue and the
review produces an agreed plan: in Danish, and in Persian (right to left, Solar Hijri input)."""

import datetime

import jdatetime
import pytest
from django.utils import timezone

from tandem.casework.models import CaseReview, Plan, ReviewQueueItem
from tandem.core.access import Discipline, Role
from tandem.core.formatting import to_persian_digits
from tandem.organisations.models import Region
from tandem.participants.models import BenefitSituation
from tandem.referrals.models import Enrolment
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

COUNTRIES = {"da": ("Danmark", "DK", "Jobcenter Køge"), "fa": ("ایران", "IR", "مرکز اشتغال")}


def typed_date(day: datetime.date, language: str) -> str:
    """A date as a person types it: Solar Hijri with Persian digits in Persian, ISO otherwise."""
    if language == "fa":
        return to_persian_digits(jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d"))
    return day.isoformat()


def submit(page) -> None:
    page.locator("main form button[type=submit].button").last.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["da", "fa"])
def test_review_from_queue_to_agreed_plan(page, live_server, axe_check, language):
    country_name, code, organisation_name = COUNTRIES[language]
    country = RegionFactory(name=country_name, kind=Region.Kind.COUNTRY, country_code=code)
    area = RegionFactory(name=f"{country_name} area", parent=country, country_code=code)
    jobcentre = OrganisationFactory(name=organisation_name, region=area)
    hospital = OrganisationFactory(name="Hospital", region=area, accepts_referrals=False)
    programme = ProgrammeFactory(owner=jobcentre, delivered_by=[jobcentre], country_code=code)
    caseworker = staff("caseworker", jobcentre, Role.SPECIALIST, language=language)
    physician = staff("physician", hospital, Role.CLINICIAN, language=language)
    person = ParticipantFactory(
        owning_organisation=jobcentre,
        full_name="Mette Jensen" if language == "da" else "زهرا احمدی",
        benefit_situation=BenefitSituation.KONTANTHJAELP,
        match_group=3,
    )
    CaseTeamMemberFactory(participant=person, user=caseworker, discipline=Discipline.EMPLOYMENT)
    CaseTeamMemberFactory(
        participant=person, user=physician, discipline=Discipline.OCCUPATIONAL_MEDICINE
    )
    ConsentFactory(participant=person, recorded_by=caseworker)
    Enrolment.objects.create(
        participant=person,
        programme=programme,
        organisation=jobcentre,
        started_on=timezone.localdate() - datetime.timedelta(days=60),
        enrolled_by=caseworker,
        key_worker=caseworker,
    )

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "caseworker")
    page.fill("#id_password", TEST_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language

    # The team makes a queue of every matchgruppe-3 cash-benefit recipient.
    page.goto(f"{live_server.url}/reviews/queues/new/")
    axe_check(page)
    page.fill("#id_name", "Matchgruppe 3")
    page.select_option("#id_benefit_situation", BenefitSituation.KONTANTHJAELP)
    page.select_option("#id_match_group", "3")
    submit(page)
    axe_check(page)

    # The first case: the person's own view, a decision and an action with a due date.
    page.locator("main a.button[href*='/reviews/new/']").click()
    page.wait_for_load_state()
    axe_check(page)
    page.check("input[name=decision][value=new_plan]")
    page.fill("#id_participant_view", "Jeg vil gerne arbejde i en butik.")
    page.fill("#id_action_1_description", "Helbredsafklaring")
    page.select_option("#id_action_1_owner", str(physician.pk))
    in_two_weeks = timezone.localdate() + datetime.timedelta(days=14)
    page.fill("#id_action_1_due_on", typed_date(in_two_weeks, language))
    submit(page)
    review = CaseReview.objects.get()
    assert review.decision == CaseReview.Decision.NEW_PLAN
    assert review.actions.get().due_on == in_two_weeks
    assert ReviewQueueItem.objects.get().status == ReviewQueueItem.Status.REVIEWED
    axe_check(page)

    # The review decided on a new plan: make it, add a goal and a milestone, record agreement.
    page.goto(f"{live_server.url}/participants/{person.ref}/plan/")
    axe_check(page)
    page.locator("main a.button[href*='/plan/new/']").click()
    page.wait_for_load_state()
    page.fill("#id_summary", "Arbejde i detailhandlen")
    submit(page)
    page.locator("main a.button[href*='/plan/goals/new/']").click()
    page.wait_for_load_state()
    page.check("input[name=track][value=employment]")
    page.fill("#id_description", "Praktik i en butik")
    submit(page)
    page.locator("main a[href*='/milestones/new/']").first.click()
    page.wait_for_load_state()
    axe_check(page)
    page.fill("#id_description", "Første dag i praktik")
    page.fill(
        "#id_target_on", typed_date(timezone.localdate() + datetime.timedelta(days=30), language)
    )
    submit(page)
    page.locator("main a.button[href*='/plan/agree/']").click()
    page.wait_for_load_state()
    page.check("input[name=method][value=verbal]")
    submit(page)
    axe_check(page)

    plan = Plan.objects.get()
    assert plan.agreed_on == timezone.localdate()
    goal = plan.goals.get()
    assert goal.milestones.get().description == "Første dag i praktik"
    assert "Praktik i en butik" in page.content()
