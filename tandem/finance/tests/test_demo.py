"""The finance demo on the bare structure: idempotent, seed-sized figures, every loan state."""

import datetime
import random

import pytest
from django.utils import timezone

from tandem.core.periods import SOLAR_HIJRI, year_of
from tandem.demo import finance as demo
from tandem.demo import structure as s
from tandem.finance import selectors
from tandem.finance.models import Budget, InsuranceIncentive, Loan
from tandem.organisations.models import Region

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


def test_finance_demo_builds_once_with_the_seed_figures():
    world, actor = _structure()
    today = timezone.localdate()
    started = datetime.datetime.now()
    counts = demo.build(world, actor, random.Random(7), today)
    took = (datetime.datetime.now() - started).total_seconds()
    assert took < 60  # a generous ceiling for a loaded test machine; ~15 s is the aim
    assert counts["loans"] >= 140
    assert counts["loans in arrears"] > 0
    assert Budget.objects.filter(programme__name=s.IR_PROGRAMME).count() == 20
    assert {loan.status for loan in Loan.objects.all()} == set(Loan.Status.values)

    khorasan = Region.objects.get(name="خراسان رضوی")
    last_year = year_of(SOLAR_HIJRI, today).previous()
    rows = {
        row["kind"]: row for row in selectors.incentive_figures(region=khorasan, period=last_year)
    }
    assert (rows["self_employment"]["stabilised"], rows["self_employment"]["created"]) == (330, 74)
    assert (rows["employer_share"]["stabilised"], rows["employer_share"]["created"]) == (907, 120)
    assert (rows["efficiency"]["stabilised"], rows["efficiency"]["created"]) == (287, 16)

    # No budget is over-committed.
    for budget in selectors.with_totals(Budget.objects.all()):
        assert budget.remaining >= 0

    # finance.khorasan has second approvals and reviews waiting.
    from tandem.organisations.models import User

    officer = User.objects.get(username="finance.khorasan")
    work = selectors.finance_work_list(user=officer, on=today)
    assert work.second_approvals.exists()
    assert work.to_review.exists()
    assert work.to_approve.exists()
    assert work.in_arrears.exists()

    again = demo.build(world, actor, random.Random(7), today)
    assert again == counts
    assert InsuranceIncentive.objects.count() == counts["insurance incentives"]
