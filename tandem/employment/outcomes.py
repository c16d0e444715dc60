"""The outcome definition of a programme, in one place.

A job outcome is paid work of at least the programme's minimum hours a week, in a kind of work
the programme counts (employment always; self-employment and apprenticeships where the
programme says so). Sustained at N weeks means the N-week check confirmed the person in work.
Every page, export and API that counts outcomes uses these functions.
"""

from django.db.models import Exists, OuterRef, QuerySet

from tandem.employment.models import Placement, SustainmentCheck
from tandem.programmes.models import Programme


def counted_kinds(programme: Programme) -> list[str]:
    kinds = [Placement.Kind.EMPLOYED]
    if programme.outcome_counts_self_employment:
        kinds.append(Placement.Kind.SELF_EMPLOYED)
    if programme.outcome_counts_apprenticeship:
        kinds.append(Placement.Kind.APPRENTICESHIP)
    return kinds


def is_job_outcome(placement: Placement, programme: Programme) -> bool:
    return (
        placement.kind in counted_kinds(programme)
        and placement.hours_per_week >= programme.job_outcome_min_hours
    )


def is_sustained(placement: Placement, weeks: int) -> bool:
    return placement.checks.filter(weeks=weeks, status=SustainmentCheck.Status.CONFIRMED).exists()


def job_outcomes(programme: Programme, placements: QuerySet[Placement] | None = None):
    """The placements on this programme that count as job outcomes."""
    placements = Placement.objects.all() if placements is None else placements
    return placements.filter(
        enrolment__programme=programme,
        kind__in=counted_kinds(programme),
        hours_per_week__gte=programme.job_outcome_min_hours,
    )


def sustained_outcomes(
    programme: Programme, weeks: int, placements: QuerySet[Placement] | None = None
):
    confirmed = SustainmentCheck.objects.filter(
        placement=OuterRef("pk"), weeks=weeks, status=SustainmentCheck.Status.CONFIRMED
    )
    return job_outcomes(programme, placements).filter(Exists(confirmed))


def outcome_counts(programme: Programme, placements: QuerySet[Placement] | None = None) -> dict:
    """Job outcomes and sustained outcomes at 13, 26 and 52 weeks, counted in one query each."""
    outcomes = job_outcomes(programme, placements)
    counts = {"job_outcomes": outcomes.count()}
    for weeks in SustainmentCheck.WEEKS:
        counts[f"sustained_{weeks}"] = sustained_outcomes(programme, weeks, placements).count()
    return counts


__all__ = [
    "counted_kinds",
    "is_job_outcome",
    "is_sustained",
    "job_outcomes",
    "outcome_counts",
    "sustained_outcomes",
]
