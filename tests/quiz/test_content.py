"""The Quiz type in a module and its questions, as authors write them."""

from plone import api
from wikimooc.policy.quiz.content import answer_key
from wikimooc.policy.quiz.content import IQuizQuestion
from wikimooc.policy.quiz.content import NotARegularExpression
from wikimooc.policy.quiz.content import question_problems
from wikimooc.policy.quiz.grading import grade
from wikimooc.policy.quiz.lines import Line
from zope.interface import Invalid

import pytest


def test_quiz_in_a_module_with_its_questions(make_quiz):
    quiz = make_quiz()
    assert quiz.portal_type == "Quiz"
    assert quiz.__parent__.portal_type == "Module"
    assert [question.getId() for question in quiz.questions()] == [
        "pillar", "licences", "year", "word"
    ]
    assert quiz.attempts_allowed == 1
    assert quiz.graded is True
    assert quiz.show_answers == "after_last_attempt"
    assert quiz.shuffle is False


def test_a_quiz_is_ordered_with_lessons_and_exercises(course, make_quiz):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=course, type="Module", id="basics", title="Basics")
        api.content.create(container=module, type="Lesson", id="first", title="First")
        quiz = make_quiz()
        api.content.create(container=module, type="Lesson", id="after", title="After")
    assert module.objectIds() == ["first", quiz.getId(), "after"]
    module.moveObjectsToTop([quiz.getId()])
    assert module.objectIds()[0] == quiz.getId()


def test_each_question_gets_its_own_choice_salt(make_quiz):
    pillar, licences = make_quiz(["pillar", "licences"]).questions()
    assert pillar.choice_salt and pillar.choice_salt != licences.choice_salt


def test_answer_key_from_the_authors_lines(make_quiz):
    pillar, licences, year, word = make_quiz().questions()
    key = answer_key(pillar)
    assert key.kind == "single" and key.points == 2.0
    assert key.choices[0] == Line("Neutral point of view", True, "Yes, the second pillar.")
    assert grade(key, 0).points == 2.0
    assert grade(answer_key(licences), [0]).fraction == pytest.approx(2 / 3)
    assert grade(answer_key(year), "2001").correct
    assert grade(answer_key(word), "Piliers").correct


@pytest.mark.parametrize(
    "kind, choices, number, accepted, pattern, problem",
    [
        ("single", "* A\nB", None, None, None, None),
        ("single", "* A", None, None, None, "at least two choices"),
        ("single", "", None, None, None, "at least two choices"),
        ("single", "A\nB", None, None, None, "exactly one right"),
        ("dropdown", "* A\n* B", None, None, None, "exactly one right"),
        ("multiple", "* A\n* B\nC", None, None, None, None),
        ("multiple", "A\nB", None, None, None, "at least one right"),
        ("single", "* A\n | only feedback", None, None, None, "needs a text"),
        ("number", None, 3.0, None, None, None),
        ("number", None, 0.0, None, None, None),
        ("number", None, None, None, None, "right number"),
        ("text", None, None, "pillars", None, None),
        ("text", None, None, None, "pillars?", None),
        ("text", None, None, "\n \n", None, "accepted answers or a regular"),
    ],
)
def test_question_problems(kind, choices, number, accepted, pattern, problem):
    problems = list(question_problems(kind, choices, number, accepted, pattern))
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0]


class Data:
    def __init__(self, **values):
        self.__dict__.update(values)


def test_the_invariant_refuses_a_question_that_cannot_be_graded():
    data = Data(kind="single", choices="A\nB", number=None, accepted_answers=None,
                answer_pattern=None)
    with pytest.raises(Invalid) as refused:
        IQuizQuestion.getTaggedValue("invariants")[0](data)
    assert "exactly one right" in str(refused.value)


@pytest.mark.parametrize("pattern, valid", [
    ("[Pp]illars?", True), (r"\d+", True), ("[unclosed", False), ("(?P<x", False), ("*a", False),
])
def test_bad_regular_expressions_are_refused_when_authoring(pattern, valid):
    field = IQuizQuestion["answer_pattern"]
    if valid:
        field.validate(pattern)
    else:
        with pytest.raises(NotARegularExpression):
            field.validate(pattern)


def test_quizzes_are_translatable(course, make_quiz):
    from plone.app.multilingual.interfaces import ITranslationManager

    quiz = make_quiz(["pillar"])
    portal = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        cours = api.content.create(
            container=portal["fr"], type="Course", title="Introduction", projects=("wikipedia",),
            organisation="Wikimedia France",
        )
        module = api.content.create(container=cours, type="Module", title="Bases")
        french = api.content.create(container=module, type="Quiz", title="Vérifiez")
    ITranslationManager(quiz).register_translation("fr", french)
    assert ITranslationManager(french).get_translation("en") == quiz


def test_upgrade_step_adds_the_types(portal):
    from wikimooc.policy.upgrades.v20261203020 import upgrade

    types = api.portal.get_tool("portal_types")
    types.manage_delObjects(["Quiz", "QuizQuestion"])
    upgrade(api.portal.get_tool("portal_setup"))
    assert "Quiz" in types.objectIds() and "QuizQuestion" in types.objectIds()
    assert "Quiz" in types["Module"].allowed_content_types
