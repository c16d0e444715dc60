"""Writes of the finance app: one function per state change.

Two rules run through everything here:
- separation of duties: whoever applied for a loan or reviewed it may not approve it, and the
  second approval of a large loan is by yet another person;
- a budget is never over-committed: the budget row is locked (`select_for_update`) while the
  sum of its commitments is checked, so two approvals at the same moment cannot both pass
  on the last money.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.casework.models import Goal
from tandem.core.formatting import format_programme_money
from tandem.core.periods import PeriodError, period_from_key
from tandem.employment.models import Placement
from tandem.finance import selectors
from tandem.finance.models import (
    ZERO,
    Budget,
    BudgetCommitment,
    BudgetLine,
    BusinessPlan,
    FinanceSettings,
    FundingStream,
    Instalment,
    InsuranceIncentive,
    Loan,
    Payment,
    SupportFunding,
)
from tandem.interventions.models import InterventionReferral
from tandem.organisations.models import Region, User
from tandem.participants.models import AccessLogEntry, Participant
from tandem.participants.selectors import ParticipantAccess, access_participant
from tandem.participants.services import access_log_record
from tandem.programmes.models import Programme

CENT = Decimal("0.01")
MAX_REPAYMENT_MONTHS = 120
MAX_INCENTIVE_MONTHS = 60


def _money(programme: Programme, amount: Decimal) -> str:
    # Messages name amounts the way the pages show them: toman for rial programmes.
    return format_programme_money(amount, programme.currency)


def _amount(value: Any, field: str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({field: [_("Enter an amount of money.")]}) from None
    if amount <= 0:
        raise ValidationError({field: [_("Enter an amount above zero.")]})
    return amount


def _save(record, actor: User) -> None:
    record._history_user = actor  # type: ignore[attr-defined]
    record.full_clean()
    record.save()


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# ---------------------------------------------------------------- settings, streams, budgets


SETTINGS_FIELDS = (
    "offers_loans",
    "offers_insurance_incentives",
    "offers_training_funding",
    "offers_childcare_funding",
    "loan_minimum",
    "loan_maximum",
    "second_approval_above",
    "default_repayment_months",
)


@transaction.atomic
def finance_settings_save(
    *, actor: User, programme: Programme, data: dict[str, Any]
) -> FinanceSettings:
    settings_row = FinanceSettings.objects.select_for_update().filter(programme=programme).first()
    if settings_row is None:
        settings_row = FinanceSettings(programme=programme)
    unknown = set(data) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationError({name: [_("This field cannot be set here.")] for name in unknown})
    for name, value in data.items():
        setattr(settings_row, name, value)
    errors: dict[str, list[str]] = {}
    for name in ("loan_minimum", "loan_maximum", "second_approval_above"):
        value = getattr(settings_row, name)
        if value is None or Decimal(value) < 0:
            errors[name] = [_("Enter zero or more.")]
    if not errors and settings_row.loan_maximum < settings_row.loan_minimum:
        errors["loan_maximum"] = [_("The largest loan cannot be below the smallest.")]
    months = settings_row.default_repayment_months
    if not months or not 1 <= months <= MAX_REPAYMENT_MONTHS:
        errors["default_repayment_months"] = [
            _("Enter a repayment period of 1 to %(max)s months.") % {"max": MAX_REPAYMENT_MONTHS}
        ]
    if errors:
        raise ValidationError(errors)
    _save(settings_row, actor)
    return settings_row


@transaction.atomic
def funding_stream_create(
    *, actor: User, programme: Programme, name: str, period_key: str, description: str = ""
) -> FundingStream:
    try:
        period = period_from_key(programme.calendar, period_key)
    except PeriodError as error:
        raise ValidationError({"period_key": [str(error)]}) from None
    if not name.strip():
        raise ValidationError({"name": [_("Name the funding stream.")]})
    if FundingStream.objects.filter(programme=programme, name=name.strip()).exists():
        raise ValidationError(
            {"name": [_("This programme already has a funding stream of that name.")]}
        )
    stream = FundingStream(
        programme=programme, name=name.strip(), period_key=period.key, description=description
    )
    _save(stream, actor)
    return stream


@transaction.atomic
def budget_create(
    *, actor: User, funding_stream: FundingStream, region: Region, allocated: Decimal
) -> Budget:
    allocated_amount = Decimal(allocated)
    if allocated_amount < 0:
        raise ValidationError({"allocated": [_("Enter zero or more.")]})
    if Budget.objects.filter(funding_stream=funding_stream, region=region).exists():
        raise ValidationError(
            {"region": [_("This funding stream already has a budget for this region.")]}
        )
    budget = Budget(
        programme=funding_stream.programme,
        funding_stream=funding_stream,
        region=region,
        allocated=allocated_amount,
    )
    _save(budget, actor)
    return budget


@transaction.atomic
def budget_set_allocated(*, actor: User, budget: Budget, allocated: Decimal) -> Budget:
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    totals = selectors.budget_totals(budget=budget)
    used = totals["committed"] + totals["spent"]
    if Decimal(allocated) < used:
        raise ValidationError(
            {
                "allocated": [
                    _("%(used)s is already committed or spent: allocate at least that.")
                    % {"used": _money(budget.programme, used)}
                ]
            }
        )
    budget.allocated = Decimal(allocated)
    _save(budget, actor)
    return budget


def _lock_and_check(budget: Budget, extra: Decimal) -> Budget:
    """Lock the budget row and refuse if `extra` more would take it past its allocation."""
    locked = (
        Budget.objects.select_for_update(of=("self",)).select_related("programme").get(pk=budget.pk)
    )
    totals = BudgetCommitment.objects.filter(budget=locked).aggregate(
        committed=Sum("committed"), spent=Sum("spent")
    )
    remaining = locked.allocated - (totals["committed"] or ZERO) - (totals["spent"] or ZERO)
    if extra > remaining:
        raise ValidationError(
            {
                "budget": [
                    _(
                        "The budget %(budget)s has %(remaining)s left, not enough for "
                        "%(amount)s. Nothing was committed."
                    )
                    % {
                        "budget": str(locked),
                        "remaining": _money(locked.programme, max(remaining, ZERO)),
                        "amount": _money(locked.programme, extra),
                    }
                ]
            }
        )
    return locked


def _commit(*, actor: User, budget: Budget, amount: Decimal, **source) -> BudgetCommitment:
    locked = _lock_and_check(budget, amount)
    commitment = BudgetCommitment(budget=locked, committed=amount, **source)
    _save(commitment, actor)
    return commitment


def _settle(
    *, actor: User, commitment: BudgetCommitment | None, committed: Decimal, spent: Decimal
) -> None:
    """Move a commitment to new committed and spent figures (never above what it held when
    spending more: that would need a fresh check against the budget)."""
    if commitment is None:
        return
    commitment = BudgetCommitment.objects.select_for_update().get(pk=commitment.pk)
    extra = (committed + spent) - (commitment.committed + commitment.spent)
    if extra > 0:
        _lock_and_check(commitment.budget, extra)
    commitment.committed, commitment.spent = committed, spent
    _save(commitment, actor)


def _choose_budget(
    *, programme: Programme, region: Region, on: datetime.date, budget: Budget | None
) -> Budget:
    fitting = selectors.budgets_for(programme=programme, region=region, on=on)
    if budget is None:
        if not fitting:
            raise ValidationError(
                {"budget": [_("There is no budget for this area and date. Ask for one first.")]}
            )
        return fitting[0]
    if budget.pk not in {candidate.pk for candidate in fitting}:
        raise ValidationError(
            {"budget": [_("Choose a budget of this programme that covers this area and date.")]}
        )
    return budget


# ---------------------------------------------------------------- loans


def _programme_settings(programme: Programme) -> FinanceSettings:
    found = selectors.finance_settings_for(programme=programme)
    if found is None or not found.offers_loans:
        raise ValidationError({"programme": [_("This programme does not offer loans.")]})
    return found


def _check_amount(settings_row: FinanceSettings, programme: Programme, amount: Decimal) -> None:
    if not settings_row.loan_minimum <= amount <= settings_row.loan_maximum:
        raise ValidationError(
            {
                "amount": [
                    _("A loan in this programme is between %(minimum)s and %(maximum)s.")
                    % {
                        "minimum": _money(programme, settings_row.loan_minimum),
                        "maximum": _money(programme, settings_row.loan_maximum),
                    }
                ]
            }
        )


def _clean_lines(lines: Iterable[tuple[str, Any]] | Iterable[dict]) -> list[tuple[str, Decimal]]:
    cleaned = []
    for position, line in enumerate(lines):
        item, amount = (line["item"], line["amount"]) if isinstance(line, dict) else line
        item = (item or "").strip()
        if not item and amount in (None, ""):
            continue
        if not item:
            raise ValidationError(
                {
                    "lines": [
                        _("Line %(number)s: say what the money is for.") % {"number": position + 1}
                    ]
                }
            )
        try:
            value = Decimal(str(amount)).quantize(CENT)
        except (InvalidOperation, TypeError, ValueError):
            value = None
        if value is None or value <= 0:
            raise ValidationError(
                {
                    "lines": [
                        _("Line %(number)s: enter an amount above zero.") % {"number": position + 1}
                    ]
                }
            )
        cleaned.append((item[:200], value))
    if not cleaned:
        raise ValidationError({"lines": [_("Add at least one budget line.")]})
    return cleaned


@transaction.atomic
def loan_apply(
    *,
    actor: User,
    participant: Participant,
    programme: Programme,
    region: Region,
    title: str,
    description: str,
    lines: Iterable,
    amount: Any,
    repayment_months: int | None = None,
    jobs_for_person: int = 1,
    jobs_for_family: int = 0,
    jobs_for_others: int = 0,
    submit: bool = False,
) -> Loan:
    """A loan application to a business plan, as a draft (or submitted at once). The caller
    has checked that the actor may open the person (`access_participant`, WRITE)."""
    settings_row = _programme_settings(programme)
    errors: dict[str, list[str]] = {}
    try:
        value = _amount(amount, "amount")
        _check_amount(settings_row, programme, value)
    except ValidationError as error:
        errors.update(error.message_dict)
        value = None
    try:
        cleaned_lines = _clean_lines(lines)
    except ValidationError as error:
        errors.update(error.message_dict)
        cleaned_lines = []
    if not title.strip():
        errors["title"] = [_("Name the business.")]
    if not description.strip():
        errors["description"] = [_("Describe the business.")]
    months = repayment_months or settings_row.default_repayment_months
    if not 1 <= months <= MAX_REPAYMENT_MONTHS:
        errors["repayment_months"] = [
            _("Enter a repayment period of 1 to %(max)s months.") % {"max": MAX_REPAYMENT_MONTHS}
        ]
    jobs = (jobs_for_person, jobs_for_family, jobs_for_others)
    if any(count is None or count < 0 for count in jobs):
        errors["jobs_for_person"] = [_("Enter the number of jobs, zero or more.")]
    elif sum(jobs) == 0:
        errors["jobs_for_person"] = [_("A job-creation loan creates at least one job.")]
    if region.country_code != programme.country_code:
        errors["region"] = [_("Choose a county where the programme runs.")]
    if errors:
        raise ValidationError(errors)
    plan = BusinessPlan(
        participant=participant,
        title=title.strip(),
        description=description.strip(),
        jobs_for_person=jobs_for_person,
        jobs_for_family=jobs_for_family,
        jobs_for_others=jobs_for_others,
        created_by=actor,
    )
    _save(plan, actor)
    BudgetLine.objects.bulk_create(
        BudgetLine(plan=plan, item=item, amount=line_amount, position=position)
        for position, (item, line_amount) in enumerate(cleaned_lines)
    )
    loan = Loan(
        programme=programme,
        plan=plan,
        participant=participant,
        region=region,
        amount=value,
        repayment_months=months,
        applicant=actor,
    )
    _save(loan, actor)
    if submit:
        loan = loan_submit(actor=actor, loan=loan)
    return loan


def _locked(loan: Loan) -> Loan:
    return (
        Loan.objects.select_for_update(of=("self",))
        .select_related("programme", "region")
        .get(pk=loan.pk)
    )


def _expect(loan: Loan, *statuses: str) -> None:
    if loan.status not in statuses:
        raise ValidationError(
            _("This loan is %(status)s: that cannot be done now.")
            % {"status": loan.get_status_display()}
        )


def _must_decide(actor: User, loan: Loan) -> None:
    if not selectors.may_decide_for(user=actor, region_id=loan.region_id):
        raise ValidationError(_("Only a finance officer of this area can do that."))


@transaction.atomic
def loan_submit(*, actor: User, loan: Loan) -> Loan:
    loan = _locked(loan)
    _expect(loan, Loan.Status.DRAFT)
    settings_row = _programme_settings(loan.programme)
    _check_amount(settings_row, loan.programme, loan.amount)
    loan.status = Loan.Status.SUBMITTED
    loan.submitted_at = timezone.now()
    _save(loan, actor)
    return loan


@transaction.atomic
def loan_review(*, actor: User, loan: Loan, note: str = "") -> Loan:
    loan = _locked(loan)
    _expect(loan, Loan.Status.SUBMITTED)
    _must_decide(actor, loan)
    if actor.pk == loan.applicant_id:
        raise ValidationError(_("You applied for this loan: someone else reviews it."))
    loan.status = Loan.Status.UNDER_REVIEW
    loan.reviewer = actor
    loan.reviewed_at = timezone.now()
    loan.review_note = note.strip()
    _save(loan, actor)
    return loan


@transaction.atomic
def loan_approve(
    *, actor: User, loan: Loan, budget: Budget | None = None, on: datetime.date | None = None
) -> Loan:
    """First approval (commits the amount against a budget) or, for a loan above the
    programme's threshold, the second approval by a different person."""
    loan = _locked(loan)
    _expect(loan, Loan.Status.UNDER_REVIEW, Loan.Status.AWAITING_SECOND_APPROVAL)
    _must_decide(actor, loan)
    if actor.pk == loan.applicant_id:
        raise ValidationError(_("You applied for this loan: you cannot approve it."))
    if actor.pk == loan.reviewer_id:
        raise ValidationError(_("You reviewed this loan: another person approves it."))
    today = on or timezone.localdate()
    now = timezone.now()
    settings_row = _programme_settings(loan.programme)
    if loan.status == Loan.Status.AWAITING_SECOND_APPROVAL:
        if actor.pk == loan.approver_id:
            raise ValidationError(
                _("You gave the first approval: the second approval is by someone else.")
            )
        loan.second_approver = actor
        loan.second_approved_at = now
        loan.status = Loan.Status.APPROVED
        loan.decided_on = today
        _save(loan, actor)
        return loan
    _check_amount(settings_row, loan.programme, loan.amount)
    chosen = _choose_budget(programme=loan.programme, region=loan.region, on=today, budget=budget)
    _commit(actor=actor, budget=chosen, amount=loan.amount, loan=loan)
    loan.budget = chosen
    loan.approver = actor
    loan.approved_at = now
    if settings_row.needs_second_approval(loan.amount):
        loan.status = Loan.Status.AWAITING_SECOND_APPROVAL
    else:
        loan.status = Loan.Status.APPROVED
        loan.decided_on = today
    _save(loan, actor)
    return loan


