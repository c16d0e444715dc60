import datetime
from decimal import Decimal

import pytest

from tandem.finance import services
from tandem.finance.models import BudgetCommitment, InsuranceIncentive, Loan
from tandem.finance.tests.factories import approved_loan, draft_loan

pytestmark = pytest.mark.django_db


def _payload(fw, **overrides):
    data = {
        "participant_ref": fw.participant.ref,
        "region_id": fw.county_a.pk,
        "title": "Carpet weaving",
        "description": "A loom and wool for weaving at home.",
        "lines": [{"item": "Loom", "amount": "30000000"}, {"item": "Wool", "amount": "10000000"}],
        "amount": "40000000",
        "jobs_for_person": 1,
        "jobs_for_others": 2,
        "submit": True,
    }
    data.update(overrides)
    return data


def test_specialist_applies_and_officers_approve_through_the_api(fw, api):
    response = api(fw.specialist).post("/finance/loans", _payload(fw))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted"
    assert body["plan"]["jobs_total"] == 3
    assert Decimal(body["plan"]["budget_total"]) == Decimal("40000000")
    ref = body["ref"]
    assert api(fw.officer_1).post(f"/finance/loans/{ref}/review", {"note": "ok"}).status_code == 200
    same = api(fw.officer_1).post(f"/finance/loans/{ref}/approve", {})
    assert same.status_code == 422
    assert "reviewed" in same.json()["detail"][0]["msg"]
    approved = api(fw.officer_2).post(f"/finance/loans/{ref}/approve", {})
    assert approved.json()["status"] == "approved"
    assert approved.json()["budget_ref"] == fw.budget_a.ref


