"""Intervention pages: the catalogue, and a person's referrals to interventions with their
progress and attendance. Everything about a person goes through `access_participant`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.access import CASEWORK_ROLES, Access, Role
from tandem.core.forms import add_service_errors
from tandem.core.pagination import paginate
from tandem.interventions import selectors, services
from tandem.interventions.forms import AttendanceForm, CatalogueFilterForm, ReferForm, StatusForm
from tandem.interventions.models import InterventionReferral
from tandem.organisations.models import Organisation
from tandem.organisations.selectors import organisation_ids_for
from tandem.participants.models import AccessLogEntry
from tandem.participants.selectors import ParticipantAccess, access_participant
from tandem.participants.services import access_log_record
from tandem.referrals.models import Enrolment
from tandem.referrals.selectors import enrolments_for

# Who may read the catalogue: staff who refer people to interventions, and the programme
# managers who fund them. Nothing in it is about a person.
CATALOGUE_ROLES = CASEWORK_ROLES | {Role.PROGRAMME_MANAGER}


def _log_read(request: HttpRequest, access: ParticipantAccess) -> None:
    access_log_record(
        user=request.user,
        access=access,
        action=AccessLogEntry.Action.VIEW_RECORD,
        channel=AccessLogEntry.Channel.WEB,
    )


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    organisation_ids = organisation_ids_for(user=request.user, roles=CATALOGUE_ROLES)
    if not organisation_ids:
        raise Http404
    # Offers in the countries the user works in: a Danish jobcentre has no use for Iranian
    # providers.
    countries = set(
        Organisation.objects.filter(pk__in=organisation_ids).values_list(
            "region__country_code", flat=True
        )
    )
    form = CatalogueFilterForm(request.GET or None)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    offers = selectors.interventions_offered().filter(provider__region__country_code__in=countries)
    if kind:
        offers = offers.filter(kind=kind)
    page, query = paginate(request, offers.select_related("provider__region"))
    return render(
        request,
        "interventions/catalogue.html",
        {"form": form, "kind": kind, "page_obj": page, "query_without_page": query},
    )


def _referral(access: ParticipantAccess, referral_ref: str) -> InterventionReferral:
    # Only this person's referrals: anyone else's reference is a 404.
    referral = (
        selectors.intervention_referrals_for(participant=access.participant)
        .filter(ref=referral_ref)
        .first()
    )
    if referral is None:
        raise Http404
    return referral


def _next_status_choices(referral: InterventionReferral) -> list[tuple[str, str]]:
    allowed = services.NEXT_STATUSES.get(referral.status, set())
    return [
        (value, label) for value, label in InterventionReferral.Status.choices if value in allowed
    ]


def _render_list(
    request: HttpRequest,
    access: ParticipantAccess,
    failed: tuple[InterventionReferral, StatusForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    page, query = paginate(
        request, selectors.intervention_referrals_for(participant=access.participant)
    )
    for referral in page:
        sessions = list(referral.attendance.all())  # prefetched by the selector
        referral.sessions_total = len(sessions)
        referral.sessions_attended = sum(1 for session in sessions if session.attended)
        referral.status_form = None
        if access.can_write:
            if failed and failed[0].pk == referral.pk:
                referral.status_form = failed[1]
            elif choices := _next_status_choices(referral):
                referral.status_form = StatusForm(choices=choices, auto_id=f"id_%s_{referral.ref}")
    return render(
        request,
        "interventions/participant_list.html",
        {
            "access": access,
            "participant": access.participant,
            "page_obj": page,
            "query_without_page": query,
            "failed_form": failed[1] if failed else None,
        },
        status=status,
    )


@login_required
def participant_list(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.READ)
    _log_read(request, access)
    return _render_list(request, access)


@login_required
def refer(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    participant = access.participant
    offers = list(
        selectors.interventions_offered(
            country_code=participant.owning_organisation.region.country_code
        )
    )
    enrolments = list(
        enrolments_for(participant=participant).exclude(status=Enrolment.Status.EXITED)
    )
    form = ReferForm(request.POST or None, offers=offers, enrolments=enrolments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        intervention = next(offer for offer in offers if offer.ref == data["intervention"])
        enrolment = next((e for e in enrolments if e.ref == data["enrolment"]), None)
        try:
            services.intervention_referral_create(
                actor=request.user,
                participant=participant,
                intervention=intervention,
                enrolment=enrolment,
                requested_on=data["requested_on"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been requested.") % {"name": intervention.name},
            )
            return redirect("interventions:participant_list", ref=ref)
    return render(
        request,
        "interventions/refer.html",
        {"form": form, "participant": participant, "has_offers": bool(offers)},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def referral_status(request: HttpRequest, ref: str, referral_ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    referral = _referral(access, referral_ref)
    # Any known status is accepted here so that a move that is not allowed (from a page left
    # open while a colleague changed it) gets the service's reason, not "invalid choice".
    form = StatusForm(
        request.POST,
        choices=InterventionReferral.Status.choices,
        auto_id=f"id_%s_{referral.ref}",
    )
    if form.is_valid():
        try:
            updated = services.intervention_referral_set_status(
                actor=request.user, referral=referral, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is now: %(status)s.")
                % {"name": referral.intervention.name, "status": updated.get_status_display()},
            )
            return redirect("interventions:participant_list", ref=ref)
    # Offer only the allowed moves again next to the message.
    form.fields["status"].choices = _next_status_choices(referral)
    _log_read(request, access)
    return _render_list(request, access, failed=(referral, form), status=422)


@login_required
def attendance(request: HttpRequest, ref: str, referral_ref: str) -> HttpResponse:
    need = Access.WRITE if request.method == "POST" else Access.READ
    access = access_participant(user=request.user, ref=ref, need=need)
    referral = _referral(access, referral_ref)
    form = AttendanceForm(request.POST or None) if access.can_write else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.attendance_record(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Attendance has been recorded."))
            return redirect("interventions:attendance", ref=ref, referral_ref=referral_ref)
    _log_read(request, access)
    sessions = list(referral.attendance.all())
    return render(
        request,
        "interventions/attendance.html",
        {
            "access": access,
            "participant": access.participant,
            "referral": referral,
            "sessions": sorted(sessions, key=lambda s: (s.session_on, s.pk), reverse=True),
            "sessions_attended": sum(1 for session in sessions if session.attended),
            "form": form,
        },
        status=422 if request.method == "POST" else 200,
    )
