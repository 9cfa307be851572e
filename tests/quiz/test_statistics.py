"""Per-question statistics (wikimooc.policy.quiz.statistics) from known attempts:
shares right at the first and the best attempt, average points, picks per choice,
the most frequent wrong answers; per session and across sessions; edits after the
attempts; who may see which sessions."""

from contextlib import nullcontext
from plone import api
from plone.app.testing import logout
from quiz_questions import rich
from wikimooc.policy.quiz.attempts import submit
from wikimooc.policy.quiz.reading import choice_id
from wikimooc.policy.quiz.statistics import quiz_statistics
from wikimooc.policy.quiz.statistics import statistics_sessions
from wikimooc.workflows.refusals import Refused
from zope.i18n import translate

import pytest


def known_attempts(quiz, session):
    """Ada wrong then right, Bob once partly right, Dan once with nothing answered."""
    pillar, licences = quiz["pillar"], quiz["licences"]
    submit(quiz, session, "Ada", {
        "pillar": choice_id(pillar, 1), "licences": [choice_id(licences, 0)],
        "year": 2000, "word": "Pilars",
    })
    submit(quiz, session, "Ada", {
        "pillar": choice_id(pillar, 0),
        "licences": [choice_id(licences, 0), choice_id(licences, 1)],
        "year": "2001", "word": "Pillars",
    })
    submit(quiz, session, "Bob", {
        "pillar": choice_id(pillar, 0),
        "licences": [choice_id(licences, 0), choice_id(licences, 1), choice_id(licences, 2)],
        "year": "2 000", "word": " pilars ",
    })
    submit(quiz, session, "Dan", {})


@pytest.fixture
def answered(make_quiz, session):
    quiz = make_quiz(attempts_allowed=0)
    known_attempts(quiz, session)
    return quiz


def by_id(statistics):
    return {question["id"]: question for question in statistics["questions"]}


THIRD, TWO_THIRDS = 0.3333, 0.6667


@pytest.mark.parametrize(
    "question, first, best",
    [
        # Right at the first attempt: Bob; at the best: Ada too. Dan answered nothing.
        ("pillar", {"correct": THIRD, "average_points": 0.6667},
         {"correct": TWO_THIRDS, "average_points": 1.3333}),
        # Every decision counts: Ada's first and Bob's only attempt get 2/3 of 1 point.
        ("licences", {"correct": 0.0, "average_points": 0.4444},
         {"correct": THIRD, "average_points": 0.5556}),
        ("year", {"correct": 0.0, "average_points": 0.0},
         {"correct": THIRD, "average_points": THIRD}),
        ("word", {"correct": 0.0, "average_points": 0.0},
         {"correct": THIRD, "average_points": THIRD}),
    ],
)
def test_right_at_the_first_and_the_best_attempt(answered, session, question, first, best):
    found = by_id(quiz_statistics(answered, [session]))[question]
    assert (found["learners"], found["attempts"], found["unanswered"]) == (3, 4, 1)
    # Averages of the recorded points, which are rounded to 4 decimals.
    assert found["first_attempt"] == pytest.approx(first, abs=1e-3)
    assert found["best_attempt"] == pytest.approx(best, abs=1e-3)


@pytest.mark.parametrize(
    "question, picks",
    [
        ("pillar", [("Neutral point of view", True, 2, TWO_THIRDS),
                    ("Original research", False, 1, THIRD),
                    ("Advertising", False, 0, 0.0)]),
        ("licences", [("CC BY-SA", True, 3, 1.0), ("CC BY", True, 2, TWO_THIRDS),
                      ("CC BY-NC", False, 1, THIRD)]),
    ],
)
def test_how_often_each_choice_was_picked(answered, session, question, picks):
    found = by_id(quiz_statistics(answered, [session]))[question]
    assert [(choice["text"], choice["right"], choice["picked"], choice["share"])
            for choice in found["choices"]] == picks
    assert [choice["id"] for choice in found["choices"]] == [
        choice_id(answered[question], position) for position in range(3)
    ]
    assert found["removed_choice_picks"] == 0
    assert "wrong_answers" not in found


@pytest.mark.parametrize(
    "question, wrong",
    [
        # 2000 and "2 000" are one number; "Pilars" and " pilars " one text, as first typed.
        ("year", [{"answer": "2000", "count": 2}]),
        ("word", [{"answer": "Pilars", "count": 2}]),
    ],
)
def test_most_frequent_wrong_answers(answered, session, question, wrong):
    found = by_id(quiz_statistics(answered, [session]))[question]
    assert found["wrong_answers"] == wrong
    assert "choices" not in found


def test_wrong_answers_are_the_most_frequent_first(make_quiz, session):
    quiz = make_quiz(questions=("word",), attempts_allowed=0)
    typed = ["piliers"] + ["rules"] * 3 + ["laws"] * 2 + [f"other {n}" for n in range(6)]
    for number, word in enumerate(typed):
        submit(quiz, session, f"Learner {number}", {"word": word})
    wrong = by_id(quiz_statistics(quiz, [session]))["word"]["wrong_answers"]
    assert [entry["answer"] for entry in wrong][:2] == ["rules", "laws"]
    assert [entry["count"] for entry in wrong] == [3, 2, 1, 1, 1]
    assert "piliers" not in [entry["answer"] for entry in wrong]  # an accepted answer


