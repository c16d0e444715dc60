"""A small Khorasan: a province with three counties and one elsewhere, a province office with
two monitoring officers (one narrowed to a county), a county office with its own officer, a
finance officer, a specialist and a programme manager of the programme's owner."""

from dataclasses import dataclass

import pytest

from tandem.core.access import Role
from tandem.monitoring.models import CountyAssignment
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
class Place:
    iran: Region
    khorasan: Region
    mashhad: Region
    neyshabur: Region
    sabzevar: Region
    tehran_county: Region
    office: Organisation
    neyshabur_office: Organisation
    programme: Programme
    officer: User
    narrowed_officer: User
    county_officer: User
    officer_fa: User
    finance_officer: User
    specialist: User
    manager: User
    outsider_manager: User
    participant: Participant


@pytest.fixture
def place(db) -> Place:
    iran = RegionFactory(name="Iran", kind=Region.Kind.COUNTRY, country_code="IR")
    khorasan = RegionFactory(name="Khorasan Razavi", parent=iran, country_code="IR")
    tehran = RegionFactory(name="Tehran", parent=iran, country_code="IR")

    def county(name, parent):
        return RegionFactory(name=name, parent=parent, kind=Region.Kind.COUNTY, country_code="IR")

    mashhad = county("Mashhad", khorasan)
    neyshabur = county("Neyshabur", khorasan)
    sabzevar = county("Sabzevar", khorasan)
    tehran_county = county("Tehran county", tehran)
    office = OrganisationFactory(
        name="Khorasan welfare office",
        kind=Organisation.Kind.WELFARE_OFFICE,
        region=khorasan,
        accepts_referrals=False,
    )
    neyshabur_office = OrganisationFactory(
        name="Neyshabur welfare office",
        kind=Organisation.Kind.WELFARE_OFFICE,
        region=neyshabur,
        accepts_referrals=False,
    )
    centre = OrganisationFactory(name="Mashhad SE centre", region=mashhad)
    elsewhere = OrganisationFactory(
        name="Other authority", kind=Organisation.Kind.PROGRAMME_AUTHORITY, region=iran
    )
    programme = ProgrammeFactory(
        name="Supported employment",
        owner=office,
        delivered_by=[centre],
        country_code="IR",
        currency="IRR",
        calendar="solar_hijri",
    )
    narrowed = staff("monitor_narrowed", office, Role.MONITORING_OFFICER)
    CountyAssignment.objects.create(officer=narrowed, county=sabzevar)
    return Place(
        iran=iran,
        khorasan=khorasan,
        mashhad=mashhad,
        neyshabur=neyshabur,
        sabzevar=sabzevar,
        tehran_county=tehran_county,
        office=office,
        neyshabur_office=neyshabur_office,
        programme=programme,
        officer=staff("monitor", office, Role.MONITORING_OFFICER),
        narrowed_officer=narrowed,
        county_officer=staff("monitor_neyshabur", neyshabur_office, Role.MONITORING_OFFICER),
        officer_fa=staff("monitor_fa", office, Role.MONITORING_OFFICER, language="fa"),
        finance_officer=staff("finance", office, Role.FINANCE_OFFICER),
        specialist=staff("specialist", centre, Role.SPECIALIST),
        manager=staff("manager", office, Role.PROGRAMME_MANAGER),
        outsider_manager=staff("manager_elsewhere", elsewhere, Role.PROGRAMME_MANAGER),
        participant=ParticipantFactory(owning_organisation=centre, full_name="Ali Ahmadi"),
    )
