"""API for financial support: loans and their actions, repayment schedules and payments,
insurance incentives, training and childcare funding, budgets and the seed-style figures.

The same selectors and services as the pages, so the same rules: a record the caller may not
see is a 404 like a missing one; an action the caller may see but not take, or bad input, is
a 422 that changes nothing. Amounts are in the programme's currency unit (rial for IRR).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tandem.core.access import Access, Role
from tandem.core.periods import PeriodError, calendar_for_country, period_from_key
from tandem.core.schemas import Named, RegionOut, UserRef
from tandem.finance import selectors, services
from tandem.finance.models import (
    Budget,
    BudgetCommitment,
    Loan,
    Payment,
    SupportFunding,
)
from tandem.organisations.models import Organisation, Region
from tandem.organisations.selectors import organisation_ids_for, region_ids_within
from tandem.participants.models import AccessLogEntry
from tandem.participants.selectors import access_participant
from tandem.programmes.models import Programme

router = Router(tags=["finance"])


def _invalid(name: str, message: str) -> ValidationError:
    return ValidationError({name: [message]})


# ---------------------------------------------------------------- shared schemas


class PersonRef(Schema):
    ref: str
    full_name: str


# ---------------------------------------------------------------- loans


class LoanItem(Schema):
    ref: str
    status: str
    status_label: str
    programme: Named
    participant: PersonRef
    region: RegionOut
    business: str
    amount: Decimal
    currency: str
    repayment_months: int
    submitted_at: datetime.datetime | None
    decided_on: datetime.date | None
    disbursed_on: datetime.date | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_status_label(loan) -> str:
        return str(loan.get_status_display())

    @staticmethod
    def resolve_business(loan) -> str:
        return loan.plan.title

    @staticmethod
    def resolve_currency(loan) -> str:
        return loan.programme.currency


class LineOut(Schema):
    item: str
    amount: Decimal


class PlanOut(Schema):
    ref: str
    title: str
    description: str
    lines: list[LineOut]
    budget_total: Decimal
    jobs_for_person: int
    jobs_for_family: int
    jobs_for_others: int
    jobs_total: int

    @staticmethod
    def resolve_lines(plan) -> list:
        return list(plan.lines.all())

    @staticmethod
    def resolve_budget_total(plan) -> Decimal:
        return sum((line.amount for line in plan.lines.all()), Decimal(0))


class LoanOut(LoanItem):
    plan: PlanOut
    applicant: UserRef
    reviewer: UserRef | None
    reviewed_at: datetime.datetime | None
    review_note: str
    approver: UserRef | None
    approved_at: datetime.datetime | None
    second_approver: UserRef | None
    second_approved_at: datetime.datetime | None
    needs_second_approval: bool
    refused_by: UserRef | None
    refusal_reason: str
    budget_ref: str | None
    disbursed_amount: Decimal | None
    first_due_on: datetime.date | None
    closed_on: datetime.date | None
    write_off_reason: str
    balance: Decimal = Field(description="Left to repay.")
    arrears: Decimal = Field(description="Overdue today.")

    @staticmethod
    def resolve_budget_ref(loan) -> str | None:
        return loan.budget.ref if loan.budget_id else None

    @staticmethod
    def resolve_needs_second_approval(loan) -> bool:
        return selectors.loan_needs_second_approval(loan=loan)

    @staticmethod
    def resolve_balance(loan) -> Decimal:
        return selectors.loan_balance(loan=loan)

    @staticmethod
    def resolve_arrears(loan) -> Decimal:
        return selectors.loan_arrears(loan=loan, on=timezone.localdate())


class LineIn(Schema):
    item: str = Field(max_length=200)
    amount: Decimal


class LoanIn(Schema):
    participant_ref: str
    programme_ref: str | None = Field(
        None, description="Needed only when the organisation delivers several loan programmes."
    )
    region_id: int | None = Field(None, description="The county; the organisation's by default.")
    title: str = Field(max_length=200)
    description: str
    lines: list[LineIn]
    amount: Decimal
    repayment_months: int | None = None
    jobs_for_person: int = 1
    jobs_for_family: int = 0
    jobs_for_others: int = 0
    submit: bool = Field(False, description="Submit at once instead of keeping a draft.")


class NoteIn(Schema):
    note: str = ""


class ApproveIn(Schema):
    budget_ref: str | None = Field(
        None, description="The budget to commit against; the closest that fits by default."
    )


class ReasonIn(Schema):
    reason: str


class DisburseIn(Schema):
    disbursed_on: datetime.date
    amount: Decimal | None = None
    first_due_on: datetime.date | None = None
    instalments: int | None = None


class PaymentIn(Schema):
    paid_on: datetime.date
    amount: Decimal
    note: str = Field("", max_length=300)


class PaymentOut(Schema):
    ref: str
    paid_on: datetime.date
    amount: Decimal
    note: str
    instalment: int | None
    recorded_by: UserRef

    @staticmethod
    def resolve_instalment(payment) -> int | None:
        return payment.instalment.number if payment.instalment_id else None


class InstalmentOut(Schema):
    number: int
    due_on: datetime.date
    amount: Decimal
    paid: Decimal
    outstanding: Decimal
    status: str = Field(description="paid, partly_paid, due or overdue")


class ScheduleOut(Schema):
    loan_ref: str
    currency: str
    balance: Decimal
    arrears: Decimal
    instalments: list[InstalmentOut]


def _loan_out(user, ref: str) -> Loan:
    return selectors.access_loan(user=user, ref=ref).loan


def _fresh(user, loan: Loan) -> Loan:
    return (
        selectors.visible_loans(user=user)
        .select_related(
            "applicant", "reviewer", "approver", "second_approver", "refused_by", "budget"
        )
        .prefetch_related("plan__lines")
        .get(pk=loan.pk)
    )


def _region(region_id: int | None, default: Region | None, name: str = "region_id") -> Region:
    if region_id is None:
        if default is None:
            raise _invalid(name, _("Choose the area."))
        return default
    region = Region.objects.filter(pk=region_id).first()
    if region is None:
        raise _invalid(name, _("Choose an area that exists."))
    return region


def _budget(user, ref: str | None) -> Budget | None:
    """The budget the caller names, if any; one outside their area is bad input."""
    if not ref:
        return None
    budget = selectors.visible_budgets(user=user).filter(ref=ref).first()
    if budget is None:
        raise _invalid("budget_ref", _("Choose a budget of your area."))
    return budget


def _programme_for(organisation: Organisation, ref: str | None, *, offer: str) -> Programme:
    programmes = Programme.objects.filter(
        delivered_by=organisation, **{f"finance_settings__{offer}": True}
    )
    if ref:
        found = programmes.filter(ref=ref).first()
        if found is None:
            raise _invalid("programme_ref", _("Choose a programme your organisation delivers."))
        return found
    found_list = list(programmes[:2])
    if len(found_list) != 1:
        raise _invalid("programme_ref", _("Choose the programme."))
    return found_list[0]


@router.get("/loans", response=list[LoanItem])
@paginate(LimitOffsetPagination)
def list_loans(
    request: HttpRequest, status: str = "", region_id: int | None = None, in_arrears: bool = False
):
    if status and status not in Loan.Status.values:
        raise _invalid("status", _("Choose a loan status."))
    return selectors.loan_list(
        user=request.user,
        status=status,
        region_id=region_id,
        in_arrears_on=timezone.localdate() if in_arrears else None,
    )


@router.post("/loans", response={201: LoanOut})
def create_loan(request: HttpRequest, payload: LoanIn):
    user = request.user
    access = access_participant(user=user, ref=payload.participant_ref, need=Access.WRITE)
    participant = access.participant
    organisation = participant.owning_organisation
    programme = _programme_for(organisation, payload.programme_ref, offer="offers_loans")
    region = _region(payload.region_id, organisation.region)
    loan = services.loan_apply(
        actor=user,
        participant=participant,
        programme=programme,
        region=region,
        title=payload.title,
        description=payload.description,
        lines=[line.dict() for line in payload.lines],
        amount=payload.amount,
        repayment_months=payload.repayment_months,
        jobs_for_person=payload.jobs_for_person,
        jobs_for_family=payload.jobs_for_family,
        jobs_for_others=payload.jobs_for_others,
        submit=payload.submit,
    )
    return Status(201, _fresh(user, loan))


@router.get("/loans/{ref}", response=LoanOut)
def get_loan(request: HttpRequest, ref: str):
    access = selectors.access_loan(user=request.user, ref=ref)
    services.financial_support_read(
        user=request.user, participant=access.loan.participant, channel=AccessLogEntry.Channel.API
    )
    return _fresh(request.user, access.loan)


@router.post("/loans/{ref}/submit", response=LoanOut)
def submit_loan(request: HttpRequest, ref: str):
    access = selectors.access_loan(user=request.user, ref=ref)
    if not access.prepares:
        raise _invalid("status", _("Only the person's specialist submits the application."))
    loan = services.loan_submit(actor=request.user, loan=access.loan)
    return _fresh(request.user, loan)


@router.post("/loans/{ref}/review", response=LoanOut)
def review_loan(request: HttpRequest, ref: str, payload: NoteIn):
    loan = services.loan_review(
        actor=request.user, loan=_loan_out(request.user, ref), note=payload.note
    )
    return _fresh(request.user, loan)


@router.post("/loans/{ref}/approve", response=LoanOut)
def approve_loan(request: HttpRequest, ref: str, payload: ApproveIn):
    user = request.user
    loan = _loan_out(user, ref)
    budget = _budget(user, payload.budget_ref)
    loan = services.loan_approve(actor=user, loan=loan, budget=budget)
    return _fresh(user, loan)


@router.post("/loans/{ref}/refuse", response=LoanOut)
def refuse_loan(request: HttpRequest, ref: str, payload: ReasonIn):
    loan = services.loan_refuse(
        actor=request.user, loan=_loan_out(request.user, ref), reason=payload.reason
    )
    return _fresh(request.user, loan)


@router.post("/loans/{ref}/disburse", response=LoanOut)
def disburse_loan(request: HttpRequest, ref: str, payload: DisburseIn):
    loan = services.loan_disburse(
        actor=request.user,
        loan=_loan_out(request.user, ref),
        disbursed_on=payload.disbursed_on,
        amount=payload.amount,
        first_due_on=payload.first_due_on,
        instalments=payload.instalments,
    )
    return _fresh(request.user, loan)


@router.post("/loans/{ref}/write-off", response=LoanOut)
def write_off_loan(request: HttpRequest, ref: str, payload: ReasonIn):
    loan = services.loan_write_off(
        actor=request.user, loan=_loan_out(request.user, ref), reason=payload.reason
    )
    return _fresh(request.user, loan)


@router.get("/loans/{ref}/payments", response=list[PaymentOut])
@paginate(LimitOffsetPagination)
def list_payments(request: HttpRequest, ref: str):
    loan = _loan_out(request.user, ref)
    return Payment.objects.filter(loan=loan).select_related("instalment", "recorded_by")


@router.post("/loans/{ref}/payments", response={201: PaymentOut})
def record_payment(request: HttpRequest, ref: str, payload: PaymentIn):
    payment = services.loan_payment_record(
        actor=request.user,
        loan=_loan_out(request.user, ref),
        paid_on=payload.paid_on,
        amount=payload.amount,
        note=payload.note,
    )
    return Status(201, payment)


@router.get("/loans/{ref}/schedule", response=ScheduleOut)
def loan_schedule(request: HttpRequest, ref: str):
    loan = _loan_out(request.user, ref)
    today = timezone.localdate()
    rows = selectors.loan_schedule(loan=loan, on=today)
    return {
        "loan_ref": loan.ref,
        "currency": loan.programme.currency,
        "balance": selectors.loan_balance(loan=loan),
        "arrears": selectors.loan_arrears(loan=loan, on=today),
        "instalments": [
            {
                "number": row.instalment.number,
                "due_on": row.instalment.due_on,
                "amount": row.instalment.amount,
                "paid": row.paid,
                "outstanding": row.outstanding,
                "status": row.status,
            }
            for row in rows
        ],
    }


# ---------------------------------------------------------------- insurance incentives


class IncentiveOut(Schema):
    ref: str
    programme: Named
    kind: str
    kind_label: str
    job_status: str
    participant: PersonRef
    placement_ref: str | None
    region: RegionOut
    starts_on: datetime.date
    months: int
    monthly_amount: Decimal
    total: Decimal
    currency: str
    status: str
    ended_on: datetime.date | None
    budget_ref: str | None

    @staticmethod
    def resolve_kind_label(incentive) -> str:
        return str(incentive.get_kind_display())

    @staticmethod
    def resolve_placement_ref(incentive) -> str | None:
        return incentive.placement.ref if incentive.placement_id else None

    @staticmethod
    def resolve_currency(incentive) -> str:
        return incentive.programme.currency

    @staticmethod
    def resolve_budget_ref(incentive) -> str | None:
        return incentive.budget.ref if incentive.budget_id else None


class IncentiveIn(Schema):
    programme_ref: str
    participant_ref: str
    placement_ref: str | None = None
    kind: str = Field(description="employer_share, self_employment or efficiency")
    job_status: str = Field(description="created or stabilised")
    region_id: int
    starts_on: datetime.date
    months: int
    monthly_amount: Decimal
    budget_ref: str | None = None


class IncentiveStatusIn(Schema):
    status: str = Field(description="active, ended or cancelled")
    on: datetime.date | None = None


@router.get("/incentives", response=list[IncentiveOut])
@paginate(LimitOffsetPagination)
def list_incentives(request: HttpRequest, kind: str = "", job_status: str = "", status: str = ""):
    incentives = selectors.visible_incentives(user=request.user).select_related("budget")
    if kind:
        incentives = incentives.filter(kind=kind)
    if job_status:
        incentives = incentives.filter(job_status=job_status)
    if status:
        incentives = incentives.filter(status=status)
    return incentives.order_by("-starts_on", "-id")


@router.post("/incentives", response={201: IncentiveOut})
def create_incentive(request: HttpRequest, payload: IncentiveIn):
    user = request.user
    if not selectors.is_finance_officer(user=user):
        raise Http404
    programme = Programme.objects.filter(ref=payload.programme_ref).first()
    if programme is None:
        raise _invalid("programme_ref", _("Choose a programme."))
    participant = (
        selectors.finance_participants(user=user).filter(ref=payload.participant_ref).first()
    )
    if participant is None:
        raise _invalid(
            "participant_ref", _("Choose a person held by an organisation of your area.")
        )
    placement = None
    if payload.placement_ref:
        placement = selectors.person_placement(participant=participant, ref=payload.placement_ref)
        if placement is None:
            raise _invalid("placement_ref", _("Choose a job of this person."))
    budget = _budget(user, payload.budget_ref)
    incentive = services.incentive_create(
        actor=user,
        programme=programme,
        participant=participant,
        kind=payload.kind,
        job_status=payload.job_status,
        region=_region(payload.region_id, None),
        starts_on=payload.starts_on,
        months=payload.months,
        monthly_amount=payload.monthly_amount,
        placement=placement,
        budget=budget,
    )
    return Status(201, selectors.access_incentive(user=user, ref=incentive.ref))


@router.get("/incentives/{ref}", response=IncentiveOut)
def get_incentive(request: HttpRequest, ref: str):
    incentive = selectors.access_incentive(user=request.user, ref=ref)
    services.financial_support_read(
        user=request.user, participant=incentive.participant, channel=AccessLogEntry.Channel.API
    )
    return incentive


@router.post("/incentives/{ref}/status", response=IncentiveOut)
def set_incentive_status(request: HttpRequest, ref: str, payload: IncentiveStatusIn):
    incentive = selectors.access_incentive(user=request.user, ref=ref)
    services.incentive_set_status(
        actor=request.user, incentive=incentive, status=payload.status, on=payload.on
    )
    return selectors.access_incentive(user=request.user, ref=ref)


# ---------------------------------------------------------------- training and childcare


class FundingOut(Schema):
    ref: str
    programme: Named
    kind: str
    kind_label: str
    participant: PersonRef
    intervention_referral_ref: str | None
    goal_ref: str | None
    region: RegionOut
    amount: Decimal
    currency: str
    payee: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: str
    note: str
    decided_on: datetime.date | None
    refusal_reason: str
    paid_on: datetime.date | None
    budget_ref: str | None

    @staticmethod
    def resolve_kind_label(funding) -> str:
        return str(funding.get_kind_display())

    @staticmethod
    def resolve_intervention_referral_ref(funding) -> str | None:
        return funding.intervention_referral.ref if funding.intervention_referral_id else None

    @staticmethod
    def resolve_goal_ref(funding) -> str | None:
        return funding.goal.ref if funding.goal_id else None

    @staticmethod
    def resolve_currency(funding) -> str:
        return funding.programme.currency

    @staticmethod
    def resolve_budget_ref(funding) -> str | None:
        return funding.budget.ref if funding.budget_id else None


class FundingIn(Schema):
    participant_ref: str
    programme_ref: str | None = None
    kind: str = Field(description="training or childcare")
    intervention_referral_ref: str | None = None
    goal_ref: str | None = None
    region_id: int | None = None
    amount: Decimal
    payee: str = Field(max_length=200)
    starts_on: datetime.date
    ends_on: datetime.date
    note: str = ""


class PaidIn(Schema):
    paid_on: datetime.date


@router.get("/funding", response=list[FundingOut])
@paginate(LimitOffsetPagination)
def list_funding(request: HttpRequest, kind: str = "", status: str = ""):
    funding = selectors.visible_funding(user=request.user).select_related("budget")
    if kind:
        funding = funding.filter(kind=kind)
    if status:
        funding = funding.filter(status=status)
    return funding.order_by("-starts_on", "-id")


@router.post("/funding", response={201: FundingOut})
def create_funding(request: HttpRequest, payload: FundingIn):
    user = request.user
    access = access_participant(user=user, ref=payload.participant_ref, need=Access.WRITE)
    participant = access.participant
    organisation = participant.owning_organisation
    offer = {
        SupportFunding.Kind.TRAINING: "offers_training_funding",
        SupportFunding.Kind.CHILDCARE: "offers_childcare_funding",
    }.get(payload.kind)
    if offer is None:
        raise _invalid("kind", _("Choose training or childcare."))
    programme = _programme_for(organisation, payload.programme_ref, offer=offer)
    referral = None
    if payload.intervention_referral_ref:
        referral = selectors.person_referral(
            participant=participant, ref=payload.intervention_referral_ref
        )
        if referral is None:
            raise _invalid("intervention_referral_ref", _("Choose a referral of this person."))
    goal = None
    if payload.goal_ref:
        goal = selectors.person_goal(participant=participant, ref=payload.goal_ref)
        if goal is None:
            raise _invalid("goal_ref", _("Choose a goal from this person's plan."))
    funding = services.funding_request(
        actor=user,
        programme=programme,
        participant=participant,
        kind=payload.kind,
        region=_region(payload.region_id, organisation.region),
        amount=payload.amount,
        payee=payload.payee,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        intervention_referral=referral,
        goal=goal,
        note=payload.note,
    )
    return Status(201, selectors.access_funding(user=user, ref=funding.ref))


@router.get("/funding/{ref}", response=FundingOut)
def get_funding(request: HttpRequest, ref: str):
    funding = selectors.access_funding(user=request.user, ref=ref)
    services.financial_support_read(
        user=request.user, participant=funding.participant, channel=AccessLogEntry.Channel.API
    )
    return funding


@router.post("/funding/{ref}/approve", response=FundingOut)
def approve_funding(request: HttpRequest, ref: str, payload: ApproveIn):
    user = request.user
    funding = selectors.access_funding(user=user, ref=ref)
    budget = _budget(user, payload.budget_ref)
    services.funding_approve(actor=user, funding=funding, budget=budget)
    return selectors.access_funding(user=user, ref=ref)


@router.post("/funding/{ref}/refuse", response=FundingOut)
def refuse_funding(request: HttpRequest, ref: str, payload: ReasonIn):
    funding = selectors.access_funding(user=request.user, ref=ref)
    services.funding_refuse(actor=request.user, funding=funding, reason=payload.reason)
    return selectors.access_funding(user=request.user, ref=ref)


@router.post("/funding/{ref}/paid", response=FundingOut)
def funding_paid(request: HttpRequest, ref: str, payload: PaidIn):
    funding = selectors.access_funding(user=request.user, ref=ref)
    services.funding_mark_paid(actor=request.user, funding=funding, paid_on=payload.paid_on)
    return selectors.access_funding(user=request.user, ref=ref)


@router.post("/funding/{ref}/cancel", response=FundingOut)
def cancel_funding(request: HttpRequest, ref: str):
    funding = selectors.access_funding(user=request.user, ref=ref)
    services.funding_cancel(actor=request.user, funding=funding)
    return selectors.access_funding(user=request.user, ref=ref)


# ---------------------------------------------------------------- budgets


class BudgetOut(Schema):
    ref: str
    programme: Named
    funding_stream: str
    period: str
    region: RegionOut
    currency: str
    allocated: Decimal
    committed: Decimal
    spent: Decimal
    remaining: Decimal

    @staticmethod
    def resolve_funding_stream(budget) -> str:
        return budget.funding_stream.name

    @staticmethod
    def resolve_period(budget) -> str:
        return budget.funding_stream.period_key

    @staticmethod
    def resolve_currency(budget) -> str:
        return budget.programme.currency

    @staticmethod
    def resolve_committed(budget) -> Decimal:
        return budget.committed_total

    @staticmethod
    def resolve_spent(budget) -> Decimal:
        return budget.spent_total


class CommitmentOut(Schema):
    kind: str = Field(description="loan, incentive or funding")
    ref: str
    committed: Decimal
    spent: Decimal
    created_at: datetime.datetime

    @staticmethod
    def resolve_kind(commitment) -> str:
        if commitment.loan_id:
            return "loan"
        return "incentive" if commitment.incentive_id else "funding"

    @staticmethod
    def resolve_ref(commitment) -> str:
        return commitment.source.ref


@router.get("/budgets", response=list[BudgetOut])
@paginate(LimitOffsetPagination)
def list_budgets(request: HttpRequest, period: str = ""):
    budgets = selectors.visible_budgets(user=request.user)
    if period:
        budgets = budgets.filter(funding_stream__period_key=period)
    return budgets


@router.get("/budgets/{ref}", response=BudgetOut)
def get_budget(request: HttpRequest, ref: str):
    return selectors.access_budget(user=request.user, ref=ref)


@router.get("/budgets/{ref}/commitments", response=list[CommitmentOut])
@paginate(LimitOffsetPagination)
def list_commitments(request: HttpRequest, ref: str):
    budget: Budget = selectors.access_budget(user=request.user, ref=ref)
    commitments: QuerySet[BudgetCommitment] = selectors.budget_commitments(budget=budget)
    return commitments


# ---------------------------------------------------------------- figures


class IncentiveFigure(Schema):
    kind: str
    label: str
    created: int
    stabilised: int
    total: int


class CountAmount(Schema):
    count: int
    amount: Decimal


class LoanFigures(Schema):
    approved: CountAmount
    disbursed: CountAmount
    in_arrears: CountAmount


class FiguresOut(Schema):
    year: str
    start: datetime.date
    end: datetime.date
    region: RegionOut
    incentives: list[IncentiveFigure]
    loans: LoanFigures


FIGURE_ROLES = frozenset({Role.FINANCE_OFFICER, Role.PROGRAMME_MANAGER, Role.MONITORING_OFFICER})


@router.get("/figures", response=FiguresOut)
def figures(request: HttpRequest, year: str, region_id: int | None = None):
    """Aggregates only: incentive beneficiaries by kind and job status, loans approved,
    disbursed and in arrears, for a year of the region's calendar (Solar Hijri in Iran)."""
    user = request.user
    organisation_ids = organisation_ids_for(user=user, roles=FIGURE_ROLES)
    roots = list(
        Region.objects.filter(organisations__pk__in=organisation_ids).distinct().order_by("pk")
    )
    if not roots:
        raise Http404
    allowed = region_ids_within(region.pk for region in roots)
    region = roots[0] if region_id is None else Region.objects.filter(pk=region_id).first()
    if region is None or region.pk not in allowed:
        raise Http404
    calendar = calendar_for_country(region.country_code)
    try:
        period = period_from_key(calendar, year)
    except PeriodError as error:
        raise _invalid("year", str(error)) from None
    if period.months != 12:
        raise _invalid("year", _("Choose a whole year, for example 1403."))
    return {
        "year": period.key,
        "start": period.start,
        "end": period.end,
        "region": region,
        "incentives": selectors.incentive_figures(region=region, period=period),
        "loans": selectors.loan_figures(region=region, period=period),
    }
