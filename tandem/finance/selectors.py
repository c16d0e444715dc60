"""Reads of the finance app, filtered by who is asking.

Two kinds of people see finance records:
- finance officers see everything in the region of the organisation they work for and every
  region under it (a province office sees all its counties);
- casework staff see the loans and funding of the people they may open (`visible_participants`),
  because they prepare the applications.
Anyone else gets 404 for a single record and no rows in a list.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from tandem.casework.models import Goal
from tandem.core.access import CASEWORK_ROLES, Role
from tandem.core.periods import Period, PeriodError, period_from_key
from tandem.employment.models import Placement
from tandem.finance.models import (
    ZERO,
    Budget,
    BudgetCommitment,
    FinanceSettings,
    Instalment,
    InsuranceIncentive,
    Loan,
    Payment,
    SupportFunding,
)
from tandem.interventions.models import InterventionReferral
from tandem.organisations.models import Organisation, Region, User
from tandem.organisations.selectors import (
    organisation_ids_for,
    region_ids_within,
    within_regions,
)
from tandem.participants.models import Participant
from tandem.participants.selectors import visible_participants
from tandem.programmes.models import Programme

MONEY = DecimalField(max_digits=18, decimal_places=2)

# Loans whose money has gone out and may still be owed.
OUTSTANDING_STATUSES = (Loan.Status.DISBURSED, Loan.Status.REPAYING)
# Loans that were finally approved, whatever happened to them afterwards.
APPROVED_STATUSES = (
    Loan.Status.APPROVED,
    Loan.Status.DISBURSED,
    Loan.Status.REPAYING,
    Loan.Status.REPAID,
    Loan.Status.WRITTEN_OFF,
)
# Who may change a programme's finance settings (besides Django admin).
SETTINGS_ROLES = frozenset({Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR})


# ---------------------------------------------------------------- regions and roles


def finance_region_ids(*, user: User) -> set[int]:
    """The regions a finance officer decides for: their organisations' regions and below.
    Cached on the user object for the request."""
    if not user.is_authenticated or not user.is_active:
        return set()
    cached = user.__dict__.get("_finance_regions")
    if cached is None:
        organisation_ids = organisation_ids_for(user=user, roles={Role.FINANCE_OFFICER})
        roots = Organisation.objects.filter(pk__in=organisation_ids).values_list(
            "region_id", flat=True
        )
        cached = region_ids_within(roots) if organisation_ids else set()
        user.__dict__["_finance_regions"] = cached
    return cached


def is_finance_officer(*, user: User) -> bool:
    return bool(finance_region_ids(user=user))


def is_caseworker(*, user: User) -> bool:
    return bool(organisation_ids_for(user=user, roles=CASEWORK_ROLES))


def may_decide_for(*, user: User, region_id: int) -> bool:
    return region_id in finance_region_ids(user=user)


def settings_programmes(*, user: User) -> QuerySet[Programme]:
    """Programmes whose finance settings the user may change: those their organisation owns,
    as a programme manager or administrator."""
    organisation_ids = organisation_ids_for(user=user, roles=SETTINGS_ROLES)
    return Programme.objects.filter(owner_id__in=organisation_ids).order_by("name")


def finance_settings_for(*, programme: Programme) -> FinanceSettings | None:
    return FinanceSettings.objects.filter(programme=programme).first()


def loan_needs_second_approval(*, loan: Loan) -> bool:
    settings_row = finance_settings_for(programme=loan.programme)
    return bool(settings_row and settings_row.needs_second_approval(loan.amount))


def loan_programmes(*, organisation: Organisation) -> QuerySet[Programme]:
    """Programmes an organisation delivers that offer loans."""
    return Programme.objects.filter(
        delivered_by=organisation, finance_settings__offers_loans=True
    ).order_by("name")


def funding_programmes(*, organisation: Organisation) -> QuerySet[Programme]:
    """Programmes an organisation delivers that fund training courses or childcare."""
    return Programme.objects.filter(
        Q(finance_settings__offers_training_funding=True)
        | Q(finance_settings__offers_childcare_funding=True),
        delivered_by=organisation,
    ).order_by("name")


# A person's placements, referrals and plan goals, for a person the caller has already opened
# (`access_participant`) or holds in their area (`finance_participants`): these take the
# participant, never a bare reference, so they cannot reach someone else's records.


def person_placement(*, participant: Participant, ref: str) -> Placement | None:
    return Placement.objects.filter(ref=ref, participant=participant).first()


def person_referrals(*, participant: Participant) -> QuerySet[InterventionReferral]:
    return (
        InterventionReferral.objects.filter(participant=participant)
        .select_related("intervention")
        .order_by("-requested_on")
    )


def person_referral(*, participant: Participant, ref: str) -> InterventionReferral | None:
    return person_referrals(participant=participant).filter(ref=ref).first()


def person_goals(*, participant: Participant) -> QuerySet[Goal]:
    return Goal.objects.filter(plan__participant=participant).order_by("pk")


def person_goal(*, participant: Participant, ref: str) -> Goal | None:
    return person_goals(participant=participant).filter(ref=ref).first()


# ---------------------------------------------------------------- arrears


def _due_by(on: datetime.date):
    return Coalesce(
        Subquery(
            Instalment.objects.filter(loan=OuterRef("pk"), due_on__lte=on)
            .values("loan")
            .annotate(total=Sum("amount"))
            .values("total")[:1],
            output_field=MONEY,
        ),
        Value(ZERO, output_field=MONEY),
    )


def _paid_by(on: datetime.date):
    return Coalesce(
        Subquery(
            Payment.objects.filter(loan=OuterRef("pk"), paid_on__lte=on)
            .values("loan")
            .annotate(total=Sum("amount"))
            .values("total")[:1],
            output_field=MONEY,
        ),
        Value(ZERO, output_field=MONEY),
    )


def with_arrears(loans: QuerySet[Loan], *, on: datetime.date) -> QuerySet[Loan]:
    """Annotate `due_to_date`, `paid_to_date` and `arrears` (due less paid, may be negative
    when someone paid ahead: use `arrears__gt=0` to find loans in arrears)."""
    return loans.annotate(due_to_date=_due_by(on), paid_to_date=_paid_by(on)).annotate(
        arrears=F("due_to_date") - F("paid_to_date")
    )


def loan_arrears(*, loan: Loan, on: datetime.date) -> Decimal:
    """What is overdue on `on`: everything due on or before that day less everything paid by
    then (payments pay the oldest instalments first), never below zero."""
    due = loan.instalments.filter(due_on__lte=on).aggregate(total=Sum("amount"))["total"] or ZERO
    paid = loan.payments.filter(paid_on__lte=on).aggregate(total=Sum("amount"))["total"] or ZERO
    return max(due - paid, ZERO)


def loan_is_in_arrears(*, loan: Loan, on: datetime.date) -> bool:
    return loan_arrears(loan=loan, on=on) > 0


@dataclass(frozen=True)
class ScheduleRow:
    instalment: Instalment
    paid: Decimal
    outstanding: Decimal
    overdue: bool

    @property
    def status(self) -> str:
        if self.outstanding == 0:
            return "paid"
        if self.overdue:
            return "overdue"
        return "partly_paid" if self.paid else "due"


def loan_schedule(*, loan: Loan, on: datetime.date) -> list[ScheduleRow]:
    """The instalments with what has been paid against each: payments pay the oldest first."""
    instalments = list(loan.instalments.order_by("number"))
    paid_total = loan.payments.aggregate(total=Sum("amount"))["total"] or ZERO
    rows = []
    for instalment in instalments:
        paid = min(paid_total, instalment.amount)
        paid_total -= paid
        outstanding = instalment.amount - paid
        rows.append(
            ScheduleRow(
                instalment=instalment,
                paid=paid,
                outstanding=outstanding,
                overdue=outstanding > 0 and instalment.due_on < on,
            )
        )
    return rows


def loan_balance(*, loan: Loan) -> Decimal:
    owed = loan.instalments.aggregate(total=Sum("amount"))["total"] or ZERO
    paid = loan.payments.aggregate(total=Sum("amount"))["total"] or ZERO
    return max(owed - paid, ZERO)


# ---------------------------------------------------------------- loans


def visible_loans(*, user: User) -> QuerySet[Loan]:
    regions = finance_region_ids(user=user)
    condition = Q(pk__in=[])
    if regions:
        # Finance officers never see drafts: a draft is the specialist's work in progress.
        condition |= Q(region_id__in=regions) & ~Q(status=Loan.Status.DRAFT)
    if is_caseworker(user=user):
        condition |= Q(participant__in=visible_participants(user=user))
    return Loan.objects.filter(condition).select_related(
        "programme", "plan", "participant", "region", "region__parent"
    )


@dataclass(frozen=True)
class LoanAccess:
    loan: Loan
    decides: bool  # a finance officer of the loan's region
    prepares: bool  # casework staff who may open the person

    @property
    def programme(self) -> Programme:
        return self.loan.programme


def access_loan(*, user: User, ref: str) -> LoanAccess:
    loan = visible_loans(user=user).filter(ref=ref).first()
    if loan is None:
        raise Http404
    decides = may_decide_for(user=user, region_id=loan.region_id) and (
        loan.status != Loan.Status.DRAFT
    )
    prepares = (
        is_caseworker(user=user)
        and visible_participants(user=user).filter(pk=loan.participant_id).exists()
    )
    return LoanAccess(loan=loan, decides=decides, prepares=prepares)


def loan_list(
    *,
    user: User,
    status: str = "",
    region_id: int | None = None,
    in_arrears_on: datetime.date | None = None,
) -> QuerySet[Loan]:
    loans = visible_loans(user=user)
    if status:
        loans = loans.filter(status=status)
    if region_id:
        loans = loans.filter(region_id__in=region_ids_within([region_id]))
    if in_arrears_on is not None:
        loans = with_arrears(loans.filter(status__in=OUTSTANDING_STATUSES), on=in_arrears_on)
        loans = loans.filter(arrears__gt=0)
    return loans.order_by("-created_at", "-id")


def loans_in_arrears(*, user: User, on: datetime.date) -> QuerySet[Loan]:
    loans = visible_loans(user=user).filter(
        region_id__in=finance_region_ids(user=user), status__in=OUTSTANDING_STATUSES
    )
    return with_arrears(loans, on=on).filter(arrears__gt=0).order_by("-arrears", "pk")


@dataclass(frozen=True)
class WorkList:
    to_review: QuerySet[Loan]
    to_approve: QuerySet[Loan]
    second_approvals: QuerySet[Loan]
    waiting_for_others: QuerySet[Loan]
    to_disburse: QuerySet[Loan]
    in_arrears: QuerySet[Loan]
    funding_to_decide: QuerySet[SupportFunding]


def finance_work_list(*, user: User, on: datetime.date) -> WorkList:
    """A finance officer's work: what they may act on now, and what waits for someone else."""
    regions = finance_region_ids(user=user)
    loans = Loan.objects.filter(region_id__in=regions).select_related(
        "participant", "plan", "region", "programme"
    )
    Status = Loan.Status
    return WorkList(
        to_review=loans.filter(status=Status.SUBMITTED).order_by("submitted_at", "pk"),
        # Nobody approves their own review.
        to_approve=loans.filter(status=Status.UNDER_REVIEW)
        .exclude(reviewer=user)
        .exclude(applicant=user)
        .order_by("reviewed_at", "pk"),
        second_approvals=loans.filter(status=Status.AWAITING_SECOND_APPROVAL)
        .exclude(approver=user)
        .exclude(reviewer=user)
        .exclude(applicant=user)
        .order_by("approved_at", "pk"),
        waiting_for_others=loans.filter(
            Q(status=Status.UNDER_REVIEW, reviewer=user)
            | Q(status=Status.AWAITING_SECOND_APPROVAL, approver=user)
            | Q(status=Status.AWAITING_SECOND_APPROVAL, reviewer=user)
        ).order_by("pk"),
        to_disburse=loans.filter(status=Status.APPROVED).order_by("decided_on", "pk"),
        in_arrears=loans_in_arrears(user=user, on=on),
        funding_to_decide=visible_funding(user=user)
        .filter(region_id__in=regions, status=SupportFunding.Status.REQUESTED)
        .order_by("starts_on", "pk"),
    )


