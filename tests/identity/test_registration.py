"""Register on WikiMOOC and get the wiki account too, against a real MediaWiki
(Debian's package with ConfirmEdit's QuestyCaptcha; see tests/mediawiki_fixtures.py)."""

from plone import api
from wikimedia_oauth import wiki_account
from wikimooc.policy.identity.registration import reason_for

import logging
import pytest
import re
import requests
import secrets
import transaction


PASSWORD = "Learners-Own-Pass-2027"


def new_name(prefix="Learner"):
    return f"{prefix} {secrets.token_hex(3)}"


def wiki_user(mediawiki, name):
    [user] = mediawiki.site().get("query", list="users", ususers=name)["query"]["users"]
    return user


def registered_members(username):
    identities = api.portal.get_tool("acl_users")["authomatic"]._useridentities_by_userid
    members = (api.user.get(userid=userid) for userid in identities)
    return [member for member in members if member.getProperty("wiki_username", "") == username]


def test_the_form_shows_the_wikis_captcha(registration_form, functional_portal, home_wiki):
    page, token, captcha_id = registration_form(
        requests.Session(), functional_portal.absolute_url()
    )
    assert home_wiki.captcha_question in page.text
    assert captcha_id and token


def test_registering_creates_the_wiki_account_and_the_member(
    register, home_wiki, logged_in, caplog
):
    name = new_name()
    with caplog.at_level(logging.DEBUG):
        browser = register(name, password=PASSWORD)
    assert "ready and you are logged in" in browser.landed.text
    assert logged_in(browser)
    user = wiki_user(home_wiki, name)
    assert "missing" not in user
    [member] = registered_members(name)
    assert member.getProperty("wiki_central_id") == str(user["userid"])
    assert member.getProperty("email") == "learner@example.org"
    # The learner logs in on the wiki with the password they chose here.
    assert home_wiki.site(name, PASSWORD).logged_in
    assert PASSWORD not in "\n".join(record.getMessage() for record in caplog.records)


def test_a_later_wikimedia_login_finds_the_registered_member(
    register, home_wiki, oauth_server, log_in_with_wikimedia, logged_in
):
    name = new_name()
    browser = register(name, follow=False)
    # Where the wiki uses OAuth, the new learner is sent through "Log in with Wikimedia".
    assert "/authomatic-handler/wikimedia?came_from=" in browser.landed.headers["Location"]
    assert not logged_in(browser)
    [member] = registered_members(name)
    oauth_server.signed_in = wiki_account(member.getProperty("wiki_central_id"), name)
    browser.get(browser.landed.headers["Location"], timeout=30)
    transaction.begin()
    assert logged_in(browser)
    assert [m.getId() for m in registered_members(name)] == [member.getId()]


@pytest.mark.parametrize(
    "case, change, reason_text",
    [
        ("wrong captcha", {"answer": "not the answer"}, "The answer to the question was wrong"),
        ("weak password", {"password": "password"}, "The wiki refused this password"),
        ("passwords differ", {"retype": "something-else-42"}, "The two passwords differ"),
        ("invalid username", {"username": "Name/Sub"}, "does not accept"),
        ("no email", {"email": "not-an-email"}, "Give an email address"),
    ],
)
def test_refusals_leave_nothing_behind(register, home_wiki, case, change, reason_text):
    name = change.pop("username", None) or new_name()
    browser = register(name, **change)
    assert reason_text in browser.landed.text, case
    assert "missing" in wiki_user(home_wiki, name) or case == "invalid username"
    assert not registered_members(name)


def test_a_wrong_answer_gets_a_new_question(register, home_wiki):
    browser = register(new_name(), answer="nope")
    assert home_wiki.captcha_question in browser.landed.text
    assert re.search(r'name="captcha_id"[^>]*value="[^"]+"', browser.landed.text)


