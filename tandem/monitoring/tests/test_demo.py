"""The monitoring demo: projects in every county, the in-person round everywhere, remote
monitoring in about 80% of the counties, overdue actions; and a second run adds nothing."""

import datetime
import importlib.util
import random

import pytest
from django.db.models import Count

from tandem.core.periods import period_from_key
from tandem.demo import monitoring as demo
from tandem.demo import structure as s
from tandem.monitoring import selectors
from tandem.monitoring.models import FollowUpAction, MonitoredProject, MonitoringPlan, Visit
from tandem.organisations.models import User

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def world(db):
    actor = s.admin_user()
    world = s.World()
    s.build_places(world, actor)
    s.build_organisations(world, actor)
    s.build_programmes(world)
    s.ensure_logins("x")
    s.build_staff(world, actor)
    if importlib.util.find_spec("tandem.demo.finance") is not None:
        from tandem.demo import finance

        finance.build(world, actor, random.Random(5), TODAY)
    return world, actor


def test_the_round_runs_from_bahman_to_mid_tir():
    # 1 Bahman 1404 is 21 January 2026; 15 Tir 1405 is 6 July 2026.
    assert demo.first_round(TODAY) == (datetime.date(2026, 1, 21), datetime.date(2026, 7, 6))


def test_demo_builds_once(world):
    world, actor = world
    first = demo.build(world, actor, random.Random(9), TODAY)
    assert first["monitored projects"] > 100
    per_county = dict(
        MonitoredProject.objects.values_list("county__name").annotate(n=Count("pk")).order_by()
    )
    assert set(per_county) == set(s.IR_COUNTIES)
    loans = dict(
        MonitoredProject.objects.filter(loan__isnull=False)
        .values_list("county__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # 10 to 40 a county, unless the finance demo disbursed more loans there than that.
    for county, n in per_county.items():
        assert 10 <= n <= max(40, loans.get(county, 0) + 1), per_county
    in_person = set(
        Visit.objects.filter(mode=Visit.Mode.IN_PERSON)
        .values_list("project__county__name", flat=True)
        .distinct()
    )
    assert in_person == set(s.IR_COUNTIES)
    remote = set(
        Visit.objects.filter(mode=Visit.Mode.REMOTE)
        .values_list("project__county__name", flat=True)
        .distinct()
    )
    assert len(remote) == 8
    assert MonitoringPlan.objects.count() == 20
    assert FollowUpAction.objects.filter(done=False, due_on__lt=TODAY).exists()
    # Every loan the finance demo disbursed is monitored.
    from tandem.finance.models import Loan

    assert not Loan.objects.filter(
        disbursed_on__isnull=False, monitored_project__isnull=True
    ).exists()

    officer = User.objects.get(username="monitor.khorasan")
    coverage = selectors.coverage_by_county(
        user=officer,
        programme=world.programmes["mashhad"],
        period=period_from_key("solar_hijri", "1405"),
    )
    assert len(coverage.rows) == 10
    assert all(row.in_person for row in coverage.rows)
    assert selectors.due_visits(user=officer, today=TODAY).exists()

    assert demo.monitoring_loaded()
    again = demo.build(world, actor, random.Random(9), TODAY)
    assert again == first


def test_demo_pages_for_the_persian_officer(world, login):
    world, actor = world
    demo.build(world, actor, random.Random(9), TODAY)
    client = login(User.objects.get(username="monitor.khorasan"))
    project = MonitoredProject.objects.filter(visits__isnull=False).first()
    pages = {
        "home": "/monitoring/",
        "due": "/monitoring/due/",
        "projects": "/monitoring/projects/",
        "project": f"/monitoring/projects/{project.ref}/",
        "visit": f"/monitoring/projects/{project.ref}/visits/new/",
        "actions": "/monitoring/actions/?show=overdue",
        "plans": "/monitoring/plans/",
        "coverage": "/monitoring/coverage/?period=1405",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        body = response.content.decode()
        assert 'dir="rtl"' in body, name
        assert "None" not in body, name
        dump = __import__("os").environ.get("MONITORING_DUMP")
        if dump:
            with open(f"{dump}/{name}.html", "w") as out:
                out.write(body)