# ---------------------------------------------------------------- incentives and funding


def finance_participants(*, user: User):
    """People a finance officer may name as an incentive's beneficiary: those held by an
    organisation in their regions. Only name and reference are shown to them."""
    from tandem.participants.models import Participant

    regions = finance_region_ids(user=user)
    if not regions:
        return Participant.objects.none()
    return Participant.objects.filter(owning_organisation__region_id__in=regions)


def visible_incentives(*, user: User) -> QuerySet[InsuranceIncentive]:
    regions = finance_region_ids(user=user)
    condition = Q(region_id__in=regions) if regions else Q(pk__in=[])
    if is_caseworker(user=user):
        condition |= Q(participant__in=visible_participants(user=user))
    return InsuranceIncentive.objects.filter(condition).select_related(
        "participant", "region", "programme", "placement"
    )


def access_incentive(*, user: User, ref: str) -> InsuranceIncentive:
    incentive = visible_incentives(user=user).filter(ref=ref).first()
    if incentive is None:
        raise Http404
    return incentive


def visible_funding(*, user: User) -> QuerySet[SupportFunding]:
    regions = finance_region_ids(user=user)
    condition = Q(region_id__in=regions) if regions else Q(pk__in=[])
    if is_caseworker(user=user):
        condition |= Q(participant__in=visible_participants(user=user))
    return SupportFunding.objects.filter(condition).select_related(
        "participant", "region", "programme", "intervention_referral__intervention", "goal"
    )


