"""Aggregate figures for programme managers: counts only, never a person.

Small counts are suppressed (shown as "fewer than 5") because in a small area a count of
one or two can identify someone.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from tandem.centres.selectors import centre_figures
from tandem.core.access import Role
from tandem.core.periods import Period, calendar_for_country
from tandem.finance.selectors import incentive_figures, loan_figures
from tandem.organisations.models import Region, User
from tandem.organisations.selectors import has_role, organisation_ids_for
from tandem.programmes.models import Programme
from tandem.referrals.models import Enrolment, Referral

SMALL_COUNT_THRESHOLD = 5


@dataclass(frozen=True)
class Figure:
    value: int

    @property
    def suppressed(self) -> bool:
        return 0 < self.value < SMALL_COUNT_THRESHOLD


@dataclass(frozen=True)
class ProgrammeFigures:
    programme: Programme
    referrals_received: Figure
    referrals_accepted: Figure
    referrals_declined: Figure
    referrals_waiting: Figure
    enrolments_active: Figure


def programme_overview(*, user: User) -> list[ProgrammeFigures]:
    owners = organisation_ids_for(user=user, roles={Role.PROGRAMME_MANAGER})
    if not owners:
        return []
    # A programme manager sees the programmes their own organisation runs, no others.
    programmes = list(
        Programme.objects.filter(owner_id__in=owners)
        .select_related("owner")
        .prefetch_related("delivered_by")
        .order_by("country_code", "name")
    )
    # One grouped query per table, whatever the number of programmes: no per-row loops.
    enrolments = {
        row["programme_id"]: row
        for row in Enrolment.objects.values("programme_id").annotate(
            active=Count("id", filter=Q(status=Enrolment.Status.ACTIVE)),
        )
    }
    referrals = {
        row["enrolment__programme_id"]: row
        for row in Referral.objects.filter(enrolment__isnull=False)
        .values("enrolment__programme_id")
        .annotate(accepted=Count("id"))
    }
    delivering = {p.pk: {org.pk for org in p.delivered_by.all()} for p in programmes}
    by_receiver = {
        row["receiving_organisation_id"]: row
        for row in Referral.objects.values("receiving_organisation_id").annotate(
            received=Count("id"),
            declined=Count("id", filter=Q(status=Referral.Status.DECLINED)),
            waiting=Count("id", filter=Q(status=Referral.Status.RECEIVED)),
        )
    }
    figures = []
    for programme in programmes:
        receivers = [by_receiver[o] for o in delivering[programme.pk] if o in by_receiver]
        figures.append(
            ProgrammeFigures(
                programme=programme,
                referrals_received=Figure(sum(r["received"] for r in receivers)),
                referrals_accepted=Figure(referrals.get(programme.pk, {}).get("accepted", 0)),
                referrals_declined=Figure(sum(r["declined"] for r in receivers)),
                referrals_waiting=Figure(sum(r["waiting"] for r in receivers)),
                enrolments_active=Figure(enrolments.get(programme.pk, {}).get("active", 0)),
            )
        )
    return figures


# ---------------------------------------------------------------- figures like the seed's

# Who may see a region's financial-support, centre and loan figures: the officers who work for
# it, and programme managers (for whom small counts are suppressed: they see aggregates only).
FIGURES_ROLES = frozenset({Role.FINANCE_OFFICER, Role.MONITORING_OFFICER, Role.PROGRAMME_MANAGER})


@dataclass(frozen=True)
class RegionFigures:
    region: Region
    period: Period
    currency: str
    incentives: list[dict]
    centres: dict
    loans: dict
    suppress: bool


def figures_regions(*, user: User) -> list[Region]:
    """The regions whose figures this user may open: those of the organisations they work
    for in one of the figures roles."""
    organisation_ids = organisation_ids_for(user=user, roles=FIGURES_ROLES)
    return list(
        Region.objects.filter(organisations__pk__in=organisation_ids).distinct().order_by("name")
    )


def region_calendar_and_currency(*, region: Region) -> tuple[str, str]:
    """The reporting calendar of the region's country and the currency of its programmes."""
    programme = Programme.objects.filter(country_code=region.country_code).order_by("pk").first()
    return calendar_for_country(region.country_code), programme.currency if programme else ""


def region_figures(*, user: User, region: Region, period: Period) -> RegionFigures:
    """The seed's figures for one region and period: insurance incentives (created and
    stabilised), centre entrants and exits, loans approved, disbursed and in arrears."""
    _calendar, currency = region_calendar_and_currency(region=region)
    suppress = not has_role(user=user, roles=FIGURES_ROLES - {Role.PROGRAMME_MANAGER})
    return RegionFigures(
        region=region,
        period=period,
        currency=currency,
        incentives=incentive_figures(region=region, period=period),
        centres=centre_figures(region=region, period=period),
        loans=loan_figures(region=region, period=period),
        suppress=suppress,
    )
