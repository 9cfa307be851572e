"""A course with an exercise checked on the wiki ("draft") and a peer-reviewed one
("sources", at most 5 points); its public session (the ``site`` fixture of
tests/conftest.py, taught by "teacher") requires both for a certificate, the
peer-reviewed one graded at least 60 %; Ada and Bob learn in it."""

from plone import api
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.certificates.storage import certificate_of
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.tracking.storage import Contribution
from wikimooc.policy.tracking.storage import tracking_of

import pytest
import transaction


SESSION = "/en/intro/public-session"
RUBRIC = {
    "criteria": [
        {"title": "Sources",
         "levels": [{"title": "None", "points": 0}, {"title": "Reliable", "points": 2}]},
        {"title": "Neutrality",
         "levels": [{"title": "Biased", "points": 0}, {"title": "Neutral", "points": 3}]},
    ]
}


@pytest.fixture
def certified(site):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(
            container=site["course"], type="Module", id="basics", title="Basics"
        )
        draft = api.content.create(
            container=module, type="Exercise", id="draft", title="Start your draft",
            check="wiki", wiki_action="create_page", title_pattern="User:{username}/Draft",
        )
        sources = api.content.create(
            container=module, type="Exercise", id="sources", title="Cite your sources",
            check="peer", rubric=RUBRIC, instructions=RichTextValue("<p>Add sources.</p>"),
        )
        session = site["public"]
        session.certificate_exercises = [draft.UID(), sources.UID()]
        session.certificate_minimum_grade = 60
        add_learners(session, ["ada", "bob"], added_by="teacher")
    transaction.commit()
    return {**site, "session": session, "draft": draft, "sources": sources}


@pytest.fixture
def graded(certified, client):
    """``login`` hands in work for "sources", which the teacher grades ``points``."""

    def graded(login, points):
        created = client(login).post(SESSION + "/@submissions", json={
            "exercise": certified["sources"].UID(), "text": "Three reliable sources.",
        })
        assert created.status_code == 201, created.text
        url = created.json()["@id"]
        assert client(login).post(url + "/@workflow/submit", json={}).status_code == 200
        response = client("teacher").post(
            url + "/@grade-override", json={"points": points, "reason": "Graded by the teacher."}
        )
        assert response.status_code == 200, response.text
        transaction.begin()
        return url

    return graded


@pytest.fixture
def worked(certified):
    """Record that ``username`` edited these pages of the session's wiki (as an edit
    check would)."""

    def worked(username, *titles):
        transaction.begin()
        tracking = tracking_of(certified["session"])
        for number, title in enumerate(titles, start=len(tracking.contributions) + 1):
            tracking.record(Contribution(
                revid=number, parentid=0, username=username, namespace=0, title=title,
                timestamp=f"2027-03-{number:02d}T10:00:00Z", size=500, sizediff=500, new=True,
                comment="",
            ))
        transaction.commit()

    return worked


@pytest.fixture
def decide(client):
    """The teacher marks the wiki exercise done for ``learner`` over REST."""

    def decide(learner, exercise, done=True):
        response = client("teacher").post(SESSION + "/@progress", json={
            "learner": learner, "exercise": exercise.UID(), "done": done,
            "reason": "Checked by hand.",
        })
        assert response.status_code == 200, response.text
        transaction.begin()

    return decide


@pytest.fixture
def issued(certified, worked, decide):
    """Ada's certificate, for a session that requires only the wiki exercise; she
    edited two pages. Returns its code."""
    transaction.begin()
    certified["session"].certificate_exercises = [certified["draft"].UID()]
    transaction.commit()
    worked("Ada", "User:Ada/Draft", "Bridge")
    decide("Ada", certified["draft"])
    return certificate_of(certified["session"], "Ada").code
