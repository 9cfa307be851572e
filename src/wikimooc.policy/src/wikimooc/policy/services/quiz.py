"""Quizzes over REST: a quiz as a learner reads it (never its answers), submitting
an attempt, reading attempts (one's own; a session's teachers every learner's) and,
for the teachers, per-question statistics."""

from plone import api
from urllib.parse import urlencode
from wikimooc.policy import _
from wikimooc.policy.coursedates.rules import clock
from wikimooc.policy.coursedates.rules import due_passed
from wikimooc.policy.coursedates.rules import submitted_late
from wikimooc.policy.quiz.attempts import attempt_report
from wikimooc.policy.quiz.attempts import attempts_left
from wikimooc.policy.quiz.attempts import attempts_of
from wikimooc.policy.quiz.attempts import learner_attempts
from wikimooc.policy.quiz.attempts import learner_session
from wikimooc.policy.quiz.attempts import learner_sessions
from wikimooc.policy.quiz.attempts import submit
from wikimooc.policy.quiz.attempts import taught_sessions
from wikimooc.policy.quiz.reading import learner_quiz
from wikimooc.policy.quiz.statistics import quiz_statistics
from wikimooc.policy.quiz.statistics import statistics_sessions
from wikimooc.workflows.refusals import BadRequest
from wikimooc.workflows.refusals import LoginRequired
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data


def current_member():
    return None if api.user.is_anonymous() else api.user.get_current()


def session_progress(quiz, session, username):
    used = len(learner_attempts(session, quiz, username))
    return {"session": session.getId(), "attempts_used": used,
            "attempts_left": attempts_left(quiz, used)}


class QuizGet(RefusingService):
    """The quiz as the current visitor may see it before answering."""

    def answer(self):
        quiz = self.context
        username, sessions = learner_sessions(quiz, current_member())
        shown = {"@id": f"{quiz.absolute_url()}/@quiz", **learner_quiz(quiz, username)}
        shown["sessions"] = [session_progress(quiz, session, username) for session in sessions]
        return shown


class AttemptsPost(RefusingService):
    """A learner's attempt: 201 with its score, feedback and (per the settings) the
    right answers; a 4xx with the reason, and nothing recorded, otherwise."""

    def answer(self):
        data = request_data(self.request)
        if not isinstance(data, dict):
            raise BadRequest(400, _("Give \"answers\": an object of question ids and answers."))
        quiz = self.context
        session, username = learner_session(quiz, current_member(), data.get("session"))
        attempt = submit(quiz, session, username, data.get("answers", {}))
        self.request.response.setStatus(201)
        return {
            **session_progress(quiz, session, username),
            "wiki_username": username,
            **attempt_report(quiz, attempt, attempt.number,
                             due_passed=due_passed(session, username, quiz, clock())),
            "late": submitted_late(session, username, quiz, attempt.submitted),
        }


class AttemptsGet(RefusingService):
    """The current member's attempts in the sessions they learn in; in the sessions
    they teach, every learner's. ``?session=`` keeps one session."""

    def answer(self):
        quiz = self.context
        member = current_member()
        if member is None:
            raise LoginRequired(401, _("Log in to see attempts at this quiz."))
        wanted = self.request.form.get("session")
        items = []
        taught = set()
        for session in taught_sessions(quiz):
            if wanted and session.getId() != wanted:
                continue
            taught.add(session.getId())
            stored = attempts_of(session, create=False)
            for username, attempts in stored.of_quiz(quiz.UID()) if stored else ():
                items.extend(self.item(session, username, attempt, len(attempts), True)
                             for attempt in attempts)
        username, sessions = learner_sessions(quiz, member)
        for session in sessions:
            if session.getId() in taught or (wanted and session.getId() != wanted):
                continue
            attempts = learner_attempts(session, quiz, username)
            items.extend(self.item(session, username, attempt, len(attempts), None)
                         for attempt in attempts)
        return {"@id": f"{quiz.absolute_url()}/@attempts", "items": items,
                "items_total": len(items)}

    def item(self, session, username, attempt, used, with_answers):
        quiz = self.context
        return {"session": session.getId(), "wiki_username": username,
                **attempt_report(quiz, attempt, used, with_answers,
                                 due_passed(session, username, quiz, clock())),
                "late": submitted_late(session, username, quiz, attempt.submitted)}


class QuizStatisticsGet(RefusingService):
    """Per-question statistics across the sessions whose attempts the current user
    may see; ``?session=`` (a session's UID) keeps one of them."""

    def answer(self):
        quiz = self.context
        wanted = self.request.form.get("session")
        address = f"{quiz.absolute_url()}/@quiz-statistics"
        return {"@id": f"{address}?{urlencode({'session': wanted})}" if wanted else address,
                "session": wanted or None,
                **quiz_statistics(quiz, statistics_sessions(quiz, wanted))}
