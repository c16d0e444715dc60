"""Each person reads Tandem in their own language, with the page direction that language needs.

The word checked is the name of English in each language, which Django's own catalogues
translate ("engelsk" in Danish), so the tests hold however far Tandem's catalogues have got.
"""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from tandem.core.access import Role
from tandem.organisations.models import User
from tandem.referrals.models import Referral
from tandem.testing.factories import TEST_PASSWORD, ReferralFactory, staff

DIRECTION = {"en": "ltr", "da": "ltr", "ar": "rtl", "fa": "rtl"}


@pytest.fixture(autouse=True)
def back_to_english():
    # A request activates its language in this thread; do not let it leak into other tests.
    yield
    translation.deactivate()


def english_in(language: str) -> str:
    """How the language names English, as the pages will say it."""
    with translation.override(language):
        name = gettext("English")
    assert language == "en" or name != "English", f"no {language} name for English"
    return name


def html_tag(response) -> str:
    match = re.search(r"<html[^>]*>", response.content.decode())
    assert match is not None
    return match.group(0)


def specialist_speaking(world, language: str) -> User:
    return staff(f"specialist_{language}", world.provider_a, Role.SPECIALIST, language=language)


# --- the page follows the user's language -------------------------------------------------------


@pytest.mark.parametrize("language", ["fa", "ar", "da", "en"])
def test_pages_have_the_users_language_and_direction(world, login, language):
    client = login(specialist_speaking(world, language))

    for path in ("/account/", "/referrals/inbox/", "/referrals/", "/participants/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert html_tag(response) == f'<html lang="{language}" dir="{DIRECTION[language]}">', path
        assert response["Content-Language"] == language


@pytest.mark.parametrize("language", ["fa", "ar", "da"])
def test_pages_are_in_the_users_language(world, login, language):
    page = login(specialist_speaking(world, language)).get("/account/").content.decode()

    assert english_in(language) in page


def test_users_language_wins_over_the_browsers(world, login):
    client = login(specialist_speaking(world, "da"))
    client.cookies["django_language"] = "fa"

    response = client.get("/account/", headers={"Accept-Language": "ar"})

    assert html_tag(response) == '<html lang="da" dir="ltr">'


def test_persian_pages_show_persian_digits(world, login):
    referral = ReferralFactory(
        receiving_organisation=world.provider_a, referring_organisation=world.gp_practice
    )
    Referral.objects.filter(pk=referral.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=12, hours=1)
    )

    page = login(specialist_speaking(world, "fa")).get("/referrals/inbox/").content.decode()

    assert '<td class="num">۱۲</td>' in page


def test_the_api_reports_the_users_language(world, api):
    response = api(specialist_speaking(world, "fa")).get("/me")

    assert response.status_code == 200
    assert response.json()["language"] == "fa"


# --- changing one's language --------------------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "ar", "fa"])
def test_changing_language_on_the_account_page_persists(world, login, language):
    user = specialist_speaking(world, "en")
    client = login(user)

    response = client.post("/account/", {"language": language})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == language
    next_page = client.get(response["Location"])
    assert html_tag(next_page) == f'<html lang="{language}" dir="{DIRECTION[language]}">'
    assert english_in(language) in next_page.content.decode()
    elsewhere = client.get("/referrals/inbox/")
    assert html_tag(elsewhere) == f'<html lang="{language}" dir="{DIRECTION[language]}">'


def test_the_chosen_language_holds_in_a_new_session(world):
    user = specialist_speaking(world, "en")
    first = Client()
    first.force_login(user)
    first.post("/account/", {"language": "fa"})

    second = Client()
    second.post("/login/", {"username": user.username, "password": TEST_PASSWORD})
    response = second.get("/account/")

    assert html_tag(response) == '<html lang="fa" dir="rtl">'


def test_an_unknown_language_is_refused(world, login):
    user = specialist_speaking(world, "da")

    response = login(user).post("/account/", {"language": "xx"})

    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    user.refresh_from_db()
    assert user.language == "da"


def test_changing_language_needs_a_sign_in(db, client):
    response = client.post("/account/", {"language": "fa"})

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


# --- before signing in --------------------------------------------------------------------------


def test_login_page_is_english_by_default(db, client):
    response = client.get("/login/")

    assert response.status_code == 200
    assert html_tag(response) == '<html lang="en" dir="ltr">'
    assert 'action="/i18n/setlang/"' in response.content.decode()


@pytest.mark.parametrize("language", ["fa", "ar", "da", "en"])
def test_login_page_language_switch_works_for_anonymous_users(db, client, language):
    response = client.post("/i18n/setlang/", {"language": language, "next": "/login/"})

    assert response.status_code == 302
    assert response["Location"] == "/login/"
    login_page = client.get("/login/")
    assert html_tag(login_page) == f'<html lang="{language}" dir="{DIRECTION[language]}">'
    assert f'<option value="{language}" selected' in login_page.content.decode()


def test_language_switch_ignores_a_redirect_to_another_site(db, client):
    response = client.post(
        "/i18n/setlang/", {"language": "da", "next": "https://evil.example.com/"}
    )

    assert response.status_code == 302
    assert "evil.example.com" not in response["Location"]


def test_login_page_follows_the_browsers_language(db, client):
    response = client.get("/login/", headers={"Accept-Language": "ar"})

    assert html_tag(response) == '<html lang="ar" dir="rtl">'
