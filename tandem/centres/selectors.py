"""Reads about job-support centres: who may see which centre, licences, cohorts, trainees and
follow-ups, and the figures (entrants, successful exits, success rate).

Who sees what:
- a centre manager: their own centre, in full (trainees by name);
- a monitoring officer of a welfare office: the centres in the office's region (and the counties
  in it), with licences and figures but no names;
- a programme manager: the centres in their organisation's region, figures only;
- anyone else: nothing (404).

How the figures are counted, for a period (a Persian year starts at Nowruz):
- entrants: trainees enrolled within the period;
- of those entrants, as at the end of the period: successful exits (placed in a job or
  self-employed), dropouts, and still in training; the three add up to the entrants;
- success rate: successful exits / entrants (None when there were no entrants) — the seed's
  "of 3,200 entrants 62% exited successfully, the rest dropped out or are still training";
  counted at the period's end it stays the same when the report is run again later;
- success rate to date: the same entrants' successful exits up to today, whenever they left;
- placed through centres: successful exits dated within the period, whenever the person entered.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tandem.centres.models import Centre, Cohort, FollowUp, Licence, Trainee
from tandem.core.access import Role
from tandem.core.periods import Period
from tandem.organisations.models import Organisation, Region, User
from tandem.organisations.selectors import organisation_ids_for, within_regions
from tandem.participants.models import Participant
from tandem.participants.selectors import visible_participants

# Licences that run out within this many days are warned about.
EXPIRY_WARNING_DAYS = 60
# Follow-ups after a placement: one every this many weeks for a year (13 = quarterly).
FOLLOW_UP_INTERVAL_WEEKS = getattr(settings, "CENTRES_FOLLOW_UP_WEEKS", 13)
FOLLOW_UP_YEAR_WEEKS = 52
# Follow-ups are listed as due from this many days before their date.
FOLLOW_UP_DUE_SOON_DAYS = 14


def _managed_ids(user: User) -> set[int]:
    return organisation_ids_for(user=user, roles={Role.CENTRE_MANAGER})


def _supervised_region_ids(user: User) -> list[int]:
    office_ids = organisation_ids_for(user=user, roles={Role.MONITORING_OFFICER})
    if not office_ids:
        return []
    return list(
        Organisation.objects.filter(
            pk__in=office_ids, kind=Organisation.Kind.WELFARE_OFFICE
        ).values_list("region_id", flat=True)
    )


def _overseen_region_ids(user: User) -> list[int]:
    ids = organisation_ids_for(user=user, roles={Role.PROGRAMME_MANAGER})
    if not ids:
        return []
    return list(Organisation.objects.filter(pk__in=ids).values_list("region_id", flat=True))


@dataclass(frozen=True)
class CentreAccess:
    centre: Centre
    manages: bool  # a manager of this centre: trainees by name, applications, enrolments
    supervises: bool  # a monitoring officer over it: licence decisions

    @property
    def aggregates_only(self) -> bool:
        return not self.manages


def _may_see(user: User) -> tuple[set[int], list[int], list[int]]:
    if not user.is_authenticated or not user.is_active:
        return set(), [], []
    return _managed_ids(user), _supervised_region_ids(user), _overseen_region_ids(user)


def _centres_of(managed: set[int], *region_lists: list[int]) -> QuerySet[Centre]:
    """Centres of these organisations or inside any of these regions (none if nothing given)."""
    if not managed and not any(region_lists):
        return Centre.objects.none()
    query = Q(organisation_id__in=managed)
    for regions in region_lists:
        if regions:
            query |= within_regions(regions, "county")
    return Centre.objects.filter(query)


def visible_centres(*, user: User) -> QuerySet[Centre]:
    managed, supervised, overseen = _may_see(user)
    return _centres_of(managed, supervised, overseen).select_related("organisation", "county")


def managed_centres(*, user: User) -> QuerySet[Centre]:
    if not user.is_authenticated or not user.is_active:
        return Centre.objects.none()
    return Centre.objects.filter(organisation_id__in=_managed_ids(user)).select_related(
        "organisation", "county"
    )


def supervised_centres(*, user: User) -> QuerySet[Centre]:
    if not user.is_authenticated or not user.is_active:
        return Centre.objects.none()
    return _centres_of(set(), _supervised_region_ids(user)).select_related("organisation", "county")


def centre_access(*, user: User, centre: Centre) -> CentreAccess:
    managed, supervised, _overseen = _may_see(user)
    supervises = (
        bool(supervised)
        and Centre.objects.filter(Q(pk=centre.pk) & within_regions(supervised, "county")).exists()
    )
    return CentreAccess(
        centre=centre, manages=centre.organisation_id in managed, supervises=supervises
    )


def access_centre(
    *, user: User, ref: str, manage: bool = False, supervise: bool = False
) -> CentreAccess:
    """A centre the user may see (and manage or supervise, if asked); Http404 otherwise."""
    centre = visible_centres(user=user).filter(ref=ref).first()
    if centre is None:
        raise Http404
    access = centre_access(user=user, centre=centre)
    if (manage and not access.manages) or (supervise and not access.supervises):
        raise Http404
    return access


def access_licence(
    *, user: User, ref: str, manage: bool = False, supervise: bool = False
) -> tuple[Licence, CentreAccess]:
    licence = (
        visible_licences(user=user).filter(ref=ref).select_related("applied_by", "decided_by")
    ).first()
    if licence is None:
        raise Http404
    access = centre_access(user=user, centre=licence.centre)
    if (manage and not access.manages) or (supervise and not access.supervises):
        raise Http404
    return licence, access


def visible_licences(*, user: User) -> QuerySet[Licence]:
    """Licences of the centres the user manages or supervises (programme managers: none)."""
    managed, supervised, _overseen = _may_see(user)
    if not (managed or supervised):
        return Licence.objects.none()
    query = Q(centre__organisation_id__in=managed)
    if supervised:
        query |= within_regions(supervised, "centre__county")
    return Licence.objects.filter(query).select_related(
        "centre", "centre__organisation", "centre__county"
    )


def current_licence(*, centre: Centre) -> Licence | None:
    """The centre's live licence, or else its newest one."""
    return current_licences(centres=[centre]).get(centre.pk)


