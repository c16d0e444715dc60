"""A person's placements through the pages: job start with its checks and follow-ups, in-work
support, recording the 13/26/52-week checks, the end of a job, the due list and the panel."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone

from tandem import urls as site_urls
from tandem.casework.models import StageChange
from tandem.core.access import Role
from tandem.employment import services
from tandem.employment.models import FollowUp, InWorkSupport, Placement, SustainmentCheck
from tandem.participants.models import AccessLogEntry, ConsentPurpose
from tandem.participants.selectors import access_participant
from tandem.referrals.models import Enrolment, SupportStage
from tandem.testing.factories import ConsentFactory, ParticipantFactory, staff

# The site mounts the employment pages at /employment/; until it does, these tests mount them
# the same way themselves.
if any(getattr(p, "namespace", None) == "employment" for p in site_urls.urlpatterns):
    urlpatterns = list(site_urls.urlpatterns)
else:
    urlpatterns = [
        path("employment/", include("tandem.employment.urls")),
        *site_urls.urlpatterns,
    ]
URLCONF = __name__

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLCONF)]

WRONG_PERSONAS = ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]


def today() -> datetime.date:
    return timezone.localdate()


def make_enrolment(world, participant=None, **fields) -> Enrolment:
    fields.setdefault("started_on", today() - datetime.timedelta(days=500))
    fields.setdefault("stage", SupportStage.JOB_FINDING)
    fields.setdefault("stage_since", timezone.now() - datetime.timedelta(days=30))
    return Enrolment.objects.create(
        participant=participant or world.participant,
        programme=world.programme,
        organisation=world.provider_a,
        key_worker=world.specialist_a,
        enrolled_by=world.specialist_a,
        **fields,
    )


def make_employer(world, name="Tyneside Foods", **data):
    return services.employer_create(
        actor=world.specialist_a,
        organisation=world.provider_a,
        data={"name": name, "region": world.provider_a.region, **data},
    )


def start(world, enrolment, weeks_ago=0, days_ago=0, **fields) -> Placement:
    fields.setdefault("employer", make_employer(world))
    return services.placement_start(
        actor=world.specialist_a,
        enrolment=enrolment,
        kind=fields.pop("kind", Placement.Kind.EMPLOYED),
        job_title=fields.pop("job_title", "Warehouse operative"),
        started_on=today() - datetime.timedelta(weeks=weeks_ago, days=days_ago),
        hours_per_week=fields.pop("hours_per_week", Decimal("20")),
        **fields,
    )


def base(participant) -> str:
    return f"/employment/participants/{participant.ref}"


def detail_url(placement: Placement, action: str = "") -> str:
    url = f"{base(placement.participant)}/placements/{placement.ref}/"
    return f"{url}{action}/" if action else url


def html(response) -> str:
    return response.content.decode()


def start_form(enrolment, employer, **changes) -> dict:
    data = {
        "enrolment": enrolment.ref,
        "kind": Placement.Kind.EMPLOYED,
        "employer": employer.ref,
        "job_title": "Warehouse operative",
        "occupation": "9321",
        "started_on": (today() - datetime.timedelta(days=10)).isoformat(),
        "hours_per_week": "24",
        "pay": "11.44",
        "pay_period": "hour",
        "adjustments_agreed": ["flexible_hours"],
        "adjustments_note": "Starts at 10 on hospital days.",
    }
    return data | changes


@pytest.fixture
def enrolment(world) -> Enrolment:
    return make_enrolment(world)


@pytest.fixture
def placement(world, enrolment) -> Placement:
    return start(world, enrolment, weeks_ago=13)


# ---------------------------------------------------------------- who may see what


@pytest.mark.parametrize("persona", WRONG_PERSONAS)
def test_wrong_personas_get_404_on_every_page_and_action(world, login, placement, persona):
    client = login(getattr(world, persona))
    check = placement.checks.get(weeks=13)
    participant = world.participant
    for url in [
        f"{base(participant)}/preferences/",
        f"{base(participant)}/matches/",
        f"{base(participant)}/placements/",
        f"{base(participant)}/placements/new/",
        detail_url(placement),
    ]:
        assert client.get(url).status_code == 404, url
    for url, data in [
        (f"{base(participant)}/preferences/", {"wishes": "Anything"}),
        (f"{base(participant)}/placements/new/", {}),
        (detail_url(placement, "support"), {"support-with_whom": "person"}),
        (detail_url(placement, f"checks/{check.ref}"), {f"check-{check.ref}-in_work": "no"}),
        (detail_url(placement, "end"), {"end-reason": "resigned"}),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert not placement.support.exists()
    check.refresh_from_db()
    assert check.status == SustainmentCheck.Status.DUE


def test_clinician_on_the_team_reads_placements_but_cannot_change_them(world, login, placement):
    client = login(world.clinician_on_team)
    check = placement.checks.get(weeks=13)

    listing = client.get(f"{base(world.participant)}/placements/")
    page = client.get(detail_url(placement))

    assert listing.status_code == 200
    assert "Warehouse operative" in html(listing)
    assert page.status_code == 200
    assert "Record the 13-week check" not in html(page)
    assert "Record the end of the job" not in html(page)
    assert client.get(f"{base(world.participant)}/placements/new/").status_code == 404
    assert client.get(f"{base(world.participant)}/preferences/").status_code == 404
    response = client.post(
        detail_url(placement, f"checks/{check.ref}"),
        {f"check-{check.ref}-in_work": "yes", f"check-{check.ref}-evidence": "payslip"},
    )
    assert response.status_code == 404
    assert client.post(detail_url(placement, "end"), {"end-reason": "resigned"}).status_code == 404
    check.refresh_from_db()
    assert check.status == SustainmentCheck.Status.DUE


def test_sub_objects_of_another_persons_placement_are_404(world, login, placement):
    other = ParticipantFactory(owning_organisation=world.provider_a)
    theirs = start(world, make_enrolment(world, participant=other), weeks_ago=13)
    their_check = theirs.checks.get(weeks=13)
    client = login(world.specialist_a)
    mine = base(world.participant)

    assert client.get(f"{mine}/placements/{theirs.ref}/").status_code == 404
    response = client.post(
        f"{mine}/placements/{placement.ref}/checks/{their_check.ref}/",
        {f"check-{their_check.ref}-in_work": "no"},
    )
    assert response.status_code == 404
    assert client.post(f"{mine}/placements/{theirs.ref}/end/", {}).status_code == 404
    their_check.refresh_from_db()
    assert their_check.status == SustainmentCheck.Status.DUE


# ---------------------------------------------------------------- job start


def test_job_start_schedules_three_checks_and_the_programmes_follow_ups(world, login, enrolment):
    world.programme.follow_up_every_weeks = 4
    world.programme.save()
    employer = make_employer(world)
    client = login(world.specialist_a)

    form = client.get(f"{base(world.participant)}/placements/new/")
    response = client.post(
        f"{base(world.participant)}/placements/new/", start_form(enrolment, employer)
    )

    assert form.status_code == 200
    assert "Tyneside Foods" in html(form)
    placement = Placement.objects.get(participant=world.participant)
    assert response.status_code == 302
    assert response.url == detail_url(placement)
    started = today() - datetime.timedelta(days=10)
    assert placement.started_on == started
    assert placement.employer == employer
    assert placement.adjustments_agreed == ["flexible_hours"]
    assert [(c.weeks, c.due_on) for c in placement.checks.order_by("weeks")] == [
        (13, started + datetime.timedelta(weeks=13)),
        (26, started + datetime.timedelta(weeks=26)),
        (52, started + datetime.timedelta(weeks=52)),
    ]
    assert placement.follow_ups.count() == 13
    assert placement.follow_ups.order_by("due_on").last().due_on == started + datetime.timedelta(
        weeks=52
    )
    enrolment.refresh_from_db()
    assert enrolment.stage == SupportStage.ON_OFF_JOB_SUPPORT

    page = html(client.get(response.url))
    assert "Counts as a job outcome for Connect to Work" in page
    assert "due in 81 days" in page  # 13 weeks after a start 10 days ago


def test_disclosure_without_consent_is_refused_at_the_field(world, login, enrolment):
    employer = make_employer(world)
    client = login(world.specialist_a)
    url = f"{base(world.participant)}/placements/new/"

    response = client.post(url, start_form(enrolment, employer, disclosed_to_employer="on"))

    page = html(response)
    assert response.status_code == 422
    assert 'id="id_disclosed_to_employer_error"' in page
    assert "Record the person&#x27;s consent to disclosure to employers first." in page
    assert not Placement.objects.exists()

    ConsentFactory(
        participant=world.participant,
        purpose=ConsentPurpose.EMPLOYER_DISCLOSURE,
        recorded_by=world.specialist_a,
    )
    response = client.post(url, start_form(enrolment, employer, disclosed_to_employer="on"))
    assert response.status_code == 302
    assert Placement.objects.get().disclosed_to_employer


def test_self_employment_needs_evidence_of_earnings(world, login, enrolment):
    client = login(world.specialist_a)
    data = start_form(enrolment, make_employer(world), kind="self_employed")
    data |= {"employer": "", "job_title": "Bicycle repairs"}

    refused = client.post(f"{base(world.participant)}/placements/new/", data)
    data["earnings_evidence"] = "Three months of invoices"
    accepted = client.post(f"{base(world.participant)}/placements/new/", data)

    assert refused.status_code == 422
    assert "Describe the evidence of earnings from self-employment." in html(refused)
    assert accepted.status_code == 302
    placement = Placement.objects.get()
    assert placement.employer is None
    assert placement.earnings_evidence == "Three months of invoices"


def test_job_start_form_says_when_the_person_is_not_enrolled(world, login):
    response = login(world.specialist_a).get(f"{base(world.participant)}/placements/new/")

    assert response.status_code == 200
    assert "not enrolled on a programme" in html(response)


# ---------------------------------------------------------------- the placement's pages


def test_list_shows_kind_pay_checks_and_outcome(world, login, enrolment):
    world.programme.job_outcome_min_hours = Decimal(16)
    world.programme.save()
    start(world, enrolment, weeks_ago=2, pay=Decimal("11.44"))
    start(world, enrolment, weeks_ago=20, job_title="Cafe assistant", hours_per_week=Decimal(10))

    response = login(world.specialist_a).get(f"{base(world.participant)}/placements/")

    page = html(response)
    assert response.status_code == 200
    assert "Warehouse operative" in page and "Cafe assistant" in page
    assert "£11.44 an hour" in page
    assert "Counts as a job outcome for Connect to Work" in page
    assert "Does not count as a job outcome for Connect to Work" in page
    assert "it needs at least 16 hours a week" in page
    assert "overdue by 49 days" in page  # the 13-week check of the job started 20 weeks ago
    assert AccessLogEntry.objects.filter(
        participant=world.participant, user=world.specialist_a, action="view_record"
    ).exists()


def test_confirming_the_13_week_check_with_evidence_shows_confirmed(world, login, placement):
    check = placement.checks.get(weeks=13)
    client = login(world.specialist_a)
    prefix = f"check-{check.ref}"

    response = client.post(
        detail_url(placement, f"checks/{check.ref}"),
        {
            f"{prefix}-in_work": "yes",
            f"{prefix}-evidence": "payslip",
            f"{prefix}-checked_on": today().isoformat(),
            f"{prefix}-note": "Payslip for last month seen.",
        },
    )

    assert response.status_code == 302
    check.refresh_from_db()
    assert check.status == SustainmentCheck.Status.CONFIRMED
    assert check.checked_by == world.specialist_a
    page = html(client.get(detail_url(placement)))
    assert "confirmed (Payslip)" in page
    assert "Record the 13-week check" not in page
    assert "Record the 26-week check" not in page  # not due for another 13 weeks
    listing = html(client.get(f"{base(world.participant)}/placements/"))
    assert "confirmed (Payslip)" in listing


def test_confirming_without_evidence_is_refused(world, login, placement):
    check = placement.checks.get(weeks=13)
    prefix = f"check-{check.ref}"

    response = login(world.specialist_a).post(
        detail_url(placement, f"checks/{check.ref}"),
        {f"{prefix}-in_work": "yes", f"{prefix}-checked_on": today().isoformat()},
    )

    assert response.status_code == 422
    assert "Say what shows the person is still in work." in html(response)
    check.refresh_from_db()
    assert check.status == SustainmentCheck.Status.DUE


def test_a_check_cannot_be_recorded_long_before_it_is_due(world, login, enrolment):
    placement = start(world, enrolment, weeks_ago=2)
    check = placement.checks.get(weeks=13)
    prefix = f"check-{check.ref}"

    response = login(world.specialist_a).post(
        detail_url(placement, f"checks/{check.ref}"),
        {f"{prefix}-in_work": "no", f"{prefix}-checked_on": today().isoformat()},
    )

    assert response.status_code == 422
    assert "This check can be recorded from" in html(response)


def test_in_work_support_and_a_follow_up_are_recorded(world, login, enrolment):
    world.programme.follow_up_every_weeks = 4
    world.programme.save()
    placement = start(world, enrolment, weeks_ago=5)
    follow_up = placement.follow_ups.order_by("due_on").first()
    client = login(world.specialist_a)

    support = client.post(
        detail_url(placement, "support"),
        {
            "support-with_whom": "employer",
            "support-happened_on": today().isoformat(),
            "support-channel": "visit",
            "support-summary": "Met the supervisor about rest breaks.",
        },
    )
    empty = client.post(
        detail_url(placement, f"follow-ups/{follow_up.ref}"),
        {f"follow_up-{follow_up.ref}-note": ""},
    )
    done = client.post(
        detail_url(placement, f"follow-ups/{follow_up.ref}"),
        {f"follow_up-{follow_up.ref}-note": "Settled in; no problems."},
    )

    assert support.status_code == 302
    assert InWorkSupport.objects.get().with_whom == "employer"
    assert empty.status_code == 422
    assert done.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.done_on == today()
    page = html(client.get(detail_url(placement)))
    assert "Met the supervisor about rest breaks." in page
    assert "Settled in; no problems." in page


def test_ending_the_job_marks_later_checks_and_goes_back_to_job_finding(world, login, enrolment):
    placement = start(world, enrolment, weeks_ago=20)
    client = login(world.specialist_a)

    response = client.post(
        detail_url(placement, "end"),
        {
            "end-ended_on": today().isoformat(),
            "end-reason": "contract_ended",
            "end-note": "Seasonal contract over.",
            "end-back_to_job_finding": "on",
        },
    )

    assert response.status_code == 302
    statuses = dict(placement.checks.values_list("weeks", "status"))
    assert statuses == {13: "due", 26: "not_in_work", 52: "not_in_work"}
    enrolment.refresh_from_db()
    assert enrolment.stage == SupportStage.JOB_FINDING
    moves = list(
        StageChange.objects.filter(enrolment=enrolment)
        .order_by("changed_at", "id")
        .values_list("from_stage", "to_stage")
    )
    assert moves == [
        (SupportStage.JOB_FINDING, SupportStage.ON_OFF_JOB_SUPPORT),
        (SupportStage.ON_OFF_JOB_SUPPORT, SupportStage.JOB_FINDING),
    ]
    page = html(client.get(detail_url(placement)))
    assert "Contract ended" in page
    assert "not in work" in page
    assert "Record the end of the job" not in page
    # The 13-week check fell inside the job, so it can still be recorded.
    assert "Record the 13-week check" in page


def test_ending_a_job_twice_is_refused_at_the_top(world, login, placement):
    client = login(world.specialist_a)
    data = {"end-ended_on": today().isoformat(), "end-reason": "resigned"}
    client.post(detail_url(placement, "end"), data)

    response = client.post(detail_url(placement, "end"), data)

    assert response.status_code == 422
    assert "This job has already ended." in html(response)


def test_placement_pages_run_a_constant_number_of_queries(world, login, enrolment):
    client = login(world.specialist_a)
    start(world, enrolment, weeks_ago=3)
    url = f"{base(world.participant)}/placements/"
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for weeks in (5, 8, 12):
        start(world, enrolment, weeks_ago=weeks)
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four) == len(one)


# ---------------------------------------------------------------- due and overdue


def test_due_page_lists_an_overdue_follow_up_for_the_key_worker_and_their_lead(
    world, login, enrolment
):
    world.programme.follow_up_every_weeks = 4
    world.programme.save()
    start(world, enrolment, weeks_ago=6)  # the 4-week follow-up is two weeks overdue
    lead = staff("lead_a", world.provider_a, Role.TEAM_LEAD)

    mine = login(world.specialist_a).get("/employment/due/")
    leads = login(lead).get("/employment/due/")
    other = login(world.specialist_b).get("/employment/due/")

    assert mine.status_code == 200
    assert world.participant.full_name in html(mine)
    assert "overdue by 14 days" in html(mine)
    assert leads.status_code == 200
    team = html(leads).split("Your team: overdue", 1)[1]
    assert world.participant.full_name in team
    assert world.specialist_a.display_name in team
    assert other.status_code == 200
    assert world.participant.full_name not in html(other)
    assert "Your team: overdue" not in html(other)


def test_due_page_lists_checks_due_soon(world, login, enrolment):
    start(world, enrolment, weeks_ago=12)  # the 13-week check is due in 7 days

    page = html(login(world.specialist_a).get("/employment/due/"))

    assert "13 weeks" in page
    assert "due in 7 days" in page


@pytest.mark.parametrize("persona", ["referrer", "programme_manager"])
def test_due_page_is_404_for_people_without_a_caseload(world, login, persona):
    assert login(getattr(world, persona)).get("/employment/due/").status_code == 404


# ---------------------------------------------------------------- on other pages


def render_panel(access) -> str:
    template = Template("{% load employment_tags %}{% employment_panel access %}")
    return template.render(Context({"access": access}))


def test_panel_shows_the_current_job_and_the_next_check(world, enrolment):
    start(world, enrolment, weeks_ago=10)
    access = access_participant(user=world.specialist_a, ref=world.participant.ref)

    with CaptureQueriesContext(connection) as queries:
        panel = render_panel(access)

    assert "Warehouse operative" in panel
    assert "Tyneside Foods" in panel
    assert "13-week check" in panel
    assert "due in 21 days" in panel
    assert "/preferences/" in panel
    assert "/matches/" in panel
    assert len(queries) <= 3


def test_panel_without_a_job_offers_the_links_only_writers_may_use(world, enrolment):
    panel = render_panel(
        access_participant(user=world.clinician_on_team, ref=world.participant.ref)
    )

    assert "Not in a job recorded here at the moment." in panel
    assert "/matches/" in panel
    assert "/preferences/" not in panel
    assert "/placements/new/" not in panel


def test_due_counts_for_the_caseload(world, enrolment):
    world.programme.follow_up_every_weeks = 4
    world.programme.save()
    start(world, enrolment, weeks_ago=12)  # 13-week check due soon; 4- and 8-week overdue
    template = Template(
        "{% load employment_tags %}{% due_counts user as counts %}"
        "{{ counts.checks }}/{{ counts.follow_ups_overdue }}"
    )

    mine = template.render(Context({"user": world.specialist_a}))
    theirs = template.render(Context({"user": world.specialist_b}))

    assert mine == "1/2"
    assert theirs == "0/0"
    assert FollowUp.objects.count() == 13