def access_funding(*, user: User, ref: str) -> SupportFunding:
    funding = visible_funding(user=user).filter(ref=ref).first()
    if funding is None:
        raise Http404
    return funding


# ---------------------------------------------------------------- budgets


def with_totals(budgets: QuerySet[Budget]) -> QuerySet[Budget]:
    """Annotate `committed`, `spent` and `remaining` from the commitments, in the query."""
    committed = Coalesce(
        Subquery(
            BudgetCommitment.objects.filter(budget=OuterRef("pk"))
            .values("budget")
            .annotate(total=Sum("committed"))
            .values("total")[:1],
            output_field=MONEY,
        ),
        Value(ZERO, output_field=MONEY),
    )
    spent = Coalesce(
        Subquery(
            BudgetCommitment.objects.filter(budget=OuterRef("pk"))
            .values("budget")
            .annotate(total=Sum("spent"))
            .values("total")[:1],
            output_field=MONEY,
        ),
        Value(ZERO, output_field=MONEY),
    )
    return budgets.annotate(committed_total=committed, spent_total=spent).annotate(
        remaining=F("allocated") - F("committed_total") - F("spent_total")
    )


def visible_budgets(*, user: User) -> QuerySet[Budget]:
    regions = finance_region_ids(user=user)
    budgets = Budget.objects.filter(region_id__in=regions).select_related(
        "funding_stream", "region", "region__parent", "programme"
    )
    return with_totals(budgets).order_by("-funding_stream__period_key", "region__name", "pk")


