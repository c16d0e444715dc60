"""Coverage by county against hand-computed figures, including the Nowruz boundary: a visit on
20 March 2025 belongs to the Persian year 1403, one on 21 March 2025 to 1404."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from tandem.core.periods import period_from_key
from tandem.monitoring import selectors
from tandem.monitoring.models import MonitoredProject, Visit
from tandem.monitoring.tests import factories

D = datetime.date
IN_PERSON, REMOTE = Visit.Mode.IN_PERSON, Visit.Mode.REMOTE


@pytest.fixture
def projects(place):
    p = place

    def make(name, county, started_on, **fields):
        return factories.project(
            p.programme, county, p.officer, name=name, started_on=started_on, **fields
        )

    a = make("A", p.mashhad, D(2024, 6, 1))
    b = make("B", p.mashhad, D(2024, 6, 1))
    c = make("C", p.mashhad, D(2025, 4, 1))
    d = make(
        "D",
        p.mashhad,
        D(2023, 6, 1),
        status=MonitoredProject.Status.CLOSED,
        closed_on=D(2024, 1, 10),
    )
    e = make("E", p.neyshabur, D(2024, 5, 1))
    outside = make("Outside", p.tehran_county, D(2024, 5, 1))
    factories.visit(a, p.officer, D(2025, 3, 20), IN_PERSON)  # last day of 1403
    factories.visit(a, p.officer, D(2024, 10, 1), IN_PERSON)  # a second one: counted once
    factories.visit(a, p.officer, D(2025, 3, 21), REMOTE)  # Nowruz 1404
    factories.visit(b, p.officer, D(2024, 8, 1), REMOTE)
    factories.visit(e, p.officer, D(2025, 3, 21), IN_PERSON)
    factories.visit(e, p.officer, D(2024, 9, 9), REMOTE)
    factories.visit(d, p.officer, D(2024, 2, 1), IN_PERSON)  # 1402, and closed before 1403
    factories.visit(outside, p.officer, D(2024, 9, 9), IN_PERSON)
    return {"a": a, "b": b, "c": c, "d": d, "e": e}


def figures(row):
    return (
        row.active,
        row.in_person,
        row.remote,
        row.visited,
        row.share_in_person,
        row.share_remote,
        row.share_visited,
    )


def cover(place, user, key):
    period = period_from_key("solar_hijri", key)
    return selectors.coverage_by_county(user=user, programme=place.programme, period=period)


def test_period_boundaries_are_nowruz():
    assert period_from_key("solar_hijri", "1403").end == D(2025, 3, 20)
    assert period_from_key("solar_hijri", "1404").start == D(2025, 3, 21)


def test_coverage_1403_by_hand(place, projects):
    coverage = cover(place, place.officer, "1403")
    rows = {row.county.name: figures(row) for row in coverage.rows}
    # Mashhad: A and B active (C starts in 1404, D closed in 1402); A in person (twice, counted
    # once, the second on 20 March 2025), B remotely.
    assert rows["Mashhad"] == (2, 1, 1, 2, Decimal("50.0"), Decimal("50.0"), Decimal("100.0"))
    # Neyshabur: E visited remotely in 1403; its in-person visit on 21 March 2025 is 1404.
    assert rows["Neyshabur"] == (1, 0, 1, 1, Decimal("0.0"), Decimal("100.0"), Decimal("100.0"))
    # Sabzevar has no project: listed, shares undefined. Tehran is not the officer's.
    assert rows["Sabzevar"] == (0, 0, 0, 0, None, None, None)
    assert set(rows) == {"Mashhad", "Neyshabur", "Sabzevar"}
    assert figures(coverage.total) == (
        3,
        1,
        2,
        3,
        Decimal("33.3"),
        Decimal("66.7"),
        Decimal("100.0"),
    )
    assert coverage.province == place.khorasan
    assert selectors.counties_covered_remotely(coverage) == 2


def test_coverage_1404_by_hand(place, projects):
    coverage = cover(place, place.officer, "1404")
    rows = {row.county.name: figures(row) for row in coverage.rows}
    # A, B and C active; only A's remote visit on Nowruz falls in 1404.
    assert rows["Mashhad"][:4] == (3, 0, 1, 1)
    assert rows["Neyshabur"][:4] == (1, 1, 0, 1)
    assert figures(coverage.total) == (
        4,
        1,
        1,
        2,
        Decimal("25.0"),
        Decimal("25.0"),
        Decimal("50.0"),
    )


def test_coverage_of_a_quarter(place, projects):
    # 1403-Q4 is 1 Dey 1403 (21 December 2024) to 29 Esfand 1403 (20 March 2025).
    coverage = cover(place, place.officer, "1403-Q4")
    rows = {row.county.name: figures(row) for row in coverage.rows}
    assert rows["Mashhad"][:4] == (2, 1, 0, 1)
    assert rows["Neyshabur"][:4] == (1, 0, 0, 0)


def test_narrowed_and_county_officers_see_their_counties_only(place, projects):
    assert [r.county.name for r in cover(place, place.narrowed_officer, "1403").rows] == [
        "Sabzevar"
    ]
    neyshabur = cover(place, place.county_officer, "1403")
    assert [r.county.name for r in neyshabur.rows] == ["Neyshabur"]
    assert neyshabur.total.active == 1


def test_manager_of_the_owner_sees_every_county_with_small_counts_hidden(place, projects):
    coverage = cover(place, place.manager, "1403")
    # Tehran county has a project of the programme too; Sabzevar has none in the period.
    assert {r.county.name for r in coverage.rows} == {"Mashhad", "Neyshabur", "Tehran county"}
    # Every count here is below 5: hidden, and the shares with them.
    assert coverage.suppressed
    assert figures(coverage.total) == (None, None, None, None, None, None, None)
    for number in range(3):
        factories.project(place.programme, place.mashhad, place.officer, name=f"M{number}")
    coverage = cover(place, place.manager, "1403")
    mashhad = next(row for row in coverage.rows if row.county == place.mashhad)
    # 5 active, 1 in person (hidden), 1 remote (hidden), 2 at all (hidden).
    assert figures(mashhad) == (5, None, None, None, None, None, None)
    assert coverage.total.active == 7
    # The officer's own view is never suppressed.
    assert not cover(place, place.officer, "1403").suppressed


def test_anyone_else_gets_nothing(place, projects):
    for user in (place.specialist, place.finance_officer, place.outsider_manager):
        with pytest.raises(Http404):
            cover(place, user, "1403")


def test_constant_number_of_queries(place, projects):
    def count():
        user = type(place.officer).objects.get(pk=place.officer.pk)
        with CaptureQueriesContext(connection) as queries:
            cover(place, user, "1403")
        return len(queries)

    before = count()
    for number in range(15):
        project = factories.project(
            place.programme, place.sabzevar, place.officer, name=f"More {number}"
        )
        factories.visit(project, place.officer, D(2024, 11, 1), REMOTE)
    assert count() == before
