"""Insurance incentives (created by finance officers) and training or childcare funding
(asked for by the person's specialist, decided by finance officers)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.access import Access
from tandem.core.forms import add_service_errors
from tandem.core.pagination import paginate
from tandem.finance import selectors, services
from tandem.finance.forms import (
    ApproveForm,
    FundingForm,
    IncentiveForm,
    IncentiveStatusForm,
    PaidForm,
    ReasonForm,
    to_stored,
)
from tandem.finance.models import InsuranceIncentive, SupportFunding
from tandem.finance.views.loans import choose_person
from tandem.organisations.models import Region
from tandem.participants.models import AccessLogEntry
from tandem.participants.selectors import access_participant
from tandem.programmes.models import Programme

INCENTIVE_TAGS = {
    InsuranceIncentive.Status.APPROVED: "accepted",
    InsuranceIncentive.Status.ACTIVE: "active",
    InsuranceIncentive.Status.ENDED: "completed",
    InsuranceIncentive.Status.CANCELLED: "cancelled",
}
FUNDING_TAGS = {
    SupportFunding.Status.REQUESTED: "requested",
    SupportFunding.Status.APPROVED: "accepted",
    SupportFunding.Status.REFUSED: "declined",
    SupportFunding.Status.PAID: "completed",
    SupportFunding.Status.CANCELLED: "cancelled",
}


def _needs_some_role(user) -> None:
    if not (selectors.is_finance_officer(user=user) or selectors.is_caseworker(user=user)):
        raise Http404


# ---------------------------------------------------------------- incentives


@login_required
def incentive_list(request: HttpRequest) -> HttpResponse:
    _needs_some_role(request.user)
    incentives = selectors.visible_incentives(user=request.user)
    kind = request.GET.get("kind", "")
    job_status = request.GET.get("job_status", "")
    if kind in InsuranceIncentive.Kind.values:
        incentives = incentives.filter(kind=kind)
    if job_status in InsuranceIncentive.JobStatus.values:
        incentives = incentives.filter(job_status=job_status)
    page, query = paginate(request, incentives.order_by("-starts_on", "-id"))
    return render(
        request,
        "finance/incentives/list.html",
        {
            "page_obj": page,
            "query_without_page": query,
            "incentives": page.object_list,
            "kinds": InsuranceIncentive.Kind.choices,
            "job_statuses": InsuranceIncentive.JobStatus.choices,
            "kind": kind,
            "job_status": job_status,
            "tags": INCENTIVE_TAGS,
            "can_create": selectors.is_finance_officer(user=request.user),
        },
    )


def _finance_programmes(user, offer: str) -> list[Programme]:
    regions = selectors.finance_region_ids(user=user)
    return list(
        Programme.objects.filter(
            **{f"finance_settings__{offer}": True},
            delivered_by__region_id__in=regions,
        )
        .distinct()
        .order_by("name")
    )


def _finance_counties(user) -> list[Region]:
    return list(
        Region.objects.filter(pk__in=selectors.finance_region_ids(user=user))
        .exclude(kind=Region.Kind.COUNTRY)
        .select_related("parent")
        .order_by("kind", "name")
    )


@login_required
def incentive_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not selectors.is_finance_officer(user=user):
        raise Http404
    programmes = _finance_programmes(user, "offers_insurance_incentives")
    form = IncentiveForm(
        request.POST or None,
        programmes=programmes,
        regions=_finance_counties(user),
        initial={"starts_on": timezone.localdate(), "months": 12},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        programme = form.chosen_programme()
        participant = (
            selectors.finance_participants(user=user)
            .filter(ref=data["participant_ref"].strip())
            .first()
        )
        placement = None
        if participant is None:
            form.add_error(
                "participant_ref", _("No person with this reference is held in your area.")
            )
        elif data.get("placement_ref"):
            placement = selectors.person_placement(
                participant=participant, ref=data["placement_ref"].strip()
            )
            if placement is None:
                form.add_error("placement_ref", _("Choose a job of this person."))
        if not form.errors:
            try:
                incentive = services.incentive_create(
                    actor=user,
                    programme=programme,
                    participant=participant,
                    kind=data["kind"],
                    job_status=data["job_status"],
                    region=form.region(data["region"]),
                    starts_on=data["starts_on"],
                    months=data["months"],
                    monthly_amount=to_stored(data["monthly_amount"], programme.currency),
                    placement=placement,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The insurance incentive is approved."))
                return redirect("finance:incentive_detail", ref=incentive.ref)
    return render(
        request,
        "finance/incentives/form.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


def _render_incentive(request, incentive, form=None, status=200) -> HttpResponse:
    decides = selectors.may_decide_for(user=request.user, region_id=incentive.region_id)
    return render(
        request,
        "finance/incentives/detail.html",
        {
            "incentive": incentive,
            "currency": incentive.programme.currency,
            "decides": decides,
            "form": form or IncentiveStatusForm(initial={"on": timezone.localdate()}),
            "tag": INCENTIVE_TAGS.get(incentive.status, ""),
            "commitment": getattr(incentive, "commitment", None),
            "history": list(
                incentive.history.select_related("history_user").order_by("history_date")
            ),
        },
        status=status,
    )


@login_required
def incentive_detail(request: HttpRequest, ref: str) -> HttpResponse:
    incentive = selectors.access_incentive(user=request.user, ref=ref)
    services.financial_support_read(
        user=request.user, participant=incentive.participant, channel=AccessLogEntry.Channel.WEB
    )
    return _render_incentive(request, incentive)


@login_required
@require_POST
def incentive_status(request: HttpRequest, ref: str) -> HttpResponse:
    incentive = selectors.access_incentive(user=request.user, ref=ref)
    form = IncentiveStatusForm(request.POST)
    if form.is_valid():
        try:
            services.incentive_set_status(
                actor=request.user,
                incentive=incentive,
                status=form.cleaned_data["status"],
                on=form.cleaned_data.get("on"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The incentive's status is changed."))
            return redirect("finance:incentive_detail", ref=ref)
    return _render_incentive(request, incentive, form=form, status=422)


# ---------------------------------------------------------------- training and childcare


@login_required
def funding_list(request: HttpRequest) -> HttpResponse:
    _needs_some_role(request.user)
    funding = selectors.visible_funding(user=request.user)
    status = request.GET.get("status", "")
    if status in SupportFunding.Status.values:
        funding = funding.filter(status=status)
    page, query = paginate(request, funding.order_by("-starts_on", "-id"))
    return render(
        request,
        "finance/funding/list.html",
        {
            "page_obj": page,
            "query_without_page": query,
            "items": page.object_list,
            "statuses": SupportFunding.Status.choices,
            "status": status,
            "tags": FUNDING_TAGS,
            "can_create": selectors.is_caseworker(user=request.user),
        },
    )


@login_required
def funding_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not selectors.is_caseworker(user=user):
        raise Http404
    ref = request.GET.get("participant") or request.POST.get("participant")
    if not ref:
        return choose_person(request, for_funding=True)
    access = access_participant(user=user, ref=ref, need=Access.WRITE)
    participant = access.participant
    organisation = participant.owning_organisation
    programmes = list(selectors.funding_programmes(organisation=organisation))
    if not programmes:
        return render(request, "finance/loans/no_programme.html", {"participant": participant})
    referrals = list(selectors.person_referrals(participant=participant))
    goals = list(selectors.person_goals(participant=participant))
    regions = [organisation.region, *organisation.region.children.order_by("name")]
    form = FundingForm(
        request.POST or None,
        programmes=programmes,
        referrals=referrals,
        goals=goals,
        regions=regions,
        initial={"region": str(organisation.region_id), "starts_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            funding = services.funding_request(
                actor=user, participant=participant, **form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The funding request has been sent to finance."))
            return redirect("finance:funding_detail", ref=funding.ref)
    return render(
        request,
        "finance/funding/form.html",
        {"form": form, "participant": participant},
        status=422 if request.method == "POST" else 200,
    )


def _render_funding(request, funding, bound: dict | None = None, status=200) -> HttpResponse:
    user = request.user
    decides = selectors.may_decide_for(user=user, region_id=funding.region_id)
    bound = bound or {}
    forms: dict = {}
    Status = SupportFunding.Status
    if decides and funding.status == Status.REQUESTED and user.pk != funding.requested_by_id:
        budgets = selectors.budgets_for(
            programme=funding.programme, region=funding.region, on=funding.starts_on
        )
        forms["approve"] = bound.get("approve") or ApproveForm(budgets=budgets)
        forms["refuse"] = bound.get("refuse") or ReasonForm(prefix="refuse")
    if decides and funding.status == Status.APPROVED:
        forms["paid"] = bound.get("paid") or PaidForm(initial={"paid_on": timezone.localdate()})
    if funding.status in (Status.REQUESTED, Status.APPROVED) and (
        decides or user.pk == funding.requested_by_id
    ):
        forms["cancel"] = True
    return render(
        request,
        "finance/funding/detail.html",
        {
            "funding": funding,
            "currency": funding.programme.currency,
            "forms": forms,
            "failed_forms": [f for f in bound.values() if hasattr(f, "errors") and f.errors],
            "tag": FUNDING_TAGS.get(funding.status, ""),
            "commitment": getattr(funding, "commitment", None),
        },
        status=status,
    )


@login_required
def funding_detail(request: HttpRequest, ref: str) -> HttpResponse:
    funding = selectors.access_funding(user=request.user, ref=ref)
    services.financial_support_read(
        user=request.user, participant=funding.participant, channel=AccessLogEntry.Channel.WEB
    )
    return _render_funding(request, funding)


@login_required
@require_POST
def funding_action(request: HttpRequest, ref: str, action: str) -> HttpResponse:
    user = request.user
    funding = selectors.access_funding(user=user, ref=ref)
    if action == "approve":
        budgets = selectors.budgets_for(
            programme=funding.programme, region=funding.region, on=funding.starts_on
        )
        form = ApproveForm(request.POST, budgets=budgets)
    elif action == "refuse":
        form = ReasonForm(request.POST, prefix="refuse")
    elif action == "paid":
        form = PaidForm(request.POST)
    elif action == "cancel":
        form = None
    else:
        raise Http404
    if form is None or form.is_valid():
        data = form.cleaned_data if form is not None else {}
        try:
            if action == "approve":
                services.funding_approve(
                    actor=user, funding=funding, budget=form._budgets.get(data["budget"])
                )
            elif action == "refuse":
                services.funding_refuse(actor=user, funding=funding, reason=data["reason"])
            elif action == "paid":
                services.funding_mark_paid(actor=user, funding=funding, paid_on=data["paid_on"])
            else:
                services.funding_cancel(actor=user, funding=funding)
        except ValidationError as error:
            if form is None:
                form = ReasonForm(prefix="cancel", data={"cancel-reason": "-"})
                form.is_valid()
                action = "cancel"
            add_service_errors(form, error)
        else:
            messages.success(request, _("The funding is updated."))
            return redirect("finance:funding_detail", ref=ref)
    return _render_funding(request, funding, bound={action: form}, status=422)


urlpatterns = [
    path("incentives/", incentive_list, name="incentive_list"),
    path("incentives/new/", incentive_new, name="incentive_new"),
    path("incentives/<str:ref>/", incentive_detail, name="incentive_detail"),
    path("incentives/<str:ref>/status/", incentive_status, name="incentive_status"),
    path("funding/", funding_list, name="funding_list"),
    path("funding/new/", funding_new, name="funding_new"),
    path("funding/<str:ref>/", funding_detail, name="funding_detail"),
    path("funding/<str:ref>/<str:action>/", funding_action, name="funding_action"),
]
