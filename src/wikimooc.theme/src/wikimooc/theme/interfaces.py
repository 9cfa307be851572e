from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IWikimoocThemeLayer(IDefaultBrowserLayer):
    """Marks requests on a site where wikimooc.theme is installed."""
