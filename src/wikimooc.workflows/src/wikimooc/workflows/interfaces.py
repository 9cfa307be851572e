from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IWikimoocWorkflowsLayer(IDefaultBrowserLayer):
    """Marks requests on a site where wikimooc.workflows is installed."""


class ISubmissionGraded(IObjectEvent):
    """A submission has a new grade: its reviews completed it, or the teaching team
    set it (also on work that was graded already)."""


@implementer(ISubmissionGraded)
class SubmissionGraded(ObjectEvent):
    pass
