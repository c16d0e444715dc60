"""The participant pages, as the people using them meet them.

Every page answers the right person and gives everyone else the same 404 as a record that
does not exist, and changes nothing for them.
"""

import csv
import io
import re

import pytest
from django.utils.html import escape

from tandem.core.access import Discipline, Role, Sensitivity
from tandem.core.identifiers import IdentifierKind
from tandem.participants import services
from tandem.participants.models import (
    AccessLogEntry,
    CaseTeamMember,
    Consent,
    ConsentPurpose,
    HealthCondition,
    Note,
    Participant,
)
from tandem.testing.factories import (
    CaseTeamMemberFactory,
    NoteFactory,
    ParticipantFactory,
    staff,
)

OUTSIDERS = ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]
VALID_NHS = "9434765919"
VALID_CPR = "0101901234"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
STALE_MESSAGE = "Someone else changed this record while you were editing it."


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Argon2 costs about 150 ms a user and the world makes seven of them, in every test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def iranian_code(first_nine: str) -> str:
    """A valid Iranian national code: weights 10..2 on the first nine digits, mod 11."""
    remainder = sum(int(digit) * (10 - i) for i, digit in enumerate(first_nine)) % 11
    return first_nine + str(remainder if remainder < 2 else 11 - remainder)


VALID_IRANIAN = iranian_code("001354241")  # 0013542419


def persian(text: str) -> str:
    return text.translate(PERSIAN_DIGITS)


def last_log_id() -> int:
    last = AccessLogEntry.objects.order_by("-id").first()
    return last.id if last else 0


def log_since(log_id: int) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(id__gt=log_id).order_by("id"))


def field_error(content: str, field: str) -> str:
    """The error message shown at one field of a form ('' if none)."""
    match = re.search(rf'id="id_{field}_error">(.*?)</p>', content, re.DOTALL)
    return match.group(1) if match else ""


# --- who may open each page ----------------------------------------------------------------

GET_PAGES = {
    "detail": (
        "/participants/{ref}/",
        ["specialist_a", "clinician_on_team", "social_worker_on_team"],
    ),
    "edit": ("/participants/{ref}/edit/", ["specialist_a", "social_worker_on_team"]),
    "consent": ("/participants/{ref}/consent/", ["specialist_a"]),
    "team_add": ("/participants/{ref}/team/", ["specialist_a"]),
    "health_add": ("/participants/{ref}/health/", ["specialist_a", "clinician_on_team"]),
    "access_log": ("/participants/{ref}/access-log/", ["specialist_a"]),
    "access_log_csv": ("/participants/{ref}/access-log.csv", ["specialist_a"]),
    "history": ("/participants/{ref}/history/", ["specialist_a"]),
}
# Pages that change the record are for the owning organisation's staff only: a case-team
# member from another organisation (clinician_on_team) may read, not change.
OWNING_ORGANISATION_ONLY = {
    "edit",
    "consent",
    "team_add",
    "access_log",
    "access_log_csv",
    "history",
}


@pytest.mark.parametrize("page", sorted(GET_PAGES))
def test_page_answers_the_right_people(world, login, page):
    template, allowed = GET_PAGES[page]
    for name in allowed:
        response = login(getattr(world, name)).get(template.format(ref=world.participant.ref))
        assert response.status_code == 200, name


@pytest.mark.parametrize("page", sorted(GET_PAGES))
def test_page_is_404_for_the_wrong_people_and_logs_nothing(world, login, page):
    template, _allowed = GET_PAGES[page]
    wrong = OUTSIDERS + (["clinician_on_team"] if page in OWNING_ORGANISATION_ONLY else [])
    before = last_log_id()
    for name in wrong:
        client = login(getattr(world, name))
        response = client.get(template.format(ref=world.participant.ref))
        assert response.status_code == 404, name
        assert world.participant.full_name not in response.content.decode(), name
        # Same answer as a record that does not exist.
        assert client.get(template.format(ref="nosuchref234")).status_code == 404
    assert log_since(before) == []


