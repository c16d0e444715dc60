"""The enrolment page: programme rules, support period, status, key worker and the history of
supported-employment stages; and its actions (pause, resume, exit, key worker, stage)."""

import datetime
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.casework import services as casework_services
from tandem.casework.forms.enrolments import ExitForm, KeyWorkerForm, PauseForm, StageForm
from tandem.casework.models import StageChange
from tandem.core.access import REFERRAL_HANDLING_ROLES, Access
from tandem.core.forms import add_service_errors
from tandem.organisations.models import User
from tandem.participants.models import AccessLogEntry
from tandem.participants.selectors import ParticipantAccess, access_participant
from tandem.participants.services import access_log_record
from tandem.referrals import services as referral_services
from tandem.referrals.models import Enrolment, SupportStage
from tandem.referrals.selectors import enrolments_for


def _enrolment(access: ParticipantAccess, enrolment_ref: str) -> Enrolment:
    # Only this person's enrolments: a reference belonging to anyone else is a 404.
    enrolment = (
        enrolments_for(participant=access.participant)
        .select_related("key_worker")
        .filter(ref=enrolment_ref)
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment


def _key_worker_candidates(enrolment: Enrolment) -> list[User]:
    """Staff of the delivering organisation who may hold a caseload there."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=enrolment.organisation_id,
            memberships__is_active=True,
            memberships__role__in=REFERRAL_HANDLING_ROLES,
        )
        .distinct()
        .order_by("full_name", "username")
    )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class StageRow:
    change: StageChange
    days: int  # in the stage it moved to, until the next move (or now, or the exit)
    is_current: bool


def _stage_history(
    enrolment: Enrolment, changes: list[StageChange]
) -> tuple[list[StageRow], list[tuple[str, int | None]]]:
    """The moves newest first with the days spent in each, and the total days per stage
    (a stage returned to is counted over every stay)."""
    exited = enrolment.status == Enrolment.Status.EXITED
    end = _start_of(enrolment.ended_on) if exited and enrolment.ended_on else timezone.now()
    totals: dict[str, datetime.timedelta] = {}

    def spend(stage: str, start: datetime.datetime, until: datetime.datetime) -> int:
        length = max(until - start, datetime.timedelta(0))
        if stage:
            totals[stage] = totals.get(stage, datetime.timedelta(0)) + length
        return length.days

    first_stage = changes[0].from_stage if changes else enrolment.stage
    first_until = changes[0].changed_at if changes else end
    spend(first_stage, _start_of(enrolment.started_on), first_until)
    rows = []
    for index, change in enumerate(changes):
        following = changes[index + 1] if index + 1 < len(changes) else None
        until = following.changed_at if following else end
        days = spend(change.to_stage, change.changed_at, until)
        rows.append(StageRow(change=change, days=days, is_current=following is None and not exited))
    rows.reverse()
    per_stage = [
        (str(label), totals[value].days if value in totals else None)
        for value, label in SupportStage.choices
    ]
    return rows, per_stage


def _render(
    request: HttpRequest,
    access: ParticipantAccess,
    enrolment: Enrolment,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    changes = list(
        StageChange.objects.filter(enrolment=enrolment)
        .select_related("changed_by")
        .order_by("changed_at", "id")
    )
    rows, per_stage = _stage_history(enrolment, changes)
    today = timezone.localdate()
    context = {
        "access": access,
        "participant": access.participant,
        "enrolment": enrolment,
        "programme": enrolment.programme,
        "stage_rows": rows,
        "time_per_stage": per_stage,
        "days_in_stage": (timezone.now() - enrolment.stage_since).days
        if enrolment.stage_since
        else None,
        "support_days_left": (enrolment.support_ends_on - today).days
        if enrolment.support_ends_on
        else None,
    }
    if access.can_write and enrolment.status != Enrolment.Status.EXITED:
        candidates = _key_worker_candidates(enrolment)
        context |= {
            "pause_form": PauseForm(prefix="pause"),
            "resume_form": forms.Form(prefix="resume"),
            "exit_form": ExitForm(prefix="exit"),
            "key_worker_form": KeyWorkerForm(
                prefix="key_worker",
                candidates=candidates,
                initial={"key_worker": str(enrolment.key_worker_id or "")},
            ),
            "stage_form": StageForm(prefix="stage", current=enrolment.stage),
        }
        context |= bound or {}
    elif bound:
        # The forms are gone once the person has left, so say here why the change was refused.
        context["refused_form"] = next(iter(bound.values()))
    return render(request, "casework/enrolments/detail.html", context, status=status)


def _log_read(request: HttpRequest, access: ParticipantAccess) -> None:
    access_log_record(
        user=request.user,
        access=access,
        action=AccessLogEntry.Action.VIEW_RECORD,
        channel=AccessLogEntry.Channel.WEB,
    )


def _refused(request, access, enrolment, name: str, form: forms.Form) -> HttpResponse:
    # The refused form is shown on the whole enrolment again, so this is a read of it too.
    _log_read(request, access)
    return _render(request, access, enrolment, bound={name: form}, status=422)


@login_required
def enrolment_detail(request: HttpRequest, ref: str, enrolment_ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.READ)
    enrolment = _enrolment(access, enrolment_ref)
    _log_read(request, access)
    return _render(request, access, enrolment)


@login_required
@require_POST
def enrolment_pause(request: HttpRequest, ref: str, enrolment_ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    enrolment = _enrolment(access, enrolment_ref)
    form = PauseForm(request.POST, prefix="pause")
    if form.is_valid():
        try:
            referral_services.enrolment_pause(
                actor=request.user, enrolment=enrolment, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Support has been paused."))
            return redirect("casework:enrolment", ref=ref, enrolment_ref=enrolment_ref)
    return _refused(request, access, enrolment, "pause_form", form)


@login_required
@require_POST
def enrolment_resume(request: HttpRequest, ref: str, enrolment_ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    enrolment = _enrolment(access, enrolment_ref)
    form = forms.Form(request.POST, prefix="resume")
    try:
        referral_services.enrolment_resume(actor=request.user, enrolment=enrolment)
    except ValidationError as error:
        form.is_valid()
        add_service_errors(form, error)
        return _refused(request, access, enrolment, "resume_form", form)
    messages.success(request, _("Support has been resumed."))
    return redirect("casework:enrolment", ref=ref, enrolment_ref=enrolment_ref)


@login_required
@require_POST
def enrolment_exit(request: HttpRequest, ref: str, enrolment_ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    enrolment = _enrolment(access, enrolment_ref)
    form = ExitForm(request.POST, prefix="exit")
    if form.is_valid():
        try:
            referral_services.enrolment_exit(
                actor=request.user, enrolment=enrolment, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The person has left the programme."))
            return redirect("casework:enrolment", ref=ref, enrolment_ref=enrolment_ref)
    return _refused(request, access, enrolment, "exit_form", form)


@login_required
@require_POST
def enrolment_key_worker(request: HttpRequest, ref: str, enrolment_ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    enrolment = _enrolment(access, enrolment_ref)
    candidates = _key_worker_candidates(enrolment)
    form = KeyWorkerForm(request.POST, prefix="key_worker", candidates=candidates)
    if form.is_valid():
        key_worker = next(u for u in candidates if str(u.pk) == form.cleaned_data["key_worker"])
        try:
            referral_services.enrolment_key_worker_set(
                actor=request.user, enrolment=enrolment, key_worker=key_worker
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is now the key worker.") % {"name": key_worker.display_name},
            )
            return redirect("casework:enrolment", ref=ref, enrolment_ref=enrolment_ref)
    return _refused(request, access, enrolment, "key_worker_form", form)


@login_required
@require_POST
def enrolment_stage(request: HttpRequest, ref: str, enrolment_ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    enrolment = _enrolment(access, enrolment_ref)
    form = StageForm(request.POST, prefix="stage", current=enrolment.stage)
    if form.is_valid():
        try:
            change = casework_services.stage_move(
                actor=request.user,
                enrolment=enrolment,
                to_stage=form.cleaned_data["to_stage"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Moved to the stage: %(stage)s.") % {"stage": change.get_to_stage_display()},
            )
            return redirect("casework:enrolment", ref=ref, enrolment_ref=enrolment_ref)
    return _refused(request, access, enrolment, "stage_form", form)


participant_urlpatterns = [
    path("enrolments/<str:enrolment_ref>/", enrolment_detail, name="enrolment"),
    path("enrolments/<str:enrolment_ref>/pause/", enrolment_pause, name="enrolment_pause"),
    path("enrolments/<str:enrolment_ref>/resume/", enrolment_resume, name="enrolment_resume"),
    path("enrolments/<str:enrolment_ref>/exit/", enrolment_exit, name="enrolment_exit"),
    path(
        "enrolments/<str:enrolment_ref>/key-worker/",
        enrolment_key_worker,
        name="enrolment_key_worker",
    ),
    path("enrolments/<str:enrolment_ref>/stage/", enrolment_stage, name="stage_move"),
]
urlpatterns: list = []
