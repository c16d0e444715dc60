"""The places, organisations, sites, programmes and staff of the three demo programmes.

Everything here is created by get-or-create on its natural key, so running it again changes
nothing, and a record someone already made by hand with the same name is reused, not doubled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db.models import Model

from tandem.core.access import Role
from tandem.demo import content
from tandem.organisations.models import Membership, Organisation, Region, Site, User
from tandem.programmes.models import Programme

Kind = Organisation.Kind
SiteKind = Site.Kind


@dataclass(frozen=True)
class UkArea:
    key: str
    name: str
    town: str
    # An Ofcom range reserved for drama: valid numbers that reach nobody.
    phone_prefix: str
    practices: tuple[tuple[str, str], ...]  # (practice, its surgery)
    specialist: tuple[str, str]  # (username, full name) of the area's employment specialist


UK_AREAS = (
    UkArea(
        "north_east",
        "North East",
        "Newcastle",
        "0191 498 0",
        (
            ("Riverside Medical Practice", "Riverside Surgery, Newcastle"),
            ("Elswick Family Practice", "Elswick Family Practice, Newcastle"),
            ("Wallsend Green Surgery", "Wallsend Green Surgery, North Tyneside"),
        ),
        ("advisor.northeast", "Sarah Robson"),
    ),
    UkArea(
        "south_midlands",
        "South Midlands",
        "Northampton",
        "0116 496 0",
        (
            ("Nene Valley Medical Centre", "Nene Valley Medical Centre, Northampton"),
            ("Ouse Bridge Surgery", "Ouse Bridge Surgery, Bedford"),
            ("Kingsmead Health Centre", "Kingsmead Health Centre, Milton Keynes"),
        ),
        ("aisha.patel", "Aisha Patel"),
    ),
    UkArea(
        "devon",
        "Devon, Plymouth and Torbay",
        "Plymouth",
        "0117 496 0",
        (
            ("Tamar View Surgery", "Tamar View Surgery, Plymouth"),
            ("Harbourside Medical Practice", "Harbourside Medical Practice, Torquay"),
        ),
        ("jack.trewin", "Jack Trewin"),
    ),
    UkArea(
        "west_sussex",
        "West Sussex and Brighton",
        "Brighton",
        "020 7946 0",
        (
            ("Seafront Medical Centre", "Seafront Medical Centre, Brighton"),
            ("Arun Valley Surgery", "Arun Valley Surgery, Littlehampton"),
        ),
        ("sophie.bennett", "Sophie Bennett"),
    ),
    UkArea(
        "cumbria",
        "Cumbria",
        "Carlisle",
        "0151 496 0",
        (
            ("Eden Valley Practice", "Eden Valley Practice, Penrith"),
            ("Furness Health Centre", "Furness Health Centre, Barrow-in-Furness"),
        ),
        ("advisor.cumbria", "Tom Atkinson"),
    ),
    UkArea(
        "berkshire",
        "Berkshire",
        "Reading",
        "0118 496 0",
        (("Kennet Medical Practice", "Kennet Medical Practice, Reading"),),
        ("nadia.hussain", "Nadia Hussain"),
    ),
    UkArea(
        "oxfordshire",
        "Oxfordshire",
        "Oxford",
        "0118 496 0",
        (
            ("Cherwell Surgery", "Cherwell Surgery, Banbury"),
            ("Isis Medical Centre", "Isis Medical Centre, Oxford"),
        ),
        ("oliver.grant", "Oliver Grant"),
    ),
    UkArea(
        "york",
        "York and North Yorkshire",
        "York",
        "0113 496 0",
        (
            ("Minster Medical Practice", "Minster Medical Practice, York"),
            ("Dales Surgery", "Dales Surgery, Skipton"),
        ),
        ("emily.dawson", "Emily Dawson"),
    ),
    UkArea(
        "buckinghamshire",
        "Buckinghamshire",
        "High Wycombe",
        "020 7946 0",
        (("Chiltern Vale Surgery", "Chiltern Vale Surgery, High Wycombe"),),
        ("rachel.fox", "Rachel Fox"),
    ),
)

IR_COUNTIES = (
    "مشهد",
    "نیشابور",
    "سبزوار",
    "تربت حیدریه",
    "قوچان",
    "کاشمر",
    "تربت جام",
    "گناباد",
    "چناران",
    "فریمان",
)

DWP = "Department for Work and Pensions"
NE_TRUST = "Tyne and Wear NHS Foundation Trust"
NE_MENTAL_HEALTH_TEAM = "Community Mental Health Team, Newcastle East"
NE_COUNCIL = "Newcastle City Council"
NE_COMMUNITY = "Tyneside Community Hub"
JOBCENTER_KOGE = "Jobcenter Køge"
KOGE_SOCIAL_HEALTH = "Køge Kommune \N{EN DASH} Social og Sundhed"
KOGE_HOSPITAL = "Sjællands Universitetshospital, Arbejdsmedicinsk Afdeling"
KOGE_HOSPITAL_SITE = "Arbejdsmedicinsk Afdeling, Køge"
JOBCENTER_BALLERUP = "Jobcenter Ballerup"
BALLERUP_HEALTH = "Ballerup Kommune \N{EN DASH} Sundhedscenter"
IR_PROVINCE_OFFICE = "اداره کل بهزیستی خراسان رضوی"
IR_SE_CENTRE = "مرکز اشتغال حمایت‌شده مشهد"
IR_JOB_SUPPORT_CENTRES = (
    "مرکز حمایت شغلی امید مشهد",
    "مرکز حمایت شغلی آینده‌سازان توس",
    "مرکز حمایت شغلی مهر رضوی",
)
IR_NEYSHABUR_OFFICE = "اداره بهزیستی شهرستان نیشابور"

CONNECT_TO_WORK = "Connect to Work"
KOGE_PROGRAMME = "Tværfagligt team \N{EN DASH} matchgruppe 3"
BALLERUP_PROGRAMME = "Sundhedssamtaler"
IR_PROGRAMME = "اشتغال حمایت‌شده"


def provider_name(area: UkArea) -> str:
    return f"Connect to Work {area.name}"


@dataclass(frozen=True)
class StaffSpec:
    username: str
    full_name: str
    organisation: str
    role: str
    language: str = "en"
    site: tuple[str, str] | None = None  # (organisation, site name)


@dataclass(frozen=True)
class LoginSpec(StaffSpec):
    superuser: bool = False


# The demo logins, exactly as the README and the login page describe them.
LOGINS = (
    LoginSpec(
        "advisor.northeast",
        "Sarah Robson",
        "Connect to Work North East",
        Role.SPECIALIST,
        site=("Riverside Medical Practice", "Riverside Surgery, Newcastle"),
    ),
    LoginSpec(
        "clinician.northeast",
        "Helen Armstrong",
        NE_TRUST,
        Role.CLINICIAN,
        site=(NE_TRUST, NE_MENTAL_HEALTH_TEAM),
    ),
    LoginSpec("advisor.cumbria", "Tom Atkinson", "Connect to Work Cumbria", Role.SPECIALIST),
    LoginSpec("referrer.gp", "Karen Lowes", "Riverside Medical Practice", Role.REFERRER),
    LoginSpec(
        "caseworker.koge", "Mette Kjær Andersen", JOBCENTER_KOGE, Role.SPECIALIST, language="da"
    ),
    LoginSpec(
        "physician.koge",
        "Lars Bøgh Sørensen",
        KOGE_HOSPITAL,
        Role.CLINICIAN,
        language="da",
        site=(KOGE_HOSPITAL, KOGE_HOSPITAL_SITE),
    ),
    LoginSpec("coach.mashhad", "مریم حسینی", IR_SE_CENTRE, Role.SPECIALIST, language="fa"),
    LoginSpec(
        "finance.khorasan", "رضا کریمی", IR_PROVINCE_OFFICE, Role.FINANCE_OFFICER, language="fa"
    ),
    LoginSpec(
        "monitor.khorasan", "زهرا رضایی", IR_PROVINCE_OFFICE, Role.MONITORING_OFFICER, language="fa"
    ),
    LoginSpec(
        "centre.mashhad",
        "علی محمدی",
        IR_JOB_SUPPORT_CENTRES[0],
        Role.CENTRE_MANAGER,
        language="fa",
    ),
    LoginSpec("manager.national", "James Whitfield", DWP, Role.PROGRAMME_MANAGER),
    LoginSpec("admin", "Alex Murray", DWP, Role.ADMINISTRATOR, superuser=True),
)

# Staff who appear on case teams and in notes but have no demo login.
STAFF = (
    StaffSpec("gemma.charlton", "Gemma Charlton", "Connect to Work North East", Role.SPECIALIST),
    StaffSpec("paul.dodds", "Paul Dodds", "Connect to Work North East", Role.TEAM_LEAD),
    StaffSpec(
        "ravi.menon", "Ravi Menon", NE_TRUST, Role.CLINICIAN, site=(NE_TRUST, NE_MENTAL_HEALTH_TEAM)
    ),
    StaffSpec("joanne.milburn", "Joanne Milburn", NE_COUNCIL, Role.SOCIAL_WORKER),
    StaffSpec("kieran.walsh", "Kieran Walsh", NE_COMMUNITY, Role.REFERRER),
    *(
        StaffSpec(area.specialist[0], area.specialist[1], provider_name(area), Role.SPECIALIST)
        for area in UK_AREAS
        if area.specialist[0] not in ("advisor.northeast", "advisor.cumbria")
    ),
    StaffSpec("jesper.holm", "Jesper Holm Nielsen", JOBCENTER_KOGE, Role.SPECIALIST, "da"),
    StaffSpec("hanne.lindberg", "Hanne Lindberg", JOBCENTER_KOGE, Role.TEAM_LEAD, "da"),
    StaffSpec("trine.dahl", "Trine Dahl", JOBCENTER_KOGE, Role.SOCIAL_WORKER, "da"),
    StaffSpec("anders.friis", "Anders Friis", KOGE_SOCIAL_HEALTH, Role.SOCIAL_WORKER, "da"),
    StaffSpec("lone.bech", "Lone Bech", KOGE_SOCIAL_HEALTH, Role.CLINICIAN, "da"),
    StaffSpec("camilla.thomsen", "Camilla Thomsen", JOBCENTER_BALLERUP, Role.SPECIALIST, "da"),
    StaffSpec("rikke.lund", "Rikke Lund", JOBCENTER_BALLERUP, Role.SOCIAL_WORKER, "da"),
    StaffSpec("susanne.moller", "Susanne Møller", BALLERUP_HEALTH, Role.CLINICIAN, "da"),
    StaffSpec("hassan.tousi", "حسن طوسی", IR_PROVINCE_OFFICE, Role.MONITORING_OFFICER, "fa"),
    StaffSpec("zeynab.mousavi", "زینب موسوی", IR_PROVINCE_OFFICE, Role.REFERRER, "fa"),
    StaffSpec("amir.rezaei", "امیر رضایی", IR_SE_CENTRE, Role.SPECIALIST, "fa"),
    StaffSpec("fatemeh.karimi", "فاطمه کریمی", IR_SE_CENTRE, Role.SOCIAL_WORKER, "fa"),
    StaffSpec("elham.nowruzi", "الهام نوروزی", IR_SE_CENTRE, Role.CLINICIAN, "fa"),
    StaffSpec("mahmoud.sadeghi", "محمود صادقی", IR_SE_CENTRE, Role.CENTRE_MANAGER, "fa"),
    StaffSpec("reza.jafari", "رضا جعفری", IR_JOB_SUPPORT_CENTRES[0], Role.CENTRE_MANAGER, "fa"),
    StaffSpec("somayeh.abbasi", "سمیه عباسی", IR_JOB_SUPPORT_CENTRES[0], Role.SPECIALIST, "fa"),
    StaffSpec("majid.kazemi", "مجید کاظمی", IR_JOB_SUPPORT_CENTRES[1], Role.CENTRE_MANAGER, "fa"),
    StaffSpec("narges.heydari", "نرگس حیدری", IR_JOB_SUPPORT_CENTRES[1], Role.SPECIALIST, "fa"),
    StaffSpec("hamid.sharifi", "حمید شریفی", IR_JOB_SUPPORT_CENTRES[2], Role.CENTRE_MANAGER, "fa"),
    StaffSpec("leila.bagheri", "لیلا باقری", IR_JOB_SUPPORT_CENTRES[2], Role.SPECIALIST, "fa"),
    StaffSpec("mohsen.ghasemi", "محسن قاسمی", IR_NEYSHABUR_OFFICE, Role.REFERRER, "fa"),
)

# The GP practices' own referrers (practice staff who send referrals), one per practice.
PRACTICE_REFERRERS = {
    "Riverside Medical Practice": "referrer.gp",
    "Elswick Family Practice": ("d.hodgson", "Deborah Hodgson"),
    "Wallsend Green Surgery": ("m.forster", "Mark Forster"),
    "Nene Valley Medical Centre": ("j.owen", "Julie Owen"),
    "Ouse Bridge Surgery": ("s.ahmed", "Shazia Ahmed"),
    "Kingsmead Health Centre": ("p.barnes", "Peter Barnes"),
    "Tamar View Surgery": ("l.penrose", "Lucy Penrose"),
    "Harbourside Medical Practice": ("g.rowe", "Graham Rowe"),
    "Seafront Medical Centre": ("c.mills", "Carly Mills"),
    "Arun Valley Surgery": ("n.osei", "Nana Osei"),
    "Eden Valley Practice": ("r.wilson", "Ruth Wilson"),
    "Furness Health Centre": ("d.postlethwaite", "Dave Postlethwaite"),
    "Kennet Medical Practice": ("a.singh", "Amrit Singh"),
    "Cherwell Surgery": ("h.jennings", "Hannah Jennings"),
    "Isis Medical Centre": ("t.marsh", "Toby Marsh"),
    "Minster Medical Practice": ("k.sutcliffe", "Kath Sutcliffe"),
    "Dales Surgery": ("b.metcalfe", "Brian Metcalfe"),
    "Chiltern Vale Surgery": ("e.king", "Emma King"),
}


def demo_organisation_names() -> list[str]:
    names = [DWP, NE_TRUST, NE_COUNCIL, NE_COMMUNITY]
    for area in UK_AREAS:
        names.append(provider_name(area))
        names.extend(practice for practice, _surgery in area.practices)
    names += [JOBCENTER_KOGE, KOGE_SOCIAL_HEALTH, KOGE_HOSPITAL, JOBCENTER_BALLERUP]
    names += [BALLERUP_HEALTH, IR_PROVINCE_OFFICE, IR_SE_CENTRE, IR_NEYSHABUR_OFFICE]
    return names + list(IR_JOB_SUPPORT_CENTRES)


@dataclass
class World:
    """Handles on what was built, by name, for the people and referrals that follow."""

    regions: dict[str, Region] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    sites: dict[tuple[str, str], Site] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def org(self, name: str) -> Organisation:
        return self.organisations[name]


def _get_or_create(model: type[Model], actor: User | None, lookup: dict, **defaults) -> Model:
    found = model._default_manager.filter(**lookup).order_by("pk").first()
    if found is not None:
        return found
    record = model(**lookup, **defaults)
    # Created outside a request: name the actor in the change history ourselves.
    record._history_user = actor
    record.save()
    return record


def build_places(world: World, actor: User) -> None:
    def region(key, name, kind, parent, code):
        world.regions[key] = _get_or_create(
            Region, actor, {"parent": parent, "name": name}, kind=kind, country_code=code
        )
        return world.regions[key]

    uk = region("GB", "United Kingdom", Region.Kind.COUNTRY, None, "GB")
    for area in UK_AREAS:
        region(area.key, area.name, Region.Kind.REGION, uk, "GB")
    dk = region("DK", "Danmark", Region.Kind.COUNTRY, None, "DK")
    sjaelland = region("sjaelland", "Region Sjælland", Region.Kind.REGION, dk, "DK")
    region("koge", "Køge Kommune", Region.Kind.MUNICIPALITY, sjaelland, "DK")
    hovedstaden = region("hovedstaden", "Region Hovedstaden", Region.Kind.REGION, dk, "DK")
    region("ballerup", "Ballerup Kommune", Region.Kind.MUNICIPALITY, hovedstaden, "DK")
    iran = region("IR", "ایران", Region.Kind.COUNTRY, None, "IR")
    khorasan = region("khorasan", "خراسان رضوی", Region.Kind.REGION, iran, "IR")
    for county in IR_COUNTIES:
        region(county, county, Region.Kind.COUNTY, khorasan, "IR")


def build_organisations(world: World, actor: User) -> None:
    regions = world.regions

    def org(name, kind, region_key, accepts=False, sites=()):
        organisation = _get_or_create(
            Organisation,
            actor,
            {"name": name},
            kind=kind,
            region=regions[region_key],
            accepts_referrals=accepts,
        )
        world.organisations[name] = organisation
        for site_name, site_kind, site_region in sites:
            world.sites[(name, site_name)] = _get_or_create(
                Site,
                actor,
                {"organisation": organisation, "name": site_name},
                kind=site_kind,
                region=regions[site_region or region_key],
            )

    org(DWP, Kind.PROGRAMME_AUTHORITY, "GB", sites=[("DWP, Caxton House", SiteKind.OFFICE, None)])
    for area in UK_AREAS:
        office = (f"{provider_name(area)}, {area.town} office", SiteKind.OFFICE, None)
        org(provider_name(area), Kind.EMPLOYMENT_PROVIDER, area.key, True, [office])
        for practice, surgery in area.practices:
            org(practice, Kind.GP_PRACTICE, area.key, sites=[(surgery, SiteKind.GP_SURGERY, None)])
    org(
        NE_TRUST,
        Kind.HEALTH_TRUST,
        "north_east",
        sites=[(NE_MENTAL_HEALTH_TEAM, SiteKind.MENTAL_HEALTH_TEAM, None)],
    )
    org(NE_COUNCIL, Kind.MUNICIPAL_DEPARTMENT, "north_east")
    org(NE_COMMUNITY, Kind.COMMUNITY_ORGANISATION, "north_east")

    org(JOBCENTER_KOGE, Kind.JOBCENTRE, "koge", True, [(JOBCENTER_KOGE, SiteKind.JOBCENTRE, None)])
    org(
        KOGE_SOCIAL_HEALTH,
        Kind.MUNICIPAL_DEPARTMENT,
        "koge",
        sites=[("Køge Rådhus, Social og Sundhed", SiteKind.OFFICE, None)],
    )
    org(
        KOGE_HOSPITAL,
        Kind.HEALTH_TRUST,
        "sjaelland",
        sites=[(KOGE_HOSPITAL_SITE, SiteKind.HOSPITAL_DEPARTMENT, "koge")],
    )
    org(
        JOBCENTER_BALLERUP,
        Kind.JOBCENTRE,
        "ballerup",
        True,
        [(JOBCENTER_BALLERUP, SiteKind.JOBCENTRE, None)],
    )
    org(
        BALLERUP_HEALTH,
        Kind.MUNICIPAL_DEPARTMENT,
        "ballerup",
        sites=[("Sundhedscenter Ballerup", SiteKind.CENTRE, None)],
    )

    org(
        IR_PROVINCE_OFFICE,
        Kind.WELFARE_OFFICE,
        "khorasan",
        sites=[("ستاد اداره کل بهزیستی، مشهد", SiteKind.OFFICE, "مشهد")],
    )
    org(
        IR_SE_CENTRE,
        Kind.EMPLOYMENT_PROVIDER,
        "مشهد",
        True,
        [(IR_SE_CENTRE, SiteKind.CENTRE, None)],
    )
    for centre in IR_JOB_SUPPORT_CENTRES:
        org(centre, Kind.JOB_SUPPORT_CENTRE, "مشهد", True, [(centre, SiteKind.CENTRE, None)])
    org(
        IR_NEYSHABUR_OFFICE,
        Kind.WELFARE_OFFICE,
        "نیشابور",
        sites=[(IR_NEYSHABUR_OFFICE, SiteKind.OFFICE, None)],
    )


def build_programmes(world: World) -> None:
    # What counts as a job outcome on each programme, and Behzisti's year of follow-up.
    outcome_definitions = {
        "connect_to_work": {
            "job_outcome_min_hours": Decimal(16),
            "outcome_counts_self_employment": True,
            "outcome_counts_apprenticeship": True,
        },
        "koge": {"job_outcome_min_hours": Decimal(15)},
        "ballerup": {"job_outcome_min_hours": Decimal(15)},
        "mashhad": {
            "job_outcome_min_hours": Decimal(20),
            "outcome_counts_self_employment": True,
            "outcome_counts_apprenticeship": False,
            "follow_up_every_weeks": 4,
            "follow_up_for_weeks": 52,
        },
    }

    def programme(key, name, owner, delivered_by, code, currency, calendar, eligibility):
        outcome = outcome_definitions[key]
        found = _get_or_create(
            Programme,
            None,
            {"name": name, "owner": world.org(owner)},
            country_code=code,
            currency=currency,
            calendar=calendar,
            eligibility=eligibility,
            **outcome,
        )
        # A demo loaded before the outcome definitions existed gets them too.
        if any(getattr(found, field) != value for field, value in outcome.items()):
            Programme.objects.filter(pk=found.pk).update(**outcome)
            found.refresh_from_db()
        found.delivered_by.add(*(world.org(name) for name in delivered_by))
        world.programmes[key] = found

    Currency, Calendar = Programme.Currency, Programme.Calendar
    programme(
        "connect_to_work",
        CONNECT_TO_WORK,
        DWP,
        [provider_name(area) for area in UK_AREAS],
        "GB",
        Currency.GBP,
        Calendar.GREGORIAN,
        content.ELIGIBILITY["connect_to_work"],
    )
    programme(
        "koge",
        KOGE_PROGRAMME,
        JOBCENTER_KOGE,
        [JOBCENTER_KOGE],
        "DK",
        Currency.DKK,
        Calendar.GREGORIAN,
        content.ELIGIBILITY["koge"],
    )
    programme(
        "ballerup",
        BALLERUP_PROGRAMME,
        JOBCENTER_BALLERUP,
        [JOBCENTER_BALLERUP],
        "DK",
        Currency.DKK,
        Calendar.GREGORIAN,
        content.ELIGIBILITY["ballerup"],
    )
    programme(
        "mashhad",
        IR_PROGRAMME,
        IR_PROVINCE_OFFICE,
        [IR_SE_CENTRE, *IR_JOB_SUPPORT_CENTRES],
        "IR",
        Currency.IRR,
        Calendar.SOLAR_HIJRI,
        content.ELIGIBILITY["mashhad"],
    )


def _membership(user: User, spec: StaffSpec, actor: User | None) -> Membership:
    organisation = Organisation.objects.filter(name=spec.organisation).order_by("pk").first()
    if organisation is None:
        raise LookupError(f"The demo organisation {spec.organisation!r} is missing.")
    site = None
    if spec.site:
        site = (
            Site.objects.filter(organisation__name=spec.site[0], name=spec.site[1])
            .order_by("pk")
            .first()
        )
    membership = _get_or_create(
        Membership,
        actor,
        {"user": user, "organisation": organisation, "role": spec.role},
        site=site,
    )
    if membership.site_id != (site.pk if site else None) or not membership.is_active:
        membership.site, membership.is_active = site, True
        membership._history_user = actor
        membership.save()
    return membership


def admin_user() -> User:
    """The demo administrator, made first so that every later change can name its author."""
    spec = next(login for login in LOGINS if login.superuser)
    user, _created = User.objects.get_or_create(
        username=spec.username,
        defaults={"full_name": spec.full_name, "language": spec.language},
    )
    return user


def ensure_logins(password: str) -> list[tuple[LoginSpec, Membership]]:
    """Every demo login as documented, with the current demo password (set on every run)."""
    actor = admin_user()
    # One hash for all: they share the password anyway, and each hash costs a tenth of a second.
    hashed = make_password(password)
    rows = []
    for spec in LOGINS:
        user, _created = User.objects.get_or_create(username=spec.username)
        user.full_name = spec.full_name
        user.language = spec.language
        user.email = f"{spec.username}@example.org"
        user.is_active = True
        user.is_staff = user.is_superuser = spec.superuser
        user.password = hashed
        user.save()
        rows.append((spec, _membership(user, spec, actor)))
    return rows


def build_staff(world: World, actor: User) -> None:
    specs = list(STAFF)
    for practice, referrer in PRACTICE_REFERRERS.items():
        if isinstance(referrer, tuple):
            specs.append(StaffSpec(referrer[0], referrer[1], practice, Role.REFERRER))
    for spec in specs:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User(username=spec.username, full_name=spec.full_name, language=spec.language)
            user.email = f"{spec.username}@example.org"
            # Staff in the story only: nobody signs in as them.
            user.set_unusable_password()
            user.save()
        _membership(user, spec, actor)
        world.users[spec.username] = user
    for spec in LOGINS:
        world.users[spec.username] = User.objects.get(username=spec.username)
