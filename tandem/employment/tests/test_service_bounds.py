"""The services refuse inconsistent records on their own, whichever page or API calls them."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tandem.employment import services
from tandem.employment.models import Employer, JobPreferences, Placement, Vacancy
from tandem.organisations.models import Region
from tandem.testing.factories import RegionFactory

from .test_placement_pages import make_employer, make_enrolment, today


@pytest.fixture
def denmark(db):
    return RegionFactory(name="Danmark", kind=Region.Kind.COUNTRY, country_code="DK")


def test_an_employer_in_another_country_is_refused(world, denmark):
    with pytest.raises(ValidationError) as refused:
        services.employer_create(
            actor=world.specialist_a,
            organisation=world.provider_a,
            data={"name": "Køge Havn", "region": denmark},
        )

    assert "region" in refused.value.message_dict
    assert not Employer.objects.exists()


def test_a_vacancy_in_a_currency_no_programme_uses_is_refused(world):
    employer = make_employer(world)

    with pytest.raises(ValidationError) as refused:
        services.vacancy_create(
            actor=world.specialist_a,
            employer=employer,
            data={
                "title": "Cook",
                "occupation": "5120",
                "hours_per_week": Decimal(20),
                "currency": "USD",
            },
        )

    assert "currency" in refused.value.message_dict
    assert not Vacancy.objects.exists()


def test_a_home_area_in_another_country_is_refused(world, denmark):
    with pytest.raises(ValidationError) as refused:
        services.job_preferences_set(
            actor=world.specialist_a,
            participant=world.participant,
            data={"home_region": denmark},
        )

    assert "home_region" in refused.value.message_dict
    assert not JobPreferences.objects.exists()


def test_a_job_with_another_organisations_employer_is_refused(world):
    theirs = services.employer_create(
        actor=world.specialist_b,
        organisation=world.provider_b,
        data={"name": "Carlisle Foods", "region": world.provider_b.region},
    )

    with pytest.raises(ValidationError) as refused:
        services.placement_start(
            actor=world.specialist_a,
            enrolment=make_enrolment(world),
            kind=Placement.Kind.EMPLOYED,
            job_title="Packer",
            started_on=today() - datetime.timedelta(days=3),
            hours_per_week=Decimal(20),
            employer=theirs,
        )

    assert "employer" in refused.value.message_dict
    assert not Placement.objects.exists()
