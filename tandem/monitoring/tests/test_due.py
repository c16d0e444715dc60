"""The due list: every active project needs a visit each quarter of its programme's calendar.

Today is 20 Ordibehesht 1404 (10 May 2025): this quarter, 1404-Q1, runs from 21 March to
21 June 2025; the previous one, 1403-Q4, from 21 December 2024 to 20 March 2025."""

import datetime

from tandem.monitoring import selectors
from tandem.monitoring.models import MonitoredProject
from tandem.monitoring.tests import factories

D = datetime.date
TODAY = D(2025, 5, 10)


def test_due_and_overdue_by_hand(place):
    p = place

    def make(name, started_on=None, county=None, **fields):
        return factories.project(
            p.programme,
            county or p.mashhad,
            p.officer,
            name=name,
            started_on=started_on or D(2024, 6, 1),
            **fields,
        )

    visited_now = make("Visited this quarter")
    factories.visit(visited_now, p.officer, D(2025, 4, 1))
    visited_last = make("Visited last quarter")
    factories.visit(visited_last, p.officer, D(2025, 1, 15))
    long_ago = make("Visited long ago")
    factories.visit(long_ago, p.officer, D(2024, 11, 1))
    make("Started this quarter", started_on=D(2025, 4, 15))
    make("Never visited")
    make("Closed", status=MonitoredProject.Status.CLOSED, closed_on=D(2025, 1, 1))
    make("Not mine", county=p.tehran_county)
    edge = make("Started on the last day of last quarter", started_on=D(2025, 3, 20))

    rows = {row.name: row for row in selectors.due_visits(user=p.officer, today=TODAY)}
    assert set(rows) == {
        "Visited last quarter",
        "Visited long ago",
        "Started this quarter",
        "Never visited",
        "Started on the last day of last quarter",
    }
    overdue = {name for name, row in rows.items() if row.overdue}
    assert overdue == {
        "Visited long ago",
        "Never visited",
        "Started on the last day of last quarter",
    }
    assert {row.due_by for row in rows.values()} == {D(2025, 6, 21)}
    assert rows["Visited last quarter"].last_visit == D(2025, 1, 15)
    # Overdue first.
    ordered = [row.name for row in selectors.due_visits(user=p.officer, today=TODAY)]
    assert set(ordered[:3]) == overdue
    counts = selectors.due_counts(user=p.officer, today=TODAY)
    assert (counts["due"], counts["overdue"]) == (5, 3)
    assert edge.name in rows


def test_overdue_actions(place):
    p = place
    project = factories.project(p.programme, p.mashhad, p.officer)
    visit = factories.visit(project, p.officer, D(2025, 4, 1))
    factories.action(visit, D(2025, 5, 1), description="late")
    factories.action(visit, D(2025, 5, 10), description="due today")
    factories.action(visit, D(2025, 4, 20), description="done", done=True, done_on=D(2025, 4, 20))
    other = factories.visit(
        factories.project(p.programme, p.tehran_county, p.officer), p.officer, D(2025, 4, 1)
    )
    factories.action(other, D(2025, 4, 2), description="not mine")
    names = [a.description for a in selectors.overdue_actions(user=p.officer, today=TODAY)]
    assert names == ["late"]
    assert selectors.due_counts(user=p.officer, today=TODAY)["overdue_actions"] == 1
    assert not selectors.overdue_actions(user=p.narrowed_officer, today=TODAY).exists()


def test_a_gregorian_programme_uses_gregorian_quarters(place):
    from tandem.testing.factories import ProgrammeFactory

    p = place
    gregorian = ProgrammeFactory(owner=p.office, calendar="gregorian", currency="IRR")
    project = factories.project(gregorian, p.mashhad, p.officer, started_on=D(2024, 1, 1))
    # 1 April 2025 is in Gregorian Q2 (April–June): visited this quarter, not due.
    factories.visit(project, p.officer, D(2025, 4, 1))
    assert not selectors.due_visits(user=p.officer, today=TODAY).filter(pk=project.pk).exists()
    # In the Persian calendar the same visit is also this quarter; on 25 March 2025 a visit on
    # 20 March is last quarter in Persian terms but this quarter in Gregorian ones.
    row = selectors.due_visits(user=p.officer, today=D(2025, 7, 5)).get(pk=project.pk)
    assert row.due_by == D(2025, 9, 30)
    assert not row.overdue
