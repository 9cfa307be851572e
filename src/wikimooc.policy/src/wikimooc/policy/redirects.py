"""Where this site sends a visitor after an action: only to its own addresses."""

from plone import api


def own_url(url):
    """``url`` when it is one of this site's addresses, else None (no open redirects)."""
    if url and api.portal.get_tool("portal_url").isURLInPortal(url):
        return url
    return None
