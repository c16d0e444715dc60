"""Demo job-support centres in Khorasan Razavi, at the seed's order of magnitude.

Sixteen licensed centres (the three demo organisations and thirteen more across the counties),
licences in every state the officers meet (most in force, one expiring within 60 days, one
suspended, one application under review), cohorts over the last two Persian years with about
3,200 entrants of whom about 62% exit successfully, and the year of follow-up after each
placement, some of it overdue. No centre ever has more people in training than its capacity.

Volume goes in with `bulk_create`; the marker is the centre of the first demo organisation.
"""

from __future__ import annotations

import datetime
import random

from django.db.models import Model

from tandem.centres import services
from tandem.centres.models import Centre, Cohort, FollowUp, Licence, Trainee
from tandem.core.formatting import to_persian_digits
from tandem.core.periods import SOLAR_HIJRI, year_of
from tandem.demo import structure
from tandem.organisations.models import Organisation, Site, User
from tandem.participants.models import Participant

D = datetime.timedelta

# (name, county): thirteen centres beyond the three the demo structure already has.
NEW_CENTRES = (
    ("مرکز حمایت شغلی نوید نیشابور", "نیشابور"),
    ("مرکز حمایت شغلی بهار سبزوار", "سبزوار"),
    ("مرکز حمایت شغلی سپیده تربت حیدریه", "تربت حیدریه"),
    ("مرکز حمایت شغلی روشنا قوچان", "قوچان"),
    ("مرکز حمایت شغلی پویا کاشمر", "کاشمر"),
    ("مرکز حمایت شغلی مهرگان تربت جام", "تربت جام"),
    ("مرکز حمایت شغلی آفتاب گناباد", "گناباد"),
    ("مرکز حمایت شغلی کوثر چناران", "چناران"),
    ("مرکز حمایت شغلی ستاره فریمان", "فریمان"),
    ("مرکز حمایت شغلی شکوفه مشهد", "مشهد"),
    ("مرکز حمایت شغلی نیکان نیشابور", "نیشابور"),
    ("مرکز حمایت شغلی رهپویان سبزوار", "سبزوار"),
    ("مرکز حمایت شغلی امید فردا قوچان", "قوچان"),
)

TRADES = (
    "خیاطی",
    "قالی‌بافی",
    "رایانه و تایپ",
    "آشپزی و شیرینی‌پزی",
    "تعمیر تلفن همراه",
    "صنایع دستی",
    "آرایشگری",
    "برق ساختمان",
    "نجاری",
    "گل‌سازی",
)

GIVEN_FEMALE = (
    "فاطمه", "زهرا", "مریم", "معصومه", "سمیه", "نرگس", "الهام", "فرشته", "لیلا", "مهسا",
    "سارا", "نازنین", "سکینه", "طاهره", "اعظم", "راضیه", "منیژه", "شیرین", "پریسا", "هانیه",
)  # fmt: skip
GIVEN_MALE = (
    "محمد", "علی", "حسین", "رضا", "مهدی", "حسن", "امیر", "سعید", "مجید", "جواد",
    "مصطفی", "هادی", "یوسف", "ابراهیم", "احمد", "محسن", "وحید", "کاظم", "عباس", "قاسم",
)  # fmt: skip
FAMILY = (
    "محمدی", "حسینی", "رضایی", "احمدی", "کریمی", "موسوی", "جعفری", "قاسمی", "رحیمی", "نوری",
    "عباسی", "صادقی", "فرهادی", "یزدانی", "طاهری", "مشهدی", "نیشابوری", "سبزواری", "خراسانی",
    "رضوی", "کاظمی", "اکبری", "حیدری", "شریفی", "توکلی", "باقری", "زارعی", "یوسفی", "ملکی",
    "قربانی",
)  # fmt: skip

STREETS = ("امام رضا", "طبرسی", "فردوسی", "خیام", "بهار")

JOBS = (
    "خیاط در کارگاه پوشاک",
    "اپراتور رایانه در دفتر خدمات",
    "کمک آشپز در رستوران",
    "تعمیرکار در مغازه موبایل",
    "کارگر فنی در کارخانه",
    "فروشنده در فروشگاه",
    "قالی‌باف در کارگاه فرش",
)
BUSINESSES = (
    "کارگاه خیاطی خانگی",
    "فروش صنایع دستی",
    "شیرینی‌پزی خانگی",
    "تعمیرگاه کوچک",
    "آرایشگاه خانگی",
)
DROPOUT_REASONS = (
    "مشکل رفت‌وآمد",
    "بیماری",
    "مسئولیت نگهداری از فرزند",
    "مهاجرت به شهر دیگر",
    "انصراف به دلیل مشکلات خانوادگی",
)

SUCCESS_AMONG_COMPLETED = 0.76
DROPOUT_WHILE_TRAINING = 0.12
FOLLOW_UP_DONE = 0.9
STILL_WORKING = 0.85


def _create(model: type[Model], actor: User, **fields) -> Model:
    record = model(**fields)
    record._history_user = actor
    record.save()
    return record


