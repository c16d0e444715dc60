"""Reads for casework. Everything about one person takes a ParticipantAccess (from
`participants.selectors.access_participant`), so the sensitivity rules are applied in one place:
general content to all who may open the record; social content to social-discipline members of
the case team; health content to clinical members while the person consents; and anything to
its author."""

import datetime
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.casework.assessments import questions_for
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
from tandem.core.access import REFERRAL_HANDLING_ROLES, Role, Sensitivity
from tandem.organisations.models import Membership, User
from tandem.organisations.selectors import organisation_ids_for
from tandem.participants.selectors import (
    ParticipantAccess,
    visible_notes,
    visible_participants,
)
from tandem.referrals.models import Enrolment


def allowed_sensitivities(access: ParticipantAccess) -> list[str]:
    allowed = [Sensitivity.GENERAL]
    if access.sees_social:
        allowed.append(Sensitivity.SOCIAL)
    if access.sees_health:
        allowed.append(Sensitivity.HEALTH)
    return allowed


# ---------------------------------------------------------------- assessments


@dataclass(frozen=True)
class AssessmentView:
    """An assessment as one viewer may see it: health answers only where allowed."""

    assessment: Assessment
    answers: dict[str, Any]
    health_hidden: bool


def _view(assessment: Assessment, access: ParticipantAccess, user: User) -> AssessmentView:
    shows_health = access.sees_health or assessment.author_id == user.pk
    answers = dict(assessment.answers)
    if shows_health:
        answers.update(assessment.health_answers)
    return AssessmentView(
        assessment=assessment,
        answers=answers,
        health_hidden=bool(assessment.health_answers) and not shows_health,
    )


def assessments_for(
    *, access: ParticipantAccess, user: User, kind: str | None = None
) -> list[AssessmentView]:
    assessments = Assessment.objects.filter(participant=access.participant).select_related("author")
    if kind:
        assessments = assessments.filter(kind=kind)
    return [_view(a, access, user) for a in assessments.order_by("kind", "-version")]


def assessment_get(
    *, access: ParticipantAccess, user: User, kind: str, version: int
) -> AssessmentView | None:
    assessment = (
        Assessment.objects.filter(participant=access.participant, kind=kind, version=version)
        .select_related("author")
        .first()
    )
    return _view(assessment, access, user) if assessment else None


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    values: list[Any]
    changed: bool


def assessment_compare(views: list[AssessmentView], kind: str) -> list[ComparisonRow]:
    """Rows of question × version, for laying versions side by side."""
    rows = []
    for question in questions_for(kind):
        values = [view.answers.get(question.key) for view in views]
        rows.append(
            ComparisonRow(
                label=str(question.label),
                values=values,
                changed=len({repr(value) for value in values}) > 1,
            )
        )
    return rows


# ---------------------------------------------------------------- plans


@dataclass
class GoalView:
    goal: Goal
    milestones: list[Milestone]


@dataclass
class PlanView:
    plan: Plan
    tracks: list[tuple[str, Any, list[GoalView]]] = field(default_factory=list)
    hidden_goals: int = 0


def plan_view(*, access: ParticipantAccess, user: User, plan: Plan) -> PlanView:
    allowed = allowed_sensitivities(access)
    goals = (
        plan.goals.select_related("created_by")
        .prefetch_related("milestones__interventions__intervention")
        .order_by("track", "position", "id")
    )
    by_track: dict[str, list[GoalView]] = {track: [] for track in Track.values}
    hidden = 0
    for goal in goals:
        if goal.sensitivity in allowed or goal.created_by_id == user.pk:
            by_track[goal.track].append(GoalView(goal=goal, milestones=list(goal.milestones.all())))
        else:
            hidden += 1
    return PlanView(
        plan=plan,
        tracks=[(value, str(label), by_track[value]) for value, label in Track.choices],
        hidden_goals=hidden,
    )


def open_enrolments(*, participant) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(participant=participant)
        .exclude(status=Enrolment.Status.EXITED)
        .select_related("programme", "organisation", "key_worker")
    )


# ---------------------------------------------------------------- contacts and appointments


def visible_contacts(*, access: ParticipantAccess, user: User) -> QuerySet[Contact]:
    """The same rule as notes: what the viewer's place on the case team allows, and their own."""
    return (
        Contact.objects.filter(participant=access.participant)
        .filter(Q(sensitivity__in=allowed_sensitivities(access)) | Q(staff=user))
        .select_related("staff")
        .order_by("-happened_at", "-id")
    )


