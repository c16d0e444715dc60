"""Ranking vacancies for a person (and people for a vacancy), with the reasons shown.

Deterministic and explained: every point of a score comes from a named factor with a sentence
the specialist can read to the person. The ranking reads plain tuples from the database and
does arithmetic and set operations only, so ranking every open vacancy for one person stays
well under a second at national scale (see `make bench`).
"""

import heapq
import math
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Points per factor; they add up to 100.
WEIGHTS = {
    "occupation": 35,
    "skills": 20,
    "hours": 15,
    "travel": 15,
    "adjustments": 10,
    "wishes": 5,
}
WORD = re.compile(r"\w{4,}", re.UNICODE)


@dataclass(frozen=True)
class Reason:
    factor: str
    points: int
    text: str
    good: bool


@dataclass
class Match:
    key: Any  # the vacancy's or participant's primary key
    score: int
    reasons: list[Reason] = field(default_factory=list)


@dataclass(frozen=True)
class Seeker:
    """A person's preferences, prepared once for comparing with many vacancies."""

    occupations: tuple[str, ...]
    skills: frozenset[str]
    hours_min: float | None
    hours_max: float | None
    max_travel_km: int | None
    home: tuple[float, float] | None
    home_region_id: int | None
    home_parent_region_id: int | None
    adjustments: frozenset[str]
    wish_words: frozenset[str]


@dataclass(slots=True)
class Job:
    """A vacancy's facts, prepared once for comparing with many people."""

    key: Any
    occupation: str
    skills: frozenset[str]
    hours: float
    place: tuple[float, float] | None
    region_id: int | None
    parent_region_id: int | None
    adjustments: frozenset[str]
    title: str  # casefolded


def words(text: str) -> frozenset[str]:
    return frozenset(word.casefold() for word in WORD.findall(text or ""))


def normalise_skills(skills) -> frozenset[str]:
    return frozenset(str(skill).strip().casefold() for skill in skills or [] if str(skill).strip())


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine): straight-line, a fair proxy for a commute."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(h))


def shared_digits(a: str, b: str) -> int:
    if a == b:
        return len(a)
    count = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        count += 1
    return count


