"""What a learner may see of a quiz before answering: the questions with their
choices, under ids that say nothing of which is right, in an order of the learner's
own when the quiz shuffles. Never the right choices, the accepted answers, the
tolerance, the feedback or the explanation: those come with an attempt's report."""

from wikimooc.policy.quiz.content import question_lines
from wikimooc.policy.quiz.grading import CHOICE_KINDS

import hashlib
import hmac
import random


def choice_id(question, position):
    """The id learners see for the choice at ``position`` (in the author's order)."""
    salt = getattr(question, "choice_salt", "") or question.UID() or ""
    digest = hmac.new(salt.encode(), str(position).encode(), hashlib.sha256).hexdigest()
    return "c" + digest[:10]


def choice_positions(question):
    """Choice id → position, for reading what a learner chose."""
    return {choice_id(question, position): position
            for position in range(len(question_lines(question)))}


def choice_order(quiz, question, username):
    """The positions of the choices as ``username`` sees them: the author's order,
    or, when the quiz shuffles, one of the learner's own, the same at every visit."""
    positions = list(range(len(question_lines(question))))
    if quiz.shuffle and username:
        random.Random(f"{quiz.UID()}:{question.getId()}:{username}").shuffle(positions)
    return positions


def rich_text(value):
    return value.output if value is not None else None


def learner_question(quiz, question, username):
    shown = {
        "id": question.getId(),
        "title": question.Title(),
        "kind": question.kind,
        "prompt": rich_text(question.prompt),
        "points": question.points,
        "hint": question.hint or None,
    }
    if question.kind in CHOICE_KINDS:
        lines = question_lines(question)
        shown["choices"] = [
            {"id": choice_id(question, position), "text": lines[position].text}
            for position in choice_order(quiz, question, username)
        ]
    return shown


def learner_quiz(quiz, username):
    """The quiz as ``username`` (or an anonymous visitor, None) sees it."""
    return {
        "title": quiz.Title(),
        "description": quiz.Description(),
        "text": rich_text(getattr(quiz, "text", None)),
        "attempts_allowed": quiz.attempts_allowed,
        "graded": bool(quiz.graded),
        "show_answers": quiz.show_answers,
        "shuffle": bool(quiz.shuffle),
        "max_score": max_score(quiz),
        "questions": [learner_question(quiz, question, username) for question in quiz.questions()],
    }


def max_score(quiz):
    return sum(question.points or 0.0 for question in quiz.questions())
