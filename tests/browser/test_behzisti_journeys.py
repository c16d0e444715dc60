"""The three Behzisti roles at work, in Persian: right to left, Solar Hijri dates typed and
shown with Persian digits, money in toman.

- A finance officer gives the second approval of a large job-creation loan, and the budget
  shows the money committed; the officer who reviewed the loan cannot approve it.
- A monitoring officer records an in-person visit to an overdue project, with a follow-up
  action; the project page shows it and the coverage counts it.
- A centre manager enrols a trainee into the centre's last place, is refused one more, and
  records a trainee's way into a job.

The pages are being translated while these run, so they find things by form field names,
addresses and CSS classes, and check data (statuses, Persian digits) rather than words.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.centres.models import FollowUp, Trainee
from tandem.centres.tests import factories as centre_factories
from tandem.core.access import Role
from tandem.core.formatting import format_date, format_date_input, format_money
from tandem.core.periods import SOLAR_HIJRI, year_of
from tandem.finance import services as finance
from tandem.finance.models import Loan
from tandem.finance.tests import factories as finance_factories
from tandem.monitoring.models import FollowUpAction, Visit
from tandem.monitoring.tests import factories as monitoring_factories
from tandem.organisations.models import Organisation, Region
from tandem.programmes.models import Programme
from tandem.testing.factories import (
    TEST_PASSWORD,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    RegionFactory,
    staff,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def toman(rial: Decimal) -> str:
    return format_money(rial, "IRR", "fa", as_toman=True)


def log_in(page, live_server, username: str) -> None:
    """Sign in afresh: whoever was signed in before is forgotten."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    click_and_wait(page, page.locator("main form button[type=submit]").first)
    assert "/login/" not in page.url, f"{username} could not sign in"


def click_and_wait(page, locator) -> None:
    """Click a link or a submit button and wait for the page it leads to."""
    with page.expect_navigation():
        locator.click()


def assert_persian_page(page) -> None:
    html = page.locator("html")
    assert html.get_attribute("lang") == "fa"
    assert html.get_attribute("dir") == "rtl"


def submit(page, form: str) -> None:
    click_and_wait(page, page.locator(f"{form} button[type=submit]"))


def khorasan():
    """Iran and the province of Khorasan Razavi: its county of Mashhad and its welfare office."""
    iran = RegionFactory(name="ایران", kind=Region.Kind.COUNTRY, country_code="IR")
    province = RegionFactory(name="خراسان رضوی", parent=iran, country_code="IR")
    mashhad = RegionFactory(
        name="مشهد", parent=province, kind=Region.Kind.COUNTY, country_code="IR"
    )
    office = OrganisationFactory(
        name="اداره کل بهزیستی خراسان رضوی",
        kind=Organisation.Kind.WELFARE_OFFICE,
        region=province,
        accepts_referrals=False,
    )
    return mashhad, office


