"""What quizzes tell the rest of the platform."""

from zope.interface import Attribute
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent


class IAttemptRecorded(IObjectEvent):
    """A learner's attempt at a quiz (the event's object) was graded and recorded."""

    session = Attribute("The session the learner took the quiz in")
    username = Attribute("The learner's wiki username")


@implementer(IAttemptRecorded)
class AttemptRecorded(ObjectEvent):
    def __init__(self, quiz, session, username):
        super().__init__(quiz)
        self.session = session
        self.username = username
