"""A learner's grade from their results (wikimooc.policy.grades.computation): each
category's mean share, weighted, categories without items left out."""

from wikimooc.policy.grades.computation import Attempted
from wikimooc.policy.grades.computation import category_results
from wikimooc.policy.grades.computation import ItemResult
from wikimooc.policy.grades.computation import passed
from wikimooc.policy.grades.computation import peer_share
from wikimooc.policy.grades.computation import quiz_share
from wikimooc.policy.grades.computation import weighted_grade
from wikimooc.policy.grades.computation import wiki_share

import pytest


WEIGHTS = {"quizzes": 40, "wiki": 30, "peer": 30}


def quiz(share):
    return ItemResult("q", "quizzes", share, share is not None)


def wiki(done):
    return ItemResult("w", "wiki", wiki_share(done), done)


def peer(points, maximum=5):
    share = peer_share(points, maximum)
    return ItemResult("p", "peer", share, share is not None)


@pytest.mark.parametrize(
    "attempts, which, share",
    [
        ((), "best", None),
        (((3, 5),), "best", 0.6),
        (((3, 5), (5, 5), (1, 5)), "best", 1.0),
        (((3, 5), (5, 5), (1, 5)), "last", 0.2),
        (((0, 4),), "last", 0.0),
        (((0, 0),), "best", 1.0),  # a quiz without points: taking it is all
    ],
)
def test_a_quiz_counts_its_best_or_last_attempt(attempts, which, share):
    found = quiz_share([Attempted(score, maximum) for score, maximum in attempts], which)
    assert found == (pytest.approx(share) if share is not None else None)


@pytest.mark.parametrize(
    "points, maximum, share",
    [(None, 5, None), (0, 5, 0.0), (3, 5, 0.6), (5, 5, 1.0), (2, 0, 1.0), (7, 5, 1.0)],
)
def test_a_peer_reviewed_exercise_counts_its_share_of_the_rubric(points, maximum, share):
    assert peer_share(points, maximum) == share


@pytest.mark.parametrize(
    "results, weights, grade",
    [
        # All three categories: 0.4 * 1 + 0.3 * 1 + 0.3 * 0.6
        ([quiz(1.0), wiki(True), peer(3)], WEIGHTS, 88.0),
        ([quiz(0.5), wiki(False), peer(None)], WEIGHTS, 20.0),
        # Two quizzes average within their category.
        ([quiz(1.0), quiz(0.0), wiki(True), peer(5)], WEIGHTS, 80.0),
        # An item not attempted counts 0 in its category.
        ([quiz(None), quiz(1.0), wiki(True), wiki(False)], {**WEIGHTS, "peer": 0}, 50.0),
        # No peer-reviewed exercise: its weight is dropped, the others weigh 40:30.
        ([quiz(1.0), wiki(False)], WEIGHTS, pytest.approx(100 * 40 / 70)),
        # Only wiki exercises.
        ([wiki(True), wiki(True), wiki(False)], WEIGHTS, pytest.approx(200 / 3)),
        # Only quizzes, weighted 0: no grade.
        ([quiz(1.0)], {**WEIGHTS, "quizzes": 0}, None),
        # Nothing counted: no grade.
        ([], WEIGHTS, None),
        # Weights in any unit: 2:1:1 is 50:25:25.
        ([quiz(0.0), wiki(True), peer(5)], {"quizzes": 2, "wiki": 1, "peer": 1}, 50.0),
    ],
)
def test_the_grade_weighs_the_categories_with_items(results, weights, grade):
    assert weighted_grade(weights, results) == grade


def test_category_results_are_means():
    found = category_results([quiz(1.0), quiz(0.5), wiki(False), peer(4)])
    assert found == {"quizzes": 0.75, "wiki": 0.0, "peer": 0.8}


@pytest.mark.parametrize(
    "grade, pass_mark, expected",
    [(None, 0, False), (49.99, 50, False), (50.0, 50, True), (100, 100, True), (0, 0, True)],
)
def test_the_pass_mark(grade, pass_mark, expected):
    assert passed(grade, pass_mark) is expected
