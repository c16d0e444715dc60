"""Reads for employment, filtered by who is asking.

Employers and vacancies belong to the organisation whose specialists work with them; people's
placements follow the participant access rules (`access_participant`)."""

import datetime
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.http import Http404
from django.utils import timezone

from tandem.core.access import CASEWORK_ROLES, Role
from tandem.employment.matching import (
    Job,
    Match,
    Seeker,
    normalise_skills,
    rank,
    score,
    words,
)
from tandem.employment.models import (
    Employer,
    EmployerContact,
    FollowUp,
    JobPreferences,
    Placement,
    SustainmentCheck,
    Vacancy,
)
from tandem.organisations.models import Membership, User
from tandem.organisations.selectors import organisation_ids_for
from tandem.participants.models import Participant
from tandem.participants.selectors import ParticipantAccess, visible_participants
from tandem.referrals.models import Enrolment

# ---------------------------------------------------------------- employers and vacancies


def visible_employers(*, user: User) -> QuerySet[Employer]:
    return Employer.objects.filter(
        organisation_id__in=organisation_ids_for(user=user, roles=CASEWORK_ROLES)
    ).select_related("region", "organisation")


def access_employer(*, user: User, ref: str) -> Employer:
    employer = visible_employers(user=user).filter(ref=ref).first()
    if employer is None:
        raise Http404
    return employer


def visible_vacancies(*, user: User) -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(
        employer__organisation_id__in=organisation_ids_for(user=user, roles=CASEWORK_ROLES)
    ).select_related("employer", "region")


def access_vacancy(*, user: User, ref: str) -> Vacancy:
    vacancy = visible_vacancies(user=user).filter(ref=ref).first()
    if vacancy is None:
        raise Http404
    return vacancy


def open_vacancies(*, user: User) -> QuerySet[Vacancy]:
    today = timezone.localdate()
    return visible_vacancies(user=user).filter(
        Q(closing_on__isnull=True) | Q(closing_on__gte=today), status=Vacancy.Status.OPEN
    )


# ---------------------------------------------------------------- employer contacts (IPS)


@dataclass(frozen=True)
class WeekOfContacts:
    week_starting: datetime.date
    contacts: int
    met_hiring_manager: int


def employer_contacts_by_week(*, specialist: User, weeks: int = 8) -> list[WeekOfContacts]:
    """A specialist's employer contacts per week (IPS job development), newest week first,
    with every week shown, contacts or not."""
    today = timezone.localdate()
    this_monday = today - datetime.timedelta(days=today.weekday())
    first_monday = this_monday - datetime.timedelta(weeks=weeks - 1)
    rows = (
        EmployerContact.objects.filter(specialist=specialist, contacted_on__gte=first_monday)
        .annotate(week=TruncWeek("contacted_on"))
        .values("week")
        .annotate(contacts=Count("id"), met=Count("id", filter=Q(met_hiring_manager=True)))
    )
    by_week = {
        (row["week"].date() if isinstance(row["week"], datetime.datetime) else row["week"]): row
        for row in rows
    }
    result = []
    for offset in range(weeks):
        monday = this_monday - datetime.timedelta(weeks=offset)
        row = by_week.get(monday, {})
        result.append(
            WeekOfContacts(
                week_starting=monday,
                contacts=row.get("contacts", 0),
                met_hiring_manager=row.get("met", 0),
            )
        )
    return result


def may_see_contacts_of(*, user: User, specialist: User) -> bool:
    """A specialist sees their own employer contacts; a team lead those of their team."""
    if user.pk == specialist.pk:
        return True
    led = organisation_ids_for(user=user, roles={Role.TEAM_LEAD})
    return (
        bool(led)
        and Membership.objects.filter(
            user=specialist, organisation_id__in=led, is_active=True
        ).exists()
    )


def team_members(*, user: User) -> QuerySet[User]:
    led = organisation_ids_for(user=user, roles={Role.TEAM_LEAD})
    return (
        User.objects.filter(
            memberships__organisation_id__in=led,
            memberships__is_active=True,
            memberships__role__in=[Role.SPECIALIST, Role.TEAM_LEAD],
        )
        .distinct()
        .order_by("full_name", "username")
    )


# ---------------------------------------------------------------- matching


def _seeker(preferences: JobPreferences) -> Seeker:
    home = None
    if preferences.home_latitude is not None and preferences.home_longitude is not None:
        home = (float(preferences.home_latitude), float(preferences.home_longitude))
    region = preferences.home_region
    return Seeker(
        occupations=tuple(preferences.occupations or ()),
        skills=normalise_skills(preferences.skills),
        hours_min=float(preferences.hours_min) if preferences.hours_min is not None else None,
        hours_max=float(preferences.hours_max) if preferences.hours_max is not None else None,
        max_travel_km=preferences.max_travel_km,
        home=home,
        home_region_id=region.pk if region else None,
        home_parent_region_id=region.parent_id if region else None,
        adjustments=frozenset(preferences.adjustments_needed or ()),
        wish_words=words(preferences.wishes),
    )


VACANCY_COLUMNS = (
    "pk",
    "occupation",
    "skills",
    "hours_per_week",
    "latitude",
    "longitude",
    "region_id",
    "region__parent_id",
    "adjustments_possible",
    "title",
)