def counts() -> dict[str, int]:
    return {
        "job-support centres": Centre.objects.count(),
        "centre licences": Licence.objects.count(),
        "centre cohorts": Cohort.objects.count(),
        "centre trainees": Trainee.objects.count(),
        "centre follow-ups": FollowUp.objects.count(),
    }


def _organisations(world: structure.World, actor: User) -> list[tuple[Organisation, str]]:
    found = []
    for name in structure.IR_JOB_SUPPORT_CENTRES:
        organisation = world.organisations.get(name) or Organisation.objects.get(name=name)
        found.append((organisation, "مشهد"))
    for name, county in NEW_CENTRES:
        region = world.regions.get(county) or structure.Region.objects.get(
            name=county, parent__name="خراسان رضوی"
        )
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            # Organisations and sites have no services of their own; the demo writes them as
            # tandem/demo/structure.py does.
            organisation = _create(
                Organisation,
                actor,
                name=name,
                kind=Organisation.Kind.JOB_SUPPORT_CENTRE,
                region=region,
            )
            Site.objects.create(
                organisation=organisation, name=name, kind=Site.Kind.CENTRE, region=region
            )
        world.organisations[name] = organisation
        found.append((organisation, county))
    return found


def build(
    world: structure.World, actor: User, rng: random.Random, today: datetime.date
) -> dict[str, int]:
    first = Organisation.objects.filter(name=structure.IR_JOB_SUPPORT_CENTRES[0]).first()
    if first is not None and Centre.objects.filter(organisation=first).exists():
        return counts()
    return _Builder(world, actor, rng, today).run()


