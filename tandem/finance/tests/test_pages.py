import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tandem.core.access import Role
from tandem.finance import services
from tandem.finance.models import FinanceSettings, InsuranceIncentive, Loan
from tandem.finance.tests.factories import approved_loan, draft_loan
from tandem.testing.factories import staff

pytestmark = pytest.mark.django_db


def _submitted(fw, amount=Decimal("50000000"), region=None):
    return draft_loan(
        applicant=fw.specialist,
        participant=fw.participant,
        programme=fw.programme,
        region=region or fw.county_a,
        amount=amount,
    )


def test_home_is_the_work_list_for_finance_officers(fw, login):
    loan = _submitted(fw)
    response = login(fw.officer_1).get(reverse("finance:home"))
    assert response.status_code == 200
    assert loan.plan.title in response.content.decode()
    assert "Applications to review" in response.content.decode()


def test_home_and_lists_are_404_for_people_without_a_finance_part(fw, login):
    referrer = staff("referrer_ir", fw.office, Role.REFERRER)
    client = login(referrer)
    for name in (
        "finance:home",
        "finance:loan_list",
        "finance:incentive_list",
        "finance:funding_list",
        "finance:budget_list",
        "finance:loan_new",
        "finance:settings_list",
    ):
        assert client.get(reverse(name)).status_code == 404, name


def test_loan_page_is_404_for_the_wrong_people(fw, login):
    loan = _submitted(fw)
    url = reverse("finance:loan_detail", args=[loan.ref])
    assert login(fw.officer_1).get(url).status_code == 200
    assert login(fw.specialist).get(url).status_code == 200
    for user in (fw.other_officer, fw.other_specialist, fw.manager):
        assert login(user).get(url).status_code == 404
        assert login(user).post(reverse("finance:loan_review", args=[loan.ref])).status_code == 404
    listed = login(fw.other_officer).get(reverse("finance:loan_list")).content.decode()
    assert loan.plan.title not in listed


def test_persian_officer_sees_toman_and_solar_hijri(fw, login):
    fw.officer_1.language = "fa"
    fw.officer_1.save()
    loan = approved_loan(fw, amount=Decimal("50000000"))
    Loan.objects.filter(pk=loan.pk).update(decided_on=datetime.date(2025, 3, 1))
    loan.refresh_from_db()
    services.loan_disburse(
        actor=fw.officer_1,
        loan=loan,
        disbursed_on=datetime.date(2025, 3, 21),
        first_due_on=datetime.date(2025, 4, 21),
        instalments=10,
    )
    page = login(fw.officer_1).get(reverse("finance:loan_detail", args=[loan.ref]))
    text = page.content.decode()
    assert "۵٬۰۰۰٬۰۰۰ تومان" in text  # 50,000,000 rial
    assert "۱۴۰۴/۰۱/۰۱" in text  # paid out on Nowruz 1404
    assert "۵۰۰٬۰۰۰ تومان" in text  # an instalment


