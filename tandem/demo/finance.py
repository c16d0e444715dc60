"""The finance part of the demo, at the order of magnitude of the Behzisti seed.

Khorasan Razavi: finance settings for the supported-employment programme (loans of 1 to 50
million toman, two approvers above 20 million toman), an employment-credits funding stream for
this Persian year and last with a budget in each of the ten counties, last year's insurance
incentives matching the seed's figures (stabilised: 330 self-employment, 907 employer-share,
287 efficiency subsidy; newly created: 74, 120, 16) and some this year, and about 150 loans in
every state — some in arrears, some waiting for a second approval by finance.khorasan, some
waiting for review. Connect to Work: a few training and childcare fundings, linked to existing
referrals to interventions when there are any.

Volume goes in with `bulk_create_with_history`, so every record has a first history row.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import jdatetime
from django.contrib.auth.hashers import make_password
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from tandem.core.access import Role
from tandem.core.formatting import to_persian_digits
from tandem.core.periods import GREGORIAN, SOLAR_HIJRI, Period, year_of
from tandem.demo import structure as s
from tandem.finance.models import (
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
from tandem.finance.services import add_months, instalment_amounts
from tandem.interventions.models import InterventionReferral
from tandem.organisations.models import Membership, Organisation, Region, User
from tandem.participants.models import Participant
from tandem.programmes.models import Programme

ZERO = Decimal("0")
MILLION = Decimal("1000000")
STREAM_NAME = "اعتبارات اشتغال {year}"
CTW_STREAM_NAME = "Connect to Work in-work support fund {year}"
OFFICER = "finance.khorasan"
# Two more finance officers of the province office, in the story only (nobody signs in as
# them): one reviews, one approves, so that finance.khorasan has first and second approvals
# waiting and nobody ever approves their own review.
SECOND_OFFICER = ("mehdi.ahmadi", "مهدی احمدی")
REVIEWER = ("sara.nazari", "سارا نظری")

# The seed's figures for last year: (kind, job status) → beneficiaries.
LAST_YEAR_INCENTIVES = {
    (InsuranceIncentive.Kind.SELF_EMPLOYMENT, InsuranceIncentive.JobStatus.STABILISED): 330,
    (InsuranceIncentive.Kind.EMPLOYER_SHARE, InsuranceIncentive.JobStatus.STABILISED): 907,
    (InsuranceIncentive.Kind.EFFICIENCY, InsuranceIncentive.JobStatus.STABILISED): 287,
    (InsuranceIncentive.Kind.SELF_EMPLOYMENT, InsuranceIncentive.JobStatus.CREATED): 74,
    (InsuranceIncentive.Kind.EMPLOYER_SHARE, InsuranceIncentive.JobStatus.CREATED): 120,
    (InsuranceIncentive.Kind.EFFICIENCY, InsuranceIncentive.JobStatus.CREATED): 16,
}
# Monthly amounts in rial, and the months each kind runs.
MONTHLY = {
    InsuranceIncentive.Kind.EMPLOYER_SHARE: (6_000_000, 12_000_000),
    InsuranceIncentive.Kind.SELF_EMPLOYMENT: (4_000_000, 9_000_000),
    InsuranceIncentive.Kind.EFFICIENCY: (15_000_000, 30_000_000),
}
MONTHS = {
    InsuranceIncentive.Kind.EMPLOYER_SHARE: 12,
    InsuranceIncentive.Kind.SELF_EMPLOYMENT: 12,
    InsuranceIncentive.Kind.EFFICIENCY: 6,
}
# Mashhad holds about half the province's people.
COUNTY_WEIGHTS = (10, 2, 1.6, 1.2, 0.8, 0.8, 1, 0.6, 0.5, 0.5)

GIVEN_FEMALE = (
    "مریم", "فاطمه", "زهرا", "معصومه", "سمیه", "لیلا", "نرگس", "الهام", "مهسا", "سارا",
    "زینب", "طاهره", "اعظم", "کبری", "رقیه", "سکینه", "فرشته", "منیژه", "شهناز", "پروین",
    "نسرین", "مهناز", "آزاده", "شیرین", "ریحانه", "حدیث", "نازنین", "فریبا", "راضیه", "مرضیه",
)  # fmt: skip
GIVEN_MALE = (
    "محمد", "علی", "حسین", "رضا", "مهدی", "حسن", "جواد", "مجید", "سعید", "احمد",
    "امیر", "محسن", "حمید", "مصطفی", "ابوالفضل", "یوسف", "اکبر", "قاسم", "غلامرضا", "محمود",
    "اصغر", "هادی", "وحید", "ناصر", "کاظم", "مرتضی", "عباس", "یاسر", "جعفر", "صادق",
)  # fmt: skip
FAMILY = (
    "حسینی", "محمدی", "رضایی", "احمدی", "کریمی", "موسوی", "جعفری", "صادقی", "قاسمی", "عباسی",
    "نوروزی", "باقری", "حیدری", "کاظمی", "شریفی", "طوسی", "مشهدی", "نیشابوری", "سبزواری",
    "رحیمی", "اکبری", "یزدانی", "خراسانی", "فرهادی", "نظری", "سلطانی", "امینی", "زارعی",
    "ملکی", "هاشمی", "دهقان", "رستمی", "قربانی", "کرمانی", "توکلی", "اسدی", "فاضلی", "شاکری",
    "بیرجندی", "قوچانی", "کاشمری", "جامی", "گنابادی", "فریمانی", "چنارانی", "زمانی",
)  # fmt: skip
TRADES = (
    ("کارگاه خیاطی", ("چرخ خیاطی صنعتی", "پارچه و لوازم", "میز برش")),
    ("کارگاه فرش‌بافی", ("دار قالی", "نخ و پشم", "نقشه")),
    ("نانوایی سنتی", ("تنور", "آرد و مواد اولیه", "اجاره محل")),
    ("کارگاه صنایع دستی", ("ابزار", "مواد اولیه", "ویترین فروش")),
    ("پرورش قارچ", ("سوله و قفسه", "کمپوست", "دستگاه رطوبت‌ساز")),
    ("بسته‌بندی زعفران", ("دستگاه بسته‌بندی", "ترازوی دقیق", "بسته‌ها")),
    ("تعمیرگاه موبایل", ("ابزار تعمیر", "قطعات یدکی", "اجاره مغازه")),
    ("کارگاه نجاری", ("اره و رنده", "چوب", "ابزار برقی")),
    ("پرورش زنبور عسل", ("کندو", "زنبور", "لباس و ابزار")),
    ("گلخانه کوچک", ("سازه گلخانه", "بذر و نشا", "سیستم آبیاری")),
    ("کارگاه چرم‌دوزی", ("چرخ چرم‌دوزی", "چرم", "یراق‌آلات")),
    ("سوپرمارکت محله", ("قفسه و یخچال", "کالای اولیه", "صندوق فروش")),
)
PLAN_TEXT = (
    "راه‌اندازی {trade} در {county} با استفاده از مهارت‌هایی که مددجو در مرکز آموخته است. "
    "فروش در بازار محلی و از طریق نمایشگاه‌های بهزیستی."
)


def finance_loaded() -> bool:
    return FundingStream.objects.filter(
        programme__name=s.IR_PROGRAMME, name__startswith="اعتبارات اشتغال"
    ).exists()


def counts() -> dict[str, int]:
    return {
        "finance budgets": Budget.objects.count(),
        "insurance incentives": InsuranceIncentive.objects.count(),
        "loans": Loan.objects.count(),
        "loans in arrears": _arrears_count(),
        "training and childcare funding": SupportFunding.objects.count(),
    }


def _arrears_count() -> int:
    from django.utils import timezone

    from tandem.finance.selectors import OUTSTANDING_STATUSES, with_arrears

    loans = Loan.objects.filter(status__in=OUTSTANDING_STATUSES)
    return with_arrears(loans, on=timezone.localdate()).filter(arrears__gt=0).count()


def build(world: s.World, actor: User, rng: random.Random, today: datetime.date) -> dict[str, int]:
    """Settings, budgets, incentives, loans and funding; nothing if already there."""
    if finance_loaded():
        return counts()
    _Builder(world, actor, rng, today).run()
    return counts()


def _staff_user(username: str, full_name: str, organisation: Organisation, role: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, full_name=full_name, language="fa")
        user.email = f"{username}@example.org"
        # In the story only: nobody signs in as them. Organisations has no service for staff;
        # this is demo set-up like tandem.demo.structure's logins.
        user.password = make_password(None)
        user.save()
    Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role, defaults={"is_active": True}
    )
    return user


class _Builder:
    def __init__(self, world: s.World, actor: User, rng: random.Random, today: datetime.date):
        self.world, self.actor, self.rng, self.today = world, actor, rng, today
        self.programme = world.programmes.get("mashhad") or Programme.objects.get(
            name=s.IR_PROGRAMME
        )
        self.office = world.organisations.get(s.IR_PROVINCE_OFFICE) or Organisation.objects.get(
            name=s.IR_PROVINCE_OFFICE
        )
        self.counties = [
            world.regions.get(name) or Region.objects.get(name=name, parent__name="خراسان رضوی")
            for name in s.IR_COUNTIES
        ]
        self.this_year = year_of(SOLAR_HIJRI, today)
        self.last_year = self.this_year.previous()
        self.budgets: dict[tuple[int, int], Budget] = {}  # (year, county id) → budget
        self.used: dict[int, Decimal] = {}  # budget id → committed + spent
        self.commitments: list[BudgetCommitment] = []

    # ------------------------------------------------------------ helpers

    def name(self) -> str:
        given = self.rng.choice(GIVEN_FEMALE if self.rng.random() < 0.45 else GIVEN_MALE)
        return f"{given} {self.rng.choice(FAMILY)}"

    def county(self) -> Region:
        return self.rng.choices(self.counties, weights=COUNTY_WEIGHTS)[0]

    def day_in(self, period: Period, until: datetime.date | None = None) -> datetime.date:
        end = min(period.end, until or period.end)
        return period.start + datetime.timedelta(
            days=self.rng.randrange((end - period.start).days + 1)
        )

    def budget_for(self, county: Region, day: datetime.date) -> Budget:
        year = year_of(SOLAR_HIJRI, day).year
        return self.budgets[(year, county.pk)]

    def commit(self, budget_id: int, committed: Decimal, spent: Decimal, **source) -> None:
        # By id: reading `record.budget` would cost a query per record.
        self.commitments.append(
            BudgetCommitment(budget_id=budget_id, committed=committed, spent=spent, **source)
        )
        self.used[budget_id] = self.used.get(budget_id, ZERO) + committed + spent

    # ------------------------------------------------------------ steps

    def run(self) -> None:
        self.settings()
        self.officer = User.objects.get(username=OFFICER)
        self.second = _staff_user(*SECOND_OFFICER, self.office, Role.FINANCE_OFFICER)
        self.reviewer = _staff_user(*REVIEWER, self.office, Role.FINANCE_OFFICER)
        self.make_budgets()
        self.incentives()
        self.loans()
        bulk_create_with_history(self.commitments, BudgetCommitment, default_user=self.actor)
        self.fit_allocations()
        self.connect_to_work()

    def settings(self) -> None:
        FinanceSettings.objects.update_or_create(
            programme=self.programme,
            defaults={
                "offers_loans": True,
                "offers_insurance_incentives": True,
                "loan_minimum": Decimal("10000000"),
                "loan_maximum": Decimal("500000000"),
                "second_approval_above": Decimal("200000000"),
                "default_repayment_months": 36,
            },
        )
        ctw = Programme.objects.filter(name=s.CONNECT_TO_WORK).first()
        if ctw is not None:
            FinanceSettings.objects.update_or_create(
                programme=ctw,
                defaults={"offers_training_funding": True, "offers_childcare_funding": True},
            )

    def make_budgets(self) -> None:
        streams = []
        for period in (self.last_year, self.this_year):
            streams.append(
                FundingStream(
                    programme=self.programme,
                    name=STREAM_NAME.format(year=to_persian_digits(period.key)),
                    period_key=period.key,
                    description="اعتبارات اشتغال و بیمه مددجویان بهزیستی خراسان رضوی",
                )
            )
        bulk_create_with_history(streams, FundingStream, default_user=self.actor)
        streams = list(
            FundingStream.objects.filter(programme=self.programme).order_by("period_key")
        )
        budgets = [
            Budget(
                programme=self.programme,
                funding_stream=stream,
                region=county,
                # Provisional: raised to fit what is committed, with room left (fit_allocations).
                allocated=ZERO,
            )
            for stream in streams
            for county in self.counties
        ]
        bulk_create_with_history(budgets, Budget, default_user=self.actor)
        for budget in Budget.objects.filter(programme=self.programme).select_related(
            "funding_stream"
        ):
            self.budgets[(int(budget.funding_stream.period_key), budget.region_id)] = budget

    def fit_allocations(self) -> None:
        # Each county's allocation is what it committed and spent plus 20–45% still free,
        # rounded up to a billion rial (100 million toman).
        billion = Decimal("1000000000")
        changed = []
        for budget in self.budgets.values():
            used = self.used.get(budget.pk, ZERO)
            room = Decimal(str(self.rng.uniform(1.2, 1.45)))
            target = max(used * room, 5 * billion)
            budget.allocated = (target / billion).to_integral_value(
                rounding="ROUND_CEILING"
            ) * billion
            changed.append(budget)
        # Volume, not a state change: the demo sets allocations in bulk, not through
        # the budget services (which would lock and check each row).
        Budget.objects.bulk_update(changed, ["allocated"])

    def people(self, count: int) -> list[Participant]:
        made = [
            Participant(owning_organisation=self.office, full_name=self.name())
            for _ in range(count)
        ]
        bulk_create_with_history(made, Participant, default_user=self.actor)
        refs = [person.ref for person in made]
        return list(Participant.objects.filter(ref__in=refs).order_by("pk"))

    def incentives(self) -> None:
        plan = []  # (kind, job status, period)
        for (kind, job), number in LAST_YEAR_INCENTIVES.items():
            plan += [(kind, job, self.last_year)] * number
        # This year so far: the same mix, in proportion to the part of the year gone by.
        gone = (self.today - self.this_year.start).days / 365
        for (kind, job), number in LAST_YEAR_INCENTIVES.items():
            plan += [(kind, job, self.this_year)] * max(1, round(number * gone * 0.9))
        people = self.people(len(plan))
        rows = []
        for person, (kind, job, period) in zip(people, plan, strict=True):
            county = self.county()
            # Incentives run from the first day of a Persian month.
            local = jdatetime.date.fromgregorian(date=self.day_in(period, until=self.today))
            starts_on = max(local.replace(day=1).togregorian(), period.start)
            low, high = MONTHLY[kind]
            monthly = Decimal(self.rng.randrange(low, high + 1, 500_000))
            months = MONTHS[kind]
            ends = add_months(starts_on, months)
            status = (
                InsuranceIncentive.Status.ENDED
                if ends <= self.today
                else InsuranceIncentive.Status.ACTIVE
            )
            rows.append(
                InsuranceIncentive(
                    programme=self.programme,
                    kind=kind,
                    job_status=job,
                    participant=person,
                    region=county,
                    starts_on=starts_on,
                    months=months,
                    monthly_amount=monthly,
                    status=status,
                    ended_on=ends if status == InsuranceIncentive.Status.ENDED else None,
                    budget=self.budget_for(county, starts_on),
                    created_by=self.officer,
                )
            )
        bulk_create_with_history(rows, InsuranceIncentive, default_user=self.officer)
        for incentive in InsuranceIncentive.objects.filter(programme=self.programme):
            total = incentive.monthly_amount * incentive.months
            if incentive.status == InsuranceIncentive.Status.ENDED:
                spent = total
            else:
                elapsed = (self.today.year - incentive.starts_on.year) * 12 + (
                    self.today.month - incentive.starts_on.month
                )
                spent = incentive.monthly_amount * max(0, min(incentive.months, elapsed))
            self.commit(incentive.budget_id, total - spent, spent, incentive=incentive)

    # ------------------------------------------------------------ loans

    def loan_people(self, count: int) -> list[tuple[Participant, User]]:
        """People of the supported-employment and job-support centres, with a specialist of
        theirs as the applicant; lightweight people if the demo has none yet."""
        names = [s.IR_SE_CENTRE, *s.IR_JOB_SUPPORT_CENTRES]
        specialists: dict[int, User] = {}
        for membership in Membership.objects.filter(
            organisation__name__in=names, role=Role.SPECIALIST, is_active=True
        ).select_related("user"):
            specialists.setdefault(membership.organisation_id, membership.user)
        people = list(
            Participant.objects.filter(owning_organisation_id__in=specialists).order_by("pk")
        )
        if not people:
            centre = Organisation.objects.get(name=s.IR_SE_CENTRE)
            if centre.pk not in specialists:
                return []
            made = [
                Participant(owning_organisation=centre, full_name=self.name())
                for _ in range(count // 2)
            ]
            bulk_create_with_history(made, Participant, default_user=self.actor)
            people = list(Participant.objects.filter(ref__in=[p.ref for p in made]).order_by("pk"))
        self.rng.shuffle(people)
        return [
            (
                people[index % len(people)],
                specialists[people[index % len(people)].owning_organisation_id],
            )
            for index in range(count)
        ]

    def loans(self) -> None:
        S = Loan.Status
        states = (
            [S.DRAFT] * 5
            + [S.SUBMITTED] * 14
            + [S.UNDER_REVIEW] * 10
            + [S.AWAITING_SECOND_APPROVAL] * 8
            + [S.APPROVED] * 10
            + [S.REFUSED] * 10
            + [S.DISBURSED] * 12
            + [S.REPAYING] * 56
            + [S.REPAID] * 15
            + [S.WRITTEN_OFF] * 5
        )
        pairs = self.loan_people(len(states))
        if not pairs:
            return
        plans, loans = [], []
        for (person, specialist), status in zip(pairs, states, strict=True):
            county = self.county()
            trade, items = self.rng.choice(TRADES)
            amount = self.amount(status)
            plan = BusinessPlan(
                participant=person,
                title=f"{trade} {person.full_name.split()[-1]}",
                description=PLAN_TEXT.format(trade=trade, county=county.name),
                jobs_for_person=1,
                jobs_for_family=self.rng.choice((0, 0, 1, 1, 2)),
                jobs_for_others=self.rng.choice((0, 0, 0, 1, 2, 3)),
                created_by=specialist,
            )
            plans.append(plan)
            loans.append((plan, self.loan(person, specialist, county, amount, status), items))
        bulk_create_with_history(plans, BusinessPlan, default_user=self.actor)
        lines = []
        for plan, loan, items in loans:
            loan.plan = plan
            shares = [Decimal("0.5"), Decimal("0.3")]
            amounts = [(loan.amount * share).quantize(MILLION) for share in shares]
            amounts.append(loan.amount - sum(amounts))
            lines += [
                BudgetLine(plan=plan, item=item, amount=part, position=position)
                for position, (item, part) in enumerate(zip(items, amounts, strict=True))
            ]
        BudgetLine.objects.bulk_create(lines)
        bulk_create_with_history([loan for _p, loan, _i in loans], Loan, default_user=self.actor)
        saved = list(
            Loan.objects.filter(programme=self.programme).select_related("region").order_by("pk")
        )
        self.schedules(saved)

    def amount(self, status: str) -> Decimal:
        if status == Loan.Status.AWAITING_SECOND_APPROVAL or self.rng.random() < 0.15:
            millions = self.rng.randrange(210, 501, 10)
        else:
            millions = self.rng.choice((10, 20, 30, 50, 80, 100, 120, 150, 180, 200))
        return Decimal(millions) * MILLION

    def loan(self, person, specialist, county, amount, status) -> Loan:
        S = Loan.Status
        today = self.today
        # When it was asked for: older for loans further along, all within last year or this.
        age = {
            S.DRAFT: (1, 20),
            S.SUBMITTED: (1, 25),
            S.UNDER_REVIEW: (5, 40),
            S.AWAITING_SECOND_APPROVAL: (8, 45),
            S.APPROVED: (15, 60),
            S.REFUSED: (20, 300),
            S.DISBURSED: (25, 40),
            S.REPAYING: (120, 600),
            S.REPAID: (430, 640),
            S.WRITTEN_OFF: (300, 640),
        }[status]
        latest_age = (today - self.last_year.start).days - 10
        applied = today - datetime.timedelta(days=min(self.rng.randint(*age), latest_age))
        loan = Loan(
            programme=self.programme,
            participant=person,
            region=county,
            amount=amount,
            repayment_months=self.rng.choice((12, 24, 36)) if status != S.REPAID else 12,
            status=status,
            applicant=specialist,
        )
        moment = datetime.datetime.combine(applied, datetime.time(9, 30), tzinfo=datetime.UTC)
        if status == S.DRAFT:
            return loan
        loan.submitted_at = moment
        if status == S.SUBMITTED:
            return loan
        reviewed = min(applied + datetime.timedelta(days=self.rng.randint(2, 6)), today)
        loan.reviewer = self.reviewer
        loan.reviewed_at = moment + (reviewed - applied)
        loan.review_note = "طرح توجیهی کامل است و بازار محلی دارد."
        if status == S.UNDER_REVIEW:
            return loan
        if status == S.REFUSED:
            loan.refused_by = self.rng.choice((self.officer, self.second))
            loan.refusal_reason = self.rng.choice(
                (
                    "طرح توجیهی برای این مبلغ کافی نیست.",
                    "مددجو وام فعال دیگری دارد.",
                    "محل کسب‌وکار مشخص نیست.",
                )
            )
            loan.decided_on = reviewed + datetime.timedelta(days=3)
            return loan
        approved = min(reviewed + datetime.timedelta(days=self.rng.randint(1, 5)), today)
        loan.approver = self.second
        loan.approved_at = moment + (approved - applied)
        budget = self.budget_for(county, approved)
        loan.budget = budget
        if status == S.AWAITING_SECOND_APPROVAL:
            return loan
        if amount > Decimal("200000000"):
            approved = min(approved + datetime.timedelta(days=self.rng.randint(1, 4)), today)
            loan.second_approver = self.officer
            loan.second_approved_at = moment + (approved - applied)
        loan.decided_on = approved
        if status == S.APPROVED:
            return loan
        disbursed = min(approved + datetime.timedelta(days=self.rng.randint(7, 25)), today)
        loan.disbursed_on = disbursed
        loan.disbursed_amount = amount
        loan.first_due_on = add_months(disbursed, 1)
        return loan

    def schedules(self, loans: list[Loan]) -> None:
        S = Loan.Status
        instalments, payments, closed = [], [], []
        for loan in loans:
            if loan.disbursed_on is None:
                continue
            parts = instalment_amounts(loan.disbursed_amount, loan.repayment_months)
            rows = [
                Instalment(
                    loan=loan,
                    number=number,
                    due_on=add_months(loan.first_due_on, number - 1),
                    amount=part,
                )
                for number, part in enumerate(parts, start=1)
            ]
            instalments += rows
            due = [row for row in rows if row.due_on <= self.today]
            if loan.status == S.REPAID:
                paying = rows
            elif loan.status == S.WRITTEN_OFF:
                paying = due[: max(0, len(due) - self.rng.randint(4, 8))]
            elif loan.status == S.DISBURSED:
                paying = []  # just paid out: nothing repaid yet
            elif loan.status == S.REPAYING and self.rng.random() < 0.22:
                paying = due[: max(0, len(due) - self.rng.randint(1, 4))]  # in arrears
            else:
                paying = due
            last_paid = None
            for row in paying:
                paid_on = min(
                    row.due_on + datetime.timedelta(days=self.rng.randint(-3, 6)), self.today
                )
                paid_on = max(paid_on, loan.disbursed_on)
                payments.append(
                    Payment(
                        loan=loan,
                        paid_on=paid_on,
                        amount=row.amount,
                        recorded_by=self.rng.choice((self.officer, self.second)),
                    )
                )
                last_paid = paid_on
            if loan.status == S.REPAID:
                loan.closed_on = last_paid
                closed.append(loan)
            elif loan.status == S.WRITTEN_OFF:
                loan.closed_on = min(
                    (due[-1].due_on if due else loan.disbursed_on) + datetime.timedelta(days=60),
                    self.today,
                )
                loan.write_off_reason = "کسب‌وکار تعطیل شده و مددجو توان بازپرداخت ندارد."
                closed.append(loan)
            elif loan.status == S.REPAYING and not paying:
                loan.status = S.DISBURSED
                closed.append(loan)
        # Volume: schedules, payments and closings go in bulk rather than through
        # loan_disburse / loan_payment_record one at a time, to load in seconds.
        Instalment.objects.bulk_create(instalments, batch_size=500)
        bulk_create_with_history(payments, Payment, default_user=self.officer, batch_size=500)
        Loan.objects.bulk_update(closed, ["closed_on", "write_off_reason", "status"])
        # Payments point at the first instalment they paid: the one due the same month.
        by_loan: dict[int, list[Instalment]] = {}
        for row in Instalment.objects.filter(loan__in=loans).order_by("loan_id", "number"):
            by_loan.setdefault(row.loan_id, []).append(row)
        linked, seen = [], {}
        for payment in Payment.objects.filter(loan__in=loans).order_by("loan_id", "paid_on", "pk"):
            rows = by_loan.get(payment.loan_id, [])
            index = seen.get(payment.loan_id, 0)
            seen[payment.loan_id] = index + 1
            if index < len(rows):
                payment.instalment = rows[index]
                linked.append(payment)
        Payment.objects.bulk_update(linked, ["instalment"], batch_size=500)
        for loan in loans:
            if loan.status in (S.AWAITING_SECOND_APPROVAL, S.APPROVED):
                self.commit(loan.budget_id, loan.amount, ZERO, loan=loan)
            elif loan.disbursed_on is not None:
                self.commit(loan.budget_id, ZERO, loan.disbursed_amount, loan=loan)

    # ------------------------------------------------------------ Connect to Work

    def connect_to_work(self) -> None:
        ctw = Programme.objects.filter(name=s.CONNECT_TO_WORK).first()
        if ctw is None:
            return
        delivered = list(ctw.delivered_by.values_list("pk", flat=True))
        referrals = list(
            InterventionReferral.objects.filter(participant__owning_organisation_id__in=delivered)
            .filter(
                Q(intervention__kind__in=("childcare_support", "accredited_training"))
                | Q(intervention__kind__in=("computer_skills", "vocational_training"))
            )
            .select_related("participant__owning_organisation", "intervention")
            .order_by("pk")[:8]
        )
        if not referrals:
            return
        year = year_of(GREGORIAN, self.today)
        stream = FundingStream(
            programme=ctw,
            name=CTW_STREAM_NAME.format(year=year.key),
            period_key=year.key,
            description="Courses and childcare that help people start or stay in work.",
        )
        bulk_create_with_history([stream], FundingStream, default_user=self.actor)
        stream = FundingStream.objects.get(programme=ctw, name=stream.name)
        regions = {referral.participant.owning_organisation.region_id for referral in referrals}
        budgets = [
            Budget(
                programme=ctw,
                funding_stream=stream,
                region_id=region_id,
                allocated=Decimal("25000"),
            )
            for region_id in sorted(regions)
        ]
        bulk_create_with_history(budgets, Budget, default_user=self.actor)
        budget_by_region = {
            budget.region_id: budget for budget in Budget.objects.filter(funding_stream=stream)
        }
        rows = []
        for index, referral in enumerate(referrals):
            childcare = referral.intervention.kind == "childcare_support"
            starts_on = max(referral.requested_on, year.start)
            status = (
                SupportFunding.Status.REQUESTED
                if index % 3 == 0
                else SupportFunding.Status.APPROVED
            )
            region_id = referral.participant.owning_organisation.region_id
            rows.append(
                SupportFunding(
                    programme=ctw,
                    kind=SupportFunding.Kind.CHILDCARE
                    if childcare
                    else SupportFunding.Kind.TRAINING,
                    participant=referral.participant,
                    intervention_referral=referral,
                    region_id=region_id,
                    amount=Decimal("640")
                    if childcare
                    else Decimal(self.rng.choice((350, 495, 780))),
                    payee=str(referral.intervention.provider),
                    starts_on=starts_on,
                    ends_on=starts_on + datetime.timedelta(days=56),
                    status=status,
                    requested_by=referral.requested_by,
                    decided_by=self.actor if status == SupportFunding.Status.APPROVED else None,
                    decided_on=starts_on if status == SupportFunding.Status.APPROVED else None,
                    budget=budget_by_region[region_id]
                    if status == SupportFunding.Status.APPROVED
                    else None,
                )
            )
        bulk_create_with_history(rows, SupportFunding, default_user=self.actor)
        commitments = [
            BudgetCommitment(budget=funding.budget, committed=funding.amount, funding=funding)
            for funding in SupportFunding.objects.filter(
                programme=ctw, status=SupportFunding.Status.APPROVED
            ).select_related("budget")
        ]
        bulk_create_with_history(commitments, BudgetCommitment, default_user=self.actor)
