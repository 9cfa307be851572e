"""A session's grading policy: its defaults, the changes teachers make, and bad
input refused with a translated reason and nothing changed."""

from datetime import date
from plone import api
from wikimooc.policy.grades.settings import change
from wikimooc.policy.grades.settings import grading_policy
from wikimooc.policy.grades.settings import GradingPolicy
from wikimooc.policy.grades.settings import GradingRefused
from zope.i18n import translate

import pytest


def test_the_defaults(world):
    policy = grading_policy(world["session"])
    assert policy == GradingPolicy()
    assert policy.as_dict() == {
        "weights": {"quizzes": 40.0, "wiki": 30.0, "peer": 30.0},
        "pass_mark": 50.0, "items": None, "quiz_attempt": "best",
    }


def test_changes_are_kept_on_the_session_only(world):
    session = world["session"]
    uids = {world["check"].UID()}
    change(session, {"weights": {"peer": 0}, "pass_mark": "62,5", "items": [world["check"].UID()]},
           uids)
    policy = grading_policy(session)
    assert policy.weight_of() == {"quizzes": 40.0, "wiki": 30.0, "peer": 0.0}
    assert (policy.pass_mark, policy.items) == (62.5, (world["check"].UID(),))
    change(session, {"items": None, "quiz_attempt": "last"}, uids)
    assert (grading_policy(session).items, grading_policy(session).quiz_attempt) == (None, "last")
    with api.env.adopt_roles(["Manager"]):
        other = api.content.create(
            container=world["course"], type="CourseSession", id="autumn", title="Autumn",
            start=date(2027, 9, 1), end=date(2027, 10, 30), wiki="en.wikipedia.org",
        )
    assert grading_policy(other) == GradingPolicy()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"weights": {"quizzes": -1}}, "The weight of quizzes must be a number, 0 or more."),
        ({"weights": {"wiki": "heavy"}}, "The weight of wiki must be a number, 0 or more."),
        ({"weights": {"wiki": True}}, "The weight of wiki must be a number, 0 or more."),
        ({"weights": {"wiki": float("nan")}}, "The weight of wiki must be a number, 0 or more."),
        ({"weights": {"essays": 10}},
         "There is no category essays: the categories are quizzes, wiki, peer."),
        ({"weights": [1, 2, 3]}, "Give \"weights\": an object of categories and numbers."),
        ({"weights": {"quizzes": 0, "wiki": 0, "peer": 0}},
         "At least one category must weigh more than 0."),
        ({"pass_mark": 101}, "The pass mark must be a percentage, from 0 to 100."),
        ({"pass_mark": -0.5}, "The pass mark must be a percentage, from 0 to 100."),
        ({"pass_mark": None}, "The pass mark must be a percentage, from 0 to 100."),
        ({"items": ["no-such-uid"]}, "no-such-uid is no quiz or exercise of this course."),
        ({"items": []},
         "Choose at least one item that counts, or count the default items (null)."),
        ({"items": "all"},
         "Give \"items\": a list of UIDs of the course's quizzes and exercises, or null."),
        ({"quiz_attempt": "first"}, "\"quiz_attempt\" must be \"best\" or \"last\"."),
        ({"colour": "blue"}, "The grading policy has no field colour."),
        (["pass_mark"], "Give the grading policy's fields to change, as an object."),
        # A good field with a bad one: nothing of either is kept.
        ({"pass_mark": 70, "weights": {"peer": -3}}, "The weight of peer must be a number"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(world, changes, message):
    session = world["session"]
    before = grading_policy(session)
    with pytest.raises(GradingRefused) as refused:
        change(session, changes, {world["check"].UID()})
    assert refused.value.status == 400
    assert translate(refused.value.message).startswith(message)
    assert grading_policy(session) == before


def test_refusals_are_in_french(world):
    with pytest.raises(GradingRefused) as refused:
        change(world["session"], {"pass_mark": 120}, set())
    french = translate(refused.value.message, target_language="fr")
    assert french != translate(refused.value.message) and "100" in french