@pytest.mark.parametrize("page", sorted(OWNING_ORGANISATION_ONLY - {"access_log_csv"}))
def test_posting_to_a_page_as_the_wrong_person_changes_nothing(world, login, page):
    template, _allowed = GET_PAGES[page]
    url = template.format(ref=world.participant.ref)
    payload = {
        "full_name": "Changed Name",
        "benefit_situation": "none",
        "dependent_children": "0",
        "version": "1",
        "purpose": ConsentPurpose.HEALTH_SHARING,
        "status": Consent.Status.WITHDRAWN,
        "method": Consent.Method.VERBAL,
        "user": "clinician_off",
        "discipline": Discipline.HEALTH,
        "description": "Epilepsy",
    }
    counts = (Consent.objects.count(), CaseTeamMember.objects.count())
    for name in [*OUTSIDERS, "clinician_on_team"]:
        assert login(getattr(world, name)).post(url, payload).status_code == 404, name
    world.participant.refresh_from_db()
    assert world.participant.full_name == "Alex Morgan"
    assert world.participant.version == 1
    assert (Consent.objects.count(), CaseTeamMember.objects.count()) == counts


def test_health_page_post_by_the_wrong_people_records_nothing(world, login):
    url = f"/participants/{world.participant.ref}/health/"
    for name in OUTSIDERS:
        response = login(getattr(world, name)).post(url, {"description": "Epilepsy"})
        assert response.status_code == 404, name
    assert not HealthCondition.objects.exists()


def test_notes_post_right_people_add_wrong_people_get_404(world, login):
    url = f"/participants/{world.participant.ref}/notes/"
    for name in ["specialist_a", "clinician_on_team"]:
        response = login(getattr(world, name)).post(
            url, {"sensitivity": Sensitivity.GENERAL, "text": f"Note from {name}"}
        )
        assert response.status_code == 302, name
        assert Note.objects.filter(author=getattr(world, name), text=f"Note from {name}").exists()
    for name in OUTSIDERS:
        response = login(getattr(world, name)).post(
            url, {"sensitivity": Sensitivity.GENERAL, "text": "Sneaky"}
        )
        assert response.status_code == 404, name
    assert not Note.objects.filter(text="Sneaky").exists()


def test_team_remove_right_person_removes_wrong_people_get_404(world, login):
    place = CaseTeamMember.objects.get(
        participant=world.participant, user=world.social_worker_on_team
    )
    url = f"/participants/{world.participant.ref}/team/{place.ref}/remove/"
    for name in [*OUTSIDERS, "clinician_on_team"]:
        assert login(getattr(world, name)).post(url).status_code == 404, name
    assert CaseTeamMember.objects.filter(pk=place.pk).exists()
    response = login(world.specialist_a).post(url)
    assert response.status_code == 302
    assert not CaseTeamMember.objects.filter(pk=place.pk).exists()


def test_team_remove_cannot_reach_another_participants_team(world, login):
    other = ParticipantFactory(owning_organisation=world.provider_b)
    place = CaseTeamMemberFactory(participant=other, user=world.specialist_b)
    response = login(world.specialist_a).post(
        f"/participants/{world.participant.ref}/team/{place.ref}/remove/"
    )
    assert response.status_code == 404
    assert CaseTeamMember.objects.filter(pk=place.pk).exists()


def test_create_page_is_for_staff_who_can_write(world, login):
    assert login(world.specialist_a).get("/participants/new/").status_code == 200
    for name in ["referrer", "programme_manager", "clinician_off_team", "clinician_on_team"]:
        assert login(getattr(world, name)).get("/participants/new/").status_code == 404, name
        response = login(getattr(world, name)).post(
            "/participants/new/", {"full_name": "Nobody", "dependent_children": "0"}
        )
        assert response.status_code == 404, name
    assert not Participant.objects.filter(full_name="Nobody").exists()


@pytest.mark.parametrize(
    "url",
    ["/participants/", "/participants/new/", "/participants/{ref}/", "/participants/{ref}/edit/"],
)
def test_anonymous_visitors_are_sent_to_sign_in(world, client, url):
    before = last_log_id()
    response = client.get(url.format(ref=world.participant.ref))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert log_since(before) == []


# --- list and search -----------------------------------------------------------------------


def test_list_shows_own_people_and_the_case_teams_people(world, login):
    colleague_record = ParticipantFactory(
        owning_organisation=world.provider_a, full_name="Sam Taylor"
    )
    other_record = ParticipantFactory(owning_organisation=world.provider_b, full_name="Bo Jensen")

    content = login(world.specialist_a).get("/participants/").content.decode()
    assert "Alex Morgan" in content and "Sam Taylor" in content
    assert "Bo Jensen" not in content and other_record.ref not in content

    content = login(world.clinician_on_team).get("/participants/").content.decode()
    assert "Alex Morgan" in content and world.participant.ref in content
    assert "Sam Taylor" not in content and colleague_record.ref not in content

    content = login(world.specialist_b).get("/participants/").content.decode()
    assert "Bo Jensen" in content
    assert "Alex Morgan" not in content and world.participant.ref not in content


