"""Centres, licences, cohorts and trainees for tests, made through the services."""

import datetime

from django.utils import timezone

from tandem.centres import services
from tandem.centres.models import Centre, Cohort, Licence, Trainee
from tandem.organisations.models import Organisation, Region, User
from tandem.testing.factories import OrganisationFactory, ParticipantFactory

_numbers = iter(range(1000, 100000))


def today() -> datetime.date:
    return timezone.localdate()


def centre_org(name: str, county: Region) -> Organisation:
    return OrganisationFactory(name=name, kind=Organisation.Kind.JOB_SUPPORT_CENTRE, region=county)


def make_centre(actor: User, organisation: Organisation, county: Region, **fields) -> Centre:
    return services.centre_register(actor=actor, organisation=organisation, county=county, **fields)


def apply(actor: User, centre: Centre, applied_on: datetime.date | None = None) -> Licence:
    return services.licence_apply(
        actor=actor,
        centre=centre,
        applicant_name="Applicant",
        premises="Ground floor workshop",
        staff_count=4,
        staff_details="Two trainers, one counsellor, one administrator",
        trades="Tailoring",
        applied_on=applied_on or today() - datetime.timedelta(days=400),
    )


def grant(
    manager: User,
    officer: User,
    centre: Centre,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> Licence:
    licence = apply(manager, centre)
    services.licence_review_start(actor=officer, licence=licence)
    services.licence_inspect(
        actor=officer,
        licence=licence,
        inspected_on=licence.applied_on,
        inspector="Inspector",
        findings="Fit for purpose",
    )
    return services.licence_grant(
        actor=officer,
        licence=licence,
        number=f"KR-{next(_numbers)}",
        valid_from=valid_from or today() - datetime.timedelta(days=3000),
        valid_to=valid_to or today() + datetime.timedelta(days=365),
    )


def make_cohort(actor: User, centre: Centre, starts_on: datetime.date | None = None) -> Cohort:
    starts_on = starts_on or today() - datetime.timedelta(days=30)
    return services.cohort_create(
        actor=actor,
        centre=centre,
        trade="Tailoring",
        starts_on=starts_on,
        planned_end_on=starts_on + datetime.timedelta(days=120),
    )


def enrol(actor: User, cohort: Cohort, enrolled_on: datetime.date | None = None, name=None):
    person = ParticipantFactory(
        owning_organisation=cohort.centre.organisation, full_name=name or "Trainee"
    )
    return services.trainee_enrol(
        actor=actor, cohort=cohort, participant=person, enrolled_on=enrolled_on or cohort.starts_on
    )


def leave(actor: User, trainee: Trainee, outcome: str, exited_on: datetime.date) -> Trainee:
    return services.trainee_exit(
        actor=actor,
        trainee=trainee,
        outcome=outcome,
        exited_on=exited_on,
        job="Tailor at a workshop",
        reason="Moved away",
    )
