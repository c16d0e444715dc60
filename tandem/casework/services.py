"""Writes for casework: one function per state change, atomic and validated."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.casework.assessments import SEVERITY_RANK, questions_for
from tandem.casework.models import (
    Appointment,
    Assessment,
    CaseReview,
    Contact,
    Goal,
    Milestone,
    Plan,
    ReviewAction,
    ReviewQueue,
    ReviewQueueItem,
    StageChange,
    Track,
)
from tandem.core.access import CASEWORK_ROLES, Sensitivity
from tandem.interventions.models import InterventionReferral
from tandem.organisations.models import Membership, Organisation, User
from tandem.organisations.selectors import organisation_ids_for
from tandem.participants.models import BenefitSituation, CaseTeamMember, Participant
from tandem.referrals.models import Enrolment, SupportStage

# ---------------------------------------------------------------- stages


@transaction.atomic
def stage_move(*, actor: User, enrolment: Enrolment, to_stage: str, note: str = "") -> StageChange:
    """Move an enrolment to another supported-employment stage. Moving back is allowed and
    recorded like any other move."""
    if to_stage not in SupportStage.values:
        raise ValidationError({"to_stage": _("Choose one of the five stages.")})
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == Enrolment.Status.EXITED:
        raise ValidationError(_("This person has left the programme."), code="exited")
    if enrolment.stage == to_stage:
        raise ValidationError({"to_stage": _("The person is already in this stage.")})
    now = timezone.now()
    change = StageChange.objects.create(
        enrolment=enrolment,
        from_stage=enrolment.stage,
        to_stage=to_stage,
        changed_at=now,
        changed_by=actor,
        note=note.strip(),
    )
    enrolment.stage = to_stage
    enrolment.stage_since = now
    enrolment._history_user = actor  # type: ignore[attr-defined]
    enrolment.save(update_fields=["stage", "stage_since", "updated_at"])
    return change


# ---------------------------------------------------------------- assessments


def _clean_answers(kind: str, raw: dict[str, Any]) -> tuple[dict, dict]:
    questions = {question.key: question for question in questions_for(kind)}
    unknown = set(raw) - set(questions)
    if unknown:
        raise ValidationError(
            {key: [_("This question is not part of this assessment.")] for key in unknown}
        )
    errors: dict[str, list[str]] = {}
    general: dict[str, Any] = {}
    health: dict[str, Any] = {}
    for key, value in raw.items():
        question = questions[key]
        if value in (None, ""):
            continue
        if question.kind == "number":
            try:
                number = Decimal(str(value))
            except (InvalidOperation, ValueError):
                errors[key] = [_("Enter a number.")]
                continue
            if number < 0 or number > 1000:
                errors[key] = [_("Enter a number between 0 and 1000.")]
                continue
            value = int(number) if number == number.to_integral_value() else float(number)
        elif question.kind == "yesno":
            if not isinstance(value, bool):
                errors[key] = [_("Answer yes or no.")]
                continue
        elif question.kind == "severity":
            if value not in SEVERITY_RANK:
                errors[key] = [_("Choose none, low, medium or high.")]
                continue
        else:
            value = str(value).strip()
            if len(value) > 5000:
                errors[key] = [_("Keep this answer under 5,000 characters.")]
                continue
        (health if question.health else general)[key] = value
    if errors:
        raise ValidationError(errors)
    if not general and not health:
        raise ValidationError(_("Answer at least one question before saving."), code="empty")
    return general, health


@transaction.atomic
def assessment_record(
    *,
    actor: User,
    participant: Participant,
    kind: str,
    answers: dict[str, Any],
    assessed_on: datetime.date | None = None,
) -> Assessment:
    """Save a new version of an assessment; earlier versions stay as they were."""
    if kind not in Assessment.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of assessment.")})
    general, health = _clean_answers(kind, answers)
    # Lock the person's row so two colleagues saving at once get versions n+1 and n+2.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    latest = Assessment.objects.filter(participant=participant, kind=kind).aggregate(
        latest=Max("version")
    )["latest"]
    assessed_on = assessed_on or timezone.localdate()
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("The date cannot be in the future.")})
    assessment = Assessment(
        participant=participant,
        kind=kind,
        version=(latest or 0) + 1,
        assessed_on=assessed_on,
        author=actor,
        answers=general,
        health_answers=health,
    )
    assessment.full_clean()
    assessment.save()
    return assessment


# ---------------------------------------------------------------- case reviews and queues


QUEUE_CRITERIA = {"benefit_situation", "match_group", "stage"}


@transaction.atomic
def review_queue_create(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    description: str = "",
    criteria: dict[str, Any],
) -> ReviewQueue:
    """Make a queue of every person the organisation supports who matches the criteria.
    Members are fixed now, so the team can see how far through the group it is."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the queue a name.")})
    unknown = set(criteria) - QUEUE_CRITERIA
    if unknown:
        raise ValidationError({"criteria": _("Unknown criteria: %(keys)s") % {"keys": unknown}})
    enrolments = Enrolment.objects.filter(
        organisation=organisation, status__in=[Enrolment.Status.ACTIVE, Enrolment.Status.PAUSED]
    )
    if criteria.get("benefit_situation"):
        if criteria["benefit_situation"] not in BenefitSituation.values:
            raise ValidationError({"criteria": _("Unknown benefit situation.")})
        enrolments = enrolments.filter(participant__benefit_situation=criteria["benefit_situation"])
    if criteria.get("match_group"):
        if str(criteria["match_group"]) not in ("1", "2", "3"):
            raise ValidationError({"criteria": _("A match group is 1, 2 or 3.")})
        enrolments = enrolments.filter(participant__match_group=int(criteria["match_group"]))
    if criteria.get("stage"):
        if criteria["stage"] not in SupportStage.values:
            raise ValidationError({"criteria": _("Choose one of the five stages.")})
        enrolments = enrolments.filter(stage=criteria["stage"])
    participant_ids = list(
        enrolments.order_by("participant__full_name", "participant_id")
        .values_list("participant_id", flat=True)
        .distinct()
    )
    if not participant_ids:
        raise ValidationError(
            _("Nobody your organisation supports matches these criteria."), code="empty"
        )
    queue = ReviewQueue.objects.create(
        organisation=organisation,
        name=name,
        description=description.strip(),
        criteria={key: value for key, value in criteria.items() if value},
        created_by=actor,
    )
    ReviewQueueItem.objects.bulk_create(
        ReviewQueueItem(queue=queue, participant_id=participant_id, position=position)
        for position, participant_id in enumerate(dict.fromkeys(participant_ids), start=1)
    )
    return queue


