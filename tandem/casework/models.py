"""The work itself: assessments, case reviews and review queues, individual plans with
parallel tracks and milestones, supported-employment stage changes, contacts, appointments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.core.access import Sensitivity
from tandem.core.models import PublicRefModel
from tandem.interventions.models import InterventionReferral
from tandem.organisations.models import Organisation
from tandem.participants.models import Participant
from tandem.referrals.models import Enrolment, SupportStage

User = settings.AUTH_USER_MODEL


class Assessment(PublicRefModel):
    """One version of one kind of assessment. Never edited: a new version is a new row, so that
    change over time can be laid side by side.

    What each kind asks is defined in `casework.assessments`; answers are kept in two parts:
    `answers` (general) and `health_answers` (health sensitivity: clinical case-team members,
    their author, and nobody else).
    """

    class Kind(models.TextChoices):
        HEALTH_CONVERSATION = "health_conversation", _("Health conversation")
        VOCATIONAL_PROFILE = "vocational_profile", _("Vocational profile")
        BARRIER_ASSESSMENT = "barrier_assessment", _("Barrier assessment")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="assessments"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    version = models.PositiveIntegerField(_("version"))
    assessed_on = models.DateField(_("date"))
    author = models.ForeignKey(User, verbose_name=_("by"), on_delete=models.PROTECT)
    answers = models.JSONField(default=dict, blank=True)
    health_answers = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["participant", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "kind", "version"], name="assessment_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"


class ReviewQueue(PublicRefModel):
    """A group of cases to re-review one by one, e.g. every matchgruppe-3 cash-benefit
    recipient at Jobcenter Køge. The members are fixed when the queue is made."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="review_queues"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    criteria = models.JSONField(_("who is in it"), default=dict, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    is_closed = models.BooleanField(_("closed"), default=False)

    class Meta:
        verbose_name = _("review queue")
        verbose_name_plural = _("review queues")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class CaseReview(PublicRefModel):
    """A cross-disciplinary case-review meeting about one person."""

    class Decision(models.TextChoices):
        CONTINUE = "continue", _("Continue the current plan")
        NEW_PLAN = "new_plan", _("Make a new plan")
        CHANGE_PLAN = "change_plan", _("Change the plan")
        REFER_ON = "refer_on", _("Refer to another service")
        PAUSE = "pause", _("Pause support")
        END = "end", _("End support")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="case_reviews"
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="case_reviews"
    )
    held_on = models.DateField(_("held on"))
    attendees = models.ManyToManyField(User, verbose_name=_("attendees"), related_name="+")
    other_attendees = models.CharField(
        _("other attendees"), max_length=500, blank=True, help_text=_("People without a login.")
    )
    participant_present = models.BooleanField(_("the person took part"), default=True)
    participant_view = models.TextField(_("the person's own view"), blank=True)
    discussion = models.TextField(_("discussion"), blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    decision_note = models.TextField(_("decisions"), blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("case review")
        verbose_name_plural = _("case reviews")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"review {self.ref}"


class ReviewQueueItem(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        REVIEWED = "reviewed", _("Reviewed")
        SKIPPED = "skipped", _("Skipped")

    queue = models.ForeignKey(ReviewQueue, on_delete=models.CASCADE, related_name="items")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="review_queue_items"
    )
    position = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    review = models.OneToOneField(
        CaseReview, on_delete=models.SET_NULL, null=True, blank=True, related_name="queue_item"
    )
    skip_reason = models.CharField(_("reason for skipping"), max_length=300, blank=True)

    class Meta:
        ordering = ["queue", "position"]
        constraints = [
            models.UniqueConstraint(fields=["queue", "participant"], name="queue_item_unique"),
        ]
        indexes = [models.Index(fields=["queue", "status", "position"])]

    def __str__(self) -> str:
        return f"{self.queue_id}#{self.position}"


class ReviewAction(PublicRefModel):
    """Something a review decided that somebody must do by a date."""

    review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=500)
    owner = models.ForeignKey(
        User, verbose_name=_("who"), on_delete=models.PROTECT, related_name="review_actions"
    )
    due_on = models.DateField(_("due"))
    completed_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "completed_on", "due_on"])]

    def __str__(self) -> str:
        return self.description