def test_finance_officer_gives_the_second_approval_of_a_large_loan(page, live_server, axe_check):
    mashhad, office = khorasan()
    centre = OrganisationFactory(name="مرکز اشتغال حمایت‌شده مشهد", region=mashhad)
    programme = ProgrammeFactory(
        name="اشتغال حمایت‌شده",
        owner=office,
        delivered_by=[centre],
        country_code="IR",
        currency=Programme.Currency.IRR,
        calendar=Programme.Calendar.SOLAR_HIJRI,
    )
    # Loans above 200,000,000 rial (20,000,000 toman) need a second approver.
    settings_row = finance_factories.finance_settings(programme)
    year = year_of(SOLAR_HIJRI, timezone.localdate()).key
    budget = finance_factories.budget(programme, mashhad, Decimal("1000000000"), year)
    specialist = staff("coach_fa", centre, Role.SPECIALIST, language="fa")
    reviewer = staff("finance_reviewer", office, Role.FINANCE_OFFICER, language="fa")
    approver = staff("finance_approver", office, Role.FINANCE_OFFICER, language="fa")
    second = staff("finance_second", office, Role.FINANCE_OFFICER, language="fa")
    person = ParticipantFactory(owning_organisation=centre, full_name="مریم احمدی")
    amount = Decimal("300000000")
    assert amount > settings_row.second_approval_above
    loan = finance_factories.draft_loan(
        applicant=specialist,
        participant=person,
        programme=programme,
        region=mashhad,
        amount=amount,
    )
    assert loan.status == Loan.Status.SUBMITTED
    finance.loan_review(actor=reviewer, loan=loan, note="طرح کامل است.")
    loan_url = reverse("finance:loan_detail", args=[loan.ref])
    approve_form = f"main form[action='{reverse('finance:loan_approve', args=[loan.ref])}']"
    budget_url = reverse("finance:budget_detail", args=[budget.ref])
    committed = "main .cards .card:nth-child(2) .stat"
    remaining = "main .cards .card:nth-child(4) .stat"

    # The first approver: the loan is on their work list, to approve.
    log_in(page, live_server, "finance_approver")
    page.goto(live_server.url + budget_url)
    assert page.locator(committed).inner_text().strip() == toman(Decimal(0))
    page.goto(live_server.url + reverse("finance:home"))
    assert_persian_page(page)
    axe_check(page)
    click_and_wait(page, page.locator(f"section[aria-labelledby=to_approve] a[href='{loan_url}']"))
    assert page.url.endswith(loan_url)
    assert_persian_page(page)
    content = page.content()
    assert toman(amount) in content  # ۳۰٬۰۰۰٬۰۰۰ تومان
    assert toman(Decimal("290000000")) in content  # the first budget line
    axe_check(page)
    page.select_option(f"{approve_form} select[name=budget]", index=0)
    submit(page, approve_form)
    loan.refresh_from_db()
    assert loan.status == Loan.Status.AWAITING_SECOND_APPROVAL
    assert loan.approver == approver
    assert loan.budget == budget
    # Having approved once, the same person is not offered the second approval.
    assert page.url.endswith(loan_url)
    assert page.locator(approve_form).count() == 0
    assert page.locator("main .lede .tag--paused").count() == 1

    # The reviewer is offered no approval, and an approval posted anyway is refused.
    log_in(page, live_server, "finance_reviewer")
    page.goto(live_server.url + reverse("finance:home"))
    assert page.locator(f"section[aria-labelledby=second] a[href='{loan_url}']").count() == 0
    assert page.locator(f"section[aria-labelledby=waiting] a[href='{loan_url}']").count() == 1
    page.goto(live_server.url + loan_url)
    assert page.locator(approve_form).count() == 0
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    response = page.request.post(
        live_server.url + reverse("finance:loan_approve", args=[loan.ref]),
        form={"csrfmiddlewaretoken": token},
    )
    assert response.status == 422
    loan.refresh_from_db()
    assert loan.status == Loan.Status.AWAITING_SECOND_APPROVAL
    assert loan.second_approver is None

    # A third finance officer gives the second approval from their work list.
    log_in(page, live_server, "finance_second")
    page.goto(live_server.url + reverse("finance:home"))
    assert_persian_page(page)
    axe_check(page)
    click_and_wait(page, page.locator(f"section[aria-labelledby=second] a[href='{loan_url}']"))
    assert page.url.endswith(loan_url)
    axe_check(page)
    submit(page, approve_form)
    loan.refresh_from_db()
    assert loan.status == Loan.Status.APPROVED
    assert loan.second_approver == second
    assert loan.decided_on == timezone.localdate()
    assert page.url.endswith(loan_url)
    assert page.locator("main .lede .tag--accepted").count() == 1
    assert page.locator(approve_form).count() == 0
    # The approval dates are Solar Hijri in Persian digits.
    assert format_date(timezone.localdate(), "fa") in page.content()

    # The budget: 30,000,000 toman of 100,000,000 committed, 70,000,000 left.
    click_and_wait(page, page.locator(f"main a[href='{budget_url}']"))
    assert page.url.endswith(budget_url)
    assert page.locator(committed).inner_text().strip() == toman(amount)
    assert page.locator(remaining).inner_text().strip() == toman(Decimal("700000000"))
    assert page.locator(f"main table a[href='{loan_url}']").count() == 1
    axe_check(page)