@pytest.mark.parametrize("name", OUTSIDERS)
def test_list_and_search_never_show_someone_elses_participant(world, login, name):
    Participant.objects.filter(pk=world.participant.pk).update(
        identifier_kind=IdentifierKind.NHS, identifier=VALID_NHS
    )
    client = login(getattr(world, name))
    for search in ["", "Alex", "morgan", VALID_NHS, "943 476 5919"]:
        response = client.get("/participants/", {"search": search})
        assert response.status_code == 200
        content = response.content.decode()
        assert "Alex Morgan" not in content, (name, search)
        assert world.participant.ref not in content, (name, search)


def test_search_by_name_is_case_insensitive_and_partial(world, login):
    ParticipantFactory(owning_organisation=world.provider_a, full_name="Sam Taylor")
    content = login(world.specialist_a).get("/participants/", {"search": "MORG"}).content.decode()
    assert "Alex Morgan" in content
    assert "Sam Taylor" not in content


@pytest.mark.parametrize(
    ("kind", "stored", "typed"),
    [
        (IdentifierKind.NHS, VALID_NHS, VALID_NHS),
        (IdentifierKind.NHS, VALID_NHS, "943 476 5919"),
        (IdentifierKind.IR_NATIONAL_CODE, VALID_IRANIAN, persian(VALID_IRANIAN)),
        (IdentifierKind.IR_NATIONAL_CODE, VALID_IRANIAN, persian("001-354241-9")),
        (IdentifierKind.CPR, VALID_CPR, "010190-1234"),
    ],
)
def test_search_by_national_identifier(world, login, kind, stored, typed):
    Participant.objects.filter(pk=world.participant.pk).update(
        identifier_kind=kind, identifier=stored
    )
    ParticipantFactory(owning_organisation=world.provider_a, full_name="Sam Taylor")
    content = login(world.specialist_a).get("/participants/", {"search": typed}).content.decode()
    assert "Alex Morgan" in content
    assert "Sam Taylor" not in content


def test_listing_and_searching_write_no_access_log(world, login):
    before = last_log_id()
    client = login(world.specialist_a)
    client.get("/participants/")
    client.get("/participants/", {"search": "Alex"})
    assert log_since(before) == []


# --- notes on the detail page ----------------------------------------------------------------


def test_adding_a_note_with_the_chosen_sensitivity(world, login):
    response = login(world.specialist_a).post(
        f"/participants/{world.participant.ref}/notes/",
        {"sensitivity": Sensitivity.SOCIAL, "text": "  Needs help with the gas bill.  "},
    )
    assert response.status_code == 302
    note = Note.objects.get(participant=world.participant)
    assert (note.author, note.sensitivity, note.text) == (
        world.specialist_a,
        Sensitivity.SOCIAL,
        "Needs help with the gas bill.",
    )
    social_worker_page = login(world.social_worker_on_team).get(
        f"/participants/{world.participant.ref}/"
    )
    assert "Needs help with the gas bill." in social_worker_page.content.decode()
    clinician_page = login(world.clinician_on_team).get(f"/participants/{world.participant.ref}/")
    assert "Needs help with the gas bill." not in clinician_page.content.decode()


def test_an_empty_note_is_refused_with_a_message(world, login):
    response = login(world.specialist_a).post(
        f"/participants/{world.participant.ref}/notes/",
        {"sensitivity": Sensitivity.GENERAL, "text": "   "},
    )
    assert response.status_code == 422
    assert "There is a problem" in response.content.decode()
    assert not Note.objects.exists()


def test_a_refused_note_that_shows_the_record_again_is_logged(world, login):
    before = last_log_id()
    response = login(world.specialist_a).post(
        f"/participants/{world.participant.ref}/notes/", {"sensitivity": "general", "text": ""}
    )
    assert response.status_code == 422
    assert "Alex Morgan" in response.content.decode()
    entries = log_since(before)
    assert [(e.user, e.action, e.channel) for e in entries] == [
        (world.specialist_a, AccessLogEntry.Action.VIEW_RECORD, AccessLogEntry.Channel.WEB)
    ]


