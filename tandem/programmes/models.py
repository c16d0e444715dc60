"""Programmes that organisations deliver and people are enrolled on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.core.models import PublicRefModel
from tandem.organisations.models import Organisation


class Programme(PublicRefModel):
    class Currency(models.TextChoices):
        GBP = "GBP", _("Pound sterling")
        DKK = "DKK", _("Danish krone")
        IRR = "IRR", _("Iranian rial")

    class Calendar(models.TextChoices):
        GREGORIAN = "gregorian", _("Gregorian")
        SOLAR_HIJRI = "solar_hijri", _("Solar Hijri")

    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_programmes",
    )
    delivered_by = models.ManyToManyField(
        Organisation, verbose_name=_("delivered by"), related_name="delivered_programmes"
    )
    country_code = models.CharField(_("country code"), max_length=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    calendar = models.CharField(
        _("calendar"), max_length=20, choices=Calendar.choices, default=Calendar.GREGORIAN
    )
    eligibility = models.TextField(_("eligibility"), blank=True)
    # Connect to Work: up to 12 months for people out of work, 4 months for people in work
    # at risk of losing it. Zero means support without a time limit.
    support_months_out_of_work = models.PositiveSmallIntegerField(
        _("support period for people out of work (months)"), default=12
    )
    support_months_in_work = models.PositiveSmallIntegerField(
        _("support period for people in work at risk (months)"), default=4
    )
    # The outcome definition: one place, used by every page, export and API that counts.
    job_outcome_min_hours = models.DecimalField(
        _("a job outcome is paid work of at least (hours a week)"),
        max_digits=4,
        decimal_places=1,
        default=16,
    )
    outcome_counts_self_employment = models.BooleanField(
        _("self-employment counts as a job outcome"), default=True
    )
    outcome_counts_apprenticeship = models.BooleanField(
        _("an apprenticeship counts as a job outcome"), default=True
    )
    # Behzisti follows every placed person for a year; 0 means no scheduled follow-up.
    follow_up_every_weeks = models.PositiveSmallIntegerField(
        _("follow up after placement every (weeks)"), default=0
    )
    follow_up_for_weeks = models.PositiveSmallIntegerField(
        _("follow up for (weeks after the job starts)"), default=52
    )
    # IPS fidelity: at most 20 people on one full-time specialist's active caseload.
    caseload_limit = models.PositiveSmallIntegerField(
        _("caseload limit per full-time specialist"), default=20
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
