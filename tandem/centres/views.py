"""Job-support centre pages: the home (the manager's centre, or the region's centres with
their figures), the centre page, licences from application to decision, cohorts, enrolments,
exits and the follow-ups due.

Every page goes through an access check in `selectors` that raises Http404 alike for a centre
(licence, cohort, trainee, follow-up) that does not exist and one that is not the user's."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tandem.centres import selectors, services
from tandem.centres.forms import (
    CentreForm,
    CohortForm,
    EmptyForm,
    EnrolForm,
    ExitForm,
    FollowUpForm,
    GrantForm,
    InspectForm,
    LicenceApplyForm,
    ReasonForm,
    RegisterForm,
    RenewForm,
    ReviewForm,
    YearForm,
)
from tandem.centres.models import Centre, Licence
from tandem.core.forms import add_service_errors
from tandem.core.pagination import paginate
from tandem.core.periods import (
    GREGORIAN,
    Period,
    PeriodError,
    calendar_for_country,
    period_from_key,
    recent_years,
)


def _calendar(centres) -> str:
    first = centres.first()
    return calendar_for_country(first.county.country_code) if first else GREGORIAN


def _form_page(
    request: HttpRequest, form: forms.Form, *, save, done: str, **context
) -> HttpResponse:
    """The shape of every form page here: on a valid POST `save(cleaned_data)` calls the
    service and returns the URL to go to next; the service's ValidationError is shown on the
    form like the form's own errors, and nothing is saved."""
    if request.method == "POST" and form.is_valid():
        try:
            next_url = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(next_url)
    return render(request, "centres/form.html", {"form": form, **context})


def _period(request: HttpRequest, calendar: str) -> tuple[Period, YearForm]:
    today = timezone.localdate()
    years = recent_years(calendar, today, count=5)
    period = years[0]
    key = request.GET.get("year", "")
    if key:
        try:
            chosen = period_from_key(calendar, key)
        except PeriodError:
            chosen = None
        if chosen is not None and chosen.quarter is None and chosen.month is None:
            period = chosen
    if period not in years:
        years = [period, *years]
    return period, YearForm({"year": period.key}, years=years)


def _attach_licences(rows: list[dict], centres: list[Centre]) -> None:
    today = timezone.localdate()
    licences = selectors.current_licences(centres=centres)
    by_ref = {centre.ref: centre for centre in centres}
    for row in rows:
        licence = licences.get(by_ref[row["ref"]].pk)
        row["licence"] = licence
        row["licence_tag"] = licence_tag(licence, today)


def licence_tag(licence: Licence | None, today) -> dict:
    """What to show for a licence's state: a label and a tag style (never colour alone)."""
    if licence is None:
        return {"label": _("No licence"), "style": "cancelled"}
    if licence.is_expired_on(today):
        return {"label": _("Expired"), "style": "urgent"}
    style = {
        Licence.Status.GRANTED: "active",
        Licence.Status.RENEWED: "active",
        Licence.Status.SUSPENDED: "paused",
        Licence.Status.REVOKED: "cancelled",
        Licence.Status.REFUSED: "declined",
    }.get(licence.status, "requested")
    label = licence.get_status_display()
    if (
        licence.status in Licence.IN_FORCE
        and licence.valid_to
        and ((licence.valid_to - today).days <= selectors.EXPIRY_WARNING_DAYS)
    ):
        return {"label": _("%(status)s, expires soon") % {"status": label}, "style": "urgent"}
    return {"label": label, "style": style}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    centres = selectors.visible_centres(user=user)
    managed = list(selectors.managed_centres(user=user))
    supervised = selectors.supervised_centres(user=user).exists()
    unregistered = list(selectors.unregistered_organisations(user=user))
    if not managed and not centres.exists():
        if unregistered:
            return render(request, "centres/register_first.html", {"unregistered": unregistered})
        raise Http404
    if len(managed) == 1 and not supervised and centres.count() == 1 and not unregistered:
        return redirect("centres:detail", managed[0].ref)
    period, year_form = _period(request, _calendar(centres))
    rows = selectors.visible_figure_rows(user=user, period=period)
    _attach_licences(rows, list(centres))
    total = selectors.total_row(rows)
    aggregates_only = not managed and not supervised
    if aggregates_only:
        rows = selectors.suppress_small_counts(rows)
        total = selectors.suppress_small_counts([total])[0]
    return render(
        request,
        "centres/home.html",
        {
            "rows": rows,
            "total": total,
            "period": period,
            "year_form": year_form,
            "warnings": selectors.licence_warnings(user=user)[:20],
            "today": timezone.localdate(),
            "due_count": selectors.due_follow_ups(user=user).count() if managed else 0,
            "aggregates_only": aggregates_only,
        },
    )


