"""The employment part of the demo: employers and vacancies in every country, placements at
every point of the year after a job start, and something due for each demo login.

The demo is loaded once for the module (it takes a while) inside a transaction rolled back at
the end, as in `test_load_demo`.
"""

import datetime
import random
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from tandem.casework.models import StageChange
from tandem.demo import employment
from tandem.demo import employment_content as content
from tandem.demo import structure as s
from tandem.employment import selectors
from tandem.employment.models import (
    Employer,
    EmployerContact,
    FollowUp,
    JobPreferences,
    Placement,
    SustainmentCheck,
    Vacancy,
)
from tandem.employment.occupations import is_unit_group
from tandem.organisations.models import User
from tandem.participants.selectors import access_participant
from tandem.programmes.models import Programme
from tandem.referrals.models import Enrolment, SupportStage

PERSIAN = re.compile(r"[\u0600-\u06FF]")
DANISH_TITLES = {job.title for jobs in content.DK_JOBS.values() for job in jobs}
PERSIAN_TITLES = {job.title for jobs in content.IR_JOBS.values() for job in jobs}
SPECIALISTS = ("advisor.northeast", "caseworker.koge", "coach.mashhad")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with fast, django_db_blocker.unblock(), transaction.atomic():
        output = StringIO()
        call_command("load_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def today() -> datetime.date:
    return timezone.localdate()


def test_on_the_structure_alone_it_builds_once(django_user_model):
    """Employers, contacts and vacancies need only the organisations and staff; a second
    run finds its marker and creates nothing."""
    actor = s.admin_user()
    world = s.World()
    s.build_places(world, actor)
    s.build_organisations(world, actor)
    s.build_programmes(world)
    s.ensure_logins("x")
    s.build_staff(world, actor)
    first = employment.build(world, actor, random.Random(7), today())
    assert first["employers"] >= 50 and first["vacancies"] >= 60
    assert first["employer contacts"] >= 100
    again = employment.build(world, actor, random.Random(8), today())
    assert again == first == employment.counts()


def test_employers_and_vacancies_in_each_country(demo):
    for country in ("GB", "DK", "IR"):
        employers = Employer.objects.filter(organisation__region__country_code=country)
        assert employers.count() >= 5, country
        vacancies = Vacancy.objects.filter(employer__organisation__region__country_code=country)
        assert set(vacancies.values_list("status", flat=True)) == set(Vacancy.Status.values)
        assert all(is_unit_group(code) for code in vacancies.values_list("occupation", flat=True))
    assert Employer.objects.exclude(contact_phone="").count() == Employer.objects.count()

    danish = Vacancy.objects.filter(employer__organisation__region__country_code="DK")
    assert set(danish.values_list("title", flat=True)) <= DANISH_TITLES
    assert danish.filter(title="Social- og sundhedshjælper").exists() or danish.count() > 10
    persian = Vacancy.objects.filter(employer__organisation__region__country_code="IR")
    assert all(PERSIAN.search(title) for title in persian.values_list("title", flat=True))
    assert set(persian.values_list("title", flat=True)) <= PERSIAN_TITLES
    # Pay in the programme's currency: rial in Iran, tens of millions a month.
    assert set(persian.values_list("currency", flat=True)) == {"IRR"}
    assert min(persian.values_list("pay", flat=True)) >= 50_000_000
    uk = Vacancy.objects.filter(employer__organisation__region__country_code="GB")
    assert set(uk.values_list("currency", flat=True)) == {"GBP"}
    assert 10 < min(uk.values_list("pay", flat=True)) < 20

    open_ = Vacancy.objects.filter(status=Vacancy.Status.OPEN)
    assert open_.filter(closing_on__lte=today() + datetime.timedelta(days=7)).exists()
    assert all(v.closing_on is None or v.closing_on >= today() for v in open_)
    closed = Vacancy.objects.exclude(status=Vacancy.Status.OPEN).exclude(closing_on=None)
    assert all(v.closing_on < today() for v in closed)


def test_employers_are_seen_only_by_their_own_organisations(demo):
    koge = User.objects.get(username="caseworker.koge")
    countries = {e.organisation.region.country_code for e in selectors.visible_employers(user=koge)}
    assert countries == {"DK"}
    coach = User.objects.get(username="coach.mashhad")
    assert not selectors.visible_vacancies(user=coach).filter(currency="GBP").exists()


def test_employer_contacts_over_recent_weeks(demo):
    for username in SPECIALISTS:
        user = User.objects.get(username=username)
        weeks = selectors.employer_contacts_by_week(specialist=user, weeks=12)
        assert sum(week.contacts for week in weeks) >= 20, username
        assert sum(week.met_hiring_manager for week in weeks) >= 1, username
        assert sum(1 for week in weeks if week.contacts) >= 10, username
    assert not EmployerContact.objects.filter(contacted_on__gt=today()).exists()
    # Back-dated: recorded when the contact happened, not when the demo loaded.
    oldest = EmployerContact.objects.order_by("contacted_on").first()
    assert oldest.created_at.date() <= oldest.contacted_on + datetime.timedelta(days=1)


def test_outcome_definitions_on_the_demo_programmes(demo):
    programmes = {p.name: p for p in Programme.objects.all()}
    connect = programmes[s.CONNECT_TO_WORK]
    assert connect.job_outcome_min_hours == 16
    assert connect.outcome_counts_self_employment and connect.outcome_counts_apprenticeship
    for name in (s.KOGE_PROGRAMME, s.BALLERUP_PROGRAMME):
        assert programmes[name].job_outcome_min_hours == 15
    behzisti = programmes[s.IR_PROGRAMME]
    assert behzisti.job_outcome_min_hours == 20
    assert behzisti.outcome_counts_self_employment
    assert not behzisti.outcome_counts_apprenticeship
    assert (behzisti.follow_up_every_weeks, behzisti.follow_up_for_weeks) == (4, 52)


def test_placements_at_every_point_of_the_year(demo):
    placements = Placement.objects.all()
    ages = [(today() - p.started_on).days for p in placements]
    assert min(ages) <= 14 and max(ages) >= 300
    kinds = set(placements.values_list("kind", flat=True))
    assert kinds == set(Placement.Kind.values)
    assert not placements.filter(
        kind=Placement.Kind.APPRENTICESHIP, enrolment__programme__country_code="IR"
    ).exists()
    self_employed = placements.filter(kind=Placement.Kind.SELF_EMPLOYED)
    assert all(p.earnings_evidence and p.currency == "IRR" for p in self_employed)
    apprentices = placements.filter(kind=Placement.Kind.APPRENTICESHIP)
    assert set(apprentices.values_list("enrolment__programme__country_code", flat=True)) <= {
        "GB",
        "DK",
    }

    checks = SustainmentCheck.objects.filter(placement__ended_on=None)
    due = SustainmentCheck.Status.DUE
    horizon = today() + datetime.timedelta(days=14)
    for weeks in (13, 26):
        at = checks.filter(weeks=weeks)
        assert at.filter(status=due, due_on__gte=today(), due_on__lte=horizon).exists(), weeks
        assert at.filter(status=due, due_on__lt=today()).exists(), weeks
        assert at.filter(status=SustainmentCheck.Status.CONFIRMED).exists(), weeks
    confirmed = SustainmentCheck.objects.filter(status=SustainmentCheck.Status.CONFIRMED)
    assert all(c.evidence and c.checked_on <= today() for c in confirmed)
    assert all(c.checked_on >= c.due_on - datetime.timedelta(days=14) for c in confirmed)
    # The oldest placements have their 52-week check coming up.
    assert checks.filter(weeks=52, due_on__lte=today() + datetime.timedelta(days=60)).exists()


def test_placements_are_back_dated(demo):
    old = Placement.objects.filter(started_on__lt=today() - datetime.timedelta(days=60))
    assert old.exists()
    for placement in old:
        assert placement.created_at.date() <= placement.started_on + datetime.timedelta(days=1)
        first = placement.history.order_by("history_id").first()
        assert first.history_date.date() <= placement.started_on + datetime.timedelta(days=1)


def test_ended_placements_go_back_to_job_finding(demo):
    ended = Placement.objects.exclude(ended_on=None).select_related("enrolment")
    assert ended.count() >= 3
    for placement in ended:
        assert placement.end_reason
        assert placement.ended_on >= placement.started_on
        assert placement.enrolment.stage == SupportStage.JOB_FINDING
        later = placement.checks.filter(due_on__gt=placement.ended_on)
        assert set(later.values_list("status", flat=True)) <= {SustainmentCheck.Status.NOT_IN_WORK}
    assert Placement.objects.filter(ended_on=None).filter(support__isnull=False).exists()


def test_stage_history_reads_in_order_around_job_starts_and_ends(demo):
    placed = Enrolment.objects.filter(placements__isnull=False).distinct()
    assert placed.count() >= 30
    for enrolment in placed:
        latest = StageChange.objects.filter(enrolment=enrolment).order_by("-changed_at").first()
        assert latest.to_stage == enrolment.stage, enrolment.pk
        assert latest.changed_at == enrolment.stage_since, enrolment.pk
        assert latest.changed_at <= timezone.now()


def test_behzisti_follow_ups_done_and_overdue(demo):
    follow_ups = FollowUp.objects.filter(placement__enrolment__programme__name=s.IR_PROGRAMME)
    assert follow_ups.exclude(done_on=None).count() >= 10
    assert follow_ups.filter(done_on=None, due_on__lt=today()).exists()
    assert not FollowUp.objects.exclude(placement__enrolment__programme__name=s.IR_PROGRAMME)


@pytest.mark.parametrize("username", SPECIALISTS)
def test_each_demo_specialist_has_due_and_overdue_items(demo, username):
    user = User.objects.get(username=username)
    checks = list(selectors.checks_due(user=user, key_worker=user))
    follow_ups = list(selectors.follow_ups_due(user=user, key_worker=user))
    # Who gets which placement shifts with the hour the demo is loaded at (dates are counted
    # back from now), so due and overdue checks are asserted for the three together below.
    assert checks or follow_ups or username == "caseworker.koge", username
    if username == "coach.mashhad":
        assert any(item.due_on < today() for item in follow_ups)

    client = Client()
    client.force_login(user)
    page = client.get(reverse("employment:due"))
    assert page.status_code == 200
    assert checks[0].placement.job_title in page.content.decode()


def test_matching_for_a_demo_person_shows_reasons(demo):
    user = User.objects.get(username="advisor.northeast")
    preferences = (
        JobPreferences.objects.filter(participant__enrolments__key_worker=user)
        .exclude(occupations=[])
        .select_related("participant")
        .order_by("pk")
    )
    assert preferences.count() >= 5
    access = access_participant(user=user, ref=preferences[0].participant.ref)
    with translation.override("en"):
        matches = selectors.matches_for_participant(access=access, user=user)
    assert matches
    best = matches[0]
    factors = {reason.factor for reason in best.match.reasons}
    assert {"occupation", "skills", "hours", "travel", "adjustments"} <= factors
    assert any(
        reason.factor == "occupation" and reason.good
        for match in matches
        for reason in match.match.reasons
    )
    assert any(
        reason.factor == "travel" and "km" in reason.text
        for match in matches
        for reason in match.match.reasons
    )


def test_building_again_creates_nothing(demo):
    before = employment.counts()
    assert employment.employment_loaded()
    world = s.World()
    again = employment.build(world, s.admin_user(), random.Random(1), today())
    assert again == before == employment.counts()
    assert "placements" in demo and "employers" in demo


def test_the_demo_specialists_have_checks_coming_up(demo):
    # Which of them gets the check due next fortnight depends on the order the database
    # returns the casework in; between them there is always one.
    coming = [
        check
        for username in SPECIALISTS
        for check in selectors.checks_due(
            user=User.objects.get(username=username),
            key_worker=User.objects.get(username=username),
        )
        if check.due_on >= today()
    ]
    overdue = [
        check
        for username in SPECIALISTS
        for check in selectors.checks_due(
            user=User.objects.get(username=username),
            key_worker=User.objects.get(username=username),
        )
        if check.due_on < today()
    ]
    assert coming
    assert overdue
