"""Centre figures against hand-computed cases, across the Solar Hijri new year.

The Persian year 1403 runs from 20 March 2024 (1 Farvardin) to 20 March 2025; 1404 starts on
21 March 2025. The cases sit on both sides of both boundaries.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.centres import selectors
from tandem.centres.models import Trainee
from tandem.centres.tests import factories as f
from tandem.core.access import Role
from tandem.core.periods import GREGORIAN, SOLAR_HIJRI, Period, period_from_key
from tandem.organisations.models import Region
from tandem.testing.factories import RegionFactory, staff

pytestmark = pytest.mark.django_db
d = datetime.date
PLACED, SELF, DROPPED = (
    Trainee.Status.PLACED,
    Trainee.Status.SELF_EMPLOYED,
    Trainee.Status.DROPPED_OUT,
)


@pytest.fixture
def cases(licensed):
    cw = licensed
    assert period_from_key(SOLAR_HIJRI, "1403").start == d(2024, 3, 20)
    assert period_from_key(SOLAR_HIJRI, "1403").end == d(2025, 3, 20)
    cohort_a = f.make_cohort(cw.manager_a, cw.centre_a, starts_on=d(2024, 3, 1))
    cohort_b = f.make_cohort(cw.manager_b, cw.centre_b, starts_on=d(2024, 10, 1))

    def trainee(manager, cohort, enrolled, outcome=None, exited=None):
        t = f.enrol(manager, cohort, enrolled_on=enrolled)
        if outcome:
            f.leave(manager, t, outcome, exited)
        return t

    a = cw.manager_a
    trainee(a, cohort_a, d(2024, 3, 19), PLACED, d(2024, 6, 1))  # A1: entered in 1402
    trainee(a, cohort_a, d(2024, 3, 20), PLACED, d(2024, 8, 1))  # A2: first day of 1403
    trainee(a, cohort_a, d(2024, 5, 1), DROPPED, d(2024, 7, 1))  # A3
    trainee(a, cohort_a, d(2025, 3, 20), SELF, d(2025, 3, 21))  # A4: last day in, out in 1404
    trainee(a, cohort_a, d(2025, 3, 21))  # A5: first day of 1404
    b = cw.manager_b
    trainee(b, cohort_b, d(2024, 10, 1))  # B1
    trainee(b, cohort_b, d(2024, 10, 1), PLACED, d(2025, 1, 1))  # B2
    # A centre in another province counts for neither.
    tehran = RegionFactory(
        name="Tehran county",
        parent=Region.objects.get(name="Tehran"),
        kind=Region.Kind.COUNTY,
        country_code="IR",
    )
    org_c = f.centre_org("Tehran centre", tehran)
    manager_c = staff("manager_c", org_c, Role.CENTRE_MANAGER)
    centre_c = f.make_centre(cw.monitor_elsewhere, org_c, tehran)
    f.grant(manager_c, cw.monitor_elsewhere, centre_c)
    trainee(manager_c, f.make_cohort(manager_c, centre_c, d(2024, 6, 1)), d(2024, 6, 1))
    return cw


def year(key: str) -> Period:
    return period_from_key(SOLAR_HIJRI, key)


def test_province_figures_for_1403(cases):
    figures = selectors.centre_figures(region=cases.province, period=year("1403"))
    assert figures == {
        "centres": 2,
        "entrants": 5,  # A2, A3, A4, B1, B2
        "successful": 2,  # A2, B2
        "dropped_out": 1,  # A3
        "still_training": 2,  # A4 (left the day after the year ended), B1
        "placed": 3,  # A1 (entered in 1402), A2, B2
        "success_rate": Decimal("40.0"),
        "successful_to_date": 3,  # A2, B2 and A4, who left the day after the year ended
        "success_rate_to_date": Decimal("60.0"),
    }
    assert figures["successful"] + figures["dropped_out"] + figures["still_training"] == 5


def test_the_years_either_side_of_nowruz(cases):
    before = selectors.centre_figures(region=cases.province, period=year("1402"))
    # A1 entered on 19 March 2024, the last day of 1402, and was placed only in 1403.
    assert (before["entrants"], before["successful"], before["still_training"]) == (1, 0, 1)
    assert before["success_rate"] == Decimal("0.0")
    after = selectors.centre_figures(region=cases.province, period=year("1404"))
    assert (after["entrants"], after["placed"], after["still_training"]) == (1, 1, 1)


def test_gregorian_2024_is_not_the_persian_year(cases):
    figures = selectors.centre_figures(region=cases.province, period=Period(GREGORIAN, 2024))
    # A1 (19 March 2024) is in; A4 and A5 (March 2025) are not.
    assert figures["entrants"] == 5


def test_rows_per_centre(cases):
    rows = {
        row["name"]: row
        for row in selectors.centre_figure_rows(region=cases.province, period=year("1403"))
    }
    assert set(rows) == {"Omid centre", "Neyshabur centre"}
    a, b = rows["Omid centre"], rows["Neyshabur centre"]
    assert (a["entrants"], a["successful"], a["dropped_out"], a["still_training"]) == (3, 1, 1, 1)
    assert (a["placed"], a["success_rate"]) == (2, Decimal("33.3"))
    assert (b["entrants"], b["successful"], b["placed"], b["success_rate"]) == (
        2,
        1,
        1,
        Decimal("50.0"),
    )
    # Today, A5 and B1 are in training.
    assert (a["in_training_now"], a["places_free"]) == (1, 59)
    assert (b["in_training_now"], b["places_free"]) == (1, 59)


def test_a_county_counts_its_own_centres(cases):
    figures = selectors.centre_figures(region=cases.neyshabur, period=year("1403"))
    assert (figures["centres"], figures["entrants"], figures["success_rate"]) == (
        1,
        2,
        Decimal("50.0"),
    )


def test_no_entrants_gives_no_rate(cw):
    figures = selectors.centre_figures(region=cw.province, period=year("1400"))
    assert figures["entrants"] == 0 and figures["success_rate"] is None


def test_constant_number_of_queries(cases):
    with CaptureQueriesContext(connection) as queries:
        selectors.centre_figures(region=cases.province, period=year("1403"))
    assert len(queries) == 2
    with CaptureQueriesContext(connection) as queries:
        selectors.centre_figure_rows(region=cases.province, period=year("1403"))
    assert len(queries) == 1


def test_success_rate_rounding():
    assert selectors.success_rate(2, 3) == Decimal("66.7")
    assert selectors.success_rate(1984, 3200) == Decimal("62.0")
    assert selectors.success_rate(0, 0) is None
