"""Assessment pages: versions, comparison, and who sees the health answers.

Staff of the owning organisation record assessments; clinicians on the case team read them,
with the health answers, while the person consents to health sharing; everybody else gets 404.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.casework import services
from tandem.casework.models import Assessment
from tandem.participants.models import AccessLogEntry, Consent, ConsentPurpose
from tandem.participants.services import consent_record

HEALTH = Assessment.Kind.HEALTH_CONVERSATION
VOCATIONAL = Assessment.Kind.VOCATIONAL_PROFILE
BARRIERS = Assessment.Kind.BARRIER_ASSESSMENT


def url(name: str, participant, **kwargs) -> str:
    return reverse(f"casework:{name}", kwargs={"ref": participant.ref, **kwargs})


def html(response) -> str:
    return response.content.decode()


def record(world, kind=HEALTH, actor=None, **answers) -> Assessment:
    return services.assessment_record(
        actor=actor or world.specialist_a, participant=world.participant, kind=kind, answers=answers
    )


def row(page: str, label: str) -> str:
    """The table row whose header is `label`."""
    for match in re.finditer(r"<tr>.*?</tr>", page, flags=re.S):
        if label in match.group(0):
            return match.group(0)
    raise AssertionError(f"no row for {label}")


def answer(page: str, label: str) -> str:
    """The text shown for the question `label` on a version's page."""
    match = re.search(re.escape(label) + r".*?</dt>\s*<dd>(.*?)</dd>", page, flags=re.S)
    assert match, f"no answer for {label}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def withdraw_health_sharing(world) -> None:
    consent_record(
        actor=world.specialist_a,
        participant=world.participant,
        purpose=ConsentPurpose.HEALTH_SHARING,
        status=Consent.Status.WITHDRAWN,
        method=Consent.Method.VERBAL,
    )


# --- recording versions -------------------------------------------------------------------------


def test_a_second_save_is_version_two_and_the_first_stays_as_it_was(world, login):
    client = login(world.specialist_a)
    form = client.get(url("assessment_new", world.participant, kind=HEALTH))
    assert form.status_code == 200
    assert "Health situation and how it affects work (health information)" in html(form)

    first = client.post(
        url("assessment_new", world.participant, kind=HEALTH),
        {"assessed_on": "2024-03-20", "needs": "A routine", "wishes": "Office work"},
    )
    assert first.status_code == 302
    assert first["Location"] == url("assessment_detail", world.participant, kind=HEALTH, version=1)

    # The next version starts from the last one's answers.
    prefilled = html(client.get(url("assessment_new", world.participant, kind=HEALTH)))
    assert "A routine" in prefilled and "Office work" in prefilled
    second = client.post(
        url("assessment_new", world.participant, kind=HEALTH),
        {"assessed_on": "", "needs": "A routine and a quiet place", "wishes": "Office work"},
    )
    assert second["Location"] == url("assessment_detail", world.participant, kind=HEALTH, version=2)

    v1, v2 = Assessment.objects.filter(participant=world.participant).order_by("version")
    assert v1.answers == {"needs": "A routine", "wishes": "Office work"}
    assert v1.assessed_on == datetime.date(2024, 3, 20)
    assert v2.answers["needs"] == "A routine and a quiet place"
    assert v2.assessed_on == timezone.localdate()
    listing = html(client.get(url("assessments", world.participant)))
    assert "Version 1" in listing and "Version 2" in listing
    assert url("assessment_compare", world.participant, kind=HEALTH) in listing
    detail = html(client.get(url("assessment_detail", world.participant, kind=HEALTH, version=1)))
    assert "A routine" in detail and "a newer version exists" in detail