def current_licences(*, centres: list[Centre]) -> dict[int, Licence]:
    """The live (or else newest) licence of each centre, in one query."""
    found: dict[int, Licence] = {}
    for licence in Licence.objects.filter(centre__in=centres).order_by("-applied_on", "-id"):
        held = found.get(licence.centre_id)
        if held is None or (held.status not in Licence.LIVE and licence.status in Licence.LIVE):
            found[licence.centre_id] = licence
    return found


def licence_warnings(*, user: User, today: datetime.date | None = None) -> QuerySet[Licence]:
    """Licences in force that have expired or run out within the warning period."""
    today = today or timezone.localdate()
    return (
        visible_licences(user=user)
        .filter(
            status__in=(*Licence.IN_FORCE, Licence.Status.SUSPENDED),
            valid_to__lte=today + datetime.timedelta(days=EXPIRY_WARNING_DAYS),
        )
        .order_by("valid_to", "id")
    )


def centre_cohorts(*, access: CentreAccess) -> QuerySet[Cohort]:
    return access.centre.cohorts.annotate(
        in_training=Count("trainees", filter=Q(trainees__status=Trainee.Status.IN_TRAINING)),
        entrants=Count("trainees"),
    ).order_by("-starts_on", "-id")


def access_cohort(*, user: User, ref: str) -> tuple[Cohort, CentreAccess]:
    """A cohort of a centre the user manages (only managers work with cohorts by name)."""
    cohort = (
        Cohort.objects.filter(ref=ref, centre__in=managed_centres(user=user))
        .select_related("centre", "centre__organisation", "centre__county")
        .first()
    )
    if cohort is None:
        raise Http404
    return cohort, CentreAccess(centre=cohort.centre, manages=True, supervises=False)


def visible_trainees(*, user: User) -> QuerySet[Trainee]:
    return Trainee.objects.filter(centre__in=managed_centres(user=user)).select_related(
        "participant", "cohort", "centre", "centre__organisation"
    )


