"""Where the Wikimedia login's settings come from.

The consumer key and secret come from the environment when it has them (operators
keep them out of the database that way), else from the control panel. The secret
is kept in a site annotation rather than the registry, so ``@registry`` never
returns it.
"""

from plone import api
from wikimooc.policy.interfaces import IWikimoocSettings
from zope.annotation.interfaces import IAnnotations

import os


CONSUMER_KEY_VARIABLE = "WIKIMOOC_OAUTH_CONSUMER_KEY"
CONSUMER_SECRET_VARIABLE = "WIKIMOOC_OAUTH_CONSUMER_SECRET"
SECRET_ANNOTATION = "wikimooc.identity.oauth_consumer_secret"
OAUTH_PATH = "/w/rest.php/oauth2/"


def wikimooc_settings():
    return api.portal.get_tool("portal_registry").forInterface(
        IWikimoocSettings, prefix="wikimooc"
    )


def oauth_endpoint(name):
    """``authorize``, ``access_token`` or ``resource/profile`` on the OAuth server."""
    return wikimooc_settings().oauth_server.rstrip("/") + OAUTH_PATH + name


def consumer_key():
    return os.environ.get(CONSUMER_KEY_VARIABLE) or wikimooc_settings().oauth_consumer_key or ""


def consumer_secret():
    stored = IAnnotations(api.portal.get()).get(SECRET_ANNOTATION, "")
    return os.environ.get(CONSUMER_SECRET_VARIABLE) or stored


def store_consumer_secret(secret):
    IAnnotations(api.portal.get())[SECRET_ANNOTATION] = secret


def login_is_configured():
    return bool(consumer_key() and consumer_secret())
