from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IWikimoocWorkflowsLayer(IDefaultBrowserLayer):
    """Marks requests on a site where wikimooc.workflows is installed."""
