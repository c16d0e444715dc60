"""Referral pages: the receiving organisation's inbox and decisions, the referrer's own list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.access import REFERRAL_HANDLING_ROLES, Access
from tandem.core.forms import add_service_errors
from tandem.core.identifiers import format_identifier
from tandem.core.pagination import paginate
from tandem.organisations.models import Organisation
from tandem.organisations.selectors import organisation_ids_for, receiving_organisations
from tandem.participants.selectors import possible_duplicates
from tandem.programmes.selectors import programmes_delivered_by
from tandem.referrals import selectors, services
from tandem.referrals.forms import AcceptForm, DeclineForm, ReferralForm, WithdrawForm
from tandem.referrals.models import Referral


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    if not organisation_ids_for(user=request.user, roles=REFERRAL_HANDLING_ROLES):
        raise Http404
    page, query = paginate(request, selectors.referral_inbox(user=request.user))
    now = timezone.now()
    for referral in page:
        referral.days_waiting = (now - referral.received_at).days
    return render(request, "referrals/inbox.html", {"page_obj": page, "query_without_page": query})


@login_required
def referral_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Referral.Status.values:
        status = ""
    referrals = selectors.referral_list(
        user=request.user, status=status, search=request.GET.get("search", "")
    )
    page, query = paginate(request, referrals)
    referring = organisation_ids_for(user=request.user, roles=selectors.REFERRING_ROLES)
    return render(
        request,
        "referrals/list.html",
        {
            "page_obj": page,
            "query_without_page": query,
            "status": status,
            "statuses": Referral.Status.choices,
            "search": request.GET.get("search", ""),
            "can_refer": bool(referring),
        },
    )


@login_required
def referral_create(request: HttpRequest) -> HttpResponse:
    referring_ids = organisation_ids_for(user=request.user, roles=selectors.REFERRING_ROLES)
    if not referring_ids:
        raise Http404
    referring_organisation = (
        Organisation.objects.filter(pk__in=referring_ids).select_related("region").first()
    )
    country = referring_organisation.region.country_code
    receivers = list(receiving_organisations().filter(region__country_code=country))
    handles_referrals = bool(organisation_ids_for(user=request.user, roles=REFERRAL_HANDLING_ROLES))
    # Staff taking a referral by phone or from the person themselves choose its source;
    # a GP practice or council referring through its own login does not.
    sources = list(Referral.Source.choices) if handles_referrals else None
    form = ReferralForm(request.POST or None, receivers=receivers, sources=sources)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        receiver = next(org for org in receivers if org.ref == data.pop("receiving_organisation"))
        source = data.pop("source", None) or services.referral_source_for(referring_organisation)
        try:
            referral = services.referral_create(
                actor=request.user,
                receiving_organisation=receiver,
                referring_organisation=referring_organisation,
                source=source,
                data=data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The referral has been sent. Its reference is %(ref)s.") % {"ref": referral.ref},
            )
            return redirect("referrals:detail", ref=referral.ref)
    return render(request, "referrals/create.html", {"form": form})


def _decision_forms(access: selectors.ReferralAccess, request: HttpRequest, data=None) -> dict:
    referral = access.referral
    duplicates = list(
        possible_duplicates(
            user=request.user,
            identifier_kind=referral.person_identifier_kind,
            identifier=referral.person_identifier,
            full_name=referral.person_name,
            date_of_birth=referral.person_date_of_birth,
            organisation_id=referral.receiving_organisation_id,
        )
    )
    programmes = list(programmes_delivered_by(organisation=referral.receiving_organisation))
    return {
        "duplicates": duplicates,
        "programmes": programmes,
        "accept_form": AcceptForm(data, programmes=programmes, duplicates=duplicates),
        "decline_form": DeclineForm(),
        "withdraw_form": WithdrawForm(),
    }


@login_required
def referral_detail(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_referral(user=request.user, ref=ref)
    context = {"access": access, "referral": access.referral}
    if access.referral.person_identifier:
        context["identifier_display"] = format_identifier(
            access.referral.person_identifier_kind, access.referral.person_identifier
        )
    if access.is_receiver and access.referral.status == Referral.Status.RECEIVED:
        context |= _decision_forms(access, request)
    elif access.is_referrer and access.referral.status == Referral.Status.RECEIVED:
        context["withdraw_form"] = WithdrawForm()
    return render(request, "referrals/detail.html", context)


@login_required
@require_POST
def referral_accept(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_referral(user=request.user, ref=ref, need=Access.WRITE)
    forms = _decision_forms(access, request, data=request.POST)
    form = forms["accept_form"]
    if form.is_valid():
        programme = next(p for p in forms["programmes"] if p.ref == form.cleaned_data["programme"])
        participant = next(
            (m for m in forms["duplicates"] if m.ref == form.cleaned_data["participant"]), None
        )
        try:
            enrolment = services.referral_accept(
                actor=request.user,
                referral=access.referral,
                programme=programme,
                participant=participant,
                consent_method=form.cleaned_data["consent_method"],
                started_on=form.cleaned_data["started_on"],
                in_work_at_risk=form.cleaned_data["in_work_at_risk"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The referral has been accepted and the person is enrolled on %(programme)s.")
                % {"programme": programme.name},
            )
            return redirect("participants:detail", ref=enrolment.participant.ref)
    context = {"access": access, "referral": access.referral} | forms
    return render(request, "referrals/detail.html", context, status=422)


@login_required
@require_POST
def referral_decline(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_referral(user=request.user, ref=ref, need=Access.WRITE)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.referral_decline(
                actor=request.user, referral=access.referral, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The referral has been declined."))
            return redirect("referrals:inbox")
    context = {"access": access, "referral": access.referral} | _decision_forms(access, request)
    context["decline_form"] = form
    return render(request, "referrals/detail.html", context, status=422)


@login_required
@require_POST
def referral_withdraw(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_referral(user=request.user, ref=ref)
    if not access.is_referrer:
        # The receiver declines (with a reason); only the referring side withdraws.
        raise Http404
    form = WithdrawForm(request.POST)
    form.is_valid()
    try:
        services.referral_withdraw(
            actor=request.user,
            referral=access.referral,
            reason=form.cleaned_data.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The referral has been withdrawn."))
    return redirect("referrals:detail", ref=ref)