def access_trainee(*, user: User, ref: str) -> Trainee:
    trainee = visible_trainees(user=user).filter(ref=ref).first()
    if trainee is None:
        raise Http404
    return trainee


def visible_follow_ups(*, user: User) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(trainee__centre__in=managed_centres(user=user)).select_related(
        "trainee", "trainee__participant", "trainee__centre__organisation", "done_by"
    )


def access_follow_up(*, user: User, ref: str) -> FollowUp:
    follow_up = visible_follow_ups(user=user).filter(ref=ref).first()
    if follow_up is None:
        raise Http404
    return follow_up


def due_follow_ups(*, user: User, today: datetime.date | None = None) -> QuerySet[FollowUp]:
    """Follow-ups not yet done that are overdue or due within two weeks, oldest first."""
    today = today or timezone.localdate()
    return (
        visible_follow_ups(user=user)
        .filter(
            done_on__isnull=True,
            due_on__lte=today + datetime.timedelta(days=FOLLOW_UP_DUE_SOON_DAYS),
        )
        .order_by("due_on", "id")
    )


def in_training_count(*, centre: Centre) -> int:
    return centre.trainees.filter(status=Trainee.Status.IN_TRAINING).count()


def centre_people(*, user: User, centre: Centre) -> QuerySet[Participant]:
    """People of the centre's own organisation that this user may open (for enrolment)."""
    return visible_participants(user=user).filter(owning_organisation_id=centre.organisation_id)


def enrollable_people(*, user: User, centre: Centre, limit: int = 500) -> QuerySet[Participant]:
    """The centre's people who are not in training there now, by name."""
    busy = centre.trainees.filter(status=Trainee.Status.IN_TRAINING).values("participant_id")
    return (
        centre_people(user=user, centre=centre)
        .exclude(pk__in=busy)
        .order_by("full_name", "pk")[:limit]
    )


# ---------------------------------------------------------------- figures