def test_per_session_and_across_sessions(make_quiz, session, make_session):
    quiz = make_quiz(attempts_allowed=0)
    known_attempts(quiz, session)
    autumn = make_session(id="autumn", title="Autumn 2027")
    submit(quiz, autumn, "Ada", {"pillar": choice_id(quiz["pillar"], 2)})

    spring_only = quiz_statistics(quiz, [session])
    autumn_only = quiz_statistics(quiz, [autumn])
    both = quiz_statistics(quiz, [session, autumn])
    assert [(entry["id"], entry["learners"], entry["attempts"]) for entry in both["sessions"]] == [
        ("spring", 3, 4), ("autumn", 1, 1)
    ]
    assert (spring_only["learners"], autumn_only["learners"], both["learners"]) == (3, 1, 4)
    assert (both["attempts"]) == 5
    pillar = by_id(both)["pillar"]
    assert pillar["first_attempt"]["correct"] == 0.25  # Bob of Ada, Bob, Dan and Ada again
    assert [choice["picked"] for choice in pillar["choices"]] == [2, 1, 1]
    assert by_id(autumn_only)["pillar"]["first_attempt"] == {"correct": 0.0, "average_points": 0.0}


def test_no_attempt_yet(make_quiz, session):
    found = quiz_statistics(make_quiz(), [session])
    assert (found["learners"], found["attempts"]) == (0, 0)
    pillar = by_id(found)["pillar"]
    assert pillar["first_attempt"] == {"correct": None, "average_points": None}
    assert [choice["share"] for choice in pillar["choices"]] == [None, None, None]


def test_edits_after_the_attempts(answered, session):
    """A choice removed is counted apart; a question added has no attempt yet."""
    with api.env.adopt_roles(["Manager"]):
        answered["pillar"].choices = "* Neutral point of view\nOriginal research"
        api.content.create(container=answered, type="QuizQuestion", id="late", title="Late",
                           kind="number", prompt="<p>Late?</p>", number=1.0)
    found = by_id(quiz_statistics(answered, [session]))
    assert [choice["picked"] for choice in found["pillar"]["choices"]] == [2, 1]
    assert found["pillar"]["removed_choice_picks"] == 0  # nobody picked Advertising
    answered["pillar"].choices = "* Neutral point of view"
    assert by_id(quiz_statistics(answered, [session]))["pillar"]["removed_choice_picks"] == 1
    assert (found["late"]["learners"], found["late"]["attempts"]) == (0, 0)
    assert found["late"]["first_attempt"]["correct"] is None


@pytest.mark.parametrize(
    "roles, session_uid, status, message",
    [
        (["Manager"], None, None, None),
        (["Manager"], "spring", None, None),
        (["Manager"], "unknown", 403, "is not a session of this course whose attempts"),
        (["Member"], None, 403, "Only the teachers of a session of this course see"),
        (["Anonymous"], None, 401, "Log in to see the statistics of this quiz."),
    ],
)
def test_who_sees_which_sessions(make_quiz, session, roles, session_uid, status, message):
    quiz = make_quiz()
    wanted = session.UID() if session_uid == "spring" else session_uid
    if "Anonymous" in roles:
        logout()
        context = nullcontext()
    else:
        context = api.env.adopt_roles(roles)
    with context:
        if status is None:
            assert statistics_sessions(quiz, wanted) == [session]
            return
        with pytest.raises(Refused) as refused:
            statistics_sessions(quiz, wanted)
    assert refused.value.status == status
    assert message in translate(refused.value.message)


def test_dropdown_picks_and_numbers_with_a_decimal_comma(make_quiz, session):
    quiz = make_quiz(questions=("year",), attempts_allowed=0)
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=quiz, type="QuizQuestion", id="where", title="Where",
                           kind="dropdown", prompt=rich("<p>Where to practise?</p>"),
                           choices="* Your sandbox\nThe Main Page")
    where = quiz["where"]
    for number, (place, year) in enumerate([(0, "2000,5"), (1, "2000.5"), (1, "1999"),
                                             (None, "2001,0")]):
        answers = {"year": year}
        if place is not None:
            answers["where"] = choice_id(where, place)
        submit(quiz, session, f"Learner {number}", answers)
    found = by_id(quiz_statistics(quiz, [session]))
    assert [(choice["text"], choice["picked"], choice["share"])
            for choice in found["where"]["choices"]] == [
        ("Your sandbox", 1, THIRD), ("The Main Page", 2, TWO_THIRDS)
    ]
    assert found["where"]["unanswered"] == 1
    assert found["year"]["wrong_answers"] == [{"answer": "2000,5", "count": 2},
                                              {"answer": "1999", "count": 1}]
    assert found["year"]["first_attempt"]["correct"] == 0.25  # 2001,0 is 2001
