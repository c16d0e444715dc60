"""A person's way into work and staying there: job preferences, vacancies ranked for them (and
people ranked for a vacancy), placements with in-work support, the 13/26/52-week checks,
follow-ups and the end of a job; and the signed-in user's due and overdue checks.

Everything about a person goes through `access_participant` (writes need Access.WRITE), and
every sub-object is looked up within this person's placements, so a reference belonging to
anyone else is a 404 like a missing one."""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.casework.selectors import open_enrolments
from tandem.core.access import CASEWORK_ROLES, Access, Role
from tandem.core.forms import add_service_errors
from tandem.core.pagination import paginate
from tandem.employment import occupations, outcomes, selectors, services
from tandem.employment.forms.placements import (
    CheckRecordForm,
    FollowUpDoneForm,
    InWorkSupportForm,
    JobPreferencesForm,
    PlacementEndForm,
    PlacementForm,
)
from tandem.employment.matching import WEIGHTS, Reason
from tandem.employment.models import (
    FollowUp,
    JobPreferences,
    Placement,
    SustainmentCheck,
    Vacancy,
)
from tandem.organisations.models import Region
from tandem.organisations.selectors import has_role
from tandem.participants.models import AccessLogEntry, Participant
from tandem.participants.selectors import ParticipantAccess, access_participant
from tandem.participants.services import access_log_record

# Follow-ups are offered for recording from this many days before they are due; later ones
# are listed as scheduled.
FOLLOW_UP_FORM_DAYS = 14


def _log_read(request: HttpRequest, access: ParticipantAccess) -> None:
    access_log_record(
        user=request.user,
        access=access,
        action=AccessLogEntry.Action.VIEW_RECORD,
        channel=AccessLogEntry.Channel.WEB,
    )


def _renamed(error: ValidationError, names: dict[str, str]) -> ValidationError:
    """A service's error with its field names changed to the form's."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {names.get(key, key): errors for key, errors in error.error_dict.items()}
    )


def _paginate_as(request: HttpRequest, items, param: str) -> tuple[Page, str]:
    """A second list on a page, with its own page number in the query string."""
    page = Paginator(items, settings.PAGE_SIZE).get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    encoded = query.urlencode()
    return page, f"{encoded}&" if encoded else ""


def vacancy_url(vacancy: Vacancy | None) -> str | None:
    # The vacancy page belongs to the vacancies area; link to it only where it is mounted.
    if vacancy is None:
        return None
    try:
        return reverse("employment:vacancy_detail", args=[vacancy.ref])
    except NoReverseMatch:
        return None


def _preferences(participant: Participant) -> JobPreferences | None:
    # Only ever called with the record access_participant has just authorised.
    return (
        JobPreferences.objects.filter(participant=participant).select_related("home_region").first()
    )


# ---------------------------------------------------------------- preferences


def _regions(participant: Participant) -> list[Region]:
    """Where the person may live: the areas of the owning organisation's country."""
    country = participant.owning_organisation.region.country_code
    return list(
        Region.objects.filter(country_code=country)
        .exclude(kind=Region.Kind.COUNTRY)
        .select_related("parent")
        .order_by("name", "pk")
    )


def _preferences_initial(preferences: JobPreferences | None) -> dict:
    if preferences is None:
        return {}
    return {
        "occupations": preferences.occupations,
        "skills": ", ".join(preferences.skills or []),
        "hours_min": preferences.hours_min,
        "hours_max": preferences.hours_max,
        "max_travel_km": preferences.max_travel_km,
        "home_region": str(preferences.home_region_id or ""),
        "home_latitude": preferences.home_latitude,
        "home_longitude": preferences.home_longitude,
        "adjustments_needed": preferences.adjustments_needed,
        "wishes": preferences.wishes,
    }


