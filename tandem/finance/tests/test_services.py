import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tandem.finance import selectors, services
from tandem.finance.models import BudgetCommitment, InsuranceIncentive, Loan, SupportFunding
from tandem.finance.tests.factories import approved_loan, draft_loan, intervention_referral

pytestmark = pytest.mark.django_db


def _loan(fw, amount=Decimal("50000000"), submit=True):
    return draft_loan(
        applicant=fw.specialist,
        participant=fw.participant,
        programme=fw.programme,
        region=fw.county_a,
        amount=amount,
        submit=submit,
    )


def test_application_creates_plan_lines_and_draft(fw):
    loan = _loan(fw, submit=False)
    assert loan.status == Loan.Status.DRAFT
    assert loan.plan.lines.count() == 2
    assert loan.plan.jobs_total == 2
    loan = services.loan_submit(actor=fw.specialist, loan=loan)
    assert loan.status == Loan.Status.SUBMITTED


@pytest.mark.parametrize("amount", [Decimal("9999999"), Decimal("500000001")])
def test_amount_outside_programme_limits_is_refused_with_the_limits(fw, amount):
    with pytest.raises(ValidationError) as error:
        _loan(fw, amount=amount)
    message = error.value.message_dict["amount"][0]
    assert "1,000,000 toman" in message and "50,000,000 toman" in message
    assert Loan.objects.count() == 0


def test_budget_lines_are_checked(fw):
    with pytest.raises(ValidationError) as error:
        services.loan_apply(
            actor=fw.specialist,
            participant=fw.participant,
            programme=fw.programme,
            region=fw.county_a,
            title="Shop",
            description="A shop",
            lines=[("Shelves", "-5")],
            amount=Decimal("20000000"),
        )
    assert "lines" in error.value.message_dict


def test_small_loan_needs_one_approver_who_is_not_the_reviewer(fw):
    loan = _loan(fw)
    loan = services.loan_review(actor=fw.officer_1, loan=loan, note="Plan is sound")
    with pytest.raises(ValidationError, match="reviewed"):
        services.loan_approve(actor=fw.officer_1, loan=loan)
    loan = services.loan_approve(actor=fw.officer_2, loan=loan)
    assert loan.status == Loan.Status.APPROVED
    assert loan.commitment.committed == Decimal("50000000")
    assert loan.budget == fw.budget_a


def test_applicant_can_never_approve(fw):
    # A finance officer who is also a specialist applies; they may not review or approve.
    from tandem.core.access import Role
    from tandem.organisations.models import Membership

    Membership.objects.create(user=fw.officer_1, organisation=fw.centre, role=Role.SPECIALIST)
    loan = draft_loan(
        applicant=fw.officer_1,
        participant=fw.participant,
        programme=fw.programme,
        region=fw.county_a,
    )
    with pytest.raises(ValidationError, match="applied"):
        services.loan_review(actor=fw.officer_1, loan=loan)
    loan = services.loan_review(actor=fw.officer_2, loan=loan)
    with pytest.raises(ValidationError, match="applied"):
        services.loan_approve(actor=fw.officer_1, loan=loan)


def test_large_loan_needs_two_different_approvers(fw):
    loan = _loan(fw, amount=Decimal("250000000"))
    loan = services.loan_review(actor=fw.officer_1, loan=loan)
    loan = services.loan_approve(actor=fw.officer_2, loan=loan)
    assert loan.status == Loan.Status.AWAITING_SECOND_APPROVAL
    assert loan.decided_on is None
    with pytest.raises(ValidationError, match="first approval"):
        services.loan_approve(actor=fw.officer_2, loan=loan)
    with pytest.raises(ValidationError, match="reviewed"):
        services.loan_approve(actor=fw.officer_1, loan=loan)
    loan.refresh_from_db()
    assert loan.status == Loan.Status.AWAITING_SECOND_APPROVAL
    loan = services.loan_approve(actor=fw.officer_3, loan=loan)
    assert loan.status == Loan.Status.APPROVED
    assert {loan.approver, loan.second_approver} == {fw.officer_2, fw.officer_3}
    # Committed once, at the first approval.
    assert BudgetCommitment.objects.filter(loan=loan).count() == 1


