"""Programme managers see counts, never people; small counts are suppressed.

A count of one or two in a small area can identify someone, so 1-4 is shown as
"fewer than 5"; 5 and more are shown as numbers.
"""

import re

import pytest

from tandem.referrals import services
from tandem.referrals.models import Referral
from tandem.testing.factories import ParticipantFactory, ReferralFactory

SUPPRESSED = "fewer than 5"
COLUMNS = ("received", "waiting", "accepted", "declined", "active")


def referrals(world, count: int, **fields) -> list[Referral]:
    fields.setdefault("referring_organisation", world.gp_practice)
    fields.setdefault("receiving_organisation", world.provider_a)
    return [
        ReferralFactory(person_name=f"Person {fields.get('status', 'received')} {n}", **fields)
        for n in range(count)
    ]


def accepted(world, count: int) -> None:
    for referral in referrals(world, count):
        services.referral_accept(
            actor=world.specialist_a,
            referral=referral,
            programme=world.programme,
            consent_method="verbal",
        )


def row_for(page: str, programme_name: str) -> dict[str, str]:
    """The figures in the programme's row of the overview table, by column."""
    row = re.search(
        rf"<tr>\s*<th scope=\"row\">{re.escape(programme_name)}</th>(.*?)</tr>", page, re.S
    )
    assert row is not None, f"no row for {programme_name}"
    cells = re.findall(r'<td class="num">(.*?)</td>', row.group(1), re.S)
    texts = [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells]
    return dict(zip(COLUMNS, texts, strict=True))


def overview(world, login) -> str:
    response = login(world.programme_manager).get("/overview/")
    assert response.status_code == 200
    return response.content.decode()


# --- who may open it ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona",
    [
        "specialist_a",
        "specialist_b",
        "clinician_on_team",
        "clinician_off_team",
        "social_worker_on_team",
        "referrer",
    ],
)
def test_overview_is_404_for_everyone_but_the_programme_manager(world, login, persona):
    assert login(getattr(world, persona)).get("/overview/").status_code == 404


def test_overview_needs_a_sign_in(world, client):
    response = client.get("/overview/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_programme_manager_lands_on_the_overview(world, login):
    response = login(world.programme_manager).get("/")

    assert response.status_code == 302
    assert response["Location"] == "/overview/"


# --- what it shows ------------------------------------------------------------------------------


def test_overview_shows_counts_and_never_a_person(world, login):
    referrals(world, 6)
    accepted(world, 1)

    page = overview(world, login)

    assert world.programme.name in page
    assert row_for(page, world.programme.name)["received"] == "7"
    assert "Person received" not in page
    assert world.participant.full_name not in page
    assert world.participant.ref not in page
    for referral in Referral.objects.all():
        assert referral.person_name not in page
        assert referral.ref not in page
    assert "/participants/" not in page
    assert "/referrals/" not in page


def test_small_counts_are_suppressed_and_five_or_more_are_shown(world, login):
    referrals(world, 5)  # waiting: exactly 5, shown
    referrals(world, 2, status="declined", decision_reason="Full")  # 2: suppressed
    accepted(world, 3)  # 3 accepted, 3 active: suppressed

    figures = row_for(overview(world, login), world.programme.name)

    assert figures == {
        "received": "10",
        "waiting": "5",
        "accepted": SUPPRESSED,
        "declined": SUPPRESSED,
        "active": SUPPRESSED,
    }


def test_counts_of_five_or_more_enrolments_are_shown(world, login):
    accepted(world, 6)
    referrals(world, 1)
    referrals(world, 4, status="declined", decision_reason="Full")

    figures = row_for(overview(world, login), world.programme.name)

    assert figures["accepted"] == "6"
    assert figures["active"] == "6"
    assert figures["waiting"] == SUPPRESSED
    assert figures["declined"] == SUPPRESSED
    assert figures["received"] == "11"


def test_a_count_of_one_is_never_shown_as_one(world, login):
    referrals(world, 1)

    figures = row_for(overview(world, login), world.programme.name)

    assert figures["received"] == SUPPRESSED
    assert figures["waiting"] == SUPPRESSED


def test_referrals_to_organisations_outside_the_programme_are_not_counted(world, login):
    referrals(world, 6, receiving_organisation=world.trust)

    figures = row_for(overview(world, login), world.programme.name)

    assert figures["received"] == "0"


# --- a programme manager sees nobody ------------------------------------------------------------

PARTICIPANT_PAGES = [
    "/participants/{ref}/",
    "/participants/{ref}/edit/",
    "/participants/{ref}/consent/",
    "/participants/{ref}/team/",
    "/participants/{ref}/health/",
    "/participants/{ref}/access-log/",
    "/participants/{ref}/access-log.csv",
    "/participants/{ref}/history/",
    "/participants/new/",
]
PARTICIPANT_WRITES = [
    "/participants/{ref}/edit/",
    "/participants/{ref}/consent/",
    "/participants/{ref}/notes/",
    "/participants/{ref}/team/",
    "/participants/{ref}/health/",
    "/participants/new/",
]


@pytest.mark.parametrize("path", PARTICIPANT_PAGES)
def test_programme_manager_gets_404_on_every_participant_page(world, login, path):
    response = login(world.programme_manager).get(path.format(ref=world.participant.ref))

    assert response.status_code == 404
    assert world.participant.full_name not in response.content.decode()


@pytest.mark.parametrize("path", PARTICIPANT_WRITES)
def test_programme_manager_cannot_write_to_a_participant(world, login, path):
    notes = world.participant.notes.count()

    response = login(world.programme_manager).post(
        path.format(ref=world.participant.ref),
        {"text": "A note", "sensitivity": "general", "full_name": "Changed Name"},
    )

    assert response.status_code == 404
    world.participant.refresh_from_db()
    assert world.participant.full_name == "Alex Morgan"
    assert world.participant.notes.count() == notes


def test_programme_manager_sees_nobody_in_the_participant_list(world, login):
    response = login(world.programme_manager).get("/participants/")

    assert response.status_code in (200, 404)
    assert world.participant.full_name not in response.content.decode()
    assert world.participant.ref not in response.content.decode()


def test_programme_manager_gets_no_people_from_the_api(world, api):
    ParticipantFactory(owning_organisation=world.provider_b)
    referrals(world, 3)
    client = api(world.programme_manager)

    participants = client.get("/participants")
    listed_referrals = client.get("/referrals")
    one = client.get(f"/participants/{world.participant.ref}")
    one_referral = client.get(f"/referrals/{Referral.objects.first().ref}")

    assert participants.status_code == listed_referrals.status_code == 200
    assert participants.json()["count"] == 0
    assert participants.json()["items"] == []
    assert listed_referrals.json()["count"] == 0
    assert listed_referrals.json()["items"] == []
    assert one.status_code == one_referral.status_code == 404
