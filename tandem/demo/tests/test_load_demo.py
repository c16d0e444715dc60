"""The demo loads, loads again without change, and holds what the README promises.

The demo is loaded once for the whole module (it takes seconds) inside a transaction that is
rolled back at the end, so no other test ever sees it.
"""

import datetime
import itertools
import random
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from tandem.casework.models import (
    Appointment,
    Assessment,
    CaseReview,
    Contact,
    Milestone,
    Plan,
    ReviewAction,
    ReviewQueue,
    StageChange,
)
from tandem.casework.selectors import caseload, review_queues
from tandem.casework.services import _clean_answers
from tandem.core.access import CASEWORK_ROLES, Discipline, Role, Sensitivity
from tandem.core.identifiers import validate_identifier
from tandem.demo.people import PersonMaker
from tandem.demo.structure import LOGINS
from tandem.interventions.models import Attendance, Intervention, InterventionReferral
from tandem.organisations.models import Membership, Organisation, User
from tandem.participants.models import (
    CaseTeamMember,
    Consent,
    ConsentPurpose,
    Note,
    Participant,
)
from tandem.participants.services import normalise_phone
from tandem.referrals.models import Enrolment, Referral, SupportStage


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    # The same fast hasher the per-test settings use, so the logins can be checked.
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with fast, django_db_blocker.unblock(), transaction.atomic():
        output = StringIO()
        call_command("load_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


DEMO_APPS = {
    "organisations",
    "programmes",
    "participants",
    "referrals",
    "casework",
    "interventions",
}


def every_count() -> dict[str, int]:
    """Rows in every table of ours, change history included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in DEMO_APPS
    }


@pytest.mark.django_db
def test_the_demo_loads_every_stage_of_the_journey(demo):
    assert "Demo data loaded" in demo
    assert "Password for every demo login: value of DEMO_PASSWORD, default tandem-demo" in demo
    for spec in LOGINS:
        assert spec.username in demo

    # People on a caseload came through a referral; the Behzisti centres' trainees and the
    # beneficiaries of insurance incentives are counted by their own tests.
    referred = Participant.objects.filter(referrals__isnull=False).distinct()
    assert 280 <= referred.count() <= 320
    for country, low in (("GB", 150), ("DK", 60), ("IR", 50)):
        people = referred.filter(owning_organisation__region__country_code=country)
        assert people.count() >= low, country
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert statuses == set(Referral.Status.values)
    assert set(Enrolment.objects.values_list("status", flat=True)) == set(Enrolment.Status.values)
    assert not Enrolment.objects.filter(status="exited", exit_reason="").exists()
    # Every receiving organisation has referrals waiting, some of them urgent.
    for organisation in Organisation.objects.filter(accepts_referrals=True):
        waiting = organisation.referrals_received.filter(status=Referral.Status.RECEIVED)
        assert waiting.exists(), organisation.name
    assert Referral.objects.filter(status="received", urgency="urgent").count() >= 10
    assert not Referral.objects.filter(status="declined", decision_reason="").exists()

    # Nobody is enrolled without consent to take part; health sharing is mostly given.
    enrolled = Participant.objects.filter(enrolments__isnull=False).distinct()
    participation = Consent.objects.filter(
        purpose=ConsentPurpose.PARTICIPATION, status=Consent.Status.GIVEN
    )
    assert set(participation.values_list("participant", flat=True)) == set(
        enrolled.values_list("pk", flat=True)
    )
    withdrawn = Consent.objects.filter(
        purpose=ConsentPurpose.HEALTH_SHARING, status=Consent.Status.WITHDRAWN
    )
    assert withdrawn.exists()
    assert Consent.objects.filter(purpose=ConsentPurpose.EMPLOYER_DISCLOSURE).exists()
    assert set(Note.objects.values_list("sensitivity", flat=True)) == set(Sensitivity.values)

    # The story is months old: nothing in the future, the oldest referral well back.
    now = timezone.now()
    assert not Referral.objects.filter(received_at__gt=now).exists()
    assert not Note.objects.filter(created_at__gt=now).exists()
    oldest = Referral.objects.order_by("received_at").first().received_at
    assert oldest < now - datetime.timedelta(days=180)
    for referral in Referral.objects.exclude(decided_at=None):
        assert referral.decided_at > referral.received_at
    first_history = Participant.history.order_by("history_date").first()
    assert first_history.history_date < now - datetime.timedelta(days=60)


@pytest.mark.django_db
def test_a_second_run_changes_nothing_and_resets_the_password(demo):
    before = every_count()
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert "already loaded" in output.getvalue()
    assert every_count() == before

    with override_settings(DEMO_PASSWORD="another-demo-password"):
        call_command("load_demo", stdout=StringIO())
    assert authenticate(username="advisor.northeast", password="another-demo-password")
    assert every_count() == before


@pytest.mark.django_db
def test_every_demo_login_has_its_documented_role_and_language(demo):
    for spec in LOGINS:
        user = User.objects.get(username=spec.username)
        assert user.language == spec.language
        assert user.full_name == spec.full_name
        memberships = Membership.objects.filter(user=user, is_active=True)
        assert [(m.organisation.name, m.role) for m in memberships] == [
            (spec.organisation, spec.role)
        ]
        assert authenticate(username=spec.username, password=settings.DEMO_PASSWORD) == user
    assert Client().login(username="caseworker.koge", password=settings.DEMO_PASSWORD)

    manager = User.objects.get(username="manager.national")
    assert not manager.memberships.filter(role__in=CASEWORK_ROLES).exists()
    assert not CaseTeamMember.objects.filter(user=manager).exists()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    advisor = Membership.objects.get(user__username="advisor.northeast")
    assert advisor.site.kind == "gp_surgery"
    clinician = Membership.objects.get(user__username="clinician.northeast")
    assert clinician.site.kind == "mental_health_team"


@pytest.mark.django_db
def test_advisor_northeast_runs_an_ips_sized_caseload_with_the_clinician(demo):
    places = CaseTeamMember.objects.filter(
        user__username="advisor.northeast", discipline=Discipline.EMPLOYMENT
    )
    mine = Participant.objects.filter(
        pk__in=places.values("participant"),
        owning_organisation__name="Connect to Work North East",
    )
    active = Enrolment.objects.filter(participant__in=mine, status=Enrolment.Status.ACTIVE)
    assert 18 <= active.count() <= 25

    with_clinician = CaseTeamMember.objects.filter(
        user__username="clinician.northeast",
        discipline=Discipline.HEALTH,
        participant__in=mine,
    ).count()
    assert mine.count() / 4 <= with_clinician <= mine.count() / 2
    assert Note.objects.filter(
        author__username="clinician.northeast", sensitivity="health"
    ).exists()

    physician = CaseTeamMember.objects.filter(
        user__username="physician.koge", discipline=Discipline.OCCUPATIONAL_MEDICINE
    )
    assert physician.exists()
    assert set(physician.values_list("participant__owning_organisation__name", flat=True)) == {
        "Jobcenter Køge"
    }
    assert Participant.objects.filter(
        owning_organisation__name="Jobcenter Køge", benefit_situation="kontanthjaelp", match_group=3
    ).exists()
    assert CaseTeamMember.objects.filter(
        participant__owning_organisation__name="Jobcenter Køge", discipline=Discipline.SOCIAL
    ).exists()


@pytest.mark.django_db
def test_the_gp_referrer_sees_referrals_in_every_status(demo):
    referrer = Membership.objects.get(user__username="referrer.gp", role=Role.REFERRER)
    made = Referral.objects.filter(referring_organisation=referrer.organisation)
    assert set(made.values_list("status", flat=True)) == set(Referral.Status.values)
    assert made.filter(status="received").count() >= 3


@pytest.mark.django_db
def test_every_identifier_and_phone_passes_the_real_checks(demo):
    checked = 0
    for kind, value in Participant.objects.exclude(identifier="").values_list(
        "identifier_kind", "identifier"
    ):
        assert validate_identifier(kind, value) == value
        checked += 1
    for kind, value in Referral.objects.exclude(person_identifier="").values_list(
        "person_identifier_kind", "person_identifier"
    ):
        assert validate_identifier(kind, value) == value
    assert checked >= 280
    phones = Participant.objects.exclude(phone="").values_list(
        "phone", "owning_organisation__region__country_code"
    )
    assert len(phones) >= 280
    for phone, country in phones:
        assert normalise_phone(phone, country_code=country) == phone


def test_the_same_seed_makes_the_same_people():
    today = datetime.date(2026, 3, 2)
    first, second = (PersonMaker(random.Random(7), today) for _ in range(2))
    assert [first.uk("0191 498 0").full_name for _ in range(5)] == [
        second.uk("0191 498 0").full_name for _ in range(5)
    ]
    assert first.dk("koge").identifier == second.dk("koge").identifier
    assert first.ir().phone == second.ir().phone


def test_it_refuses_to_run_in_production():
    with (
        override_settings(PRODUCTION=True),
        pytest.raises(CommandError, match="never loaded in production"),
    ):
        call_command("load_demo", stdout=StringIO())


# Casework -------------------------------------------------------------------------------------


def caseload_of(username: str) -> list[Enrolment]:
    user = User.objects.get(username=username)
    return list(caseload(user=user, key_worker=user))


@pytest.mark.django_db
def test_advisor_northeast_has_a_caseload_that_needs_attention(demo):
    rows = caseload_of("advisor.northeast")
    active = [row for row in rows if row.status == Enrolment.Status.ACTIVE]
    assert 18 <= len(active) <= 24
    assert any(row.status == Enrolment.Status.PAUSED for row in rows)
    # Some, not all, are behind on their plan.
    overdue = [row for row in rows if row.has_overdue]
    assert 2 <= len(overdue) < len(rows) * 0.6
    # Contact recently for most; a silence of over a month for a few.
    today = timezone.localdate()
    gaps = [(today - timezone.localdate(row.last_contact_at)).days for row in rows]
    assert sum(gap > 30 for gap in gaps) >= 2
    assert sum(gap <= 14 for gap in gaps) >= 5
    ends = [(row.support_ends_on - today).days for row in rows]
    assert any(0 < days <= 30 for days in ends)
    assert any(days < 0 for days in ends)
    assert sum(row.next_appointment_at is not None for row in rows) >= 10


@pytest.mark.django_db
def test_coach_mashhad_has_people_in_every_stage_with_history(demo):
    rows = caseload_of("coach.mashhad")
    assert 15 <= len(rows) <= 24
    assert {row.stage for row in rows} == set(SupportStage.values)
    changes = StageChange.objects.filter(enrolment__key_worker__username="coach.mashhad")
    order = {stage: index for index, stage in enumerate(SupportStage.values)}
    backwards = [c for c in changes if c.from_stage and order[c.to_stage] < order[c.from_stage]]
    assert backwards
    assert {change.changed_by.username for change in changes} == {"coach.mashhad"}
    # Moves happened over past months, each enrolment's in order and none in the future.
    now = timezone.now()
    assert changes.order_by("changed_at").first().changed_at < now - datetime.timedelta(days=60)
    assert not changes.filter(changed_at__gt=now).exists()
    for enrolment in Enrolment.objects.filter(key_worker__username="coach.mashhad"):
        moves = list(enrolment.stage_changes.order_by("changed_at", "id"))
        for before, after in itertools.pairwise(moves):
            assert before.to_stage == after.from_stage
        if moves:
            assert enrolment.stage == moves[-1].to_stage
            assert enrolment.stage_since == moves[-1].changed_at


@pytest.mark.django_db
def test_caseworker_koge_is_part_way_through_the_review_queue(demo):
    caseworker = User.objects.get(username="caseworker.koge")
    assert 22 <= len(caseload_of("caseworker.koge")) <= 28
    queue = review_queues(user=caseworker).get(name="Gennemgang af matchgruppe 3 – kontanthjælp")
    assert queue.criteria == {"benefit_situation": "kontanthjaelp", "match_group": 3}
    assert queue.total >= 40
    assert 0 < queue.reviewed < queue.total
    assert 0.3 <= queue.reviewed / queue.total <= 0.5
    assert queue.skipped >= 1
    assert not queue.items.filter(status="skipped", skip_reason="").exists()

    reviews = CaseReview.objects.filter(queue_item__queue=queue).prefetch_related("attendees")
    assert reviews.count() == queue.reviewed
    decisions = [review.decision for review in reviews]
    assert sum(d in ("new_plan", "change_plan") for d in decisions) > len(decisions) / 2
    assert len(set(decisions)) >= 3
    for review in reviews:
        names = {user.username for user in review.attendees.all()}
        assert {"caseworker.koge", "physician.koge"} <= names
        assert names & {"trine.dahl", "anders.friis"}
        assert review.participant_view
    actions = ReviewAction.objects.filter(review__in=reviews)
    today = timezone.localdate()
    assert actions.exclude(completed_on=None).exists()
    assert actions.filter(completed_on=None, due_on__lt=today).exists()
    # Ordinary reviews elsewhere too.
    for country in ("GB", "IR"):
        assert CaseReview.objects.filter(
            queue_item=None, participant__owning_organisation__region__country_code=country
        ).exists()


@pytest.mark.django_db
def test_every_demo_assessment_is_valid_input_and_some_change_over_time(demo):
    assessments = list(Assessment.objects.all())
    assert len(assessments) >= 300
    for assessment in assessments:
        raw = {**assessment.answers, **assessment.health_answers}
        assert _clean_answers(assessment.kind, raw) == (
            assessment.answers,
            assessment.health_answers,
        )
    assert {a.kind for a in assessments} == set(Assessment.Kind.values)
    assert {a.version for a in assessments} >= {1, 2, 3}
    assert any(a.health_answers for a in assessments)
    danish = Assessment.objects.filter(
        kind="health_conversation", participant__owning_organisation__name="Jobcenter Ballerup"
    )
    assert danish.filter(answers__has_key="wishes").exists()


@pytest.mark.django_db
def test_plans_interventions_contacts_and_appointments_cover_every_state(demo):
    plans = Plan.objects.all()
    assert plans.count() >= 150
    assert plans.exclude(agreed_on=None).count() > plans.count() / 2
    assert plans.filter(review_on__lt=timezone.localdate()).exists()
    tracks_per_plan = {len(set(plan.goals.values_list("track", flat=True))) for plan in plans}
    assert tracks_per_plan <= {2, 3, 4}
    assert set(Milestone.objects.values_list("state", flat=True)) == set(Milestone.State.values)
    assert Milestone.objects.exclude(interventions=None).exists()

    for country, currency in (("GB", "GBP"), ("DK", "DKK"), ("IR", "IRR")):
        offers = Intervention.objects.filter(provider__region__country_code=country)
        assert offers.count() >= 5
        assert set(offers.values_list("currency", flat=True)) == {currency}
    assert Intervention.objects.filter(currency="IRR", unit_cost__lt=1_000_000).count() == 0
    statuses = set(InterventionReferral.objects.values_list("status", flat=True))
    assert statuses == set(InterventionReferral.Status.values)
    assert Attendance.objects.filter(attended=False).exists()

    assert set(Contact.objects.values_list("channel", flat=True)) == set(Contact.Channel.values)
    assert set(Contact.objects.values_list("sensitivity", flat=True)) == set(Sensitivity.values)
    now = timezone.now()
    assert not Contact.objects.filter(happened_at__gt=now).exists()
    booked = Appointment.objects.filter(status="booked")
    assert not booked.filter(starts_at__lt=now).exists()
    assert booked.filter(remind_at__lte=now).exists()
    past = set(Appointment.objects.filter(starts_at__lt=now).values_list("status", flat=True))
    assert {"attended", "missed"} <= past


@pytest.mark.django_db
def test_a_demo_loaded_before_casework_is_refused_not_doubled(demo):
    with transaction.atomic():
        ReviewQueue.objects.all().delete()
        with pytest.raises(CommandError, match="Recreate the database"):
            call_command("load_demo", stdout=StringIO())
        transaction.set_rollback(True)
    assert ReviewQueue.objects.exists()