# --- access log ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "grounds"),
    [
        ("specialist_a", AccessLogEntry.Grounds.OWNING_ORGANISATION),
        ("clinician_on_team", AccessLogEntry.Grounds.CASE_TEAM),
        ("social_worker_on_team", AccessLogEntry.Grounds.OWNING_ORGANISATION),
    ],
)
def test_opening_the_record_writes_one_access_log_entry(world, login, name, grounds):
    user = getattr(world, name)
    before = last_log_id()
    login(user).get(f"/participants/{world.participant.ref}/")
    entries = log_since(before)
    assert [(e.participant, e.user, e.action, e.channel, e.grounds) for e in entries] == [
        (
            world.participant,
            user,
            AccessLogEntry.Action.VIEW_RECORD,
            AccessLogEntry.Channel.WEB,
            grounds,
        )
    ]


def test_the_access_log_page_shows_reads_and_is_itself_logged(world, login):
    login(world.clinician_on_team).get(f"/participants/{world.participant.ref}/")
    before = last_log_id()
    response = login(world.specialist_a).get(f"/participants/{world.participant.ref}/access-log/")
    content = response.content.decode()
    assert escape(world.clinician_on_team.display_name) in content
    assert "Viewed the record" in content
    assert "Member of the case team" in content
    entries = log_since(before)
    assert [(e.user, e.action, e.channel, e.grounds) for e in entries] == [
        (
            world.specialist_a,
            AccessLogEntry.Action.VIEW_ACCESS_LOG,
            AccessLogEntry.Channel.WEB,
            AccessLogEntry.Grounds.OWNING_ORGANISATION,
        )
    ]


