"""Browser fixtures: Debian's Chromium driven by Playwright, against pytest-django's live server.

No browser is downloaded: Playwright launches /usr/bin/chromium (apt-get install chromium).
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (setting up data) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def axe_check():
    """Fail on any serious or critical accessibility violation on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page) -> None:
        results = axe.run(page)
        bad = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + "; ".join(node["target"][0] for node in violation["nodes"][:3])
            for violation in results.response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert not bad, f"{page.url}:\n" + "\n".join(bad)

    return check
