"""What edit tracking tells the rest of the platform."""

from zope.interface import Attribute
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent


class IProgressChanged(IObjectEvent):
    """Learners' exercise progress in a session (the event's object) changed: an
    edit check completed exercises, or a teacher decided."""

    usernames = Attribute("The wiki usernames of the learners concerned")


@implementer(IProgressChanged)
class ProgressChanged(ObjectEvent):
    def __init__(self, session, usernames):
        super().__init__(session)
        self.usernames = tuple(usernames)
