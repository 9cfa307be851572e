"""What authors read above a quiz and its questions once learners answered."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.app.layout.viewlets import ViewletBase
from wikimooc.policy.quiz.attempts import learners_who_answered
from wikimooc.policy.quiz.content import IQuiz


class AnsweredViewlet(ViewletBase):
    def update(self):
        super().update()
        quiz = self.context if IQuiz.providedBy(self.context) else aq_parent(aq_inner(self.context))
        self.answered = learners_who_answered(quiz) if IQuiz.providedBy(quiz) else 0