@transaction.atomic
def case_review_record(
    *,
    actor: User,
    participant: Participant,
    held_on: datetime.date,
    decision: str,
    attendees: list[User],
    enrolment: Enrolment | None = None,
    other_attendees: str = "",
    participant_present: bool = True,
    participant_view: str = "",
    discussion: str = "",
    decision_note: str = "",
    actions: list[dict[str, Any]] | None = None,
    queue_item: ReviewQueueItem | None = None,
) -> CaseReview:
    errors: dict[str, list[str]] = {}
    if decision not in CaseReview.Decision.values:
        errors["decision"] = [_("Choose what the review decided.")]
    if held_on > timezone.localdate():
        errors["held_on"] = [_("A review cannot be recorded before it is held.")]
    if enrolment is not None and enrolment.participant_id != participant.pk:
        errors["enrolment"] = [_("This enrolment belongs to someone else.")]
    # Only people working on this case may be named: the case team and the casework staff of
    # the organisation that owns the record.
    allowed_people = set(
        CaseTeamMember.objects.filter(participant=participant).values_list("user_id", flat=True)
    ) | set(
        Membership.objects.filter(
            organisation_id=participant.owning_organisation_id,
            is_active=True,
            role__in=CASEWORK_ROLES,
        ).values_list("user_id", flat=True)
    )
    if any(attendee.pk not in allowed_people for attendee in attendees):
        errors["attendees"] = [_("Attendees must be on the case team or work on the case.")]
    action_rows = []
    for index, action in enumerate(actions or []):
        description = (action.get("description") or "").strip()
        if not description:
            continue
        if action.get("owner") is None or action.get("due_on") is None:
            errors[f"actions.{index}"] = [_("Each action needs someone to do it and a due date.")]
            continue
        if action["owner"].pk not in allowed_people:
            errors[f"actions.{index}"] = [
                _("An action's owner must be on the case team or work on the case.")
            ]
            continue
        action_rows.append((description, action["owner"], action["due_on"]))
    if errors:
        raise ValidationError(errors)
    review = CaseReview(
        participant=participant,
        enrolment=enrolment,
        held_on=held_on,
        other_attendees=other_attendees.strip(),
        participant_present=participant_present,
        participant_view=participant_view.strip(),
        discussion=discussion.strip(),
        decision=decision,
        decision_note=decision_note.strip(),
        created_by=actor,
    )
    review._history_user = actor  # type: ignore[attr-defined]
    review.full_clean()
    review.save()
    review.attendees.set(attendees)
    ReviewAction.objects.bulk_create(
        ReviewAction(review=review, description=description, owner=owner, due_on=due_on)
        for description, owner, due_on in action_rows
    )
    if queue_item is not None:
        item = ReviewQueueItem.objects.select_for_update().get(pk=queue_item.pk)
        if item.participant_id != participant.pk:
            raise ValidationError(_("This place in the queue is for someone else."))
        if item.status == ReviewQueueItem.Status.REVIEWED:
            raise ValidationError(
                _("This case has already been reviewed in this queue."), code="reviewed"
            )
        item.status = ReviewQueueItem.Status.REVIEWED
        item.review = review
        item.save(update_fields=["status", "review"])
    return review