def appointments_for(*, access: ParticipantAccess) -> QuerySet[Appointment]:
    return Appointment.objects.filter(participant=access.participant).select_related("staff")


def due_reminders(*, user: User) -> QuerySet[Appointment]:
    """The user's own booked appointments whose reminder time has come, until a day after
    they started; only of people they may still open."""
    now = timezone.now()
    return (
        Appointment.objects.filter(
            staff=user,
            status=Appointment.Status.BOOKED,
            remind_at__lte=now,
            starts_at__gte=now - datetime.timedelta(days=1),
            participant__in=visible_participants(user=user),
        )
        .select_related("participant")
        .order_by("starts_at", "id")
    )


# ---------------------------------------------------------------- timeline


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    kind: str
    title: str
    detail: str
    by: str
    sensitivity: str = Sensitivity.GENERAL


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def timeline(*, access: ParticipantAccess, user: User, limit: int = 50) -> list[TimelineEntry]:
    """Everything that happened around the person, newest first, filtered by what the viewer
    may see. Each source is cut to `limit` rows before merging, so the cost does not grow with
    the length of the record."""
    participant = access.participant
    entries: list[TimelineEntry] = []
    for note in visible_notes(access=access, user=user)[:limit]:
        entries.append(
            TimelineEntry(
                note.created_at,
                "note",
                _("Note"),
                note.text,
                note.author.display_name,
                note.sensitivity,
            )
        )
    contacts = visible_contacts(access=access, user=user)[:limit]
    for contact in contacts:
        entries.append(
            TimelineEntry(
                contact.happened_at,
                "contact",
                str(contact.get_channel_display()),
                contact.summary,
                contact.staff.display_name,
                contact.sensitivity,
            )
        )
    for appointment in (
        Appointment.objects.filter(participant=participant)
        .select_related("staff")
        .order_by("-starts_at")[:limit]
    ):
        entries.append(
            TimelineEntry(
                appointment.starts_at,
                "appointment",
                _("Appointment: %(status)s") % {"status": appointment.get_status_display()},
                appointment.purpose,
                appointment.staff.display_name,
            )
        )
    for change in StageChange.objects.filter(enrolment__participant=participant).select_related(
        "changed_by"
    )[:limit]:
        entries.append(
            TimelineEntry(
                change.changed_at,
                "stage",
                _("Stage: %(stage)s") % {"stage": change.get_to_stage_display()},
                change.note,
                change.changed_by.display_name,
            )
        )
    for review in CaseReview.objects.filter(participant=participant).select_related("created_by")[
        :limit
    ]:
        entries.append(
            TimelineEntry(
                _aware(review.held_on),
                "review",
                _("Case review"),
                review.get_decision_display(),
                review.created_by.display_name,
            )
        )
    for assessment in (
        Assessment.objects.filter(participant=participant)
        .select_related("author")
        .order_by("-assessed_on")[:limit]
    ):
        entries.append(
            TimelineEntry(
                _aware(assessment.assessed_on),
                "assessment",
                _("%(kind)s, version %(version)s")
                % {"kind": assessment.get_kind_display(), "version": assessment.version},
                "",
                assessment.author.display_name,
            )
        )
    for enrolment in Enrolment.objects.filter(participant=participant).select_related(
        "programme", "enrolled_by"
    )[:limit]:
        entries.append(
            TimelineEntry(
                _aware(enrolment.started_on),
                "enrolment",
                _("Enrolled on %(programme)s") % {"programme": enrolment.programme.name},
                "",
                enrolment.enrolled_by.display_name,
            )
        )
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return list(islice(entries, limit))


# ---------------------------------------------------------------- caseloads


def _last_contact_subquery():
    return Subquery(
        Contact.objects.filter(participant=OuterRef("participant"))
        .order_by("-happened_at")
        .values("happened_at")[:1]
    )


