"""Monitoring pages, mounted at /monitoring/. Every page reads through `selectors` (the user's
counties decide what exists for them) and writes through `services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.access import Role
from tandem.core.exports import csv_response, xlsx_response
from tandem.core.formatting import format_programme_money
from tandem.core.forms import add_service_errors
from tandem.core.pagination import paginate
from tandem.core.periods import PeriodError, period_from_key
from tandem.finance.selectors import loan_is_in_arrears
from tandem.monitoring import selectors, services
from tandem.monitoring.forms import (
    ActionCompleteForm,
    CloseProjectForm,
    CoverageForm,
    PlanForm,
    PlanPickForm,
    ProjectFilterForm,
    ProjectForm,
    VisitForm,
    current_quarter_key,
    period_choices,
    programme_by_ref,
)
from tandem.monitoring.models import MonitoredProject
from tandem.organisations.models import User
from tandem.organisations.selectors import has_role

HOME_ROWS = 10


def _officer_only(user: User) -> None:
    # No counties also covers "not a monitoring officer": the counties come from that role.
    if not selectors.officer_county_ids(user=user):
        raise Http404


def _in_toman(programmes) -> bool:
    return bool(programmes) and all(p.currency == "IRR" for p in programmes)


# ---------------------------------------------------------------- home


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not selectors.is_officer(user=user):
        if has_role(user=user, roles={Role.PROGRAMME_MANAGER}):
            return redirect("monitoring:coverage")
        raise Http404
    today = timezone.localdate()
    due = selectors.due_visits(user=user, today=today)
    counts = selectors.due_counts(user=user, today=today)
    overdue_actions = selectors.overdue_actions(user=user, today=today)
    return render(
        request,
        "monitoring/home.html",
        {
            "due": due[:HOME_ROWS],
            "counts": counts,
            "overdue_actions": overdue_actions[:HOME_ROWS],
            "today": today,
            "due_soon_days": selectors.DUE_SOON_DAYS,
        },
    )


@login_required
def due_list(request: HttpRequest) -> HttpResponse:
    _officer_only(request.user)
    today = timezone.localdate()
    page, query = paginate(request, selectors.due_visits(user=request.user, today=today))
    return render(
        request,
        "monitoring/due.html",
        {"page_obj": page, "query_without_page": query, "today": today},
    )


# ---------------------------------------------------------------- projects


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    _officer_only(user)
    counties = list(selectors.officer_counties(user=user))
    form = ProjectFilterForm(request.GET or None, counties=counties)
    filters = form.cleaned_data if form.is_valid() else {}
    projects = selectors.project_list(
        user=user,
        county_id=int(filters["county"]) if filters.get("county") else None,
        status=filters.get("status", ""),
        search=filters.get("search", ""),
    )
    page, query = paginate(request, projects)
    unmonitored = len(
        selectors.unmonitored_loans(county_ids=selectors.officer_county_ids(user=user))
    )
    return render(
        request,
        "monitoring/projects/list.html",
        {
            "form": form,
            "filtered": any(filters.values()),
            "page_obj": page,
            "query_without_page": query,
            "unmonitored": unmonitored,
        },
    )


@login_required
@require_POST
def register_loans(request: HttpRequest) -> HttpResponse:
    user = request.user
    _officer_only(user)
    created = services.monitored_projects_register_disbursed(
        actor=user, county_ids=selectors.officer_county_ids(user=user)
    )
    if created:
        messages.success(
            request,
            ngettext(
                "%(count)s disbursed loan is now monitored.",
                "%(count)s disbursed loans are now monitored.",
                created,
            )
            % {"count": created},
        )
    else:
        messages.info(request, _("Every disbursed loan in your counties is already monitored."))
    return redirect("monitoring:project_list")


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    _officer_only(user)
    programmes = list(selectors.monitored_programmes(user=user))
    if not programmes:
        raise Http404
    counties = list(selectors.officer_counties(user=user))
    form = ProjectForm(
        request.POST or None,
        programmes=programmes,
        counties=counties,
        in_toman=_in_toman(programmes),
        initial={"kind": MonitoredProject.Kind.EMPLOYMENT_PROJECT},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        county = next(c for c in counties if str(c.pk) == data["county"])
        try:
            project = services.monitored_project_create(
                actor=user,
                programme=programme_by_ref(programmes, data["programme"]),
                county=county,
                name=data["name"],
                kind=data["kind"],
                funded_amount=form.funded_amount_stored(),
                jobs_planned=data["jobs_planned"],
                started_on=data["started_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project is now monitored."))
            return redirect("monitoring:project_detail", ref=project.ref)
    status = 422 if request.method == "POST" else 200
    return render(request, "monitoring/projects/form.html", {"form": form}, status=status)


@login_required
def project_detail(request: HttpRequest, ref: str) -> HttpResponse:
    user = request.user
    project = selectors.access_project(user=user, ref=ref)
    today = timezone.localdate()
    loan_in_arrears = None
    if project.loan_id:
        loan_in_arrears = loan_is_in_arrears(loan=project.loan, on=today)
    visits = list(project.visits.select_related("officer").prefetch_related("actions"))
    return render(
        request,
        "monitoring/projects/detail.html",
        {
            "project": project,
            "loan_in_arrears": loan_in_arrears,
            "visits": visits,
            "actions": list(project.actions.select_related("assignee", "done_by", "visit")),
            "close_form": CloseProjectForm(initial={"closed_on": today}),
            "complete_form": ActionCompleteForm(),
            "today": today,
            "funded_amount": format_programme_money(
                project.funded_amount, project.programme.currency, get_language()
            ),
        },
    )


@login_required
@require_POST
def project_close(request: HttpRequest, ref: str) -> HttpResponse:
    user = request.user
    project = selectors.access_project(user=user, ref=ref)
    form = CloseProjectForm(request.POST)
    if form.is_valid():
        try:
            services.monitored_project_close(
                actor=user, project=project, closed_on=form.cleaned_data["closed_on"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The project is closed."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("monitoring:project_detail", ref=project.ref)


@login_required
@require_POST
def project_reopen(request: HttpRequest, ref: str) -> HttpResponse:
    project = selectors.access_project(user=request.user, ref=ref)
    try:
        services.monitored_project_reopen(actor=request.user, project=project)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The project is active again."))
    return redirect("monitoring:project_detail", ref=project.ref)


# ---------------------------------------------------------------- visits and actions


@login_required
def visit_new(request: HttpRequest, ref: str) -> HttpResponse:
    user = request.user
    project = selectors.access_project(user=user, ref=ref)
    today = timezone.localdate()
    form = VisitForm(
        request.POST or None,
        has_loan=project.loan_id is not None,
        officers=list(selectors.fellow_officers(user=user)),
        initial={"visited_on": today, "mode": "in_person", "jobs_filled": project.jobs_planned},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.visit_record(
                actor=user,
                project=project,
                mode=data["mode"],
                visited_on=data["visited_on"],
                business_active=data["business_active"] == "yes",
                jobs_filled=data["jobs_filled"],
                instalments_up_to_date=form.instalments(),
                problems=data["problems"],
                findings=data["findings"],
                actions=[services.ActionSpec(**row) for row in form.actions()],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The visit has been recorded."))
            return redirect("monitoring:project_detail", ref=project.ref)
    prefill = None
    if project.loan_id:
        prefill = services.instalments_up_to_date_on(project, today)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "monitoring/visits/form.html",
        {"form": form, "project": project, "prefill": prefill},
        status=status,
    )


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    _officer_only(user)
    show = request.GET.get("show", "open")
    today = timezone.localdate()
    if show not in ("overdue", "done"):
        show = "open"
    actions = selectors.action_list(user=user, show=show, today=today)
    if show == "done":
        actions = actions.order_by("-done_on", "-id")
    page, query = paginate(request, actions)
    return render(
        request,
        "monitoring/actions/list.html",
        {"page_obj": page, "query_without_page": query, "show": show, "today": today},
    )


@login_required
@require_POST
def action_complete(request: HttpRequest, ref: str) -> HttpResponse:
    user = request.user
    action = selectors.access_action(user=user, ref=ref)
    form = ActionCompleteForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_action_complete(
                actor=user, action=action, done_on=form.cleaned_data.get("done_on")
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The action is marked done."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("monitoring:project_detail", ref=action.project.ref)


# ---------------------------------------------------------------- plans


def _plan_context(user: User):
    programmes = list(selectors.monitored_programmes(user=user))
    counties = list(selectors.officer_counties(user=user))
    if not programmes or not counties:
        raise Http404
    return programmes, counties


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    _officer_only(user)
    programmes, counties = _plan_context(user)
    today = timezone.localdate()
    calendar = programmes[0].calendar
    pick = PlanPickForm(
        programmes=programmes,
        counties=counties,
        periods=period_choices(calendar, today, get_language()),
        initial={"programme": programmes[0].ref, "period": current_quarter_key(calendar, today)},
    )
    page, query = paginate(request, selectors.visible_plans(user=user))
    return render(
        request,
        "monitoring/plans/list.html",
        {"pick": pick, "page_obj": page, "query_without_page": query},
    )


@login_required
def plan_edit(request: HttpRequest) -> HttpResponse:
    user = request.user
    _officer_only(user)
    programmes, counties = _plan_context(user)
    programme = programme_by_ref(programmes, request.GET.get("programme"))
    county = next((c for c in counties if str(c.pk) == request.GET.get("county")), None)
    if county is None:
        raise Http404
    try:
        period = period_from_key(programme.calendar, request.GET.get("period", ""))
    except PeriodError as error:
        messages.error(request, str(error))
        return redirect("monitoring:plan_list")
    projects = list(
        selectors.visible_projects(user=user)
        .filter(county=county, programme=programme, status=MonitoredProject.Status.ACTIVE)
        .order_by("name", "pk")
    )
    existing = (
        selectors.visible_plans(user=user)
        .filter(programme=programme, county=county, period_key=period.key)
        .first()
    )
    initial = {"planned_in_person": 0, "planned_remote": 0}
    if existing:
        initial = {
            "planned_in_person": existing.planned_in_person,
            "planned_remote": existing.planned_remote,
            "projects": list(existing.projects.values_list("ref", flat=True)),
            "notes": existing.notes,
        }
        # Closed since the plan was made: still listed, so saving does not drop them silently.
        known = {p.ref for p in projects}
        projects += [p for p in existing.projects.all() if p.ref not in known]
    form = PlanForm(request.POST or None, projects=projects, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.monitoring_plan_save(
                actor=user,
                programme=programme,
                county=county,
                period_key=period.key,
                planned_in_person=data["planned_in_person"],
                planned_remote=data["planned_remote"],
                projects=form.chosen_projects(),
                notes=data["notes"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The monitoring plan has been saved."))
            return redirect("monitoring:plan_list")
    progress = None
    if existing:
        progress = selectors.plan_progress(plan=existing, calendar=programme.calendar)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "monitoring/plans/form.html",
        {
            "form": form,
            "county": county,
            "period": period,
            "period_label": period.label(get_language()),
            "programme": programme,
            "existing": existing,
            "progress": progress,
        },
        status=status,
    )


# ---------------------------------------------------------------- coverage


def _coverage(request: HttpRequest):
    user = request.user
    programmes = list(selectors.monitored_programmes(user=user))
    if not programmes:
        raise Http404
    programme = programme_by_ref(programmes, request.GET.get("programme"))
    today = timezone.localdate()
    periods = period_choices(programme.calendar, today, get_language())
    key = request.GET.get("period") or periods[0][0]
    form = CoverageForm(
        {"programme": programme.ref, "period": key}, programmes=programmes, periods=periods
    )
    try:
        period = period_from_key(programme.calendar, key)
    except PeriodError:
        raise Http404 from None
    coverage = selectors.coverage_by_county(user=user, programme=programme, period=period)
    return form, coverage


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    form, figures = _coverage(request)
    return render(
        request,
        "monitoring/coverage.html",
        {
            "form": form,
            "coverage": figures,
            "period_label": figures.period.label(get_language()),
            "remote_counties": selectors.counties_covered_remotely(figures),
            "officer": selectors.is_officer(user=request.user),
            "export_query": f"programme={figures.programme.ref}&period={figures.period.key}",
        },
    )


def coverage_table(figures: selectors.Coverage) -> list[list]:
    """The coverage as rows for a spreadsheet: a header, one row per county, the total."""
    header = [
        _("County"),
        _("Active projects"),
        _("Visited in person"),
        _("Visited remotely"),
        _("Visited at all"),
        _("Share visited in person (%)"),
        _("Share visited remotely (%)"),
        _("Share visited at all (%)"),
    ]
    total_name = (
        _("Total: %(province)s") % {"province": figures.province.name}
        if figures.province
        else _("Total")
    )
    rows = [header]
    for row in [*figures.rows, figures.total]:
        rows.append(
            [
                row.county.name if row.county else total_name,
                row.active,
                row.in_person,
                row.remote,
                row.visited,
                row.share_in_person,
                row.share_remote,
                row.share_visited,
            ]
        )
    return rows


def _cells(row: list) -> list:
    """Hidden counts (columns 1 to 4) read "<5"; an undefined share is left empty."""
    return [
        ("<5" if 1 <= index <= 4 else "") if cell is None else cell
        for index, cell in enumerate(row)
    ]


@login_required
def coverage_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _form, figures = _coverage(request)
    table = coverage_table(figures)
    filename = f"coverage-{figures.period.key}"
    if fmt == "csv":
        return csv_response(f"{filename}.csv", table[0], [_cells(row) for row in table[1:]])
    cells = [_cells(row) for row in table[1:]]
    return xlsx_response(
        f"{filename}.xlsx",
        [(figures.period.key, table[0], cells)],
        right_to_left=get_language_bidi(),
    )


urlpatterns = [
    path("", home, name="home"),
    path("due/", due_list, name="due_list"),
    path("projects/", project_list, name="project_list"),
    path("projects/new/", project_new, name="project_new"),
    path("projects/register-loans/", register_loans, name="register_loans"),
    path("projects/<str:ref>/", project_detail, name="project_detail"),
    path("projects/<str:ref>/close/", project_close, name="project_close"),
    path("projects/<str:ref>/reopen/", project_reopen, name="project_reopen"),
    path("projects/<str:ref>/visits/new/", visit_new, name="visit_new"),
    path("actions/", action_list, name="action_list"),
    path("actions/<str:ref>/complete/", action_complete, name="action_complete"),
    path("plans/", plan_list, name="plan_list"),
    path("plans/edit/", plan_edit, name="plan_edit"),
    path("coverage/", coverage, name="coverage"),
    path("coverage/export.csv", coverage_export, {"fmt": "csv"}, name="coverage_csv"),
    path("coverage/export.xlsx", coverage_export, {"fmt": "xlsx"}, name="coverage_xlsx"),
]
