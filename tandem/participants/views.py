"""Pages about people. Every view goes through `access_participant` or `participant_list`."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.access import Access
from tandem.core.formatting import format_datetime
from tandem.core.forms import add_service_errors
from tandem.core.identifiers import format_identifier
from tandem.core.pagination import paginate
from tandem.organisations.models import Organisation, User
from tandem.organisations.selectors import organisation_ids_for
from tandem.participants import selectors, services
from tandem.participants.forms import (
    CaseTeamMemberForm,
    ConsentForm,
    HealthConditionForm,
    NoteForm,
    ParticipantCreateForm,
    ParticipantEditForm,
)
from tandem.participants.models import (
    AccessLogEntry,
    Barrier,
    CaseTeamMember,
    Consent,
    ConsentPurpose,
    Participant,
)
from tandem.referrals.selectors import enrolments_for

Action = AccessLogEntry.Action
WEB = AccessLogEntry.Channel.WEB


def _writable_organisations(user: User) -> list[Organisation]:
    ids = organisation_ids_for(user=user, roles=selectors.WRITE_ROLES)
    return list(Organisation.objects.filter(pk__in=ids).select_related("region").order_by("name"))


@login_required
def participant_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("search", "")
    page, query = paginate(request, selectors.participant_list(user=request.user, search=search))
    return render(
        request,
        "participants/list.html",
        {
            "page_obj": page,
            "query_without_page": query,
            "search": search,
            "can_create": bool(_writable_organisations(request.user)),
        },
    )


@login_required
def participant_create(request: HttpRequest) -> HttpResponse:
    organisations = _writable_organisations(request.user)
    if not organisations:
        raise Http404
    form = ParticipantCreateForm(request.POST or None, organisations=organisations)
    duplicates: list[Participant] = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = next(org for org in organisations if org.ref == data.pop("organisation"))
        confirm_new = data.pop("confirm_new")
        try:
            duplicates = list(
                selectors.possible_duplicates(
                    user=request.user,
                    identifier_kind=data["identifier_kind"],
                    identifier=data["identifier"] if data["identifier_kind"] else "",
                    full_name=data["full_name"],
                    date_of_birth=data["date_of_birth"],
                )
            )
        except ValidationError:
            duplicates = []  # an invalid identifier is reported by the service below
        if not duplicates or confirm_new:
            try:
                participant = services.participant_create(
                    actor=request.user, organisation=organisation, data=data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The participant's record has been created."))
                return redirect("participants:detail", ref=participant.ref)
    return render(request, "participants/create.html", {"form": form, "duplicates": duplicates})


def _detail_context(request: HttpRequest, access: selectors.ParticipantAccess) -> dict:
    participant = access.participant
    notes_page, _query = paginate(
        request, selectors.visible_notes(access=access, user=request.user), per_page=20
    )
    barrier_labels = dict(Barrier.choices)
    in_force = selectors.current_consents(participant=participant)
    return {
        "access": access,
        "participant": participant,
        "identifier_display": format_identifier(participant.identifier_kind, participant.identifier)
        if participant.identifier
        else "",
        "barriers": [barrier_labels.get(code, code) for code in participant.barriers],
        "consents": [(label, in_force[purpose]) for purpose, label in ConsentPurpose.choices],
        "participation_withdrawn": (
            in_force[ConsentPurpose.PARTICIPATION] is not None
            and in_force[ConsentPurpose.PARTICIPATION].status == Consent.Status.WITHDRAWN
        ),
        "case_team": selectors.case_team(participant=participant),
        "health_conditions": selectors.visible_health_conditions(access=access, user=request.user),
        "notes_page": notes_page,
        "note_form": NoteForm(),
        "enrolments": enrolments_for(participant=participant),
        "referrals": participant.referrals.select_related("referring_organisation").order_by(
            "-received_at"
        ),
    }


@login_required
def participant_detail(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_participant(user=request.user, ref=ref)
    services.access_log_record(
        user=request.user, access=access, action=Action.VIEW_RECORD, channel=WEB
    )
    return render(request, "participants/detail.html", _detail_context(request, access))


@login_required
def participant_edit(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_participant(user=request.user, ref=ref, need=Access.WRITE)
    participant = access.participant
    initial = {field: getattr(participant, field) for field in services.EDITABLE_FIELDS} | {
        "version": participant.version
    }
    form = ParticipantEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.participant_update(
                actor=request.user, access=access, data=data, expected_version=version
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            services.access_log_record(
                user=request.user, access=access, action=Action.EDIT, channel=WEB
            )
            messages.success(request, _("The changes have been saved."))
            return redirect("participants:detail", ref=participant.ref)
    else:
        # The edit form shows the whole record: opening it is a read.
        services.access_log_record(
            user=request.user, access=access, action=Action.VIEW_RECORD, channel=WEB
        )
    return render(request, "participants/edit.html", {"form": form, "participant": participant})


@login_required
def consent_record(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_participant(user=request.user, ref=ref, need=Access.WRITE)
    form = ConsentForm(request.POST or None, initial={"purpose": request.GET.get("purpose")})
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(
                actor=request.user, participant=access.participant, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The consent decision has been recorded."))
            return redirect("participants:detail", ref=ref)
    return render(
        request,
        "participants/consent.html",
        {
            "form": form,
            "participant": access.participant,
            "consent_history": access.participant.consents.select_related("recorded_by"),
        },
    )


@login_required
@require_POST
def note_add(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_participant(user=request.user, ref=ref)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_create(
                actor=request.user, participant=access.participant, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The note has been added."))
            return redirect("participants:detail", ref=ref)
    # The refused note is shown on the whole record again, so this is a read of it too.
    services.access_log_record(
        user=request.user, access=access, action=Action.VIEW_RECORD, channel=WEB
    )
    context = _detail_context(request, access) | {"note_form": form}
    return render(request, "participants/detail.html", context, status=422)


@login_required
def case_team_add(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_participant(user=request.user, ref=ref, need=Access.WRITE)
    candidates = selectors.case_team_candidates(participant=access.participant)
    form = CaseTeamMemberForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        member = next(
            user for user, _org in candidates if user.username == form.cleaned_data["user"]
        )
        try:
            services.case_team_member_add(
                actor=request.user,
                participant=access.participant,
                member=member,
                discipline=form.cleaned_data["discipline"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The case team has been updated."))
            return redirect("participants:detail", ref=ref)
    return render(
        request,
        "participants/case_team_add.html",
        {"form": form, "participant": access.participant},
    )


@login_required
@require_POST
def case_team_remove(request: HttpRequest, ref: str, member_ref: str) -> HttpResponse:
    access = selectors.access_participant(user=request.user, ref=ref, need=Access.WRITE)
    place = get_object_or_404(CaseTeamMember, participant=access.participant, ref=member_ref)
    services.case_team_member_remove(actor=request.user, place=place)
    messages.success(request, _("The case team has been updated."))
    return redirect("participants:detail", ref=ref)


@login_required
def health_condition_add(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_participant(user=request.user, ref=ref)
    if not (access.sees_health or access.can_write):
        raise Http404
    form = HealthConditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.health_condition_add(
                actor=request.user, participant=access.participant, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The health condition has been recorded."))
            return redirect("participants:detail", ref=ref)
    return render(
        request,
        "participants/health_condition_add.html",
        {"form": form, "participant": access.participant},
    )


@login_required
def access_log_view(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_participant(user=request.user, ref=ref, need=Access.WRITE)
    services.access_log_record(
        user=request.user, access=access, action=Action.VIEW_ACCESS_LOG, channel=WEB
    )
    page, query = paginate(request, selectors.access_log(participant=access.participant))
    return render(
        request,
        "participants/access_log.html",
        {"participant": access.participant, "page_obj": page, "query_without_page": query},
    )


@login_required
def access_log_export(request: HttpRequest, ref: str) -> HttpResponse:
    """The access log as CSV, to hand to the person on a subject-access request."""
    access = selectors.access_participant(user=request.user, ref=ref, need=Access.WRITE)
    services.access_log_record(user=request.user, access=access, action=Action.EXPORT, channel=WEB)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="access-log-{ref}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Persian and Arabic text as UTF-8
    writer = csv.writer(response)
    writer.writerow([_("When"), _("Who"), _("What"), _("Why"), _("Channel")])
    for entry in selectors.access_log(participant=access.participant).iterator():
        writer.writerow(
            [
                format_datetime(entry.at),
                entry.user.display_name,
                entry.get_action_display(),
                entry.get_grounds_display(),
                entry.get_channel_display(),
            ]
        )
    return response


@login_required
def participant_history(request: HttpRequest, ref: str) -> HttpResponse:
    access = selectors.access_participant(user=request.user, ref=ref, need=Access.WRITE)
    services.access_log_record(
        user=request.user, access=access, action=Action.VIEW_HISTORY, channel=WEB
    )
    records = list(
        access.participant.history.select_related("history_user").order_by("-history_date")[:100]
    )
    changes = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        fields = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=["version"])
            fields = [
                str(Participant._meta.get_field(change.field).verbose_name)
                for change in delta.changes
            ]
        changes.append({"record": newer, "fields": fields})
    return render(
        request,
        "participants/history.html",
        {"participant": access.participant, "changes": changes},
    )