@login_required
def preferences_edit(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    participant = access.participant
    form = JobPreferencesForm(
        request.POST if request.method == "POST" else None,
        regions=_regions(participant),
        initial=_preferences_initial(_preferences(participant)),
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.job_preferences_set(
                    actor=request.user, participant=participant, data=form.service_data()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The job preferences have been saved."))
                return redirect("employment:matches", ref=ref)
    else:
        # The form shows what the person said they want: opening it is a read.
        _log_read(request, access)
    return render(
        request,
        "employment/placements/preferences.html",
        {"form": form, "participant": participant, "access": access},
        status=422 if request.method == "POST" else 200,
    )


# ---------------------------------------------------------------- matching


@dataclass(frozen=True)
class ReasonRow:
    reason: Reason
    out_of: int


@dataclass(frozen=True)
class MatchRow:
    score: int
    reasons: list[ReasonRow]
    travel: str
    vacancy: Vacancy | None = None
    participant: Participant | None = None
    occupation: str = ""
    vacancy_url: str | None = None


def _reason_rows(reasons: list[Reason]) -> list[ReasonRow]:
    return [ReasonRow(reason=reason, out_of=WEIGHTS.get(reason.factor, 0)) for reason in reasons]


def _travel(reasons: list[Reason]) -> str:
    return next((reason.text for reason in reasons if reason.factor == "travel"), "")


@login_required
def matches(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.READ)
    _log_read(request, access)
    preferences = _preferences(access.participant)
    found = (
        selectors.matches_for_participant(access=access, user=request.user)
        if preferences is not None
        else []
    )
    rows = [
        MatchRow(
            score=item.match.score,
            reasons=_reason_rows(item.match.reasons),
            travel=_travel(item.match.reasons),
            vacancy=item.vacancy,
            occupation=occupations.describe(item.vacancy.occupation),
            vacancy_url=vacancy_url(item.vacancy),
        )
        for item in found
    ]
    place_url = reverse("employment:placement_new", kwargs={"ref": ref})
    return render(
        request,
        "employment/placements/matches.html",
        {
            "access": access,
            "participant": access.participant,
            "preferences": preferences,
            "preferred_occupations": [
                occupations.describe(code)
                for code in (preferences.occupations if preferences else [])
            ],
            "rows": rows,
            "place_url": place_url,
        },
    )


@login_required
def vacancy_candidates(request: HttpRequest, vacancy_ref: str) -> HttpResponse:
    vacancy = selectors.access_vacancy(user=request.user, ref=vacancy_ref)
    found = selectors.matches_for_vacancy(user=request.user, vacancy=vacancy)
    rows = [
        MatchRow(
            score=item.match.score,
            reasons=_reason_rows(item.match.reasons),
            travel=_travel(item.match.reasons),
            participant=item.participant,
        )
        for item in found
    ]
    return render(
        request,
        "employment/placements/candidates.html",
        {
            "vacancy": vacancy,
            "vacancy_url": vacancy_url(vacancy),
            "occupation": occupations.describe(vacancy.occupation),
            "rows": rows,
        },
    )


# ---------------------------------------------------------------- placements


@dataclass(frozen=True)
class CheckRow:
    check: SustainmentCheck
    # Counted as sustained at this point by the programme's definition: a job outcome whose
    # check confirmed the person in work (as `outcomes.sustained_outcomes` counts it).
    sustained: bool
    form: forms.Form | None = None


@dataclass(frozen=True)
class FollowUpRow:
    follow_up: FollowUp
    form: forms.Form | None = None


@dataclass
class PlacementRow:
    placement: Placement
    job_outcome: bool
    checks: list[CheckRow] = field(default_factory=list)


def _placement_row(placement: Placement) -> PlacementRow:
    # The checks come prefetched by `placements_for`: no query per placement.
    outcome = outcomes.is_job_outcome(placement, placement.enrolment.programme)
    return PlacementRow(
        placement=placement,
        job_outcome=outcome,
        checks=[
            CheckRow(
                check=check,
                sustained=outcome and check.status == SustainmentCheck.Status.CONFIRMED,
            )
            for check in placement.checks.all()
        ],
    )


def _placement(access: ParticipantAccess, placement_ref: str) -> Placement:
    placement = selectors.placements_for(access=access).filter(ref=placement_ref).first()
    if placement is None:
        raise Http404
    return placement


@login_required
def placement_list(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.READ)
    _log_read(request, access)
    page, query = paginate(request, selectors.placements_for(access=access))
    return render(
        request,
        "employment/placements/list.html",
        {
            "access": access,
            "participant": access.participant,
            "page_obj": page,
            "query_without_page": query,
            "rows": [_placement_row(placement) for placement in page.object_list],
        },
    )


def _vacancy_from_query(request: HttpRequest) -> Vacancy | None:
    """The vacancy named by ?vacancy= (or the form's hidden field): one the user may see."""
    ref = request.POST.get("vacancy") if request.method == "POST" else request.GET.get("vacancy")
    if not ref:
        return None
    vacancy = selectors.visible_vacancies(user=request.user).filter(ref=ref).first()
    if vacancy is None:
        raise Http404
    return vacancy


def _placement_initial(
    vacancy: Vacancy | None, preferences: JobPreferences | None, enrolments: list
) -> dict:
    initial: dict = {"kind": Placement.Kind.EMPLOYED, "pay_period": Vacancy.PayPeriod.HOUR}
    if enrolments:
        initial["enrolment"] = enrolments[0].ref
    if vacancy is None:
        return initial
    needed = set(preferences.adjustments_needed or []) if preferences else set()
    return initial | {
        "vacancy": vacancy.ref,
        "kind": Placement.Kind.APPRENTICESHIP
        if vacancy.contract == Vacancy.Contract.APPRENTICESHIP
        else Placement.Kind.EMPLOYED,
        "employer": vacancy.employer.ref,
        "job_title": vacancy.title,
        "occupation": vacancy.occupation,
        "hours_per_week": vacancy.hours_per_week,
        "pay": vacancy.pay,
        "pay_period": vacancy.pay_period,
        # What the person needs and the job allows is the starting point for the agreement.
        "adjustments_agreed": sorted(needed & set(vacancy.adjustments_possible or [])),
    }


@login_required
def placement_new(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    participant = access.participant
    vacancy = _vacancy_from_query(request)
    enrolments = list(open_enrolments(participant=participant).order_by("-started_on", "-id"))
    employers = list(selectors.visible_employers(user=request.user).order_by("name", "pk"))
    currencies = {enrolment.programme.currency for enrolment in enrolments}
    form = PlacementForm(
        request.POST if request.method == "POST" else None,
        enrolments=enrolments,
        employers=employers,
        currency=next(iter(currencies)) if len(currencies) == 1 else "",
        initial=_placement_initial(vacancy, _preferences(participant), enrolments),
    )
    if request.method == "POST" and enrolments and form.is_valid():
        data = form.cleaned_data
        try:
            placement = services.placement_start(
                actor=request.user,
                enrolment=form.enrolment_chosen(),
                kind=data["kind"],
                job_title=data["job_title"],
                started_on=data["started_on"],
                hours_per_week=data["hours_per_week"],
                employer=form.employer_chosen(),
                vacancy=vacancy,
                occupation=data["occupation"],
                pay=data["pay"],
                pay_period=data["pay_period"],
                adjustments_agreed=data["adjustments_agreed"],
                adjustments_note=data["adjustments_note"],
                disclosed_to_employer=data["disclosed_to_employer"],
                earnings_evidence=data["earnings_evidence"],
            )
        except ValidationError as error:
            # A vacancy with another employer is a choice of employer to correct.
            add_service_errors(form, _renamed(error, {"vacancy": "employer"}))
        else:
            messages.success(
                request,
                _(
                    "The job start has been recorded. The checks at 13, 26 and 52 weeks "
                    "are scheduled."
                ),
            )
            return redirect("employment:placement_detail", ref=ref, placement_ref=placement.ref)
    if request.method != "POST":
        _log_read(request, access)
    return render(
        request,
        "employment/placements/new.html",
        {
            "form": form,
            "participant": participant,
            "access": access,
            "vacancy": vacancy,
            "vacancy_url": vacancy_url(vacancy),
            "enrolments": enrolments,
        },
        status=422 if request.method == "POST" else 200,
    )


def _render_detail(
    request: HttpRequest,
    access: ParticipantAccess,
    placement: Placement,
    bound: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    """The placement with its forms; `bound` holds a refused form (by its context name, or by
    ("check", ref) / ("follow_up", ref)) to show again with its errors."""
    bound = bound or {}
    today = timezone.localdate()
    row = _placement_row(placement)
    can_write = access.can_write
    shown: set = set()
    # A check is offered for recording once the service would accept it.
    recordable_until = today + datetime.timedelta(days=services.EARLY_CHECK_DAYS)

    def form_for(key, make):
        shown.add(key)
        return bound.get(key) or make()

    checks = [
        CheckRow(
            check=item.check,
            sustained=item.sustained,
            form=form_for(
                ("check", item.check.ref),
                lambda ref=item.check.ref: CheckRecordForm(
                    prefix=f"check-{ref}", initial={"checked_on": today}
                ),
            )
            if can_write
            and item.check.status == SustainmentCheck.Status.DUE
            and item.check.due_on <= recordable_until
            else None,
        )
        for item in row.checks
    ]
    horizon = today + datetime.timedelta(days=FOLLOW_UP_FORM_DAYS)
    follow_ups = [
        FollowUpRow(
            follow_up=follow_up,
            form=form_for(
                ("follow_up", follow_up.ref),
                lambda ref=follow_up.ref: FollowUpDoneForm(prefix=f"follow_up-{ref}"),
            )
            if can_write and follow_up.done_on is None and follow_up.due_on <= horizon
            else None,
        )
        for follow_up in placement.follow_ups.all()
    ]
    support_page, support_query = paginate(
        request, placement.support.select_related("staff").order_by("-happened_on", "-id")
    )
    context = {
        "access": access,
        "participant": access.participant,
        "placement": placement,
        "programme": placement.enrolment.programme,
        "job_outcome": row.job_outcome,
        "checks": checks,
        "follow_ups": follow_ups,
        "page_obj": support_page,
        "query_without_page": support_query,
        "vacancy_url": vacancy_url(placement.vacancy),
        "occupation": occupations.describe(placement.occupation),
    }
    if can_write:
        context["support_form"] = form_for(
            "support_form",
            lambda: InWorkSupportForm(prefix="support", initial={"happened_on": today}),
        )
        if placement.ended_on is None:
            context["end_form"] = form_for(
                "end_form",
                lambda: PlacementEndForm(
                    prefix="end", initial={"ended_on": today, "back_to_job_finding": True}
                ),
            )
    # A refused form with no place on the page any more (the check was recorded meanwhile,
    # the job has ended) still says why at the top.
    context["refused"] = next((form for key, form in bound.items() if key not in shown), None)
    return render(request, "employment/placements/detail.html", context, status=status)


def _refused(
    request: HttpRequest, access: ParticipantAccess, placement: Placement, key, form: forms.Form
) -> HttpResponse:
    # The refused form is shown on the whole placement again, so this is a read of it too.
    _log_read(request, access)
    return _render_detail(request, access, placement, bound={key: form}, status=422)


@login_required
def placement_detail(request: HttpRequest, ref: str, placement_ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.READ)
    placement = _placement(access, placement_ref)
    _log_read(request, access)
    return _render_detail(request, access, placement)


def _to_detail(ref: str, placement: Placement) -> HttpResponse:
    return redirect("employment:placement_detail", ref=ref, placement_ref=placement.ref)


@login_required
@require_POST
def support_record(request: HttpRequest, ref: str, placement_ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    placement = _placement(access, placement_ref)
    form = InWorkSupportForm(request.POST, prefix="support")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.in_work_support_record(
                actor=request.user,
                placement=placement,
                with_whom=data["with_whom"],
                summary=data["summary"],
                channel=data["channel"],
                happened_on=data["happened_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The in-work support has been recorded."))
            return _to_detail(ref, placement)
    return _refused(request, access, placement, "support_form", form)


@login_required
@require_POST
def check_record(
    request: HttpRequest, ref: str, placement_ref: str, check_ref: str
) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    placement = _placement(access, placement_ref)
    check = next((item for item in placement.checks.all() if item.ref == check_ref), None)
    if check is None:
        raise Http404
    form = CheckRecordForm(request.POST, prefix=f"check-{check.ref}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            recorded = services.sustainment_check_record(
                actor=request.user,
                check=check,
                in_work=data["in_work"] == "yes",
                evidence=data["evidence"],
                checked_on=data["checked_on"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The %(weeks)s-week check has been recorded: %(status)s.")
                % {"weeks": recorded.weeks, "status": recorded.get_status_display()},
            )
            return _to_detail(ref, placement)
    return _refused(request, access, placement, ("check", check.ref), form)


@login_required
@require_POST
def follow_up_done(
    request: HttpRequest, ref: str, placement_ref: str, follow_up_ref: str
) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    placement = _placement(access, placement_ref)
    follow_up = next(
        (item for item in placement.follow_ups.all() if item.ref == follow_up_ref), None
    )
    if follow_up is None:
        raise Http404
    form = FollowUpDoneForm(request.POST, prefix=f"follow_up-{follow_up.ref}")
    if form.is_valid():
        try:
            services.follow_up_complete(
                actor=request.user, follow_up=follow_up, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The follow-up has been recorded as done."))
            return _to_detail(ref, placement)
    return _refused(request, access, placement, ("follow_up", follow_up.ref), form)


@login_required
@require_POST
def placement_end(request: HttpRequest, ref: str, placement_ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    placement = _placement(access, placement_ref)
    form = PlacementEndForm(request.POST, prefix="end")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.placement_end(
                actor=request.user,
                placement=placement,
                ended_on=data["ended_on"],
                reason=data["reason"],
                note=data["note"],
                back_to_job_finding=data["back_to_job_finding"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if data["back_to_job_finding"]:
                messages.success(
                    request, _("The end of the job has been recorded. Back to job finding.")
                )
            else:
                messages.success(request, _("The end of the job has been recorded."))
            return _to_detail(ref, placement)
    return _refused(request, access, placement, "end_form", form)


# ---------------------------------------------------------------- due and overdue


@login_required
def due(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not has_role(user=user, roles=CASEWORK_ROLES):
        raise Http404
    today = timezone.localdate()
    checks, checks_query = _paginate_as(
        request, selectors.checks_due(user=user, key_worker=user), "checks"
    )
    follow_ups, follow_ups_query = _paginate_as(
        request,
        selectors.follow_ups_due(user=user, key_worker=user).select_related("placement__employer"),
        "follow_ups",
    )
    context = {
        "today": today,
        "checks": checks,
        "checks_query": checks_query,
        "follow_ups": follow_ups,
        "follow_ups_query": follow_ups_query,
        "is_lead": False,
    }
    if has_role(user=user, roles={Role.TEAM_LEAD}):
        team = selectors.team_members(user=user)
        team_checks, team_checks_query = _paginate_as(
            request,
            selectors.checks_due(user=user)
            .filter(due_on__lt=today, placement__enrolment__key_worker__in=team)
            .select_related("placement__enrolment__key_worker"),
            "team_checks",
        )
        team_follow_ups, team_follow_ups_query = _paginate_as(
            request,
            selectors.follow_ups_due(user=user, overdue_only=True)
            .filter(placement__enrolment__key_worker__in=team)
            .select_related("placement__employer"),
            "team_follow_ups",
        )
        context |= {
            "is_lead": True,
            "team_checks": team_checks,
            "team_checks_query": team_checks_query,
            "team_follow_ups": team_follow_ups,
            "team_follow_ups_query": team_follow_ups_query,
        }
    return render(request, "employment/placements/due.html", context)


urlpatterns = [
    path("due/", due, name="due"),
    path("vacancies/<str:vacancy_ref>/candidates/", vacancy_candidates, name="vacancy_candidates"),
    path("participants/<str:ref>/preferences/", preferences_edit, name="preferences"),
    path("participants/<str:ref>/matches/", matches, name="matches"),
    path("participants/<str:ref>/placements/", placement_list, name="placements"),
    path("participants/<str:ref>/placements/new/", placement_new, name="placement_new"),
    path(
        "participants/<str:ref>/placements/<str:placement_ref>/",
        placement_detail,
        name="placement_detail",
    ),
    path(
        "participants/<str:ref>/placements/<str:placement_ref>/support/",
        support_record,
        name="placement_support",
    ),
    path(
        "participants/<str:ref>/placements/<str:placement_ref>/checks/<str:check_ref>/",
        check_record,
        name="placement_check",
    ),
    path(
        "participants/<str:ref>/placements/<str:placement_ref>/follow-ups/<str:follow_up_ref>/",
        follow_up_done,
        name="placement_follow_up",
    ),
    path(
        "participants/<str:ref>/placements/<str:placement_ref>/end/",
        placement_end,
        name="placement_end",
    ),
]