def test_a_taken_username_offers_log_in_with_wikimedia(register, home_wiki):
    name = new_name("Taken")
    home_wiki.create_user(name, "Some-Other-Password-77")
    browser = register(name)
    assert "is already taken on the wiki" in browser.landed.text
    assert "authomatic-handler/wikimedia" in browser.landed.text
    assert not registered_members(name)


def test_the_wikis_throttle_is_explained(register, home_wiki):
    with home_wiki.settings(account_creation_throttle=1):
        register(new_name())
        throttled_name = new_name()
        browser = register(throttled_name)
    assert "a teacher can create your account from the session page" in browser.landed.text
    assert "missing" in wiki_user(home_wiki, throttled_name)
    assert not registered_members(throttled_name)


def test_our_own_limit_per_address_stops_before_the_wiki(register, home_wiki):
    api.portal.set_registry_record("wikimooc.registration_attempts_per_hour", 2)
    transaction.commit()
    register(new_name(), answer="wrong")
    register(new_name(), answer="wrong")
    name = new_name()
    browser = register(name)
    assert "Too many registration attempts" in browser.landed.text
    assert "missing" in wiki_user(home_wiki, name)


def test_an_unreachable_wiki_is_explained(registration_form, home_wiki):
    browser = requests.Session()
    portal_url = api.portal.get().absolute_url()
    _, token, captcha_id = registration_form(browser, portal_url)
    name = new_name()
    with home_wiki.stopped():
        answer = browser.post(portal_url + "/@@wiki-register", timeout=60, data={
            "username": name, "email": "a@example.org", "password": PASSWORD,
            "retype": PASSWORD, "captcha_id": captcha_id,
            "captcha_word": home_wiki.captcha_answer, "_authenticator": token,
        })
    transaction.begin()
    assert "The wiki cannot be reached right now" in answer.text
    assert errors_shown(answer.text) == [
        "The wiki cannot be reached right now, so no account was created. Please try again"
        " in a few minutes."
    ]
    assert "missing" in wiki_user(home_wiki, name)
    assert not registered_members(name)


def errors_shown(html):
    box = re.search(r'wikimooc-register-errors"[^>]*>(.*?)</div>', html, re.S)
    if box is None:
        return []
    return [" ".join(error.split()) for error in re.findall(r"<p>(.*?)</p>", box.group(1), re.S)]


def test_before_anything_is_sent_the_form_says_nothing_was_tried(home_wiki, functional_portal):
    with home_wiki.stopped():
        page = requests.get(functional_portal.absolute_url() + "/@@wiki-register", timeout=60)
    assert errors_shown(page.text) == [
        "The wiki cannot be reached right now, so accounts cannot be created here for the"
        " moment. Please come back in a few minutes."
    ]
    assert "no account was created" not in page.text


def test_the_french_form_says_wikimedia_as_the_rest_of_the_site(home_wiki, functional_portal):
    page = requests.get(functional_portal.absolute_url() + "/fr/@@wiki-register", timeout=60)
    assert "Créez votre compte Wikimedia" in page.text
    assert "Wikimédia" not in page.text


def test_a_post_without_the_csrf_token_is_refused(register, home_wiki):
    name = new_name()
    browser = register(name, _authenticator="forged")
    assert browser.landed.status_code == 403
    assert "missing" in wiki_user(home_wiki, name)


def test_the_form_speaks_french_under_fr(register, home_wiki):
    browser = register(new_name(), answer="nope", path="/fr/@@wiki-register")
    assert "La réponse à la question était fausse" in browser.landed.text


@pytest.mark.parametrize(
    "messagecode, reason",
    [
        ("userexists", "taken"),
        ("invaliduser", "invalid_username"),
        ("antispoof-conflict-top", "similar_username"),
        ("passwordincommonlist", "weak_password"),
        ("password-substring-username-match", "weak_password"),
        ("captcha-createaccount-fail", "wrong_captcha"),
        ("acct_creation_throttle_hit", "throttled"),
        ("something-new", "failed"),
    ],
)
def test_wiki_message_codes_map_to_reasons(messagecode, reason):
    assert reason_for(messagecode) == reason
