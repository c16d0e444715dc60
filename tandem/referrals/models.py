"""Intake: referrals from GPs, councils, community organisations, jobcentres or the person;
the decision on each; and the enrolment that an accepted referral starts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.core.identifiers import IdentifierKind
from tandem.core.models import PublicRefModel
from tandem.organisations.models import Organisation
from tandem.participants.models import Participant
from tandem.programmes.models import Programme


class Referral(PublicRefModel):
    """A request for support for one person.

    The person's details are kept on the referral itself until it is accepted: a referrer
    must never learn whether the receiving organisation already knows the person.
    """

    class Source(models.TextChoices):
        GP = "gp", _("GP practice")
        COUNCIL = "council", _("Council")
        COMMUNITY = "community", _("Community organisation")
        JOBCENTRE = "jobcentre", _("Jobcentre")
        HEALTH_SERVICE = "health_service", _("Health service")
        SELF = "self", _("Self-referral")
        STAFF = "staff", _("Our own staff")

    class Urgency(models.TextChoices):
        ROUTINE = "routine", _("Routine")
        SOON = "soon", _("Soon")
        URGENT = "urgent", _("Urgent")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    referring_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("referred by (organisation)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_made",
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    receiving_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("referred to"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    # The person, as the referrer knows them.
    person_name = models.CharField(_("person's full name"), max_length=200)
    person_date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    person_phone = models.CharField(_("phone"), max_length=32, blank=True)
    person_email = models.EmailField(_("email"), blank=True)
    person_identifier_kind = models.CharField(
        _("national identifier type"), max_length=20, choices=IdentifierKind.choices, blank=True
    )
    person_identifier = models.CharField(_("national identifier"), max_length=20, blank=True)
    person_agreed = models.BooleanField(
        _("the person agreed to be referred"),
        default=False,
    )
    reason = models.TextField(_("reason for referral"))
    wants_help_with = models.TextField(_("what the person wants help with"), blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["receiving_organisation", "status", "received_at"]),
            models.Index(fields=["referring_organisation", "-received_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decision_reason=""),
                name="referral_decline_needs_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="accepted") | models.Q(participant__isnull=False),
                name="referral_accepted_has_participant",
            ),
        ]

    def __str__(self) -> str:
        return f"referral {self.ref}"


class SupportStage(models.TextChoices):
    """The five stages of the European Union of Supported Employment's process."""

    ENGAGEMENT = "engagement", _("Engagement")
    VOCATIONAL_PROFILING = "vocational_profiling", _("Vocational profiling")
    JOB_FINDING = "job_finding", _("Job finding")
    EMPLOYER_ENGAGEMENT = "employer_engagement", _("Employer engagement")
    ON_OFF_JOB_SUPPORT = "on_off_job_support", _("On/off-the-job support")


class Enrolment(PublicRefModel):
    """A person taking part in a programme with one delivering organisation."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        EXITED = "exited", _("Exited")

    class ExitReason(models.TextChoices):
        JOB = "job", _("Started work")
        SELF_EMPLOYMENT = "self_employment", _("Became self-employed")
        EDUCATION = "education", _("Went into education or training")
        MOVED = "moved", _("Moved away")
        WITHDREW = "withdrew", _("Chose to leave")
        NO_LONGER_ELIGIBLE = "no_longer_eligible", _("No longer eligible")
        SUPPORT_ENDED = "support_ended", _("Support period ended")
        HEALTH = "health", _("Health got worse")
        DIED = "died", _("Died")
        OTHER = "other", _("Other")

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="enrolments"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("delivered by"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    referral = models.OneToOneField(
        Referral, on_delete=models.SET_NULL, null=True, blank=True, related_name="enrolment"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    started_on = models.DateField(_("started"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    exit_reason = models.CharField(
        _("reason for leaving"), max_length=30, choices=ExitReason.choices, blank=True
    )
    exit_note = models.TextField(_("note on leaving"), blank=True)
    in_work_at_start = models.BooleanField(
        _("in work (at risk) when support started"), default=False
    )
    # Fixed at enrolment from the programme's rule, so a later change of rule does not move it.
    support_ends_on = models.DateField(_("support ends"), null=True, blank=True)
    key_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("key worker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caseload",
    )
    stage = models.CharField(
        _("supported-employment stage"),
        max_length=30,
        choices=SupportStage.choices,
        default=SupportStage.ENGAGEMENT,
    )
    stage_since = models.DateTimeField(_("in this stage since"), null=True, blank=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "programme"],
                condition=~models.Q(status="exited"),
                name="enrolment_one_open_per_programme",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="exited") | ~models.Q(exit_reason=""),
                name="enrolment_exit_needs_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["key_worker", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.programme} ({self.get_status_display()})"