@transaction.atomic
def review_queue_item_skip(*, actor: User, item: ReviewQueueItem, reason: str) -> ReviewQueueItem:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this case is skipped.")})
    item = ReviewQueueItem.objects.select_for_update().get(pk=item.pk)
    if item.status != ReviewQueueItem.Status.WAITING:
        raise ValidationError(_("Only a waiting case can be skipped."), code="not_waiting")
    item.status = ReviewQueueItem.Status.SKIPPED
    item.skip_reason = reason
    item.save(update_fields=["status", "skip_reason"])
    return item


@transaction.atomic
def review_action_complete(
    *, actor: User, action: ReviewAction, completed_on: datetime.date | None = None
) -> ReviewAction:
    if action.completed_on is not None:
        raise ValidationError(_("This action is already done."), code="done")
    action.completed_on = completed_on or timezone.localdate()
    action.save(update_fields=["completed_on", "updated_at"])
    return action


# ---------------------------------------------------------------- plans


@transaction.atomic
def plan_create(
    *,
    actor: User,
    enrolment: Enrolment,
    summary: str = "",
    review_on: datetime.date | None = None,
) -> Plan:
    if Plan.objects.filter(enrolment=enrolment).exists():
        raise ValidationError(_("This enrolment already has a plan."), code="exists")
    if enrolment.status == Enrolment.Status.EXITED:
        raise ValidationError(_("This person has left the programme."), code="exited")
    plan = Plan(
        enrolment=enrolment,
        participant=enrolment.participant,
        summary=summary.strip(),
        review_on=review_on,
        created_by=actor,
    )
    plan._history_user = actor  # type: ignore[attr-defined]
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_update(*, actor: User, plan: Plan, summary: str, review_on: datetime.date | None) -> Plan:
    plan.summary = summary.strip()
    plan.review_on = review_on
    plan._history_user = actor  # type: ignore[attr-defined]
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_agree(
    *, actor: User, plan: Plan, method: str, agreed_on: datetime.date | None = None
) -> Plan:
    """Record that the person agreed to the plan as it stands now."""
    if method not in Plan.AgreementMethod.values:
        raise ValidationError({"method": _("Say how the person agreed to the plan.")})
    if not plan.goals.exists():
        raise ValidationError(_("Add at least one goal before the person agrees to the plan."))
    agreed_on = agreed_on or timezone.localdate()
    if agreed_on > timezone.localdate():
        raise ValidationError({"agreed_on": _("The date cannot be in the future.")})
    plan.agreed_on = agreed_on
    plan.agreement_method = method
    plan._history_user = actor  # type: ignore[attr-defined]
    plan.save()
    return plan