def test_officer_of_another_province_cannot_act(fw):
    loan = _loan(fw)
    with pytest.raises(ValidationError, match="finance officer of this area"):
        services.loan_review(actor=fw.other_officer, loan=loan)


def test_budget_refusal_names_remaining_and_changes_nothing(fw):
    # County B has 300,000,000 rial: one loan of 200,000,000 fits, a second one does not.
    first = draft_loan(
        applicant=fw.specialist,
        participant=fw.participant,
        programme=fw.programme,
        region=fw.county_b,
        amount=Decimal("200000000"),
    )
    services.loan_review(actor=fw.officer_1, loan=first)
    services.loan_approve(actor=fw.officer_2, loan=first)
    second = draft_loan(
        applicant=fw.specialist,
        participant=fw.participant,
        programme=fw.programme,
        region=fw.county_b,
        amount=Decimal("150000000"),
    )
    second = services.loan_review(actor=fw.officer_1, loan=second)
    before = list(BudgetCommitment.objects.values_list("pk", "committed", "spent"))
    with pytest.raises(ValidationError) as error:
        services.loan_approve(actor=fw.officer_2, loan=second)
    message = error.value.message_dict["budget"][0]
    assert "10,000,000 toman left" in message
    second.refresh_from_db()
    assert second.status == Loan.Status.UNDER_REVIEW
    assert second.approver is None and second.budget is None
    assert list(BudgetCommitment.objects.values_list("pk", "committed", "spent")) == before
    totals = selectors.budget_totals(budget=fw.budget_b)
    assert totals["remaining"] == Decimal("100000000")


def test_refusing_after_first_approval_releases_the_money(fw):
    loan = _loan(fw, amount=Decimal("250000000"))
    loan = services.loan_review(actor=fw.officer_1, loan=loan)
    loan = services.loan_approve(actor=fw.officer_2, loan=loan)
    with pytest.raises(ValidationError):
        services.loan_refuse(actor=fw.officer_3, loan=loan, reason="  ")
    loan = services.loan_refuse(actor=fw.officer_3, loan=loan, reason="Market too small")
    assert loan.status == Loan.Status.REFUSED
    assert selectors.budget_totals(budget=fw.budget_a)["committed"] == 0


def test_disbursement_makes_the_schedule_and_spends(fw, today):
    loan = approved_loan(fw, amount=Decimal("50000000"))
    day = today - datetime.timedelta(days=100)
    loan.decided_on = day
    loan.save()
    loan = services.loan_disburse(actor=fw.officer_1, loan=loan, disbursed_on=day, instalments=7)
    instalments = list(loan.instalments.order_by("number"))
    assert len(instalments) == 7
    assert sum(i.amount for i in instalments) == Decimal("50000000")
    assert instalments[0].amount == Decimal("7142857")
    assert instalments[-1].amount == Decimal("7142858")
    assert instalments[1].due_on == services.add_months(day, 2)
    totals = selectors.budget_totals(budget=fw.budget_a)
    assert (totals["committed"], totals["spent"]) == (0, Decimal("50000000"))


