"""The seed-style figures against cases counted by hand, with Solar Hijri year boundaries:
1403 runs from 20 March 2024 to 20 March 2025, 1404 starts on 21 March 2025."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.core.periods import SOLAR_HIJRI, period_from_key
from tandem.finance import selectors
from tandem.finance.models import Instalment, InsuranceIncentive, Loan, Payment
from tandem.testing.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

Kind = InsuranceIncentive.Kind
Job = InsuranceIncentive.JobStatus
Y1403 = period_from_key(SOLAR_HIJRI, "1403")
Y1404 = period_from_key(SOLAR_HIJRI, "1404")


def _incentive(fw, participant, kind, job, starts_on, region=None, status="approved"):
    return InsuranceIncentive.objects.create(
        programme=fw.programme,
        kind=kind,
        job_status=job,
        participant=participant,
        region=region or fw.county_a,
        starts_on=starts_on,
        months=12,
        monthly_amount=Decimal("1000000"),
        status=status,
        created_by=fw.officer_1,
    )


def test_year_bounds_are_nowruz():
    assert Y1403.start == datetime.date(2024, 3, 20)
    assert Y1403.end == datetime.date(2025, 3, 20)
    assert Y1404.start == datetime.date(2025, 3, 21)


def test_incentive_figures_by_kind_and_job_status(fw):
    people = [ParticipantFactory(owning_organisation=fw.centre) for _ in range(6)]
    # 1403: employer share — 2 created (people 0, 1), 1 stabilised (person 2);
    # person 0 has two employer-share incentives in the year: counted once.
    _incentive(fw, people[0], Kind.EMPLOYER_SHARE, Job.CREATED, datetime.date(2024, 5, 1))
    _incentive(fw, people[0], Kind.EMPLOYER_SHARE, Job.CREATED, datetime.date(2024, 9, 1))
    _incentive(fw, people[1], Kind.EMPLOYER_SHARE, Job.CREATED, datetime.date(2024, 3, 20))
    _incentive(fw, people[2], Kind.EMPLOYER_SHARE, Job.STABILISED, datetime.date(2025, 3, 19))
    # Self-employment: person 3 stabilised in county B (same province), counted.
    _incentive(
        fw, people[3], Kind.SELF_EMPLOYMENT, Job.STABILISED, datetime.date(2024, 12, 1), fw.county_b
    )
    # Not counted in 1403: the day after the year ends (1 Farvardin 1404), the day before it
    # starts, a cancelled one, and one in another province.
    _incentive(fw, people[4], Kind.EFFICIENCY, Job.CREATED, datetime.date(2025, 3, 21))
    _incentive(fw, people[4], Kind.EFFICIENCY, Job.CREATED, datetime.date(2024, 3, 19))
    _incentive(
        fw,
        people[5],
        Kind.EFFICIENCY,
        Job.STABILISED,
        datetime.date(2024, 6, 1),
        status="cancelled",
    )
    _incentive(
        fw, people[5], Kind.SELF_EMPLOYMENT, Job.CREATED, datetime.date(2024, 6, 1), fw.other_county
    )
    with CaptureQueriesContext(connection) as queries:
        rows = selectors.incentive_figures(region=fw.province, period=Y1403)
    assert len(queries) == 1
    by_kind = {row["kind"]: row for row in rows}
    assert by_kind["employer_share"] | {} == {
        "kind": "employer_share",
        "label": "Employer-share insurance",
        "created": 2,
        "stabilised": 1,
        "total": 3,
    }
    assert (by_kind["self_employment"]["created"], by_kind["self_employment"]["stabilised"]) == (
        0,
        1,
    )
    assert by_kind["efficiency"]["total"] == 0
    # 1404 has the one that started on 21 March 2025.
    rows_1404 = {
        row["kind"]: row for row in selectors.incentive_figures(region=fw.province, period=Y1404)
    }
    assert rows_1404["efficiency"]["created"] == 1
    # The other province sees only its own.
    other = {
        row["kind"]: row
        for row in selectors.incentive_figures(region=fw.other_province, period=Y1403)
    }
    assert other["self_employment"]["created"] == 1
    assert other["employer_share"]["total"] == 0


def test_incentive_starting_19_march_2025_is_1403_and_21_march_is_1404(fw):
    person = ParticipantFactory(owning_organisation=fw.centre)
    _incentive(fw, person, Kind.SELF_EMPLOYMENT, Job.CREATED, datetime.date(2025, 3, 19))
    other = ParticipantFactory(owning_organisation=fw.centre)
    _incentive(fw, other, Kind.SELF_EMPLOYMENT, Job.STABILISED, datetime.date(2025, 3, 21))
    y1403 = {r["kind"]: r for r in selectors.incentive_figures(region=fw.province, period=Y1403)}
    y1404 = {r["kind"]: r for r in selectors.incentive_figures(region=fw.province, period=Y1404)}
    assert (y1403["self_employment"]["created"], y1403["self_employment"]["stabilised"]) == (1, 0)
    assert (y1404["self_employment"]["created"], y1404["self_employment"]["stabilised"]) == (0, 1)


def _loan(fw, *, status, amount, decided_on=None, disbursed_on=None, closed_on=None, region=None):
    from tandem.finance.models import BusinessPlan

    plan = BusinessPlan.objects.create(
        participant=fw.participant, title="Shop", description="A shop", created_by=fw.specialist
    )
    return Loan.objects.create(
        programme=fw.programme,
        plan=plan,
        participant=fw.participant,
        region=region or fw.county_a,
        amount=Decimal(amount),
        repayment_months=2,
        status=status,
        applicant=fw.specialist,
        decided_on=decided_on,
        disbursed_on=disbursed_on,
        disbursed_amount=Decimal(amount) if disbursed_on else None,
        closed_on=closed_on,
    )


def _schedule(loan, *dues):
    for number, (due_on, amount) in enumerate(dues, start=1):
        Instalment.objects.create(loan=loan, number=number, due_on=due_on, amount=Decimal(amount))


def _pay(fw, loan, paid_on, amount):
    Payment.objects.create(
        loan=loan, paid_on=paid_on, amount=Decimal(amount), recorded_by=fw.officer_1
    )


def test_loan_figures(fw):
    S = Loan.Status
    # Approved in 1403 (decided 20 Mar 2024 .. 20 Mar 2025): a, b, c. d was approved in 1402,
    # e in 1404; f was refused in 1403 and g is still waiting.
    a = _loan(
        fw,
        status=S.REPAYING,
        amount="100",
        decided_on=datetime.date(2024, 3, 20),
        disbursed_on=datetime.date(2024, 4, 1),
    )
    b = _loan(
        fw,
        status=S.REPAYING,
        amount="200",
        decided_on=datetime.date(2024, 10, 1),
        disbursed_on=datetime.date(2024, 10, 5),
        region=fw.county_b,
    )
    _loan(fw, status=S.APPROVED, amount="300", decided_on=datetime.date(2025, 3, 20))
    d = _loan(
        fw,
        status=S.WRITTEN_OFF,
        amount="400",
        decided_on=datetime.date(2024, 3, 19),
        disbursed_on=datetime.date(2024, 3, 19),
        closed_on=datetime.date(2024, 12, 1),
    )
    _loan(fw, status=S.APPROVED, amount="500", decided_on=datetime.date(2025, 3, 21))
    _loan(fw, status=S.REFUSED, amount="600", decided_on=datetime.date(2024, 5, 1))
    _loan(fw, status=S.SUBMITTED, amount="700")
    # Another province: never counted here.
    other = _loan(
        fw,
        status=S.REPAYING,
        amount="800",
        decided_on=datetime.date(2024, 5, 1),
        disbursed_on=datetime.date(2024, 5, 2),
        region=fw.other_county,
    )
    # Arrears on 20 March 2025: a owes 50 of 100 (paid 50 of two 50s, both due); b is paid up
    # to date (first 100 due Jan, paid); d was written off before the end; other owes 800.
    _schedule(a, (datetime.date(2024, 5, 1), "50"), (datetime.date(2024, 6, 1), "50"))
    _pay(fw, a, datetime.date(2024, 5, 1), "50")
    _pay(fw, a, datetime.date(2025, 3, 21), "50")  # paid the day after the period: still owed
    _schedule(b, (datetime.date(2025, 1, 1), "100"), (datetime.date(2025, 4, 1), "100"))
    _pay(fw, b, datetime.date(2025, 1, 1), "100")
    _schedule(d, (datetime.date(2024, 5, 1), "400"))
    _schedule(other, (datetime.date(2024, 6, 1), "800"))

    with CaptureQueriesContext(connection) as queries:
        figures = selectors.loan_figures(region=fw.province, period=Y1403)
    assert len(queries) == 1
    assert figures == {
        "approved": {"count": 3, "amount": Decimal("600")},
        "disbursed": {"count": 2, "amount": Decimal("300")},
        "in_arrears": {"count": 1, "amount": Decimal("50")},
    }
    # In 1404 (to 20 March 2026), a has paid everything; b's second instalment is overdue.
    figures_1404 = selectors.loan_figures(region=fw.province, period=Y1404)
    assert figures_1404["approved"] == {"count": 1, "amount": Decimal("500")}
    assert figures_1404["in_arrears"] == {"count": 1, "amount": Decimal("100")}


def test_arrears_of_the_current_year_are_counted_today_not_at_its_end(fw, today):
    from tandem.core.periods import year_of

    this_year = year_of(SOLAR_HIJRI, today)
    loan = _loan(
        fw,
        status=Loan.Status.REPAYING,
        amount="300",
        decided_on=this_year.start,
        disbursed_on=this_year.start,
    )
    # One instalment due yesterday and unpaid, one due after today: only the first is owed.
    _schedule(
        loan,
        (today - datetime.timedelta(days=1), "100"),
        (today + datetime.timedelta(days=1), "200"),
    )
    figures = selectors.loan_figures(region=fw.province, period=this_year)
    assert figures["in_arrears"] == {"count": 1, "amount": Decimal("100")}
