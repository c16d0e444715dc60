"""The seed's figures for a region and a Persian year: insurance incentives split into jobs
created and stabilised, centre entrants and successful exits, loans; on the page and as CSV
and XLSX, for the region's own officers, with small counts hidden from programme managers."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tandem.centres.models import Centre, Cohort, Trainee
from tandem.core.access import Role
from tandem.finance.models import InsuranceIncentive
from tandem.organisations.models import Organisation, Region
from tandem.programmes.models import Programme
from tandem.testing.factories import (
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    RegionFactory,
    staff,
)

Kind, JobStatus = InsuranceIncentive.Kind, InsuranceIncentive.JobStatus


@pytest.fixture
def province(db):
    iran = RegionFactory(name="Iran", kind=Region.Kind.COUNTRY, country_code="IR")
    khorasan = RegionFactory(name="Khorasan", parent=iran, country_code="IR")
    mashhad = RegionFactory(
        name="Mashhad", parent=khorasan, kind=Region.Kind.COUNTY, country_code="IR"
    )
    elsewhere = RegionFactory(name="Fars", parent=iran, country_code="IR")
    office = OrganisationFactory(
        name="Khorasan office", kind=Organisation.Kind.WELFARE_OFFICE, region=khorasan
    )
    other_office = OrganisationFactory(
        name="Fars office", kind=Organisation.Kind.WELFARE_OFFICE, region=elsewhere
    )
    centre_org = OrganisationFactory(
        name="Omid centre", kind=Organisation.Kind.JOB_SUPPORT_CENTRE, region=mashhad
    )
    programme = ProgrammeFactory(
        owner=office,
        country_code="IR",
        currency=Programme.Currency.IRR,
        calendar=Programme.Calendar.SOLAR_HIJRI,
    )
    officer = staff("finance", office, Role.FINANCE_OFFICER)
    other_officer = staff("fars.finance", other_office, Role.FINANCE_OFFICER)

    def incentive(kind, job_status, starts_on, county=mashhad, **fields):
        person = ParticipantFactory(owning_organisation=office)
        return InsuranceIncentive.objects.create(
            programme=programme,
            kind=kind,
            job_status=job_status,
            participant=person,
            region=county,
            starts_on=starts_on,
            months=12,
            monthly_amount=Decimal("5000000"),
            created_by=officer,
            **fields,
        )

    # Nowruz 1404 is 21 March 2025: the first is in 1403, the rest in 1404.
    incentive(Kind.SELF_EMPLOYMENT, JobStatus.CREATED, datetime.date(2025, 3, 20))
    incentive(Kind.SELF_EMPLOYMENT, JobStatus.STABILISED, datetime.date(2025, 3, 21))
    incentive(Kind.EMPLOYER_SHARE, JobStatus.STABILISED, datetime.date(2025, 5, 1))
    incentive(Kind.EMPLOYER_SHARE, JobStatus.STABILISED, datetime.date(2025, 6, 1))
    # 1404 ends on 20 March 2026: this one is in 1405.
    incentive(Kind.EMPLOYER_SHARE, JobStatus.CREATED, datetime.date(2026, 3, 21))
    incentive(
        Kind.EFFICIENCY,
        JobStatus.CREATED,
        datetime.date(2025, 7, 1),
        status=InsuranceIncentive.Status.CANCELLED,
    )
    incentive(Kind.EFFICIENCY, JobStatus.CREATED, datetime.date(2025, 7, 1), county=elsewhere)

    centre = Centre.objects.create(organisation=centre_org, county=mashhad)
    cohort = Cohort.objects.create(
        centre=centre,
        trade="Tailoring",
        starts_on=datetime.date(2025, 4, 1),
        planned_end_on=datetime.date(2025, 10, 1),
        created_by=officer,
    )
    exits = [
        (Trainee.Status.PLACED, datetime.date(2025, 9, 1)),
        (Trainee.Status.SELF_EMPLOYED, datetime.date(2025, 9, 2)),
        (Trainee.Status.PLACED, datetime.date(2025, 9, 3)),
        (Trainee.Status.DROPPED_OUT, datetime.date(2025, 6, 1)),
        (Trainee.Status.IN_TRAINING, None),
    ]
    for status, exited_on in exits:
        Trainee.objects.create(
            cohort=cohort,
            centre=centre,
            participant=ParticipantFactory(owning_organisation=centre_org),
            enrolled_on=datetime.date(2025, 4, 1),
            enrolled_by=officer,
            status=status,
            exited_on=exited_on,
            job="Tailor" if status != Trainee.Status.DROPPED_OUT else "",
        )
    return {
        "khorasan": khorasan,
        "officer": officer,
        "other_officer": other_officer,
        "manager": staff("manager", office, Role.PROGRAMME_MANAGER),
        "specialist": staff("coach", centre_org, Role.SPECIALIST),
    }


def rows_of(xlsx: bytes, sheet: int) -> list[list]:
    workbook = load_workbook(io.BytesIO(xlsx))
    return [list(row) for row in workbook.worksheets[sheet].iter_rows(values_only=True)]


def test_the_year_1404_counts_from_nowruz_and_splits_created_from_stabilised(province, login):
    client = login(province["officer"])

    response = client.get("/overview/figures.xlsx?year=1404")

    assert response.status_code == 200
    incentives = rows_of(response.content, 0)
    # kind, created, stabilised, total: cancelled ones and other provinces do not count.
    assert incentives[1:] == [
        ["Employer-share insurance", 0, 2, 2],
        ["Self-employment insurance", 0, 1, 1],
        ["Efficiency-improvement subsidy", 0, 0, 0],
    ]
    centres = dict(rows_of(response.content, 1)[1:])
    assert centres["Entrants"] == 5
    assert centres["Successful exits by the end of the year"] == 3
    assert centres["Success rate at the end of the year (%)"] == 60
    assert (centres["Dropped out"], centres["Still training"]) == (1, 1)

    assert rows_of(response.content, 2)[0] == ["Loans", "Number", "Amount (toman)"]

    earlier = rows_of(client.get("/overview/figures.xlsx?year=1403").content, 0)
    assert earlier[2] == ["Self-employment insurance", 1, 0, 1]


def test_the_page_is_in_persian_with_the_year_picker(province, login):
    officer = province["officer"]
    officer.language = "fa"
    officer.save()

    page = login(officer).get("/overview/figures/?year=1404").content.decode()

    assert "۱۴۰۴" in page
    assert 'value="1403"' in page
    assert "۶۰" in page  # the success rate, in Persian digits
    assert "اشتغال تثبیتی" in page  # "Jobs stabilised"


def test_csv_holds_the_three_tables(province, login):
    response = login(province["officer"]).get("/overview/figures.csv?year=1404")

    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"] == 'attachment; filename="figures-1404.csv"'
    assert "Employer-share insurance,0,2,2" in text.replace("\r", "")


def test_programme_managers_see_small_counts_suppressed(province, login):
    response = login(province["manager"]).get("/overview/figures.xlsx?year=1404")

    incentives = rows_of(response.content, 0)
    assert incentives[1] == ["Employer-share insurance", 0, "fewer than 5", "fewer than 5"]


def test_officers_of_another_province_get_their_own_figures_not_these(province, login):
    client = login(province["other_officer"])

    asked = client.get(f"/overview/figures.xlsx?year=1404&region={province['khorasan'].pk}")

    incentives = rows_of(asked.content, 0)
    assert incentives[3] == ["Efficiency-improvement subsidy", 1, 0, 1]
    assert incentives[1] == ["Employer-share insurance", 0, 0, 0]


@pytest.mark.parametrize("url", ["/overview/figures/", "/overview/figures.csv"])
def test_caseworkers_get_no_figures(province, login, url):
    assert login(province["specialist"]).get(url).status_code == 404


def test_a_bad_year_shows_a_message_and_this_year(province, login):
    page = login(province["officer"]).get("/overview/figures/?year=soon").content.decode()

    assert "Choose a period as a year" in page
