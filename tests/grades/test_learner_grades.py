"""A learner's grade read from what each feature recorded: quiz attempts, the wiki
exercises' progress, peer review's grades; the grading policy's items, weights and
best or last attempt."""

from wikimooc.policy.grades.book import learner_in_book
from wikimooc.policy.grades.results import counted_items
from wikimooc.policy.grades.results import learner_grades
from wikimooc.policy.grades.settings import change
from wikimooc.policy.grades.settings import grading_policy

import pytest


def test_the_default_items_are_graded_quizzes_and_every_exercise(world):
    items = counted_items(world["session"], grading_policy(world["session"]))
    assert [(item.title, item.category, item.module_id, item.maximum) for item in items] == [
        ("Check", "quizzes", "basics", 4.0),
        ("Start your draft", "wiki", "basics", 1.0),
        ("Cite your sources", "peer", "basics", 5.0),
        ("Write an article", "wiki", "more", 1.0),
    ]


@pytest.mark.parametrize(
    "right, wiki, peer_points, grade",
    [
        # quizzes 40 · wiki 30 (two exercises) · peer 30 (over 5 points)
        ((2,), ("draft", "article"), 5, 100.0),
        ((), (), None, 0.0),
        ((1,), (), None, 20.0),  # 2 of 4 points: 0.4 * 50
        ((), ("draft",), None, 15.0),  # one of two wiki exercises: 0.3 * 50
        ((), (), 3, 18.0),  # 3 of 5: 0.3 * 60
        ((2,), ("draft",), 3, 40 + 15 + 18.0),
        ((0, 2), (), None, 40.0),  # the best of two attempts
    ],
)
def test_the_grade_across_the_three_categories(world, results, right, wiki, peer_points, grade):
    for count in right:
        results.attempt("Ada", "check", count)
    for name in wiki:
        results.wiki_done("Ada", name)
    if peer_points is not None:
        results.peer_graded("ada", peer_points)
    found = learner_grades(world["session"], "Ada")
    assert found.grade == pytest.approx(grade)
    assert found.passed is (grade >= 50)
    assert learner_grades(world["session"], "Bob").grade == 0.0


def test_the_last_attempt_counts_when_the_policy_says_so(world, results):
    session = world["session"]
    results.attempt("Ada", "check", 2)
    results.attempt("Ada", "check", 0)
    assert learner_grades(session, "Ada").results[0].share == 1.0
    change(session, {"quiz_attempt": "last"}, set())
    assert learner_grades(session, "Ada").results[0].share == 0.0


def test_categories_without_items_are_left_out(world, results):
    session = world["session"]
    results.wiki_done("Ada", "draft")
    results.wiki_done("Ada", "article")
    uids = {world[name].UID() for name in ("draft", "article", "practice")}
    change(session, {"items": [world["draft"].UID(), world["article"].UID()]}, uids)
    assert learner_grades(session, "Ada").grade == 100.0
    change(session, {"items": [world["practice"].UID()]}, uids)
    assert learner_grades(session, "Ada").grade == 0.0
    results.attempt("Ada", "practice", 1)
    assert learner_grades(session, "Ada").grade == 50.0


def test_handed_in_work_waits_for_its_grade(world, results):
    results.peer_graded("ada", None)
    report = learner_in_book(world["session"], "Ada")
    sources = next(item for item in report["items"] if item["title"] == "Cite your sources")
    assert (sources["status"], sources["score"], sources["done"]) == ("submitted", None, False)
    assert report["to_pass"] == 50.0


def test_a_learners_detail(world, results):
    results.attempt("Ada", "check", 1)
    results.wiki_done("Ada", "draft")
    report = learner_in_book(world["session"], "ada")
    assert report["wiki_username"] == "Ada"
    assert report["grade"] == 35.0 and report["to_pass"] == 15.0 and not report["passed"]
    assert report["categories"] == {"quizzes": 50.0, "wiki": 50.0, "peer": 0.0}
    by_title = {item["title"]: item for item in report["items"]}
    assert by_title["Check"]["attempts_used"] == 1 and by_title["Check"]["attempts_left"] == 1
    assert by_title["Start your draft"]["status"] == "done"
    assert by_title["Write an article"]["status"] == "not_done"
