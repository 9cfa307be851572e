"""Per-question statistics of a quiz, so that its authors and teachers find a bad
question: per question, the share of learners right at their first attempt and at
their best one (the attempt with the highest score, the earliest of equals), the
average points of each, how often each choice was picked and, for number and short
text questions, the most frequent wrong answers.

Computed from the attempts as recorded (attempts.py), for one session or across the
sessions of the course whose attempts the viewer may see (may_see_all_attempts: its
teachers, managers); a private session counts only for its own teachers. A learner
of two sessions counts once in each. The questions are the quiz's questions of now:
an attempt made before a question was added does not count for it, and a choice
removed since is counted apart (``removed_choice_picks``).
"""

from collections import Counter
from plone import api
from typing import NamedTuple
from wikimooc.policy import _
from wikimooc.policy.quiz.attempts import attempts_of
from wikimooc.policy.quiz.attempts import taught_sessions
from wikimooc.policy.quiz.content import question_lines
from wikimooc.policy.quiz.grading import CHOICE_KINDS
from wikimooc.policy.quiz.grading import normalised_text
from wikimooc.policy.quiz.grading import parse_number
from wikimooc.policy.quiz.grading import WrongKind
from wikimooc.policy.quiz.reading import choice_positions
from wikimooc.workflows.refusals import LoginRequired
from wikimooc.workflows.refusals import NotPermitted

import json


MOST_FREQUENT_WRONG_ANSWERS = 5


class Answered(NamedTuple):
    """One recorded attempt, read once: {question id: answer} and {question id: result}."""

    score: float
    answers: dict
    results: dict


class LearnerAttempts(NamedTuple):
    first: Answered
    best: Answered
    every: tuple[Answered, ...]


def read_attempt(attempt):
    return Answered(attempt.score, json.loads(attempt.answers), json.loads(attempt.results))


def learner_attempts_read(attempts):
    every = tuple(read_attempt(attempt) for attempt in attempts)
    best = max(every, key=lambda attempt: attempt.score)  # the earliest of equal scores
    return LearnerAttempts(first=every[0], best=best, every=every)


def statistics_sessions(quiz, session_uid=None):
    """The sessions the current viewer sees the statistics of: those of the quiz's
    course whose attempts they may see, or the one of them with ``session_uid``."""
    if api.user.is_anonymous():
        raise LoginRequired(401, _("Log in to see the statistics of this quiz."))
    sessions = taught_sessions(quiz)
    if not sessions:
        raise NotPermitted(
            403, _("Only the teachers of a session of this course see its quiz statistics.")
        )
    if not session_uid:
        return sessions
    chosen = [session for session in sessions if session.UID() == session_uid]
    if not chosen:
        raise NotPermitted(
            403,
            _("${session} is not a session of this course whose attempts you may see.",
              mapping={"session": str(session_uid)}),
        )
    return chosen


def session_learners(quiz, session):
    """The LearnerAttempts of every learner of ``session`` who answered ``quiz``."""
    stored = attempts_of(session, create=False)
    if stored is None:
        return []
    return [learner_attempts_read(attempts) for _username, attempts in stored.of_quiz(quiz.UID())
            if attempts]


def share(count, total):
    return round(count / total, 4) if total else None


def average(values):
    return round(sum(values) / len(values), 4) if values else None


def attempt_summary(results):
    """What the first (or best) attempts of the learners say of one question."""
    return {
        "correct": share(sum(1 for result in results if result["fraction"] >= 1), len(results)),
        "average_points": average([result["points"] for result in results]),
    }


def picked_ids(answer):
    if answer is None:
        return []
    return answer if isinstance(answer, list) else [answer]


def choice_picks(question, answers):
    """Each choice with how often it was picked in ``answers`` (those given)."""
    positions = choice_positions(question)
    picks = Counter(item for answer in answers for item in picked_ids(answer))
    lines = question_lines(question)
    by_position = {position: choice_id for choice_id, position in positions.items()}
    choices = [
        {"id": by_position[position], "text": line.text, "right": line.right,
         "picked": picks[by_position[position]],
         "share": share(picks[by_position[position]], len(answers))}
        for position, line in enumerate(lines)
    ]
    removed = sum(count for item, count in picks.items() if item not in positions)
    return {"choices": choices, "removed_choice_picks": removed}


def answer_kept_as(kind, answer):
    """The key under which equal wrong answers are counted together."""
    if kind == "number":
        try:
            return f"{parse_number(answer):g}"
        except WrongKind:
            return str(answer).strip()
    return normalised_text(str(answer))


def wrong_answers(kind, graded):
    """The most frequent wrong answers among ``graded`` (answer, result) pairs, each
    as first typed."""
    counts = Counter()
    spelling = {}
    for answer, result in graded:
        if result["fraction"] >= 1:
            continue
        key = answer_kept_as(kind, answer)
        counts[key] += 1
        spelling.setdefault(key, str(answer).strip())
    return [{"answer": spelling[key], "count": count}
            for key, count in counts.most_common(MOST_FREQUENT_WRONG_ANSWERS)]


def question_statistics(question, learners):
    question_id = question.getId()
    firsts = [learner.first.results[question_id] for learner in learners
              if question_id in learner.first.results]
    bests = [learner.best.results[question_id] for learner in learners
             if question_id in learner.best.results]
    graded = [(attempt.answers.get(question_id), attempt.results[question_id])
              for learner in learners for attempt in learner.every
              if question_id in attempt.results]
    given = [(answer, result) for answer, result in graded if result["answered"]]
    statistics = {
        "id": question_id,
        "title": question.Title(),
        "kind": question.kind,
        "points": question.points or 0.0,
        "learners": len(firsts),
        "first_attempt": attempt_summary(firsts),
        "best_attempt": attempt_summary(bests),
        "attempts": len(graded),
        "unanswered": len(graded) - len(given),
    }
    if question.kind in CHOICE_KINDS:
        statistics.update(choice_picks(question, [answer for answer, _result in given]))
    else:
        statistics["wrong_answers"] = wrong_answers(question.kind, given)
    return statistics


def quiz_statistics(quiz, sessions):
    """The statistics of ``quiz`` across ``sessions`` (see statistics_sessions)."""
    learners = []
    counted = []
    for session in sessions:
        found = session_learners(quiz, session)
        learners.extend(found)
        counted.append({"uid": session.UID(), "id": session.getId(), "title": session.Title(),
                        "learners": len(found),
                        "attempts": sum(len(learner.every) for learner in found)})
    return {
        "sessions": counted,
        "learners": len(learners),
        "attempts": sum(len(learner.every) for learner in learners),
        "questions": [question_statistics(question, learners) for question in quiz.questions()],
    }
