"""Employers, the specialists' contacts with them, and each specialist's employer contacts per
week (IPS job development), visible to them and to their team lead.

Employers are kept by an organisation: every page goes through `selectors.access_employer` or
`selectors.visible_employers`, so another organisation's employer is a 404 like a missing one."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, Q, QuerySet, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.access import CASEWORK_ROLES
from tandem.core.forms import add_service_errors
from tandem.core.pagination import paginate
from tandem.employment import selectors, services
from tandem.employment.forms.employers import (
    EmployerContactForm,
    EmployerCreateForm,
    EmployerFilterForm,
    EmployerForm,
)
from tandem.employment.models import Adjustment, EmployerContact, Vacancy
from tandem.organisations.models import Organisation, Region, User
from tandem.organisations.selectors import organisation_ids_for

# Contacts listed under the weekly figures; the whole log is on each employer's page.
RECENT_CONTACTS = 20
VACANCIES_PAGE = "vacancies"


def casework_organisations(user: User) -> list[Organisation]:
    """The organisations whose employers the user works with (the same rule as
    `selectors.visible_employers`)."""
    ids = organisation_ids_for(user=user, roles=CASEWORK_ROLES)
    return list(Organisation.objects.filter(pk__in=ids).select_related("region").order_by("name"))


def regions_for(country_codes: set[str]) -> list[Region]:
    return list(
        Region.objects.filter(country_code__in=country_codes)
        .select_related("parent")
        .order_by("name", "pk")
    )


def open_now() -> Q:
    """Open vacancies, as `selectors.open_vacancies` counts them, seen from an employer."""
    today = timezone.localdate()
    return Q(vacancies__status=Vacancy.Status.OPEN) & (
        Q(vacancies__closing_on__isnull=True) | Q(vacancies__closing_on__gte=today)
    )


def paginate_as(request: HttpRequest, items, param: str) -> tuple[Page, str]:
    """A second list on a page, with its own page number in the query string."""
    page = Paginator(items, settings.PAGE_SIZE).get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    encoded = query.urlencode()
    return page, f"{encoded}&" if encoded else ""


def adjustment_labels(codes: list[str]) -> list[str]:
    labels = dict(Adjustment.choices)
    return [str(labels.get(code, code)) for code in codes or []]


def _wrong_country(form, organisation: Organisation) -> bool:
    region = form.service_data()["region"]
    if region.country_code != organisation.region.country_code:
        form.add_error("region", _("Choose an area in the organisation's country."))
        return True
    return False


@login_required
def employer_list(request: HttpRequest) -> HttpResponse:
    if not casework_organisations(request.user):
        raise Http404
    employers = selectors.visible_employers(user=request.user)
    sectors = list(
        employers.exclude(sector="").order_by("sector").values_list("sector", flat=True).distinct()
    )
    areas = list(
        Region.objects.filter(pk__in=employers.values("region_id"))
        .select_related("parent")
        .order_by("name")
    )
    form = EmployerFilterForm(request.GET or None, sectors=sectors, areas=areas)
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("search"):
        employers = employers.filter(name__icontains=filters["search"].strip())
    if filters.get("sector"):
        employers = employers.filter(sector=filters["sector"])
    if filters.get("area"):
        employers = employers.filter(
            Q(region_id=filters["area"]) | Q(region__parent_id=filters["area"])
        )
    # One query for the page, however many vacancies each employer has.
    employers = employers.annotate(open_vacancies=Count("vacancies", filter=open_now())).order_by(
        "name", "pk"
    )
    page, query = paginate(request, employers)
    return render(
        request,
        "employment/employers/list.html",
        {
            "form": form,
            "filtered": any(filters.values()),
            "page_obj": page,
            "query_without_page": query,
        },
    )


@login_required
def employer_new(request: HttpRequest) -> HttpResponse:
    organisations = casework_organisations(request.user)
    if not organisations:
        raise Http404
    form = EmployerCreateForm(
        request.POST or None,
        organisations=organisations,
        regions=regions_for({org.region.country_code for org in organisations}),
        initial={
            "organisation": organisations[0].ref,
            "region": str(organisations[0].region_id),
        },
    )
    if request.method == "POST" and form.is_valid():
        organisation = next(
            org for org in organisations if org.ref == form.cleaned_data["organisation"]
        )
        if not _wrong_country(form, organisation):
            try:
                employer = services.employer_create(
                    actor=request.user, organisation=organisation, data=form.service_data()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The employer has been added."))
                return redirect("employment:employer_detail", ref=employer.ref)
    status = 422 if request.method == "POST" else 200
    return render(request, "employment/employers/form.html", {"form": form}, status=status)


@login_required
def employer_detail(request: HttpRequest, ref: str) -> HttpResponse:
    employer = selectors.access_employer(user=request.user, ref=ref)
    contacts, contacts_query = paginate(
        request, employer.contacts.select_related("specialist").order_by("-contacted_on", "-id")
    )
    vacancies, vacancies_query = paginate_as(
        request,
        selectors.visible_vacancies(user=request.user)
        .filter(employer=employer)
        .order_by(
            Case(When(status=Vacancy.Status.OPEN, then=0), default=1),
            F("closing_on").asc(nulls_last=True),
            "title",
            "pk",
        ),
        VACANCIES_PAGE,
    )
    recorded = None
    if request.GET.get("recorded"):
        recorded = employer.contacts.filter(ref=request.GET["recorded"]).first()
    return render(
        request,
        "employment/employers/detail.html",
        {
            "employer": employer,
            "adjustments": adjustment_labels(employer.adjustments_offered),
            "contacts_page": contacts,
            "contacts_query": contacts_query,
            "vacancies_page": vacancies,
            "vacancies_query": vacancies_query,
            "vacancies_param": VACANCIES_PAGE,
            "recorded": recorded,
            "today": timezone.localdate(),
        },
    )


EDITABLE = [
    "name",
    "sector",
    "size",
    "address",
    "latitude",
    "longitude",
    "contact_name",
    "contact_role",
    "contact_phone",
    "contact_email",
    "adjustments_offered",
    "accessibility",
    "disclosure_stance",
    "notes",
]


@login_required
def employer_edit(request: HttpRequest, ref: str) -> HttpResponse:
    employer = selectors.access_employer(user=request.user, ref=ref)
    organisation = employer.organisation
    form = EmployerForm(
        request.POST or None,
        regions=regions_for({organisation.region.country_code}),
        initial={field: getattr(employer, field) for field in EDITABLE}
        | {"region": str(employer.region_id)},
    )
    if request.method == "POST" and form.is_valid() and not _wrong_country(form, organisation):
        try:
            services.employer_update(
                actor=request.user, employer=employer, data=form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("employment:employer_detail", ref=employer.ref)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "employment/employers/form.html",
        {"form": form, "employer": employer},
        status=status,
    )


@login_required
def employer_contact_new(request: HttpRequest, ref: str) -> HttpResponse:
    employer = selectors.access_employer(user=request.user, ref=ref)
    form = EmployerContactForm(request.POST or None, initial={"contacted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.employer_contact_record(
                actor=request.user, employer=employer, **form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contact has been recorded."))
            detail = reverse("employment:employer_detail", kwargs={"ref": employer.ref})
            return redirect(f"{detail}?recorded={contact.ref}")
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "employment/employers/contact_form.html",
        {"form": form, "employer": employer},
        status=status,
    )


# ---------------------------------------------------------------- contacts per week


@dataclass(frozen=True)
class TeamRow:
    member: User
    this_week: int
    this_week_met: int
    last_week: int
    last_week_met: int


def _team_rows(members: list[User], this_monday: datetime.date) -> list[TeamRow]:
    """This week's and last week's contacts of a page of team members, in one query."""
    last_monday = this_monday - datetime.timedelta(weeks=1)
    this_week = Q(contacted_on__gte=this_monday)
    last_week = Q(contacted_on__lt=this_monday)
    met = Q(met_hiring_manager=True)
    counts = {
        row["specialist_id"]: row
        for row in EmployerContact.objects.filter(
            specialist__in=[member.pk for member in members], contacted_on__gte=last_monday
        )
        .order_by()
        .values("specialist_id")
        .annotate(
            this_week=Count("id", filter=this_week),
            this_week_met=Count("id", filter=this_week & met),
            last_week=Count("id", filter=last_week),
            last_week_met=Count("id", filter=last_week & met),
        )
    }
    empty = {"this_week": 0, "this_week_met": 0, "last_week": 0, "last_week_met": 0}
    return [
        TeamRow(
            member=member,
            this_week=counts.get(member.pk, empty)["this_week"],
            this_week_met=counts.get(member.pk, empty)["this_week_met"],
            last_week=counts.get(member.pk, empty)["last_week"],
            last_week_met=counts.get(member.pk, empty)["last_week_met"],
        )
        for member in members
    ]


def _recent_contacts(user: User, specialist: User) -> QuerySet[EmployerContact]:
    # Only contacts with employers the viewer may open: a member may also work for an
    # organisation the lead does not lead.
    return (
        EmployerContact.objects.filter(
            specialist=specialist, employer__in=selectors.visible_employers(user=user)
        )
        .select_related("employer")
        .order_by("-contacted_on", "-id")[:RECENT_CONTACTS]
    )


@login_required
def contacts_by_week(request: HttpRequest) -> HttpResponse:
    if not organisation_ids_for(user=request.user, roles=CASEWORK_ROLES):
        raise Http404
    specialist = request.user
    username = request.GET.get("specialist", "")
    if username and username != request.user.username:
        specialist = User.objects.filter(username=username, is_active=True).first()
        if specialist is None or not selectors.may_see_contacts_of(
            user=request.user, specialist=specialist
        ):
            raise Http404
    weeks = selectors.employer_contacts_by_week(specialist=specialist)
    members = list(selectors.team_members(user=request.user))
    context = {
        "specialist": specialist,
        "own": specialist.pk == request.user.pk,
        "weeks": weeks,
        "totals": {
            "contacts": sum(week.contacts for week in weeks),
            "met": sum(week.met_hiring_manager for week in weeks),
        },
        "recent": list(_recent_contacts(request.user, specialist)),
        "members": members,
    }
    if members:
        page, query = paginate(request, members)
        today = timezone.localdate()
        context |= {
            "page_obj": page,
            "query_without_page": query,
            "team_rows": _team_rows(
                list(page.object_list), today - datetime.timedelta(days=today.weekday())
            ),
        }
    return render(request, "employment/employers/contacts_by_week.html", context)


urlpatterns = [
    path("employers/", employer_list, name="employer_list"),
    path("employers/new/", employer_new, name="employer_new"),
    path("employers/<str:ref>/", employer_detail, name="employer_detail"),
    path("employers/<str:ref>/edit/", employer_edit, name="employer_edit"),
    path("employers/<str:ref>/contacts/new/", employer_contact_new, name="employer_contact_new"),
    path("contacts/", contacts_by_week, name="contacts_by_week"),
]