def test_amount_out_of_range_is_422_and_creates_nothing(fw, api):
    response = api(fw.specialist).post("/finance/loans", _payload(fw, amount="5000"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "amount"]
    assert Loan.objects.count() == 0


def test_people_a_specialist_may_not_open_are_404(fw, api):
    response = api(fw.other_specialist).post("/finance/loans", _payload(fw))
    assert response.status_code == 404
    assert api(fw.officer_1).post("/finance/loans", _payload(fw)).status_code == 404


def test_loans_are_404_and_absent_for_the_wrong_people(fw, api):
    loan = draft_loan(
        applicant=fw.specialist,
        participant=fw.participant,
        programme=fw.programme,
        region=fw.county_a,
    )
    for user in (fw.other_officer, fw.other_specialist, fw.manager):
        client = api(user)
        assert client.get(f"/finance/loans/{loan.ref}").status_code == 404
        assert client.get(f"/finance/loans/{loan.ref}/schedule").status_code == 404
        assert client.post(f"/finance/loans/{loan.ref}/review", {}).status_code == 404
        assert client.get("/finance/loans").json()["count"] == 0
    assert api(fw.officer_1).get("/finance/loans").json()["count"] == 1
    assert api(fw.specialist).get("/finance/loans").json()["count"] == 1


def test_drafts_are_not_shown_to_finance_officers(fw, api):
    loan = draft_loan(
        applicant=fw.specialist,
        participant=fw.participant,
        programme=fw.programme,
        region=fw.county_a,
        submit=False,
    )
    assert api(fw.officer_1).get(f"/finance/loans/{loan.ref}").status_code == 404
    assert api(fw.specialist).post(f"/finance/loans/{loan.ref}/submit").status_code == 200
    assert api(fw.officer_1).get(f"/finance/loans/{loan.ref}").status_code == 200


def test_specialist_cannot_approve(fw, api):
    loan = draft_loan(
        applicant=fw.specialist,
        participant=fw.participant,
        programme=fw.programme,
        region=fw.county_a,
    )
    response = api(fw.specialist).post(f"/finance/loans/{loan.ref}/review", {})
    assert response.status_code == 422
    loan.refresh_from_db()
    assert loan.status == Loan.Status.SUBMITTED


def test_disburse_schedule_payments_and_arrears(fw, api, today):
    loan = approved_loan(fw, amount=Decimal("12000000"))
    client = api(fw.officer_1)
    start = today - datetime.timedelta(days=75)
    Loan.objects.filter(pk=loan.pk).update(decided_on=start)
    response = client.post(
        f"/finance/loans/{loan.ref}/disburse",
        {"disbursed_on": start.isoformat(), "instalments": 12},
    )
    assert response.status_code == 200, response.content
    schedule = client.get(f"/finance/loans/{loan.ref}/schedule").json()
    assert len(schedule["instalments"]) == 12
    assert Decimal(schedule["arrears"]) == Decimal("2000000")  # two months fell due
    paid = client.post(
        f"/finance/loans/{loan.ref}/payments",
        {"paid_on": today.isoformat(), "amount": "1500000"},
    )
    assert paid.status_code == 201
    assert paid.json()["instalment"] == 1
    schedule = client.get(f"/finance/loans/{loan.ref}/schedule").json()
    assert Decimal(schedule["arrears"]) == Decimal("500000")
    listed = client.get("/finance/loans", in_arrears="true").json()
    assert [item["ref"] for item in listed["items"]] == [loan.ref]
    too_much = client.post(
        f"/finance/loans/{loan.ref}/payments",
        {"paid_on": today.isoformat(), "amount": "99000000"},
    )
    assert too_much.status_code == 422
    assert client.get(f"/finance/loans/{loan.ref}/payments").json()["count"] == 1


def test_incentives_api(fw, api, today):
    client = api(fw.officer_1)
    data = {
        "programme_ref": fw.programme.ref,
        "participant_ref": fw.participant.ref,
        "kind": "self_employment",
        "job_status": "created",
        "region_id": fw.county_a.pk,
        "starts_on": today.isoformat(),
        "months": 6,
        "monthly_amount": "1000000",
    }
    response = client.post("/finance/incentives", data)
    assert response.status_code == 201, response.content
    assert Decimal(response.json()["total"]) == Decimal("6000000")
    ref = response.json()["ref"]
    assert api(fw.other_officer).get(f"/finance/incentives/{ref}").status_code == 404
    assert api(fw.other_officer).get("/finance/incentives").json()["count"] == 0
    assert api(fw.other_officer).post("/finance/incentives", data).status_code == 422
    assert api(fw.specialist).post("/finance/incentives", data).status_code == 404
    assert (
        client.post(f"/finance/incentives/{ref}/status", {"status": "active"}).json()["status"]
        == "active"
    )
    assert InsuranceIncentive.objects.get(ref=ref).commitment.committed == Decimal("6000000")


def test_budgets_and_figures(fw, api, today):
    approved_loan(fw, amount=Decimal("50000000"))
    client = api(fw.officer_1)
    budgets = client.get("/finance/budgets").json()
    assert budgets["count"] == 2
    row = next(item for item in budgets["items"] if item["ref"] == fw.budget_a.ref)
    assert Decimal(row["committed"]) == Decimal("50000000")
    assert Decimal(row["remaining"]) == Decimal("950000000")
    commitments = client.get(f"/finance/budgets/{fw.budget_a.ref}/commitments").json()
    assert commitments["items"][0]["kind"] == "loan"
    assert api(fw.other_officer).get(f"/finance/budgets/{fw.budget_a.ref}").status_code == 404
    assert api(fw.specialist).get("/finance/budgets").json()["count"] == 0
    from tandem.core.periods import SOLAR_HIJRI, year_of

    year = year_of(SOLAR_HIJRI, today).key
    figures = client.get("/finance/figures", year=year).json()
    assert figures["loans"]["approved"]["count"] == 1
    assert [item["kind"] for item in figures["incentives"]] == [
        "employer_share",
        "self_employment",
        "efficiency",
    ]
    assert client.get("/finance/figures", year="nonsense").status_code == 422
    assert (
        client.get("/finance/figures", year=year, region_id=fw.other_province.pk).status_code == 404
    )
    assert api(fw.specialist).get("/finance/figures", year=year).status_code == 404


def test_budget_refusal_over_the_api_changes_nothing(fw, api):
    loan = draft_loan(
        applicant=fw.specialist,
        participant=fw.participant,
        programme=fw.programme,
        region=fw.county_b,
        amount=Decimal("150000000"),
    )
    services.loan_review(actor=fw.officer_1, loan=loan)
    fw.budget_b.allocated = Decimal("100000000")
    fw.budget_b.save()
    response = api(fw.officer_2).post(f"/finance/loans/{loan.ref}/approve", {})
    assert response.status_code == 422
    assert "10,000,000 toman" in response.json()["detail"][0]["msg"]
    assert BudgetCommitment.objects.count() == 0
    loan.refresh_from_db()
    assert loan.status == Loan.Status.UNDER_REVIEW


def test_funding_api(fw, api, today):
    from tandem.finance.tests.factories import intervention_referral

    referral = intervention_referral(fw, today)
    data = {
        "participant_ref": fw.participant.ref,
        "kind": "childcare",
        "intervention_referral_ref": referral.ref,
        "amount": "640",
        "payee": "Little Acorns Nursery",
        "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=56)).isoformat(),
    }
    assert api(fw.other_specialist).post("/finance/funding", data).status_code == 404
    assert api(fw.officer_1).post("/finance/funding", data).status_code == 404
    bad = api(fw.specialist).post("/finance/funding", data | {"ends_on": "2000-01-01"})
    assert bad.status_code == 422
    created = api(fw.specialist).post("/finance/funding", data)
    assert created.status_code == 201, created.content
    ref = created.json()["ref"]
    assert created.json()["status"] == "requested"
    for user in (fw.other_officer, fw.other_specialist, fw.manager):
        assert api(user).get(f"/finance/funding/{ref}").status_code == 404
        assert api(user).post(f"/finance/funding/{ref}/approve", {}).status_code == 404
        assert api(user).get("/finance/funding").json()["count"] == 0
    assert api(fw.specialist).post(f"/finance/funding/{ref}/approve", {}).status_code == 422
    approved = api(fw.officer_1).post(f"/finance/funding/{ref}/approve", {})
    assert approved.status_code == 200
    assert approved.json()["budget_ref"] == fw.budget_a.ref
    paid = api(fw.officer_1).post(f"/finance/funding/{ref}/paid", {"paid_on": today.isoformat()})
    assert paid.json()["status"] == "paid"
    assert api(fw.specialist).post(f"/finance/funding/{ref}/cancel").status_code == 422
