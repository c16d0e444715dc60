"""Who receives referrals, from where, and whose caseload each accepted person joins.

The sizes follow the programmes: an IPS caseload of about twenty per specialist, the Køge
team re-reviewing cash-benefit cases, Ballerup's health conversations for everyone referred,
and Mashhad's supported-employment centre beside its licensed job-support centres.
"""

from __future__ import annotations

from dataclasses import dataclass

from tandem.core.access import Discipline
from tandem.demo import content
from tandem.demo import structure as s

GB, DK, IR = content.GB, content.DK, content.IR
SELF = "self"  # a route with no referring organisation


@dataclass(frozen=True)
class Caseload:
    specialist: str
    size: int
    paused: int
    # (username, discipline, share of the caseload whose team they are on)
    team: tuple[tuple[str, str, float], ...] = ()
    exited: int = 0  # left the programme, for a reason
    ending: int = 0  # support period ends within the month
    overrun: int = 0  # support period already ended, still open


@dataclass(frozen=True)
class Route:
    """Where a receiving organisation's referrals come from, and how often."""

    organisation: str  # referring organisation, or SELF
    username: str  # who types the referral in
    weight: int
    staff: bool = False  # the organisation's own staff referring internally


@dataclass(frozen=True)
class Intake:
    organisation: str
    programme: str
    country: str
    kind: str  # which PersonMaker method makes its people, and its circumstances
    caseloads: tuple[Caseload, ...]
    routes: tuple[Route, ...]
    decider: str  # who declines the referrals that are declined
    inbox: int
    declined: int
    withdrawn: int
    phone_prefix: str = ""
    # The most recent acceptance, in days ago.
    newest: int = 12