def success_rate(successful: int, entrants: int) -> Decimal | None:
    """Successful exits as a percentage of entrants, one decimal; None without entrants."""
    if not entrants:
        return None
    return (Decimal(successful) * 100 / Decimal(entrants)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def _figure_filters(period: Period, prefix: str = "") -> dict[str, Q]:
    """The conditions that make each figure, on Trainee (prefix "") or via a relation."""
    p = prefix
    entered = Q(**{f"{p}enrolled_on__gte": period.start, f"{p}enrolled_on__lte": period.end})
    exited_by_end = Q(**{f"{p}exited_on__lte": period.end})
    successful_status = Q(**{f"{p}status__in": Trainee.SUCCESSFUL})
    return {
        "entrants": entered,
        "successful": entered & successful_status & exited_by_end,
        "dropped_out": entered & Q(**{f"{p}status": Trainee.Status.DROPPED_OUT}) & exited_by_end,
        "still_training": entered
        & (
            Q(**{f"{p}status": Trainee.Status.IN_TRAINING}) | Q(**{f"{p}exited_on__gt": period.end})
        ),
        # The same entrants' successful exits up to today: the seed's "of 3,200 entrants 62%
        # exited successfully" counts exits whenever they happened.
        "successful_to_date": entered & successful_status,
        "placed": successful_status
        & Q(**{f"{p}exited_on__gte": period.start, f"{p}exited_on__lte": period.end}),
    }


def centres_in(*, region: Region) -> QuerySet[Centre]:
    """Every centre in a region or in a county inside it (no user: for figures only)."""
    return Centre.objects.filter(within_regions([region.pk], "county"))


def centre_figures(*, region: Region, period: Period) -> dict:
    """Aggregates for the centres in a region for a period: two queries whatever the size.

    Keys: centres, entrants, successful, dropped_out, still_training, placed (ints) and
    success_rate (Decimal percentage with one decimal, or None when there were no entrants).
    """
    filters = _figure_filters(period)
    centres = centres_in(region=region)
    totals = Trainee.objects.filter(centre__in=centres).aggregate(
        **{name: Count("id", filter=condition) for name, condition in filters.items()}
    )
    figures = {"centres": centres.count(), **{name: totals[name] or 0 for name in filters}}
    figures["success_rate"] = success_rate(figures["successful"], figures["entrants"])
    figures["success_rate_to_date"] = success_rate(
        figures["successful_to_date"], figures["entrants"]
    )
    return figures


def _annotate_figures(centres: QuerySet[Centre], period: Period) -> QuerySet[Centre]:
    filters = _figure_filters(period, prefix="trainees__")
    today = timezone.localdate()
    return centres.annotate(
        **{f"figure_{name}": Count("trainees", filter=cond) for name, cond in filters.items()},
        figure_in_training_now=Count(
            "trainees",
            filter=Q(trainees__status=Trainee.Status.IN_TRAINING, trainees__enrolled_on__lte=today),
        ),
    )


def _row(centre: Centre) -> dict:
    row = {
        "ref": centre.ref,
        "name": centre.organisation.name,
        "county": centre.county.name,
        "capacity": centre.capacity,
        "entrants": centre.figure_entrants,
        "successful": centre.figure_successful,
        "dropped_out": centre.figure_dropped_out,
        "still_training": centre.figure_still_training,
        "placed": centre.figure_placed,
        "successful_to_date": centre.figure_successful_to_date,
        "in_training_now": centre.figure_in_training_now,
        "places_free": max(centre.capacity - centre.figure_in_training_now, 0),
    }
    row["success_rate"] = success_rate(row["successful"], row["entrants"])
    row["success_rate_to_date"] = success_rate(row["successful_to_date"], row["entrants"])
    return row


def _figure_rows(centres: QuerySet[Centre], period: Period) -> list[dict]:
    annotated = _annotate_figures(centres.select_related("organisation", "county"), period)
    return [_row(centre) for centre in annotated.order_by("organisation__name", "id")]


def centre_figure_rows(*, region: Region, period: Period) -> list[dict]:
    """One row per centre in the region, with the figures of `centre_figures` plus the
    capacity, those in training today and the places free: one query."""
    return _figure_rows(centres_in(region=region), period)


def visible_figure_rows(*, user: User, period: Period, centres=None) -> list[dict]:
    """The same rows for the centres this user may see (or a subset of them)."""
    return _figure_rows(centres if centres is not None else visible_centres(user=user), period)


def total_row(rows: list[dict]) -> dict:
    keys = (*SUPPRESSED_FIGURES, "capacity", "in_training_now", "places_free")
    total = {key: sum(row[key] for row in rows) for key in keys}
    total["success_rate"] = success_rate(total["successful"], total["entrants"])
    total["success_rate_to_date"] = success_rate(total["successful_to_date"], total["entrants"])
    return total


SUPPRESSED_FIGURES = (
    "entrants",
    "successful",
    "dropped_out",
    "still_training",
    "placed",
    "successful_to_date",
)


def suppress_small_counts(rows: list[dict]) -> list[dict]:
    """Rows for people who see aggregates only: counts from 1 to 4 become None (and so does
    the rate computed from them), as in every published figure."""
    from tandem.insights.selectors import SMALL_COUNT_THRESHOLD

    hidden = []
    for row in rows:
        copy = dict(row)
        for key in SUPPRESSED_FIGURES:
            if copy.get(key) is not None and 0 < copy[key] < SMALL_COUNT_THRESHOLD:
                copy[key] = None
                copy["suppressed"] = True
        if copy.get("suppressed"):
            copy["success_rate"] = copy["success_rate_to_date"] = None
        hidden.append(copy)
    return hidden


def sees_names_of(*, user: User) -> set[int]:
    """Ids of the centres whose figures this user sees unsuppressed (managed or supervised)."""
    managed, supervised, _overseen = _may_see(user)
    return set(_centres_of(managed, supervised).values_list("pk", flat=True))


def unregistered_organisations(*, user: User) -> QuerySet[Organisation]:
    """Job-support centre organisations the user manages that are not registered as centres."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=_managed_ids(user),
        kind=Organisation.Kind.JOB_SUPPORT_CENTRE,
        centre__isnull=True,
    ).select_related("region")


def counties_for(*, organisation: Organisation) -> QuerySet[Region]:
    return Region.objects.filter(
        country_code=organisation.region.country_code, kind=Region.Kind.COUNTY
    ).order_by("name", "pk")