def access_budget(*, user: User, ref: str) -> Budget:
    budget = visible_budgets(user=user).filter(ref=ref).first()
    if budget is None:
        raise Http404
    return budget


def budget_totals(*, budget: Budget) -> dict[str, Decimal]:
    totals = BudgetCommitment.objects.filter(budget=budget).aggregate(
        committed=Sum("committed"), spent=Sum("spent")
    )
    committed = totals["committed"] or ZERO
    spent = totals["spent"] or ZERO
    return {
        "allocated": budget.allocated,
        "committed": committed,
        "spent": spent,
        "remaining": budget.allocated - committed - spent,
    }


def budget_commitments(*, budget: Budget) -> QuerySet[BudgetCommitment]:
    return budget.commitments.select_related(
        "loan__participant", "loan__plan", "incentive__participant", "funding__participant"
    ).order_by("-created_at", "-id")


def budgets_for(*, programme: Programme, region: Region, on: datetime.date) -> list[Budget]:
    """Budgets an approval in `region` may draw on: the programme's budgets for that region
    or a region above it, in a funding stream whose period contains `on`; closest first."""
    ancestors = []
    current: Region | None = region
    while current is not None:
        ancestors.append(current.pk)
        current = current.parent if current.parent_id else None
    candidates = Budget.objects.filter(programme=programme, region_id__in=ancestors).select_related(
        "funding_stream", "region"
    )
    fitting = []
    for budget in candidates:
        try:
            period = period_from_key(programme.calendar, budget.funding_stream.period_key)
        except PeriodError:
            continue
        if period.contains(on):
            fitting.append(budget)
    fitting.sort(key=lambda budget: ancestors.index(budget.region_id))
    return fitting


