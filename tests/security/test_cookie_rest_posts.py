"""Issue 21, item 6: a REST call that changes something, authenticated by the session
cookie alone, must be JSON (``Content-Type: application/json``), which no HTML form
of another site can send; clients with an Authorization header (Basic, Bearer) and
Classic UI forms go on as before."""

from datetime import date
from plone import api

import pytest
import re
import requests
import transaction


PASSWORD = "secret-pw-123"  # the password of the `client` fixture's members
ENROLL = "/en/intro/public-session/@enroll"
REFUSAL = (
    "A request authenticated by the session cookie must send JSON, with"
    ' "Content-Type: application/json".'
)


@pytest.fixture
def cookie_browser(site):
    """A browser that logged in with Plone's login form: it has the ``__ac`` cookie."""
    portal_url = site["portal"].absolute_url()

    def log_in(login):
        browser = requests.Session()
        browser.post(
            portal_url + "/login",
            data={"__ac_name": login, "__ac_password": PASSWORD, "came_from": "",
                  "buttons.login": "Log in"},
            timeout=30,
        )
        assert browser.cookies.get("__ac"), "the login form set no session cookie"
        browser.portal_url = portal_url
        return browser

    return log_in


def enrolled(site, username):
    transaction.begin()  # see what the server committed
    return username in site["public"].enrollments


# The two ways a request is a REST call: the ++api++ traverser, or the Accept header.
ROUTES = [
    pytest.param("/++api++" + ENROLL, {}, id="++api++"),
    pytest.param(ENROLL, {"Accept": "application/json"}, id="Accept"),
]


@pytest.mark.parametrize("path, headers", ROUTES)
@pytest.mark.parametrize(
    "body",
    [
        {"data": "{}", "headers": {"Content-Type": "text/plain"}},
        {"data": "{}", "headers": {"Content-Type": "text/plain;charset=UTF-8"}},
        {"data": {"key": ""}},  # application/x-www-form-urlencoded
        {"files": {"key": ("key.txt", b"")}},  # multipart/form-data
        {"data": b""},  # no Content-Type at all
    ],
    ids=["text/plain", "text/plain;charset", "urlencoded", "multipart", "none"],
)
def test_a_cookie_post_that_is_not_json_is_refused(site, cookie_browser, path, headers, body):
    browser = cookie_browser("ada")
    body = dict(body)
    headers = {**headers, **body.pop("headers", {})}
    response = browser.post(browser.portal_url + path, **body, headers=headers, timeout=30)
    assert response.status_code == 415, response.text
    assert response.json()["message"] == REFUSAL
    assert not enrolled(site, "Ada")


@pytest.mark.parametrize("path, headers", ROUTES)
@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=utf-8"])
def test_a_cookie_post_in_json_works(site, cookie_browser, path, headers, content_type):
    browser = cookie_browser("ada")
    response = browser.post(
        browser.portal_url + path, data="{}",
        headers={**headers, "Content-Type": content_type}, timeout=30,
    )
    assert response.status_code == 201, response.text
    assert enrolled(site, "Ada")


def test_patch_and_delete_by_cookie_need_json_too(site, cookie_browser):
    browser = cookie_browser("ada")
    # A DELETE through ++api++ without this header fails in traversal, cookie or not.
    browser.headers["Accept"] = "application/json"
    api_url = browser.portal_url + "/++api++"
    assert browser.post(api_url + ENROLL, json={}).status_code == 201

    refused = browser.delete(api_url + ENROLL)  # no body, no Content-Type
    assert refused.status_code == 415, refused.text
    assert enrolled(site, "Ada")
    assert browser.delete(api_url + ENROLL, json={}).status_code == 204
    assert not enrolled(site, "Ada")

    patch = browser.patch(api_url + "/@users/ada", data='{"fullname": "Ada L."}',
                          headers={"Content-Type": "text/plain"})
    assert patch.status_code == 415, patch.text
    transaction.begin()
    assert api.user.get(userid="ada").getProperty("fullname") == ""
    patch = browser.patch(api_url + "/@users/ada", json={"fullname": "Ada L."})
    assert patch.status_code == 204, patch.text
    transaction.begin()
    assert api.user.get(userid="ada").getProperty("fullname") == "Ada L."


@pytest.mark.parametrize("login", ["ada", "manager"])
def test_clients_with_an_authorization_header_are_not_concerned(site, client, login):
    response = client(login).post(
        ENROLL, data="{}", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 201, response.text


def test_a_bearer_token_with_the_cookie_still_works(site, client, cookie_browser):
    token = client().post("/@login", json={"login": "ada", "password": PASSWORD}).json()["token"]
    browser = cookie_browser("ada")
    response = browser.post(
        browser.portal_url + "/++api++" + ENROLL, data="{}",
        headers={"Content-Type": "text/plain", "Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.text


def test_anonymous_calls_are_not_concerned(site, client):
    """Nobody is logged in: what the service says, not a content-type refusal."""
    response = requests.post(
        site["portal"].absolute_url() + "/++api++" + ENROLL, data="{}",
        headers={"Content-Type": "text/plain"}, timeout=30,
    )
    assert response.status_code == 401


def test_classic_ui_forms_are_not_concerned(site, cookie_browser):
    browser = cookie_browser("ada")
    url = browser.portal_url + "/@@personal-information"
    page = browser.get(url, timeout=30).text
    token = re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)
    response = browser.post(url, data={
        "form.widgets.fullname": "Ada Lovelace", "form.widgets.email": "ada@example.org",
        "form.buttons.save": "Save", "_authenticator": token,
    }, timeout=30)
    assert response.status_code == 200
    transaction.begin()
    assert api.user.get(userid="ada").getProperty("fullname") == "Ada Lovelace"


def test_the_refusal_comes_in_the_language_of_the_content(site, cookie_browser):
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(
            container=site["portal"]["fr"], type="Course", id="bases", title="Les bases",
            projects=("wikipedia",), organisation="Wikimédia France",
        )
        session = api.content.create(
            container=course, type="CourseSession", id="session", title="Session",
            start=date(2027, 3, 1), end=date(2027, 4, 30), wiki="fr.wikipedia.org",
        )
        api.content.transition(session, "open")
    transaction.commit()
    browser = cookie_browser("ada")
    response = browser.post(
        browser.portal_url + "/++api++/fr/bases/session/@enroll", data="{}",
        headers={"Content-Type": "text/plain"}, timeout=30,
    )
    assert response.status_code == 415
    assert response.json()["message"] == (
        "Une requête authentifiée par le cookie de session doit envoyer du JSON,"
        " avec « Content-Type: application/json »."
    )
    transaction.begin()
    assert len(session.enrollments) == 0
