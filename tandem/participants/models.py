"""People supported by a programme: identity, circumstances, consent, case team, notes, access log.

Every record about a person belongs to the participant's owning organisation; the
access checks in `selectors.py` decide who may read each part of it.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.core.access import Discipline, Sensitivity
from tandem.core.identifiers import IdentifierKind
from tandem.core.models import PublicRefModel, TimeStampedModel
from tandem.organisations.models import Organisation


class Barrier(models.TextChoices):
    HEALTH = "health", _("Physical health")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    DISABILITY = "disability", _("Disability")
    SOCIAL = "social", _("Social circumstances")
    HOUSING = "housing", _("Housing")
    CHILDCARE = "childcare", _("Childcare")
    CARING = "caring", _("Caring responsibilities")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    SKILLS = "skills", _("Skills or qualifications")
    LANGUAGE = "language", _("Language")
    DIGITAL = "digital", _("Computer skills")
    CONFIDENCE = "confidence", _("Confidence")
    DEBT = "debt", _("Debt")
    TRANSPORT = "transport", _("Transport")
    LONG_ABSENCE = "long_absence", _("Long time out of work")


class BenefitSituation(models.TextChoices):
    NONE = "none", _("No benefit")
    UNIVERSAL_CREDIT = "universal_credit", _("Universal Credit")
    ESA = "esa", _("Employment and Support Allowance")
    KONTANTHJAELP = "kontanthjaelp", _("Cash benefit (kontanthjælp)")
    SICK_LISTED = "sick_listed", _("Sick-listed (sygedagpenge)")
    RESOURCE_COURSE = "resource_course", _("Resource course (ressourceforløb)")
    JOB_CLARIFICATION = "job_clarification", _("Job clarification (jobafklaringsforløb)")
    BEHZISTI_CLIENT = "behzisti_client", _("Behzisti client")
    IN_WORK_AT_RISK = "in_work_at_risk", _("In work, at risk of losing it")
    OTHER = "other", _("Other")


class Participant(PublicRefModel):
    owning_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owning organisation"),
        on_delete=models.PROTECT,
        related_name="participants",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=40, blank=True)
    interpreter_needed = models.BooleanField(_("needs an interpreter"), default=False)
    identifier_kind = models.CharField(
        _("national identifier type"), max_length=20, choices=IdentifierKind.choices, blank=True
    )
    identifier = models.CharField(_("national identifier"), max_length=20, blank=True)
    barriers = models.JSONField(_("barriers to work"), default=list, blank=True)
    barriers_note = models.TextField(_("barriers in the person's own words"), blank=True)
    benefit_situation = models.CharField(
        _("benefit situation"),
        max_length=30,
        choices=BenefitSituation.choices,
        default=BenefitSituation.NONE,
    )
    match_group = models.PositiveSmallIntegerField(
        _("match group (matchgruppe)"),
        null=True,
        blank=True,
        choices=[
            (1, _("1 – job-ready")),
            (2, _("2 – ready for activity")),
            (3, _("3 – not ready")),
        ],
    )
    dependent_children = models.PositiveSmallIntegerField(_("dependent children"), default=0)
    childcare_needed = models.BooleanField(_("needs childcare"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Optimistic locking: an edit based on an older version is refused, never silently lost.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["full_name"]
        indexes = [
            models.Index(fields=["owning_organisation", "full_name"]),
            models.Index(Lower("full_name"), name="participant_name_lower"),
            models.Index(fields=["identifier_kind", "identifier"]),
            models.Index(fields=["date_of_birth"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(identifier="") | ~models.Q(identifier_kind=""),
                name="participant_identifier_has_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class HealthCondition(TimeStampedModel):
    """A health condition or disability. Health sensitivity: clinical case-team members only."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="health_conditions"
    )
    description = models.CharField(_("condition"), max_length=300)
    is_disability = models.BooleanField(_("disability"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("health condition")
        verbose_name_plural = _("health conditions")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.description


class ConsentPurpose(models.TextChoices):
    PARTICIPATION = "participation", _("Taking part in the programme")
    HEALTH_SHARING = "health_sharing", _("Sharing health information within the case team")
    EMPLOYER_DISCLOSURE = "employer_disclosure", _("Disclosure to employers")


class Consent(models.Model):
    """One decision about one purpose. Never edited: the newest row per purpose is in force."""

    class Status(models.TextChoices):
        GIVEN = "given", _("Given")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Method(models.TextChoices):
        VERBAL = "verbal", _("Verbal")
        WRITTEN = "written", _("Written")
        DIGITAL = "digital", _("Digital")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=30, choices=ConsentPurpose.choices)
    status = models.CharField(_("decision"), max_length=10, choices=Status.choices)
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    recorded_at = models.DateTimeField(_("when"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("consent decision")
        verbose_name_plural = _("consent decisions")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["participant", "purpose", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.get_status_display()}"


class CaseTeamMember(PublicRefModel):
    """A professional around one person. Their discipline decides which notes they may read."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="case_team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team member"),
        on_delete=models.CASCADE,
        related_name="case_team_places",
    )
    discipline = models.CharField(_("discipline"), max_length=30, choices=Discipline.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case-team member")
        verbose_name_plural = _("case-team members")
        constraints = [
            models.UniqueConstraint(fields=["participant", "user"], name="case_team_unique_user"),
        ]
        indexes = [models.Index(fields=["user", "discipline"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_discipline_display()})"


class Note(PublicRefModel):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT
    )
    sensitivity = models.CharField(
        _("sensitivity"), max_length=10, choices=Sensitivity.choices, default=Sensitivity.GENERAL
    )
    text = models.TextField(_("note"))
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["participant", "sensitivity", "-created_at"])]

    def __str__(self) -> str:
        return f"note {self.ref}"


class AccessLogEntry(models.Model):
    """Who read which part of a person's record, when, and on what grounds (GDPR Art. 15)."""

    class Action(models.TextChoices):
        VIEW_RECORD = "view_record", _("Viewed the record")
        VIEW_NOTES = "view_notes", _("Viewed notes")
        VIEW_HISTORY = "view_history", _("Viewed the change history")
        VIEW_ACCESS_LOG = "view_access_log", _("Viewed the access log")
        EXPORT = "export", _("Exported the record")
        EDIT = "edit", _("Changed the record")

    class Channel(models.TextChoices):
        WEB = "web", _("Web")
        API = "api", _("API")

    class Grounds(models.TextChoices):
        OWNING_ORGANISATION = "owning_organisation", _("Works for the owning organisation")
        CASE_TEAM = "case_team", _("Member of the case team")
        FINANCE_REGION = "finance_region", _("Finance officer for the person's area")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="access_log"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    grounds = models.CharField(_("why"), max_length=30, choices=Grounds.choices)
    channel = models.CharField(_("channel"), max_length=5, choices=Channel.choices)

    class Meta:
        verbose_name = _("access-log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["participant", "-at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.action} {self.at:%Y-%m-%d}"