def test_access_log_csv_holds_every_read(world, login, api):
    login(world.clinician_on_team).get(f"/participants/{world.participant.ref}/")
    api(world.specialist_a).get(f"/participants/{world.participant.ref}")
    response = login(world.specialist_a).get(
        f"/participants/{world.participant.ref}/access-log.csv"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["When", "Who", "What", "Why", "Channel"]
    body = [row[1:] for row in rows[1:]]
    # The export itself is logged before it is written, so it is in the file too.
    assert body == [
        [
            world.specialist_a.display_name,
            "Exported the record",
            "Works for the owning organisation",
            "Web",
        ],
        [
            world.specialist_a.display_name,
            "Viewed the record",
            "Works for the owning organisation",
            "API",
        ],
        [
            world.clinician_on_team.display_name,
            "Viewed the record",
            "Member of the case team",
            "Web",
        ],
    ]
    assert (
        AccessLogEntry.objects.filter(
            user=world.specialist_a, action=AccessLogEntry.Action.EXPORT
        ).count()
        == 1
    )


def test_opening_the_edit_page_is_logged(world, login):
    before = last_log_id()
    response = login(world.specialist_a).get(f"/participants/{world.participant.ref}/edit/")
    assert "Alex Morgan" in response.content.decode()
    entries = log_since(before)
    assert [(e.user, e.channel) for e in entries] == [
        (world.specialist_a, AccessLogEntry.Channel.WEB)
    ]


# --- create: duplicates and validation -------------------------------------------------------


def create_form(world, **fields) -> dict:
    data = {
        "organisation": world.provider_a.ref,
        "full_name": "Jordan Lee",
        "date_of_birth": "",
        "phone": "",
        "identifier_kind": "",
        "identifier": "",
        "benefit_situation": "none",
        "dependent_children": "0",
    }
    return data | fields


@pytest.mark.parametrize(
    ("kind", "typed", "stored"),
    [
        (IdentifierKind.NHS, "943 476 5919", VALID_NHS),
        (IdentifierKind.CPR, "010190-1234", VALID_CPR),
        (IdentifierKind.IR_NATIONAL_CODE, persian(VALID_IRANIAN), VALID_IRANIAN),
        (IdentifierKind.IR_NATIONAL_CODE, iranian_code("987654321"), iranian_code("987654321")),
    ],
)
def test_create_a_participant(world, login, kind, typed, stored):
    response = login(world.specialist_a).post(
        "/participants/new/",
        create_form(
            world,
            identifier_kind=kind,
            identifier=typed,
            date_of_birth="1990-01-01",
            phone="020 7946 0958",
        ),
    )
    participant = Participant.objects.get(full_name="Jordan Lee")
    assert response.status_code == 302
    assert response["Location"] == f"/participants/{participant.ref}/"
    assert participant.owning_organisation == world.provider_a
    assert participant.created_by == world.specialist_a
    assert (participant.identifier_kind, participant.identifier) == (kind, stored)
    assert participant.phone == "+442079460958"
    assert str(participant.date_of_birth) == "1990-01-01"


def _flagged(content: str, existing: Participant) -> bool:
    link = f'<a href="/participants/{existing.ref}/">Open the existing record: '
    return link in content


@pytest.mark.parametrize(
    "fields",
    [
        {"identifier_kind": IdentifierKind.NHS, "identifier": "943-476-5919"},
        {"full_name": "alex MORGAN", "date_of_birth": "{dob}"},
    ],
    ids=["same identifier", "same name and date of birth"],
)
def test_a_possible_duplicate_is_shown_and_nothing_is_created_until_confirmed(world, login, fields):
    Participant.objects.filter(pk=world.participant.pk).update(
        identifier_kind=IdentifierKind.NHS, identifier=VALID_NHS
    )
    fields = {
        k: v.format(dob=world.participant.date_of_birth.isoformat()) for k, v in fields.items()
    }
    client = login(world.specialist_a)
    count = Participant.objects.count()

    response = client.post("/participants/new/", create_form(world, **fields))
    assert response.status_code == 200
    content = response.content.decode()
    assert "This person may already have a record" in content
    assert _flagged(content, world.participant)
    assert Participant.objects.count() == count

    response = client.post("/participants/new/", create_form(world, **fields, confirm_new="on"))
    assert response.status_code == 302
    assert Participant.objects.count() == count + 1


def test_a_duplicate_typed_in_persian_digits_is_found(world, login):
    Participant.objects.filter(pk=world.participant.pk).update(
        identifier_kind=IdentifierKind.IR_NATIONAL_CODE, identifier=VALID_IRANIAN
    )
    count = Participant.objects.count()
    response = login(world.specialist_a).post(
        "/participants/new/",
        create_form(
            world,
            identifier_kind=IdentifierKind.IR_NATIONAL_CODE,
            identifier=persian("001-354241-9"),
        ),
    )
    assert _flagged(response.content.decode(), world.participant)
    assert Participant.objects.count() == count


def test_a_match_in_another_organisation_is_never_revealed(world, login):
    secret = ParticipantFactory(
        owning_organisation=world.provider_b,
        full_name="Jordan Lee",
        identifier_kind=IdentifierKind.NHS,
        identifier=VALID_NHS,
    )
    response = login(world.specialist_a).post(
        "/participants/new/",
        create_form(
            world,
            identifier_kind=IdentifierKind.NHS,
            identifier=VALID_NHS,
            date_of_birth=secret.date_of_birth.isoformat(),
        ),
    )
    # Created straight away, as if no such record existed anywhere.
    assert response.status_code == 302
    created = Participant.objects.get(owning_organisation=world.provider_a, full_name="Jordan Lee")
    assert response["Location"] == f"/participants/{created.ref}/"
    assert secret.ref not in response["Location"]


def test_only_the_match_in_your_own_organisation_is_shown(world, login):
    secret = ParticipantFactory(
        owning_organisation=world.provider_b,
        full_name="Hidden Person",
        identifier_kind=IdentifierKind.NHS,
        identifier=VALID_NHS,
    )
    Participant.objects.filter(pk=world.participant.pk).update(
        identifier_kind=IdentifierKind.NHS, identifier=VALID_NHS
    )
    content = (
        login(world.specialist_a)
        .post(
            "/participants/new/",
            create_form(world, identifier_kind=IdentifierKind.NHS, identifier=VALID_NHS),
        )
        .content.decode()
    )
    assert _flagged(content, world.participant)
    assert "Hidden Person" not in content
    assert secret.ref not in content


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"identifier_kind": IdentifierKind.NHS, "identifier": "9434765918"},
            "identifier",
            "This NHS number is not valid: its check digit does not match.",
        ),
        (
            {"identifier_kind": IdentifierKind.NHS, "identifier": "94347659"},
            "identifier",
            "An NHS number has 10 digits.",
        ),
        (
            {"identifier_kind": IdentifierKind.CPR, "identifier": "3213901234"},
            "identifier",
            "This CPR number does not contain a valid date of birth.",
        ),
        (
            {"identifier_kind": IdentifierKind.IR_NATIONAL_CODE, "identifier": "0013542418"},
            "identifier",
            "This Iranian national code is not valid: its check digit does not match.",
        ),
        (
            {"identifier_kind": IdentifierKind.IR_NATIONAL_CODE, "identifier": "1111111111"},
            "identifier",
            "This Iranian national code is not valid: all its digits are the same.",
        ),
        ({"phone": "12345"}, "phone", "This phone number is not valid."),
        ({"phone": "call me"}, "phone", "Enter a phone number, for example +44 191 498 0123."),
        ({"full_name": ""}, "full_name", "This field is required."),
        ({"date_of_birth": "31/02/1990"}, "date_of_birth", ""),
    ],
    ids=[
        "nhs-check",
        "nhs-length",
        "cpr-date",
        "ir-check",
        "ir-repeated",
        "phone",
        "phone-text",
        "name",
        "date",
    ],
)
def test_invalid_input_is_reported_at_the_field_and_creates_nothing(
    world, login, fields, field, message
):
    count = Participant.objects.count()
    response = login(world.specialist_a).post("/participants/new/", create_form(world, **fields))
    assert response.status_code == 200
    content = response.content.decode()
    shown = field_error(content, field)
    assert shown, f"no message at {field}"
    assert escape(message) in shown
    assert "There is a problem" in content
    assert f'href="#id_{field}"' in content  # the summary links to the field
    assert Participant.objects.count() == count