class Track(models.TextChoices):
    """The parallel tracks of a plan (Danish: parallelle indsatser)."""

    EMPLOYMENT = "employment", _("Employment")
    SOCIAL = "social", _("Social")
    HEALTH = "health", _("Health")
    SKILLS = "skills", _("Skills and education")


# Goals on the health track are health content; on the social track, social content.
TRACK_SENSITIVITY = {
    Track.EMPLOYMENT: Sensitivity.GENERAL,
    Track.SKILLS: Sensitivity.GENERAL,
    Track.SOCIAL: Sensitivity.SOCIAL,
    Track.HEALTH: Sensitivity.HEALTH,
}


class Plan(PublicRefModel):
    """The individual plan of one enrolment: goals in parallel tracks, each with milestones."""

    class AgreementMethod(models.TextChoices):
        VERBAL = "verbal", _("Verbally")
        WRITTEN = "written", _("Signed")
        DIGITAL = "digital", _("Digitally")

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="plan")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="plans")
    summary = models.TextField(_("what the person wants to achieve, in their words"), blank=True)
    agreed_on = models.DateField(_("agreed by the person on"), null=True, blank=True)
    agreement_method = models.CharField(
        _("how they agreed"), max_length=10, choices=AgreementMethod.choices, blank=True
    )
    review_on = models.DateField(_("review the plan by"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"plan {self.ref}"


class Goal(PublicRefModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    description = models.CharField(_("goal"), max_length=500)
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "track", "position", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def sensitivity(self) -> str:
        return TRACK_SENSITIVITY[self.track]


class Milestone(PublicRefModel):
    """A waymark (Danish: pejlemærke) on the way to a goal."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED = "achieved", _("Achieved")
        MISSED = "missed", _("Missed")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATES = (State.PLANNED, State.IN_PROGRESS)

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    description = models.CharField(_("milestone"), max_length=500)
    target_on = models.DateField(_("target date"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PLANNED
    )
    state_changed_on = models.DateField(_("state changed"), null=True, blank=True)
    interventions = models.ManyToManyField(
        InterventionReferral,
        verbose_name=_("interventions that serve it"),
        blank=True,
        related_name="milestones",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["goal", "target_on", "id"]
        indexes = [models.Index(fields=["state", "target_on"])]

    def __str__(self) -> str:
        return self.description


class StageChange(models.Model):
    """A dated move of an enrolment between supported-employment stages, back or forward."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=30, choices=SupportStage.choices, blank=True)
    to_stage = models.CharField(max_length=30, choices=SupportStage.choices)
    changed_at = models.DateTimeField(_("when"))
    changed_by = models.ForeignKey(User, verbose_name=_("by"), on_delete=models.PROTECT)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"


class Contact(PublicRefModel):
    class Channel(models.TextChoices):
        FACE_TO_FACE = "face_to_face", _("Face to face")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video")
        GP_PRACTICE = "gp_practice", _("At a GP practice")
        HOME_VISIT = "home_visit", _("Home visit")
        MESSAGE = "message", _("Text or email")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="contacts")
    channel = models.CharField(_("how"), max_length=20, choices=Channel.choices)
    happened_at = models.DateTimeField(_("when"))
    staff = models.ForeignKey(User, verbose_name=_("by"), on_delete=models.PROTECT)
    summary = models.TextField(_("summary"))
    sensitivity = models.CharField(
        _("sensitivity"), max_length=10, choices=Sensitivity.choices, default=Sensitivity.GENERAL
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-happened_at", "-id"]
        indexes = [models.Index(fields=["participant", "-happened_at"])]

    def __str__(self) -> str:
        return f"contact {self.ref}"


class Appointment(PublicRefModel):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        ATTENDED = "attended", _("Attended")
        MISSED = "missed", _("Did not attend")
        CANCELLED = "cancelled", _("Cancelled")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="appointments"
    )
    staff = models.ForeignKey(
        User, verbose_name=_("with"), on_delete=models.PROTECT, related_name="appointments"
    )
    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=45)
    channel = models.CharField(_("how"), max_length=20, choices=Contact.Channel.choices)
    location = models.CharField(_("where"), max_length=200, blank=True)
    purpose = models.CharField(_("purpose"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BOOKED
    )
    # When the specialist is reminded; the reminder shows on their caseload from then on.
    remind_at = models.DateTimeField(_("remind me at"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["participant", "starts_at"]),
            models.Index(fields=["staff", "status", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"appointment {self.ref}"
