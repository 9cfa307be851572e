"""The demo's quiz (courses.yaml): created in its course's module with each kind of
question, in the course's language, and a learner of the demo session can answer it
fully right, graded on the server like any quiz."""

from plone import api
from wikimooc.policy.demo import create_demo_content
from wikimooc.policy.demo import DEMO_COURSES
from wikimooc.policy.quiz.attempts import attempt_report
from wikimooc.policy.quiz.attempts import submit
from wikimooc.policy.quiz.content import question_lines
from wikimooc.policy.quiz.content import question_problems
from wikimooc.policy.quiz.reading import choice_id
from wikimooc.policy.quiz.reading import learner_quiz

import pytest


COURSE = DEMO_COURSES[0]


@pytest.fixture
def demo_quiz(portal):
    with api.env.adopt_roles(["Manager"]):
        create_demo_content(portal)
    return portal[COURSE.language][COURSE.id][COURSE.module.id][COURSE.module.quiz.id]


def right_answer(question):
    lines = question_lines(question)
    right = [choice_id(question, position) for position, line in enumerate(lines) if line.right]
    if question.kind == "multiple":
        return right
    if question.kind in ("single", "dropdown"):
        return right[0]
    if question.kind == "number":
        return f"{question.number:g}"
    return lines[0].text


def test_the_quiz_is_in_the_module_after_the_exercise(demo_quiz):
    module = demo_quiz.__parent__
    assert module.objectIds() == [
        COURSE.module.lesson_id, COURSE.module.exercise.id, COURSE.module.quiz.id
    ]
    assert demo_quiz.portal_type == "Quiz"
    assert demo_quiz.Title() == COURSE.module.quiz.title
    assert demo_quiz.Language() == COURSE.language
    assert demo_quiz.attempts_allowed == COURSE.module.quiz.attempts_allowed


@pytest.mark.parametrize("index", range(len(COURSE.module.quiz.questions)))
def test_each_question_is_as_the_data_says(demo_quiz, index):
    data = COURSE.module.quiz.questions[index]
    question = demo_quiz.questions()[index]
    assert (question.getId(), question.Title(), question.kind, question.points) == (
        data.id, data.title, data.kind, data.points
    )
    assert data.prompt in question.prompt.output
    assert list(question_problems(question.kind, question.choices, question.number,
                                  question.accepted_answers, question.answer_pattern)) == []


def test_a_learner_answers_it_right(demo_quiz):
    session = demo_quiz.__parent__.__parent__[COURSE.sessions[0].id]
    shown = learner_quiz(demo_quiz, "WikiMOOC demo learner 1")
    assert "Yes: the second pillar" not in repr(shown)  # no feedback before answering
    answers = {question.getId(): right_answer(question) for question in demo_quiz.questions()}
    attempt = submit(demo_quiz, session, "WikiMOOC demo learner 1", answers)
    assert attempt.score == attempt.max_score == sum(
        question.points for question in COURSE.module.quiz.questions
    )
    report = attempt_report(demo_quiz, attempt, 1)
    assert report["questions"][0]["feedback"] == ["Yes: the second pillar."]
