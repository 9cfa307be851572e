"""The Classic UI of peer review: a learner hands in work from the session page and
reviews through a form; the submission's page shows the reviews as REST does
(reviewer names hidden from the author) and escapes what learners typed."""

from plone import api

import pytest
import re
import transaction


SESSION = "/en/intro/public-session"


def authenticator(page):
    return re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)


@pytest.fixture
def browse(client):
    """A logged-in browser: HTML pages, forms posted with their CSRF token."""

    def browse(login):
        browser = client(login)
        browser.session.headers["Accept"] = "text/html"
        return browser

    return browse


def test_a_learner_hands_in_from_the_session_page(peer, browse, state):
    ada = browse("ada")
    page = ada.get(SESSION).text
    assert "@@hand-in" in page and "Cite your sources" in page

    response = ada.post(SESSION + "/@@hand-in", data={
        "_authenticator": authenticator(page),
        "exercise": peer["exercise"].UID(),
        "text": "Three sources.",
        "links": "https://en.wikipedia.org/w/index.php?diff=1\n",
    })

    assert response.status_code == 200
    assert response.url.endswith("/cite-your-sources-ada")
    assert state(response.url) == "submitted"
    assert "Cite your sources — ada" in ada.get(SESSION).text


@pytest.fixture
def reviewed_page(peer, draft, hand_in, client, allocated, browse):
    """ada's work with markup in it, reviewed through the form by one reviewer."""
    url = draft("ada", text="<script>alert('ada')</script> My <b>work</b>.")
    assert client("ada").post(url + "/@workflow/submit", json={}).status_code == 200
    for login in ("bob", "cleo", "dan"):
        hand_in(login)
    reviewer = allocated(url)[0]
    browser = browse(reviewer)
    page = browser.get(url).text
    assert "@@review" in page
    response = browser.post(url + "/@@review", data={
        "_authenticator": authenticator(page),
        "level-0": "2", "level-1": "1", "comment-0": "", "comment-1": "",
        "comment": "<img src=x onerror=alert(1)> Well done.",
    })
    assert response.status_code == 200
    return {"url": url, "reviewer": reviewer}


def test_the_page_escapes_what_learners_typed(reviewed_page, browse):
    page = browse("ada").get(reviewed_page["url"]).text

    assert "<script>alert('ada')</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<img src=x onerror" not in page
    assert "Well done." in page


@pytest.mark.parametrize("shown", [False, True])
def test_the_author_sees_reviewer_names_only_if_the_session_says_so(
    reviewed_page, peer, browse, shown
):
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        peer["session"].show_reviewer_names = shown
    transaction.commit()
    reviewer = reviewed_page["reviewer"]

    page = browse("ada").get(reviewed_page["url"]).text

    headings = re.findall(r'class="h5 wikimooc-reviewer">([^<]*)<', page)
    # People appear by wiki username (here their login, first letter capitalised).
    assert headings == ([reviewer.capitalize()] if shown else ["Reviewer 1"])
    assert "@@cancel-review" not in page and "wikimooc-history" not in page


def test_the_teacher_cancels_a_review_and_sets_the_grade_from_the_page(
    reviewed_page, browse, peer_review
):
    url = reviewed_page["url"]
    teacher = browse("teacher")
    page = teacher.get(url).text
    assert re.findall(r'class="h5 wikimooc-reviewer">([^<]*)<', page) == [
        reviewed_page["reviewer"].capitalize()
    ]
    review_url = peer_review("teacher", url)["items"][0]["@id"]

    teacher.post(review_url + "/@@cancel-review", data={
        "_authenticator": authenticator(page), "reason": "Not about the work.",
    })
    teacher.post(url + "/@@override-grade", data={
        "_authenticator": authenticator(page), "points": "3.5", "reason": "Checked in class.",
    })

    after = peer_review("teacher", url)
    assert after["items"][0]["cancelled"]["reason"] == "Not about the work."
    assert after["submission"]["grade"]["points"] == 3.5
    page = teacher.get(url).text
    assert "Review cancelled" in page and "Checked in class." in page


def test_a_refused_review_says_why(reviewed_page, browse):
    browser = browse(reviewed_page["reviewer"])
    assert "@@review" not in browser.get(reviewed_page["url"]).text
    page = browser.get(SESSION).text

    response = browser.post(reviewed_page["url"] + "/@@review", data={
        "_authenticator": authenticator(page), "level-0": "0", "level-1": "0",
    })

    assert "You have already reviewed this submission." in response.text