class _Builder:
    def __init__(self, world, actor, rng, today) -> None:
        self.world, self.actor, self.rng, self.today = world, actor, rng, today
        self.manager = (
            world.users.get("centre.mashhad")
            or User.objects.filter(username="centre.mashhad").first()
            or actor
        )
        self.officer = (
            world.users.get("monitor.khorasan")
            or User.objects.filter(username="monitor.khorasan").first()
            or actor
        )
        current = year_of(SOLAR_HIJRI, today)
        self.since = current.previous().start

    def run(self) -> dict[str, int]:
        rng = self.rng
        centres = []
        for index, (organisation, county) in enumerate(_organisations(self.world, self.actor)):
            region = self.world.regions.get(county) or organisation.region
            trades = rng.sample(TRADES, 3)
            plate = to_persian_digits(str(rng.randint(3, 180)))
            centres.append(
                services.centre_register(
                    actor=self.actor,
                    organisation=organisation,
                    county=region,
                    address=f"{county}، خیابان {rng.choice(STREETS)}، پلاک {plate}",
                    # One centre licensed for fewer places: capacity is set per centre.
                    capacity=40 if index == 5 else 60,
                    trades="\n".join(trades),
                )
            )
        for index, centre in enumerate(centres):
            self._licence(index, centre, len(centres))
        # The centre whose application is under review has no trainees yet.
        working = centres[:-1]
        self._trainees(working)
        return counts()

    def _licence(self, index: int, centre: Centre, total: int) -> None:
        # Written directly, not through the licence services: these are past decisions with
        # their own dates, and the services date every step today.
        rng, today = self.rng, self.today
        applied_on = self.since - D(days=rng.randint(60, 400))
        fields = {
            "centre": centre,
            "applicant_name": f"مؤسسه خیریه {centre.organisation.name.split()[-2]}",
            "premises": "ساختمان دو طبقه با سه کارگاه آموزشی، دسترسی با رمپ و آسانسور",
            "staff_count": rng.randint(4, 9),
            "staff_details": "مدیر (کارشناسی مددکاری)، سه مربی فنی‌وحرفه‌ای، یک روان‌شناس",
            "trades": centre.trades,
            "applied_on": applied_on,
            "applied_by": self.manager if index == 0 else self.actor,
        }
        if index == total - 1:
            # A new centre: its application is being reviewed.
            fields.update(
                applied_on=today - D(days=20),
                status=Licence.Status.UNDER_REVIEW,
                review_started_on=today - D(days=12),
                reviewed_by=self.officer,
            )
            _create(Licence, self.actor, **fields)
            return
        valid_from = applied_on + D(days=45)
        fields.update(
            review_started_on=applied_on + D(days=7),
            reviewed_by=self.officer,
            inspected_on=applied_on + D(days=30),
            inspector="زهرا رضایی",
            inspection_findings="فضای آموزشی مناسب، تجهیزات کارگاه کامل، مستندات مربیان تأیید شد.",
            number=f"KR-{1400 + index // 8}-{index + 1:03d}",
            valid_from=valid_from,
            valid_to=today + D(days=rng.randint(200, 700)),
            decided_on=valid_from,
            decided_by=self.officer,
            status=Licence.Status.GRANTED,
        )
        if index == total - 2:
            fields.update(
                status=Licence.Status.SUSPENDED,
                suspension_reason="گزارش بازرسی: کمبود مربی برای دوره‌های جاری",
            )
        elif index == total - 3:
            fields["valid_to"] = today + D(days=40)  # expiring within 60 days
        elif index % 4 == 1:
            fields.update(status=Licence.Status.RENEWED, renewed_on=today - D(days=90))
        _create(Licence, self.actor, **fields)

    def _trainees(self, centres: list[Centre]) -> None:
        rng, today = self.rng, self.today
        cohorts: list[Cohort] = []
        # Per cohort: (centre, [(enrolled_on, status, exited_on)])
        plans: list[list[tuple]] = []
        for centre in centres:
            trades = centre.trades.split("\n")
            exits: list[datetime.date | None] = []
            day = self.since + D(days=rng.randint(0, 20))
            while day <= today - D(days=7):
                duration = rng.randint(90, 150)
                planned_end = day + D(days=duration)
                active = sum(1 for exit_on in exits if exit_on is None or exit_on > day)
                size = min(rng.randint(11, 19), centre.capacity - active)
                members = []
                for _person in range(max(size, 0)):
                    status, exited_on = self._outcome(day, planned_end)
                    exits.append(exited_on)
                    members.append((day, status, exited_on))
                if members:
                    cohorts.append(
                        Cohort(
                            centre=centre,
                            trade=rng.choice(trades),
                            starts_on=day,
                            planned_end_on=planned_end,
                            created_by=self.actor,
                        )
                    )
                    plans.append(members)
                day += D(days=rng.randint(35, 50))
        # Volume data: bulk_create rather than the services, which write one row at a time.
        Cohort.objects.bulk_create(cohorts)

        people = []
        for cohort, members in zip(cohorts, plans, strict=True):
            for _member in members:
                female = rng.random() < 0.5
                given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
                family = rng.choice(FAMILY)
                people.append(
                    Participant(
                        owning_organisation_id=cohort.centre.organisation_id,
                        full_name=f"{given} {family}",
                        given_name=given,
                        family_name=family,
                        preferred_language="fa",
                        created_by=self.actor,
                    )
                )
        # Volume data: bulk_create rather than the services, which write one row at a time.
        Participant.objects.bulk_create(people, batch_size=1000)

        trainees = []
        people_iter = iter(people)
        for cohort, members in zip(cohorts, plans, strict=True):
            enrolled_by = (
                self.manager
                if cohort.centre.organisation.name == (structure.IR_JOB_SUPPORT_CENTRES[0])
                else self.actor
            )
            for enrolled_on, status, exited_on in members:
                trainee = Trainee(
                    cohort=cohort,
                    centre=cohort.centre,
                    participant=next(people_iter),
                    enrolled_on=enrolled_on,
                    enrolled_by=enrolled_by,
                    status=status,
                    exited_on=exited_on,
                )
                if status == Trainee.Status.PLACED:
                    trainee.job = rng.choice(JOBS)
                elif status == Trainee.Status.SELF_EMPLOYED:
                    trainee.job = rng.choice(BUSINESSES)
                elif status == Trainee.Status.DROPPED_OUT:
                    trainee.dropout_reason = rng.choice(DROPOUT_REASONS)
                trainees.append(trainee)
        # Volume data: bulk_create rather than the services, which write one row at a time.
        Trainee.objects.bulk_create(trainees, batch_size=1000)
        self._follow_ups(trainees)

    def _outcome(self, start: datetime.date, planned_end: datetime.date):
        rng, today = self.rng, self.today
        if planned_end < today:
            if rng.random() < SUCCESS_AMONG_COMPLETED:
                status = (
                    Trainee.Status.PLACED if rng.random() < 0.75 else Trainee.Status.SELF_EMPLOYED
                )
                return status, min(planned_end + D(days=rng.randint(0, 30)), today)
            span = (planned_end - start).days
            return Trainee.Status.DROPPED_OUT, start + D(days=rng.randint(7, span - 5))
        if rng.random() < DROPOUT_WHILE_TRAINING and (today - start).days > 10:
            return Trainee.Status.DROPPED_OUT, start + D(days=rng.randint(5, (today - start).days))
        return Trainee.Status.IN_TRAINING, None

    def _follow_ups(self, trainees: list[Trainee]) -> None:
        rng, today = self.rng, self.today
        rows = []
        for trainee in trainees:
            if trainee.status not in Trainee.SUCCESSFUL:
                continue
            done_by = trainee.enrolled_by
            for week in services.follow_up_weeks():
                due_on = trainee.exited_on + D(weeks=week)
                follow_up = FollowUp(trainee=trainee, week=week, due_on=due_on)
                # Older follow-ups are mostly done; some are left overdue for the due list.
                if due_on <= today - D(days=14) and rng.random() < FOLLOW_UP_DONE:
                    follow_up.done_on = min(due_on + D(days=rng.randint(0, 10)), today)
                    follow_up.still_working = rng.random() < STILL_WORKING
                    follow_up.done_by = done_by
                rows.append(follow_up)
        # Volume data: bulk_create rather than the services, which write one row at a time.
        FollowUp.objects.bulk_create(rows, batch_size=1000)