# --- edit: optimistic locking and history --------------------------------------------------


def edit_form(content: str, participant: Participant, **changes) -> dict:
    """What a person submits from the edit page they loaded (version taken from that page)."""
    version = re.search(r'name="version" value="(\d+)"', content).group(1)
    data = {
        "full_name": participant.full_name,
        "date_of_birth": (
            participant.date_of_birth.isoformat() if participant.date_of_birth else ""
        ),
        "phone": participant.phone,
        "email": participant.email,
        "identifier_kind": participant.identifier_kind,
        "identifier": participant.identifier,
        "benefit_situation": participant.benefit_situation,
        "dependent_children": str(participant.dependent_children),
        "version": version,
    }
    return data | changes


def created_through_the_service(world) -> None:
    """Records made through participant_create have a creator; the factory leaves it empty."""
    Participant.objects.filter(pk=world.participant.pk).update(created_by=world.specialist_a)


def test_the_second_of_two_edits_from_the_same_version_is_refused(world, login):
    created_through_the_service(world)
    first, second = login(world.specialist_a), login(world.social_worker_on_team)
    url = f"/participants/{world.participant.ref}/edit/"
    first_page = first.get(url).content.decode()
    second_page = second.get(url).content.decode()

    response = first.post(url, edit_form(first_page, world.participant, phone="020 7946 0958"))
    assert response.status_code == 302

    response = second.post(
        url, edit_form(second_page, world.participant, full_name="Alexandra Morgan")
    )
    assert response.status_code == 200
    assert STALE_MESSAGE in response.content.decode()

    world.participant.refresh_from_db()
    assert world.participant.full_name == "Alex Morgan"
    assert world.participant.phone == "+442079460958"
    assert world.participant.version == 2


def test_an_edit_is_saved_and_the_history_shows_who_changed_which_fields(world, login):
    created_through_the_service(world)
    client = login(world.specialist_a)
    url = f"/participants/{world.participant.ref}/edit/"
    page = client.get(url).content.decode()
    response = client.post(
        url, edit_form(page, world.participant, phone="020 7946 0958", email="alex@example.org")
    )
    assert response.status_code == 302

    history = client.get(f"/participants/{world.participant.ref}/history/").content.decode()
    rows = re.findall(r"<tr><td>.*?</td></tr>", history, re.DOTALL)
    assert len(rows) == 2
    newest, created = rows
    assert escape(world.specialist_a.display_name) in newest
    assert "phone" in newest and "email" in newest
    assert "full name" not in newest and "date of birth" not in newest
    assert "Record created" in created
    assert escape(world.social_worker_on_team.display_name) not in history


def test_a_record_whose_creator_has_left_can_still_be_edited(world, login):
    creator = staff("temp_a", world.provider_a, Role.SPECIALIST)
    participant = services.participant_create(
        actor=creator, organisation=world.provider_a, data={"full_name": "Robin Hale"}
    )
    creator.delete()
    participant.refresh_from_db()
    assert participant.created_by is None
    client = login(world.specialist_a)
    url = f"/participants/{participant.ref}/edit/"
    page = client.get(url).content.decode()
    response = client.post(url, edit_form(page, participant, phone="020 7946 0958"))
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.phone == "+442079460958"


