"""Licences from application to revocation, the capacity limit, exits and follow-ups."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tandem.centres import selectors, services
from tandem.centres.models import FollowUp, Licence, Trainee
from tandem.centres.tests import factories as f

pytestmark = pytest.mark.django_db
D = datetime.timedelta


def test_licence_goes_from_application_to_grant_and_is_kept_in_history(cw):
    licence = f.grant(cw.manager_a, cw.monitor, cw.centre_a)
    assert licence.status == Licence.Status.GRANTED
    assert licence.is_valid_on(f.today())
    statuses = [h.status for h in licence.history.order_by("history_date")]
    assert statuses == ["applied", "under_review", "inspected", "granted"]


def test_a_second_application_while_one_is_live_is_refused(cw):
    f.apply(cw.manager_a, cw.centre_a)
    with pytest.raises(ValidationError, match="already has an application"):
        f.apply(cw.manager_a, cw.centre_a)
    assert cw.centre_a.licences.count() == 1


def test_grant_needs_an_inspection_first_and_an_end_after_the_start(cw):
    licence = f.apply(cw.manager_a, cw.centre_a)
    with pytest.raises(ValidationError):
        services.licence_grant(
            actor=cw.monitor,
            licence=licence,
            number="X",
            valid_from=f.today(),
            valid_to=f.today() + D(days=30),
        )
    services.licence_review_start(actor=cw.monitor, licence=licence)
    services.licence_inspect(
        actor=cw.monitor,
        licence=licence,
        inspected_on=f.today(),
        inspector="A",
        findings="Fine",
    )
    with pytest.raises(ValidationError) as error:
        services.licence_grant(
            actor=cw.monitor, licence=licence, number="X", valid_from=f.today(), valid_to=f.today()
        )
    assert "valid_to" in error.value.message_dict
    licence.refresh_from_db()
    assert licence.status == Licence.Status.INSPECTED and licence.number == ""


def test_refusal_needs_a_reason_and_allows_a_new_application(cw):
    licence = f.apply(cw.manager_a, cw.centre_a)
    with pytest.raises(ValidationError):
        services.licence_refuse(actor=cw.monitor, licence=licence, reason="  ")
    services.licence_refuse(actor=cw.monitor, licence=licence, reason="No fire exit")
    licence.refresh_from_db()
    assert licence.status == Licence.Status.REFUSED
    assert f.apply(cw.manager_a, cw.centre_a).status == Licence.Status.APPLIED


def test_suspend_reinstate_renew_and_revoke(cw):
    licence = f.grant(cw.manager_a, cw.monitor, cw.centre_a)
    services.licence_suspend(actor=cw.monitor, licence=licence, reason="Complaint")
    licence.refresh_from_db()
    assert not licence.is_valid_on(f.today())
    services.licence_reinstate(actor=cw.monitor, licence=licence)
    licence.refresh_from_db()
    assert licence.status == Licence.Status.GRANTED
    with pytest.raises(ValidationError):
        services.licence_renew(actor=cw.manager_a, licence=licence, valid_to=licence.valid_to)
    new_end = licence.valid_to + D(days=365)
    services.licence_renew(actor=cw.manager_a, licence=licence, valid_to=new_end)
    licence.refresh_from_db()
    assert (licence.status, licence.valid_to) == (Licence.Status.RENEWED, new_end)
    services.licence_revoke(actor=cw.monitor, licence=licence, reason="Closed")
    licence.refresh_from_db()
    assert licence.status == Licence.Status.REVOKED
    with pytest.raises(ValidationError):
        services.licence_reinstate(actor=cw.monitor, licence=licence)


def test_enrolment_needs_a_valid_licence(cw):
    cohort = f.make_cohort(cw.manager_a, cw.centre_a)
    with pytest.raises(ValidationError, match="no licence"):
        f.enrol(cw.manager_a, cohort)
    licence = f.grant(cw.manager_a, cw.monitor, cw.centre_a)
    services.licence_suspend(actor=cw.monitor, licence=licence, reason="Complaint")
    with pytest.raises(ValidationError, match="suspended"):
        f.enrol(cw.manager_a, cohort)
    services.licence_reinstate(actor=cw.monitor, licence=licence)
    Licence.objects.filter(pk=licence.pk).update(valid_to=f.today() - D(days=1))
    with pytest.raises(ValidationError, match="not valid"):
        f.enrol(cw.manager_a, cohort, enrolled_on=f.today())
    assert not Trainee.objects.exists()


def test_capacity_is_enforced_with_a_clear_message(licensed):
    cw = licensed
    services.centre_update(actor=cw.monitor, centre=cw.centre_a, capacity=2, address="", trades="")
    cw.centre_a.refresh_from_db()
    cohort = f.make_cohort(cw.manager_a, cw.centre_a)
    first = f.enrol(cw.manager_a, cohort)
    f.enrol(cw.manager_a, cohort)
    with pytest.raises(ValidationError) as error:
        f.enrol(cw.manager_a, cohort)
    assert error.value.messages == ["The centre is full: 2 of 2 places taken"]
    assert Trainee.objects.filter(centre=cw.centre_a).count() == 2
    # The other centre's trainees do not count against this one.
    f.enrol(cw.manager_b, f.make_cohort(cw.manager_b, cw.centre_b))
    # A place freed by an exit can be taken again.
    f.leave(cw.manager_a, first, Trainee.Status.DROPPED_OUT, f.today())
    f.enrol(cw.manager_a, cohort)
    assert selectors.in_training_count(centre=cw.centre_a) == 2


def test_capacity_message_in_persian(licensed):
    cw = licensed
    services.centre_update(actor=cw.monitor, centre=cw.centre_a, capacity=1, address="", trades="")
    cohort = f.make_cohort(cw.manager_a, cw.centre_a)
    f.enrol(cw.manager_a, cohort)
    with translation.override("fa"), pytest.raises(ValidationError) as error:
        f.enrol(cw.manager_a, cohort)
    # The numbers are placeholders: whatever the translation, they are in it.
    assert "1" in error.value.messages[0] or "۱" in error.value.messages[0]


def test_the_default_capacity_is_sixty(cw):
    assert cw.centre_a.capacity == 60


def test_enrolment_locks_the_centre_row(licensed, django_assert_max_num_queries):
    cw = licensed
    cohort = f.make_cohort(cw.manager_a, cw.centre_a)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        f.enrol(cw.manager_a, cohort)
    centre_selects = [q["sql"] for q in queries if 'FROM "centres_centre"' in q["sql"]]
    assert centre_selects, "the centre row is read (and locked on PostgreSQL) first"


def test_only_people_of_the_centre_can_be_enrolled_and_not_twice(licensed):
    cw = licensed
    cohort = f.make_cohort(cw.manager_a, cw.centre_a)
    trainee = f.enrol(cw.manager_a, cohort)
    with pytest.raises(ValidationError, match="already in training"):
        services.trainee_enrol(actor=cw.manager_a, cohort=cohort, participant=trainee.participant)
    outsider = f.enrol(cw.manager_b, f.make_cohort(cw.manager_b, cw.centre_b)).participant
    with pytest.raises(ValidationError, match="works with"):
        services.trainee_enrol(actor=cw.manager_a, cohort=cohort, participant=outsider)


def test_a_new_person_is_created_for_the_centre(licensed):
    cw = licensed
    cohort = f.make_cohort(cw.manager_a, cw.centre_a)
    trainee = services.trainee_enrol(
        actor=cw.manager_a, cohort=cohort, new_person={"full_name": "Sara Ahmadi"}
    )
    assert trainee.participant.owning_organisation == cw.centre_a.organisation
    with pytest.raises(ValidationError):
        services.trainee_enrol(actor=cw.manager_a, cohort=cohort, new_person={"full_name": ""})


def test_a_successful_exit_schedules_a_year_of_follow_ups(licensed):
    cw = licensed
    cohort = f.make_cohort(cw.manager_a, cw.centre_a, starts_on=f.today() - D(days=200))
    trainee = f.enrol(cw.manager_a, cohort)
    exited = f.today() - D(days=100)
    f.leave(cw.manager_a, trainee, Trainee.Status.PLACED, exited)
    due = list(trainee.follow_ups.values_list("week", "due_on"))
    assert due == [(week, exited + D(weeks=week)) for week in (13, 26, 39, 52)]
    overdue = selectors.due_follow_ups(user=cw.manager_a)
    assert [fu.week for fu in overdue] == [13]
    assert not selectors.due_follow_ups(user=cw.manager_b).exists()
    services.follow_up_record(actor=cw.manager_a, follow_up=overdue[0], still_working=True)
    assert not selectors.due_follow_ups(user=cw.manager_a).exists()
    with pytest.raises(ValidationError):
        services.follow_up_record(
            actor=cw.manager_a, follow_up=trainee.follow_ups.first(), still_working=True
        )


def test_exit_input_is_checked_and_nothing_changes(licensed):
    cw = licensed
    cohort = f.make_cohort(cw.manager_a, cw.centre_a)
    trainee = f.enrol(cw.manager_a, cohort)
    for kwargs in (
        {"outcome": "placed", "exited_on": f.today(), "job": ""},
        {"outcome": "dropped_out", "exited_on": f.today(), "reason": ""},
        {"outcome": "placed", "exited_on": f.today() + D(days=1), "job": "x"},
        {"outcome": "placed", "exited_on": cohort.starts_on - D(days=1), "job": "x"},
        {"outcome": "vanished", "exited_on": f.today()},
    ):
        with pytest.raises(ValidationError):
            services.trainee_exit(actor=cw.manager_a, trainee=trainee, **kwargs)
    trainee.refresh_from_db()
    assert trainee.status == Trainee.Status.IN_TRAINING
    assert not FollowUp.objects.exists()
    f.leave(cw.manager_a, trainee, Trainee.Status.DROPPED_OUT, f.today())
    assert not FollowUp.objects.exists()
    with pytest.raises(ValidationError, match="already left"):
        f.leave(cw.manager_a, trainee, Trainee.Status.PLACED, f.today())