def test_monitoring_officer_records_a_visit_to_an_overdue_project(page, live_server, axe_check):
    mashhad, office = khorasan()
    programme = ProgrammeFactory(
        name="اشتغال حمایت‌شده",
        owner=office,
        country_code="IR",
        currency=Programme.Currency.IRR,
        calendar=Programme.Calendar.SOLAR_HIJRI,
    )
    officer = staff("monitor_fa", office, Role.MONITORING_OFFICER, language="fa")
    today = timezone.localdate()
    # Started eight months ago and never visited: no visit last quarter either, so overdue.
    overdue = monitoring_factories.project(
        programme,
        mashhad,
        officer,
        name="کارگاه فرش‌بافی",
        jobs_planned=3,
        started_on=today - datetime.timedelta(days=250),
    )
    # Started today: due this quarter, not overdue.
    due = monitoring_factories.project(
        programme, mashhad, officer, name="بسته‌بندی زعفران", started_on=today
    )
    overdue_url = reverse("monitoring:project_detail", args=[overdue.ref])
    due_url = reverse("monitoring:project_detail", args=[due.ref])
    mashhad_row = "main table tbody tr:has(th:text-is('مشهد'))"

    log_in(page, live_server, "monitor_fa")
    # Before the visit, neither project counts as visited in this Persian year.
    page.goto(live_server.url + reverse("monitoring:coverage"))
    cells = page.locator(f"{mashhad_row} td")
    assert cells.nth(0).inner_text().strip() == "۲"  # active projects
    assert cells.nth(1).inner_text().strip() == "۰"  # visited in person

    page.goto(live_server.url + reverse("monitoring:due_list"))
    assert_persian_page(page)
    overdue_row = page.locator(f"main table tbody tr:has(a[href='{overdue_url}'])")
    due_row = page.locator(f"main table tbody tr:has(a[href='{due_url}'])")
    assert overdue_row.locator(".tag--urgent").count() == 1
    assert due_row.locator(".tag--urgent").count() == 0
    # Overdue comes first.
    assert page.locator("main table tbody tr").first.locator(f"a[href='{overdue_url}']").count()
    click_and_wait(page, overdue_row.locator(f"a[href='{overdue_url}']"))
    assert page.url.endswith(overdue_url)

    visit_url = reverse("monitoring:visit_new", args=[overdue.ref])
    click_and_wait(page, page.locator(f"main a[href='{visit_url}']"))
    assert_persian_page(page)
    axe_check(page)
    # The date box is filled with today in Solar Hijri; the officer types it anyway.
    typed_today = format_date_input(today, "fa")
    assert page.input_value("input[name=visited_on]") == typed_today
    in_two_weeks = today + datetime.timedelta(days=14)
    page.check("input[name=mode][value=in_person]")
    page.fill("input[name=visited_on]", typed_today)
    page.check("input[name=business_active][value=yes]")
    # Typed in Persian digits, as a Persian officer would.
    page.fill("input[name=jobs_filled]", "۲")
    page.fill("textarea[name=problems]", "یکی از بافندگان کار را ترک کرده است.")
    page.fill("textarea[name=findings]", "کارگاه فعال است و سفارش دارد.")
    page.fill("input[name=action_1_description]", "معرفی یک بافنده جدید")
    page.fill("input[name=action_1_due_on]", format_date_input(in_two_weeks, "fa"))
    page.select_option("select[name=action_1_assignee]", "monitor_fa")
    submit(page, "main form[method=post]")

    visit = Visit.objects.get()
    assert visit.project == overdue
    assert visit.mode == Visit.Mode.IN_PERSON
    assert visit.visited_on == today
    assert visit.officer == officer
    assert visit.business_active is True
    assert visit.jobs_filled == 2
    assert visit.instalments_up_to_date is None  # no loan
    action = FollowUpAction.objects.get()
    assert action.visit == visit
    assert action.due_on == in_two_weeks
    assert action.assignee == officer
    assert not action.done

    # The project page shows the visit and the action, dated in Solar Hijri.
    assert page.url.endswith(overdue_url)
    visits = page.locator("section[aria-labelledby=visits-heading]")
    assert visits.locator("article").count() == 1
    assert format_date(today, "fa") in visits.locator("article h3").inner_text()
    assert "کارگاه فعال است و سفارش دارد." in visits.inner_text()
    actions = page.locator("section[aria-labelledby=actions-heading] table tbody tr")
    assert actions.count() == 1
    assert "معرفی یک بافنده جدید" in actions.inner_text()
    assert format_date(in_two_weeks, "fa") in actions.inner_text()
    assert actions.locator(f"form[action$='/actions/{action.ref}/complete/']").count() == 1

    # Visited this quarter: no longer on the due list; the other project still is.
    page.goto(live_server.url + reverse("monitoring:due_list"))
    assert page.locator(f"main a[href='{overdue_url}']").count() == 0
    assert page.locator(f"main a[href='{due_url}']").count() == 1

    # The coverage counts the visit: one of two projects visited in person, 50%.
    page.goto(live_server.url + reverse("monitoring:coverage"))
    assert_persian_page(page)
    cells = page.locator(f"{mashhad_row} td")
    assert cells.nth(0).inner_text().strip() == "۲"
    assert cells.nth(1).inner_text().strip() == "۱"
    assert cells.nth(2).inner_text().strip() == "۰"  # remote
    assert "۵۰" in cells.nth(3).inner_text()  # share in person
    total = page.locator("main table tfoot tr td")
    assert total.nth(1).inner_text().strip() == "۱"
    axe_check(page)