def test_payments_and_arrears_by_date(fw):
    loan = approved_loan(fw, amount=Decimal("30000000"))
    loan.decided_on = datetime.date(2025, 1, 1)
    loan.save()
    loan = services.loan_disburse(
        actor=fw.officer_1,
        loan=loan,
        disbursed_on=datetime.date(2025, 1, 10),
        first_due_on=datetime.date(2025, 2, 10),
        instalments=3,
    )
    # Due: 10 Feb, 10 Mar, 10 Apr — 10,000,000 each.
    services.loan_payment_record(
        actor=fw.officer_1, loan=loan, paid_on=datetime.date(2025, 2, 8), amount="10000000"
    )
    assert selectors.loan_arrears(loan=loan, on=datetime.date(2025, 3, 9)) == 0
    assert selectors.loan_arrears(loan=loan, on=datetime.date(2025, 3, 10)) == Decimal("10000000")
    services.loan_payment_record(
        actor=fw.officer_1, loan=loan, paid_on=datetime.date(2025, 3, 20), amount="4000000"
    )
    assert selectors.loan_arrears(loan=loan, on=datetime.date(2025, 3, 25)) == Decimal("6000000")
    assert selectors.loan_is_in_arrears(loan=loan, on=datetime.date(2025, 3, 25))
    assert not selectors.loan_is_in_arrears(loan=loan, on=datetime.date(2025, 3, 1))
    schedule = selectors.loan_schedule(loan=loan, on=datetime.date(2025, 3, 25))
    assert [row.paid for row in schedule] == [Decimal("10000000"), Decimal("4000000"), 0]
    assert [row.status for row in schedule] == ["paid", "overdue", "due"]
    with pytest.raises(ValidationError) as error:
        services.loan_payment_record(
            actor=fw.officer_1, loan=loan, paid_on=datetime.date(2025, 4, 1), amount="16000001"
        )
    assert "1,600,000 toman" in error.value.message_dict["amount"][0]
    services.loan_payment_record(
        actor=fw.officer_1, loan=loan, paid_on=datetime.date(2025, 4, 1), amount="16000000"
    )
    loan.refresh_from_db()
    assert loan.status == Loan.Status.REPAID
    assert loan.closed_on == datetime.date(2025, 4, 1)


def test_incentive_commits_monthly_times_months(fw, today):
    incentive = services.incentive_create(
        actor=fw.officer_1,
        programme=fw.programme,
        participant=fw.participant,
        kind=InsuranceIncentive.Kind.EMPLOYER_SHARE,
        job_status=InsuranceIncentive.JobStatus.CREATED,
        region=fw.county_a,
        starts_on=today,
        months=12,
        monthly_amount="2500000",
    )
    assert incentive.commitment.committed == Decimal("30000000")
    services.incentive_set_status(actor=fw.officer_1, incentive=incentive, status="cancelled")
    incentive.commitment.refresh_from_db()
    assert incentive.commitment.committed == 0


def test_incentive_over_budget_is_refused(fw, today):
    with pytest.raises(ValidationError) as error:
        services.incentive_create(
            actor=fw.officer_1,
            programme=fw.programme,
            participant=fw.participant,
            kind=InsuranceIncentive.Kind.SELF_EMPLOYMENT,
            job_status=InsuranceIncentive.JobStatus.STABILISED,
            region=fw.county_b,
            starts_on=today,
            months=12,
            monthly_amount="30000000",
        )
    assert "30,000,000 toman left" in error.value.message_dict["budget"][0]
    assert InsuranceIncentive.objects.count() == 0


def test_funding_request_approve_and_pay(fw, today):
    referral = intervention_referral(fw, today)
    funding = services.funding_request(
        actor=fw.specialist,
        programme=fw.programme,
        participant=fw.participant,
        kind=SupportFunding.Kind.TRAINING,
        region=fw.county_a,
        amount="8000000",
        payee="Tailoring school",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=60),
        intervention_referral=referral,
    )
    assert funding.status == SupportFunding.Status.REQUESTED
    funding = services.funding_approve(actor=fw.officer_1, funding=funding)
    assert funding.commitment.committed == Decimal("8000000")
    funding = services.funding_mark_paid(actor=fw.officer_1, funding=funding, paid_on=today)
    funding.commitment.refresh_from_db()
    assert (funding.commitment.committed, funding.commitment.spent) == (0, Decimal("8000000"))


def test_funding_needs_a_referral_or_goal(fw, today):
    with pytest.raises(ValidationError) as error:
        services.funding_request(
            actor=fw.specialist,
            programme=fw.programme,
            participant=fw.participant,
            kind=SupportFunding.Kind.CHILDCARE,
            region=fw.county_a,
            amount="1000",
            payee="Nursery",
            starts_on=today,
            ends_on=today,
        )
    assert "intervention_referral" in error.value.message_dict