def score(seeker: Seeker, job: Job) -> Match:
    reasons: list[Reason] = []

    # Occupation: the closer in the ISCO-08 tree, the better (same unit group is best).
    best = max((shared_digits(code, job.occupation) for code in seeker.occupations), default=0)
    points = round(WEIGHTS["occupation"] * best / 4)
    if not seeker.occupations:
        reasons.append(Reason("occupation", 0, _("No preferred occupations recorded yet."), False))
    elif best == 4:
        reasons.append(Reason("occupation", points, _("An occupation the person wants."), True))
    elif best >= 2:
        reasons.append(
            Reason("occupation", points, _("Close to an occupation the person wants."), True)
        )
    else:
        reasons.append(
            Reason("occupation", points, _("Not an occupation the person asked for."), False)
        )

    # Skills: the share of the job's skills the person has.
    if job.skills:
        have = seeker.skills & job.skills
        points = round(WEIGHTS["skills"] * len(have) / len(job.skills))
        reasons.append(
            Reason(
                "skills",
                points,
                ngettext(
                    "Has %(have)s of the %(wanted)s skill asked for.",
                    "Has %(have)s of the %(wanted)s skills asked for.",
                    len(job.skills),
                )
                % {"have": len(have), "wanted": len(job.skills)},
                bool(have),
            )
        )
    else:
        reasons.append(
            Reason("skills", WEIGHTS["skills"] // 2, _("The job asks for no skills."), True)
        )

    # Hours: within the person's range is full marks; a few hours off is half.
    low, high = seeker.hours_min, seeker.hours_max
    if low is None and high is None:
        reasons.append(Reason("hours", WEIGHTS["hours"] // 2, _("Hours wanted not known."), True))
    elif (low is None or job.hours >= low) and (high is None or job.hours <= high):
        reasons.append(Reason("hours", WEIGHTS["hours"], _("The hours suit the person."), True))
    else:
        gap = min(abs(job.hours - bound) for bound in (low, high) if bound is not None)
        points = WEIGHTS["hours"] // 2 if gap <= 5 else 0
        reasons.append(
            Reason(
                "hours",
                points,
                _("%(hours)s hours a week is outside what the person wants.")
                % {"hours": f"{job.hours:g}"},
                False,
            )
        )

    # Travel: a known distance against the person's limit; otherwise the same area.
    limit = seeker.max_travel_km
    if seeker.home and job.place:
        km = distance_km(seeker.home, job.place)
        if limit is None or km <= limit:
            reasons.append(
                Reason(
                    "travel",
                    WEIGHTS["travel"],
                    _("About %(km)s km from home.") % {"km": round(km)},
                    True,
                )
            )
        else:
            points = WEIGHTS["travel"] // 3 if km <= limit * 1.5 else 0
            reasons.append(
                Reason(
                    "travel",
                    points,
                    _("About %(km)s km from home, further than %(limit)s km.")
                    % {"km": round(km), "limit": limit},
                    False,
                )
            )
    elif seeker.home_region_id and seeker.home_region_id == job.region_id:
        reasons.append(
            Reason("travel", WEIGHTS["travel"], _("In the area where the person lives."), True)
        )
    elif seeker.home_parent_region_id and seeker.home_parent_region_id in (
        job.parent_region_id,
        job.region_id,
    ):
        reasons.append(
            Reason("travel", WEIGHTS["travel"] // 2, _("In the same region as home."), True)
        )
    else:
        reasons.append(Reason("travel", 0, _("Distance from home not known."), False))

    # Adjustments: every adjustment the person needs should be possible in the job.
    if seeker.adjustments:
        missing = seeker.adjustments - job.adjustments
        points = round(
            WEIGHTS["adjustments"]
            * (len(seeker.adjustments) - len(missing))
            / len(seeker.adjustments)
        )
        if missing:
            reasons.append(
                Reason(
                    "adjustments",
                    points,
                    ngettext(
                        "%(missing)s of the adjustments needed is not offered.",
                        "%(missing)s of the adjustments needed are not offered.",
                        len(missing),
                    )
                    % {"missing": len(missing)},
                    False,
                )
            )
        else:
            reasons.append(
                Reason("adjustments", points, _("Every adjustment needed is offered."), True)
            )
    else:
        reasons.append(
            Reason("adjustments", WEIGHTS["adjustments"], _("No adjustments needed."), True)
        )

    # The person's own words: a job title that echoes their wishes.
    if _echoes_wishes(seeker, job):
        reasons.append(
            Reason("wishes", WEIGHTS["wishes"], _("Matches what the person said they want."), True)
        )

    return Match(key=job.key, score=sum(reason.points for reason in reasons), reasons=reasons)


def _echoes_wishes(seeker: Seeker, job: Job) -> bool:
    return any(word in job.title for word in seeker.wish_words)


def points(seeker: Seeker, job: Job) -> int:
    """The same total as `score(...).score`, without building the explanations: ranking tens
    of thousands of vacancies must not translate six sentences for each of them."""
    total = 0
    best = 0
    for code in seeker.occupations:
        best = max(best, shared_digits(code, job.occupation))
    total += round(WEIGHTS["occupation"] * best / 4)
    if job.skills:
        total += round(WEIGHTS["skills"] * len(seeker.skills & job.skills) / len(job.skills))
    else:
        total += WEIGHTS["skills"] // 2
    low, high = seeker.hours_min, seeker.hours_max
    if low is None and high is None:
        total += WEIGHTS["hours"] // 2
    elif (low is None or job.hours >= low) and (high is None or job.hours <= high):
        total += WEIGHTS["hours"]
    elif min(abs(job.hours - bound) for bound in (low, high) if bound is not None) <= 5:
        total += WEIGHTS["hours"] // 2
    limit = seeker.max_travel_km
    if seeker.home and job.place:
        km = distance_km(seeker.home, job.place)
        if limit is None or km <= limit:
            total += WEIGHTS["travel"]
        elif km <= limit * 1.5:
            total += WEIGHTS["travel"] // 3
    elif seeker.home_region_id and seeker.home_region_id == job.region_id:
        total += WEIGHTS["travel"]
    elif seeker.home_parent_region_id and seeker.home_parent_region_id in (
        job.parent_region_id,
        job.region_id,
    ):
        total += WEIGHTS["travel"] // 2
    if seeker.adjustments:
        offered = len(seeker.adjustments & job.adjustments)
        total += round(WEIGHTS["adjustments"] * offered / len(seeker.adjustments))
    else:
        total += WEIGHTS["adjustments"]
    if _echoes_wishes(seeker, job):
        total += WEIGHTS["wishes"]
    return total


def rank(seeker: Seeker, jobs, limit: int | None = None) -> list[Match]:
    """Best first; ties broken by key so the order never changes between two looks.
    Scores every job cheaply, keeps the best `limit`, and explains only those."""
    scored = ((-points(seeker, job), str(job.key), job) for job in jobs)
    best = (
        heapq.nsmallest(limit, scored, key=lambda item: item[:2])
        if limit
        else sorted(scored, key=lambda item: item[:2])
    )
    return [score(seeker, job) for _points, _key, job in best]
