"""Two enrolments for the last place at the same moment: exactly one gets it.

Needs a database with row locks (PostgreSQL); SQLite serialises writers anyway."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tandem.centres import services
from tandem.centres.models import Trainee
from tandem.centres.tests import factories as f
from tandem.testing.factories import ParticipantFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_simultaneous_enrolments_cannot_both_take_the_last_place(cw):
    f.grant(cw.manager_a, cw.monitor, cw.centre_a)
    services.centre_update(actor=cw.monitor, centre=cw.centre_a, capacity=1, address="", trades="")
    cohort = f.make_cohort(cw.manager_a, cw.centre_a)
    people = [
        ParticipantFactory(owning_organisation=cw.centre_a.organisation, full_name=name)
        for name in ("First", "Second")
    ]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def enrol(person):
        try:
            barrier.wait()
            services.trainee_enrol(actor=cw.manager_a, cohort=cohort, participant=person)
            outcomes.append("enrolled")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enrol, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["The centre is full: 1 of 1 places taken", "enrolled"]
    assert Trainee.objects.filter(centre=cw.centre_a).count() == 1
