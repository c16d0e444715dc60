"""The finance officer's work list, loans (list, page, actions by state) and new applications.

Every page goes through `selectors.access_loan` or `access_participant`, so a loan of another
region or a person one may not open is a 404 like a missing one."""

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
    DisburseForm,
    LoanApplicationForm,
    LoanFilterForm,
    PaymentForm,
    ReasonForm,
    ReviewForm,
    to_stored,
)
from tandem.finance.models import Loan
from tandem.organisations.models import Region
from tandem.participants.models import AccessLogEntry
from tandem.participants.selectors import access_participant, participant_list
from tandem.participants.services import access_log_record

STATUS_TAGS = {
    Loan.Status.DRAFT: "exited",
    Loan.Status.SUBMITTED: "received",
    Loan.Status.UNDER_REVIEW: "received",
    Loan.Status.AWAITING_SECOND_APPROVAL: "paused",
    Loan.Status.APPROVED: "accepted",
    Loan.Status.REFUSED: "declined",
    Loan.Status.DISBURSED: "active",
    Loan.Status.REPAYING: "active",
    Loan.Status.REPAID: "completed",
    Loan.Status.WRITTEN_OFF: "cancelled",
}


def _counties(region_ids) -> list[Region]:
    return list(
        Region.objects.filter(pk__in=region_ids, kind=Region.Kind.COUNTY)
        .select_related("parent")
        .order_by("name")
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    finance = selectors.is_finance_officer(user=user)
    caseworker = selectors.is_caseworker(user=user)
    managed = list(selectors.settings_programmes(user=user))
    if not (finance or caseworker or managed):
        raise Http404
    today = timezone.localdate()
    context: dict = {"finance": finance, "caseworker": caseworker, "managed": managed}
    if finance:
        work = selectors.finance_work_list(user=user, on=today)
        limit = 10
        context["work"] = [
            ("to_review", _("Applications to review"), work.to_review),
            ("to_approve", _("Applications to approve"), work.to_approve),
            ("second", _("Second approvals for you"), work.second_approvals),
            ("waiting", _("Waiting for someone else"), work.waiting_for_others),
            ("to_disburse", _("Approved, to pay out"), work.to_disburse),
            ("arrears", _("Loans in arrears"), work.in_arrears),
        ]
        context["work"] = [
            (key, title, list(items[:limit]), items.count())
            for key, title, items in context["work"]
        ]
        context["funding_to_decide"] = list(work.funding_to_decide[:limit])
        context["today"] = today
    if caseworker:
        context["own_loans"] = list(
            selectors.visible_loans(user=user).filter(applicant=user).order_by("-created_at")[:10]
        )
    context["tags"] = STATUS_TAGS
    return render(request, "finance/home.html", context)


@login_required
def loan_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (selectors.is_finance_officer(user=user) or selectors.is_caseworker(user=user)):
        raise Http404
    loans = selectors.visible_loans(user=user)
    regions = _counties(loans.values("region_id"))
    form = LoanFilterForm(request.GET or None, regions=regions)
    filters = form.cleaned_data if form.is_valid() else {}
    region = form.region(filters.get("region") or "") if filters else None
    today = timezone.localdate()
    loans = selectors.loan_list(
        user=user,
        status=filters.get("status") or "",
        region_id=region.pk if region else None,
        in_arrears_on=today if filters.get("arrears") else None,
    )
    page, query = paginate(request, loans)
    return render(
        request,
        "finance/loans/list.html",
        {
            "form": form,
            "filtered": any(filters.values()) if filters else False,
            "page_obj": page,
            "query_without_page": query,
            "loans": page.object_list,
            "tags": STATUS_TAGS,
        },
    )


def _forms_for(request, access: selectors.LoanAccess, bound: dict | None = None) -> dict:
    """The action forms this user may use on the loan in its state."""
    loan, user, today = access.loan, request.user, timezone.localdate()
    bound = bound or {}
    forms: dict = {}
    Status = Loan.Status
    if access.prepares and loan.status == Status.DRAFT:
        forms["submit"] = True
    if not access.decides:
        return forms
    not_applicant = user.pk != loan.applicant_id
    if loan.status == Status.SUBMITTED and not_applicant:
        forms["review"] = bound.get("review") or ReviewForm()
    if loan.status == Status.UNDER_REVIEW and not_applicant and user.pk != loan.reviewer_id:
        budgets = selectors.budgets_for(programme=loan.programme, region=loan.region, on=today)
        forms["approve"] = bound.get("approve") or ApproveForm(budgets=budgets)
    if (
        loan.status == Status.AWAITING_SECOND_APPROVAL
        and not_applicant
        and user.pk not in (loan.reviewer_id, loan.approver_id)
    ):
        forms["second_approve"] = True
    refusable = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.AWAITING_SECOND_APPROVAL)
    if loan.status in refusable and not_applicant:
        forms["refuse"] = bound.get("refuse") or ReasonForm(prefix="refuse")
    currency = loan.programme.currency
    if loan.status == Status.APPROVED:
        forms["disburse"] = bound.get("disburse") or DisburseForm(
            currency=currency,
            initial={"disbursed_on": today, "instalments": loan.repayment_months},
        )
    if loan.status in selectors.OUTSTANDING_STATUSES:
        forms["payment"] = bound.get("payment") or PaymentForm(
            currency=currency, initial={"paid_on": today}
        )
        forms["write_off"] = bound.get("write_off") or ReasonForm(prefix="write_off")
    return forms