@transaction.atomic
def goal_add(*, actor: User, plan: Plan, track: str, description: str) -> Goal:
    if track not in Track.values:
        raise ValidationError({"track": _("Choose a track.")})
    description = description.strip()
    if not description:
        raise ValidationError({"description": _("Describe the goal.")})
    position = plan.goals.filter(track=track).count()
    goal = Goal(
        plan=plan, track=track, description=description, position=position, created_by=actor
    )
    goal._history_user = actor  # type: ignore[attr-defined]
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def milestone_add(
    *,
    actor: User,
    goal: Goal,
    description: str,
    target_on: datetime.date,
    intervention_referrals: list[InterventionReferral] | None = None,
) -> Milestone:
    description = description.strip()
    if not description:
        raise ValidationError({"description": _("Describe the milestone.")})
    if target_on is None:
        raise ValidationError({"target_on": _("Give the milestone a target date.")})
    for referral in intervention_referrals or []:
        if referral.participant_id != goal.plan.participant_id:
            raise ValidationError({"interventions": _("Choose this person's interventions.")})
    milestone = Milestone(goal=goal, description=description, target_on=target_on)
    milestone._history_user = actor  # type: ignore[attr-defined]
    milestone.full_clean()
    milestone.save()
    milestone.interventions.set(intervention_referrals or [])
    return milestone


@transaction.atomic
def milestone_set_state(
    *, actor: User, milestone: Milestone, state: str, on: datetime.date | None = None
) -> Milestone:
    if state not in Milestone.State.values:
        raise ValidationError({"state": _("Choose a state.")})
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    milestone.state = state
    milestone.state_changed_on = on or timezone.localdate()
    milestone._history_user = actor  # type: ignore[attr-defined]
    milestone.save()
    return milestone


# ---------------------------------------------------------------- contacts and appointments


@transaction.atomic
def contact_record(
    *,
    actor: User,
    participant: Participant,
    channel: str,
    summary: str,
    happened_at: datetime.datetime | None = None,
    sensitivity: str = Sensitivity.GENERAL,
) -> Contact:
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": _("Write what happened.")})
    happened_at = happened_at or timezone.now()
    if happened_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"happened_at": _("A contact cannot be in the future.")})
    contact = Contact(
        participant=participant,
        channel=channel,
        summary=summary,
        happened_at=happened_at,
        staff=actor,
        sensitivity=sensitivity,
    )
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def appointment_book(
    *,
    actor: User,
    participant: Participant,
    staff: User,
    starts_at: datetime.datetime,
    channel: str,
    purpose: str,
    minutes: int = 45,
    location: str = "",
    remind_minutes_before: int | None = 24 * 60,
) -> Appointment:
    purpose = purpose.strip()
    errors: dict[str, list[str]] = {}
    if not purpose:
        errors["purpose"] = [_("Say what the appointment is for.")]
    if starts_at < timezone.now() - datetime.timedelta(minutes=5):
        errors["starts_at"] = [_("Book appointments in the future.")]
    if not organisation_ids_for(user=staff, roles=CASEWORK_ROLES):
        errors["staff"] = [_("Appointments are with staff who work with people.")]
    if errors:
        raise ValidationError(errors)
    remind_at = (
        starts_at - datetime.timedelta(minutes=remind_minutes_before)
        if remind_minutes_before is not None
        else None
    )
    appointment = Appointment(
        participant=participant,
        staff=staff,
        starts_at=starts_at,
        minutes=minutes,
        channel=channel,
        location=location.strip(),
        purpose=purpose,
        remind_at=remind_at,
        created_by=actor,
    )
    appointment.full_clean()
    appointment.save()
    return appointment


@transaction.atomic
def appointment_set_status(*, actor: User, appointment: Appointment, status: str) -> Appointment:
    if status not in Appointment.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    if status in (Appointment.Status.ATTENDED, Appointment.Status.MISSED) and (
        appointment.starts_at > timezone.now()
    ):
        raise ValidationError(
            {"status": _("An appointment can be marked attended or missed once it has started.")}
        )
    appointment.status = status
    appointment.save(update_fields=["status", "updated_at"])
    return appointment
