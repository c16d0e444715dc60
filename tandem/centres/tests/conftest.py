"""An Iranian world for the centres: a province with two counties and its welfare office, a
second province with its own office, two centres with their managers, and the people who must
see nothing."""

from dataclasses import dataclass

import pytest

from tandem.centres.models import Centre
from tandem.centres.tests import factories as f
from tandem.core.access import Role
from tandem.organisations.models import Organisation, Region, User
from tandem.testing.factories import OrganisationFactory, RegionFactory, staff


@dataclass
class CentresWorld:
    province: Region
    mashhad: Region
    neyshabur: Region
    office: Organisation
    centre_a: Centre
    centre_b: Centre
    manager_a: User
    manager_b: User
    monitor: User
    monitor_elsewhere: User
    finance: User
    programme_manager: User
    specialist: User


@pytest.fixture
def cw(db) -> CentresWorld:
    iran = RegionFactory(name="Iran", kind=Region.Kind.COUNTRY, country_code="IR")
    province = RegionFactory(name="Khorasan Razavi", parent=iran, country_code="IR")
    mashhad = RegionFactory(
        name="Mashhad", parent=province, kind=Region.Kind.COUNTY, country_code="IR"
    )
    neyshabur = RegionFactory(
        name="Neyshabur", parent=province, kind=Region.Kind.COUNTY, country_code="IR"
    )
    tehran = RegionFactory(name="Tehran", parent=iran, country_code="IR")
    office = OrganisationFactory(
        name="Province welfare office", kind=Organisation.Kind.WELFARE_OFFICE, region=province
    )
    other_office = OrganisationFactory(
        name="Tehran welfare office", kind=Organisation.Kind.WELFARE_OFFICE, region=tehran
    )
    org_a = f.centre_org("Omid centre", mashhad)
    org_b = f.centre_org("Neyshabur centre", neyshabur)
    manager_a = staff("manager_a", org_a, Role.CENTRE_MANAGER)
    manager_b = staff("manager_b", org_b, Role.CENTRE_MANAGER)
    monitor = staff("monitor", office, Role.MONITORING_OFFICER)
    centre_a = f.make_centre(monitor, org_a, mashhad, address="Imam Reza street")
    centre_b = f.make_centre(monitor, org_b, neyshabur)
    return CentresWorld(
        province=province,
        mashhad=mashhad,
        neyshabur=neyshabur,
        office=office,
        centre_a=centre_a,
        centre_b=centre_b,
        manager_a=manager_a,
        manager_b=manager_b,
        monitor=monitor,
        monitor_elsewhere=staff("monitor_tehran", other_office, Role.MONITORING_OFFICER),
        finance=staff("finance", office, Role.FINANCE_OFFICER),
        programme_manager=staff("pm", office, Role.PROGRAMME_MANAGER),
        specialist=staff("specialist", org_a, Role.SPECIALIST),
    )


@pytest.fixture
def licensed(cw) -> CentresWorld:
    """Both centres with a licence in force."""
    f.grant(cw.manager_a, cw.monitor, cw.centre_a)
    f.grant(cw.manager_b, cw.monitor, cw.centre_b)
    return cw
