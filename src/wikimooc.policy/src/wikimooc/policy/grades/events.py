"""What the grade book tells the rest of the platform."""

from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent


class IGradingPolicyChanged(IObjectEvent):
    """A session's (the event's object) grading policy changed: every learner's grade
    may have changed with it."""


@implementer(IGradingPolicyChanged)
class GradingPolicyChanged(ObjectEvent):
    pass