def _status_changes(loan: Loan) -> list:
    """The loan's history as its changes of status (a payment that leaves it repaying is
    in the payments table, not here)."""
    changes, last = [], None
    for entry in loan.history.select_related("history_user").order_by("history_date", "history_id"):
        if entry.status != last:
            changes.append(entry)
            last = entry.status
    return changes


def _render_loan(
    request,
    access: selectors.LoanAccess,
    bound: dict | None = None,
    status: int = 200,
    action_errors: list[str] | None = None,
):
    loan = (
        Loan.objects.select_related(
            "programme",
            "plan",
            "participant",
            "region",
            "applicant",
            "reviewer",
            "approver",
            "second_approver",
            "refused_by",
            "budget__funding_stream",
            "budget__region",
        )
        .prefetch_related("plan__lines")
        .get(pk=access.loan.pk)
    )
    access = selectors.LoanAccess(loan=loan, decides=access.decides, prepares=access.prepares)
    today = timezone.localdate()
    lines = list(loan.plan.lines.all())
    errors = [form for form in (bound or {}).values() if hasattr(form, "errors") and form.errors]
    return render(
        request,
        "finance/loans/detail.html",
        {
            "loan": loan,
            "access": access,
            "currency": loan.programme.currency,
            "lines": lines,
            "lines_total": sum((line.amount for line in lines), 0),
            "schedule": selectors.loan_schedule(loan=loan, on=today),
            "payments": list(loan.payments.select_related("recorded_by", "instalment")),
            "arrears": selectors.loan_arrears(loan=loan, on=today),
            "balance": selectors.loan_balance(loan=loan),
            "history": _status_changes(loan),
            "needs_second": selectors.loan_needs_second_approval(loan=loan),
            "forms": _forms_for(request, access, bound),
            "failed_forms": errors,
            "action_errors": action_errors or [],
            "tag": STATUS_TAGS.get(loan.status, ""),
        },
        status=status,
    )


