"""The interventions each programme can refer people to, at what they cost, and the referrals.

The catalogue follows the programmes: Connect to Work's VR interview practice, confidence
workshops, childcare, computer-skills and accredited site-safety courses; Køge's social mentor,
virksomhedspraktik, boligsocial indsats and helbredsafklaring at the occupational-medicine
department; Mashhad's technical and vocational training, internships and workshops. Unit costs
are in the programme's currency, Iranian ones in rial.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from tandem.demo import structure as s
from tandem.demo.content import DK, GB, IR
from tandem.interventions.models import Intervention, InterventionKind, Provider

K = InterventionKind
CURRENCY = {GB: "GBP", DK: "DKK", IR: "IRR"}
HOUSING_SUPPORT = "Boligsocial indsats \N{EN DASH} bostøtte"


@dataclass(frozen=True)
class Offer:
    kind: str
    name: str
    unit_cost: str
    unit: str


@dataclass(frozen=True)
class ProviderSpec:
    name: str
    region: str  # key in World.regions
    country: str
    offers: tuple[Offer, ...]
    organisation: str | None = None  # when the provider is itself on Tandem
    contact: str = ""
    # The receiving organisations whose people it serves; None: anyone in the country.
    serves: tuple[str, ...] | None = None


def _uk() -> list[ProviderSpec]:
    ne = s.provider_name(s.UK_AREAS[0])
    specs = [
        ProviderSpec(
            ne,
            "north_east",
            GB,
            (
                Offer(K.VR_INTERVIEW_PRACTICE, "VR interview practice", "35.00", "session"),
                Offer(
                    K.CONFIDENCE_WORKSHOP, "Confidence workshop (four weeks)", "55.00", "session"
                ),
            ),
            organisation=ne,
            contact="0191 498 0700",
            serves=(ne,),
        ),
        ProviderSpec(
            "Newcastle Libraries Adult Learning",
            "north_east",
            GB,
            (Offer(K.COMPUTER_SKILLS, "Computer skills for work", "120.00", "course"),),
            contact="adultlearning@example.org",
            serves=(ne,),
        ),
        ProviderSpec(
            "North East Construction Skills Centre",
            "north_east",
            GB,
            (
                Offer(
                    K.ACCREDITED_TRAINING,
                    "CSCS site-safety course (Level 1 Health and Safety in a Construction "
                    "Environment)",
                    "165.00",
                    "course",
                ),
                Offer(
                    K.ACCREDITED_TRAINING,
                    "SMSTS site-management safety training (5 days)",
                    "595.00",
                    "course",
                ),
            ),
            contact="0191 498 0455",
            serves=(ne,),
        ),
        ProviderSpec(
            "Quayside Physiotherapy",
            "north_east",
            GB,
            (Offer(K.PHYSIOTHERAPY, "Physiotherapy for work (MSK)", "48.00", "session"),),
            contact="0191 498 0612",
            serves=(ne,),
        ),
        ProviderSpec(
            "Newcastle Family Information Service",
            "north_east",
            GB,
            (Offer(K.CHILDCARE_SUPPORT, "Help with childcare costs", "190.00", "week"),),
            serves=(ne,),
        ),
        # Across the programme: for the areas without a local offer of their own.
        ProviderSpec(
            "Interview Ready VR",
            "GB",
            GB,
            (Offer(K.VR_INTERVIEW_PRACTICE, "VR interview practice (online)", "38.00", "session"),),
        ),
        ProviderSpec(
            "BuildSafe Training Centres",
            "GB",
            GB,
            (Offer(K.ACCREDITED_TRAINING, "CSCS site-safety course", "175.00", "course"),),
        ),
        ProviderSpec(
            "Childcare Bridge",
            "GB",
            GB,
            (Offer(K.CHILDCARE_SUPPORT, "Help with childcare costs", "175.00", "week"),),
        ),
        ProviderSpec(
            "WorkFit Physiotherapy",
            "GB",
            GB,
            (Offer(K.PHYSIOTHERAPY, "Physiotherapy for work", "45.00", "session"),),
        ),
    ]
    for area in s.UK_AREAS[1:]:
        specs.append(
            ProviderSpec(
                f"{area.town} Adult Community Learning",
                area.key,
                GB,
                (
                    Offer(K.COMPUTER_SKILLS, "Essential digital skills", "110.00", "course"),
                    Offer(K.CONFIDENCE_WORKSHOP, "Confidence and wellbeing", "45.00", "session"),
                ),
                serves=(s.provider_name(area),),
            )
        )
    return specs


def _dk() -> list[ProviderSpec]:
    koge, ballerup = (s.JOBCENTER_KOGE,), (s.JOBCENTER_BALLERUP,)
    return [
        ProviderSpec(
            s.KOGE_SOCIAL_HEALTH,
            "koge",
            DK,
            (
                Offer(K.SOCIAL_MENTOR, "Social mentor", "425.00", "time"),
                Offer(K.HOUSING_SUPPORT, HOUSING_SUPPORT, "2850.00", "uge"),
            ),
            organisation=s.KOGE_SOCIAL_HEALTH,
            serves=koge,
        ),
        ProviderSpec(
            s.KOGE_HOSPITAL_SITE,
            "sjaelland",
            DK,
            (
                Offer(
                    K.HEALTH_BARRIER_ASSESSMENT,
                    "Helbredsafklaring \N{EN DASH} arbejdsmedicinsk udredning",
                    "9850.00",
                    "forløb",
                ),
            ),
            organisation=s.KOGE_HOSPITAL,
            serves=koge,
        ),
        ProviderSpec(
            "Jobcenter Køge, Virksomhedsservice",
            "koge",
            DK,
            (Offer(K.INTERNSHIP, "Virksomhedspraktik med mentorstøtte", "1150.00", "uge"),),
            organisation=s.JOBCENTER_KOGE,
            serves=koge,
        ),
        ProviderSpec(
            "Fysioterapi Køge Bugt",
            "koge",
            DK,
            (Offer(K.PHYSIOTHERAPY, "Fysioterapi, individuel træning", "375.00", "behandling"),),
            contact="56 00 00 00",
            serves=koge,
        ),
        ProviderSpec(
            "AMU-center Køge Bugt",
            "koge",
            DK,
            (
                Offer(
                    K.VOCATIONAL_TRAINING,
                    "AMU-kursus: Truckcertifikat (A og B)",
                    "3200.00",
                    "kursus",
                ),
                Offer(
                    K.VOCATIONAL_TRAINING,
                    "AMU-kursus: Lager- og logistikarbejde",
                    "2600.00",
                    "kursus",
                ),
                Offer(
                    K.VOCATIONAL_TRAINING,
                    "AMU-kursus: Rengøringsteknik og arbejdsmiljø",
                    "1450.00",
                    "kursus",
                ),
            ),
            serves=koge,
        ),
        ProviderSpec(
            s.BALLERUP_HEALTH,
            "ballerup",
            DK,
            (
                Offer(K.PHYSIOTHERAPY, "Genoptræning og fysioterapi", "360.00", "behandling"),
                Offer(K.OTHER, "Kostvejledning og motion i hold", "290.00", "gang"),
            ),
            organisation=s.BALLERUP_HEALTH,
            serves=ballerup,
        ),
        ProviderSpec(
            "Jobcenter Ballerup, Virksomhedsservice",
            "ballerup",
            DK,
            (
                Offer(K.INTERNSHIP, "Virksomhedspraktik", "1100.00", "uge"),
                Offer(K.SOCIAL_MENTOR, "Social mentor", "440.00", "time"),
            ),
            organisation=s.JOBCENTER_BALLERUP,
            serves=ballerup,
        ),
        ProviderSpec(
            "Ballerup Kommune, Bostøtte",
            "ballerup",
            DK,
            (Offer(K.HOUSING_SUPPORT, HOUSING_SUPPORT, "2700.00", "uge"),),
            serves=ballerup,
        ),
        ProviderSpec(
            "AMU Hovedstaden, Ballerup",
            "ballerup",
            DK,
            (
                Offer(
                    K.VOCATIONAL_TRAINING,
                    "AMU-kursus: Pædagogisk assistent, introduktion",
                    "2900.00",
                    "kursus",
                ),
            ),
            serves=ballerup,
        ),
        ProviderSpec(
            "Arbejdsmedicinsk Klinik, Herlev",
            "hovedstaden",
            DK,
            (
                Offer(
                    K.HEALTH_BARRIER_ASSESSMENT,
                    "Helbredsafklaring \N{EN DASH} arbejdsmedicinsk udredning",
                    "9600.00",
                    "forløb",
                ),
            ),
            serves=ballerup,
        ),
    ]


def _ir() -> list[ProviderSpec]:
    return [
        ProviderSpec(
            "مرکز آموزش فنی و حرفه‌ای شماره ۱ مشهد",
            "مشهد",
            IR,
            (
                Offer(
                    K.VOCATIONAL_TRAINING,
                    "آموزش فنی و حرفه‌ای: دوره خیاطی",
                    "38000000.00",
                    "دوره",
                ),
                Offer(
                    K.VOCATIONAL_TRAINING,
                    "آموزش فنی و حرفه‌ای: تعمیر تلفن همراه",
                    "65000000.00",
                    "دوره",
                ),
                Offer(
                    K.VOCATIONAL_TRAINING,
                    "آموزش فنی و حرفه‌ای: بسته‌بندی و کنترل کیفیت مواد غذایی",
                    "28000000.00",
                    "دوره",
                ),
            ),
        ),
        ProviderSpec(
            "آموزشگاه رایانه پارسیان توس",
            "مشهد",
            IR,
            (
                Offer(
                    K.COMPUTER_SKILLS,
                    "دوره مهارت‌های هفت‌گانه کامپیوتر (ICDL)",
                    "42000000.00",
                    "دوره",
                ),
            ),
        ),
        ProviderSpec(
            "مرکز مشاوره و خدمات روان‌شناختی بهزیستی مشهد",
            "مشهد",
            IR,
            (
                Offer(
                    K.CONFIDENCE_WORKSHOP,
                    "کارگاه اعتمادبه‌نفس و مهارت‌های ارتباطی",
                    "3500000.00",
                    "جلسه",
                ),
            ),
        ),
        ProviderSpec(
            "واحدهای همکار شهرک صنعتی توس",
            "مشهد",
            IR,
            (
                Offer(K.INTERNSHIP, "کارورزی در واحدهای تولیدی", "30000000.00", "ماه"),
                Offer(K.INTERNSHIP, "کارورزی در فروشگاه‌های زنجیره‌ای", "25000000.00", "ماه"),
            ),
        ),
        ProviderSpec(
            "مرکز جامع توانبخشی بهزیستی مشهد",
            "مشهد",
            IR,
            (Offer(K.PHYSIOTHERAPY, "فیزیوتراپی", "4500000.00", "جلسه"),),
        ),
    ]


def catalogue() -> list[ProviderSpec]:
    return [*_uk(), *_dk(), *_ir()]


@dataclass
class Catalogue:
    """What was built, to choose from for each person."""

    # (country, kind) -> [(serves, intervention)]
    offers: dict[tuple[str, str], list[tuple[tuple[str, ...] | None, Intervention]]]
    providers: list[Provider]
    interventions: list[Intervention]

    def choose(
        self, rng: random.Random, country: str, kind: str, organisation: str
    ) -> Intervention | None:
        """A local offer of the kind if there is one, else one open to the whole country."""
        offers = self.offers.get((country, kind), [])
        local = [offer for serves, offer in offers if serves and organisation in serves]
        anywhere = [offer for serves, offer in offers if serves is None]
        pool = local or anywhere
        return rng.choice(pool) if pool else None


def build_catalogue(world: s.World, actor) -> Catalogue:
    """Reference data, made like the administrators would in the admin: get-or-create."""
    offers: dict = {}
    providers, interventions = [], []
    for spec in catalogue():
        organisation = world.org(spec.organisation) if spec.organisation else None
        provider = s._get_or_create(
            Provider,
            actor,
            {"name": spec.name, "region": world.regions[spec.region]},
            organisation=organisation,
            contact=spec.contact,
        )
        providers.append(provider)
        for offer in spec.offers:
            intervention = Intervention.objects.filter(provider=provider, name=offer.name).first()
            if intervention is None:
                intervention = Intervention(
                    provider=provider,
                    kind=offer.kind,
                    name=offer.name,
                    unit_cost=Decimal(offer.unit_cost),
                    currency=CURRENCY[spec.country],
                    unit=offer.unit,
                )
                intervention.full_clean()
                intervention.save()
            interventions.append(intervention)
            offers.setdefault((spec.country, offer.kind), []).append((spec.serves, intervention))
    return Catalogue(offers=offers, providers=providers, interventions=interventions)


# Which interventions suit which barriers, per country.
KINDS_FOR_BARRIER = {
    GB: {
        "confidence": [K.CONFIDENCE_WORKSHOP, K.VR_INTERVIEW_PRACTICE],
        "long_absence": [K.CONFIDENCE_WORKSHOP, K.VR_INTERVIEW_PRACTICE],
        "mental_health": [K.CONFIDENCE_WORKSHOP, K.VR_INTERVIEW_PRACTICE],
        "childcare": [K.CHILDCARE_SUPPORT],
        "digital": [K.COMPUTER_SKILLS],
        "skills": [K.ACCREDITED_TRAINING, K.COMPUTER_SKILLS],
        "language": [K.COMPUTER_SKILLS],
        "health": [K.PHYSIOTHERAPY],
        "disability": [K.VR_INTERVIEW_PRACTICE],
    },
    DK: {
        "social": [K.SOCIAL_MENTOR],
        "substance_use": [K.SOCIAL_MENTOR],
        "caring": [K.SOCIAL_MENTOR],
        "debt": [K.SOCIAL_MENTOR],
        "housing": [K.HOUSING_SUPPORT],
        "health": [K.HEALTH_BARRIER_ASSESSMENT, K.PHYSIOTHERAPY],
        "mental_health": [K.HEALTH_BARRIER_ASSESSMENT, K.SOCIAL_MENTOR],
        "disability": [K.HEALTH_BARRIER_ASSESSMENT],
        "skills": [K.VOCATIONAL_TRAINING],
        "language": [K.VOCATIONAL_TRAINING],
        "confidence": [K.INTERNSHIP],
        "long_absence": [K.INTERNSHIP],
    },
    IR: {
        "skills": [K.VOCATIONAL_TRAINING],
        "disability": [K.VOCATIONAL_TRAINING, K.PHYSIOTHERAPY],
        "health": [K.PHYSIOTHERAPY],
        "confidence": [K.CONFIDENCE_WORKSHOP],
        "mental_health": [K.CONFIDENCE_WORKSHOP],
        "digital": [K.COMPUTER_SKILLS],
        "long_absence": [K.INTERNSHIP],
        "social": [K.CONFIDENCE_WORKSHOP],
    },
}
# Offered to many whatever their barriers: the programme's core tools.
COMMON_KINDS = {
    GB: [K.VR_INTERVIEW_PRACTICE, K.CONFIDENCE_WORKSHOP],
    DK: [K.INTERNSHIP, K.SOCIAL_MENTOR],
    IR: [K.VOCATIONAL_TRAINING, K.INTERNSHIP],
}
# How many sessions a finished one takes, by kind (weeks for placements and support).
SESSIONS = {
    K.VR_INTERVIEW_PRACTICE: (2, 4),
    K.CONFIDENCE_WORKSHOP: (4, 4),
    K.CHILDCARE_SUPPORT: (4, 8),
    K.COMPUTER_SKILLS: (5, 8),
    K.ACCREDITED_TRAINING: (1, 5),
    K.PHYSIOTHERAPY: (4, 8),
    K.SOCIAL_MENTOR: (5, 10),
    K.INTERNSHIP: (4, 8),
    K.HOUSING_SUPPORT: (4, 8),
    K.HEALTH_BARRIER_ASSESSMENT: (2, 3),
    K.VOCATIONAL_TRAINING: (4, 8),
    K.OTHER: (4, 6),
}


def kinds_for(rng: random.Random, country: str, barriers: list[str], wanted: int) -> list[str]:
    """Up to `wanted` different kinds that suit the person, their main barrier first."""
    suited = [kind for barrier in barriers for kind in KINDS_FOR_BARRIER[country].get(barrier, [])]
    suited += rng.sample(COMMON_KINDS[country], len(COMMON_KINDS[country]))
    return list(dict.fromkeys(suited))[:wanted]


def session_days(
    rng: random.Random,
    first: datetime.date,
    count: int,
    until: datetime.date,
    days_off: set[int],
) -> list[datetime.date]:
    """Weekly sessions from `first`, on working days, none after `until`."""
    days = []
    day = first
    for _index in range(count):
        while day.weekday() in days_off:
            day += datetime.timedelta(days=1)
        if day > until:
            break
        days.append(day)
        day += datetime.timedelta(days=rng.choice([7, 7, 7, 6, 8]))
    return days
