"""Teachers create wiki accounts for a group when the wiki throttles the room, and
see every learner's wiki username with links to their wiki pages."""

from wikimooc.policy.identity.directory import userid_for_wiki_username

import pytest
import re
import secrets
import transaction


CREATOR = "WikiMOOC platform"
CREATOR_PASSWORD = "Platform-Account-Pass-55"


@pytest.fixture
def account_creator(home_wiki, monkeypatch):
    home_wiki.create_user(CREATOR, CREATOR_PASSWORD, groups=("sysop",))
    monkeypatch.setenv("WIKIMOOC_WIKI_USERNAME", CREATOR)
    monkeypatch.setenv("WIKIMOOC_WIKI_PASSWORD", CREATOR_PASSWORD)
    return CREATOR


def teacher_page(client):
    teacher = client("teacher")
    teacher.session.headers["Accept"] = "text/html"
    return teacher


def post_accounts(teacher, session, accounts):
    url = session.absolute_url() + "/@@create-accounts"
    form = teacher.get(url).text
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', form).group(1)
    answer = teacher.post(url, data={"accounts": accounts, "_authenticator": token})
    transaction.begin()
    return answer


def result_rows(html):
    return {
        status: re.sub(r"<[^>]+>|\s+", " ", row).strip()
        for status, row in re.findall(r'(?s)<tr data-status="([^"]+)">(.*?)</tr>', html)
    }


def test_a_teacher_creates_accounts_when_the_wiki_throttles(
    site, client, home_wiki, account_creator, register
):
    fresh, existing = f"Room {secrets.token_hex(3)}", f"Known {secrets.token_hex(3)}"
    home_wiki.create_user(existing, "Known-Person-Pass-31")
    with home_wiki.settings(account_creation_throttle=1):
        register(f"First {secrets.token_hex(3)}")
        throttled = register(f"Second {secrets.token_hex(3)}")
        assert "a teacher can create your account" in throttled.landed.text
        answer = post_accounts(
            teacher_page(client), site["public"],
            f"{fresh}, room@example.org\n{existing}\nBad/Name\n",
        )
    assert answer.headers["Cache-Control"] == "no-store"
    rows = result_rows(answer.text)
    assert set(rows) == {"created", "exists", "invalid_username"}
    password = re.search(r"<code>([^<]+)</code>", answer.text).group(1)
    assert home_wiki.site(fresh, password).logged_in
    learners = site["public"].enrollments.learners
    assert fresh in learners and existing in learners and "Bad/Name" not in learners
    assert learners[fresh].user_id == userid_for_wiki_username(fresh) is not None


def test_without_a_platform_wiki_account_the_teacher_is_told(site, client, home_wiki, monkeypatch):
    monkeypatch.delenv("WIKIMOOC_WIKI_USERNAME", raising=False)
    answer = post_accounts(teacher_page(client), site["public"], "Someone New")
    assert "no working wiki account" in answer.text
    assert "Someone New" not in site["public"].enrollments.learners


def test_learners_may_not_create_accounts(site, client, home_wiki):
    learner = client("ada")
    answer = learner.get(site["public"].absolute_url() + "/@@create-accounts")
    assert answer.status_code in (401, 403)


def test_teachers_see_wiki_links_for_every_learner(site, client):
    teacher = client("teacher")
    teacher.post(
        site["public"].absolute_url() + "/@enrollments", json={"usernames": ["Camille Dupont"]}
    )
    [item] = teacher.get(site["public"].absolute_url() + "/@enrollments").json()["items"]
    assert item["wiki_links"] == {
        "contributions": "https://en.wikipedia.org/wiki/Special:Contributions/Camille_Dupont",
        "user_page": "https://en.wikipedia.org/wiki/User:Camille_Dupont",
        "talk_page": "https://en.wikipedia.org/wiki/User_talk:Camille_Dupont",
    }
    page = teacher_page(client).get(site["public"].absolute_url() + "/@@learners").text
    assert 'href="https://en.wikipedia.org/wiki/User_talk:Camille_Dupont"' in page
