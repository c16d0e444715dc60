from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.core.access import Role
from tandem.core.exports import csv_response, xlsx_response
from tandem.core.formatting import format_number
from tandem.core.periods import Period, PeriodError, period_from_key, recent_years
from tandem.insights.selectors import (
    SMALL_COUNT_THRESHOLD,
    Figure,
    RegionFigures,
    figures_regions,
    programme_overview,
    region_calendar_and_currency,
    region_figures,
)
from tandem.organisations.selectors import has_role

ZERO = Decimal(0)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    if not has_role(user=request.user, roles={Role.PROGRAMME_MANAGER}):
        raise Http404
    return render(
        request,
        "insights/overview.html",
        {"figures": programme_overview(user=request.user), "threshold": SMALL_COUNT_THRESHOLD},
    )


def _chosen_figures(request: HttpRequest) -> tuple[RegionFigures, list, list[Period], str]:
    """The region and year asked for (the user's first region and this year by default)."""
    regions = figures_regions(user=request.user)
    if not regions:
        raise Http404
    region = next((r for r in regions if str(r.pk) == request.GET.get("region")), regions[0])
    calendar, _currency = region_calendar_and_currency(region=region)
    years = recent_years(calendar, timezone.localdate())
    error = ""
    try:
        period = period_from_key(calendar, request.GET.get("year") or years[0].key)
    except PeriodError as problem:
        period, error = years[0], str(problem)
    if period.quarter or period.month:
        period = Period(calendar, period.year)
    figures = region_figures(user=request.user, region=region, period=period)
    return figures, regions, years, error


def _display(cell) -> str:
    """A table cell as shown on the page: numbers with the user's digits and grouping."""
    if isinstance(cell, int | Decimal):
        return format_number(cell, get_language())
    return str(cell)


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    figures, regions, years, error = _chosen_figures(request)
    tables = [
        {"title": title, "header": header, "rows": [[_display(c) for c in row] for row in rows]}
        for title, header, rows in _tables(figures)
    ]
    return render(
        request,
        "insights/figures.html",
        {
            "figures": figures,
            "tables": tables,
            "regions": regions,
            "years": years,
            "error": error,
            "threshold": SMALL_COUNT_THRESHOLD,
        },
    )


def _shown(figures: RegionFigures, value: int) -> int | str:
    """A count as published: small counts hidden from those who see aggregates only."""
    if figures.suppress and Figure(value).suppressed:
        return _("fewer than %(threshold)s") % {"threshold": SMALL_COUNT_THRESHOLD}
    return value


def _amount(figures: RegionFigures, amount: Decimal) -> tuple[str, Decimal]:
    """The unit and the amount as users count it: toman for rial, else the currency."""
    if figures.currency == "IRR":
        return _("toman"), amount / 10
    return figures.currency, amount


def _tables(figures: RegionFigures) -> list[tuple[str, list[str], list[list]]]:
    """The three tables of the page, as plain rows for CSV and XLSX."""
    incentives = [
        [row["label"], *(_shown(figures, row[key]) for key in ("created", "stabilised", "total"))]
        for row in figures.incentives
    ]
    centres = figures.centres
    rate, rate_to_date = centres["success_rate"], centres["success_rate_to_date"]
    centre_rows = [
        [_("Centres"), centres["centres"]],
        [_("Entrants"), _shown(figures, centres["entrants"])],
        [_("Successful exits by the end of the year"), _shown(figures, centres["successful"])],
        [_("Success rate at the end of the year (%)"), "" if rate is None else rate],
        [_("Successful exits to date"), _shown(figures, centres["successful_to_date"])],
        [_("Success rate to date (%)"), "" if rate_to_date is None else rate_to_date],
        [_("Dropped out"), _shown(figures, centres["dropped_out"])],
        [_("Still training"), _shown(figures, centres["still_training"])],
    ]
    loans = figures.loans
    unit, _unused = _amount(figures, ZERO)
    loan_rows = [
        [label, _shown(figures, loans[key]["count"]), _amount(figures, loans[key]["amount"])[1]]
        for key, label in (
            ("approved", _("Approved")),
            ("disbursed", _("Disbursed")),
            ("in_arrears", _("In arrears at the end of the year")),
        )
    ]
    return [
        (
            _("Insurance incentives"),
            [_("Incentive"), _("Jobs newly created"), _("Jobs stabilised"), _("Total")],
            incentives,
        ),
        (_("Job-support centres"), [_("Figure"), _("Number")], centre_rows),
        (
            _("Job-creation loans"),
            [_("Loans"), _("Number"), _("Amount (%(unit)s)") % {"unit": unit}],
            loan_rows,
        ),
    ]


@login_required
def figures_export(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in ("csv", "xlsx"):
        raise Http404
    figures, _regions, _years, _error = _chosen_figures(request)
    tables = _tables(figures)
    name = f"figures-{figures.period.key}"
    if kind == "xlsx":
        return xlsx_response(f"{name}.xlsx", tables)
    # One CSV file: the three tables one after another, each under its own title row.
    rows: list[list] = []
    for title, header, body in tables:
        if rows:
            rows.append([])
        rows += [[title], header, *body]
    return csv_response(f"{name}.csv", [figures.region.name, figures.period.label()], rows)