def test_specialist_applies_in_toman_through_the_page(fw, login):
    client = login(fw.specialist)
    url = reverse("finance:loan_new")
    assert fw.participant.full_name in client.get(url, {"search": "Maryam"}).content.decode()
    form = client.get(url, {"participant": fw.participant.ref})
    assert "in toman" in form.content.decode()
    data = {
        "participant": fw.participant.ref,
        "programme": fw.programme.ref,
        "region": str(fw.county_a.pk),
        "title": "Bakery",
        "description": "An oven and flour.",
        "jobs_for_person": "1",
        "jobs_for_family": "0",
        "jobs_for_others": "۲",
        "amount": "۲۰٬۰۰۰٬۰۰۰",
        "repayment_months": "24",
        "line_1_item": "Oven",
        "line_1_amount": "15,000,000",
        "line_2_item": "Flour",
        "line_2_amount": "5000000",
        "submit_now": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    loan = Loan.objects.get()
    assert loan.amount == Decimal("200000000")
    assert loan.status == Loan.Status.SUBMITTED
    assert loan.plan.jobs_for_others == 2
    assert sorted(line.amount for line in loan.plan.lines.all()) == [
        Decimal("50000000"),
        Decimal("150000000"),
    ]


def test_application_out_of_range_shows_the_limits_and_saves_nothing(fw, login):
    client = login(fw.specialist)
    response = client.post(
        reverse("finance:loan_new"),
        {
            "participant": fw.participant.ref,
            "programme": fw.programme.ref,
            "region": str(fw.county_a.pk),
            "title": "Bakery",
            "description": "An oven",
            "jobs_for_person": "1",
            "jobs_for_family": "0",
            "jobs_for_others": "0",
            "amount": "60000000",
            "line_1_item": "Oven",
            "line_1_amount": "60000000",
        },
    )
    assert response.status_code == 422
    assert "between 1,000,000 toman and 50,000,000 toman" in response.content.decode()
    assert Loan.objects.count() == 0


def test_other_specialist_cannot_apply_for_someone_they_may_not_open(fw, login):
    response = login(fw.other_specialist).get(
        reverse("finance:loan_new"), {"participant": fw.participant.ref}
    )
    assert response.status_code == 404


def test_two_person_approval_through_the_pages(fw, login):
    loan = _submitted(fw, amount=Decimal("250000000"))
    review = login(fw.officer_1).post(
        reverse("finance:loan_review", args=[loan.ref]), {"note": "fine"}
    )
    assert review.status_code == 302
    # The reviewer is offered no approval.
    page = login(fw.officer_1).get(reverse("finance:loan_detail", args=[loan.ref]))
    assert "Approve the loan" not in page.content.decode()
    refused = login(fw.officer_1).post(
        reverse("finance:loan_approve", args=[loan.ref]), {"budget": fw.budget_a.ref}
    )
    assert refused.status_code == 422
    assert "You reviewed this loan" in refused.content.decode()
    first = login(fw.officer_2).post(
        reverse("finance:loan_approve", args=[loan.ref]), {"budget": fw.budget_a.ref}
    )
    assert first.status_code == 302
    home = login(fw.officer_3).get(reverse("finance:home")).content.decode()
    assert "Second approvals for you" in home and loan.plan.title in home
    again = login(fw.officer_2).post(reverse("finance:loan_approve", args=[loan.ref]))
    assert again.status_code == 422
    second = login(fw.officer_3).post(reverse("finance:loan_approve", args=[loan.ref]))
    assert second.status_code == 302
    loan.refresh_from_db()
    assert loan.status == Loan.Status.APPROVED


def test_budget_refusal_on_the_page(fw, login):
    loan = _submitted(fw, amount=Decimal("50000000"), region=fw.county_b)
    services.loan_review(actor=fw.officer_1, loan=loan)
    fw.budget_b.allocated = Decimal("20000000")
    fw.budget_b.save()
    response = login(fw.officer_2).post(
        reverse("finance:loan_approve", args=[loan.ref]), {"budget": fw.budget_b.ref}
    )
    assert response.status_code == 422
    assert "has 2,000,000 toman left" in response.content.decode()
    loan.refresh_from_db()
    assert loan.status == Loan.Status.UNDER_REVIEW


def test_disburse_and_payment_pages(fw, login, today):
    loan = approved_loan(fw, amount=Decimal("12000000"))
    client = login(fw.officer_1)
    response = client.post(
        reverse("finance:loan_disburse", args=[loan.ref]),
        {"disbursed_on": today.isoformat(), "instalments": "12"},
    )
    assert response.status_code == 302, response.content.decode()
    paid = client.post(
        reverse("finance:loan_payment", args=[loan.ref]),
        {"paid_on": today.isoformat(), "amount": "100000"},
    )
    assert paid.status_code == 302
    loan.refresh_from_db()
    assert loan.status == Loan.Status.REPAYING
    assert loan.payments.get().amount == Decimal("1000000")
    page = client.get(reverse("finance:loan_detail", args=[loan.ref])).content.decode()
    assert "Repayment schedule" in page
    listed = client.get(reverse("finance:loan_list"), {"status": "repaying"}).content.decode()
    assert loan.plan.title in listed


def test_incentive_pages(fw, login, today):
    client = login(fw.officer_1)
    response = client.post(
        reverse("finance:incentive_new"),
        {
            "programme": fw.programme.ref,
            "participant_ref": fw.participant.ref,
            "kind": "employer_share",
            "job_status": "stabilised",
            "region": str(fw.county_a.pk),
            "starts_on": today.isoformat(),
            "months": "12",
            "monthly_amount": "200000",
        },
    )
    assert response.status_code == 302, response.content.decode()
    incentive = InsuranceIncentive.objects.get()
    assert incentive.monthly_amount == Decimal("2000000")
    assert client.get(reverse("finance:incentive_list")).status_code == 200
    url = reverse("finance:incentive_detail", args=[incentive.ref])
    assert client.get(url).status_code == 200
    assert login(fw.other_officer).get(url).status_code == 404
    assert login(fw.specialist).get(url).status_code == 200  # the person's specialist
    assert login(fw.other_specialist).get(url).status_code == 404
    assert login(fw.specialist).get(reverse("finance:incentive_new")).status_code == 404


def test_funding_pages(fw, login, today):
    from tandem.finance.models import SupportFunding
    from tandem.finance.tests.factories import intervention_referral

    referral = intervention_referral(fw, today)
    client = login(fw.specialist)
    response = client.post(
        reverse("finance:funding_new"),
        {
            "participant": fw.participant.ref,
            "programme": fw.programme.ref,
            "kind": "training",
            "pays_for": f"referral:{referral.ref}",
            "region": str(fw.centre.region_id),
            "amount": "800000",
            "payee": "Tailoring school",
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()
    funding = SupportFunding.objects.get()
    url = reverse("finance:funding_detail", args=[funding.ref])
    assert login(fw.other_officer).get(url).status_code == 404
    assert login(fw.other_specialist).get(url).status_code == 404
    approve = login(fw.officer_1).post(
        reverse("finance:funding_action", args=[funding.ref, "approve"]),
        {"budget": fw.budget_a.ref},
    )
    assert approve.status_code == 302
    funding.refresh_from_db()
    assert funding.status == SupportFunding.Status.APPROVED


def test_budget_pages(fw, login):
    approved_loan(fw)
    client = login(fw.officer_1)
    listed = client.get(reverse("finance:budget_list")).content.decode()
    assert "95,000,000 toman" in listed  # 1,000,000,000 rial less 50,000,000
    detail = client.get(reverse("finance:budget_detail", args=[fw.budget_a.ref]))
    assert "Tailoring workshop" in detail.content.decode()
    assert (
        login(fw.other_officer)
        .get(reverse("finance:budget_detail", args=[fw.budget_a.ref]))
        .status_code
        == 404
    )


def test_settings_page_for_the_programme_manager(fw, login):
    client = login(fw.manager)
    assert client.get(reverse("finance:settings_list")).status_code == 200
    url = reverse("finance:settings_edit", args=[fw.programme.ref])
    page = client.get(url).content.decode()
    assert "in toman" in page
    response = client.post(
        url,
        {
            "offers_loans": "on",
            "loan_minimum": "2000000",
            "loan_maximum": "1000000",
            "second_approval_above": "0",
            "default_repayment_months": "24",
        },
    )
    assert response.status_code == 422
    assert FinanceSettings.objects.get().loan_minimum == Decimal("10000000")
    response = client.post(
        url,
        {
            "offers_loans": "on",
            "loan_minimum": "2000000",
            "loan_maximum": "60000000",
            "second_approval_above": "25000000",
            "default_repayment_months": "24",
        },
    )
    assert response.status_code == 302
    saved = FinanceSettings.objects.get()
    assert (saved.loan_minimum, saved.loan_maximum) == (Decimal("20000000"), Decimal("600000000"))
    assert login(fw.officer_1).get(url).status_code == 404


def test_figures_page(fw, login):
    fw.officer_1.language = "fa"
    fw.officer_1.save()
    response = login(fw.officer_1).get(reverse("insights:figures"), {"year": "1403"})
    assert response.status_code == 200
    assert "۱۴۰۳" in response.content.decode()


def test_reading_a_loan_is_in_the_persons_access_log_for_casework_staff(fw, login, api):
    from tandem.participants.models import AccessLogEntry

    loan = _submitted(fw)
    login(fw.specialist).get(reverse("finance:loan_detail", args=[loan.ref]))
    api(fw.specialist).get(f"/finance/loans/{loan.ref}")
    channels = set(
        AccessLogEntry.objects.filter(participant=fw.participant, user=fw.specialist).values_list(
            "channel", flat=True
        )
    )
    assert channels == {"web", "api"}


def test_persian_work_list_shows_toman(fw, login):
    fw.officer_1.language = "fa"
    fw.officer_1.save()
    _submitted(fw, amount=Decimal("120000000"))
    text = login(fw.officer_1).get(reverse("finance:home")).content.decode()
    assert "۱۲٬۰۰۰٬۰۰۰ تومان" in text


def test_the_persons_page_shows_their_loans_and_the_way_to_apply(fw, login):
    loan = _submitted(fw)

    page = login(fw.specialist).get(f"/participants/{fw.participant.ref}/").content.decode()

    assert reverse("finance:loan_detail", args=[loan.ref]) in page
    assert f"{reverse('finance:loan_new')}?participant={fw.participant.ref}" in page
    other = login(fw.other_specialist).get(f"/participants/{fw.other_participant.ref}/")
    assert loan.ref not in other.content.decode()


def test_a_finance_officer_reading_support_is_in_the_persons_access_log(fw, login, api):
    from tandem.participants.models import AccessLogEntry

    loan = _submitted(fw)
    login(fw.officer_1).get(reverse("finance:loan_detail", args=[loan.ref]))
    api(fw.officer_1).get(f"/finance/loans/{loan.ref}")

    rows = AccessLogEntry.objects.filter(participant=fw.participant, user=fw.officer_1)
    assert {(row.channel, row.grounds) for row in rows} == {
        ("web", "finance_region"),
        ("api", "finance_region"),
    }
    # Somebody who may not see the loan leaves no trace and gets nothing.
    assert (
        login(fw.other_officer).get(reverse("finance:loan_detail", args=[loan.ref])).status_code
        == 404
    )
    assert not AccessLogEntry.objects.filter(user=fw.other_officer).exists()
