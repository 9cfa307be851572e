"""Learners' attempts at quizzes, kept per session outside the quizzes (as
enrollments are): in an annotation of the session, SHARDS OOBTrees made at once,
keyed by (quiz UID, wiki username), a learner's in the one their username hashes to.
A learner's attempts are one immutable tuple under their key. Learners answering at
once mostly write different shards, which share no object; two in one shard change
different keys of a small tree whose bucket merges them (a shard splits only past
some 30 learners per quiz, while one tree of a whole session split every 15 inserts
and each split failed every commit in flight: bench/quiz.py, docs/performance.md).
The quiz stays editable, and two attempts of one learner sent at once both change
the same key: the BTree cannot merge them, Zope retries the later one, which then
finds the limit reached. Scores and feedback are recorded as they were given:
editing a quiz later does not change them.
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from plone import api
from typing import NamedTuple
from wikimooc.policy import _
from wikimooc.policy.content.course import course_of
from wikimooc.policy.coursedates.rules import check_hand_in
from wikimooc.policy.coursedates.rules import clock
from wikimooc.policy.enrollment import valid_wiki_username
from wikimooc.policy.learner import enrolled_sessions
from wikimooc.policy.quiz.content import answer_key
from wikimooc.policy.quiz.content import question_lines
from wikimooc.policy.quiz.events import AttemptRecorded
from wikimooc.policy.quiz.grading import CHOICE_KINDS
from wikimooc.policy.quiz.grading import grade
from wikimooc.policy.quiz.grading import WrongKind
from wikimooc.policy.quiz.reading import choice_id
from wikimooc.policy.quiz.reading import choice_positions
from wikimooc.policy.quiz.reading import max_score
from wikimooc.policy.quiz.reading import rich_text
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.permissions import VIEW_ENROLLMENTS
from wikimooc.workflows.refusals import BadRequest
from wikimooc.workflows.refusals import LoginRequired
from wikimooc.workflows.refusals import NotPermitted
from wikimooc.workflows.refusals import Refused
from zope.event import notify

import heapq
import json
import zlib


ATTEMPTS_ANNOTATION = "wikimooc.policy.quiz.attempts"


class QuizRefused(Refused):
    """An attempt that cannot be made now (409)."""

    error_type = "QuizRefused"


class Attempt(NamedTuple):
    """One attempt. Plain comparable values only: answers and results as JSON."""

    number: int
    submitted: str
    score: float
    max_score: float
    answers: str  # {question id: the answer as sent}
    results: str  # {question id: {points, max_points, fraction, answered, feedback}}


SHARDS = 64


def shard_number(username):
    return zlib.crc32(username.encode()) % SHARDS


class QuizAttempts(Persistent):
    def __init__(self):
        self.shards = tuple(OOBTree() for _shard in range(SHARDS))

    def shard(self, username):
        return self.shards[shard_number(username)]

    def of(self, quiz_uid, username):
        return self.shard(username).get((quiz_uid, username), ())

    def record(self, quiz_uid, username, attempt, limit=0):
        """Add ``attempt``; Refused when ``limit`` attempts (0: no limit) are made."""
        made = self.of(quiz_uid, username)
        check_limit(limit, len(made))
        self.shard(username)[(quiz_uid, username)] = (*made, attempt)

    def of_quiz(self, quiz_uid):
        """(username, attempts) of every learner who answered the quiz, by username."""
        found = [shard.items(min=(quiz_uid, ""), max=(quiz_uid, "\uffff"))
                 for shard in self.shards]
        for (_uid, username), attempts in heapq.merge(*found, key=lambda item: item[0]):
            yield username, attempts


def check_limit(limit, used):
    if limit and used >= limit:
        raise QuizRefused(409, _("You have no attempt left at this quiz."))


def attempts_of(session, create=True):
    return annotation(session, ATTEMPTS_ANNOTATION, QuizAttempts, create=create)


def learner_attempts(session, quiz, username):
    stored = attempts_of(session, create=False)
    return stored.of(quiz.UID(), username) if stored is not None else ()


def attempts_left(quiz, used):
    """How many attempts are left after ``used``; None when there is no limit."""
    if not quiz.attempts_allowed:
        return None
    return max(0, quiz.attempts_allowed - used)


def answers_shown(quiz, used, due_passed=False):
    """Whether the right answers and explanations are shown after ``used`` attempts
    (and, for "after the due date", once ``due_passed``)."""
    if quiz.show_answers == "after_due":
        return used > 0 and due_passed
    if quiz.show_answers == "after_attempt":
        return used > 0
    if quiz.show_answers == "after_last_attempt":
        return used > 0 and attempts_left(quiz, used) == 0
    return False


# Who answers, in which session.


def may_see_all_attempts(session):
    return api.user.has_permission(VIEW_ENROLLMENTS, obj=session)


def taught_sessions(quiz):
    """The sessions of the quiz's course whose every attempt the current user may see,
    in their order in the course."""
    found = api.content.find(context=course_of(quiz), depth=1, portal_type="CourseSession",
                             sort_on="getObjPositionInParent")
    return [session for session in (brain.getObject() for brain in found)
            if may_see_all_attempts(session)]


def learner_sessions(quiz, member):
    """(wiki username, the sessions of the quiz's course ``member`` learns in)."""
    username = valid_wiki_username(member) if member is not None else None
    if username is None:
        return None, []
    enrolled = enrolled_sessions(member, username, course=course_of(quiz))
    return username, [entry.session for entry in enrolled]


def learner_session(quiz, member, session_id=None):
    """(session, wiki username) in which ``member`` takes ``quiz``; Refused else."""
    if api.user.is_anonymous():
        raise LoginRequired(401, _("Log in to take this quiz."))
    username, sessions = learner_sessions(quiz, member)
    if session_id:
        sessions = [session for session in sessions if session.getId() == session_id]
    if not sessions:
        raise NotPermitted(
            403, _("Only the learners of a session of this course take its quizzes.")
        )
    if len(sessions) > 1:
        raise BadRequest(
            400, _("You are a learner of several sessions of this course: say which one.")
        )
    return sessions[0], username


# Submitting.


MAX_ANSWER_LENGTH = 1000  # characters of a typed answer; it is stored as sent


def read_answer(question, given):
    """The answer as grading takes it: choice ids become positions."""
    if isinstance(given, str) and len(given) > MAX_ANSWER_LENGTH:
        raise WrongKind(given)
    if question.kind not in CHOICE_KINDS or given is None:
        return given
    positions = choice_positions(question)
    if question.kind == "multiple":
        if not isinstance(given, list) or not all(isinstance(item, str) for item in given):
            raise WrongKind(given)
        if len(given) > len(positions):
            raise WrongKind(given)
        if any(item not in positions for item in given):
            raise WrongKind(given)
        return [positions[item] for item in given]
    if given == "":
        return None
    if not isinstance(given, str) or given not in positions:
        raise WrongKind(given)
    return positions[given]


def graded_answers(quiz, answers):
    """{question id: Result} for every question; Refused for bad answers."""
    if not isinstance(answers, dict):
        raise BadRequest(400, _("Give \"answers\": an object of question ids and answers."))
    questions = {question.getId(): question for question in quiz.questions()}
    for question_id in answers:
        if question_id not in questions:
            raise BadRequest(
                400,
                _("This quiz has no question ${question}.", mapping={"question": str(question_id)}),
            )
    results = {}
    for question_id, question in questions.items():
        try:
            results[question_id] = grade(
                answer_key(question), read_answer(question, answers.get(question_id))
            )
        except WrongKind:
            raise BadRequest(
                400,
                _(
                    "The answer to ${question} is not an answer of its kind.",
                    mapping={"question": question.Title() or question_id},
                ),
            ) from None
    return results


def submit(quiz, session, username, answers):
    """Grade and record ``username``'s attempt at ``quiz`` in ``session``; return it.
    Refused, with nothing recorded, past the limit, for bad answers, before the
    quiz's module opens or past its due date when late attempts are refused."""
    if not quiz.questions():
        raise QuizRefused(409, _("This quiz has no questions yet."))
    used = len(learner_attempts(session, quiz, username))
    check_limit(quiz.attempts_allowed, used)
    now = clock()
    check_hand_in(session, username, quiz, now)
    results = graded_answers(quiz, answers)
    attempt = Attempt(
        number=used + 1,
        submitted=now.isoformat(timespec="microseconds"),
        score=round(sum(result.points for result in results.values()), 4),
        max_score=max_score(quiz),
        answers=json.dumps(answers, sort_keys=True),
        results=json.dumps({
            question_id: {
                "points": result.points,
                "max_points": answer_key_points(quiz, question_id),
                "fraction": result.fraction,
                "answered": result.answered,
                "feedback": list(result.feedback),
            }
            for question_id, result in results.items()
        }, sort_keys=True),
    )
    attempts_of(session).record(quiz.UID(), username, attempt, limit=quiz.attempts_allowed)
    notify(AttemptRecorded(quiz, session, username))
    return attempt


def answer_key_points(quiz, question_id):
    return quiz[question_id].points or 0.0


# Reporting.


def right_answer(question):
    """What the right answer is, for learners once the settings show it."""
    lines = question_lines(question)
    if question.kind in CHOICE_KINDS:
        return {"choices": [choice_id(question, position)
                            for position, line in enumerate(lines) if line.right]}
    if question.kind == "number":
        return {"number": question.number, "tolerance": question.tolerance or 0.0,
                "tolerance_kind": question.tolerance_kind}
    if question.answer_pattern:
        return {"pattern": question.answer_pattern}
    return {"accepted": [line.text for line in lines]}


def attempt_report(quiz, attempt, used, with_answers=None, due_passed=False):
    """``attempt`` as its learner (or a teacher) reads it; the right answers and
    explanations when the quiz's settings show them after ``used`` attempts (and
    ``due_passed``, for the quiz's due date)."""
    show = answers_shown(quiz, used, due_passed) if with_answers is None else with_answers
    recorded = json.loads(attempt.results)
    answers = json.loads(attempt.answers)
    questions = []
    for question_id, result in recorded.items():
        entry = {"id": question_id, "answer": answers.get(question_id), **result,
                 "correct": result["fraction"] >= 1}
        question = quiz.get(question_id)
        if show and question is not None:
            entry["right_answer"] = right_answer(question)
            entry["explanation"] = rich_text(question.explanation)
        questions.append(entry)
    order = {question.getId(): index for index, question in enumerate(quiz.questions())}
    questions.sort(key=lambda entry: order.get(entry["id"], len(order)))
    return {
        "number": attempt.number,
        "submitted": attempt.submitted,
        "score": attempt.score,
        "max_score": attempt.max_score,
        "answers_shown": bool(show),
        "questions": questions,
    }


def learners_who_answered(quiz):
    """How many learners, in every session of the quiz's course, made an attempt."""
    course = course_of(quiz)
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="CourseSession", path={"query": "/".join(course.getPhysicalPath()), "depth": 1}
    )
    count = 0
    for brain in brains:
        stored = attempts_of(brain._unrestrictedGetObject(), create=False)
        if stored is not None:
            count += sum(1 for _found in stored.of_quiz(quiz.UID()))
    return count
