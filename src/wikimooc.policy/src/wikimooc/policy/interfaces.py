from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IWikimoocPolicyLayer(IDefaultBrowserLayer):
    """Marks requests on a site where wikimooc.policy is installed."""
