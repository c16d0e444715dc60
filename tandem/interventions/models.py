"""The services offered to people (Danish: indsatser): a catalogue of kinds, the providers that
deliver them at a unit cost, referrals of a person to one, and attendance."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.core.models import PublicRefModel
from tandem.organisations.models import Organisation, Region
from tandem.participants.models import Participant
from tandem.referrals.models import Enrolment

User = settings.AUTH_USER_MODEL


class InterventionKind(models.TextChoices):
    VR_INTERVIEW_PRACTICE = "vr_interview_practice", _("Virtual-reality interview practice")
    CONFIDENCE_WORKSHOP = "confidence_workshop", _("Confidence workshop")
    CHILDCARE_SUPPORT = "childcare_support", _("Help with childcare")
    COMPUTER_SKILLS = "computer_skills", _("Computer-skills course")
    ACCREDITED_TRAINING = "accredited_training", _("Accredited training course")
    SOCIAL_MENTOR = "social_mentor", _("Social mentor")
    INTERNSHIP = "internship", _("Internship / work placement")
    HOUSING_SUPPORT = "housing_support", _("Housing support")
    HEALTH_BARRIER_ASSESSMENT = "health_barrier_assessment", _("Health-barrier assessment")
    PHYSIOTHERAPY = "physiotherapy", _("Physiotherapy")
    VOCATIONAL_TRAINING = "vocational_training", _("Vocational training")
    OTHER = "other", _("Other")


class Provider(PublicRefModel):
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("If the provider is itself an organisation on Tandem."),
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT)
    contact = models.CharField(_("contact"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Intervention(PublicRefModel):
    """One kind of intervention as one provider offers it, at a unit cost."""

    kind = models.CharField(_("kind"), max_length=40, choices=InterventionKind.choices)
    name = models.CharField(_("name"), max_length=200)
    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="offers"
    )
    unit_cost = models.DecimalField(_("unit cost"), max_digits=14, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3)
    unit = models.CharField(_("per"), max_length=50, blank=True, help_text=_("e.g. session"))
    is_active = models.BooleanField(_("offered now"), default=True)

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class InterventionReferral(PublicRefModel):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        STARTED = "started", _("Started")
        COMPLETED = "completed", _("Completed")
        DID_NOT_ATTEND = "did_not_attend", _("Did not attend")
        CANCELLED = "cancelled", _("Cancelled")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="intervention_referrals"
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    intervention = models.ForeignKey(
        Intervention, verbose_name=_("intervention"), on_delete=models.PROTECT
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    requested_on = models.DateField(_("requested"))
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("referral to an intervention")
        verbose_name_plural = _("referrals to interventions")
        ordering = ["-requested_on", "-id"]
        indexes = [models.Index(fields=["participant", "status"])]

    def __str__(self) -> str:
        return f"{self.intervention} ({self.get_status_display()})"


class Attendance(models.Model):
    referral = models.ForeignKey(
        InterventionReferral, on_delete=models.CASCADE, related_name="attendance"
    )
    session_on = models.DateField(_("session"))
    attended = models.BooleanField(_("attended"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["session_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "session_on"], name="attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.session_on}: {'attended' if self.attended else 'absent'}"
