"""The employment part of the demo: employers and the specialists' contacts with them,
vacancies, people's job preferences, and placements at every point of the year after a job
start, with in-work support, sustainment checks and Behzisti's four-weekly follow-ups.

Everything goes through the employment services, so the demo passes the same checks as real
input. The services stamp "now"; a `Timeline` then moves each record back to when it
happened, and the stage moves a job start or end makes are put back by hand (their enrolment
already has a history from the casework).
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Min
from django.utils import timezone

from tandem.casework.models import StageChange
from tandem.core.access import Role
from tandem.demo import employment_content as c
from tandem.demo import structure as s
from tandem.demo.journey import PERSONAS
from tandem.demo.timeline import DAYS_OFF, LOCAL_TIME, Timeline
from tandem.employment.models import (
    Employer,
    EmployerContact,
    FollowUp,
    InWorkSupport,
    JobPreferences,
    Placement,
    SustainmentCheck,
    Vacancy,
)
from tandem.employment.services import (
    employer_contact_record,
    employer_create,
    follow_up_complete,
    in_work_support_record,
    job_preferences_set,
    placement_end,
    placement_start,
    sustainment_check_record,
    vacancy_create,
    vacancy_set_status,
)
from tandem.organisations.models import Membership, User
from tandem.participants.models import ConsentPurpose
from tandem.participants.selectors import consent_in_force
from tandem.participants.services import normalise_phone
from tandem.referrals.models import Enrolment, SupportStage

GB, DK, IR = c.GB, c.DK, c.IR
DAY = datetime.timedelta(days=1)
# The first employer made: when it is there, the employment demo is.
MARKER = (s.provider_name(s.UK_AREAS[0]), c.UK_EMPLOYERS["north_east"][0].name)
CONTACT_WEEKS = 12
CURRENCY = {GB: "GBP", DK: "DKK", IR: "IRR"}

# Where a placement stands in its year, as (youngest, oldest) days since the job started,
# and which check is left to do: due within the fortnight, or overdue.
SLOTS = {
    "new": (7, 40, None),
    "13 due": (79, 89, 13),
    "13 overdue": (94, 125, 13),
    "13 done": (100, 165, None),
    "26 due": (170, 180, 26),
    "26 overdue": (186, 235, 26),
    "26 done": (190, 330, None),
    # Nobody in the demo has been supported much over a year, so no 52-week check is due
    # yet: the oldest placements have theirs coming up within weeks.
    "52 next": (320, 350, None),
    "ended": (60, 330, None),
}
# Slots this old may start soon after support did, before the person's later stage moves.
LOOSE_FROM = 186
# The demo logins each see checks due soon, checks overdue and (in Mashhad) follow-ups.
PERSONA_SLOTS = (
    "52 next", "26 overdue", "26 due", "13 overdue", "13 overdue", "13 due", "13 due",
    "26 done", "13 done", "ended", "new", "new",
)  # fmt: skip
OTHER_SLOTS = {
    "new": 4, "13 due": 2, "13 overdue": 2, "13 done": 3, "26 due": 1, "26 overdue": 1,
    "26 done": 3, "52 next": 1, "ended": 2,
}  # fmt: skip
EVIDENCE = SustainmentCheck.Evidence
END_REASONS = {
    Placement.EndReason.RESIGNED: 3,
    Placement.EndReason.CONTRACT_ENDED: 3,
    Placement.EndReason.HEALTH: 3,
    Placement.EndReason.DISMISSED: 1,
    Placement.EndReason.OTHER: 1,
}
CHANNELS = {
    GB: ("visit", "phone", "video call", "text messages"),
    DK: ("besøg", "telefon", "videomøde", "sms"),
    IR: ("حضوری", "تلفنی", "پیام‌رسان"),
}


@dataclass
class Candidate:
    enrolment: Enrolment
    country: str
    max_age: int  # days: the oldest job start that fits the person's story
    loose_age: int  # the same for the oldest slots, counted from the start of support


@dataclass
class Built:
    employers: dict[int, list[Employer]] = field(default_factory=dict)  # by organisation id
    country: dict[int, str] = field(default_factory=dict)  # organisation id → country
    sector: dict[int, str] = field(default_factory=dict)  # employer id → key of JOBS[country]


def employment_loaded() -> bool:
    organisation, name = MARKER
    return Employer.objects.filter(organisation__name=organisation, name=name).exists()


def counts() -> dict[str, int]:
    result = {
        "employers": Employer.objects.count(),
        "employer contacts": EmployerContact.objects.count(),
        "employer contacts met hiring manager": EmployerContact.objects.filter(
            met_hiring_manager=True
        ).count(),
        "vacancies": Vacancy.objects.count(),
        "job preferences": JobPreferences.objects.count(),
        "placements": Placement.objects.count(),
        "placements ended": Placement.objects.exclude(ended_on=None).count(),
        "in-work support contacts": InWorkSupport.objects.count(),
        "sustainment checks": SustainmentCheck.objects.count(),
        "follow-ups": FollowUp.objects.count(),
        "follow-ups done": FollowUp.objects.exclude(done_on=None).count(),
    }
    grouped = (
        ("vacancies", Vacancy, "status"),
        ("placements", Placement, "kind"),
        ("sustainment checks", SustainmentCheck, "status"),
    )
    for label, model, name in grouped:
        for row in model.objects.values(name).annotate(n=Count("pk")).order_by(name):
            result[f"{label} {row[name]}"] = row["n"]
    return result


def build(world: s.World, actor: User, rng: random.Random, today: datetime.date) -> dict[str, int]:
    """Employers, contacts, vacancies, preferences and placements; nothing if already there."""
    if employment_loaded():
        return counts()
    _Builder(world, actor, rng, today).run()
    return counts()


class _Builder:
    def __init__(self, world: s.World, actor: User, rng: random.Random, today: datetime.date):
        self.world, self.actor, self.rng, self.today = world, actor, rng, today
        self.now = timezone.now()
        self.since = self.now
        self.timeline = Timeline()
        self.built = Built()
        self.used_phones: set[str] = set()
        self.employer_day: dict[int, datetime.date] = {}

    def run(self) -> None:
        self.employers()
        self.contacts()
        self.vacancies()
        self.preferences()
        self.placements()
        for employers in self.built.employers.values():
            for employer in employers:
                day = self.employer_day[employer.pk]
                self.timeline.created(
                    employer, self.moment(self.built.country[employer.organisation_id], day)
                )
        self.timeline.apply()

    # Time ---------------------------------------------------------------------------------

    def moment(self, country: str, day: datetime.date) -> datetime.datetime:
        minutes = self.rng.randint(8 * 60 + 30, 16 * 60 + 45)
        when = datetime.datetime.combine(
            day, datetime.time(minutes // 60, minutes % 60), tzinfo=LOCAL_TIME[country]
        )
        return min(when, self.now - datetime.timedelta(minutes=self.rng.randint(5, 60)))

    def workday(self, country: str, day: datetime.date) -> datetime.date:
        while day.weekday() in DAYS_OFF[country]:
            day -= DAY
        return day

    def ago(self, country: str, days: int) -> datetime.date:
        return self.workday(country, self.today - days * DAY)

    def _stage_back(self, enrolment: Enrolment, when: datetime.datetime) -> None:
        """The stage move the service just made happened at `when`."""
        moved = StageChange.objects.filter(enrolment=enrolment, changed_at__gte=self.since)
        if moved.update(changed_at=when):
            Enrolment.objects.filter(pk=enrolment.pk).update(stage_since=when, updated_at=when)
            Enrolment.history.filter(id=enrolment.pk, history_date__gte=self.since).update(
                history_date=when, stage_since=when
            )

    # Employers ----------------------------------------------------------------------------

    def _phone(self, country: str, region_key: str, prefix: str) -> str:
        rng = self.rng
        for _attempt in range(50):
            if country == GB:
                typed = f"{prefix}{rng.randint(0, 999):03d}"
            elif country == DK:
                lead = "56" if region_key == "koge" else "44"
                typed = f"{lead} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
            else:
                typed = f"051 3{rng.randint(100, 999)} {rng.randint(1000, 9999)}"
            try:
                stored = normalise_phone(typed, country_code=country)
            except ValidationError:
                continue
            if stored not in self.used_phones:
                self.used_phones.add(stored)
                return typed
        return ""

    def _place(self, region_key: str, spread: float = 0.04) -> tuple[Decimal, Decimal]:
        lat, lon = c.CENTRES[region_key]
        jitter = self.rng.uniform
        return (
            Decimal(f"{lat + jitter(-spread, spread):.5f}"),
            Decimal(f"{lon + jitter(-spread, spread):.5f}"),
        )

    def employers(self) -> None:
        rows: list[tuple[str, str, str, c.EmployerSpec]] = []
        for area in s.UK_AREAS:
            for spec in c.UK_EMPLOYERS[area.key]:
                rows.append((GB, s.provider_name(area), area.key, spec))
        for organisation, region_key in (
            (s.JOBCENTER_KOGE, "koge"),
            (s.JOBCENTER_BALLERUP, "ballerup"),
        ):
            for spec in c.DK_EMPLOYERS[organisation]:
                rows.append((DK, organisation, region_key, spec))
        for organisation, specs in c.IR_EMPLOYERS.items():
            for spec in specs:
                rows.append((IR, organisation, spec.region or "مشهد", spec))
        prefixes = {area.key: area.phone_prefix for area in s.UK_AREAS}
        rng = self.rng
        for number, (country, organisation_name, region_key, spec) in enumerate(rows):
            organisation = self.world.org(organisation_name)
            latitude, longitude = self._place(region_key)
            if country == IR:
                email = f"info{number}@example.com"
            else:
                folded = unicodedata.normalize("NFKD", spec.name.lower().replace("ø", "o"))
                slug = "".join(ch for ch in folded if ch.isascii() and ch.isalnum())[:30]
                email = f"jobs@{slug}.example.com"
            accessibility = rng.choice(c.ACCESSIBILITY[country])
            employer = employer_create(
                actor=self.actor,
                organisation=organisation,
                data={
                    "name": spec.name,
                    "sector": c.SECTOR_LABELS[country][spec.sector],
                    "size": spec.size,
                    "region": self.world.regions[region_key],
                    "latitude": latitude,
                    "longitude": longitude,
                    "contact_name": spec.contact,
                    "contact_role": spec.role,
                    "contact_phone": self._phone(country, region_key, prefixes.get(region_key, "")),
                    "contact_email": email,
                    "adjustments_offered": list(spec.adjustments),
                    "accessibility": accessibility,
                    "disclosure_stance": spec.stance,
                },
            )
            self.built.sector[employer.pk] = spec.sector
            self.employer_day[employer.pk] = self.ago(country, rng.randint(120, 400))
            self.built.employers.setdefault(organisation.pk, []).append(employer)
            self.built.country[organisation.pk] = country

    # Employer contacts (IPS job development) ----------------------------------------------

    def contacts(self) -> None:
        rng = self.rng
        specialists = (
            Membership.objects.filter(
                organisation_id__in=list(self.built.employers),
                role=Role.SPECIALIST,
                is_active=True,
            )
            .select_related("user")
            .order_by("organisation_id", "user__username")
        )
        methods = list(EmployerContact.Method.values)
        this_monday = self.today - self.today.weekday() * DAY
        self.contacts_by_employer: dict[int, list[EmployerContact]] = {}
        for membership in specialists:
            user = membership.user
            employers = self.built.employers[membership.organisation_id]
            country = self.built.country[membership.organisation_id]
            persona = user.username in PERSONAS
            for week in range(CONTACT_WEEKS):
                monday = this_monday - week * 7 * DAY
                how_many = rng.choice([2, 3, 3, 4, 5] if persona else [0, 1, 1, 2, 3])
                for _contact in range(how_many):
                    day = monday + rng.randrange(7) * DAY
                    if day > self.today or day.weekday() in DAYS_OFF[country]:
                        continue
                    method = rng.choices(methods, weights=[30, 15, 30, 15, 10])[0]
                    met = rng.random() < (0.6 if method in ("visit", "meeting") else 0.2)
                    employer = rng.choice(employers)
                    contact = employer_contact_record(
                        actor=user,
                        employer=employer,
                        method=method,
                        contacted_on=day,
                        met_hiring_manager=met,
                        summary=rng.choice(c.CONTACT_SUMMARIES[country]),
                    )
                    self.timeline.created(contact, self.moment(country, day))
                    self.contacts_by_employer.setdefault(employer.pk, []).append(contact)

    # Vacancies ----------------------------------------------------------------------------

    def _vacancy(
        self,
        employer: Employer,
        job: c.JobSpec,
        *,
        created: datetime.date,
        status: str,
        closing_on: datetime.date | None,
        changed: datetime.date | None = None,
    ) -> Vacancy:
        country = self.built.country[employer.organisation_id]
        # An employer is on the books before its first vacancy is.
        known = self.employer_day[employer.pk]
        self.employer_day[employer.pk] = min(known, self.workday(country, created - 7 * DAY))
        source = None
        if status == Vacancy.Status.OPEN:
            earlier = [
                contact
                for contact in self.contacts_by_employer.get(employer.pk, [])
                if contact.contacted_on <= created
            ]
            source = earlier[0] if earlier else None
        pay = Decimal(job.pay) / 100 if country == GB else Decimal(job.pay)
        vacancy = vacancy_create(
            actor=self.actor if source is None else source.specialist,
            employer=employer,
            data={
                "title": job.title,
                "occupation": job.occupation,
                "skills": list(job.skills),
                "hours_per_week": Decimal(job.hours),
                "pay": pay,
                "pay_period": job.period,
                "currency": CURRENCY[country],
                "contract": job.contract,
                "adjustments_possible": list(job.adjustments),
                "closing_on": closing_on if status == Vacancy.Status.OPEN else None,
                "source_contact": source,
            },
        )
        self.timeline.created(vacancy, self.moment(country, created))
        if status != Vacancy.Status.OPEN:
            changed = changed or closing_on or created
            vacancy_set_status(actor=self.actor, vacancy=vacancy, status=status)
            self.timeline.changed(vacancy, self.moment(country, changed))
            if closing_on is not None:
                # The service takes only closing dates still to come; this one has passed.
                Vacancy.objects.filter(pk=vacancy.pk).update(closing_on=closing_on)
                Vacancy.history.filter(id=vacancy.pk).update(closing_on=closing_on)
                vacancy.closing_on = closing_on
        return vacancy

    def vacancies(self) -> None:
        rng = self.rng
        for employers in self.built.employers.values():
            for employer in employers:
                country = self.built.country[employer.organisation_id]
                jobs = c.JOBS[country][self.built.sector[employer.pk]]
                chosen = rng.sample(jobs, min(len(jobs), rng.choice([1, 2, 2, 3])))
                for index, job in enumerate(chosen):
                    status = (
                        Vacancy.Status.OPEN
                        if index == 0
                        else rng.choices(["open", "closed", "filled"], weights=[5, 3, 2])[0]
                    )
                    if status == Vacancy.Status.OPEN:
                        closing = rng.choice([2, 4, 6, 9, 14, 21, 30, 45, None])
                        self._vacancy(
                            employer,
                            job,
                            created=self.ago(country, rng.randint(2, 45)),
                            status=status,
                            closing_on=self.today + closing * DAY if closing else None,
                        )
                    else:
                        created = self.ago(country, rng.randint(60, 300))
                        self._vacancy(
                            employer,
                            job,
                            created=created,
                            status=status,
                            closing_on=created + rng.randint(14, 35) * DAY,
                        )

    # Job preferences ----------------------------------------------------------------------

    def _active(self):
        return (
            Enrolment.objects.filter(
                status=Enrolment.Status.ACTIVE,
                organisation_id__in=list(self.built.employers),
                key_worker__isnull=False,
            )
            .select_related("participant", "programme", "organisation__region", "key_worker")
            .order_by("pk")
        )

    def preferences(self) -> None:
        rng = self.rng
        self.preferences_of: dict[int, JobPreferences] = {}
        for enrolment in self._active():
            if enrolment.in_work_at_start or rng.random() > 0.75:
                continue
            country = self.built.country[enrolment.organisation_id]
            employers = self.built.employers[enrolment.organisation_id]
            sectors = list(dict.fromkeys(self.built.sector[employer.pk] for employer in employers))
            jobs = [
                job
                for sector in rng.sample(sectors, min(2, len(sectors)))
                for job in c.JOBS[country][sector]
            ]
            occupations = sorted(
                {job.occupation for job in rng.sample(jobs, min(len(jobs), rng.randint(1, 3)))}
            )
            skills = rng.sample(c.EXTRA_SKILLS[country], rng.randint(1, 4))
            low, high = rng.choice(
                [(8, 16), (12, 20), (16, 25), (15, 30), (20, 37), (None, 30), (None, None)]
                if country != IR
                else [(20, 36), (24, 44), (30, 44), (None, 40), (16, 30)]
            )
            region = enrolment.organisation.region
            key = region.name if country == IR else _region_key(self.world, region)
            latitude, longitude = self._place(key, 0.06) if key in c.CENTRES else (None, None)
            offered = sorted({a for employer in employers for a in employer.adjustments_offered})
            preferences = job_preferences_set(
                actor=enrolment.key_worker,
                participant=enrolment.participant,
                data={
                    "occupations": occupations,
                    "skills": skills,
                    "hours_min": None if low is None else Decimal(low),
                    "hours_max": None if high is None else Decimal(high),
                    "max_travel_km": rng.choice([5, 10, 10, 15, 25, None]),
                    "home_region": region,
                    "home_latitude": latitude,
                    "home_longitude": longitude,
                    "adjustments_needed": rng.sample(offered, rng.choice([0, 1, 1, 2])),
                    "wishes": rng.choice(c.WISHES[country]) if rng.random() < 0.7 else "",
                },
            )
            started = max(enrolment.started_on, self.today - 300 * DAY)
            days = max((self.today - started).days, 1)
            when = self.ago(country, rng.randint(0, days - 1) if days > 1 else 0)
            self.timeline.created(
                preferences, self.moment(country, max(when, enrolment.started_on))
            )
            self.preferences_of[enrolment.participant_id] = preferences

    # Placements ---------------------------------------------------------------------------

    def _candidates(self) -> dict[int, list[Candidate]]:
        """People looking for or in work, with how far back a job start fits their story:
        after they moved to their current stage, or for those already in on/off-the-job
        support, after they first reached job finding."""
        stages = [
            SupportStage.JOB_FINDING,
            SupportStage.EMPLOYER_ENGAGEMENT,
            SupportStage.ON_OFF_JOB_SUPPORT,
        ]
        enrolments = list(self._active().filter(stage__in=stages, in_work_at_start=False))
        finding = dict(
            StageChange.objects.filter(
                enrolment__in=[e.pk for e in enrolments], to_stage=SupportStage.JOB_FINDING
            )
            .values("enrolment_id")
            .annotate(first=Min("changed_at"))
            .values_list("enrolment_id", "first")
        )
        by_worker: dict[int, list[Candidate]] = {}
        for enrolment in enrolments:
            country = self.built.country[enrolment.organisation_id]
            earliest = enrolment.started_on + 7 * DAY
            since = enrolment.stage_since
            if enrolment.stage == SupportStage.ON_OFF_JOB_SUPPORT:
                first = finding.get(enrolment.pk)
                floor = timezone.localdate(first) + 3 * DAY if first else earliest
            else:
                floor = timezone.localdate(since) + DAY if since else earliest
            floor = max(floor, earliest)
            on_off = enrolment.stage == SupportStage.ON_OFF_JOB_SUPPORT
            loose = enrolment.started_on + 3 * DAY if on_off else floor
            by_worker.setdefault(enrolment.key_worker_id, []).append(
                Candidate(
                    enrolment=enrolment,
                    country=country,
                    max_age=(self.today - floor).days,
                    loose_age=(self.today - loose).days,
                )
            )
        return by_worker

    def _assign(
        self, candidates: list[Candidate], slots: list[str]
    ) -> list[tuple[Candidate, str, int]]:
        """Each slot to the person whose story fits it most tightly, oldest slots first."""
        rng = self.rng
        free = list(candidates)
        rng.shuffle(free)
        chosen = []
        for slot in sorted(slots, key=lambda name: -SLOTS[name][0]):
            low, high, _pending = SLOTS[slot]
            loose = low >= LOOSE_FROM
            fits = [cand for cand in free if (cand.loose_age if loose else cand.max_age) >= low]
            if not fits:
                continue
            # Old slots go first to those whose later story fits nothing else.
            best = min(fits, key=lambda cand: (cand.max_age, cand.loose_age))
            free.remove(best)
            limit = best.loose_age if loose else best.max_age
            chosen.append((best, slot, rng.randint(low, min(high, limit))))
        return chosen

    def placements(self) -> None:
        rng = self.rng
        by_worker = self._candidates()
        users = User.objects.in_bulk(list(by_worker))
        for worker_id, candidates in sorted(by_worker.items()):
            persona = users[worker_id].username in PERSONAS
            if persona:
                slots = list(PERSONA_SLOTS)
            else:
                share = max(1, round(len(candidates) * 0.45))
                slots = rng.choices(list(OTHER_SLOTS), weights=list(OTHER_SLOTS.values()), k=share)
            for candidate, slot, age in self._assign(candidates, slots):
                self._place_one(candidate, slot, age, persona=persona)

    def _place_one(self, candidate: Candidate, slot: str, age: int, persona: bool) -> None:
        rng, country = self.rng, candidate.country
        enrolment = candidate.enrolment
        worker = enrolment.key_worker
        started_on = self.today - age * DAY
        start_moment = self.moment(country, started_on)
        employers = self.built.employers[enrolment.organisation_id]
        preferences = self.preferences_of.get(enrolment.participant_id)

        kind = Placement.Kind.EMPLOYED
        roll = rng.random()
        if country == IR and roll < 0.35:
            kind = Placement.Kind.SELF_EMPLOYED
        elif country in (GB, DK) and roll < (0.12 if country == GB else 0.18):
            kind = Placement.Kind.APPRENTICESHIP

        employer = vacancy = None
        evidence_text = ""
        adjustments: list[str] = []
        if kind == Placement.Kind.SELF_EMPLOYED:
            title, occupation, evidence_text = rng.choice(c.IR_SELF_EMPLOYMENT)
            hours = Decimal(rng.choice([20, 24, 30, 36]))
            pay, period = Decimal(rng.choice([60, 80, 95, 120]) * 1_000_000), "month"
        else:
            if kind == Placement.Kind.APPRENTICESHIP:
                fitting = [
                    (employer, job)
                    for employer in employers
                    for job in c.JOBS[country][self.built.sector[employer.pk]]
                    if job.contract == Vacancy.Contract.APPRENTICESHIP
                ]
                if not fitting:
                    kind = Placement.Kind.EMPLOYED
            if kind == Placement.Kind.EMPLOYED:
                fitting = [
                    (employer, job)
                    for employer in employers
                    for job in c.JOBS[country][self.built.sector[employer.pk]]
                    if job.contract != Vacancy.Contract.APPRENTICESHIP
                ]
            employer, job = rng.choice(fitting)
            title, occupation = job.title, job.occupation
            hours = Decimal(max(6, job.hours + rng.choice([-4, 0, 0, 0, 2])))
            pay = Decimal(job.pay) / 100 if country == GB else Decimal(job.pay)
            period = job.period
            needed = set(preferences.adjustments_needed) if preferences else set()
            offered = set(employer.adjustments_offered)
            adjustments = sorted(needed & offered) or rng.sample(
                sorted(offered), min(len(offered), rng.choice([0, 1, 2]))
            )
            if rng.random() < 0.5:
                advertised = started_on - rng.randint(20, 50) * DAY
                vacancy = self._vacancy(
                    employer,
                    job,
                    created=self.workday(country, advertised),
                    status=Vacancy.Status.FILLED,
                    closing_on=started_on - rng.randint(5, 15) * DAY,
                    changed=started_on - rng.randint(1, 4) * DAY,
                )
        disclosed = rng.random() < 0.7 and consent_in_force(
            participant=enrolment.participant, purpose=ConsentPurpose.EMPLOYER_DISCLOSURE
        )
        placement = placement_start(
            actor=worker,
            enrolment=enrolment,
            kind=kind,
            job_title=title,
            started_on=started_on,
            hours_per_week=hours,
            employer=employer,
            vacancy=vacancy,
            occupation=occupation,
            pay=pay,
            pay_period=period,
            adjustments_agreed=adjustments,
            disclosed_to_employer=disclosed,
            earnings_evidence=evidence_text,
        )
        self.timeline.created(placement, start_moment)
        self._stage_back(enrolment, start_moment)

        ended_on = None
        if slot == "ended":
            # After the person's latest stage move in the story, so the stages read in order.
            earliest = started_on + 30 * DAY
            if enrolment.stage_since is not None:
                earliest = max(earliest, timezone.localdate(enrolment.stage_since) + DAY)
            latest = self.today - 2 * DAY
            span = max((latest - earliest).days, 0)
            ended_on = self.workday(country, earliest + rng.randint(0, span) * DAY)
            ended_on = min(max(ended_on, earliest, started_on + DAY), latest)
        last_day = ended_on or self.today
        pending = SLOTS[slot][2]

        # Sustainment checks: confirmed around their date, but for the one left to do.
        for check in placement.checks.all():
            self.timeline.set(check, created_at=start_moment, updated_at=start_moment)
            if check.weeks == pending or check.due_on > last_day:
                continue
            checked_on = check.due_on + rng.randint(-6, 10) * DAY
            checked_on = min(max(checked_on, check.due_on - 14 * DAY), last_day, self.today)
            checked_on = max(checked_on, check.due_on - 14 * DAY)
            if kind == Placement.Kind.SELF_EMPLOYED:
                evidence = EVIDENCE.ACCOUNTS
            else:
                evidence = rng.choices(
                    [EVIDENCE.PAYSLIP, EVIDENCE.EMPLOYER, EVIDENCE.BENEFIT_RECORD,
                     EVIDENCE.SELF_DECLARATION],
                    weights=[5, 4, 1, 1],
                )[0]  # fmt: skip
            sustainment_check_record(
                actor=worker,
                check=check,
                in_work=True,
                evidence=evidence,
                checked_on=checked_on,
                note=rng.choice(c.CHECK_NOTES[country]),
            )
            self.timeline.changed(check, self.moment(country, checked_on))

        # In-work support with the person and with the employer.
        span = (last_day - started_on).days
        for _visit in range(min(1 + span // 45, 5)):
            if span < 2:
                break
            with_whom = rng.choices(
                list(c.SUPPORT[country]), weights=[6, 3 if employer else 0, 1 if employer else 0]
            )[0]
            day = self.workday(country, started_on + rng.randint(1, span) * DAY)
            day = max(day, started_on)
            support = in_work_support_record(
                actor=worker,
                placement=placement,
                with_whom=with_whom,
                summary=rng.choice(c.SUPPORT[country][with_whom]),
                channel=rng.choice(CHANNELS[country]),
                happened_on=day,
            )
            self.timeline.created(support, self.moment(country, day))

        # Behzisti's four-weekly follow-ups: done, except now and then the latest ones.
        follow_ups = list(placement.follow_ups.all())
        past = [follow_up for follow_up in follow_ups if follow_up.due_on <= last_day]
        leave = 0
        if ended_on is None and past:
            leave = 1 if persona else rng.choice([0, 0, 0, 1, 2])
        for index, follow_up in enumerate(follow_ups):
            self.timeline.set(follow_up, created_at=start_moment, updated_at=start_moment)
            if follow_up.due_on > last_day or index >= len(past) - leave:
                continue
            done_on = min(follow_up.due_on + rng.randint(-2, 6) * DAY, last_day, self.today)
            follow_up_complete(
                actor=worker,
                follow_up=follow_up,
                note=rng.choice(c.FOLLOW_UP_NOTES),
                done_on=done_on,
            )
            self.timeline.set(follow_up, updated_at=self.moment(country, done_on))

        if ended_on is not None:
            end_moment = self.moment(country, ended_on)
            reason = rng.choices(list(END_REASONS), weights=list(END_REASONS.values()))[0]
            placement_end(
                actor=worker,
                placement=placement,
                ended_on=ended_on,
                reason=reason,
                note=c.END_NOTES[country],
                back_to_job_finding=True,
            )
            placement.checks.filter(
                status=SustainmentCheck.Status.NOT_IN_WORK, checked_on=timezone.localdate()
            ).update(checked_on=ended_on)
            self.timeline.changed(placement, end_moment)
            self._stage_back(enrolment, end_moment)


def _region_key(world: s.World, region) -> str:
    for key, known in world.regions.items():
        if known.pk == region.pk:
            return key
    return ""
