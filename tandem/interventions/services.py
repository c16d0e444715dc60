"""Writes about interventions: referring a person to one, its progress, attendance."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.interventions.models import Attendance, Intervention, InterventionReferral
from tandem.organisations.models import User
from tandem.participants.models import Participant
from tandem.referrals.models import Enrolment

# Which status may follow which: a completed or cancelled referral is finished.
NEXT_STATUSES = {
    InterventionReferral.Status.REQUESTED: {
        InterventionReferral.Status.STARTED,
        InterventionReferral.Status.DID_NOT_ATTEND,
        InterventionReferral.Status.CANCELLED,
    },
    InterventionReferral.Status.STARTED: {
        InterventionReferral.Status.COMPLETED,
        InterventionReferral.Status.DID_NOT_ATTEND,
        InterventionReferral.Status.CANCELLED,
    },
    InterventionReferral.Status.DID_NOT_ATTEND: {
        InterventionReferral.Status.STARTED,
        InterventionReferral.Status.CANCELLED,
    },
    InterventionReferral.Status.COMPLETED: set(),
    InterventionReferral.Status.CANCELLED: set(),
}


@transaction.atomic
def intervention_referral_create(
    *,
    actor: User,
    participant: Participant,
    intervention: Intervention,
    enrolment: Enrolment | None = None,
    requested_on: datetime.date | None = None,
    note: str = "",
) -> InterventionReferral:
    if not intervention.is_active:
        raise ValidationError({"intervention": _("This intervention is no longer offered.")})
    if enrolment is not None and enrolment.participant_id != participant.pk:
        raise ValidationError({"enrolment": _("This enrolment belongs to someone else.")})
    referral = InterventionReferral(
        participant=participant,
        enrolment=enrolment,
        intervention=intervention,
        requested_on=requested_on or timezone.localdate(),
        note=note.strip(),
        requested_by=actor,
    )
    referral._history_user = actor  # type: ignore[attr-defined]
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def intervention_referral_set_status(
    *,
    actor: User,
    referral: InterventionReferral,
    status: str,
    on: datetime.date | None = None,
) -> InterventionReferral:
    referral = InterventionReferral.objects.select_for_update().get(pk=referral.pk)
    if status not in NEXT_STATUSES.get(referral.status, set()):
        raise ValidationError(
            {
                "status": _("A referral that is %(current)s cannot become %(new)s.")
                % {
                    "current": referral.get_status_display().lower(),
                    "new": str(
                        dict(InterventionReferral.Status.choices).get(status, status)
                    ).lower(),
                }
            }
        )
    on = on or timezone.localdate()
    if status == InterventionReferral.Status.STARTED:
        referral.started_on = on
    elif status in (InterventionReferral.Status.COMPLETED, InterventionReferral.Status.CANCELLED):
        referral.ended_on = on
    referral.status = status
    referral._history_user = actor  # type: ignore[attr-defined]
    referral.save()
    return referral


@transaction.atomic
def attendance_record(
    *,
    actor: User,
    referral: InterventionReferral,
    session_on: datetime.date,
    attended: bool,
    note: str = "",
) -> Attendance:
    # Work on a fresh, locked copy: the status check below must see the latest status.
    referral = InterventionReferral.objects.select_for_update().get(pk=referral.pk)
    if session_on > timezone.localdate():
        raise ValidationError({"session_on": _("Record attendance after the session.")})
    if Attendance.objects.filter(referral=referral, session_on=session_on).exists():
        raise ValidationError({"session_on": _("Attendance for this day is already recorded.")})
    attendance = Attendance(
        referral=referral,
        session_on=session_on,
        attended=attended,
        note=note.strip(),
        recorded_by=actor,
    )
    attendance.full_clean()
    attendance.save()
    if attended and referral.status == InterventionReferral.Status.REQUESTED:
        intervention_referral_set_status(
            actor=actor,
            referral=referral,
            status=InterventionReferral.Status.STARTED,
            on=session_on,
        )
    return attendance
