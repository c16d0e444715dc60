"""Benchmark: rank every open vacancy for one person at national scale.

Run through `make bench`, which points DATABASE_URL at a throw-away SQLite file so the
benchmark never touches real data. Prints figures; asserts nothing.
"""

import random
import statistics
import time
import tracemalloc
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tandem.core.access import Role
from tandem.employment.models import Adjustment, Employer, JobPreferences, Vacancy
from tandem.employment.selectors import matches_for_participant
from tandem.organisations.models import Membership, Organisation, Region, User
from tandem.participants.models import Participant
from tandem.participants.selectors import access_participant

OCCUPATIONS = ["5223", "9112", "4110", "5120", "8322", "7112", "2221", "5321", "9329", "4321"]
SKILLS = ["till", "customer service", "driving", "cleaning", "forklift", "cooking", "lifting"]


class Command(BaseCommand):
    help = "Time the ranking of every open vacancy for one person (prints figures)."

    def add_arguments(self, parser):
        parser.add_argument("--vacancies", type=int, default=50_000)
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, vacancies: int, runs: int, **options):
        if settings.PRODUCTION:
            raise CommandError("The benchmark writes synthetic data: never in production.")
        rng = random.Random(7)
        with transaction.atomic():
            user, participant = self._world(rng, vacancies)
            access = access_participant(user=user, ref=participant.ref)
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                matches = matches_for_participant(access=access, user=user, limit=50)
                timings.append(time.perf_counter() - started)
            tracemalloc.start()
            with CaptureQueriesContext(connection) as queries:
                matches_for_participant(access=access, user=user, limit=50)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            transaction.set_rollback(True)
        self.stdout.write(f"open vacancies ranked: {vacancies}")
        self.stdout.write(f"runs: {runs}")
        self.stdout.write(f"median: {statistics.median(timings) * 1000:.0f} ms")
        self.stdout.write(f"slowest: {max(timings) * 1000:.0f} ms")
        self.stdout.write(f"queries per ranking: {len(queries)}")
        self.stdout.write(f"peak Python memory per ranking: {peak / 1_000_000:.1f} MB")
        self.stdout.write(f"best score: {matches[0].match.score if matches else '-'}")

    def _world(self, rng: random.Random, count: int):
        country = Region.objects.create(name="Bench country", kind="country", country_code="GB")
        areas = [
            Region.objects.create(
                name=f"Area {i}", kind="county", parent=country, country_code="GB"
            )
            for i in range(40)
        ]
        organisation = Organisation.objects.create(
            name="Bench provider", kind="employment_provider", region=areas[0]
        )
        user = User.objects.create(username="bench.specialist")
        Membership.objects.create(user=user, organisation=organisation, role=Role.SPECIALIST)
        employers = Employer.objects.bulk_create(
            Employer(
                organisation=organisation,
                name=f"Employer {i}",
                region=rng.choice(areas),
                ref=f"bench{i:07d}",
            )
            for i in range(max(1, count // 20))
        )
        adjustments = list(Adjustment.values)
        batch = []
        for i in range(count):
            employer = employers[i % len(employers)]
            batch.append(
                Vacancy(
                    ref=f"v{i:011d}",
                    employer=employer,
                    title=f"Job {i}",
                    occupation=rng.choice(OCCUPATIONS),
                    skills=rng.sample(SKILLS, 2),
                    hours_per_week=Decimal(rng.choice([8, 16, 20, 25, 30, 37.5])),
                    currency="GBP",
                    contract="permanent",
                    region=employer.region,
                    latitude=Decimal(f"{54 + rng.random():.5f}"),
                    longitude=Decimal(f"{-2 + rng.random():.5f}"),
                    adjustments_possible=rng.sample(adjustments, 3),
                    created_by=user,
                )
            )
            if len(batch) == 5000:
                Vacancy.objects.bulk_create(batch)
                batch = []
        Vacancy.objects.bulk_create(batch)
        participant = Participant.objects.create(
            owning_organisation=organisation, full_name="Bench Person"
        )
        JobPreferences.objects.create(
            participant=participant,
            occupations=["5223", "4110"],
            skills=["till", "customer service"],
            hours_min=Decimal(16),
            hours_max=Decimal(25),
            max_travel_km=15,
            home_region=areas[0],
            home_latitude=Decimal("54.5"),
            home_longitude=Decimal("-1.5"),
            adjustments_needed=["flexible_hours"],
            wishes="I would like to work in a shop",
        )
        return user, participant
