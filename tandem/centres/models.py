"""Licensed job-support centres: the centre, its licence from application to revocation, cohorts
of trainees by trade, each trainee's way out (a job, self-employment or dropping out), and the
year of follow-up after a placement."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.core.models import PublicRefModel
from tandem.organisations.models import Organisation, Region
from tandem.participants.models import Participant

User = settings.AUTH_USER_MODEL

DEFAULT_CAPACITY = 60


class Centre(PublicRefModel):
    """A licensed job-support centre: one organisation of kind job-support centre."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="centre",
        limit_choices_to={"kind": Organisation.Kind.JOB_SUPPORT_CENTRE},
    )
    county = models.ForeignKey(
        Region, verbose_name=_("county"), on_delete=models.PROTECT, related_name="centres"
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=DEFAULT_CAPACITY,
        help_text=_("How many people may be in training at the same time."),
    )
    trades = models.TextField(_("trades taught"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("job-support centre")
        verbose_name_plural = _("job-support centres")
        ordering = ["organisation__name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="centre_capacity_1"),
        ]

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name


class Licence(PublicRefModel):
    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        UNDER_REVIEW = "under_review", _("Under review")
        INSPECTED = "inspected", _("Inspected")
        GRANTED = "granted", _("Granted")
        RENEWED = "renewed", _("Renewed")
        REFUSED = "refused", _("Refused")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="licences"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED
    )
    applicant_name = models.CharField(_("applicant"), max_length=200)
    premises = models.TextField(_("premises"))
    staff_count = models.PositiveSmallIntegerField(_("number of staff"))
    staff_details = models.TextField(_("staff names and qualifications"), blank=True)
    trades = models.TextField(_("trades taught"))
    applied_on = models.DateField(_("applied on"))
    applied_by = models.ForeignKey(
        User, verbose_name=_("applied by"), on_delete=models.PROTECT, related_name="+"
    )
    review_started_on = models.DateField(_("review started on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review_note = models.TextField(_("review note"), blank=True)
    inspected_on = models.DateField(_("inspection date"), null=True, blank=True)
    inspector = models.CharField(_("inspector"), max_length=200, blank=True)
    inspection_findings = models.TextField(_("inspection findings"), blank=True)
    number = models.CharField(_("licence number"), max_length=40, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    suspension_reason = models.TextField(_("reason for suspension"), blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    renewed_on = models.DateField(_("last renewed on"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    # A licence in one of these states is the centre's one live licence.
    LIVE = (
        Status.APPLIED,
        Status.UNDER_REVIEW,
        Status.INSPECTED,
        Status.GRANTED,
        Status.RENEWED,
        Status.SUSPENDED,
    )
    PENDING = (Status.APPLIED, Status.UNDER_REVIEW, Status.INSPECTED)
    IN_FORCE = (Status.GRANTED, Status.RENEWED)

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ["-applied_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="licence_number"
            ),
            models.UniqueConstraint(
                fields=["centre"],
                condition=models.Q(
                    status__in=[
                        "applied",
                        "under_review",
                        "inspected",
                        "granted",
                        "renewed",
                        "suspended",
                    ]
                ),
                name="licence_one_live_per_centre",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="licence_valid_to_after_from",
            ),
        ]
        indexes = [models.Index(fields=["status", "valid_to"])]

    def __str__(self) -> str:
        return self.number or f"{self.centre} · {self.get_status_display()}"

    def is_valid_on(self, day: datetime.date) -> bool:
        """Whether the centre may enrol trainees under this licence on that day."""
        return (
            self.status in self.IN_FORCE
            and self.valid_from is not None
            and self.valid_to is not None
            and self.valid_from <= day <= self.valid_to
        )

    def is_expired_on(self, day: datetime.date) -> bool:
        return (
            self.status in (*self.IN_FORCE, self.Status.SUSPENDED)
            and self.valid_to is not None
            and self.valid_to < day
        )


class Cohort(PublicRefModel):
    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="cohorts"
    )
    trade = models.CharField(_("trade"), max_length=200)
    starts_on = models.DateField(_("start"))
    planned_end_on = models.DateField(_("planned end"))
    created_by = models.ForeignKey(
        User, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end_on__gte=models.F("starts_on")),
                name="cohort_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trade} ({self.starts_on.isoformat()})"


class Trainee(PublicRefModel):
    """One person's place in a cohort, from enrolment to exit."""

    class Status(models.TextChoices):
        IN_TRAINING = "in_training", _("In training")
        PLACED = "placed", _("Placed in a job")
        SELF_EMPLOYED = "self_employed", _("Self-employed")
        DROPPED_OUT = "dropped_out", _("Dropped out")

    SUCCESSFUL = (Status.PLACED, Status.SELF_EMPLOYED)

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="trainees"
    )
    # The cohort's centre, kept on the row so that capacity and figures count without a join.
    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="trainees"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="centre_places",
    )
    enrolled_on = models.DateField(_("enrolled on"))
    enrolled_by = models.ForeignKey(
        User, verbose_name=_("enrolled by"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_TRAINING
    )
    exited_on = models.DateField(_("exit date"), null=True, blank=True)
    job = models.CharField(_("job or business"), max_length=300, blank=True)
    dropout_reason = models.TextField(_("reason for dropping out"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")
        ordering = ["-enrolled_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "participant"],
                condition=models.Q(status="in_training"),
                name="trainee_once_in_training_per_centre",
            ),
            models.CheckConstraint(
                condition=models.Q(status="in_training", exited_on__isnull=True)
                | (~models.Q(status="in_training") & models.Q(exited_on__isnull=False)),
                name="trainee_exit_date_with_exit",
            ),
        ]
        indexes = [
            models.Index(fields=["centre", "status"]),
            models.Index(fields=["centre", "enrolled_on"]),
            models.Index(fields=["centre", "exited_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.cohort}"

    @property
    def successful(self) -> bool:
        return self.status in self.SUCCESSFUL


class FollowUp(PublicRefModel):
    """A check, in the year after a placement, that the person is still working."""

    trainee = models.ForeignKey(
        Trainee, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    week = models.PositiveSmallIntegerField(_("week after exit"))
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    still_working = models.BooleanField(_("still working"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    done_by = models.ForeignKey(
        User,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["trainee", "week"], name="centre_follow_up_week"),
        ]
        indexes = [models.Index(fields=["done_on", "due_on"])]

    def __str__(self) -> str:
        return f"{self.trainee} · {self.week}"
