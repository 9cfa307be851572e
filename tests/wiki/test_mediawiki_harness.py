"""The test wiki itself: a real MediaWiki with the settings the wiki features rely on."""

import itertools
import mwclient
import pytest
import requests


PASSWORD = "correct horse battery staple"
numbers = itertools.count(1)


def new_name(prefix):
    # The wiki lives for the whole session: every test needs names of its own.
    return f"{prefix} {next(numbers)}"


def query(mediawiki, **params):
    answer = requests.get(mediawiki.api_url, timeout=30,
                          params={"action": "query", **params, "format": "json",
                                  "formatversion": 2})
    answer.raise_for_status()
    return answer.json()["query"]


def create_account_as_visitor(mediawiki, username, password, captcha_answer):
    """action=createaccount as a visitor of the wiki's sign-up form would: no login."""
    session = requests.Session()
    found = session.get(mediawiki.api_url, timeout=30, params={
        "action": "query", "meta": "authmanagerinfo|tokens", "type": "createaccount",
        "amirequestsfor": "create", "format": "json", "formatversion": 2,
    }).json()["query"]
    fields = {"createtoken": found["tokens"]["createaccounttoken"], "username": username,
              "password": password, "retype": password}
    for request in found["authmanagerinfo"]["requests"]:
        if request["id"] == "CaptchaAuthenticationRequest":
            fields["captchaId"] = request["fields"]["captchaId"]["value"]
            fields["captchaWord"] = captcha_answer
    return session.post(mediawiki.api_url, timeout=30, data={
        "action": "createaccount", "createreturnurl": "http://127.0.0.1/",
        "format": "json", "formatversion": 2, **fields,
    }).json()["createaccount"]


def captcha_question(mediawiki):
    found = query(mediawiki, meta="authmanagerinfo", amirequestsfor="create")
    for request in found["authmanagerinfo"]["requests"]:
        if request["id"] == "CaptchaAuthenticationRequest":
            return request["fields"]["captchaInfo"]["value"]
    return None


def test_the_api_is_debians_mediawiki_with_confirmedit(mediawiki):
    found = query(mediawiki, meta="siteinfo", siprop="general|extensions")

    assert found["general"]["generator"].startswith("MediaWiki 1.39.")
    assert found["general"]["dbtype"] == "sqlite"
    assert found["general"]["server"] == f"http://{mediawiki.host}"
    assert {"ConfirmEdit", "QuestyCaptcha"} <= {ext["name"] for ext in found["extensions"]}


def test_the_admin_may_do_everything(mediawiki):
    found = query(mediawiki, list="users", ususers=mediawiki.admin_user, usprop="groups")

    assert {"sysop", "bureaucrat", "interface-admin"} <= set(found["users"][0]["groups"])
    assert mediawiki.site(mediawiki.admin_user, mediawiki.admin_password).logged_in


def test_a_created_user_edits_and_the_edit_is_in_their_contributions(mediawiki):
    user = new_name("Editor")
    mediawiki.create_user(user, PASSWORD)

    revision = mediawiki.edit_as(user, PASSWORD, "Harness page", "Hello [[wiki]].",
                                 summary="first edit")

    contributions = query(mediawiki, list="usercontribs", ucuser=user)["usercontribs"]
    assert [(c["revid"], c["title"], c["comment"]) for c in contributions] == [
        (revision, "Harness page", "first edit")
    ]


def test_rate_limits_are_out_of_reach(mediawiki):
    # Tests make many edits, and many wrong captcha answers, within a minute.
    user = new_name("Busy editor")
    mediawiki.create_user(user, PASSWORD)

    for site in (mediawiki.site(), mediawiki.site(user, PASSWORD)):
        limits = site.api("query", meta="userinfo", uiprop="ratelimits")
        by_action = limits["query"]["userinfo"]["ratelimits"]
        assert {"edit", "badcaptcha"} <= set(by_action)
        assert {
            (action, group): limit["hits"]
            for action, groups in by_action.items() for group, limit in groups.items()
            if limit["hits"] < 10**9
        } == {}


def test_a_wrong_password_does_not_log_in(mediawiki):
    user = new_name("Careful")
    mediawiki.create_user(user, PASSWORD)

    with pytest.raises(mwclient.errors.LoginError) as failure:
        mediawiki.site(user, "not " + PASSWORD)

    assert failure.value.code == "FAIL"
    assert failure.value.info.startswith("Incorrect username or password entered.")


def test_account_creation_asks_the_captcha_question(mediawiki):
    assert captcha_question(mediawiki) == mediawiki.captcha_question

    wrong = create_account_as_visitor(mediawiki, new_name("Guesser"), PASSWORD, "Britannica")
    right = create_account_as_visitor(
        mediawiki, new_name("Learner"), PASSWORD, mediawiki.captcha_answer)

    assert (wrong["status"], wrong["messagecode"]) == ("FAIL", "captcha-createaccount-fail")
    assert right["status"] == "PASS"


def test_the_captcha_can_be_switched_off_while_the_wiki_runs(mediawiki):
    with mediawiki.settings(createaccount_captcha=False):
        assert captcha_question(mediawiki) is None
        created = create_account_as_visitor(mediawiki, new_name("Fast"), PASSWORD, None)
        assert created["status"] == "PASS"

    assert captcha_question(mediawiki) == mediawiki.captcha_question


def test_the_account_creation_throttle_refuses_the_next_account(mediawiki):
    def create():
        return create_account_as_visitor(
            mediawiki, new_name("Throttled"), PASSWORD, mediawiki.captcha_answer)

    # Twice: each block counts from zero.
    for _ in range(2):
        with mediawiki.settings(account_creation_throttle=2):
            created = [create(), create(), create()]
        assert [c["status"] for c in created] == ["PASS", "PASS", "FAIL"]
        assert created[2]["messagecode"] == "acct_creation_throttle_hit"

    assert create()["status"] == "PASS"


def test_the_password_attempt_throttle_refuses_even_the_right_password(mediawiki):
    user = new_name("Forgetful")
    mediawiki.create_user(user, PASSWORD)

    with mediawiki.settings(password_attempt_throttle=2):
        failures = []
        for password in ("wrong", "wrong again", PASSWORD):
            with pytest.raises(mwclient.errors.LoginError) as failure:
                mediawiki.site(user, password)
            failures.append(failure.value.info)

    assert failures == [
        "Incorrect username or password entered.\nPlease try again.",
        "Incorrect username or password entered.\nPlease try again.",
        "You have made too many recent login attempts.\nPlease wait 1 day before trying again.",
    ]
    assert mediawiki.site(user, PASSWORD).logged_in


def test_the_wiki_can_be_made_read_only(mediawiki):
    user = new_name("Blocked by maintenance")
    mediawiki.create_user(user, PASSWORD)

    with mediawiki.settings(read_only="Database upgrade"):
        with pytest.raises(mwclient.errors.APIError) as refusal:
            mediawiki.edit_as(user, PASSWORD, "Read-only page", "text")
        assert refusal.value.code == "readonly"

    assert mediawiki.edit_as(user, PASSWORD, "Read-only page", "text") > 0


def test_unknown_settings_are_refused(mediawiki):
    with (
        pytest.raises(ValueError, match="no such wiki setting: captcha"),
        mediawiki.settings(captcha=False),
    ):
        pass


def test_a_stopped_wiki_does_not_answer_and_comes_back(mediawiki):
    with mediawiki.stopped(), pytest.raises(requests.ConnectionError):
        requests.get(mediawiki.api_url, timeout=5)

    assert query(mediawiki, meta="siteinfo")["general"]["sitename"] == "WikiTest"