def caseload(*, user: User, key_worker: User) -> QuerySet[Enrolment]:
    """A key worker's open enrolments with what the caseload page shows, in one query:
    stage, last contact, overdue milestones, next appointment and next action."""
    if key_worker.pk != user.pk and not _leads_team_of(user=user, member=key_worker):
        return Enrolment.objects.none()
    today = timezone.localdate()
    overdue = Milestone.objects.filter(
        goal__plan__enrolment=OuterRef("pk"),
        state__in=Milestone.OPEN_STATES,
        target_on__lt=today,
    )
    next_appointment = Subquery(
        Appointment.objects.filter(
            participant=OuterRef("participant"),
            status=Appointment.Status.BOOKED,
            starts_at__gte=timezone.now(),
        )
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    next_action_due = Subquery(
        ReviewAction.objects.filter(
            review__participant=OuterRef("participant"), completed_on__isnull=True
        )
        .order_by("due_on")
        .values("due_on")[:1]
    )
    next_action = Subquery(
        ReviewAction.objects.filter(
            review__participant=OuterRef("participant"), completed_on__isnull=True
        )
        .order_by("due_on")
        .values("description")[:1]
    )
    return (
        Enrolment.objects.filter(key_worker=key_worker)
        .exclude(status=Enrolment.Status.EXITED)
        # Only people the viewer may still open: a key worker who left sees nobody.
        .filter(participant__in=visible_participants(user=user))
        .select_related("participant", "programme")
        .annotate(
            last_contact_at=_last_contact_subquery(),
            overdue_milestones=Count(
                "plan__goals__milestones",
                filter=Q(
                    plan__goals__milestones__state__in=Milestone.OPEN_STATES,
                    plan__goals__milestones__target_on__lt=today,
                ),
                distinct=True,
            ),
            has_overdue=Exists(overdue),
            next_appointment_at=next_appointment,
            next_action_due=next_action_due,
            next_action=next_action,
        )
        .order_by("support_ends_on", "participant__full_name")
    )


def _leads_team_of(*, user: User, member: User) -> bool:
    led = organisation_ids_for(user=user, roles={Role.TEAM_LEAD})
    return (
        bool(led)
        and Membership.objects.filter(user=member, organisation_id__in=led, is_active=True).exists()
    )


@dataclass(frozen=True)
class TeamMemberLoad:
    user: User
    active: int
    paused: int
    limit: int

    @property
    def over_limit(self) -> bool:
        return self.active > self.limit


def team_caseloads(*, user: User) -> list[TeamMemberLoad]:
    """Each specialist's caseload in the teams the user leads, against the programme limit."""
    led = organisation_ids_for(user=user, roles={Role.TEAM_LEAD})
    if not led:
        return []
    members = (
        User.objects.filter(
            memberships__organisation_id__in=led,
            memberships__is_active=True,
            memberships__role__in=REFERRAL_HANDLING_ROLES,
        )
        .distinct()
        .annotate(
            active=Count(
                "caseload",
                filter=Q(caseload__status=Enrolment.Status.ACTIVE),
                distinct=True,
            ),
            paused=Count(
                "caseload",
                filter=Q(caseload__status=Enrolment.Status.PAUSED),
                distinct=True,
            ),
            limit=Min("caseload__programme__caseload_limit"),
        )
        .order_by("full_name", "username")
    )
    return [
        TeamMemberLoad(
            user=member, active=member.active, paused=member.paused, limit=member.limit or 20
        )
        for member in members
    ]


# ---------------------------------------------------------------- reviews


def review_queues(*, user: User) -> QuerySet[ReviewQueue]:
    organisations = organisation_ids_for(user=user, roles=REFERRAL_HANDLING_ROLES)
    return (
        ReviewQueue.objects.filter(organisation_id__in=organisations)
        .annotate(
            total=Count("items"),
            reviewed=Count("items", filter=Q(items__status=ReviewQueueItem.Status.REVIEWED)),
            skipped=Count("items", filter=Q(items__status=ReviewQueueItem.Status.SKIPPED)),
        )
        .select_related("organisation")
        .order_by("-created_at")
    )


def access_review_queue(*, user: User, ref: str) -> ReviewQueue:
    queue = review_queues(user=user).filter(ref=ref).first()
    if queue is None:
        raise Http404
    return queue


def queue_items(*, queue: ReviewQueue) -> QuerySet[ReviewQueueItem]:
    return queue.items.select_related("participant", "review").order_by("position")


def decisions_in_queue(*, queue: ReviewQueue) -> list[dict]:
    return list(
        CaseReview.objects.filter(queue_item__queue=queue)
        .values("decision")
        .annotate(count=Count("id"))
        .order_by("-count")
    )


def reviews_visible(*, user: User) -> QuerySet[CaseReview]:
    """Case reviews about people the user may open (for lists and the API)."""
    return (
        CaseReview.objects.filter(participant__in=visible_participants(user=user))
        .select_related("participant", "created_by")
        .prefetch_related("actions__owner")
        .order_by("-held_on", "-id")
    )


def last_contact(*, participant) -> datetime.datetime | None:
    return Contact.objects.filter(participant=participant).aggregate(last=Max("happened_at"))[
        "last"
    ]
