"""Financial support: per-programme settings, job-creation loans to business plans with their
repayment schedules, insurance incentives for jobs created or stabilised, training-course and
childcare funding, and the budgets they are all committed against.

Money is `Decimal` in the programme's currency; IRR amounts are stored in rial (pages show
toman). Every loan, incentive and funding holds one `BudgetCommitment` once it is approved:
`committed` is money promised but not yet paid out, `spent` is money paid out.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.casework.models import Goal
from tandem.core.models import PublicRefModel, TimeStampedModel
from tandem.employment.models import Placement
from tandem.interventions.models import InterventionReferral
from tandem.organisations.models import Region
from tandem.participants.models import Participant
from tandem.programmes.models import Programme

User = settings.AUTH_USER_MODEL
ZERO = Decimal("0")


def money_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=2, **kwargs)


class FinanceSettings(TimeStampedModel):
    """Which instruments a programme offers and the limits of its loans."""

    programme = models.OneToOneField(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="finance_settings",
    )
    offers_loans = models.BooleanField(_("offers job-creation loans"), default=False)
    offers_insurance_incentives = models.BooleanField(
        _("offers insurance incentives"), default=False
    )
    offers_training_funding = models.BooleanField(
        _("offers training-course funding"), default=False
    )
    offers_childcare_funding = models.BooleanField(_("offers childcare funding"), default=False)
    loan_minimum = money_field(_("smallest loan"), default=ZERO)
    loan_maximum = money_field(_("largest loan"), default=ZERO)
    second_approval_above = money_field(
        _("a second approver is needed for loans above"),
        default=ZERO,
        help_text=_("Zero means every loan needs only one approver."),
    )
    default_repayment_months = models.PositiveSmallIntegerField(
        _("repayment period, by default (months)"), default=36
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("finance settings")
        verbose_name_plural = _("finance settings")

    def __str__(self) -> str:
        return str(self.programme)

    def needs_second_approval(self, amount: Decimal) -> bool:
        """Whether a loan of this amount needs a second approver (zero: never)."""
        return self.second_approval_above > 0 and amount > self.second_approval_above


class FundingStream(PublicRefModel):
    """A named pot of money of one programme for one period, e.g. "اعتبارات اشتغال ۱۴۰۴"."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="funding_streams",
    )
    name = models.CharField(_("name"), max_length=200)
    period_key = models.CharField(
        _("period"), max_length=10, help_text=_("A year (1404), a quarter (1404-Q2) or a month.")
    )
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("funding stream")
        verbose_name_plural = _("funding streams")
        ordering = ["-period_key", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"], name="funding_stream_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Budget(PublicRefModel):
    """Money allocated to one region from one funding stream. Committed, spent and remaining
    are computed from the commitments, never stored."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="budgets"
    )
    funding_stream = models.ForeignKey(
        FundingStream,
        verbose_name=_("funding stream"),
        on_delete=models.PROTECT,
        related_name="budgets",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="budgets"
    )
    allocated = money_field(_("allocated"))
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-funding_stream__period_key", "region__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["funding_stream", "region"], name="budget_unique_stream_region"
            ),
            models.CheckConstraint(
                condition=models.Q(allocated__gte=0), name="budget_allocated_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funding_stream} · {self.region}"


class BusinessPlan(PublicRefModel):
    """What a loan pays for: the business, its budget lines and the jobs it creates."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="business_plans",
    )
    title = models.CharField(_("business"), max_length=200)
    description = models.TextField(_("description of the business"))
    jobs_for_person = models.PositiveSmallIntegerField(
        _("jobs for the person themselves"), default=1
    )
    jobs_for_family = models.PositiveSmallIntegerField(_("jobs for family members"), default=0)
    jobs_for_others = models.PositiveSmallIntegerField(_("jobs for other people"), default=0)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("business plan")
        verbose_name_plural = _("business plans")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def jobs_total(self) -> int:
        return self.jobs_for_person + self.jobs_for_family + self.jobs_for_others


