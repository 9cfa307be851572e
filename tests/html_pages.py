"""Helpers for tests of Classic UI pages, over the functional layer's HTTP server."""

import re


def html_client(client, login=None):
    """``client(login)`` (tests/conftest.py) asking for pages, as a browser does."""
    visitor = client(login)
    visitor.session.headers["Accept"] = "text/html"
    return visitor


def authenticator(html):
    """The CSRF token a page's forms carry."""
    return re.search(r'name="_authenticator" value="([^"]+)"', html).group(1)