def _uk_intakes() -> list[Intake]:
    ne = s.UK_AREAS[0]
    intakes = [
        Intake(
            s.provider_name(ne),
            "connect_to_work",
            GB,
            "uk",
            (
                Caseload(
                    "advisor.northeast",
                    25,
                    3,
                    (
                        ("clinician.northeast", Discipline.HEALTH, 1 / 3),
                        ("joanne.milburn", Discipline.SOCIAL, 0.25),
                    ),
                    exited=2,
                    ending=2,
                    overrun=1,
                ),
                Caseload(
                    "gemma.charlton",
                    16,
                    2,
                    (
                        ("ravi.menon", Discipline.HEALTH, 0.3),
                        ("joanne.milburn", Discipline.SOCIAL, 0.2),
                    ),
                    exited=1,
                    ending=1,
                ),
            ),
            (
                Route("Riverside Medical Practice", "referrer.gp", 5),
                Route("Elswick Family Practice", "d.hodgson", 2),
                Route("Wallsend Green Surgery", "m.forster", 2),
                Route(s.NE_COUNCIL, "joanne.milburn", 2),
                Route(s.NE_COMMUNITY, "kieran.walsh", 2),
                Route(s.NE_TRUST, "ravi.menon", 1),
                Route(SELF, "advisor.northeast", 1),
            ),
            decider="paul.dodds",
            inbox=9,
            declined=3,
            withdrawn=2,
            phone_prefix=ne.phone_prefix,
        )
    ]
    sizes = {
        "south_midlands": 22,
        "devon": 18,
        "west_sussex": 16,
        "cumbria": 16,
        "berkshire": 14,
        "oxfordshire": 14,
        "york": 16,
        "buckinghamshire": 14,
    }
    for area in s.UK_AREAS[1:]:
        specialist, size = area.specialist[0], sizes[area.key]
        routes = [
            Route(practice, s.PRACTICE_REFERRERS[practice][0], 3)
            for practice, _surgery in area.practices
        ]
        intakes.append(
            Intake(
                s.provider_name(area),
                "connect_to_work",
                GB,
                "uk",
                (Caseload(specialist, size, size // 8, exited=size // 16, ending=size // 20),),
                (*routes, Route(SELF, specialist, 1)),
                decider=specialist,
                inbox=3 + size % 4,
                declined=1 + size % 2,
                withdrawn=1,
                phone_prefix=area.phone_prefix,
            )
        )
    return intakes


def _other_intakes() -> list[Intake]:
    se_team = (
        ("fatemeh.karimi", Discipline.SOCIAL, 0.4),
        ("elham.nowruzi", Discipline.HEALTH, 0.4),
    )
    ir_routes = (
        Route(s.IR_PROVINCE_OFFICE, "zeynab.mousavi", 3),
        Route(s.IR_NEYSHABUR_OFFICE, "mohsen.ghasemi", 1),
    )
    intakes = [
        Intake(
            s.JOBCENTER_KOGE,
            "koge",
            DK,
            "koge",
            (
                Caseload(
                    "caseworker.koge",
                    23,
                    2,
                    (
                        ("physician.koge", Discipline.OCCUPATIONAL_MEDICINE, 0.35),
                        ("trine.dahl", Discipline.SOCIAL, 0.4),
                        ("lone.bech", Discipline.HEALTH, 0.15),
                    ),
                    ending=1,
                    overrun=1,
                ),
                Caseload(
                    "jesper.holm",
                    23,
                    2,
                    (
                        ("physician.koge", Discipline.OCCUPATIONAL_MEDICINE, 0.3),
                        ("anders.friis", Discipline.SOCIAL, 0.3),
                        ("lone.bech", Discipline.HEALTH, 0.15),
                    ),
                    ending=1,
                ),
            ),
            (
                Route(s.JOBCENTER_KOGE, "hanne.lindberg", 5, staff=True),
                Route(s.KOGE_SOCIAL_HEALTH, "anders.friis", 3),
                Route(s.KOGE_HOSPITAL, "physician.koge", 1),
                Route(SELF, "caseworker.koge", 1),
            ),
            decider="hanne.lindberg",
            inbox=6,
            declined=2,
            withdrawn=1,
            # Everyone on the team's books was there when the re-review queue was made.
            newest=80,
        ),
        Intake(
            s.JOBCENTER_BALLERUP,
            "ballerup",
            DK,
            "ballerup",
            (
                Caseload(
                    "camilla.thomsen",
                    25,
                    3,
                    (
                        ("susanne.moller", Discipline.HEALTH, 0.9),
                        ("rikke.lund", Discipline.SOCIAL, 0.3),
                    ),
                    exited=2,
                    ending=1,
                ),
            ),
            (
                Route(s.JOBCENTER_BALLERUP, "rikke.lund", 6, staff=True),
                Route(s.BALLERUP_HEALTH, "susanne.moller", 2),
                Route(SELF, "camilla.thomsen", 1),
            ),
            decider="camilla.thomsen",
            inbox=4,
            declined=1,
            withdrawn=1,
        ),
        Intake(
            s.IR_SE_CENTRE,
            "mashhad",
            IR,
            "ir",
            (
                Caseload("coach.mashhad", 20, 2, se_team, exited=2, ending=1),
                Caseload("amir.rezaei", 10, 1, se_team, exited=1),
            ),
            (*ir_routes, Route(SELF, "coach.mashhad", 2)),
            decider="mahmoud.sadeghi",
            inbox=5,
            declined=2,
            withdrawn=1,
        ),
    ]
    centres = zip(
        s.IR_JOB_SUPPORT_CENTRES,
        ("somayeh.abbasi", "narges.heydari", "leila.bagheri"),
        ("reza.jafari", "majid.kazemi", "hamid.sharifi"),
        (12, 10, 8),
        strict=True,
    )
    for centre, coach, manager, size in centres:
        intakes.append(
            Intake(
                centre,
                "mashhad",
                IR,
                "ir",
                (Caseload(coach, size, 1, exited=size // 10),),
                (*ir_routes, Route(SELF, coach, 2)),
                decider=manager,
                inbox=3,
                declined=1,
                withdrawn=1,
            )
        )
    return intakes


def all_intakes() -> list[Intake]:
    return [*_uk_intakes(), *_other_intakes()]
