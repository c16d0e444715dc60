"""Writes about people: one function per state change, each atomic, validated and audited.

History of every change is kept by django-simple-history on the models; reads are written to
the access log by `access_log_record`.
"""

import datetime
from typing import Any

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tandem.core.access import CASEWORK_ROLES, Sensitivity
from tandem.core.identifiers import validate_identifier
from tandem.organisations.models import Organisation, User
from tandem.participants.models import (
    AccessLogEntry,
    Barrier,
    CaseTeamMember,
    Consent,
    HealthCondition,
    Note,
    Participant,
)
from tandem.participants.selectors import ParticipantAccess

# Where the number has no country prefix, read it as the organisation's country would.
DEFAULT_PHONE_REGION = {"GB": "GB", "DK": "DK", "IR": "IR"}

EDITABLE_FIELDS = frozenset(
    {
        "full_name",
        "given_name",
        "family_name",
        "date_of_birth",
        "phone",
        "email",
        "preferred_language",
        "interpreter_needed",
        "identifier_kind",
        "identifier",
        "barriers",
        "barriers_note",
        "benefit_situation",
        "match_group",
        "dependent_children",
        "childcare_needed",
    }
)


def normalise_phone(raw: str, *, country_code: str) -> str:
    """E.164 form of a phone number, or a translated ValidationError."""
    raw = raw.strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, DEFAULT_PHONE_REGION.get(country_code, "GB"))
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            {"phone": _("Enter a phone number, for example +44 191 498 0123.")}
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError({"phone": _("This phone number is not valid.")})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _clean_participant_fields(data: dict[str, Any], *, country_code: str) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned = dict(data)
    if "full_name" in cleaned:
        cleaned["full_name"] = (cleaned["full_name"] or "").strip()
        if not cleaned["full_name"]:
            errors["full_name"] = [_("Enter the person's full name.")]
    if cleaned.get("phone"):
        try:
            cleaned["phone"] = normalise_phone(cleaned["phone"], country_code=country_code)
        except ValidationError as error:
            errors.update(error.message_dict)
    kind, identifier = cleaned.get("identifier_kind") or "", cleaned.get("identifier") or ""
    if identifier and not kind:
        errors["identifier_kind"] = [_("Choose which kind of national identifier this is.")]
    elif identifier:
        try:
            cleaned["identifier"] = validate_identifier(kind, identifier)
        except ValidationError as error:
            errors["identifier"] = error.messages
    elif "identifier" in cleaned:
        cleaned["identifier_kind"] = ""
    if "barriers" in cleaned:
        unknown = set(cleaned["barriers"] or []) - set(Barrier.values)
        if unknown:
            errors["barriers"] = [_("Choose barriers from the list.")]
        cleaned["barriers"] = sorted(set(cleaned["barriers"] or []))
    date_of_birth = cleaned.get("date_of_birth")
    if date_of_birth and date_of_birth > datetime.date.today():
        errors["date_of_birth"] = [_("The date of birth cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def participant_create(
    *, actor: User, organisation: Organisation, data: dict[str, Any]
) -> Participant:
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(unknown)})
    cleaned = _clean_participant_fields(data, country_code=organisation.region.country_code)
    participant = Participant(owning_organisation=organisation, created_by=actor, **cleaned)
    participant._history_user = actor  # type: ignore[attr-defined]
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def participant_update(
    *, actor: User, access: ParticipantAccess, data: dict[str, Any], expected_version: int | None
) -> Participant:
    """Change a person's details. An edit based on an older version is refused."""
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(unknown)})
    # Lock the row so two saves cannot interleave between the version check and the write.
    participant = Participant.objects.select_for_update().get(pk=access.participant.pk)
    if expected_version is not None and participant.version != expected_version:
        raise ValidationError(
            _(
                "Someone else changed this record while you were editing it. "
                "Your changes were not saved: reload the page to see theirs, then try again."
            ),
            code="stale",
        )
    if not data:
        return participant
    merged = {"identifier_kind": participant.identifier_kind, **data}
    if "identifier_kind" in data and "identifier" not in data:
        merged["identifier"] = participant.identifier
    cleaned = _clean_participant_fields(
        merged, country_code=participant.owning_organisation.region.country_code
    )
    for field, value in cleaned.items():
        setattr(participant, field, value)
    participant.version += 1
    participant._history_user = actor  # type: ignore[attr-defined]
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def consent_record(
    *,
    actor: User,
    participant: Participant,
    purpose: str,
    status: str,
    method: str,
    note: str = "",
) -> Consent:
    """Record a consent decision. A withdrawal is in force from this moment on."""
    consent = Consent(
        participant=participant,
        purpose=purpose,
        status=status,
        method=method,
        note=note.strip(),
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def case_team_member_add(
    *, actor: User, participant: Participant, member: User, discipline: str
) -> CaseTeamMember:
    if CaseTeamMember.objects.filter(participant=participant, user=member).exists():
        raise ValidationError({"user": _("This person is already on the case team.")})
    if (
        not member.is_active
        or not member.memberships.filter(is_active=True, role__in=CASEWORK_ROLES).exists()
    ):
        raise ValidationError(
            {"user": _("Only staff working with people (not referrers or managers) can join.")}
        )
    place = CaseTeamMember(
        participant=participant, user=member, discipline=discipline, added_by=actor
    )
    place._history_user = actor  # type: ignore[attr-defined]
    place.full_clean()
    place.save()
    return place


@transaction.atomic
def case_team_member_remove(*, actor: User, place: CaseTeamMember) -> None:
    place._history_user = actor  # type: ignore[attr-defined]
    place.delete()


@transaction.atomic
def note_create(*, actor: User, participant: Participant, text: str, sensitivity: str) -> Note:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the note before saving it.")})
    if sensitivity not in Sensitivity.values:
        raise ValidationError({"sensitivity": _("Choose general, social or health.")})
    note = Note(participant=participant, author=actor, text=text, sensitivity=sensitivity)
    note._history_user = actor  # type: ignore[attr-defined]
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def health_condition_add(
    *, actor: User, participant: Participant, description: str, is_disability: bool
) -> HealthCondition:
    description = description.strip()
    if not description:
        raise ValidationError({"description": _("Describe the condition.")})
    condition = HealthCondition(
        participant=participant,
        description=description,
        is_disability=is_disability,
        recorded_by=actor,
    )
    condition._history_user = actor  # type: ignore[attr-defined]
    condition.full_clean()
    condition.save()
    return condition


def access_log_record(
    *, user: User, access: ParticipantAccess, action: str, channel: str
) -> AccessLogEntry:
    """Write one row of the person's access log. Called on every read of their record."""
    return AccessLogEntry.objects.create(
        participant=access.participant,
        user=user,
        action=action,
        grounds=access.grounds,
        channel=channel,
    )
