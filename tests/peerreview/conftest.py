"""A course with a peer-reviewed exercise and an open session of six learners,
over the functional layer's HTTP server (the ``site`` and ``client`` fixtures of
tests/conftest.py), and helpers to act through REST."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.enrollment import add_learners
from wikimooc.workflows.peerreview.storage import find_round

import pytest
import transaction


LEARNERS = ("ada", "bob", "cleo", "dan", "eve", "fay")
# Two criteria: 0, 1 or 2 points, then 0 or 3; at most 5 points.
RUBRIC = {
    "criteria": [
        {
            "title": "Sources",
            "levels": [
                {"title": "None", "points": 0},
                {"title": "Some", "points": 1},
                {"title": "Reliable", "points": 2},
            ],
        },
        {
            "title": "Neutrality",
            "levels": [{"title": "Biased", "points": 0}, {"title": "Neutral", "points": 3}],
        },
    ]
}
SESSION = "/en/intro/public-session"


@pytest.fixture
def peer(site):
    """``site`` with the exercise "Cite your sources" and six learners in its public
    session, whose teacher is "teacher"."""
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(
            container=site["course"], type="Module", id="basics", title="Basics"
        )
        exercise = api.content.create(
            container=module, type="Exercise", id="sources", title="Cite your sources",
            check="peer", rubric=RUBRIC, instructions=RichTextValue("<p>Add sources.</p>"),
        )
        add_learners(site["public"], list(LEARNERS), added_by="teacher")
    transaction.commit()
    return {**site, "exercise": exercise, "session": site["public"]}


@pytest.fixture
def draft(peer, client):
    """Create ``login``'s draft submission over REST; return its URL."""

    def draft(login, text="I cited three reliable sources."):
        created = client(login).post(
            SESSION + "/@submissions",
            json={
                "exercise": peer["exercise"].UID(),
                "text": text,
                "links": ["https://en.wikipedia.org/w/index.php?diff=12345"],
            },
        )
        assert created.status_code == 201, created.text
        return created.json()["@id"]

    return draft


@pytest.fixture
def hand_in(draft, client):
    """Create and hand in ``login``'s submission; return its URL."""

    def hand_in(login):
        url = draft(login)
        handed_in = client(login).post(url + "/@workflow/submit", json={})
        assert handed_in.status_code == 200, handed_in.text
        return url

    return hand_in


@pytest.fixture
def peer_review(client):
    """GET {submission}/@reviews as ``login``."""

    def peer_review(login, url):
        response = client(login).get(url + "/@reviews")
        assert response.status_code == 200, response.text
        return response.json()

    return peer_review


@pytest.fixture
def allocated(peer_review):
    """Who reviews the submission at ``url``, pending or done, as its teacher sees it."""

    def allocated(url, status=None):
        return [
            item["reviewer"]["id"]
            for item in peer_review("teacher", url)["allocations"]
            if status is None or item["status"] == status
        ]

    return allocated


@pytest.fixture
def give_review(client):
    """POST a review choosing ``levels`` (one level index per criterion)."""

    def give_review(login, url, levels, comment="Clear and well sourced.", **extra):
        return client(login).post(
            url + "/@reviews",
            json={"choices": [{"level": level} for level in levels], "comment": comment, **extra},
        )

    return give_review


@pytest.fixture
def backdate(peer):
    """Make the submission at ``url`` look handed in ``days`` ago."""

    def backdate(url, days):
        transaction.begin()
        submission = api.content.get(path=url.split("/plone", 1)[1])
        round = find_round(peer["session"], peer["exercise"].UID())
        entry = round.handed_in[submission.UID()]
        then = datetime.now(UTC) - timedelta(days=days)
        round.handed_in[submission.UID()] = entry._replace(time=then.isoformat(timespec="seconds"))
        transaction.commit()

    return backdate


@pytest.fixture
def state(client):
    def state(url):
        return client("manager").get(url).json()["review_state"]

    return state