def test_centre_manager_fills_the_last_place_and_records_a_job(page, live_server, axe_check):
    mashhad, office = khorasan()
    organisation = centre_factories.centre_org("مرکز حمایت از اشتغال امید", mashhad)
    manager = staff("centre_fa", organisation, Role.CENTRE_MANAGER, language="fa")
    inspector = staff("monitor_centres", office, Role.MONITORING_OFFICER, language="fa")
    centre = centre_factories.make_centre(
        inspector, organisation, mashhad, address="خیابان امام رضا", capacity=2
    )
    centre_factories.grant(manager, inspector, centre)
    cohort = centre_factories.make_cohort(manager, centre)
    centre_factories.enrol(manager, cohort, name="زهرا کریمی")  # one place of two left
    newcomer = ParticipantFactory(owning_organisation=organisation, full_name="علی رضایی")
    one_too_many = ParticipantFactory(owning_organisation=organisation, full_name="سارا محمدی")
    today = timezone.localdate()
    centre_url = reverse("centres:detail", args=[centre.ref])
    cohort_url = reverse("centres:cohort_detail", args=[cohort.ref])
    enrol_url = reverse("centres:enrol", args=[cohort.ref])
    enrol_form = "main form[method=post]"
    figures = "section[aria-labelledby=figures-heading] dl.summary-list dd"

    log_in(page, live_server, "centre_fa")
    # A manager of one centre lands on its page.
    page.goto(live_server.url + reverse("centres:home"))
    assert page.url.endswith(centre_url)
    assert_persian_page(page)
    assert page.locator(figures).nth(8).inner_text().strip() == "۲"  # capacity
    assert page.locator(figures).nth(9).inner_text().strip() == "۱"  # places free
    axe_check(page)

    click_and_wait(page, page.locator(f"main a[href='{cohort_url}']"))
    click_and_wait(page, page.locator(f"main a[href='{enrol_url}']"))
    assert_persian_page(page)
    assert page.input_value("input[name=enrolled_on]") == format_date_input(today, "fa")
    axe_check(page)
    page.select_option("select[name=participant]", newcomer.ref)
    page.fill("input[name=enrolled_on]", format_date_input(today, "fa"))
    submit(page, enrol_form)
    assert page.url.endswith(cohort_url)
    trainee = Trainee.objects.get(participant=newcomer)
    assert trainee.status == Trainee.Status.IN_TRAINING
    assert trainee.enrolled_on == today
    assert trainee.cohort == cohort
    assert Trainee.objects.filter(status=Trainee.Status.IN_TRAINING).count() == 2

    # The centre is full: the next enrolment is refused and nothing changes.
    page.goto(live_server.url + enrol_url)
    page.select_option("select[name=participant]", one_too_many.ref)
    submit(page, enrol_form)
    assert page.url.endswith(enrol_url)
    summary = page.locator("main .error-summary")
    assert summary.is_visible()
    assert summary.locator("li").count() == 1
    # The message names the places taken and the capacity, in the reader's digits: ۲ of ۲.
    message = summary.locator("li").inner_text()
    assert message.count("۲") == 2, message
    assert not Trainee.objects.filter(participant=one_too_many).exists()
    assert Trainee.objects.filter(status=Trainee.Status.IN_TRAINING).count() == 2
    axe_check(page)

    # The newcomer found a job: a successful exit, with a year of follow-ups scheduled.
    page.goto(live_server.url + cohort_url)
    exit_url = reverse("centres:trainee_exit", args=[trainee.ref])
    click_and_wait(page, page.locator(f"main a[href='{exit_url}']"))
    page.check("input[name=outcome][value=placed]")
    page.fill("input[name=exited_on]", format_date_input(today, "fa"))
    page.fill("input[name=job]", "خیاط در تولیدی پوشاک نوین")
    submit(page, "main form[method=post]")
    assert page.url.endswith(cohort_url)
    trainee.refresh_from_db()
    assert trainee.status == Trainee.Status.PLACED
    assert trainee.exited_on == today
    assert trainee.job == "خیاط در تولیدی پوشاک نوین"
    assert FollowUp.objects.filter(trainee=trainee).exists()
    row = page.locator("main table tbody tr:has(th:text-is('علی رضایی'))")
    assert row.locator(".tag--completed").count() == 1
    assert format_date(today, "fa") in row.inner_text()

    # The centre's figures: one successful exit, and a place free again.
    page.goto(live_server.url + centre_url)
    assert page.locator(figures).nth(1).inner_text().strip() == "۱"  # successful exits
    assert page.locator(figures).nth(9).inner_text().strip() == "۱"  # places free
    axe_check(page)
