"""A copied session is a new run: it starts without the original's work and round;
removing a submission takes it out of its round."""

from Acquisition import aq_parent
from plone import api
from plone.app.testing import login
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.enrollment import add_learners
from wikimooc.workflows.peerreview.actions import create_submission
from wikimooc.workflows.peerreview.storage import exercise_uids
from wikimooc.workflows.peerreview.storage import find_round

import pytest


@pytest.fixture
def handed_in(portal, make_session, course):
    """ada's work, handed in."""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="ada@example.org", username="ada", password="secret-pw-123")
        module = api.content.create(container=course, type="Module", id="basics", title="Basics")
        exercise = api.content.create(
            container=module, type="Exercise", id="sources", title="Sources", check="peer",
            rubric={"criteria": [{"title": "Sources", "levels": [{"title": "Some", "points": 1}]}]},
            instructions=RichTextValue("<p>Cite.</p>"),
        )
        session = make_session()
        api.content.transition(session, "open")
        add_learners(session, ["ada"], added_by="admin")
    login(portal, "ada")
    submission = create_submission(session, exercise.UID(), "My work.", [])
    api.content.transition(submission, "submit")
    return submission


def test_a_copied_session_starts_without_work(handed_in, course):
    session = aq_parent(handed_in)
    with api.env.adopt_roles(["Manager"]):
        copy = api.content.copy(source=session, target=course, safe_id=True)

    assert [item.portal_type for item in copy.objectValues()] == []
    assert exercise_uids(copy) == []
    assert [item.getId() for item in session.objectValues()] == [handed_in.getId()]
    assert find_round(session, handed_in.exercise).handed_in


def test_a_removed_submission_leaves_its_round(handed_in):
    session = aq_parent(handed_in)
    round = find_round(session, handed_in.exercise)
    uid = handed_in.UID()
    assert uid in round.handed_in

    with api.env.adopt_roles(["Manager"]):
        api.content.delete(handed_in)

    assert uid not in round.handed_in