# ---------------------------------------------------------------- figures (aggregates only)


def incentive_figures(*, region: Region, period: Period) -> list[dict]:
    """Per incentive kind: distinct beneficiaries whose incentive started in the period, for
    jobs newly created, jobs stabilised and in total. Cancelled incentives do not count.
    One query."""
    JobStatus = InsuranceIncentive.JobStatus
    rows = (
        InsuranceIncentive.objects.filter(
            within_regions([region.pk], "region"),
            starts_on__gte=period.start,
            starts_on__lte=period.end,
        )
        .exclude(status=InsuranceIncentive.Status.CANCELLED)
        .values("kind")
        .annotate(
            created=Count("participant", filter=Q(job_status=JobStatus.CREATED), distinct=True),
            stabilised=Count(
                "participant", filter=Q(job_status=JobStatus.STABILISED), distinct=True
            ),
            total=Count("participant", distinct=True),
        )
    )
    found = {row["kind"]: row for row in rows}
    return [
        {
            "kind": kind,
            "label": str(label),
            "created": found.get(kind, {}).get("created", 0),
            "stabilised": found.get(kind, {}).get("stabilised", 0),
            "total": found.get(kind, {}).get("total", 0),
        }
        for kind, label in InsuranceIncentive.Kind.choices
    ]


def loan_figures(*, region: Region, period: Period) -> dict:
    """Loans finally approved in the period (count, amount), disbursed in it (count, amount)
    and in arrears at its last day — or today, for a period not over yet: instalments that
    fall due later are not overdue — (count, amount overdue). One query."""
    end = min(period.end, timezone.localdate())
    loans = Loan.objects.filter(within_regions([region.pk], "region"))
    loans = with_arrears(loans, on=end)
    approved = Q(status__in=APPROVED_STATUSES, decided_on__gte=period.start, decided_on__lte=end)
    disbursed = Q(disbursed_on__gte=period.start, disbursed_on__lte=end)
    # Out on the last day and not yet repaid or written off by then.
    outstanding = (
        Q(disbursed_on__lte=end)
        & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        & Q(arrears__gt=0)
    )
    totals = loans.aggregate(
        approved_count=Count("pk", filter=approved),
        approved_amount=Sum("amount", filter=approved),
        disbursed_count=Count("pk", filter=disbursed),
        disbursed_amount=Sum("disbursed_amount", filter=disbursed),
        arrears_count=Count("pk", filter=outstanding),
        arrears_amount=Sum("arrears", filter=outstanding),
    )
    return {
        "approved": {
            "count": totals["approved_count"],
            "amount": totals["approved_amount"] or ZERO,
        },
        "disbursed": {
            "count": totals["disbursed_count"],
            "amount": totals["disbursed_amount"] or ZERO,
        },
        "in_arrears": {
            "count": totals["arrears_count"],
            "amount": totals["arrears_amount"] or ZERO,
        },
    }
