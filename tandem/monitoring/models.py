"""Monitoring of funded employment projects: the projects (a loan-funded business or another
funded employment project, each in a county), which counties an officer covers, the monitoring
plan per county and period, visits in person or remote with their checklist, and the
follow-up actions a visit leaves behind."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.core.models import PublicRefModel, TimeStampedModel
from tandem.organisations.models import Region
from tandem.participants.models import Participant
from tandem.programmes.models import Programme

User = settings.AUTH_USER_MODEL


class CountyAssignment(TimeStampedModel):
    """Narrows a monitoring officer to some counties of their office's region.

    An officer with no assignment covers every county under their office; one with
    assignments covers only those (and never a county outside their office's region)."""

    officer = models.ForeignKey(
        User,
        verbose_name=_("officer"),
        on_delete=models.CASCADE,
        related_name="county_assignments",
    )
    county = models.ForeignKey(
        Region, verbose_name=_("county"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("county assignment")
        verbose_name_plural = _("county assignments")
        constraints = [
            models.UniqueConstraint(fields=["officer", "county"], name="county_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.officer} · {self.county}"


class MonitoredProject(PublicRefModel):
    class Kind(models.TextChoices):
        LOAN_BUSINESS = "loan_business", _("Loan-funded business")
        EMPLOYMENT_PROJECT = "employment_project", _("Employment project")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    county = models.ForeignKey(
        Region,
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="monitored_projects",
        limit_choices_to={"kind": Region.Kind.COUNTY},
    )
    # One project per loan: registering a disbursed loan twice finds the first project.
    loan = models.OneToOneField(
        "finance.Loan",
        verbose_name=_("loan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="monitored_project",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    funded_amount = models.DecimalField(
        _("funded amount"),
        max_digits=18,
        decimal_places=2,
        help_text=_("In the programme's currency; rial for Iranian programmes."),
    )
    jobs_planned = models.PositiveIntegerField(_("jobs planned"), default=0)
    started_on = models.DateField(_("started on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monitored project")
        verbose_name_plural = _("monitored projects")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["county", "status"]),
            models.Index(fields=["programme", "county"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(funded_amount__gte=0), name="monitored_project_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(status="active", closed_on__isnull=True)
                | models.Q(status="closed", closed_on__isnull=False),
                name="monitored_project_closed_on_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MonitoringPlan(PublicRefModel):
    """What a county's monitoring should cover in one period ("1404" or "1404-Q1")."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    county = models.ForeignKey(
        Region, verbose_name=_("county"), on_delete=models.PROTECT, related_name="+"
    )
    period_key = models.CharField(_("period"), max_length=7)
    planned_in_person = models.PositiveIntegerField(_("planned in-person visits"), default=0)
    planned_remote = models.PositiveIntegerField(_("planned remote visits"), default=0)
    projects = models.ManyToManyField(
        MonitoredProject,
        verbose_name=_("projects planned for visits"),
        blank=True,
        related_name="plans",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        User, verbose_name=_("made by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monitoring plan")
        verbose_name_plural = _("monitoring plans")
        ordering = ["-period_key", "county__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "county", "period_key"], name="monitoring_plan_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.county} · {self.period_key}"


class Visit(PublicRefModel):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        REMOTE = "remote", _("Remote")

    project = models.ForeignKey(
        MonitoredProject, verbose_name=_("project"), on_delete=models.CASCADE, related_name="visits"
    )
    mode = models.CharField(_("kind of visit"), max_length=10, choices=Mode.choices)
    visited_on = models.DateField(_("date of the visit"))
    officer = models.ForeignKey(
        User, verbose_name=_("officer"), on_delete=models.PROTECT, related_name="+"
    )
    business_active = models.BooleanField(_("the business is active"))
    jobs_filled = models.PositiveIntegerField(_("jobs still filled"))
    # Empty when the project has no loan: there are no instalments to be up to date with.
    instalments_up_to_date = models.BooleanField(
        _("instalments are up to date"), null=True, blank=True
    )
    problems = models.TextField(_("problems found"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monitoring visit")
        verbose_name_plural = _("monitoring visits")
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["project", "visited_on"])]

    def __str__(self) -> str:
        return f"{self.project} · {self.visited_on}"


class FollowUpAction(PublicRefModel):
    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="actions"
    )
    # The visit's project, kept here too so that lists of actions filter on one table.
    project = models.ForeignKey(
        MonitoredProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    description = models.CharField(_("action"), max_length=500)
    due_on = models.DateField(_("due on"))
    assignee = models.ForeignKey(
        User,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    done = models.BooleanField(_("done"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        User,
        verbose_name=_("done by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["project", "done", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done=False, done_on__isnull=True)
                | models.Q(done=True, done_on__isnull=False),
                name="follow_up_action_done_on_when_done",
            ),
        ]

    def __str__(self) -> str:
        return self.description
