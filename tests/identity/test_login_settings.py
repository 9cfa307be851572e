"""Where the Wikimedia login's secret lives, the REST login, and what reaches logs."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from urllib.parse import urlsplit
from wikimedia_oauth import wiki_account
from wikimooc.policy.accesslog import RedactingFileHandler
from wikimooc.policy.identity.settings import consumer_key
from wikimooc.policy.identity.settings import consumer_secret

import base64
import json
import logging
import re
import requests
import transaction


def manager():
    browser = requests.Session()
    browser.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    return browser


def test_the_secret_is_not_in_the_registry(oauth_server, functional_portal):
    key = manager().get(
        functional_portal.absolute_url() + "/@registry/wikimooc.oauth_consumer_key",
        headers={"Accept": "application/json"}, timeout=30,
    )
    assert key.json() == oauth_server.client_id
    records = api.portal.get_tool("portal_registry").records
    assert all(oauth_server.client_secret not in str(record.value) for record in records.values())
    assert consumer_secret() == oauth_server.client_secret


def test_the_control_panel_stores_the_secret_without_showing_it(
    oauth_server, functional_portal, log_in_with_wikimedia, logged_in
):
    url = functional_portal.absolute_url() + "/@@wikimooc-controlpanel"
    browser = manager()
    form = browser.get(url, timeout=30).text
    assert oauth_server.client_secret not in form
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', form).group(1)
    current = dict(
        re.findall(r'<input[^>]*name="(form\.widgets\.[^"]+)"[^>]*value="([^"]*)"', form)
    )
    fields = {
        **current,
        "form.widgets.home_wiki": "fr.wikipedia.org",
        "form.widgets.oauth_consumer_secret": "a-brand-new-secret-1234",
        "form.buttons.save": "Save",
        "_authenticator": token,
    }
    assert "Changes saved" in browser.post(url, data=fields, timeout=30).text
    again = browser.get(url, timeout=30).text
    assert 'value="fr.wikipedia.org"' in again
    assert "a-brand-new-secret-1234" not in again

    # The OAuth server now only accepts the new secret: logging in proves it is used.
    oauth_server.client_secret = "a-brand-new-secret-1234"
    oauth_server.signed_in = wiki_account(8003, "After Rotation")
    assert logged_in(log_in_with_wikimedia())


def test_the_environment_wins_over_the_control_panel(oauth_server, monkeypatch):
    monkeypatch.setenv("WIKIMOOC_OAUTH_CONSUMER_KEY", "key-from-env")
    monkeypatch.setenv("WIKIMOOC_OAUTH_CONSUMER_SECRET", "secret-from-env")
    assert (consumer_key(), consumer_secret()) == ("key-from-env", "secret-from-env")


def rest_login(portal_url, oauth_server, **extra):
    start = requests.get(
        portal_url + "/@login-authomatic/wikimedia",
        headers={"Accept": "application/json"}, timeout=30,
    ).json()
    approved = requests.get(start["next_url"], allow_redirects=False, timeout=30)
    query = "?" + urlsplit(approved.headers["Location"]).query
    return requests.post(
        portal_url + "/@login-authomatic/wikimedia",
        json={"qs": query, "session": start["session"], **extra},
        headers={"Accept": "application/json"}, timeout=30,
    )


def test_rest_login_gives_a_jwt_for_the_wiki_account(oauth_server, functional_portal):
    oauth_server.signed_in = wiki_account(8001, "Api Learner")
    portal_url = functional_portal.absolute_url()
    answer = rest_login(portal_url, oauth_server)
    assert answer.status_code == 200, answer.text
    token = answer.json()["token"]
    me = requests.get(
        portal_url + "/@navigation",
        headers={"Accept": "application/json", "Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert me.status_code == 200
    payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    transaction.begin()
    member = api.user.get(userid=payload["sub"])
    assert member.getProperty("wiki_username") == "Api Learner"
    assert member.getProperty("wiki_central_id") == "8001"


def test_rest_login_refuses_a_blocked_account(oauth_server, functional_portal):
    oauth_server.signed_in = wiki_account(8002, "Blocked Api", blocked=True)
    answer = rest_login(functional_portal.absolute_url(), oauth_server)
    assert answer.status_code == 403
    assert "blocked" in answer.json()["error"]["message"]
    api.portal.get()._p_jar.sync()
    assert not api.portal.get_tool("acl_users")["authomatic"]._useridentities_by_userid


def test_rest_login_refuses_a_foreign_public_url(oauth_server, functional_portal):
    answer = requests.get(
        functional_portal.absolute_url() + "/@login-authomatic/wikimedia",
        params={"publicUrl": "https://evil.example"},
        headers={"Accept": "application/json"}, timeout=30,
    )
    assert answer.status_code == 400
    assert not oauth_server.requests


def test_the_access_log_does_not_keep_oauth_codes(tmp_path):
    log_file = tmp_path / "access.log"
    handler = RedactingFileHandler(log_file)
    logger = logging.getLogger("wikimooc.test.access")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning(
            '127.0.0.1 - - "GET /wikimooc/authomatic-handler/wikimedia?code=SECRETCODE'
            '&state=STATEVALUE HTTP/1.1" 302 0'
        )
    finally:
        logger.removeHandler(handler)
        handler.close()
    line = log_file.read_text()
    assert "authomatic-handler/wikimedia?code=(redacted)&state=(redacted)" in line
    assert "SECRETCODE" not in line and "STATEVALUE" not in line
