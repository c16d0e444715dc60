"""A GP's referral reaches the provider's inbox, is accepted, and the person's record opens:
in English (left to right) and in Persian (right to left, Solar Hijri dates, Persian digits)."""

import pytest

from tandem.core.access import Role
from tandem.organisations.models import Organisation, Region
from tandem.referrals.models import Referral
from tandem.testing.factories import (
    TEST_PASSWORD,
    OrganisationFactory,
    ProgrammeFactory,
    RegionFactory,
    staff,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JOURNEYS = {
    "en": {
        "country": ("United Kingdom", "GB"),
        "person": "Jordan Ellis",
        "dob": "1988-04-12",
        "make_referral": "Make a referral",
        "send": "Send the referral",
        "accept": "Accept the referral",
        "consent_value": "verbal",
        "dir": "ltr",
        "accepted": "Accepted",
        "dob_shown": "12 Apr 1988",
    },
    "fa": {
        "country": ("ایران", "IR"),
        "person": "مریم رضایی",
        "dob": "۱۳۶۷/۰۱/۲۳",  # = 1988-04-12
        "make_referral": "ارجاع جدید",
        "send": "ارسال ارجاع",
        "accept": "پذیرش ارجاع",
        "consent_value": "verbal",
        "dir": "rtl",
        "accepted": "پذیرفته‌شده",
        "dob_shown": "۱۳۶۷/۰۱/۲۳",
    },
}


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("button[type=submit] >> nth=0")
    page.wait_for_load_state()


def sign_out(page):
    page.click(".user-menu button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "fa"])
def test_referral_to_participant_page(page, live_server, axe_check, language):
    words = JOURNEYS[language]
    name, code = words["country"]
    country = RegionFactory(name=name, kind=Region.Kind.COUNTRY, country_code=code)
    area = RegionFactory(name=f"{name} area", parent=country, country_code=code)
    provider = OrganisationFactory(name="Provider", region=area)
    practice = OrganisationFactory(
        name="Practice",
        region=area,
        kind=Organisation.Kind.GP_PRACTICE,
        accepts_referrals=False,
    )
    ProgrammeFactory(name="Programme", owner=provider, delivered_by=[provider], country_code=code)
    staff("referrer", practice, Role.REFERRER, language=language)
    staff("specialist", provider, Role.SPECIALIST, language=language)

    # The GP practice refers someone through its own login.
    sign_in(page, live_server, "referrer")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == words["dir"]
    page.get_by_role("link", name=words["make_referral"]).click()
    axe_check(page)
    page.select_option("#id_receiving_organisation", label=f"Provider ({area.name})")
    page.fill("#id_person_name", words["person"])
    page.fill("#id_person_date_of_birth", words["dob"])
    page.fill("#id_reason", "Back pain; wants to return to work.")
    page.check("#id_person_agreed")
    page.get_by_role("button", name=words["send"]).click()
    page.wait_for_load_state()
    axe_check(page)
    referral = Referral.objects.get()
    assert referral.person_date_of_birth.isoformat() == "1988-04-12"
    sign_out(page)

    # The provider's specialist finds it in the inbox, accepts it and opens the record.
    sign_in(page, live_server, "specialist")
    assert "/referrals/inbox/" in page.url
    axe_check(page)
    page.get_by_role("link", name=words["person"]).click()
    page.wait_for_load_state()
    axe_check(page)
    page.select_option("#id_consent_method", words["consent_value"])
    page.get_by_role("button", name=words["accept"]).click()
    page.wait_for_load_state()
    assert f"/participants/{Referral.objects.get().participant.ref}/" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == words["person"]
    assert words["dob_shown"] in page.content()
    axe_check(page)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
