"""Where a login may send its member afterwards: only to an address of this site.

Plone's login form (and its password reset form) asks an ``IRedirectAfterLogin``
adapter first, then checks only the *path* of ``came_from``: on its own it follows
``https://evil.example/wikimooc`` to another host. The adapter below hands it
back only what ``portal_url.isURLInPortal`` accepts (same scheme family, host, port
and site path; no scheme-relative ``//host``, backslashes, ``javascript:`` or
control characters), else nothing, so the member lands on the site's front page.
Our own logins and registration check their ``came_from`` with the same ``own_url``.
"""

from plone.base.interfaces import IRedirectAfterLogin
from wikimooc.policy.interfaces import IWikimoocPolicyLayer
from wikimooc.policy.redirects import own_url
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


@implementer(IRedirectAfterLogin)
@adapter(Interface, IWikimoocPolicyLayer)
class RedirectAfterLogin:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, came_from=None, is_initial_login=False):
        return own_url(came_from)
