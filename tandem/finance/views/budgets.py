"""Budgets (allocated, committed, spent, remaining), a budget's commitments, the programme
finance settings and the figures of a year."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from tandem.core.forms import add_service_errors
from tandem.core.pagination import paginate
from tandem.finance import selectors, services
from tandem.finance.forms import FinanceSettingsForm, to_typed


@login_required
def budget_list(request: HttpRequest) -> HttpResponse:
    if not selectors.is_finance_officer(user=request.user):
        raise Http404
    budgets = selectors.visible_budgets(user=request.user)
    page, query = paginate(request, budgets)
    return render(
        request,
        "finance/budgets/list.html",
        {"page_obj": page, "query_without_page": query, "budgets": page.object_list},
    )


@login_required
def budget_detail(request: HttpRequest, ref: str) -> HttpResponse:
    budget = selectors.access_budget(user=request.user, ref=ref)
    page, query = paginate(request, selectors.budget_commitments(budget=budget))
    return render(
        request,
        "finance/budgets/detail.html",
        {
            "budget": budget,
            "currency": budget.programme.currency,
            "page_obj": page,
            "query_without_page": query,
            "commitments": page.object_list,
        },
    )


@login_required
def settings_list(request: HttpRequest) -> HttpResponse:
    programmes = list(selectors.settings_programmes(user=request.user))
    if not programmes:
        raise Http404
    return render(request, "finance/settings/list.html", {"programmes": programmes})


@login_required
def settings_edit(request: HttpRequest, ref: str) -> HttpResponse:
    programme = selectors.settings_programmes(user=request.user).filter(ref=ref).first()
    if programme is None:
        raise Http404
    current = selectors.finance_settings_for(programme=programme)
    currency = programme.currency
    initial = {}
    if current is not None:
        initial = {name: getattr(current, name) for name in services.SETTINGS_FIELDS}
        for name in FinanceSettingsForm.MONEY:
            initial[name] = to_typed(initial[name], currency).normalize()
    form = FinanceSettingsForm(request.POST or None, currency=currency, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.finance_settings_save(
                actor=request.user, programme=programme, data=form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The finance settings are saved."))
            return redirect("finance:settings_list")
    return render(
        request,
        "finance/settings/form.html",
        {"form": form, "programme": programme},
        status=422 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("budgets/", budget_list, name="budget_list"),
    path("budgets/<str:ref>/", budget_detail, name="budget_detail"),
    path("settings/", settings_list, name="settings_list"),
    path("settings/<str:ref>/", settings_edit, name="settings_edit"),
]