@functools.lru_cache(maxsize=4096)
def _skill_set(raw: str) -> frozenset[str]:
    return normalise_skills(json.loads(raw))


@functools.lru_cache(maxsize=4096)
def _plain_set(raw: str) -> frozenset[str]:
    return frozenset(json.loads(raw))


def _as_set(value, parse) -> frozenset[str]:
    # SQLite hands JSON back as text, PostgreSQL as Python lists: both end as sets. Many
    # vacancies share the same few lists, so parsing each distinct text once pays off.
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return parse(value)
    return parse(json.dumps(value, sort_keys=True))


def _job(row: tuple) -> Job:
    pk, occupation, skills, hours, lat, lon, region_id, parent_id, adjustments, title = row
    return Job(
        key=pk,
        occupation=occupation,
        skills=_as_set(skills, _skill_set),
        hours=float(hours),
        place=(float(lat), float(lon)) if lat is not None and lon is not None else None,
        region_id=region_id,
        parent_region_id=parent_id,
        adjustments=_as_set(adjustments, _plain_set),
        title=title.casefold(),
    )


def _raw_rows(queryset) -> Iterator[tuple]:
    """The rows of a values_list query straight from the database cursor, skipping Django's
    per-value converters (Decimal and JSON): at national scale they cost more than ranking."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(5000):
            yield from rows


@dataclass(frozen=True)
class VacancyMatch:
    vacancy: Vacancy
    match: Match


def matches_for_participant(
    *, access: ParticipantAccess, user: User, limit: int = 50
) -> list[VacancyMatch]:
    """Every open vacancy the user's organisations hold, ranked for this person."""
    preferences = (
        JobPreferences.objects.filter(participant=access.participant)
        .select_related("home_region")
        .first()
    )
    if preferences is None:
        return []
    seeker = _seeker(preferences)
    rows = _raw_rows(open_vacancies(user=user).values_list(*VACANCY_COLUMNS))
    ranked = rank(seeker, (_job(row) for row in rows), limit=limit)
    vacancies = Vacancy.objects.select_related("employer", "region").in_bulk(
        [match.key for match in ranked]
    )
    return [VacancyMatch(vacancy=vacancies[match.key], match=match) for match in ranked]


@dataclass(frozen=True)
class PersonMatch:
    participant: Participant
    match: Match


def matches_for_vacancy(*, user: User, vacancy: Vacancy, limit: int = 50) -> list[PersonMatch]:
    """The people the user may see who are looking for work, ranked for this vacancy."""
    job = _job(Vacancy.objects.filter(pk=vacancy.pk).values_list(*VACANCY_COLUMNS).get())
    looking = Enrolment.objects.filter(status=Enrolment.Status.ACTIVE).values("participant_id")
    preferences = JobPreferences.objects.filter(
        participant__in=visible_participants(user=user), participant_id__in=looking
    ).select_related("home_region")
    scored = []
    for preference in preferences.iterator(chunk_size=2000):
        match = score(_seeker(preference), job)
        match.key = preference.participant_id
        scored.append(match)
    scored.sort(key=lambda match: (-match.score, match.key))
    top = scored[:limit]
    people = Participant.objects.in_bulk([match.key for match in top])
    return [PersonMatch(participant=people[match.key], match=match) for match in top]


# ---------------------------------------------------------------- placements, checks, follow-ups


def placements_for(*, access: ParticipantAccess) -> QuerySet[Placement]:
    return (
        Placement.objects.filter(participant=access.participant)
        .select_related("employer", "vacancy", "enrolment__programme")
        .prefetch_related("checks", "follow_ups")
        .order_by("-started_on", "-id")
    )


def visible_placements(*, user: User) -> QuerySet[Placement]:
    return Placement.objects.filter(participant__in=visible_participants(user=user)).select_related(
        "participant", "employer", "enrolment__programme"
    )


def checks_due(*, user: User, key_worker: User | None = None) -> QuerySet[SustainmentCheck]:
    """Sustainment checks still to record, due within two weeks or overdue, for the people
    the user may see (of one key worker's caseload when given)."""
    horizon = timezone.localdate() + datetime.timedelta(days=14)
    checks = SustainmentCheck.objects.filter(
        status=SustainmentCheck.Status.DUE,
        due_on__lte=horizon,
        placement__participant__in=visible_participants(user=user),
        placement__ended_on__isnull=True,
    )
    if key_worker is not None:
        checks = checks.filter(placement__enrolment__key_worker=key_worker)
    return checks.select_related("placement__participant", "placement__employer").order_by(
        "due_on", "id"
    )


def follow_ups_due(
    *, user: User, key_worker: User | None = None, overdue_only: bool = False
) -> QuerySet[FollowUp]:
    today = timezone.localdate()
    horizon = today if overdue_only else today + datetime.timedelta(days=14)
    follow_ups = FollowUp.objects.filter(
        done_on__isnull=True,
        due_on__lte=horizon,
        placement__participant__in=visible_participants(user=user),
    )
    if overdue_only:
        follow_ups = follow_ups.filter(due_on__lt=today)
    if key_worker is not None:
        follow_ups = follow_ups.filter(placement__enrolment__key_worker=key_worker)
    return follow_ups.select_related(
        "placement__participant", "placement__enrolment__key_worker"
    ).order_by("due_on", "id")
