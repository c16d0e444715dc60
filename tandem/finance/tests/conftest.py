"""A small Behzisti-like world: a province with two counties and a second province, a province
office with three finance officers, a finance officer elsewhere, a centre whose specialist
prepares applications, and budgets for the current Persian year."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from tandem.core.access import Role
from tandem.core.periods import SOLAR_HIJRI, year_of
from tandem.finance.models import Budget
from tandem.finance.tests import factories
from tandem.organisations.models import Organisation, Region, User
from tandem.participants.models import Participant
from tandem.programmes.models import Programme
from tandem.testing.factories import (
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    RegionFactory,
    staff,
)


@dataclass
class FinanceWorld:
    country: Region
    province: Region
    county_a: Region
    county_b: Region
    other_province: Region
    other_county: Region
    office: Organisation
    centre: Organisation
    other_office: Organisation
    other_centre: Organisation
    programme: Programme
    officer_1: User
    officer_2: User
    officer_3: User
    other_officer: User
    specialist: User
    other_specialist: User
    manager: User
    participant: Participant
    other_participant: Participant
    budget_a: Budget
    budget_b: Budget


@pytest.fixture
def fw(db) -> FinanceWorld:
    country = RegionFactory(name="Iran", kind=Region.Kind.COUNTRY, country_code="IR")
    province = RegionFactory(name="Khorasan Razavi", parent=country, country_code="IR")
    county_a = RegionFactory(
        name="Mashhad", parent=province, kind=Region.Kind.COUNTY, country_code="IR"
    )
    county_b = RegionFactory(
        name="Neyshabur", parent=province, kind=Region.Kind.COUNTY, country_code="IR"
    )
    other_province = RegionFactory(name="Isfahan", parent=country, country_code="IR")
    other_county = RegionFactory(
        name="Kashan", parent=other_province, kind=Region.Kind.COUNTY, country_code="IR"
    )
    office = OrganisationFactory(
        name="Welfare office Khorasan", kind=Organisation.Kind.WELFARE_OFFICE, region=province
    )
    other_office = OrganisationFactory(
        name="Welfare office Isfahan", kind=Organisation.Kind.WELFARE_OFFICE, region=other_province
    )
    centre = OrganisationFactory(name="SE centre Mashhad", region=county_a)
    other_centre = OrganisationFactory(name="SE centre Kashan", region=other_county)
    programme = ProgrammeFactory(
        name="Supported employment",
        owner=office,
        delivered_by=[centre, other_centre],
        country_code="IR",
        currency=Programme.Currency.IRR,
        calendar=Programme.Calendar.SOLAR_HIJRI,
    )
    factories.finance_settings(programme)
    year = year_of(SOLAR_HIJRI, timezone.localdate()).key
    budget_a = factories.budget(programme, county_a, Decimal("1000000000"), year)
    budget_b = factories.budget(programme, county_b, Decimal("300000000"), year)
    return FinanceWorld(
        country=country,
        province=province,
        county_a=county_a,
        county_b=county_b,
        other_province=other_province,
        other_county=other_county,
        office=office,
        centre=centre,
        other_office=other_office,
        other_centre=other_centre,
        programme=programme,
        officer_1=staff("officer1", office, Role.FINANCE_OFFICER),
        officer_2=staff("officer2", office, Role.FINANCE_OFFICER),
        officer_3=staff("officer3", office, Role.FINANCE_OFFICER),
        other_officer=staff("officer_isfahan", other_office, Role.FINANCE_OFFICER),
        specialist=staff("coach", centre, Role.SPECIALIST),
        other_specialist=staff("coach_kashan", other_centre, Role.SPECIALIST),
        manager=staff("manager_ir", office, Role.PROGRAMME_MANAGER),
        participant=ParticipantFactory(owning_organisation=centre, full_name="Maryam Ahmadi"),
        other_participant=ParticipantFactory(
            owning_organisation=other_centre, full_name="Hossein Karimi"
        ),
        budget_a=budget_a,
        budget_b=budget_b,
    )


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()