def test_numbers_yes_no_and_severities_are_stored_and_shown_with_their_labels(world, login):
    client = login(world.specialist_a)
    client.post(
        url("assessment_new", world.participant, kind=VOCATIONAL),
        {"hours_wanted": "۲۰", "driving_licence": "no", "skills": "Forklift"},
    )
    client.post(
        url("assessment_new", world.participant, kind=BARRIERS),
        {"housing": "high", "debt": "none"},
    )
    profile = Assessment.objects.get(kind=VOCATIONAL)
    assert profile.answers == {"hours_wanted": 20, "driving_licence": False, "skills": "Forklift"}
    shown = html(client.get(url("assessment_detail", world.participant, kind=BARRIERS, version=1)))
    assert answer(shown, "Housing") == "High"
    assert answer(shown, "Debt") == "None"
    assert answer(shown, "Childcare") == "Not answered"
    vocational = html(
        client.get(url("assessment_detail", world.participant, kind=VOCATIONAL, version=1))
    )
    assert answer(vocational, "Has a driving licence") == "No"
    assert answer(vocational, "Hours a week wanted") == "20"


def test_a_refused_answer_is_shown_at_its_field_with_422_and_nothing_is_saved(world, login):
    client = login(world.specialist_a)
    new = url("assessment_new", world.participant, kind=VOCATIONAL)

    bad_number = client.post(new, {"hours_wanted": "lots", "skills": "Welding"})
    assert bad_number.status_code == 422
    page = html(bad_number)
    assert 'class="field field--error"' in page
    assert 'id="id_hours_wanted_error"' in page
    assert 'href="#id_hours_wanted"' in page  # the error summary links to the field

    too_many = client.post(new, {"hours_wanted": "5000"})
    assert too_many.status_code == 422

    empty = client.post(new, {})
    assert empty.status_code == 422
    assert "Answer at least one question before saving." in html(empty)

    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    in_the_future = client.post(new, {"assessed_on": future, "skills": "Welding"})
    assert in_the_future.status_code == 422
    assert "The date cannot be in the future." in html(in_the_future)
    assert not Assessment.objects.exists()


def test_an_unknown_kind_or_version_is_404(world, login):
    record(world, needs="Routine")
    client = login(world.specialist_a)
    assert client.get(url("assessment_new", world.participant, kind="horoscope")).status_code == 404
    missing = url("assessment_detail", world.participant, kind=HEALTH, version=7)
    assert client.get(missing).status_code == 404


# --- comparing versions -------------------------------------------------------------------------


def test_comparison_marks_changed_rows_in_words(world, login):
    record(world, kind=BARRIERS, housing="high", debt="low", confidence="medium")
    record(world, kind=BARRIERS, housing="medium", debt="low", confidence="medium")
    record(world, kind=BARRIERS, housing="low", debt="low", confidence="high")
    client = login(world.specialist_a)

    default = html(client.get(url("assessment_compare", world.participant, kind=BARRIERS)))
    # The last two versions by default.
    assert "Version 2" in default and "Version 3" in default
    assert 'value="1" checked' not in default
    housing = row(default, "Housing")
    assert "Changed" in housing and "Medium" in housing and "Low" in housing
    assert "Same" in row(default, "Debt")
    assert "2 answers changed" in default

    chosen = client.get(
        url("assessment_compare", world.participant, kind=BARRIERS), {"versions": ["1", "2"]}
    )
    housing = row(html(chosen), "Housing")
    assert "High" in housing and "Medium" in housing and "Changed" in housing
    assert "Same" in row(html(chosen), "Confidence")


def test_comparison_with_one_version_says_there_is_nothing_to_compare(world, login):
    record(world, needs="Routine")
    page = login(world.specialist_a).get(url("assessment_compare", world.participant, kind=HEALTH))
    assert page.status_code == 200
    assert "nothing to compare yet" in html(page)


# --- health answers -----------------------------------------------------------------------------