@login_required
def loan_detail(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_loan(user=request.user, ref=ref)
    services.financial_support_read(
        user=request.user, participant=access.loan.participant, channel=AccessLogEntry.Channel.WEB
    )
    return _render_loan(request, access)


def _act(request, access: selectors.LoanAccess, name: str, form, call, done: str) -> HttpResponse:
    """Run one action on a loan the caller has opened: back to the loan page when it is done,
    the page again with the form's or the service's messages (422) when not."""
    action_errors: list[str] = []
    if form is None or form.is_valid():
        try:
            call(access, form.cleaned_data if form is not None else {})
        except ValidationError as error:
            if form is None:
                action_errors = list(error.messages)
            else:
                add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("finance:loan_detail", ref=access.loan.ref)
    bound = {name: form} if form is not None else {}
    return _render_loan(request, access, bound=bound, status=422, action_errors=action_errors)


@login_required
@require_POST
def loan_submit(request: HttpRequest, ref: str) -> HttpResponse:
    return _act(
        request,
        selectors.access_loan(user=request.user, ref=ref),
        "submit",
        None,
        lambda access, data: services.loan_submit(actor=request.user, loan=access.loan),
        _("The application has been submitted."),
    )


@login_required
@require_POST
def loan_review(request: HttpRequest, ref: str) -> HttpResponse:
    return _act(
        request,
        selectors.access_loan(user=request.user, ref=ref),
        "review",
        ReviewForm(request.POST),
        lambda access, data: services.loan_review(
            actor=request.user, loan=access.loan, note=data.get("note", "")
        ),
        _("Your review is recorded. Another finance officer approves or refuses."),
    )


@login_required
@require_POST
def loan_approve(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_loan(user=request.user, ref=ref)
    loan = access.loan
    budgets = selectors.budgets_for(
        programme=loan.programme, region=loan.region, on=timezone.localdate()
    )
    second = loan.status == Loan.Status.AWAITING_SECOND_APPROVAL
    form = None if second else ApproveForm(request.POST, budgets=budgets)

    def call(access, data):
        budget = None if second else form._budgets.get(data.get("budget"))
        return services.loan_approve(actor=request.user, loan=access.loan, budget=budget)

    return _act(request, access, "approve", form, call, _("The loan is approved."))


@login_required
@require_POST
def loan_refuse(request: HttpRequest, ref: str) -> HttpResponse:
    return _act(
        request,
        selectors.access_loan(user=request.user, ref=ref),
        "refuse",
        ReasonForm(request.POST, prefix="refuse"),
        lambda access, data: services.loan_refuse(
            actor=request.user, loan=access.loan, reason=data["reason"]
        ),
        _("The loan is refused."),
    )


@login_required
@require_POST
def loan_disburse(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_loan(user=request.user, ref=ref)
    currency = access.loan.programme.currency
    return _act(
        request,
        access,
        "disburse",
        DisburseForm(request.POST, currency=currency),
        lambda access, data: services.loan_disburse(
            actor=request.user,
            loan=access.loan,
            disbursed_on=data["disbursed_on"],
            amount=to_stored(data.get("amount"), currency),
            first_due_on=data.get("first_due_on"),
            instalments=data["instalments"],
        ),
        _("The payment out is recorded and the repayment schedule made."),
    )


@login_required
@require_POST
def loan_payment(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_loan(user=request.user, ref=ref)
    currency = access.loan.programme.currency
    return _act(
        request,
        access,
        "payment",
        PaymentForm(request.POST, currency=currency),
        lambda access, data: services.loan_payment_record(
            actor=request.user,
            loan=access.loan,
            paid_on=data["paid_on"],
            amount=to_stored(data["amount"], currency),
            note=data.get("note", ""),
        ),
        _("The repayment is recorded."),
    )


@login_required
@require_POST
def loan_write_off(request: HttpRequest, ref: str) -> HttpResponse:
    return _act(
        request,
        selectors.access_loan(user=request.user, ref=ref),
        "write_off",
        ReasonForm(request.POST, prefix="write_off"),
        lambda access, data: services.loan_write_off(
            actor=request.user, loan=access.loan, reason=data["reason"]
        ),
        _("The loan is written off."),
    )


def choose_person(request: HttpRequest, *, for_funding: bool = False) -> HttpResponse:
    """The first step of a new application: find a person one may open."""
    search = (request.GET.get("search") or "").strip()
    people = participant_list(user=request.user, search=search)[:25] if search else []
    return render(
        request,
        "finance/loans/choose.html",
        {"search": search, "people": people, "for_funding": for_funding},
    )


@login_required
def loan_new(request: HttpRequest) -> HttpResponse:
    """A new application: first choose a person one may open, then the plan and the loan."""
    user = request.user
    if not selectors.is_caseworker(user=user):
        raise Http404
    ref = request.GET.get("participant") or request.POST.get("participant")
    if not ref:
        return choose_person(request)
    access = access_participant(user=user, ref=ref, need=Access.WRITE)
    participant = access.participant
    organisation = participant.owning_organisation
    programmes = list(selectors.loan_programmes(organisation=organisation))
    if not programmes:
        return render(
            request, "finance/loans/no_programme.html", {"participant": participant}, status=200
        )
    country = programmes[0].country_code
    counties = list(
        Region.objects.filter(country_code=country, kind=Region.Kind.COUNTY)
        .select_related("parent")
        .order_by("name")
    )
    regions = counties or [organisation.region]
    currency = programmes[0].currency
    settings_row = selectors.finance_settings_for(programme=programmes[0])
    form = LoanApplicationForm(
        request.POST or None,
        programmes=programmes,
        regions=regions,
        currency=currency,
        initial={
            "region": str(organisation.region_id),
            "repayment_months": settings_row.default_repayment_months if settings_row else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            loan = services.loan_apply(actor=user, participant=participant, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            access_log_record(
                user=user,
                access=access,
                action=AccessLogEntry.Action.EDIT,
                channel=AccessLogEntry.Channel.WEB,
            )
            messages.success(request, _("The loan application has been saved."))
            return redirect("finance:loan_detail", ref=loan.ref)
    return render(
        request,
        "finance/loans/new.html",
        {"form": form, "participant": participant, "settings": settings_row, "currency": currency},
        status=422 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("", home, name="home"),
    path("loans/", loan_list, name="loan_list"),
    path("loans/new/", loan_new, name="loan_new"),
    path("loans/<str:ref>/", loan_detail, name="loan_detail"),
    path("loans/<str:ref>/submit/", loan_submit, name="loan_submit"),
    path("loans/<str:ref>/review/", loan_review, name="loan_review"),
    path("loans/<str:ref>/approve/", loan_approve, name="loan_approve"),
    path("loans/<str:ref>/refuse/", loan_refuse, name="loan_refuse"),
    path("loans/<str:ref>/disburse/", loan_disburse, name="loan_disburse"),
    path("loans/<str:ref>/payments/", loan_payment, name="loan_payment"),
    path("loans/<str:ref>/write-off/", loan_write_off, name="loan_write_off"),
]
