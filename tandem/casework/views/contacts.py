"""Contacts with the person and appointments with them; the specialist's reminder list."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.casework import selectors, services
from tandem.casework.forms.contacts import (
    AppointmentForm,
    AppointmentStatusForm,
    ContactForm,
    combine,
)
from tandem.core.access import CASEWORK_ROLES, Access
from tandem.core.forms import add_service_errors
from tandem.core.pagination import paginate
from tandem.organisations.models import Membership, User
from tandem.participants.models import AccessLogEntry, CaseTeamMember
from tandem.participants.selectors import (
    ParticipantAccess,
    access_participant,
)
from tandem.participants.services import access_log_record

PAST_PAGE = "past"


def _renamed(error: ValidationError, names: dict[str, str]) -> ValidationError:
    """A service's error with its field names changed to the form's."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {names.get(field, field): errors for field, errors in error.error_dict.items()}
    )


def _log_read(request: HttpRequest, access: ParticipantAccess) -> None:
    access_log_record(
        user=request.user,
        access=access,
        action=AccessLogEntry.Action.VIEW_RECORD,
        channel=AccessLogEntry.Channel.WEB,
    )


def _render_list(
    request: HttpRequest,
    access: ParticipantAccess,
    status_form: AppointmentStatusForm | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    contacts_page, contacts_query = paginate(
        request, selectors.visible_contacts(access=access, user=request.user)
    )
    upcoming = list(
        selectors.appointments_for(access=access)
        .filter(starts_at__gte=now)
        .order_by("starts_at", "id")
    )
    past_paginator = Paginator(
        selectors.appointments_for(access=access)
        .filter(starts_at__lt=now)
        .order_by("-starts_at", "-id"),
        settings.PAGE_SIZE,
    )
    past_page = past_paginator.get_page(request.GET.get(PAST_PAGE))
    past_query = request.GET.copy()
    past_query.pop(PAST_PAGE, None)
    return render(
        request,
        "casework/contacts/list.html",
        {
            "access": access,
            "participant": access.participant,
            "page_obj": contacts_page,
            "query_without_page": contacts_query,
            "upcoming": upcoming,
            "past_page": past_page,
            "past_query": f"{past_query.urlencode()}&" if past_query else "",
            "now": now,
            "status_form": status_form,
        },
        status=status,
    )


@login_required
def contact_list(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.READ)
    _log_read(request, access)
    return _render_list(request, access)


@login_required
def contact_new(request: HttpRequest, ref: str) -> HttpResponse:
    # Anyone who may read the record may log a contact with the person, like a note.
    access = access_participant(user=request.user, ref=ref, need=Access.READ)
    now = timezone.localtime()
    form = ContactForm(
        request.POST or None, initial={"date": now.date(), "time": now.time().replace(second=0)}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.contact_record(
                actor=request.user,
                participant=access.participant,
                channel=data["channel"],
                summary=data["summary"],
                happened_at=combine(data["date"], data["time"]),
                sensitivity=data["sensitivity"],
            )
        except ValidationError as error:
            add_service_errors(form, _renamed(error, {"happened_at": "date"}))
        else:
            messages.success(request, _("The contact has been recorded."))
            return redirect("casework:contacts", ref=ref)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "casework/contacts/contact_new.html",
        {"form": form, "participant": access.participant},
        status=status,
    )


def _appointment_staff(access: ParticipantAccess, user: User) -> list[User]:
    """Who an appointment can be with: casework staff of the owning organisation and the
    case team, with the person booking it first."""
    participant = access.participant
    works_here = Membership.objects.filter(
        user=OuterRef("pk"),
        organisation_id=participant.owning_organisation_id,
        role__in=CASEWORK_ROLES,
        is_active=True,
    )
    on_team = CaseTeamMember.objects.filter(participant=participant, user=OuterRef("pk"))
    casework = Membership.objects.filter(
        user=OuterRef("pk"), role__in=CASEWORK_ROLES, is_active=True
    )
    staff = list(
        User.objects.filter(is_active=True)
        .filter(Exists(works_here) | (Exists(on_team) & Exists(casework)))
        .order_by("full_name", "username")
    )
    staff.sort(key=lambda member: member.pk != user.pk)
    return staff


@login_required
def appointment_new(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    candidates = _appointment_staff(access, request.user)
    form = AppointmentForm(
        request.POST or None,
        candidates=candidates,
        initial={"staff": str(request.user.pk), "time": "10:00"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        staff = next(member for member in candidates if str(member.pk) == data["staff"])
        try:
            services.appointment_book(
                actor=request.user,
                participant=access.participant,
                staff=staff,
                starts_at=combine(data["date"], data["time"]),
                channel=data["channel"],
                purpose=data["purpose"],
                minutes=data["minutes"],
                location=data["location"],
                remind_minutes_before=int(data["remind"]) if data["remind"] else None,
            )
        except ValidationError as error:
            add_service_errors(form, _renamed(error, {"starts_at": "date"}))
        else:
            messages.success(request, _("The appointment has been booked."))
            return redirect("casework:contacts", ref=ref)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "casework/contacts/appointment_new.html",
        {"form": form, "participant": access.participant},
        status=status,
    )


@login_required
@require_POST
def appointment_status(request: HttpRequest, ref: str, appointment_ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    appointment = selectors.appointments_for(access=access).filter(ref=appointment_ref).first()
    if appointment is None:
        raise Http404
    form = AppointmentStatusForm(request.POST)
    if form.is_valid():
        try:
            services.appointment_set_status(
                actor=request.user, appointment=appointment, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The appointment is now marked: %(status)s.")
                % {"status": appointment.get_status_display()},
            )
            return redirect("casework:contacts", ref=ref)
    # The refused change is shown on the whole list again, so this is a read of it too.
    _log_read(request, access)
    return _render_list(request, access, status_form=form, status=422)


@login_required
def reminders(request: HttpRequest) -> HttpResponse:
    page, query = paginate(request, selectors.due_reminders(user=request.user))
    return render(
        request,
        "casework/contacts/reminders.html",
        {"page_obj": page, "query_without_page": query, "now": timezone.now()},
    )


participant_urlpatterns = [
    path("contacts/", contact_list, name="contacts"),
    path("contacts/new/", contact_new, name="contact_new"),
    path("appointments/new/", appointment_new, name="appointment_new"),
    path(
        "appointments/<str:appointment_ref>/status/",
        appointment_status,
        name="appointment_status",
    ),
]
urlpatterns = [
    path("reminders/", reminders, name="reminders"),
]