def test_health_answers_are_seen_by_the_clinician_on_the_team_and_not_by_other_staff(world, login):
    record(world, needs="Routine", health_situation="Back pain since the accident")
    record(world, needs="Routine, mornings", health_situation="Back pain, improving")
    # Written by the social worker: the specialist is not its author.
    record(world, kind=BARRIERS, actor=world.social_worker_on_team, mental_health="high")
    detail = url("assessment_detail", world.participant, kind=HEALTH, version=2)
    compare = url("assessment_compare", world.participant, kind=HEALTH)
    barriers = url("assessment_detail", world.participant, kind=BARRIERS, version=1)

    social = login(world.social_worker_on_team)
    for page in (social.get(detail), social.get(compare)):
        assert page.status_code == 200
        assert "Back pain" not in html(page)
        assert "Routine" in html(page)
    assert "health answers hidden" in html(social.get(url("assessments", world.participant)))
    assert "Mental health" in html(social.get(barriers))  # the author sees what they wrote

    specialist = login(world.specialist_a)
    assert "Back pain, improving" in html(specialist.get(detail))  # their own
    assert "Mental health" not in html(specialist.get(barriers))
    assert "High" not in html(specialist.get(barriers))

    clinician = login(world.clinician_on_team)
    assert "Back pain, improving" in html(clinician.get(detail))
    assert "Back pain since the accident" in html(clinician.get(compare))
    assert "High" in html(clinician.get(barriers))

    withdraw_health_sharing(world)
    assert "Back pain" not in html(clinician.get(detail))
    assert "Back pain" not in html(clinician.get(compare))
    assert "High" not in html(clinician.get(barriers))
    assert "Back pain, improving" in html(specialist.get(detail))


def test_a_new_version_does_not_copy_health_answers_the_author_cannot_see(world, login):
    record(world, actor=world.specialist_a, needs="Routine", health_situation="Migraine")
    client = login(world.social_worker_on_team)
    form = html(client.get(url("assessment_new", world.participant, kind=HEALTH)))
    assert "Migraine" not in form
    assert "not copied into this version" in form
    client.post(url("assessment_new", world.participant, kind=HEALTH), {"needs": "Routine"})
    latest = Assessment.objects.get(version=2)
    assert latest.health_answers == {}


# --- who may open the pages ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["specialist_b", "referrer", "programme_manager", "clinician_off_team"]
)
def test_other_organisations_and_roles_get_404_everywhere(world, login, persona):
    record(world, needs="Routine")
    record(world, needs="Routine again")
    client = login(getattr(world, persona))
    for address in (
        url("assessments", world.participant),
        url("assessment_new", world.participant, kind=HEALTH),
        url("assessment_detail", world.participant, kind=HEALTH, version=1),
        url("assessment_compare", world.participant, kind=HEALTH),
    ):
        assert client.get(address).status_code == 404
    post = client.post(url("assessment_new", world.participant, kind=HEALTH), {"needs": "x"})
    assert post.status_code == 404
    assert Assessment.objects.count() == 2


def test_the_clinician_on_the_team_reads_but_does_not_record(world, login):
    record(world, needs="Routine")
    client = login(world.clinician_on_team)
    listing = client.get(url("assessments", world.participant))
    assert listing.status_code == 200
    assert "New version" not in html(listing)
    assert client.get(url("assessment_new", world.participant, kind=HEALTH)).status_code == 404
    refused = client.post(
        url("assessment_new", world.participant, kind=HEALTH), {"health_situation": "Asthma"}
    )
    assert refused.status_code == 404
    assert Assessment.objects.count() == 1


def test_reading_assessments_is_written_to_the_access_log(world, login):
    record(world, needs="Routine")
    client = login(world.clinician_on_team)
    client.get(url("assessments", world.participant))
    client.get(url("assessment_detail", world.participant, kind=HEALTH, version=1))
    entries = AccessLogEntry.objects.filter(
        participant=world.participant, user=world.clinician_on_team
    )
    assert entries.count() == 2
    assert {entry.action for entry in entries} == {AccessLogEntry.Action.VIEW_RECORD}


def test_the_list_costs_the_same_queries_however_many_versions(world, login):
    client = login(world.clinician_on_team)
    record(world, health_situation="Asthma")
    with CaptureQueriesContext(connection) as few:
        client.get(url("assessments", world.participant))
    for number in range(6):
        record(world, kind=BARRIERS, health="low", debt="medium", barrier_notes=str(number))
    with CaptureQueriesContext(connection) as many:
        client.get(url("assessments", world.participant))
    assert len(many) == len(few)
