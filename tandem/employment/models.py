"""Into work and staying there: employers and the specialists' contacts with them, vacancies,
a person's job preferences for matching, placements, in-work support, sustainment checks at
13, 26 and 52 weeks, and the year of follow-up after placement."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.core.models import PublicRefModel
from tandem.organisations.models import Organisation, Region
from tandem.participants.models import Participant
from tandem.referrals.models import Enrolment

User = settings.AUTH_USER_MODEL


class Adjustment(models.TextChoices):
    """Workplace adjustments a person may need and an employer may offer."""

    FLEXIBLE_HOURS = "flexible_hours", _("Flexible hours")
    PART_TIME = "part_time", _("Part-time hours")
    GRADUAL_START = "gradual_start", _("Gradual start")
    HOME_WORKING = "home_working", _("Working from home")
    STEP_FREE = "step_free", _("Step-free access")
    ACCESSIBLE_TOILET = "accessible_toilet", _("Accessible toilet")
    QUIET_SPACE = "quiet_space", _("Quiet workspace")
    REST_BREAKS = "rest_breaks", _("Extra rest breaks")
    ADAPTED_EQUIPMENT = "adapted_equipment", _("Adapted equipment")
    JOB_COACH_ON_SITE = "job_coach_on_site", _("Job coach at work")
    WRITTEN_INSTRUCTIONS = "written_instructions", _("Written instructions")
    NO_LIFTING = "no_lifting", _("No heavy lifting")
    SEATED_WORK = "seated_work", _("Seated work")


class Employer(PublicRefModel):
    class Size(models.TextChoices):
        MICRO = "micro", _("Under 10 staff")
        SMALL = "small", _("10–49 staff")
        MEDIUM = "medium", _("50–249 staff")
        LARGE = "large", _("250 staff or more")

    class DisclosureStance(models.TextChoices):
        WELCOMES = "welcomes", _("Welcomes disclosure (e.g. Disability Confident)")
        NEUTRAL = "neutral", _("Neutral")
        CAUTIOUS = "cautious", _("Cautious: discuss with the person first")
        UNKNOWN = "unknown", _("Not known yet")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("kept by"),
        on_delete=models.CASCADE,
        related_name="employers",
        help_text=_("The organisation whose specialists work with this employer."),
    )
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("area"), on_delete=models.PROTECT)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_role = models.CharField(_("their role"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    adjustments_offered = models.JSONField(_("adjustments offered"), default=list, blank=True)
    accessibility = models.TextField(_("accessibility of the workplace"), blank=True)
    disclosure_stance = models.CharField(
        _("stance on disclosure"),
        max_length=10,
        choices=DisclosureStance.choices,
        default=DisclosureStance.UNKNOWN,
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name"]
        indexes = [models.Index(fields=["organisation", "name"])]

    def __str__(self) -> str:
        return self.name


class EmployerContact(PublicRefModel):
    """One contact of a specialist with an employer: IPS job development is counted per week,
    and meeting the person who hires counts for more than a message to a general inbox."""

    class Method(models.TextChoices):
        VISIT = "visit", _("Visit")
        MEETING = "meeting", _("Meeting")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        EVENT = "event", _("Event or job fair")

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    specialist = models.ForeignKey(
        User, verbose_name=_("specialist"), on_delete=models.PROTECT, related_name="+"
    )
    contacted_on = models.DateField(_("date"))
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    met_hiring_manager = models.BooleanField(_("met the person who hires"), default=False)
    summary = models.TextField(_("what came of it"), blank=True)

    class Meta:
        verbose_name = _("employer contact")
        verbose_name_plural = _("employer contacts")
        ordering = ["-contacted_on", "-id"]
        indexes = [models.Index(fields=["specialist", "contacted_on"])]

    def __str__(self) -> str:
        return f"contact {self.ref}"


class Vacancy(PublicRefModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    class Contract(models.TextChoices):
        PERMANENT = "permanent", _("Permanent")
        FIXED_TERM = "fixed_term", _("Fixed term")
        TEMPORARY = "temporary", _("Temporary")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
        WAGE_SUBSIDY = "wage_subsidy", _("Subsidised job")

    class PayPeriod(models.TextChoices):
        HOUR = "hour", _("an hour")
        MONTH = "month", _("a month")
        YEAR = "year", _("a year")

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="vacancies"
    )
    title = models.CharField(_("job title"), max_length=200)
    occupation = models.CharField(_("occupation (ISCO-08)"), max_length=4)
    description = models.TextField(_("description"), blank=True)
    skills = models.JSONField(_("skills wanted"), default=list, blank=True)
    hours_per_week = models.DecimalField(_("hours a week"), max_digits=4, decimal_places=1)
    pay = models.DecimalField(_("pay"), max_digits=14, decimal_places=2, null=True, blank=True)
    pay_period = models.CharField(
        _("per"), max_length=5, choices=PayPeriod.choices, default=PayPeriod.HOUR
    )
    currency = models.CharField(_("currency"), max_length=3)
    contract = models.CharField(_("contract"), max_length=20, choices=Contract.choices)
    region = models.ForeignKey(Region, verbose_name=_("area"), on_delete=models.PROTECT)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    adjustments_possible = models.JSONField(_("adjustments possible"), default=list, blank=True)
    closing_on = models.DateField(_("closing date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    source_contact = models.ForeignKey(
        EmployerContact,
        verbose_name=_("found through"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vacancies",
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["closing_on", "title"]
        indexes = [
            models.Index(fields=["status", "region"]),
            models.Index(fields=["employer", "status"]),
            models.Index(fields=["occupation"]),
        ]

    def __str__(self) -> str:
        return self.title


class JobPreferences(models.Model):
    """What a person wants from work, in the structured form that matching reads."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="job_preferences"
    )
    occupations = models.JSONField(_("occupations wanted (ISCO-08)"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    hours_min = models.DecimalField(
        _("at least (hours a week)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    hours_max = models.DecimalField(
        _("at most (hours a week)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    max_travel_km = models.PositiveSmallIntegerField(
        _("furthest to travel (km)"), null=True, blank=True
    )
    home_region = models.ForeignKey(
        Region, verbose_name=_("lives in"), on_delete=models.SET_NULL, null=True, blank=True
    )
    home_latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    home_longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    adjustments_needed = models.JSONField(_("adjustments needed"), default=list, blank=True)
    wishes = models.TextField(_("the person's own wishes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("job preferences")
        verbose_name_plural = _("job preferences")

    def __str__(self) -> str:
        return f"preferences of {self.participant_id}"


class Placement(PublicRefModel):
    class Kind(models.TextChoices):
        EMPLOYED = "employed", _("Employed")
        SELF_EMPLOYED = "self_employed", _("Self-employed")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")

    class EndReason(models.TextChoices):
        RESIGNED = "resigned", _("Resigned")
        DISMISSED = "dismissed", _("Dismissed")
        CONTRACT_ENDED = "contract_ended", _("Contract ended")
        HEALTH = "health", _("Health reasons")
        BETTER_JOB = "better_job", _("Moved to a better job")
        BUSINESS_CLOSED = "business_closed", _("Business closed")
        OTHER = "other", _("Other")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="placements"
    )
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="placements")
    vacancy = models.ForeignKey(
        Vacancy,
        verbose_name=_("vacancy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )
    kind = models.CharField(_("kind of work"), max_length=20, choices=Kind.choices)
    job_title = models.CharField(_("job title"), max_length=200)
    occupation = models.CharField(_("occupation (ISCO-08)"), max_length=4, blank=True)
    started_on = models.DateField(_("started"))
    hours_per_week = models.DecimalField(_("hours a week"), max_digits=4, decimal_places=1)
    pay = models.DecimalField(_("pay"), max_digits=14, decimal_places=2, null=True, blank=True)
    pay_period = models.CharField(
        _("per"), max_length=5, choices=Vacancy.PayPeriod.choices, default=Vacancy.PayPeriod.HOUR
    )
    currency = models.CharField(_("currency"), max_length=3)
    adjustments_agreed = models.JSONField(_("adjustments agreed"), default=list, blank=True)
    adjustments_note = models.TextField(_("adjustments, in detail"), blank=True)
    disclosed_to_employer = models.BooleanField(
        _("the person agreed to disclose their condition to the employer"), default=False
    )
    earnings_evidence = models.TextField(_("evidence of earnings (self-employment)"), blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(
        _("why it ended"), max_length=20, choices=EndReason.choices, blank=True
    )
    end_note = models.TextField(_("note on the end"), blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["participant", "-started_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | ~models.Q(end_reason=""),
                name="placement_end_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.job_title


class InWorkSupport(PublicRefModel):
    class With(models.TextChoices):
        PERSON = "person", _("The person")
        EMPLOYER = "employer", _("The employer")
        BOTH = "both", _("Both together")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="support")
    with_whom = models.CharField(_("with"), max_length=10, choices=With.choices)
    happened_on = models.DateField(_("date"))
    channel = models.CharField(_("how"), max_length=20)
    summary = models.TextField(_("summary"))
    staff = models.ForeignKey(User, verbose_name=_("by"), on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("in-work support")
        verbose_name_plural = _("in-work support")
        ordering = ["-happened_on", "-id"]

    def __str__(self) -> str:
        return f"support {self.ref}"


class SustainmentCheck(PublicRefModel):
    """Is the person still in work 13, 26 and 52 weeks after starting?"""

    class Status(models.TextChoices):
        DUE = "due", _("Due")
        CONFIRMED = "confirmed", _("Confirmed in work")
        NOT_IN_WORK = "not_in_work", _("Not in work")

    class Evidence(models.TextChoices):
        PAYSLIP = "payslip", _("Payslip")
        EMPLOYER = "employer", _("Confirmed by the employer")
        BENEFIT_RECORD = "benefit_record", _("Benefit or tax record")
        ACCOUNTS = "accounts", _("Business accounts (self-employed)")
        SELF_DECLARATION = "self_declaration", _("The person's own word")

    WEEKS = (13, 26, 52)

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="checks")
    weeks = models.PositiveSmallIntegerField(_("weeks after starting"))
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.DUE
    )
    checked_on = models.DateField(_("checked"), null=True, blank=True)
    evidence = models.CharField(_("evidence"), max_length=20, choices=Evidence.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("sustainment check")
        verbose_name_plural = _("sustainment checks")
        ordering = ["due_on", "weeks"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "weeks"], name="check_once_per_point"),
            models.CheckConstraint(
                condition=~models.Q(status="confirmed") | ~models.Q(evidence=""),
                name="check_confirmed_needs_evidence",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.weeks}-week check"


class FollowUp(PublicRefModel):
    """A scheduled follow-up in the year after placement, so that the job lasts."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)
    note = models.TextField(_("what was found"), blank=True)
    done_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done_on", "due_on"])]

    def __str__(self) -> str:
        return f"follow-up {self.ref}"
