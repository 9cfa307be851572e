"""Log in with Wikimedia through the real pas.plugins.authomatic plugin and our
provider, against the loopback OAuth 2.0 stand-in (see wikimedia_oauth.py)."""

from datetime import date
from plone import api
from wikimedia_oauth import wiki_account
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.identity.directory import userid_for_wiki_username

import logging
import pytest
import requests
import transaction


def members_with_wiki_username(username):
    identities = api.portal.get_tool("acl_users")["authomatic"]._useridentities_by_userid
    members = (api.user.get(userid=userid) for userid in identities)
    return [member for member in members if member.getProperty("wiki_username", "") == username]


def test_first_login_creates_the_member_with_the_wiki_account(
    oauth_server, log_in_with_wikimedia, logged_in
):
    oauth_server.signed_in = wiki_account(7001, "Camille Dupont", editcount=315)
    browser = log_in_with_wikimedia()
    assert logged_in(browser)
    [member] = members_with_wiki_username("Camille Dupont")
    assert member.getProperty("wiki_central_id") == "7001"
    assert member.getProperty("wiki_editcount") == 315
    assert member.getProperty("wiki_registered") == "20190314120000"
    assert "autoconfirmed" in member.getProperty("wiki_groups")
    assert member.getProperty("wiki_blocked") is False
    assert member.getProperty("email") == "camille dupont@example.org"
    assert userid_for_wiki_username("Camille Dupont") == member.getId()


def test_grants_are_sent_space_separated(oauth_server, log_in_with_wikimedia):
    config = api.portal.get_registry_record(
        "pas.plugins.authomatic.interfaces.IPasPluginsAuthomaticSettings.json_config"
    )
    api.portal.set_registry_record(
        "pas.plugins.authomatic.interfaces.IPasPluginsAuthomaticSettings.json_config",
        config.replace('["mwoauth-authonlyprivate"]', '["mwoauth-authonlyprivate", "basic"]'),
    )
    transaction.commit()
    oauth_server.signed_in = wiki_account(7002, "Grant Tester")
    log_in_with_wikimedia()
    [authorize] = oauth_server.requests_to("authorize")
    assert authorize["params"]["scope"] == "mwoauth-authonlyprivate basic"
    assert members_with_wiki_username("Grant Tester")


def test_a_later_login_finds_the_member_by_central_id(
    oauth_server, log_in_with_wikimedia, logged_in
):
    oauth_server.signed_in = wiki_account(7003, "Noor")
    log_in_with_wikimedia()
    [first] = members_with_wiki_username("Noor")
    oauth_server.signed_in = wiki_account(7003, "Noor", editcount=500)
    browser = log_in_with_wikimedia()
    assert logged_in(browser)
    [again] = members_with_wiki_username("Noor")
    assert again.getId() == first.getId()
    assert again.getProperty("wiki_editcount") == 500
    # The profile is read once per login, checks included.
    assert len(oauth_server.requests_to("resource/profile")) == 2


def test_a_renamed_account_keeps_its_member_and_enrollments(
    oauth_server, log_in_with_wikimedia, functional_portal
):
    oauth_server.signed_in = wiki_account(7004, "Old Name")
    log_in_with_wikimedia()
    [member] = members_with_wiki_username("Old Name")
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(container=functional_portal["en"], type="Course",
                                    id="c", title="C", projects=("wikipedia",))
        session = api.content.create(container=course, type="CourseSession", id="s",
                                     title="S", start=date(2027, 1, 1), end=date(2027, 2, 1),
                                     wiki="en.wikipedia.org")
        add_learners(session, ["Old Name"], added_by="admin")
    transaction.commit()

    oauth_server.signed_in = wiki_account(7004, "New Name")
    log_in_with_wikimedia()
    [renamed] = members_with_wiki_username("New Name")
    assert renamed.getId() == member.getId()
    assert not members_with_wiki_username("Old Name")
    learners = session.enrollments.learners
    assert "New Name" in learners and "Old Name" not in learners
    assert learners["New Name"].user_id == member.getId()
    assert len(session.enrollments) == 1
    assert userid_for_wiki_username("New Name") == member.getId()
    assert userid_for_wiki_username("Old Name") is None


