"""Log in with Wikimedia with a username in every script, against the loopback OAuth
2.0 stand-in (wikimedia_oauth.py: Extension:OAuth's protocol, which no local server
here runs): the first login creates the member, with an ASCII member id whatever
the script, finds the enrollments a teacher made under that name (written as the
wiki writes it, or lower-cased as pasted), and Plone's pages of the member open."""

from datetime import date
from plone import api
from wikimedia_oauth import wiki_account
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.identity.directory import userid_for_wiki_username

import pytest
import transaction


USERNAMES = [
    # script, the name as pasted by a teacher, the name on the wiki
    ("latin", "Lina", "Lina"),
    ("arabic", "عمر الخيام", "عمر الخيام"),
    ("cyrillic", "жанна петрова", "Жанна петрова"),
    ("greek", "ελένη", "Ελένη"),
    ("devanagari", "अमित कुमार", "अमित कुमार"),
    ("han", "李小龙", "李小龙"),
    ("japanese", "さくら_カナ", "さくら カナ"),
    ("hebrew", "\u200fדוד לוי\u200f", "דוד לוי"),  # noqa: RUF001
]


@pytest.mark.parametrize("script, pasted, username", USERNAMES, ids=[u[0] for u in USERNAMES])
def test_first_login_in_every_script(oauth_server, log_in_with_wikimedia, logged_in,
                                     functional_portal, script, pasted, username):
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(container=functional_portal["en"], type="Course",
                                    id="c", title="C", projects=("wikipedia",))
        session = api.content.create(container=course, type="CourseSession", id="s",
                                     title="S", kind="private", start=date(2027, 1, 1),
                                     end=date(2027, 2, 1), wiki="en.wikipedia.org")
        add_learners(session, [pasted], added_by="admin")
    transaction.commit()
    assert list(session.enrollments.learners) == [username]
    assert session.enrollments.learners[username].user_id is None

    oauth_server.signed_in = wiki_account(8100 + len(pasted), username)
    browser = log_in_with_wikimedia()
    assert logged_in(browser)
    user_id = userid_for_wiki_username(username)
    member = api.user.get(userid=user_id)
    assert member.getProperty("wiki_username") == username
    assert user_id.isascii()
    assert session.enrollments.learners[username].user_id == user_id
    private_page = browser.get(session.absolute_url(), timeout=30)
    assert private_page.status_code == 200 and "/login" not in private_page.url
    preferences = browser.get(functional_portal.absolute_url() + "/@@personal-information",
                              timeout=30)
    assert preferences.status_code == 200
