"""The forum with wiki usernames and titles in every script: the question is
posted, listed and shown with its author's wiki username and links to their
contributions on the session's wiki, percent-encoded as UTF-8."""

from html_pages import html_client
from plone import api
from urllib.parse import quote
from wikimooc.policy.enrollment import enroll

import html
import pytest
import transaction


PUBLIC = "/en/intro/public-session"
SCRIPTS = [
    ("arabic", "عمر الخيام", "كيف أستشهد بكتاب؟"),
    ("cyrillic", "Жанна Петрова", "Как сослаться на книгу?"),
    ("greek", "Ελένη", "Πώς παραθέτω ένα βιβλίο;"),
    ("devanagari", "अमित कुमार", "पुस्तक का संदर्भ कैसे दूँ?"),
    ("han", "李小龙", "如何引用一本书？"),  # noqa: RUF001
]


@pytest.mark.parametrize("script, username, title", SCRIPTS, ids=[s[0] for s in SCRIPTS])
def test_a_question_by_a_learner_in_every_script(forum, client, script, username, title):
    with api.env.adopt_roles(["Manager"]):
        member = api.user.get(userid="dan")
        member.setMemberProperties({"wiki_username": username})
        enroll(forum["public"], member)
    transaction.commit()
    asked = client("dan").post(PUBLIC + "/@forum", json={"title": title, "text": "<p>؟</p>"})
    assert asked.status_code == 201, asked.text[:300]
    question_url = asked.json()["@id"]
    assert question_url.isascii()

    listed = client("dan").get(PUBLIC + "/@forum").json()
    [item] = [found for found in listed["items"] if found["title"] == title]
    assert item["author"]["wiki_username"] == username

    page = html.unescape(html_client(client, "teacher").get(question_url).text)
    assert title in page and username in page
    contributions = "Special:Contributions/" + quote(username.replace(" ", "_"))
    assert contributions in page
