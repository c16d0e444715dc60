"""Regions, organisations, the sites where staff are embedded, staff users and memberships."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.core.access import Role
from tandem.core.models import PublicRefModel, TimeStampedModel


class Region(TimeStampedModel):
    """A place in the hierarchy country → region → county or municipality."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        REGION = "region", _("Region / province")
        COUNTY = "county", _("County")
        MUNICIPALITY = "municipality", _("Municipality")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    country_code = models.CharField(_("country code"), max_length=2, help_text=_("ISO 3166 code"))

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="region_unique_name_in_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(PublicRefModel):
    class Kind(models.TextChoices):
        EMPLOYMENT_PROVIDER = "employment_provider", _("Employment provider")
        JOBCENTRE = "jobcentre", _("Jobcentre")
        MUNICIPAL_DEPARTMENT = "municipal_department", _("Municipal department")
        HEALTH_TRUST = "health_trust", _("NHS trust or hospital department")
        GP_PRACTICE = "gp_practice", _("GP practice")
        COMMUNITY_ORGANISATION = "community_organisation", _("Community organisation")
        WELFARE_OFFICE = "welfare_office", _("Welfare office")
        JOB_SUPPORT_CENTRE = "job_support_centre", _("Job-support centre")
        PROGRAMME_AUTHORITY = "programme_authority", _("Programme authority")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organisations"
    )
    accepts_referrals = models.BooleanField(_("accepts referrals"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Site(TimeStampedModel):
    """Where staff are embedded: a GP surgery, a mental-health team, a jobcentre, a centre."""

    class Kind(models.TextChoices):
        GP_SURGERY = "gp_surgery", _("GP surgery")
        MENTAL_HEALTH_TEAM = "mental_health_team", _("Mental-health team")
        JOBCENTRE = "jobcentre", _("Jobcentre")
        HOSPITAL_DEPARTMENT = "hospital_department", _("Hospital department")
        CENTRE = "centre", _("Centre")
        OFFICE = "office", _("Office")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="sites"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff. What they may see comes from their memberships, never from here."""

    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Membership(TimeStampedModel):
    """A user acting for an organisation in one role. Deny by default: no membership, no access."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.SET_NULL, null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "role", "is_active"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"
