"""Vacancies: the list with filters, a vacancy found through an employer contact, its page and
its status. Every page goes through `selectors.visible_vacancies`, `selectors.access_vacancy`
or `selectors.access_employer`, so another organisation's vacancy is a 404 like a missing one."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tandem.core.access import CASEWORK_ROLES
from tandem.core.forms import add_service_errors
from tandem.core.pagination import paginate
from tandem.employment import occupations, selectors, services
from tandem.employment.forms.vacancies import (
    VacancyFilterForm,
    VacancyForm,
    VacancyStatusForm,
    currency_for,
)
from tandem.employment.models import EmployerContact, Vacancy
from tandem.employment.views.employers import adjustment_labels, regions_for
from tandem.organisations.models import Region
from tandem.organisations.selectors import organisation_ids_for

# An open vacancy closing within this many days is flagged in the list.
CLOSING_SOON_DAYS = 14

# Status tags reuse the shared tag colours: open like active work, filled like a completed
# step, closed like a cancelled one.
STATUS_TAGS = {
    Vacancy.Status.OPEN: "active",
    Vacancy.Status.FILLED: "completed",
    Vacancy.Status.CLOSED: "cancelled",
}


STATUS_BUTTONS = {
    Vacancy.Status.OPEN: gettext_lazy("Open it again"),
    Vacancy.Status.FILLED: gettext_lazy("Mark as filled"),
    Vacancy.Status.CLOSED: gettext_lazy("Mark as closed"),
}


@dataclass(frozen=True)
class VacancyRow:
    vacancy: Vacancy
    occupation: str
    tag: str
    closes_in: int | None

    @property
    def closing_soon(self) -> bool:
        return self.closes_in is not None and 0 <= self.closes_in <= CLOSING_SOON_DAYS

    @property
    def past_closing(self) -> bool:
        return self.closes_in is not None and self.closes_in < 0


def occupation_label(code: str) -> str:
    item = occupations.occupation(code)
    return item.label() if item else code


def vacancy_row(vacancy: Vacancy, today: datetime.date) -> VacancyRow:
    closes_in = None
    if vacancy.status == Vacancy.Status.OPEN and vacancy.closing_on is not None:
        closes_in = (vacancy.closing_on - today).days
    return VacancyRow(
        vacancy=vacancy,
        occupation=occupation_label(vacancy.occupation),
        tag=STATUS_TAGS.get(vacancy.status, ""),
        closes_in=closes_in,
    )


@login_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    if not organisation_ids_for(user=request.user, roles=CASEWORK_ROLES):
        raise Http404
    vacancies = selectors.visible_vacancies(user=request.user)
    areas = list(
        Region.objects.filter(pk__in=vacancies.values("region_id"))
        .select_related("parent")
        .order_by("name")
    )
    form = VacancyFilterForm(request.GET or None, areas=areas)
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("status"):
        vacancies = vacancies.filter(status=filters["status"])
    text = (filters.get("occupation") or "").strip()
    if text:
        codes = [item.code for item in occupations.search(text, limit=None)]
        vacancies = vacancies.filter(Q(occupation__in=codes) | Q(title__icontains=text))
    if filters.get("area"):
        vacancies = vacancies.filter(
            Q(region_id=filters["area"]) | Q(region__parent_id=filters["area"])
        )
    vacancies = vacancies.order_by(F("closing_on").asc(nulls_last=True), "title", "pk")
    page, query = paginate(request, vacancies)
    today = timezone.localdate()
    return render(
        request,
        "employment/vacancies/list.html",
        {
            "form": form,
            "filtered": any(filters.values()),
            "page_obj": page,
            "query_without_page": query,
            "rows": [vacancy_row(vacancy, today) for vacancy in page.object_list],
        },
    )


def _source_contact(request: HttpRequest, employer) -> EmployerContact | None:
    """The contact named by ?contact=, which must be one with this employer."""
    ref = request.GET.get("contact")
    if not ref:
        return None
    contact = employer.contacts.select_related("specialist").filter(ref=ref).first()
    if contact is None:
        raise Http404
    return contact


@login_required
def vacancy_new(request: HttpRequest, ref: str) -> HttpResponse:
    employer = selectors.access_employer(user=request.user, ref=ref)
    contact = _source_contact(request, employer)
    country = employer.organisation.region.country_code
    form = VacancyForm(
        request.POST or None,
        regions=regions_for({country}),
        initial={
            "currency": currency_for(country),
            "region": str(employer.region_id),
            "pay_period": Vacancy.PayPeriod.HOUR,
            "contract": Vacancy.Contract.PERMANENT,
            "adjustments_possible": employer.adjustments_offered,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if contact is not None:
            data["source_contact"] = contact
        try:
            vacancy = services.vacancy_create(actor=request.user, employer=employer, data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The vacancy has been added."))
            return redirect("employment:vacancy_detail", ref=vacancy.ref)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "employment/vacancies/form.html",
        {"form": form, "employer": employer, "contact": contact},
        status=status,
    )


def _candidates_url(vacancy: Vacancy) -> str | None:
    # The page of people who fit a job belongs to matching; until it exists, no link.
    # Positional, so the link does not depend on what that page calls its parameter.
    try:
        return reverse("employment:vacancy_candidates", args=[vacancy.ref])
    except NoReverseMatch:
        return None


def _render_detail(
    request: HttpRequest, vacancy: Vacancy, status_form: VacancyStatusForm | None = None
) -> HttpResponse:
    source = None
    if vacancy.source_contact_id:
        source = (
            EmployerContact.objects.select_related("specialist")
            .filter(pk=vacancy.source_contact_id, employer_id=vacancy.employer_id)
            .first()
        )
    return render(
        request,
        "employment/vacancies/detail.html",
        {
            "vacancy": vacancy,
            "row": vacancy_row(vacancy, timezone.localdate()),
            "adjustments": adjustment_labels(vacancy.adjustments_possible),
            "source": source,
            "candidates_url": _candidates_url(vacancy),
            "status_form": status_form or VacancyStatusForm(initial={"status": vacancy.status}),
            "other_statuses": [
                (value, text) for value, text in STATUS_BUTTONS.items() if value != vacancy.status
            ],
        },
        status=422 if status_form is not None else 200,
    )


@login_required
def vacancy_detail(request: HttpRequest, ref: str) -> HttpResponse:
    vacancy = selectors.access_vacancy(user=request.user, ref=ref)
    return _render_detail(request, vacancy)


@login_required
@require_POST
def vacancy_status(request: HttpRequest, ref: str) -> HttpResponse:
    vacancy = selectors.access_vacancy(user=request.user, ref=ref)
    form = VacancyStatusForm(request.POST)
    if form.is_valid():
        try:
            services.vacancy_set_status(
                actor=request.user, vacancy=vacancy, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The vacancy is now marked: %(status)s.")
                % {"status": vacancy.get_status_display()},
            )
            return redirect("employment:vacancy_detail", ref=vacancy.ref)
    return _render_detail(request, vacancy, status_form=form)


urlpatterns = [
    path("vacancies/", vacancy_list, name="vacancy_list"),
    path("vacancies/<str:ref>/", vacancy_detail, name="vacancy_detail"),
    path("vacancies/<str:ref>/status/", vacancy_status, name="vacancy_status"),
    path("employers/<str:ref>/vacancies/new/", vacancy_new, name="vacancy_new"),
]
