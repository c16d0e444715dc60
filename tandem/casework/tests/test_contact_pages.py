"""Contacts and appointments pages, and the specialist's reminder list."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem.casework.models import Appointment, Contact
from tandem.core.access import Role
from tandem.testing.factories import ParticipantFactory, staff


def html(response) -> str:
    return response.content.decode()


def contacts_url(world) -> str:
    return f"/participants/{world.participant.ref}/contacts/"


def base(world) -> str:
    return f"/participants/{world.participant.ref}/"


def book(world, *, staff_member=None, starts_in=datetime.timedelta(days=2), **fields):
    fields.setdefault("purpose", "Job search review")
    return Appointment.objects.create(
        participant=fields.pop("participant", world.participant),
        staff=staff_member or world.specialist_a,
        starts_at=timezone.now() + starts_in,
        channel="face_to_face",
        created_by=world.specialist_a,
        **fields,
    )


def contact_form(**overrides) -> dict:
    now = timezone.localtime() - datetime.timedelta(hours=1)
    data = {
        "channel": "phone",
        "date": now.date().isoformat(),
        "time": now.strftime("%H:%M"),
        "summary": "Talked about the interview on Monday.",
        "sensitivity": "general",
    }
    data.update(overrides)
    return data


def appointment_form(world, **overrides) -> dict:
    day = timezone.localdate() + datetime.timedelta(days=3)
    data = {
        "staff": world.specialist_a.pk,
        "date": day.isoformat(),
        "time": "10:30",
        "minutes": "45",
        "channel": "gp_practice",
        "location": "Riverside GP Practice, room 2",
        "purpose": "Plan the first employer visit",
        "remind": "1440",
    }
    data.update(overrides)
    return data


WRONG_PERSONAS = ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]


@pytest.mark.parametrize("persona", WRONG_PERSONAS)
def test_other_organisations_get_404_on_every_page_and_post(world, login, persona):
    appointment = book(world)
    client = login(getattr(world, persona))

    assert client.get(contacts_url(world)).status_code == 404
    assert client.get(f"{base(world)}contacts/new/").status_code == 404
    assert client.post(f"{base(world)}contacts/new/", contact_form()).status_code == 404
    assert client.get(f"{base(world)}appointments/new/").status_code == 404
    assert (
        client.post(f"{base(world)}appointments/new/", appointment_form(world)).status_code == 404
    )
    status_url = f"{base(world)}appointments/{appointment.ref}/status/"
    assert client.post(status_url, {"status": "cancelled"}).status_code == 404
    assert not Contact.objects.exists()
    assert Appointment.objects.get().status == Appointment.Status.BOOKED


def test_a_case_team_clinician_logs_contacts_but_books_no_appointments(world, login):
    client = login(world.clinician_on_team)

    response = client.post(f"{base(world)}contacts/new/", contact_form(channel="gp_practice"))

    assert response.status_code == 302
    assert Contact.objects.get().staff == world.clinician_on_team
    assert client.get(f"{base(world)}appointments/new/").status_code == 404
    appointment = book(world)
    status_url = f"{base(world)}appointments/{appointment.ref}/status/"
    assert client.post(status_url, {"status": "cancelled"}).status_code == 404


def test_recording_a_contact_puts_it_on_the_list(world, login):
    client = login(world.specialist_a)
    assert client.get(f"{base(world)}contacts/new/").status_code == 200

    # Persian digits in the time box are read like Latin ones. Yesterday: before 09:15 a
    # contact at 09:15 today would be in the future.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        f"{base(world)}contacts/new/",
        contact_form(time="۰۹:۱۵", date=yesterday.isoformat(), channel="home_visit"),
    )

    assert response.status_code == 302
    contact = Contact.objects.get()
    assert timezone.localtime(contact.happened_at).time() == datetime.time(9, 15)
    page = html(client.get(contacts_url(world)))
    assert "Talked about the interview on Monday." in page
    assert "Home visit" in page


def test_a_contact_in_the_future_is_refused_at_the_date(world, login):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = login(world.specialist_a).post(
        f"{base(world)}contacts/new/", contact_form(date=tomorrow.isoformat())
    )

    assert response.status_code == 422
    assert "A contact cannot be in the future." in html(response)
    assert 'id="id_date_error"' in html(response)
    assert not Contact.objects.exists()


def test_a_health_contact_is_seen_by_clinicians_on_the_team_and_its_author_only(world, login):
    author = staff("nurse_liaison", world.provider_a, Role.SPECIALIST)
    secret = "Started a new antidepressant last week."
    response = login(author).post(
        f"{base(world)}contacts/new/", contact_form(summary=secret, sensitivity="health")
    )
    assert response.status_code == 302

    for persona in (world.specialist_a, world.social_worker_on_team):
        client = login(persona)
        assert secret not in html(client.get(contacts_url(world)))
        assert secret not in html(client.get(f"{base(world)}timeline/"))
    off_team = login(world.clinician_off_team)
    assert off_team.get(contacts_url(world)).status_code == 404
    assert off_team.get(f"{base(world)}timeline/").status_code == 404
    for persona in (world.clinician_on_team, author):
        client = login(persona)
        assert secret in html(client.get(contacts_url(world)))
        assert secret in html(client.get(f"{base(world)}timeline/"))


def test_a_social_contact_is_seen_by_the_social_worker_not_the_clinician(world, login):
    Contact.objects.create(
        participant=world.participant,
        channel="home_visit",
        happened_at=timezone.now(),
        staff=world.specialist_a,
        summary="Rent arrears worrying her.",
        sensitivity="social",
    )

    assert "Rent arrears" in html(login(world.social_worker_on_team).get(contacts_url(world)))
    assert "Rent arrears" not in html(login(world.clinician_on_team).get(contacts_url(world)))
    assert "Rent arrears" in html(login(world.specialist_a).get(contacts_url(world)))  # author


def test_booking_an_appointment_sets_the_reminder(world, login):
    client = login(world.specialist_a)
    form_page = client.get(f"{base(world)}appointments/new/")
    assert form_page.status_code == 200
    assert f'<option value="{world.specialist_a.pk}" selected>' in html(form_page)

    response = client.post(
        f"{base(world)}appointments/new/",
        appointment_form(world, staff=world.clinician_on_team.pk),
    )

    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.staff == world.clinician_on_team
    assert appointment.remind_at == appointment.starts_at - datetime.timedelta(days=1)
    assert timezone.localtime(appointment.starts_at).time() == datetime.time(10, 30)
    page = html(client.get(contacts_url(world)))
    assert "Plan the first employer visit" in page
    assert "Riverside GP Practice, room 2" in page


def test_an_appointment_without_a_reminder_has_none(world, login):
    login(world.specialist_a).post(
        f"{base(world)}appointments/new/", appointment_form(world, remind="")
    )

    assert Appointment.objects.get().remind_at is None


def test_an_appointment_in_the_past_is_refused(world, login):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = login(world.specialist_a).post(
        f"{base(world)}appointments/new/", appointment_form(world, date=yesterday.isoformat())
    )

    assert response.status_code == 422
    assert "Book appointments in the future." in html(response)
    assert 'id="id_date_error"' in html(response)
    assert not Appointment.objects.exists()


def test_appointments_list_upcoming_first_then_past(world, login):
    book(world, purpose="Next week's session", starts_in=datetime.timedelta(days=7))
    book(world, purpose="Tomorrow's session", starts_in=datetime.timedelta(days=1))
    book(world, purpose="Last month's session", starts_in=-datetime.timedelta(days=30))

    page = html(login(world.specialist_a).get(contacts_url(world)))

    assert (
        page.index("Tomorrow&#x27;s session")
        < page.index("Next week&#x27;s session")
        < page.index("Last month&#x27;s session")
    )


def test_outcome_of_an_appointment(world, login):
    client = login(world.specialist_a)
    future = book(world)
    past = book(world, starts_in=-datetime.timedelta(hours=2))

    early = client.post(f"{base(world)}appointments/{future.ref}/status/", {"status": "attended"})
    assert early.status_code == 422
    assert "once it has started" in html(early)
    future.refresh_from_db()
    assert future.status == Appointment.Status.BOOKED

    assert (
        client.post(f"{base(world)}appointments/{past.ref}/status/", {"status": "missed"})
    ).status_code == 302
    assert (
        client.post(f"{base(world)}appointments/{future.ref}/status/", {"status": "cancelled"})
    ).status_code == 302
    past.refresh_from_db()
    future.refresh_from_db()
    assert (past.status, future.status) == ("missed", "cancelled")


def test_an_appointment_of_someone_else_is_404_under_this_persons_address(world, login):
    other = book(world, participant=ParticipantFactory(owning_organisation=world.provider_a))

    response = login(world.specialist_a).post(
        f"{base(world)}appointments/{other.ref}/status/", {"status": "cancelled"}
    )

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == Appointment.Status.BOOKED


def test_reminders_show_the_signed_in_users_due_appointments_only(world, login):
    now = timezone.now()
    book(world, purpose="Due soon", remind_at=now - datetime.timedelta(hours=1))
    book(world, purpose="Not yet", remind_at=now + datetime.timedelta(hours=5))
    book(
        world,
        purpose="Started an hour ago",
        starts_in=-datetime.timedelta(hours=1),
        remind_at=now - datetime.timedelta(days=1),
    )
    book(
        world,
        purpose="Long past",
        starts_in=-datetime.timedelta(days=3),
        remind_at=now - datetime.timedelta(days=4),
    )
    book(
        world,
        purpose="Called off",
        status=Appointment.Status.CANCELLED,
        remind_at=now - datetime.timedelta(hours=1),
    )
    book(
        world,
        staff_member=world.social_worker_on_team,
        purpose="Colleague's appointment",
        remind_at=now - datetime.timedelta(hours=1),
    )

    page = html(login(world.specialist_a).get("/reminders/"))

    assert "Due soon" in page
    assert "Started an hour ago" in page
    for hidden in ("Not yet", "Long past", "Called off", "Colleague"):
        assert hidden not in page
    assert "2 appointments of yours" in page
    colleague = html(login(world.social_worker_on_team).get("/reminders/"))
    assert "Colleague&#x27;s appointment" in colleague
    assert "Due soon" not in colleague


def test_reminders_page_for_someone_with_none(world, login):
    response = login(world.specialist_b).get("/reminders/")

    assert response.status_code == 200
    assert "No reminders are due." in html(response)


def test_contacts_page_queries_do_not_grow_with_the_record(world, login):
    client = login(world.specialist_a)

    def add(count):
        for number in range(count):
            book(world, purpose=f"Upcoming {number}")
            book(world, purpose=f"Past {number}", starts_in=-datetime.timedelta(days=number + 1))
            Contact.objects.create(
                participant=world.participant,
                channel="phone",
                happened_at=timezone.now(),
                staff=world.social_worker_on_team,
                summary=f"Call {number}",
            )

    add(1)
    with CaptureQueriesContext(connection) as few:
        client.get(contacts_url(world))
    add(6)
    with CaptureQueriesContext(connection) as many:
        client.get(contacts_url(world))

    assert len(many) == len(few)
