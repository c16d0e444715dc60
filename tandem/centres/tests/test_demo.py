"""The centres demo on the bare structure: idempotent, seed-sized, capacity never exceeded."""

import datetime
import random

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from tandem.centres import selectors
from tandem.centres.models import Centre, FollowUp, Licence, Trainee
from tandem.core.periods import SOLAR_HIJRI, year_of
from tandem.demo import centres as demo
from tandem.demo import structure as s
from tandem.organisations.models import Region, User

pytestmark = pytest.mark.django_db


def _structure():
    actor = s.admin_user()
    world = s.World()
    s.build_places(world, actor)
    s.build_organisations(world, actor)
    s.build_programmes(world)
    s.ensure_logins("x")
    s.build_staff(world, actor)
    return world, actor


def test_centres_demo_builds_once_at_the_seed_scale():
    world, actor = _structure()
    today = timezone.localdate()
    started = datetime.datetime.now()
    counts = demo.build(world, actor, random.Random(7), today)
    took = (datetime.datetime.now() - started).total_seconds()
    assert took < 60  # a generous ceiling for a loaded test machine; ~15 s is the aim
    assert counts["job-support centres"] == 16
    assert 2800 <= counts["centre trainees"] <= 3600

    # Two calendar years of entrants: the previous Persian year and this one so far.
    khorasan = Region.objects.get(name="خراسان رضوی")
    this_year = year_of(SOLAR_HIJRI, today)
    entrants = successful = 0
    for period in (this_year.previous(), this_year):
        figures = selectors.centre_figures(region=khorasan, period=period)
        assert figures["centres"] == 16
        entrants += figures["entrants"]
    all_time = Trainee.objects.aggregate(
        ok=Count("id", filter=Q(status__in=Trainee.SUCCESSFUL)), n=Count("id")
    )
    successful, entrants = all_time["ok"], all_time["n"]
    assert 0.55 <= successful / entrants <= 0.68

    # Licences in each state an officer meets.
    statuses = list(Licence.objects.values_list("status", flat=True))
    assert statuses.count(Licence.Status.SUSPENDED) == 1
    assert statuses.count(Licence.Status.UNDER_REVIEW) == 1
    monitor = User.objects.get(username="monitor.khorasan")
    warned = selectors.licence_warnings(user=monitor, today=today)
    assert warned.count() >= 1

    # The demo centre manager runs the first centre; the officer sees all sixteen.
    manager = User.objects.get(username="centre.mashhad")
    assert [c.name for c in selectors.managed_centres(user=manager)] == [
        s.IR_JOB_SUPPORT_CENTRES[0]
    ]
    assert selectors.visible_centres(user=monitor).count() == 16
    assert selectors.due_follow_ups(user=manager, today=today).filter(due_on__lt=today).exists()
    assert FollowUp.objects.filter(done_on__isnull=False).exists()

    # Never more people in training than places, on any enrolment day.
    for centre in Centre.objects.all():
        days = set(centre.trainees.values_list("enrolled_on", flat=True))
        for day in days:
            active = centre.trainees.filter(enrolled_on__lte=day).filter(
                Q(exited_on__isnull=True) | Q(exited_on__gt=day)
            )
            assert active.count() <= centre.capacity

    again = demo.build(world, actor, random.Random(7), today)
    assert again == counts
    assert Trainee.objects.count() == counts["centre trainees"]