@login_required
def detail(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_centre(user=request.user, ref=ref)
    centre = access.centre
    period, year_form = _period(request, calendar_for_country(centre.county.country_code))
    rows = selectors.visible_figure_rows(
        user=request.user, period=period, centres=Centre.objects.filter(pk=centre.pk)
    )
    row = rows[0]
    if access.aggregates_only and not access.supervises:
        row = selectors.suppress_small_counts(rows)[0]
    licence = selectors.current_licence(centre=centre)
    today = timezone.localdate()
    context = {
        "access": access,
        "centre": centre,
        "row": row,
        "period": period,
        "year_form": year_form,
        "licence": licence,
        "licence_tag": licence_tag(licence, today),
        "sees_licences": access.manages or access.supervises,
        "today": today,
    }
    if access.manages:
        cohorts, query = paginate(request, selectors.centre_cohorts(access=access))
        context.update(cohorts=cohorts, query=query)
        context["due_count"] = (
            selectors.due_follow_ups(user=request.user).filter(trainee__centre=centre).count()
        )
        context["can_apply"] = (
            licence is None or licence.status not in Licence.LIVE or (licence.is_expired_on(today))
        )
    return render(request, "centres/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def centre_edit(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_centre(user=request.user, ref=ref, supervise=True)
    centre = access.centre
    initial = {"capacity": centre.capacity, "address": centre.address, "trades": centre.trades}

    def save(data) -> str:
        services.centre_update(actor=request.user, centre=centre, **data)
        return reverse("centres:detail", args=[centre.ref])

    return _form_page(
        request,
        CentreForm(request.POST or None, initial=initial),
        save=save,
        done=_("The centre's details have been saved."),
        title=_("Change the centre's details"),
        centre=centre,
        submit=_("Save the changes"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, ref: str) -> HttpResponse:
    organisation = selectors.unregistered_organisations(user=request.user).filter(ref=ref).first()
    if organisation is None:
        raise Http404
    counties = list(selectors.counties_for(organisation=organisation))

    def save(data) -> str:
        centre = services.centre_register(
            actor=request.user,
            organisation=organisation,
            county=next(c for c in counties if str(c.pk) == data["county"]),
            address=data["address"],
            trades=data["trades"],
        )
        return reverse("centres:licence_apply", args=[centre.ref])

    return _form_page(
        request,
        RegisterForm(request.POST or None, counties=counties),
        save=save,
        done=_("The centre is registered: now apply for its licence."),
        title=_("Register the centre"),
        centre={"name": organisation.name},
        submit=_("Register the centre"),
        back_home=True,
    )


# ---------------------------------------------------------------- licences


@login_required
def licence_list(request: HttpRequest) -> HttpResponse:
    licences = selectors.visible_licences(user=request.user)
    if not (
        selectors.managed_centres(user=request.user).exists()
        or selectors.supervised_centres(user=request.user).exists()
    ):
        raise Http404
    show = request.GET.get("show", "")
    if show == "warnings":
        licences = selectors.licence_warnings(user=request.user)
    elif show in Licence.Status.values:
        licences = licences.filter(status=show)
    page, query = paginate(request, licences.order_by("centre__organisation__name", "-id"))
    today = timezone.localdate()
    for licence in page.object_list:
        licence.tag = licence_tag(licence, today)
    return render(
        request,
        "centres/licence_list.html",
        {
            "page_obj": page,
            "query": query,
            "show": show,
            "statuses": Licence.Status.choices,
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def licence_apply(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_centre(user=request.user, ref=ref, manage=True)
    centre = access.centre

    def save(data) -> str:
        licence = services.licence_apply(actor=request.user, centre=centre, **data)
        return reverse("centres:licence_detail", args=[licence.ref])

    return _form_page(
        request,
        LicenceApplyForm(
            request.POST or None,
            initial={"applicant_name": centre.organisation.name, "trades": centre.trades},
        ),
        save=save,
        done=_("The application has been sent."),
        title=_("Apply for a licence"),
        centre=centre,
        submit=_("Send the application"),
    )


@login_required
def licence_detail(request: HttpRequest, ref: str) -> HttpResponse:
    licence, access = selectors.access_licence(user=request.user, ref=ref)
    today = timezone.localdate()
    actions = [
        (name, spec["label"])
        for name, spec in LICENCE_ACTIONS.items()
        if licence.status in spec["from"] and _may_act(access, spec)
    ]
    return render(
        request,
        "centres/licence_detail.html",
        {
            "licence": licence,
            "centre": licence.centre,
            "access": access,
            "tag": licence_tag(licence, today),
            "actions": actions,
            "history": licence.history.select_related("history_user").order_by("-history_date")[
                :20
            ],
        },
    )


def _may_act(access, spec) -> bool:
    return (spec["who"] == "officer" and access.supervises) or (
        spec["who"] == "both" and (access.supervises or access.manages)
    )


LICENCE_ACTIONS = {
    "review": {
        "label": gettext_lazy("Start the review"),
        "form": ReviewForm,
        "from": (Licence.Status.APPLIED,),
        "who": "officer",
        "service": lambda actor, licence, data: services.licence_review_start(
            actor=actor, licence=licence, note=data["note"]
        ),
    },
    "inspect": {
        "label": gettext_lazy("Record the inspection"),
        "form": InspectForm,
        "from": (Licence.Status.UNDER_REVIEW, Licence.Status.INSPECTED),
        "who": "officer",
        "service": lambda actor, licence, data: services.licence_inspect(
            actor=actor, licence=licence, **data
        ),
    },
    "grant": {
        "label": gettext_lazy("Grant the licence"),
        "form": GrantForm,
        "from": (Licence.Status.INSPECTED,),
        "who": "officer",
        "service": lambda actor, licence, data: services.licence_grant(
            actor=actor, licence=licence, **data
        ),
    },
    "refuse": {
        "label": gettext_lazy("Refuse the application"),
        "form": ReasonForm,
        "from": Licence.PENDING,
        "who": "officer",
        "service": lambda actor, licence, data: services.licence_refuse(
            actor=actor, licence=licence, reason=data["reason"]
        ),
    },
    "renew": {
        "label": gettext_lazy("Renew the licence"),
        "form": RenewForm,
        "from": Licence.IN_FORCE,
        "who": "both",
        "service": lambda actor, licence, data: services.licence_renew(
            actor=actor, licence=licence, valid_to=data["valid_to"]
        ),
    },
    "suspend": {
        "label": gettext_lazy("Suspend the licence"),
        "form": ReasonForm,
        "from": Licence.IN_FORCE,
        "who": "officer",
        "service": lambda actor, licence, data: services.licence_suspend(
            actor=actor, licence=licence, reason=data["reason"]
        ),
    },
    "reinstate": {
        "label": gettext_lazy("Reinstate the licence"),
        "form": EmptyForm,
        "from": (Licence.Status.SUSPENDED,),
        "who": "officer",
        "service": lambda actor, licence, data: services.licence_reinstate(
            actor=actor, licence=licence
        ),
    },
    "revoke": {
        "label": gettext_lazy("Revoke the licence"),
        "form": ReasonForm,
        "from": (*Licence.IN_FORCE, Licence.Status.SUSPENDED),
        "who": "officer",
        "service": lambda actor, licence, data: services.licence_revoke(
            actor=actor, licence=licence, reason=data["reason"]
        ),
    },
}


@login_required
@require_http_methods(["GET", "POST"])
def licence_action(request: HttpRequest, ref: str, action: str) -> HttpResponse:
    spec = LICENCE_ACTIONS.get(action)
    if spec is None:
        raise Http404
    licence, access = selectors.access_licence(user=request.user, ref=ref)
    if not _may_act(access, spec):
        raise Http404

    def save(data) -> str:
        spec["service"](request.user, licence, data)
        return reverse("centres:licence_detail", args=[licence.ref])

    return _form_page(
        request,
        spec["form"](request.POST or None),
        save=save,
        done=_("The licence has been updated."),
        title=spec["label"],
        centre=licence.centre,
        licence=licence,
        submit=spec["label"],
    )


# ---------------------------------------------------------------- cohorts and trainees


@login_required
@require_http_methods(["GET", "POST"])
def cohort_new(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_centre(user=request.user, ref=ref, manage=True)

    def save(data) -> str:
        cohort = services.cohort_create(actor=request.user, centre=access.centre, **data)
        return reverse("centres:cohort_detail", args=[cohort.ref])

    return _form_page(
        request,
        CohortForm(request.POST or None),
        save=save,
        done=_("The cohort has been added."),
        title=_("Add a cohort"),
        centre=access.centre,
        submit=_("Add the cohort"),
    )


@login_required
def cohort_detail(request: HttpRequest, ref: str) -> HttpResponse:
    cohort, _access = selectors.access_cohort(user=request.user, ref=ref)
    trainees = cohort.trainees.select_related("participant").order_by(
        "participant__full_name", "id"
    )
    page, query = paginate(request, trainees)
    taken = selectors.in_training_count(centre=cohort.centre)
    return render(
        request,
        "centres/cohort_detail.html",
        {
            "cohort": cohort,
            "centre": cohort.centre,
            "page_obj": page,
            "query": query,
            "taken": taken,
            "places_free": max(cohort.centre.capacity - taken, 0),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest, ref: str) -> HttpResponse:
    cohort, _access = selectors.access_cohort(user=request.user, ref=ref)
    people = list(selectors.enrollable_people(user=request.user, centre=cohort.centre))

    def save(data) -> str:
        chosen = data["participant"]
        services.trainee_enrol(
            actor=request.user,
            cohort=cohort,
            participant=next(p for p in people if p.ref == chosen) if chosen else None,
            new_person=None if chosen else {"full_name": data["full_name"]},
            enrolled_on=data["enrolled_on"],
        )
        return reverse("centres:cohort_detail", args=[cohort.ref])

    return _form_page(
        request,
        EnrolForm(
            request.POST or None, people=people, initial={"enrolled_on": timezone.localdate()}
        ),
        save=save,
        done=_("The trainee has been enrolled."),
        title=_("Enrol a trainee"),
        centre=cohort.centre,
        cohort=cohort,
        submit=_("Enrol"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def trainee_exit(request: HttpRequest, ref: str) -> HttpResponse:
    trainee = selectors.access_trainee(user=request.user, ref=ref)

    def save(data) -> str:
        services.trainee_exit(actor=request.user, trainee=trainee, **data)
        return reverse("centres:cohort_detail", args=[trainee.cohort.ref])

    return _form_page(
        request,
        ExitForm(request.POST or None, initial={"exited_on": timezone.localdate()}),
        save=save,
        done=_("The exit has been recorded."),
        title=_("Record the exit"),
        centre=trainee.centre,
        cohort=trainee.cohort,
        lede=trainee.participant.full_name,
        submit=_("Record the exit"),
    )


@login_required
def follow_ups(request: HttpRequest) -> HttpResponse:
    if not selectors.managed_centres(user=request.user).exists():
        raise Http404
    page, query = paginate(request, selectors.due_follow_ups(user=request.user))
    return render(
        request,
        "centres/follow_ups.html",
        {"page_obj": page, "query": query, "today": timezone.localdate()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_record(request: HttpRequest, ref: str) -> HttpResponse:
    follow_up = selectors.access_follow_up(user=request.user, ref=ref)

    def save(data) -> str:
        services.follow_up_record(actor=request.user, follow_up=follow_up, **data)
        return reverse("centres:follow_ups")

    return _form_page(
        request,
        FollowUpForm(request.POST or None, initial={"done_on": timezone.localdate()}),
        save=save,
        done=_("The follow-up has been recorded."),
        title=_("Record a follow-up"),
        centre=follow_up.trainee.centre,
        lede=follow_up.trainee.participant.full_name,
        submit=_("Record the follow-up"),
    )


urlpatterns = [
    path("", home, name="home"),
    path("licences/", licence_list, name="licence_list"),
    path("licences/<str:ref>/", licence_detail, name="licence_detail"),
    path("licences/<str:ref>/<slug:action>/", licence_action, name="licence_action"),
    path("register/<str:ref>/", register, name="register"),
    path("follow-ups/", follow_ups, name="follow_ups"),
    path("follow-ups/<str:ref>/", follow_up_record, name="follow_up_record"),
    path("cohorts/<str:ref>/", cohort_detail, name="cohort_detail"),
    path("cohorts/<str:ref>/enrol/", enrol, name="enrol"),
    path("trainees/<str:ref>/exit/", trainee_exit, name="trainee_exit"),
    path("<str:ref>/", detail, name="detail"),
    path("<str:ref>/edit/", centre_edit, name="edit"),
    path("<str:ref>/apply/", licence_apply, name="licence_apply"),
    path("<str:ref>/cohorts/new/", cohort_new, name="cohort_new"),
]
