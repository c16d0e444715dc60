"""Synthetic people: names, dates of birth, phones, national identifiers and circumstances.

Every identifier and phone number is checked with the same functions that check real input,
so the demo never holds a value the application itself would refuse.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import ValidationError

from tandem.core.identifiers import IdentifierKind, validate_identifier
from tandem.demo import content, names
from tandem.participants.models import Barrier, BenefitSituation
from tandem.participants.services import normalise_phone

GB, DK, IR = content.GB, content.DK, content.IR

# How often each barrier is the main one, per country: the Iranian programme is for people
# with disabilities; the Danish target group has more social and substance-use problems.
PRIMARY_BARRIERS = {
    GB: {
        "mental_health": 30,
        "health": 22,
        "disability": 10,
        "long_absence": 8,
        "confidence": 6,
        "childcare": 6,
        "substance_use": 4,
        "skills": 4,
        "caring": 3,
        "social": 3,
        "housing": 2,
        "debt": 2,
    },
    DK: {
        "mental_health": 25,
        "health": 20,
        "social": 12,
        "long_absence": 10,
        "substance_use": 7,
        "skills": 6,
        "disability": 5,
        "housing": 4,
        "confidence": 3,
        "debt": 3,
    },
    IR: {
        "disability": 55,
        "mental_health": 10,
        "health": 10,
        "social": 8,
        "skills": 8,
        "long_absence": 5,
        "substance_use": 4,
    },
}
SECONDARY_BARRIERS = [
    "confidence",
    "long_absence",
    "digital",
    "skills",
    "debt",
    "transport",
    "housing",
    "social",
    "caring",
]
CLINICAL_BARRIERS = ("mental_health", "health", "disability")
ASCII_FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "å": "a", "ł": "l"})


class Condition(NamedTuple):
    description: str
    is_disability: bool
    kind: str  # the clinical barrier it explains: health, mental_health or disability


@dataclass
class Person:
    country: str
    given_name: str
    family_name: str
    date_of_birth: datetime.date
    phone: str  # as the referrer typed it
    email: str = ""
    identifier_kind: str = ""
    identifier: str = ""
    preferred_language: str = ""
    interpreter_needed: bool = False
    barriers: list[str] = field(default_factory=list)
    barriers_note: str = ""
    benefit_situation: str = BenefitSituation.NONE
    match_group: int | None = None
    dependent_children: int = 0
    childcare_needed: bool = False
    months_out: int = 6
    conditions: list[Condition] = field(default_factory=list)

    def has_condition(self, description: str) -> bool:
        return any(condition.description == description for condition in self.conditions)

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def primary_barrier(self) -> str:
        return self.barriers[0] if self.barriers else "long_absence"

    def assessment(self) -> dict:
        """What the specialist records at the first assessment (participant_update data)."""
        return {
            "given_name": self.given_name,
            "family_name": self.family_name,
            "email": self.email,
            "preferred_language": self.preferred_language,
            "interpreter_needed": self.interpreter_needed,
            "identifier_kind": self.identifier_kind,
            "identifier": self.identifier,
            "barriers": self.barriers,
            "barriers_note": self.barriers_note,
            "benefit_situation": self.benefit_situation,
            "match_group": self.match_group,
            "dependent_children": self.dependent_children,
            "childcare_needed": self.childcare_needed,
        }


class PersonMaker:
    """Makes people for one load; never repeats a name, identifier or phone number."""

    def __init__(self, rng: random.Random, today: datetime.date) -> None:
        self.rng = rng
        self.today = today
        self.used_names: set[str] = set()
        self.used_identifiers: set[str] = set()
        self.used_phones: set[str] = set()

    # Identity -----------------------------------------------------------------------------

    def _date_of_birth(self) -> datetime.date:
        age = self.rng.choices(
            [self.rng.randint(18, 24), self.rng.randint(25, 44), self.rng.randint(45, 64)],
            weights=[2, 5, 4],
        )[0]
        birthday = self.today - datetime.timedelta(days=365.25 * age)
        return birthday - datetime.timedelta(days=self.rng.randint(1, 360))

    def _unique_name(self, pick) -> tuple[str, str]:
        for _attempt in range(200):
            given, family = pick()
            if f"{given} {family}" not in self.used_names:
                self.used_names.add(f"{given} {family}")
                return given, family
        raise RuntimeError("Ran out of distinct demo names.")

    def _unique_phone(self, pick, country: str) -> str:
        for _attempt in range(200):
            typed = pick()
            try:
                stored = normalise_phone(typed, country_code=country)
            except ValidationError:
                continue  # not every prefix in the range is in use: draw again
            if stored not in self.used_phones:
                self.used_phones.add(stored)
                return typed
        raise RuntimeError("Ran out of distinct demo phone numbers.")

    def _identifier(self, kind: str, make) -> str:
        while True:
            number = make()
            if number is None or number in self.used_identifiers:
                continue
            # The generator is meant to be right; this proves it against the real rule.
            validate_identifier(kind, number)
            self.used_identifiers.add(number)
            return number

    def _nhs_number(self) -> str | None:
        # 999 is the range NHS England keeps for testing: no real patient has one.
        first_nine = "999" + "".join(str(self.rng.randint(0, 9)) for _ in range(6))
        total = sum(int(digit) * (10 - position) for position, digit in enumerate(first_nine))
        check = 11 - total % 11
        if check == 10:
            return None  # no valid check digit: draw again
        return first_nine + str(0 if check == 11 else check)

    def _cpr_number(self, born: datetime.date, female: bool) -> str:
        # The seventh digit tells the century: 0-3 for 1900-1999, 4 for 2000-2036.
        century_digit = self.rng.randint(0, 3) if born.year < 2000 else 4
        last = self.rng.randrange(0, 10, 2) if female else self.rng.randrange(1, 10, 2)
        middle = f"{self.rng.randint(0, 99):02d}"
        return f"{born:%d%m%y}{century_digit}{middle}{last}"

    def _iranian_code(self) -> str:
        # Mashhad's issuing codes start 092-094.
        first_nine = self.rng.choice(["092", "093", "094"]) + "".join(
            str(self.rng.randint(0, 9)) for _ in range(6)
        )
        total = sum(int(digit) * (10 - position) for position, digit in enumerate(first_nine))
        remainder = total % 11
        return first_nine + str(remainder if remainder < 2 else 11 - remainder)

    def _danish_mobile(self) -> str:
        digits = [self.rng.randint(0, 9) for _ in range(7)]
        return "2{} {}{} {}{} {}{}".format(*digits)

    def _email(self, given: str, family: str) -> str:
        local = f"{given}.{family}".lower().translate(ASCII_FOLD)
        local = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode()
        local = "".join(ch for ch in local if ch.isalnum() or ch == ".")
        return f"{local}{self.rng.randint(1, 99)}@example.com"

    # Circumstances ------------------------------------------------------------------------

    def _barriers(self, person: Person, extra: list[str]) -> None:
        rng = self.rng
        weights = PRIMARY_BARRIERS[person.country]
        primary = rng.choices(list(weights), weights=list(weights.values()))[0]
        chosen = [primary, *extra]
        for barrier in rng.sample(SECONDARY_BARRIERS, rng.choice([0, 1, 1, 2, 2, 3])):
            if barrier not in chosen:
                chosen.append(barrier)
        if person.dependent_children and rng.random() < 0.4 and "childcare" not in chosen:
            chosen.append("childcare")
        person.barriers = [barrier for barrier in chosen if barrier in Barrier.values]
        # The condition behind a clinical barrier, in the person's words about it; now and
        # then a second one that nobody mentioned at referral.
        catalogue = content.HEALTH_CONDITIONS[person.country]
        words = content.BARRIER_OWN_WORDS[person.country]
        if primary in CLINICAL_BARRIERS:
            description, said = rng.choice(catalogue[primary])
            person.conditions.append(Condition(description, primary == "disability", primary))
        else:
            said = rng.choice(words[primary])
        if len(chosen) > 1 and rng.random() < 0.6:
            said += " " + rng.choice(words[chosen[1]])
        person.barriers_note = said
        if rng.random() < 0.25:
            kind = rng.choice(CLINICAL_BARRIERS)
            description, _said = rng.choice(catalogue[kind])
            if not person.has_condition(description):
                person.conditions.append(Condition(description, kind == "disability", kind))
        person.months_out = rng.choice([3, 5, 8, 11, 14, 18, 26, 40])

    def _family(self, person: Person) -> None:
        person.dependent_children = self.rng.choices([0, 1, 2, 3, 4], weights=[45, 22, 20, 9, 4])[0]
        person.childcare_needed = person.dependent_children > 0 and self.rng.random() < 0.35

    # One person per country ---------------------------------------------------------------

    def uk(self, phone_prefix: str) -> Person:
        rng = self.rng
        female = rng.random() < 0.52
        extra: list[str] = []
        language, interpreter = "English", False
        if rng.random() < 0.07:
            given_list = names.UK_POLISH_FEMALE if female else names.UK_POLISH_MALE
            family_list = names.UK_POLISH_FAMILY_FEMALE if female else names.UK_POLISH_FAMILY_MALE
            language, interpreter = "Polish", rng.random() < 0.5
        else:
            given_list = names.UK_GIVEN_FEMALE if female else names.UK_GIVEN_MALE
            family_list = names.UK_FAMILY
        given, family = self._unique_name(lambda: (rng.choice(given_list), rng.choice(family_list)))
        if family in ("Khan", "Ahmed", "Hussain", "Ali") and rng.random() < 0.4:
            language, interpreter = rng.choice(["Urdu", "Bengali", "Punjabi"]), rng.random() < 0.5
        if interpreter:
            extra.append("language")
        person = Person(
            country=GB,
            given_name=given,
            family_name=family,
            date_of_birth=self._date_of_birth(),
            phone=self._unique_phone(lambda: f"{phone_prefix}{rng.randint(0, 999):03d}", GB),
            preferred_language=language,
            interpreter_needed=interpreter,
        )
        if rng.random() < 0.45:
            person.email = self._email(given, family)
        person.identifier_kind = IdentifierKind.NHS
        person.identifier = self._identifier(IdentifierKind.NHS, self._nhs_number)
        self._family(person)
        self._barriers(person, extra)
        signs = rng.random() < 0.5
        if signs and person.has_condition("Hearing impairment"):
            person.preferred_language, person.interpreter_needed = "British Sign Language", True
        person.benefit_situation = rng.choices(
            [
                BenefitSituation.UNIVERSAL_CREDIT,
                BenefitSituation.ESA,
                BenefitSituation.IN_WORK_AT_RISK,
            ],
            weights=[65, 20, 15],
        )[0]
        return person

    def dk(self, municipality: str) -> Person:
        rng = self.rng
        female = rng.random() < 0.5
        extra: list[str] = []
        language, interpreter = "Dansk", False
        if rng.random() < 0.14:
            females, males, families, language = rng.choice(names.DK_IMMIGRANT)
            interpreter = rng.random() < 0.7
            extra.append("language")
            given, family = self._unique_name(
                lambda: (rng.choice(females if female else males), rng.choice(families))
            )
        else:
            given_list = names.DK_GIVEN_FEMALE if female else names.DK_GIVEN_MALE

            def pick() -> tuple[str, str]:
                family = rng.choice(names.DK_FAMILY)
                if rng.random() < 0.3:
                    family = f"{rng.choice(names.DK_MIDDLE)} {family}"
                return rng.choice(given_list), family

            given, family = self._unique_name(pick)
        born = self._date_of_birth()
        person = Person(
            country=DK,
            given_name=given,
            family_name=family,
            date_of_birth=born,
            phone=self._unique_phone(self._danish_mobile, DK),
            preferred_language=language,
            interpreter_needed=interpreter,
        )
        if rng.random() < 0.4:
            person.email = self._email(given, family)
        person.identifier_kind = IdentifierKind.CPR
        person.identifier = self._identifier(
            IdentifierKind.CPR, lambda: self._cpr_number(born, female)
        )
        self._family(person)
        self._barriers(person, extra)
        if municipality == "koge":
            # The Køge team re-reviews cash-benefit recipients who are not job-ready.
            person.benefit_situation, person.match_group = BenefitSituation.KONTANTHJAELP, 3
        else:
            person.benefit_situation = rng.choice(
                [
                    BenefitSituation.KONTANTHJAELP,
                    BenefitSituation.RESOURCE_COURSE,
                    BenefitSituation.SICK_LISTED,
                    BenefitSituation.JOB_CLARIFICATION,
                ]
            )
            if person.benefit_situation == BenefitSituation.KONTANTHJAELP:
                person.match_group = rng.choice([2, 3])
        return person

    def ir(self) -> Person:
        rng = self.rng
        female = rng.random() < 0.45
        afghan = rng.random() < 0.06
        if afghan:
            given_list = names.IR_AFGHAN_FEMALE if female else names.IR_AFGHAN_MALE
            family_list = names.IR_AFGHAN_FAMILY
        else:
            given_list = names.IR_GIVEN_FEMALE if female else names.IR_GIVEN_MALE
            family_list = names.IR_FAMILY
        given, family = self._unique_name(lambda: (rng.choice(given_list), rng.choice(family_list)))
        person = Person(
            country=IR,
            given_name=given,
            family_name=family,
            date_of_birth=self._date_of_birth(),
            phone=self._unique_phone(
                lambda: f"0912 {rng.randint(0, 999):03d} {rng.randint(0, 9999):04d}", IR
            ),
            preferred_language="دری" if afghan else "فارسی",
        )
        if not afghan:
            # Afghan residents hold no Iranian national code; the record is kept without one.
            person.identifier_kind = IdentifierKind.IR_NATIONAL_CODE
            person.identifier = self._identifier(
                IdentifierKind.IR_NATIONAL_CODE, self._iranian_code
            )
        self._family(person)
        self._barriers(person, [])
        if person.has_condition("ناشنوایی"):
            person.preferred_language, person.interpreter_needed = "زبان اشاره ایرانی", True
        person.benefit_situation = BenefitSituation.BEHZISTI_CLIENT
        return person
