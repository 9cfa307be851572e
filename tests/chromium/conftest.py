"""Real-browser tests: Debian's headless Chromium driven by Playwright for Python
(never a browser of Playwright's own), against the functional test server.

Screenshots of the key pages go to test-artifacts/screenshots/ (git-ignored).
"""

from browser_checks import ACCESSIBILITY_PROBLEMS
from browser_checks import CHROMIUM
from browser_checks import DESKTOP
from browser_checks import SCREENSHOTS
from playwright.sync_api import sync_playwright

import pytest


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.fail(
            "The browser tests need Debian's Chromium: apt-get install chromium chromium-driver",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, functional_portal):
    """``new_page(viewport=DESKTOP)``: a tab in a fresh browser profile (no cookies),
    whose relative addresses are the test site's."""
    contexts = []

    def new_page(viewport=DESKTOP):
        context = chromium.new_context(
            viewport=viewport, base_url=functional_portal.absolute_url() + "/",
            locale="en-GB",
        )
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def screenshot(page, name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return screenshot


@pytest.fixture
def accessible():
    """Assert a page passes the basic accessibility checks."""

    def accessible(page):
        problems = page.evaluate(ACCESSIBILITY_PROBLEMS)
        assert not problems, f"{page.url}: {problems}"

    return accessible


@pytest.fixture
def log_in():
    """Log in through Plone's login form, as a person would."""

    def log_in(page, login, password, language="en"):
        page.goto(f"{language}/login")
        page.fill("#__ac_name", login)
        page.fill("#__ac_password", password)
        page.click("#buttons-login")
        page.wait_for_load_state()

    return log_in
