import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tandem.monitoring import services
from tandem.monitoring.models import FollowUpAction, MonitoredProject, MonitoringPlan, Visit
from tandem.monitoring.tests import factories

D = datetime.date


@pytest.fixture
def loan(place):
    return factories.loan(
        place.programme,
        place.mashhad,
        place.participant,
        place.finance_officer,
        disbursed_on=D(2024, 7, 1),
        instalments=[(D(2025, 1, 1), Decimal("100000000")), (D(2025, 2, 1), Decimal("100000000"))],
    )


def test_registering_a_disbursed_loan_is_idempotent(place, loan):
    project, created = services.monitored_project_register_loan(actor=place.officer, loan=loan)
    assert created
    assert project.kind == MonitoredProject.Kind.LOAN_BUSINESS
    assert project.county == place.mashhad
    assert project.name == "Saffron packing"
    assert project.jobs_planned == 4
    assert project.funded_amount == Decimal("1000000000")
    assert project.started_on == D(2024, 7, 1)
    again, created_again = services.monitored_project_register_loan(actor=place.officer, loan=loan)
    assert (again.pk, created_again) == (project.pk, False)
    assert MonitoredProject.objects.count() == 1


def test_a_loan_not_yet_disbursed_is_not_registered(place):
    pending = factories.loan(
        place.programme, place.mashhad, place.participant, place.finance_officer, disbursed_on=None
    )
    with pytest.raises(ValidationError):
        services.monitored_project_register_loan(actor=place.officer, loan=pending)
    assert not MonitoredProject.objects.exists()


def test_register_all_disbursed_in_counties(place, loan):
    factories.loan(place.programme, place.tehran_county, place.participant, place.finance_officer)
    factories.loan(
        place.programme,
        place.neyshabur,
        place.participant,
        place.finance_officer,
        disbursed_on=None,
    )
    counties = {place.mashhad.pk, place.neyshabur.pk}
    assert (
        services.monitored_projects_register_disbursed(actor=place.officer, county_ids=counties)
        == 1
    )
    assert (
        services.monitored_projects_register_disbursed(actor=place.officer, county_ids=counties)
        == 0
    )


def test_instalments_are_prefilled_from_the_finance_records(place, loan):
    project, _created = services.monitored_project_register_loan(actor=place.officer, loan=loan)
    before = services.visit_record(
        actor=place.officer,
        project=project,
        mode=Visit.Mode.IN_PERSON,
        visited_on=D(2024, 12, 1),
        business_active=True,
        jobs_filled=4,
    )
    assert before.instalments_up_to_date is True
    after = services.visit_record(
        actor=place.officer,
        project=project,
        mode=Visit.Mode.REMOTE,
        visited_on=D(2025, 1, 15),
        business_active=True,
        jobs_filled=3,
    )
    assert after.instalments_up_to_date is False
    # The officer's own answer wins over the records.
    told = services.visit_record(
        actor=place.officer,
        project=project,
        mode=Visit.Mode.REMOTE,
        visited_on=D(2025, 1, 16),
        business_active=True,
        jobs_filled=3,
        instalments_up_to_date=True,
    )
    assert told.instalments_up_to_date is True


