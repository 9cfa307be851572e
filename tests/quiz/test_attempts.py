"""Taking a quiz in a session: the learner's session, grading, limits, what is
recorded and what is shown, per the quiz's settings."""

from plone import api
from wikimooc.policy.quiz.attempts import attempt_report
from wikimooc.policy.quiz.attempts import attempts_of
from wikimooc.policy.quiz.attempts import learner_attempts
from wikimooc.policy.quiz.attempts import learner_session
from wikimooc.policy.quiz.attempts import submit
from wikimooc.policy.quiz.reading import choice_id
from wikimooc.policy.quiz.reading import learner_quiz
from wikimooc.workflows.refusals import Refused
from zope.i18n import translate

import pytest


def right_answers(quiz):
    pillar, licences, _year, _word = quiz.questions()
    return {
        "pillar": choice_id(pillar, 0),
        "licences": [choice_id(licences, 0), choice_id(licences, 1)],
        "year": "2001",
        "word": "Pillars",
    }


def test_a_learner_takes_the_quiz_in_their_session(make_quiz, session, learners):
    quiz = make_quiz()
    with api.env.adopt_user(user=learners["ada"]):
        found, username = learner_session(quiz, api.user.get_current())
    assert (found, username) == (session, "Ada")
    attempt = submit(quiz, session, "Ada", right_answers(quiz))
    assert (attempt.number, attempt.score, attempt.max_score) == (1, 5.0, 5.0)
    assert learner_attempts(session, quiz, "Ada") == (attempt,)
    assert "wikimooc.policy.quiz.attempts" not in getattr(quiz, "__annotations__", {})
    assert list(attempts_of(session).of_quiz(quiz.UID())) == [("Ada", (attempt,))]


def test_non_learners_are_refused(make_quiz, session, learners):
    quiz = make_quiz()
    with api.env.adopt_user(user=learners["cleo"]), pytest.raises(Refused) as refused:
        learner_session(quiz, api.user.get_current())
    assert refused.value.status == 403
    with api.env.adopt_user(user=learners["ada"]), pytest.raises(Refused):
        learner_session(quiz, api.user.get_current(), session_id="autumn")


def test_partial_and_wrong_answers(make_quiz, session):
    quiz = make_quiz()
    pillar, licences, _year, _word = quiz.questions()
    attempt = submit(quiz, session, "Ada", {
        "pillar": choice_id(pillar, 1), "licences": [choice_id(licences, 0)], "year": 2000,
    })
    report = attempt_report(quiz, attempt, 1)
    by_id = {question["id"]: question for question in report["questions"]}
    assert by_id["pillar"]["points"] == 0 and by_id["pillar"]["feedback"] == ["No."]
    assert by_id["licences"]["points"] == pytest.approx(2 / 3, abs=1e-3)
    assert by_id["licences"]["feedback"] == ["Yes"]
    assert by_id["year"]["correct"] is False
    assert by_id["word"]["answered"] is False
    assert [question["id"] for question in report["questions"]] == [
        "pillar", "licences", "year", "word"
    ]


@pytest.mark.parametrize(
    "answers, problem",
    [
        ({"nope": "x"}, "has no question nope"),
        ({"pillar": ["x"]}, "not an answer of its kind"),
        ({"pillar": "c-unknown"}, "not an answer of its kind"),
        ({"licences": "x"}, "not an answer of its kind"),
        ({"year": "two thousand"}, "not an answer of its kind"),
        ({"word": 3}, "not an answer of its kind"),
        ({"word": "pillars " * 200}, "not an answer of its kind"),
        ({"licences": ["x"] * 4}, "not an answer of its kind"),
        (["pillar"], "Give \"answers\""),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_recorded(make_quiz, session, answers, problem):
    quiz = make_quiz()
    with pytest.raises(Refused) as refused:
        submit(quiz, session, "Ada", answers)
    assert refused.value.status == 400
    assert problem in translate(refused.value.message)
    assert learner_attempts(session, quiz, "Ada") == ()


def test_the_limit(make_quiz, session):
    quiz = make_quiz(attempts_allowed=2)
    submit(quiz, session, "Ada", {})
    submit(quiz, session, "Ada", {})
    with pytest.raises(Refused) as refused:
        submit(quiz, session, "Ada", {})
    assert refused.value.status == 409
    assert len(learner_attempts(session, quiz, "Ada")) == 2
    submit(quiz, session, "Bob", {})


def test_practice_has_no_limit(make_quiz, session):
    quiz = make_quiz(attempts_allowed=0, graded=False)
    for _number in range(5):
        submit(quiz, session, "Ada", {})
    assert len(learner_attempts(session, quiz, "Ada")) == 5


@pytest.mark.parametrize(
    "show, allowed, used, shown",
    [
        ("after_attempt", 3, 1, True),
        ("after_last_attempt", 3, 1, False),
        ("after_last_attempt", 1, 1, True),
        ("after_last_attempt", 0, 4, False),
        ("never", 1, 1, False),
    ],
)
def test_right_answers_shown_per_the_settings(make_quiz, session, show, allowed, used, shown):
    quiz = make_quiz(show_answers=show, attempts_allowed=allowed)
    for _number in range(used):
        attempt = submit(quiz, session, "Ada", {})
    report = attempt_report(quiz, attempt, used)
    assert report["answers_shown"] is shown
    pillar = report["questions"][0]
    assert ("right_answer" in pillar) is shown
    if shown:
        assert pillar["right_answer"] == {"choices": [choice_id(quiz["pillar"], 0)]}
        assert "WP:5P" in pillar["explanation"]
        word = report["questions"][3]
        assert word["right_answer"] == {"accepted": ["pillars", "piliers"]}


def test_recorded_scores_survive_editing_the_quiz(make_quiz, session):
    quiz = make_quiz()
    attempt = submit(quiz, session, "Ada", right_answers(quiz))
    quiz["pillar"].points = 10.0
    quiz["pillar"].choices = "Neutral point of view\n* Original research"
    report = attempt_report(quiz, learner_attempts(session, quiz, "Ada")[0], 1)
    assert report["score"] == attempt.score == 5.0
    assert report["questions"][0]["points"] == 2.0


def test_the_learner_view_leaks_no_answer(make_quiz):
    quiz = make_quiz()
    shown = learner_quiz(quiz, "Ada")
    text = repr(shown)
    for secret in ("Yes, the second pillar", "No.", "WP:5P", "2001", "piliers", "Not free",
                   "right", "accepted", "tolerance", "explanation", "feedback"):
        assert secret not in text
    pillar = shown["questions"][0]
    assert [choice["text"] for choice in pillar["choices"]] == [
        "Neutral point of view", "Original research", "Advertising"
    ]


def test_shuffled_choices_are_stable_per_learner(make_quiz):
    quiz = make_quiz(shuffle=True)

    def orders(username):
        return [
            tuple(choice["text"] for choice in question.get("choices", ()))
            for question in learner_quiz(quiz, username)["questions"]
        ]

    assert orders("Ada") == orders("Ada")
    learners = [f"Learner {number}" for number in range(20)]
    assert len({tuple(orders(name)) for name in learners}) > 1
    for name in learners:
        assert sorted(orders(name)[0]) == sorted(orders("Ada")[0])
