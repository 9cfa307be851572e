from zope.interface import implementer
from zope.interface import Interface
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IWikimoocWorkflowsLayer(IDefaultBrowserLayer):
    """Marks requests on a site where wikimooc.workflows is installed."""


class IWikiIdentity(Interface):
    """Who a member is on a wiki, for the pages and services that show people
    (wikimooc.policy provides it: it knows members' wiki usernames)."""

    def __call__(user_id, wiki):
        """{"wiki_username": ..., "wiki_links": {...}} for ``user_id`` on the wiki
        host ``wiki``, or None when the member has no valid wiki username."""


class ISubmissionGraded(IObjectEvent):
    """A submission has a new grade: its reviews completed it, or the teaching team
    set it (also on work that was graded already)."""


@implementer(ISubmissionGraded)
class SubmissionGraded(ObjectEvent):
    pass
