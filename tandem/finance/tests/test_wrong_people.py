"""Every page and API route of finance, tried by people who may not see the record: a finance
officer of another province, a specialist who may not open the person, and the programme
manager (aggregates only). Each gets a 404 (or no rows), and nothing changes."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tandem.finance import services
from tandem.finance.models import InsuranceIncentive, Loan, SupportFunding
from tandem.finance.tests.factories import approved_loan, intervention_referral

pytestmark = pytest.mark.django_db

LOAN_ACTIONS = (
    "loan_submit",
    "loan_review",
    "loan_approve",
    "loan_refuse",
    "loan_disburse",
    "loan_payment",
    "loan_write_off",
)


def _wrong(fw):
    return (fw.other_officer, fw.other_specialist, fw.manager)


def _incentive(fw, today) -> InsuranceIncentive:
    return services.incentive_create(
        actor=fw.officer_1,
        programme=fw.programme,
        participant=fw.participant,
        kind="employer_share",
        job_status="stabilised",
        region=fw.county_a,
        starts_on=today,
        months=12,
        monthly_amount=Decimal("2000000"),
    )


def _funding(fw, today) -> SupportFunding:
    return services.funding_request(
        actor=fw.specialist,
        programme=fw.programme,
        participant=fw.participant,
        kind=SupportFunding.Kind.TRAINING,
        region=fw.county_a,
        amount=Decimal("8000000"),
        payee="Tailoring school",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
        intervention_referral=intervention_referral(fw, today),
    )


def test_loan_actions_are_404_for_the_wrong_people(fw, login):
    loan = approved_loan(fw)
    for user in _wrong(fw):
        client = login(user)
        for name in LOAN_ACTIONS:
            response = client.post(reverse(f"finance:{name}", args=[loan.ref]), {})
            assert response.status_code == 404, (user.username, name)
    loan.refresh_from_db()
    assert loan.status == Loan.Status.APPROVED


def test_applying_for_a_person_one_may_not_open_is_404(fw, login):
    for name in ("finance:loan_new", "finance:funding_new"):
        for user in (fw.other_specialist, fw.other_officer, fw.manager):
            response = login(user).get(reverse(name), {"participant": fw.participant.ref})
            assert response.status_code == 404, (user.username, name)
    assert Loan.objects.count() == 0
    assert SupportFunding.objects.count() == 0


def test_incentive_pages_are_404_for_the_wrong_people(fw, login, today):
    incentive = _incentive(fw, today)
    for user in _wrong(fw):
        client = login(user)
        assert (
            client.get(reverse("finance:incentive_detail", args=[incentive.ref])).status_code == 404
        )
        changed = client.post(
            reverse("finance:incentive_status", args=[incentive.ref]), {"status": "cancelled"}
        )
        assert changed.status_code == 404
    for user in (fw.other_officer, fw.other_specialist):
        listed = login(user).get(reverse("finance:incentive_list")).content.decode()
        assert reverse("finance:incentive_detail", args=[incentive.ref]) not in listed
    for user in (fw.other_specialist, fw.manager):
        assert login(user).get(reverse("finance:incentive_new")).status_code == 404
    incentive.refresh_from_db()
    assert incentive.status == InsuranceIncentive.Status.APPROVED


def test_funding_pages_are_404_for_the_wrong_people(fw, login, today):
    funding = _funding(fw, today)
    for user in _wrong(fw):
        client = login(user)
        assert client.get(reverse("finance:funding_detail", args=[funding.ref])).status_code == 404
        for action in ("approve", "refuse", "paid", "cancel"):
            response = client.post(
                reverse("finance:funding_action", args=[funding.ref, action]), {}
            )
            assert response.status_code == 404, (user.username, action)
    for user in (fw.other_officer, fw.other_specialist):
        listed = login(user).get(reverse("finance:funding_list")).content.decode()
        assert reverse("finance:funding_detail", args=[funding.ref]) not in listed
    funding.refresh_from_db()
    assert funding.status == SupportFunding.Status.REQUESTED


def test_budget_and_settings_pages_are_404_for_the_wrong_people(fw, login):
    url = reverse("finance:budget_detail", args=[fw.budget_a.ref])
    for user in _wrong(fw):
        assert login(user).get(url).status_code == 404, user.username
    assert (
        fw.budget_a.ref
        not in login(fw.other_officer).get(reverse("finance:budget_list")).content.decode()
    )
    for user in (fw.specialist, fw.other_specialist, fw.other_officer):
        settings_url = reverse("finance:settings_edit", args=[fw.programme.ref])
        assert login(user).get(settings_url).status_code == 404, user.username
        assert login(user).post(settings_url, {}).status_code == 404, user.username
    for user in (fw.specialist, fw.other_specialist):
        assert login(user).get(reverse("finance:settings_list")).status_code == 404
        assert login(user).get(reverse("finance:budget_list")).status_code == 404


def test_loan_routes_are_404_for_the_wrong_people(fw, api, today):
    loan = approved_loan(fw)
    for user in _wrong(fw):
        client = api(user)
        for action, payload in (
            ("submit", {}),
            ("approve", {}),
            ("refuse", {"reason": "No"}),
            ("disburse", {"disbursed_on": today.isoformat()}),
            ("write-off", {"reason": "No"}),
        ):
            response = client.post(f"/finance/loans/{loan.ref}/{action}", payload)
            assert response.status_code == 404, (user.username, action)
        assert client.get(f"/finance/loans/{loan.ref}/payments").status_code == 404
        paid = client.post(
            f"/finance/loans/{loan.ref}/payments",
            {"paid_on": today.isoformat(), "amount": "1000000"},
        )
        assert paid.status_code == 404
    loan.refresh_from_db()
    assert loan.status == Loan.Status.APPROVED


def test_incentive_routes_are_404_for_the_wrong_people(fw, api, today):
    incentive = _incentive(fw, today)
    for user in _wrong(fw):
        client = api(user)
        assert client.get(f"/finance/incentives/{incentive.ref}").status_code == 404
        changed = client.post(
            f"/finance/incentives/{incentive.ref}/status", {"status": "cancelled"}
        )
        assert changed.status_code == 404
        assert client.get("/finance/incentives").json()["count"] == 0
    incentive.refresh_from_db()
    assert incentive.status == InsuranceIncentive.Status.APPROVED


def test_funding_routes_are_404_for_the_wrong_people(fw, api, today):
    funding = _funding(fw, today)
    for user in _wrong(fw):
        client = api(user)
        assert (
            client.post(f"/finance/funding/{funding.ref}/refuse", {"reason": "x"}).status_code
            == 404
        )
        paid = client.post(f"/finance/funding/{funding.ref}/paid", {"paid_on": today.isoformat()})
        assert paid.status_code == 404
        assert client.post(f"/finance/funding/{funding.ref}/cancel").status_code == 404
    funding.refresh_from_db()
    assert funding.status == SupportFunding.Status.REQUESTED


def test_budget_routes_are_404_or_empty_for_the_wrong_people(fw, api):
    for user in _wrong(fw):
        client = api(user)
        assert client.get(f"/finance/budgets/{fw.budget_a.ref}").status_code == 404
        commitments = client.get(f"/finance/budgets/{fw.budget_a.ref}/commitments")
        assert commitments.status_code == 404
        listed = client.get("/finance/budgets")
        assert listed.status_code == 404 or fw.budget_a.ref not in listed.content.decode()
    assert api(fw.other_specialist).get("/finance/figures", year="1404").status_code == 404