def test_a_blocked_account_is_refused(oauth_server, log_in_with_wikimedia, logged_in):
    oauth_server.signed_in = wiki_account(7006, "Vandal", blocked=True)
    browser = log_in_with_wikimedia()
    assert not logged_in(browser)
    assert not members_with_wiki_username("Vandal")
    assert browser.landed.url.endswith("/login")
    assert "Your Wikimedia account is blocked" in browser.landed.text


@pytest.mark.parametrize("tamper", ["state", "code"])
def test_a_wrong_state_or_code_logs_nobody_in(
    oauth_server, functional_portal, logged_in, tamper
):
    oauth_server.signed_in = wiki_account(7007, "Mallory")
    browser = requests.Session()
    to_wiki = browser.get(functional_portal.absolute_url() + "/authomatic-handler/wikimedia",
                          allow_redirects=False, timeout=30)
    back = browser.get(to_wiki.headers["Location"], allow_redirects=False, timeout=30)
    callback, _, query = back.headers["Location"].partition("?")
    params = dict(pair.split("=", 1) for pair in query.split("&"))
    params[tamper] = "forged" + params[tamper][6:]
    browser.get(callback, params=params, timeout=30)
    transaction.begin()
    assert not logged_in(browser)
    assert not members_with_wiki_username("Mallory")


def test_cancel_on_the_wiki_logs_nobody_in(oauth_server, log_in_with_wikimedia, logged_in):
    oauth_server.signed_in = wiki_account(7008, "Hesitant")
    oauth_server.approve = False
    browser = log_in_with_wikimedia()
    assert not logged_in(browser)
    assert not members_with_wiki_username("Hesitant")


@pytest.mark.parametrize(
    "came_from, lands_on",
    [
        ("{portal}/en", "{portal}/en"),
        ("https://evil.example/phish", "{portal}"),
        ("//evil.example/phish", "{portal}"),
    ],
)
def test_only_our_own_urls_are_destinations(
    oauth_server, log_in_with_wikimedia, functional_portal, came_from, lands_on
):
    portal_url = functional_portal.absolute_url()
    oauth_server.signed_in = wiki_account(7009, "Traveller")
    browser = requests.Session()
    start = "/authomatic-handler/wikimedia?came_from=" + came_from.format(portal=portal_url)
    response = browser.get(portal_url + start, timeout=30)
    assert response.url.startswith(lands_on.format(portal=portal_url))


def test_no_secret_code_or_token_is_logged_or_kept(oauth_server, log_in_with_wikimedia, caplog):
    oauth_server.signed_in = wiki_account(7010, "Quiet")
    with caplog.at_level(logging.DEBUG):
        log_in_with_wikimedia()
    assert members_with_wiki_username("Quiet")
    [token] = oauth_server.tokens
    [exchange] = oauth_server.requests_to("access_token")
    # urllib3 logs the test browser's own requests: the learner's side, not ours.
    logged = "\n".join(
        record.getMessage() for record in caplog.records if record.name != "urllib3.connectionpool"
    )
    assert "authomatic" in logged  # the login was logged, so the check means something
    for secret in (oauth_server.client_secret, token, exchange["params"]["code"]):
        assert secret not in logged
    [identities] = api.portal.get_tool("acl_users")["authomatic"]._useridentities_by_userid.values()
    assert identities.identity("wikimedia")["credentials"] is None


def test_the_login_form_offers_wikimedia_and_registration(oauth_server, functional_portal):
    portal_url = functional_portal.absolute_url()
    page = requests.get(portal_url + "/login", params={"came_from": portal_url + "/en"}, timeout=30)
    assert 'name="__ac_password"' in page.text  # staff keep their password login
    assert f"{portal_url}/authomatic-handler/wikimedia?came_from=" in page.text
    assert f"{portal_url}/@@wiki-register" in page.text
    french = requests.get(portal_url + "/fr/login", timeout=30).text
    assert "Se connecter avec Wikimedia" in french
