"""Records for finance tests: the fewest decisions that make a valid loan or budget."""

import datetime
from decimal import Decimal

from tandem.finance import services
from tandem.finance.models import Budget, FinanceSettings, FundingStream, Loan
from tandem.organisations.models import Region, User
from tandem.participants.models import Participant
from tandem.programmes.models import Programme


def finance_settings(programme: Programme, **overrides) -> FinanceSettings:
    values = {
        "offers_loans": True,
        "offers_insurance_incentives": True,
        "offers_training_funding": True,
        "offers_childcare_funding": True,
        "loan_minimum": Decimal("10000000"),
        "loan_maximum": Decimal("500000000"),
        "second_approval_above": Decimal("200000000"),
        "default_repayment_months": 12,
    }
    values.update(overrides)
    settings_row, _created = FinanceSettings.objects.update_or_create(
        programme=programme, defaults=values
    )
    return settings_row


def budget(
    programme: Programme, region: Region, allocated: Decimal, period_key: str = "1404"
) -> Budget:
    stream, _created = FundingStream.objects.get_or_create(
        programme=programme,
        name=f"Employment credits {period_key}",
        defaults={"period_key": period_key},
    )
    return Budget.objects.create(
        programme=programme, funding_stream=stream, region=region, allocated=allocated
    )


def draft_loan(
    *,
    applicant: User,
    participant: Participant,
    programme: Programme,
    region: Region,
    amount: Decimal = Decimal("50000000"),
    submit: bool = True,
    months: int = 12,
) -> Loan:
    return services.loan_apply(
        actor=applicant,
        participant=participant,
        programme=programme,
        region=region,
        title="Tailoring workshop",
        description="Two sewing machines and fabric for a home workshop.",
        lines=[("Sewing machines", amount - Decimal("10000000")), ("Fabric", Decimal("10000000"))],
        amount=amount,
        repayment_months=months,
        jobs_for_person=1,
        jobs_for_family=1,
        submit=submit,
    )


def approved_loan(
    fw, amount: Decimal = Decimal("50000000"), on: datetime.date | None = None
) -> Loan:
    loan = draft_loan(
        applicant=fw.specialist,
        participant=fw.participant,
        programme=fw.programme,
        region=fw.county_a,
        amount=amount,
    )
    loan = services.loan_review(actor=fw.officer_1, loan=loan)
    loan = services.loan_approve(actor=fw.officer_2, loan=loan, on=on)
    if loan.status == Loan.Status.AWAITING_SECOND_APPROVAL:
        loan = services.loan_approve(actor=fw.officer_3, loan=loan, on=on)
    return loan


def intervention_referral(fw, day: datetime.date):
    from tandem.interventions.models import Intervention, InterventionReferral, Provider

    provider = Provider.objects.create(name="Tailoring school", region=fw.county_a)
    intervention = Intervention.objects.create(
        name="Tailoring course", provider=provider, kind="vocational_training", currency="IRR"
    )
    return InterventionReferral.objects.create(
        participant=fw.participant,
        intervention=intervention,
        requested_on=day,
        requested_by=fw.specialist,
    )