def test_a_project_without_a_loan_has_no_instalments(place):
    project = factories.project(place.programme, place.mashhad, place.officer)
    visit = services.visit_record(
        actor=place.officer,
        project=project,
        mode=Visit.Mode.IN_PERSON,
        visited_on=D(2025, 1, 15),
        business_active=False,
        jobs_filled=0,
        instalments_up_to_date=True,
        problems="Closed its doors",
        actions=[services.ActionSpec("Call the owner", D(2025, 1, 20), place.narrowed_officer)],
    )
    assert visit.instalments_up_to_date is None
    action = visit.actions.get()
    assert (action.project, action.assignee) == (project, place.narrowed_officer)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"visited_on": D(2999, 1, 1)}, "visited_on"),
        ({"visited_on": D(2024, 1, 1)}, "visited_on"),
        ({"jobs_filled": -1}, "jobs_filled"),
        ({"mode": "phone"}, "mode"),
        ({"actions": [services.ActionSpec("x", D(2025, 1, 1))]}, "actions[0].due_on"),
        ({"actions": [services.ActionSpec(" ", D(2025, 3, 1))]}, "actions[0].description"),
    ],
)
def test_bad_visits_change_nothing(place, changes, field):
    project = factories.project(place.programme, place.mashhad, place.officer)
    data = {
        "mode": Visit.Mode.IN_PERSON,
        "visited_on": D(2025, 2, 1),
        "business_active": True,
        "jobs_filled": 2,
    }
    data.update(changes)
    with pytest.raises(ValidationError) as error:
        services.visit_record(actor=place.officer, project=project, **data)
    assert field in error.value.message_dict
    assert not Visit.objects.exists()
    assert not FollowUpAction.objects.exists()


def test_completing_an_action_once(place):
    project = factories.project(place.programme, place.mashhad, place.officer)
    action = factories.action(factories.visit(project, place.officer, D(2025, 2, 1)), D(2025, 3, 1))
    done = services.follow_up_action_complete(
        actor=place.officer, action=action, done_on=D(2025, 2, 10)
    )
    assert (done.done, done.done_on, done.done_by) == (True, D(2025, 2, 10), place.officer)
    with pytest.raises(ValidationError):
        services.follow_up_action_complete(actor=place.officer, action=action)
    other = factories.action(action.visit, D(2025, 3, 1))
    with pytest.raises(ValidationError):
        services.follow_up_action_complete(actor=place.officer, action=other, done_on=D(2025, 1, 1))
    other.refresh_from_db()
    assert not other.done


def test_plans_are_one_per_county_and_period(place):
    project = factories.project(place.programme, place.mashhad, place.officer)
    plan = services.monitoring_plan_save(
        actor=place.officer,
        programme=place.programme,
        county=place.mashhad,
        period_key="۱۴۰۴",
        planned_in_person=10,
        planned_remote=5,
        projects=[project],
    )
    assert plan.period_key == "1404"
    again = services.monitoring_plan_save(
        actor=place.officer,
        programme=place.programme,
        county=place.mashhad,
        period_key="1404",
        planned_in_person=12,
        planned_remote=0,
    )
    assert again.pk == plan.pk
    assert (again.planned_in_person, again.projects.count()) == (12, 0)
    assert MonitoringPlan.objects.count() == 1


@pytest.mark.parametrize(
    ("key", "county_name", "field"),
    [
        ("14xx", "mashhad", "period_key"),
        ("1404-02", "mashhad", "period_key"),
        ("1404", "neyshabur", "projects"),
        ("1404", "khorasan", "county"),
    ],
)
def test_bad_plans_are_refused(place, key, county_name, field):
    project = factories.project(place.programme, place.mashhad, place.officer)
    with pytest.raises(ValidationError) as error:
        services.monitoring_plan_save(
            actor=place.officer,
            programme=place.programme,
            county=getattr(place, county_name),
            period_key=key,
            planned_in_person=1,
            planned_remote=1,
            projects=[project],
        )
    assert field in error.value.message_dict
    assert not MonitoringPlan.objects.exists()


def test_close_and_reopen(place):
    project = factories.project(place.programme, place.mashhad, place.officer)
    with pytest.raises(ValidationError):
        services.monitored_project_close(
            actor=place.officer, project=project, closed_on=D(2020, 1, 1)
        )
    services.monitored_project_close(actor=place.officer, project=project, closed_on=D(2025, 1, 1))
    project.refresh_from_db()
    assert (project.status, project.closed_on) == ("closed", D(2025, 1, 1))
    services.monitored_project_reopen(actor=place.officer, project=project)
    project.refresh_from_db()
    assert (project.status, project.closed_on) == ("active", None)
