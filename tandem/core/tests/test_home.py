"""The start page sends each person to where their work is."""

import pytest

from tandem.core.access import Role
from tandem.organisations.models import Organisation
from tandem.testing.factories import OrganisationFactory, staff


@pytest.mark.parametrize(
    ("role", "kind", "destination"),
    [
        (Role.SPECIALIST, Organisation.Kind.EMPLOYMENT_PROVIDER, "/referrals/inbox/"),
        (Role.CENTRE_MANAGER, Organisation.Kind.JOB_SUPPORT_CENTRE, "/centres/"),
        (Role.FINANCE_OFFICER, Organisation.Kind.WELFARE_OFFICE, "/finance/"),
        (Role.MONITORING_OFFICER, Organisation.Kind.WELFARE_OFFICE, "/monitoring/"),
        (Role.PROGRAMME_MANAGER, Organisation.Kind.PROGRAMME_AUTHORITY, "/overview/"),
    ],
)
def test_each_role_starts_where_its_work_is(db, login, role, kind, destination):
    user = staff("someone", OrganisationFactory(kind=kind), role)

    response = login(user).get("/")

    assert response.status_code == 302
    assert response["Location"] == destination