@transaction.atomic
def loan_refuse(*, actor: User, loan: Loan, reason: str, on: datetime.date | None = None) -> Loan:
    loan = _locked(loan)
    _expect(
        loan,
        Loan.Status.SUBMITTED,
        Loan.Status.UNDER_REVIEW,
        Loan.Status.AWAITING_SECOND_APPROVAL,
    )
    _must_decide(actor, loan)
    if actor.pk == loan.applicant_id:
        raise ValidationError(_("You applied for this loan: someone else decides on it."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for refusing the loan.")]})
    # A refused loan holds no money: release what the first approval committed.
    _settle(actor=actor, commitment=getattr(loan, "commitment", None), committed=ZERO, spent=ZERO)
    loan.status = Loan.Status.REFUSED
    loan.refused_by = actor
    loan.refusal_reason = reason.strip()
    loan.decided_on = on or timezone.localdate()
    _save(loan, actor)
    return loan


def instalment_amounts(total: Decimal, count: int) -> list[Decimal]:
    # Equal instalments rounded down to the smallest unit; the last one takes the remainder,
    # so the schedule adds up to the loan to the last rial.
    unit = Decimal("1") if total == total.to_integral_value() else CENT
    base = (total / count).quantize(unit, rounding="ROUND_DOWN")
    return [base] * (count - 1) + [total - base * (count - 1)]


@transaction.atomic
def loan_disburse(
    *,
    actor: User,
    loan: Loan,
    disbursed_on: datetime.date,
    amount: Any = None,
    first_due_on: datetime.date | None = None,
    instalments: int | None = None,
) -> Loan:
    """Pay the loan out: the commitment becomes spent and the repayment schedule is made
    (equal monthly instalments from the first due date)."""
    loan = _locked(loan)
    _expect(loan, Loan.Status.APPROVED)
    _must_decide(actor, loan)
    errors: dict[str, list[str]] = {}
    value = loan.amount
    if amount not in (None, ""):
        try:
            value = _amount(amount, "amount")
        except ValidationError as error:
            errors.update(error.message_dict)
        else:
            if value > loan.amount:
                errors["amount"] = [
                    _("Pay out at most the approved %(amount)s.")
                    % {"amount": _money(loan.programme, loan.amount)}
                ]
    if disbursed_on > timezone.localdate():
        errors["disbursed_on"] = [_("Record a payment out once it has been made.")]
    if loan.decided_on and disbursed_on < loan.decided_on:
        errors["disbursed_on"] = [_("A loan cannot be paid out before it was approved.")]
    first_due = first_due_on or add_months(disbursed_on, 1)
    if first_due <= disbursed_on:
        errors["first_due_on"] = [_("The first instalment falls after the payment out.")]
    count = instalments or loan.repayment_months
    if not 1 <= count <= MAX_REPAYMENT_MONTHS:
        errors["instalments"] = [
            _("Enter 1 to %(max)s instalments.") % {"max": MAX_REPAYMENT_MONTHS}
        ]
    if errors:
        raise ValidationError(errors)
    _settle(actor=actor, commitment=getattr(loan, "commitment", None), committed=ZERO, spent=value)
    Instalment.objects.bulk_create(
        Instalment(loan=loan, number=number, due_on=add_months(first_due, number - 1), amount=part)
        for number, part in enumerate(instalment_amounts(value, count), start=1)
    )
    loan.status = Loan.Status.DISBURSED
    loan.disbursed_on = disbursed_on
    loan.disbursed_amount = value
    loan.first_due_on = first_due
    loan.repayment_months = count
    _save(loan, actor)
    return loan


@transaction.atomic
def loan_payment_record(
    *, actor: User, loan: Loan, paid_on: datetime.date, amount: Any, note: str = ""
) -> Payment:
    """A repayment. It pays the oldest unpaid instalments first; the loan is repaid when
    nothing is left to pay."""
    loan = _locked(loan)
    _expect(loan, Loan.Status.DISBURSED, Loan.Status.REPAYING)
    _must_decide(actor, loan)
    value = _amount(amount, "amount")
    balance = selectors.loan_balance(loan=loan)
    errors: dict[str, list[str]] = {}
    if value > balance:
        errors["amount"] = [
            _("Only %(balance)s is left to repay.") % {"balance": _money(loan.programme, balance)}
        ]
    if paid_on > timezone.localdate():
        errors["paid_on"] = [_("Record a payment once it has been made.")]
    if loan.disbursed_on and paid_on < loan.disbursed_on:
        errors["paid_on"] = [_("A repayment cannot come before the loan was paid out.")]
    if errors:
        raise ValidationError(errors)
    first_unpaid = next(
        (
            row.instalment
            for row in selectors.loan_schedule(loan=loan, on=paid_on)
            if row.outstanding
        ),
        None,
    )
    payment = Payment(
        loan=loan,
        instalment=first_unpaid,
        paid_on=paid_on,
        amount=value,
        note=note.strip()[:300],
        recorded_by=actor,
    )
    _save(payment, actor)
    if value == balance:
        loan.status = Loan.Status.REPAID
        loan.closed_on = paid_on
    else:
        loan.status = Loan.Status.REPAYING
    _save(loan, actor)
    return payment


@transaction.atomic
def loan_write_off(
    *, actor: User, loan: Loan, reason: str, on: datetime.date | None = None
) -> Loan:
    loan = _locked(loan)
    _expect(loan, Loan.Status.DISBURSED, Loan.Status.REPAYING)
    _must_decide(actor, loan)
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for writing the loan off.")]})
    loan.status = Loan.Status.WRITTEN_OFF
    loan.write_off_reason = reason.strip()
    loan.closed_on = on or timezone.localdate()
    _save(loan, actor)
    return loan


# ---------------------------------------------------------------- insurance incentives


@transaction.atomic
def incentive_create(
    *,
    actor: User,
    programme: Programme,
    participant: Participant,
    kind: str,
    job_status: str,
    region: Region,
    starts_on: datetime.date,
    months: int,
    monthly_amount: Any,
    placement: Placement | None = None,
    budget: Budget | None = None,
) -> InsuranceIncentive:
    """An approved insurance incentive; monthly amount × months is committed against the
    budget at once."""
    _must_decide_region(actor, region)
    settings_row = selectors.finance_settings_for(programme=programme)
    errors: dict[str, list[str]] = {}
    if settings_row is None or not settings_row.offers_insurance_incentives:
        errors["programme"] = [_("This programme does not offer insurance incentives.")]
    if kind not in InsuranceIncentive.Kind.values:
        errors["kind"] = [_("Choose the kind of incentive.")]
    if job_status not in InsuranceIncentive.JobStatus.values:
        errors["job_status"] = [_("Say whether the job is newly created or stabilised.")]
    if not months or not 1 <= months <= MAX_INCENTIVE_MONTHS:
        errors["months"] = [_("Enter 1 to %(max)s months.") % {"max": MAX_INCENTIVE_MONTHS}]
    if placement is not None and placement.participant_id != participant.pk:
        errors["placement"] = [_("Choose a job of this person.")]
    try:
        value = _amount(monthly_amount, "monthly_amount")
    except ValidationError as error:
        errors.update(error.message_dict)
        value = None
    if errors:
        raise ValidationError(errors)
    chosen = _choose_budget(programme=programme, region=region, on=starts_on, budget=budget)
    incentive = InsuranceIncentive(
        programme=programme,
        kind=kind,
        job_status=job_status,
        participant=participant,
        placement=placement,
        region=region,
        starts_on=starts_on,
        months=months,
        monthly_amount=value,
        budget=chosen,
        created_by=actor,
    )
    _save(incentive, actor)
    _commit(actor=actor, budget=chosen, amount=incentive.total, incentive=incentive)
    return incentive


def _must_decide_region(actor: User, region: Region) -> None:
    if not selectors.may_decide_for(user=actor, region_id=region.pk):
        raise ValidationError({"region": [_("Only a finance officer of this area can do that.")]})


def _months_between(start: datetime.date, end: datetime.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months + (1 if end.day >= start.day else 0)


@transaction.atomic
def incentive_set_status(
    *, actor: User, incentive: InsuranceIncentive, status: str, on: datetime.date | None = None
) -> InsuranceIncentive:
    """Active (payments running), ended (what was paid is spent, the rest released) or
    cancelled before it started (everything released)."""
    incentive = InsuranceIncentive.objects.select_for_update().get(pk=incentive.pk)
    _must_decide_region(actor, incentive.region)
    Status = InsuranceIncentive.Status
    allowed = {
        Status.APPROVED: {Status.ACTIVE, Status.CANCELLED},
        Status.ACTIVE: {Status.ENDED},
    }
    if status not in allowed.get(incentive.status, set()):
        raise ValidationError(
            {
                "status": [
                    _("This incentive is %(status)s: that cannot be done now.")
                    % {"status": incentive.get_status_display()}
                ]
            }
        )
    day = on or timezone.localdate()
    commitment = getattr(incentive, "commitment", None)
    if status == Status.ENDED:
        if day < incentive.starts_on:
            raise ValidationError({"ended_on": [_("It cannot end before it started.")]})
        paid_months = min(incentive.months, _months_between(incentive.starts_on, day))
        _settle(
            actor=actor,
            commitment=commitment,
            committed=ZERO,
            spent=incentive.monthly_amount * paid_months,
        )
        incentive.ended_on = day
    elif status == Status.CANCELLED:
        _settle(actor=actor, commitment=commitment, committed=ZERO, spent=ZERO)
        incentive.ended_on = day
    incentive.status = status
    _save(incentive, actor)
    return incentive


# ---------------------------------------------------------------- training and childcare


FUNDING_OFFER = {
    SupportFunding.Kind.TRAINING: "offers_training_funding",
    SupportFunding.Kind.CHILDCARE: "offers_childcare_funding",
}


@transaction.atomic
def funding_request(
    *,
    actor: User,
    programme: Programme,
    participant: Participant,
    kind: str,
    region: Region,
    amount: Any,
    payee: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    intervention_referral: InterventionReferral | None = None,
    goal: Goal | None = None,
    note: str = "",
) -> SupportFunding:
    """A request to pay for a course or for childcare, by the person's specialist (who has
    opened the person with `access_participant`)."""
    errors: dict[str, list[str]] = {}
    settings_row = selectors.finance_settings_for(programme=programme)
    if kind not in SupportFunding.Kind.values:
        errors["kind"] = [_("Choose training or childcare.")]
    elif settings_row is None or not getattr(settings_row, FUNDING_OFFER[kind]):
        errors["kind"] = [_("This programme does not fund that.")]
    if intervention_referral is None and goal is None:
        errors["intervention_referral"] = [
            _("Link the referral to an intervention or the plan goal this pays for.")
        ]
    if intervention_referral is not None and intervention_referral.participant_id != participant.pk:
        errors["intervention_referral"] = [_("Choose a referral of this person.")]
    if goal is not None and goal.plan.participant_id != participant.pk:
        errors["goal"] = [_("Choose a goal from this person's plan.")]
    if not payee.strip():
        errors["payee"] = [_("Name the provider or payee.")]
    if ends_on < starts_on:
        errors["ends_on"] = [_("The end comes after the start.")]
    try:
        value = _amount(amount, "amount")
    except ValidationError as error:
        errors.update(error.message_dict)
        value = None
    if errors:
        raise ValidationError(errors)
    funding = SupportFunding(
        programme=programme,
        kind=kind,
        participant=participant,
        intervention_referral=intervention_referral,
        goal=goal,
        region=region,
        amount=value,
        payee=payee.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        note=note.strip(),
        requested_by=actor,
    )
    _save(funding, actor)
    return funding


def _locked_funding(funding: SupportFunding) -> SupportFunding:
    return (
        SupportFunding.objects.select_for_update(of=("self",))
        .select_related("programme", "region")
        .get(pk=funding.pk)
    )


def _expect_funding(funding: SupportFunding, *statuses: str) -> None:
    if funding.status not in statuses:
        raise ValidationError(
            _("This funding is %(status)s: that cannot be done now.")
            % {"status": funding.get_status_display()}
        )


@transaction.atomic
def funding_approve(
    *, actor: User, funding: SupportFunding, budget: Budget | None = None
) -> SupportFunding:
    funding = _locked_funding(funding)
    _expect_funding(funding, SupportFunding.Status.REQUESTED)
    _must_decide_region(actor, funding.region)
    if actor.pk == funding.requested_by_id:
        raise ValidationError(_("You asked for this funding: someone else approves it."))
    chosen = _choose_budget(
        programme=funding.programme, region=funding.region, on=funding.starts_on, budget=budget
    )
    _commit(actor=actor, budget=chosen, amount=funding.amount, funding=funding)
    funding.budget = chosen
    funding.status = SupportFunding.Status.APPROVED
    funding.decided_by = actor
    funding.decided_on = timezone.localdate()
    _save(funding, actor)
    return funding


@transaction.atomic
def funding_refuse(*, actor: User, funding: SupportFunding, reason: str) -> SupportFunding:
    funding = _locked_funding(funding)
    _expect_funding(funding, SupportFunding.Status.REQUESTED)
    _must_decide_region(actor, funding.region)
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for refusing.")]})
    funding.status = SupportFunding.Status.REFUSED
    funding.refusal_reason = reason.strip()
    funding.decided_by = actor
    funding.decided_on = timezone.localdate()
    _save(funding, actor)
    return funding


@transaction.atomic
def funding_mark_paid(
    *, actor: User, funding: SupportFunding, paid_on: datetime.date
) -> SupportFunding:
    funding = _locked_funding(funding)
    _expect_funding(funding, SupportFunding.Status.APPROVED)
    _must_decide_region(actor, funding.region)
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": [_("Record a payment once it has been made.")]})
    _settle(
        actor=actor,
        commitment=getattr(funding, "commitment", None),
        committed=ZERO,
        spent=funding.amount,
    )
    funding.status = SupportFunding.Status.PAID
    funding.paid_on = paid_on
    _save(funding, actor)
    return funding


@transaction.atomic
def funding_cancel(*, actor: User, funding: SupportFunding) -> SupportFunding:
    funding = _locked_funding(funding)
    _expect_funding(funding, SupportFunding.Status.REQUESTED, SupportFunding.Status.APPROVED)
    if not (
        selectors.may_decide_for(user=actor, region_id=funding.region_id)
        or actor.pk == funding.requested_by_id
    ):
        raise ValidationError(_("Only the person who asked or a finance officer can cancel it."))
    _settle(
        actor=actor, commitment=getattr(funding, "commitment", None), committed=ZERO, spent=ZERO
    )
    funding.status = SupportFunding.Status.CANCELLED
    _save(funding, actor)
    return funding


def financial_support_read(*, user: User, participant: Participant, channel: str) -> None:
    """A read of a person's loan, incentive or funding goes in their access log, like any read
    of their record: on the grounds the viewer may open the person, or else as the finance
    officer for the person's area (who may see the support, never the case)."""
    from django.http import Http404

    try:
        access = access_participant(user=user, ref=participant.ref)
    except Http404:
        access = ParticipantAccess(
            participant=participant,
            grounds=AccessLogEntry.Grounds.FINANCE_REGION,
            can_write=False,
            discipline=None,
        )
    access_log_record(
        user=user, access=access, action=AccessLogEntry.Action.VIEW_RECORD, channel=channel
    )
