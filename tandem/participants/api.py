"""API for people: the same selectors and services as the pages, so the same rules."""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tandem.core.access import Access
from tandem.organisations.models import Organisation
from tandem.organisations.selectors import organisation_ids_for
from tandem.participants import selectors, services
from tandem.participants.models import AccessLogEntry

router = Router(tags=["participants"])
API = AccessLogEntry.Channel.API


class OrganisationRef(Schema):
    ref: str
    name: str


class ParticipantListItem(Schema):
    ref: str
    full_name: str
    date_of_birth: datetime.date | None
    owning_organisation: OrganisationRef


class HealthConditionOut(Schema):
    description: str
    is_disability: bool


class ParticipantOut(ParticipantListItem):
    given_name: str
    family_name: str
    phone: str
    email: str
    preferred_language: str
    interpreter_needed: bool
    identifier_kind: str
    identifier: str
    barriers: list[str]
    barriers_note: str
    benefit_situation: str
    match_group: int | None
    dependent_children: int
    childcare_needed: bool
    version: int
    health_conditions: list[HealthConditionOut] = Field(
        description="Only for clinicians on the case team while health sharing is consented."
    )


class ParticipantFields(Schema):
    given_name: str = ""
    family_name: str = ""
    date_of_birth: datetime.date | None = None
    phone: str = ""
    email: str = ""
    preferred_language: str = ""
    interpreter_needed: bool = False
    identifier_kind: str = ""
    identifier: str = ""
    barriers: list[str] = []
    barriers_note: str = ""
    benefit_situation: str = "none"
    match_group: int | None = None
    dependent_children: int = Field(0, ge=0, le=30)
    childcare_needed: bool = False


class ParticipantIn(ParticipantFields):
    full_name: str
    organisation_ref: str | None = Field(
        None, description="Needed only when you work for more than one organisation."
    )
    confirm_new: bool = Field(
        False,
        description="Create the record even though it looks like one you can already open.",
    )


class DuplicateOut(Schema):
    detail: str
    duplicates: list[ParticipantListItem]


class ParticipantPatch(Schema):
    """Only the fields sent are changed. Send `version` to refuse an edit of a stale copy."""

    version: int | None = None
    full_name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    date_of_birth: datetime.date | None = None
    phone: str | None = None
    email: str | None = None
    preferred_language: str | None = None
    interpreter_needed: bool | None = None
    identifier_kind: str | None = None
    identifier: str | None = None
    barriers: list[str] | None = None
    barriers_note: str | None = None
    benefit_situation: str | None = None
    match_group: int | None = None
    dependent_children: int | None = Field(None, ge=0, le=30)
    childcare_needed: bool | None = None


class NoteIn(Schema):
    text: str
    sensitivity: str = "general"


class NoteOut(Schema):
    ref: str
    text: str
    sensitivity: str
    author: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_author(note) -> str:
        return note.author.display_name


class AccessLogOut(Schema):
    at: datetime.datetime
    user: str
    action: str
    grounds: str
    channel: str

    @staticmethod
    def resolve_user(entry) -> str:
        return entry.user.display_name


def _participant_out(access: selectors.ParticipantAccess, request: HttpRequest) -> dict:
    participant = access.participant
    conditions = selectors.visible_health_conditions(access=access, user=request.user)
    return {
        **{field: getattr(participant, field) for field in services.EDITABLE_FIELDS},
        "ref": participant.ref,
        "version": participant.version,
        "owning_organisation": participant.owning_organisation,
        "health_conditions": list(conditions),
    }


@router.get("", response=list[ParticipantListItem])
@paginate(LimitOffsetPagination)
def list_participants(request: HttpRequest, search: str = ""):
    return selectors.participant_list(user=request.user, search=search)


@router.post("", response={201: ParticipantOut, 409: DuplicateOut})
def create_participant(request: HttpRequest, payload: ParticipantIn):
    data = payload.dict()
    organisation_ref = data.pop("organisation_ref")
    confirm_new = data.pop("confirm_new")
    writable = Organisation.objects.filter(
        pk__in=organisation_ids_for(user=request.user, roles=selectors.WRITE_ROLES)
    ).select_related("region")
    if organisation_ref:
        writable = writable.filter(ref=organisation_ref)
    organisations = list(writable[:2])
    if not organisations:
        raise Http404
    if len(organisations) > 1:
        raise ValidationError(
            {"organisation_ref": [_("Say which organisation the record is for.")]}
        )
    if not confirm_new:
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
        if duplicates:
            return Status(
                409,
                {
                    "detail": _(
                        "This person may already have a record. Use it, or send "
                        "confirm_new: true to create a new one."
                    ),
                    "duplicates": duplicates,
                },
            )
    participant = services.participant_create(
        actor=request.user, organisation=organisations[0], data=data
    )
    access = selectors.access_participant(user=request.user, ref=participant.ref)
    return Status(201, _participant_out(access, request))


@router.get("/{ref}", response=ParticipantOut)
def get_participant(request: HttpRequest, ref: str):
    access = selectors.access_participant(user=request.user, ref=ref)
    services.access_log_record(
        user=request.user, access=access, action=AccessLogEntry.Action.VIEW_RECORD, channel=API
    )
    return _participant_out(access, request)


@router.patch("/{ref}", response=ParticipantOut)
def patch_participant(request: HttpRequest, ref: str, payload: ParticipantPatch):
    access = selectors.access_participant(user=request.user, ref=ref, need=Access.WRITE)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    services.participant_update(
        actor=request.user, access=access, data=data, expected_version=version
    )
    access = selectors.access_participant(user=request.user, ref=ref)
    # The answer carries the whole record, so the change is also a read of it.
    services.access_log_record(
        user=request.user, access=access, action=AccessLogEntry.Action.EDIT, channel=API
    )
    return _participant_out(access, request)


@router.get("/{ref}/notes", response=list[NoteOut])
@paginate(LimitOffsetPagination)
def list_notes(request: HttpRequest, ref: str):
    access = selectors.access_participant(user=request.user, ref=ref)
    services.access_log_record(
        user=request.user, access=access, action=AccessLogEntry.Action.VIEW_NOTES, channel=API
    )
    return selectors.visible_notes(access=access, user=request.user)


@router.post("/{ref}/notes", response={201: NoteOut})
def create_note(request: HttpRequest, ref: str, payload: NoteIn):
    access = selectors.access_participant(user=request.user, ref=ref)
    note = services.note_create(
        actor=request.user,
        participant=access.participant,
        text=payload.text,
        sensitivity=payload.sensitivity,
    )
    return Status(201, note)


@router.get("/{ref}/access-log", response=list[AccessLogOut])
@paginate(LimitOffsetPagination)
def get_access_log(request: HttpRequest, ref: str):
    access = selectors.access_participant(user=request.user, ref=ref, need=Access.WRITE)
    services.access_log_record(
        user=request.user,
        access=access,
        action=AccessLogEntry.Action.VIEW_ACCESS_LOG,
        channel=API,
    )
    return selectors.access_log(participant=access.participant)
