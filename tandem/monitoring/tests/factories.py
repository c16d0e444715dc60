"""Records for monitoring tests, with the fewest decisions."""

import datetime
from decimal import Decimal

from tandem.finance.models import BusinessPlan, Instalment, Loan
from tandem.monitoring.models import FollowUpAction, MonitoredProject, Visit


def project(programme, county, creator, **fields) -> MonitoredProject:
    values = {
        "name": "Carpet workshop",
        "kind": MonitoredProject.Kind.EMPLOYMENT_PROJECT,
        "funded_amount": Decimal("500000000"),
        "jobs_planned": 3,
        "started_on": datetime.date(2024, 6, 1),
    }
    values.update(fields)
    return MonitoredProject.objects.create(
        programme=programme, county=county, created_by=creator, **values
    )


def visit(project, officer, visited_on, mode=Visit.Mode.IN_PERSON, **fields) -> Visit:
    values = {"business_active": True, "jobs_filled": project.jobs_planned}
    values.update(fields)
    return Visit.objects.create(
        project=project, officer=officer, visited_on=visited_on, mode=mode, **values
    )


def action(visit, due_on, **fields) -> FollowUpAction:
    values = {"description": "Send the tax papers"}
    values.update(fields)
    return FollowUpAction.objects.create(
        visit=visit, project=visit.project, due_on=due_on, **values
    )


def loan(
    programme,
    county,
    participant,
    applicant,
    *,
    disbursed_on=datetime.date(2024, 7, 1),
    amount=Decimal("1000000000"),
    instalments=(),
) -> Loan:
    plan = BusinessPlan.objects.create(
        participant=participant,
        title="Saffron packing",
        description="Packing saffron for shops",
        jobs_for_person=1,
        jobs_for_family=1,
        jobs_for_others=2,
        created_by=applicant,
    )
    made = Loan.objects.create(
        programme=programme,
        plan=plan,
        participant=participant,
        region=county,
        amount=amount,
        repayment_months=12,
        status=Loan.Status.REPAYING if disbursed_on else Loan.Status.APPROVED,
        applicant=applicant,
        disbursed_on=disbursed_on,
        disbursed_amount=amount if disbursed_on else None,
    )
    for number, (due_on, due) in enumerate(instalments, start=1):
        Instalment.objects.create(loan=made, number=number, due_on=due_on, amount=due)
    return made