def test_the_history_page_is_logged(world, login):
    before = last_log_id()
    login(world.specialist_a).get(f"/participants/{world.participant.ref}/history/")
    assert [(e.user, e.action, e.channel) for e in log_since(before)] == [
        (world.specialist_a, AccessLogEntry.Action.VIEW_HISTORY, AccessLogEntry.Channel.WEB)
    ]


# --- consent ---------------------------------------------------------------------------------


def consent_row(content: str, label: str) -> str:
    match = re.search(rf"<tr><td>{re.escape(label)}</td>\s*<td>(.*?)</td></tr>", content, re.DOTALL)
    assert match, label
    return match.group(1)


def test_consent_decisions_show_on_the_record_and_the_newest_wins(world, login):
    url = f"/participants/{world.participant.ref}/consent/"
    label = "Taking part in the programme"
    response = login(world.specialist_a).post(
        url,
        {
            "purpose": ConsentPurpose.PARTICIPATION,
            "status": Consent.Status.WITHDRAWN,
            "method": Consent.Method.WRITTEN,
        },
    )
    assert response.status_code == 302
    row = consent_row(
        login(world.specialist_a).get(f"/participants/{world.participant.ref}/").content.decode(),
        label,
    )
    assert "Withdrawn" in row and "Written" in row
    assert escape(world.specialist_a.display_name) in row

    login(world.social_worker_on_team).post(
        url,
        {
            "purpose": ConsentPurpose.PARTICIPATION,
            "status": Consent.Status.GIVEN,
            "method": Consent.Method.DIGITAL,
        },
    )
    detail = (
        login(world.specialist_a).get(f"/participants/{world.participant.ref}/").content.decode()
    )
    row = consent_row(detail, label)
    assert "Given" in row and "Digital" in row and "Withdrawn" not in row
    assert escape(world.social_worker_on_team.display_name) in row
    # The other purposes are untouched.
    assert "Given" in consent_row(detail, "Sharing health information within the case team")
    assert "Not asked" in consent_row(detail, "Disclosure to employers")

    history = login(world.specialist_a).get(url).content.decode()
    assert "Withdrawn" in history and "Written" in history and "Digital" in history


def test_an_incomplete_consent_decision_records_nothing(world, login):
    count = Consent.objects.count()
    response = login(world.specialist_a).post(
        f"/participants/{world.participant.ref}/consent/",
        {"purpose": ConsentPurpose.PARTICIPATION, "status": Consent.Status.WITHDRAWN},
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "method")
    assert Consent.objects.count() == count


def test_withdrawing_health_sharing_on_the_consent_page_hides_health_from_the_clinician(
    world, login
):
    NoteFactory(
        participant=world.participant,
        author=world.specialist_a,
        sensitivity=Sensitivity.HEALTH,
        text="Knee surgery planned for March.",
    )
    detail = f"/participants/{world.participant.ref}/"
    clinician = login(world.clinician_on_team)
    assert "Knee surgery planned for March." in clinician.get(detail).content.decode()
    login(world.specialist_a).post(
        f"/participants/{world.participant.ref}/consent/",
        {
            "purpose": ConsentPurpose.HEALTH_SHARING,
            "status": Consent.Status.WITHDRAWN,
            "method": Consent.Method.VERBAL,
        },
    )
    assert "Knee surgery planned for March." not in clinician.get(detail).content.decode()
    # The health-condition page is for clinicians who may see health, or the owning staff.
    assert clinician.get(f"{detail}health/").status_code == 404
    # The author still sees their own note.
    author_page = login(world.specialist_a).get(detail).content.decode()
    assert "Knee surgery planned for March." in author_page


# --- case team -------------------------------------------------------------------------------


def test_adding_a_clinician_to_the_case_team_lets_them_read_health_notes(world, login):
    NoteFactory(
        participant=world.participant,
        author=world.clinician_on_team,
        sensitivity=Sensitivity.HEALTH,
        text="Referred to physiotherapy.",
    )
    detail = f"/participants/{world.participant.ref}/"
    newcomer = login(world.clinician_off_team)
    assert newcomer.get(detail).status_code == 404

    page = login(world.specialist_a).get(f"{detail}team/").content.decode()
    assert 'value="clinician_off"' in page
    assert 'value="clinician_on"' not in page  # already on the team
    response = login(world.specialist_a).post(
        f"{detail}team/", {"user": "clinician_off", "discipline": Discipline.HEALTH}
    )
    assert response.status_code == 302
    place = CaseTeamMember.objects.get(participant=world.participant, user=world.clinician_off_team)
    assert (place.discipline, place.added_by) == (Discipline.HEALTH, world.specialist_a)

    content = newcomer.get(detail).content.decode()
    assert "Referred to physiotherapy." in content


