"""Where this site sends a visitor after an action: only to its own addresses.

Plone's login form (and its password reset form) asks an ``IRedirectAfterLogin``
adapter first, then checks only the *path* of ``came_from``: on its own it follows
``https://evil.example/wikimooc`` to another host. ``RedirectAfterLogin`` hands it
back only what ``own_url`` accepts, else nothing, so the member lands on the site's
front page. ``portal_url.isURLInPortal`` wants the site's host and port and a path
under the site's; it refuses scheme-relative ``//host``, backslashes, ``javascript:``
and control characters."""

from plone import api
from plone.base.interfaces import IRedirectAfterLogin
from wikimooc.policy.interfaces import IWikimoocPolicyLayer
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


def own_url(url):
    """``url`` when it is one of this site's addresses, else None (no open redirects)."""
    if url and api.portal.get_tool("portal_url").isURLInPortal(url):
        return url
    return None


@implementer(IRedirectAfterLogin)
@adapter(Interface, IWikimoocPolicyLayer)
class RedirectAfterLogin:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, came_from=None, is_initial_login=False):
        return own_url(came_from)
