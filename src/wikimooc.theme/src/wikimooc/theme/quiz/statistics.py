"""The per-question statistics page of a quiz, for the teachers of its sessions
(wikimooc.policy.quiz.statistics): across their sessions, or one of them."""

from plone import api
from Products.Five.browser import BrowserView
from wikimooc.policy.quiz.attempts import taught_sessions
from wikimooc.policy.quiz.content import QUESTION_KINDS
from wikimooc.policy.quiz.statistics import quiz_statistics
from wikimooc.policy.quiz.statistics import statistics_sessions
from wikimooc.theme.dates import ReaderDates
from wikimooc.workflows.refusals import Attempt
from zExceptions import Unauthorized
from zope.i18n import translate


def may_see_statistics(quiz):
    return not api.user.is_anonymous() and bool(taught_sessions(quiz))


class QuizStatisticsView(ReaderDates, BrowserView):
    def __call__(self):
        if not may_see_statistics(self.context):
            raise Unauthorized("Only the teachers of a session of this course see its statistics.")
        self.wanted = self.request.form.get("session") or None
        self.statistics = None
        with Attempt() as self.attempt:
            self.statistics = quiz_statistics(
                self.context, statistics_sessions(self.context, self.wanted)
            )
        return self.index()

    def refusal(self):
        refused = self.attempt.refused
        return translate(refused.message, context=self.request) if refused else None

    def session_links(self):
        """All the viewer's sessions together, then each of them."""
        address = f"{self.context.absolute_url()}/@@quiz-statistics"
        links = [{"title": None, "href": address, "current": self.wanted is None}]
        links.extend(
            {"title": session.Title(), "href": f"{address}?session={session.UID()}",
             "current": session.UID() == self.wanted}
            for session in taught_sessions(self.context)
        )
        return links

    def kind(self, question):
        return translate(QUESTION_KINDS.getTerm(question["kind"]).title, context=self.request)

    def share(self, share):
        return "—" if share is None else self.percent(share * 100)

    def points(self, value):
        return "—" if value is None else self.number(value)