class BudgetLine(models.Model):
    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="lines")
    item = models.CharField(_("item"), max_length=200)
    amount = money_field(_("amount"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["plan", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="budget_line_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.item


class Loan(PublicRefModel):
    """A job-creation loan to a business plan, from application to repaid or written off."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Reviewed, awaiting approval")
        AWAITING_SECOND_APPROVAL = "awaiting_second", _("Awaiting a second approval")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        DISBURSED = "disbursed", _("Disbursed")
        REPAYING = "repaying", _("Repaying")
        REPAID = "repaid", _("Repaid")
        WRITTEN_OFF = "written_off", _("Written off")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="loans"
    )
    plan = models.ForeignKey(
        BusinessPlan,
        verbose_name=_("business plan"),
        on_delete=models.PROTECT,
        related_name="loans",
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="loans"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="loans",
        help_text=_("Where the business is: the county whose finance officers decide."),
    )
    amount = money_field(_("amount applied for"))
    repayment_months = models.PositiveSmallIntegerField(_("repayment period (months)"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    applicant = models.ForeignKey(
        User, verbose_name=_("applied by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewer = models.ForeignKey(
        User,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review"), blank=True)
    approver = models.ForeignKey(
        User,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    second_approver = models.ForeignKey(
        User,
        verbose_name=_("second approval by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    second_approved_at = models.DateTimeField(_("second approval"), null=True, blank=True)
    decided_on = models.DateField(
        _("decided on"),
        null=True,
        blank=True,
        help_text=_("The day the loan was finally approved or refused."),
    )
    refused_by = models.ForeignKey(
        User,
        verbose_name=_("refused by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    budget = models.ForeignKey(
        Budget,
        verbose_name=_("budget"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="loans",
    )
    disbursed_on = models.DateField(_("disbursed on"), null=True, blank=True)
    disbursed_amount = money_field(_("amount disbursed"), null=True, blank=True)
    first_due_on = models.DateField(_("first instalment due"), null=True, blank=True)
    closed_on = models.DateField(_("repaid or written off on"), null=True, blank=True)
    write_off_reason = models.TextField(_("reason for writing off"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["programme", "status"]),
            models.Index(fields=["region", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="loan_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} ({self.ref})"


class Instalment(models.Model):
    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="instalments")
    number = models.PositiveSmallIntegerField(_("instalment"))
    due_on = models.DateField(_("due"))
    amount = money_field(_("amount due"))

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["loan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "number"], name="instalment_unique_number"),
        ]
        indexes = [models.Index(fields=["loan", "due_on"])]

    def __str__(self) -> str:
        return f"{self.loan_id} #{self.number}"


class Payment(PublicRefModel):
    """A repayment. It pays the oldest instalments first; `instalment` is the first it paid."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="payments")
    instalment = models.ForeignKey(
        Instalment,
        verbose_name=_("instalment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payments",
    )
    paid_on = models.DateField(_("paid on"))
    amount = money_field(_("amount paid"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["loan", "paid_on", "id"]
        indexes = [models.Index(fields=["loan", "paid_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payment_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} on {self.paid_on}"


class InsuranceIncentive(PublicRefModel):
    """Paying part of the insurance of a job that was newly created or stabilised."""

    class Kind(models.TextChoices):
        EMPLOYER_SHARE = "employer_share", _("Employer-share insurance")
        SELF_EMPLOYMENT = "self_employment", _("Self-employment insurance")
        EFFICIENCY = "efficiency", _("Efficiency-improvement subsidy")

    class JobStatus(models.TextChoices):
        CREATED = "created", _("Newly created job")
        STABILISED = "stabilised", _("Stabilised job")

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")
        CANCELLED = "cancelled", _("Cancelled")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="insurance_incentives",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    job_status = models.CharField(_("the job is"), max_length=12, choices=JobStatus.choices)
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("beneficiary"),
        on_delete=models.CASCADE,
        related_name="insurance_incentives",
    )
    placement = models.ForeignKey(
        Placement,
        verbose_name=_("job or self-employment supported"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="insurance_incentives",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("county"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("first month"))
    months = models.PositiveSmallIntegerField(_("number of months"))
    monthly_amount = money_field(_("monthly amount"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.APPROVED
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    budget = models.ForeignKey(
        Budget,
        verbose_name=_("budget"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incentives",
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("insurance incentive")
        verbose_name_plural = _("insurance incentives")
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["programme", "starts_on"]),
            models.Index(fields=["region", "starts_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(monthly_amount__gt=0), name="incentive_amount_positive"
            ),
            models.CheckConstraint(condition=models.Q(months__gt=0), name="incentive_months"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.participant}"

    @property
    def total(self) -> Decimal:
        return self.monthly_amount * self.months


class SupportFunding(PublicRefModel):
    """Paying for a training course or for childcare (Connect to Work)."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training course")
        CHILDCARE = "childcare", _("Childcare")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="support_funding",
    )
    intervention_referral = models.ForeignKey(
        InterventionReferral,
        verbose_name=_("referral to an intervention"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("plan goal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    amount = money_field(_("amount"))
    payee = models.CharField(_("provider or payee"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    note = models.TextField(_("note"), blank=True)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    budget = models.ForeignKey(
        Budget,
        verbose_name=_("budget"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_funding",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("training or childcare funding")
        verbose_name_plural = _("training and childcare funding")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="support_funding_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(intervention_referral__isnull=False)
                | models.Q(goal__isnull=False),
                name="support_funding_pays_for_something",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="support_funding_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.payee}"


class BudgetCommitment(TimeStampedModel):
    """What one loan, incentive or funding holds of a budget: committed (promised, not yet
    paid out) and spent (paid out)."""

    budget = models.ForeignKey(
        Budget, verbose_name=_("budget"), on_delete=models.PROTECT, related_name="commitments"
    )
    loan = models.OneToOneField(
        Loan, on_delete=models.CASCADE, null=True, blank=True, related_name="commitment"
    )
    incentive = models.OneToOneField(
        InsuranceIncentive,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commitment",
    )
    funding = models.OneToOneField(
        SupportFunding,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commitment",
    )
    committed = money_field(_("committed"), default=ZERO)
    spent = money_field(_("spent"), default=ZERO)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("budget commitment")
        verbose_name_plural = _("budget commitments")
        ordering = ["budget", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(loan__isnull=False, incentive__isnull=True, funding__isnull=True)
                    | models.Q(loan__isnull=True, incentive__isnull=False, funding__isnull=True)
                    | models.Q(loan__isnull=True, incentive__isnull=True, funding__isnull=False)
                ),
                name="commitment_for_exactly_one",
            ),
            models.CheckConstraint(
                condition=models.Q(committed__gte=0, spent__gte=0),
                name="commitment_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.budget}: {self.committed} + {self.spent}"

    @property
    def source(self):
        return self.loan or self.incentive or self.funding
