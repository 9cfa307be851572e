from plone import api
from wikimedia_oauth import serving_oauth

import pytest
import re
import requests
import transaction


CLIENT_ID = "wikimooc-test-consumer"
CLIENT_SECRET = "s3cret-consumer-value-" + "x" * 10


@pytest.fixture
def oauth_server(functional_portal):
    """The loopback stand-in for Wikimedia's OAuth server, and the site set up to use it."""
    with serving_oauth(functional_portal, CLIENT_ID, CLIENT_SECRET) as server:
        yield server


@pytest.fixture
def log_in_with_wikimedia(functional_portal):
    """Go through "Log in with Wikimedia" in a browser-like session; return it, with
    the page it landed on as ``landed``."""

    def log_in(browser=None, start="/authomatic-handler/wikimedia"):
        browser = browser or requests.Session()
        browser.landed = browser.get(functional_portal.absolute_url() + start, timeout=30)
        transaction.begin()  # see what the server committed
        return browser

    return log_in


@pytest.fixture
def logged_in(functional_portal):
    """Whether a browser session is logged in: Plone sends anonymous visitors of
    @@personal-information to the login form."""

    def logged_in(browser):
        response = browser.get(
            functional_portal.absolute_url() + "/@@personal-information", timeout=30
        )
        return response.status_code == 200 and "/login" not in response.url

    return logged_in


@pytest.fixture
def home_wiki(functional_portal, mediawiki):
    """The site registers learners on the test session's real MediaWiki."""
    from wikimooc.policy.identity.registration import attempts_per_address

    attempts_per_address.attempts.clear()
    api.portal.set_registry_record("wikimooc.home_wiki", mediawiki.host)
    api.portal.set_registry_record("wikimooc.wikis", {mediawiki.host: mediawiki.api_url})
    api.portal.set_registry_record("wikimooc.registration_attempts_per_hour", 1000)
    transaction.commit()
    return mediawiki


LEARNER_PASSWORD = "Correct-Horse-Battery-9"


@pytest.fixture
def registration_form():
    """The registration page, its CSRF token and the wiki's captcha id."""
    return fetch_registration_form


def fetch_registration_form(browser, portal_url, path="/@@wiki-register"):
    page = browser.get(portal_url + path, timeout=60)
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text)
    captcha_id = re.search(r'name="captcha_id"[^>]*value="([^"]*)"', page.text)
    return page, token.group(1) if token else None, captcha_id.group(1) if captcha_id else ""


@pytest.fixture
def register(functional_portal, home_wiki):
    """Fill in and send the registration form as a learner's browser does."""

    def register(username, password=LEARNER_PASSWORD, retype=None, answer=None, browser=None,
                 path="/@@wiki-register", follow=True, **extra):
        browser = browser or requests.Session()
        _, token, captcha_id = fetch_registration_form(
            browser, functional_portal.absolute_url(), path
        )
        fields = {
            "username": username,
            "email": "learner@example.org",
            "password": password,
            "retype": password if retype is None else retype,
            "captcha_id": captcha_id,
            "captcha_word": home_wiki.captcha_answer if answer is None else answer,
            "_authenticator": token,
            **extra,
        }
        browser.landed = browser.post(
            functional_portal.absolute_url() + path, data=fields, timeout=60,
            allow_redirects=follow,
        )
        transaction.begin()
        return browser

    return register