def test_adding_someone_already_on_the_team_is_refused_with_a_message(world, login):
    count = CaseTeamMember.objects.filter(participant=world.participant).count()
    response = login(world.specialist_a).post(
        f"/participants/{world.participant.ref}/team/",
        {"user": "clinician_on", "discipline": Discipline.SOCIAL},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert field_error(response.content.decode(), "user")
    assert CaseTeamMember.objects.filter(participant=world.participant).count() == count
    place = CaseTeamMember.objects.get(participant=world.participant, user=world.clinician_on_team)
    assert place.discipline == Discipline.HEALTH


def test_removing_a_clinician_from_the_team_ends_their_access(world, login):
    place = CaseTeamMember.objects.get(participant=world.participant, user=world.clinician_on_team)
    response = login(world.specialist_a).post(
        f"/participants/{world.participant.ref}/team/{place.ref}/remove/"
    )
    assert response.status_code == 302
    assert (
        login(world.clinician_on_team).get(f"/participants/{world.participant.ref}/").status_code
        == 404
    )
    assert (
        "Alex Morgan" not in login(world.clinician_on_team).get("/participants/").content.decode()
    )


def test_removing_the_social_worker_hides_social_notes_from_them(world, login):
    NoteFactory(
        participant=world.participant,
        author=world.specialist_a,
        sensitivity=Sensitivity.SOCIAL,
        text="Debt advice booked.",
    )
    detail = f"/participants/{world.participant.ref}/"
    social_worker = login(world.social_worker_on_team)
    assert "Debt advice booked." in social_worker.get(detail).content.decode()
    place = CaseTeamMember.objects.get(
        participant=world.participant, user=world.social_worker_on_team
    )
    login(world.specialist_a).post(f"{detail}team/{place.ref}/remove/")
    # Still in the owning organisation, so still sees the record, but no longer the social note.
    response = social_worker.get(detail)
    assert response.status_code == 200
    assert "Debt advice booked." not in response.content.decode()


def test_a_staff_member_of_another_organisation_on_the_team_cannot_manage_it(world, login):
    colleague = staff("nurse_b", world.trust, Role.CLINICIAN)
    client = login(world.clinician_on_team)
    assert client.get(f"/participants/{world.participant.ref}/team/").status_code == 404
    response = client.post(
        f"/participants/{world.participant.ref}/team/",
        {"user": colleague.username, "discipline": Discipline.HEALTH},
    )
    assert response.status_code == 404
    assert not CaseTeamMember.objects.filter(user=colleague).exists()


# --- health conditions -----------------------------------------------------------------------


def test_a_clinician_records_a_health_condition_that_only_clinicians_see(world, login):
    detail = f"/participants/{world.participant.ref}/"
    response = login(world.clinician_on_team).post(
        f"{detail}health/", {"description": "Chronic fatigue syndrome", "is_disability": "on"}
    )
    assert response.status_code == 302
    condition = HealthCondition.objects.get(participant=world.participant)
    assert (condition.recorded_by, condition.is_disability) == (world.clinician_on_team, True)

    assert "Chronic fatigue syndrome" in login(world.clinician_on_team).get(detail).content.decode()
    for name in ["specialist_a", "social_worker_on_team"]:
        content = login(getattr(world, name)).get(detail).content.decode()
        assert "Chronic fatigue syndrome" not in content, name


def test_an_empty_health_condition_is_refused(world, login):
    response = login(world.clinician_on_team).post(
        f"/participants/{world.participant.ref}/health/", {"description": ""}
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "description")
    assert not HealthCondition.objects.exists()


def test_the_detail_page_offers_changes_only_to_those_who_may_make_them(world, login):
    detail = f"/participants/{world.participant.ref}/"
    owner = login(world.specialist_a).get(detail).content.decode()
    reader = login(world.clinician_on_team).get(detail).content.decode()
    for link in ["edit/", "history/", "access-log/", "consent/", "team/"]:
        assert f'href="{detail}{link}"' in owner, link
        assert f'href="{detail}{link}"' not in reader, link
