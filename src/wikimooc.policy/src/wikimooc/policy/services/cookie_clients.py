"""REST calls that change something and are authenticated by a cookie alone must be
JSON.

A browser sends the session cookie (``__ac``, or plone.restapi's ``auth_token``)
with whatever another site makes it send, and a plain HTML form can post
``text/plain``, ``application/x-www-form-urlencoded`` or ``multipart/form-data``
anywhere, but not ``application/json``: that needs a script, which the browser
lets run cross-site only after a CORS preflight our site does not grant. So a
POST, PATCH, PUT or DELETE to a REST service without an ``Authorization`` header,
by a logged-in visitor, must say ``Content-Type: application/json``, as
plone.restapi advises cookie clients. Clients that authenticate with a header
(Basic, Bearer) do not depend on ambient credentials and are not concerned, nor
are Classic UI pages and their forms, which plone.protect's tokens guard.

Checked once per request after traversal, before the service runs.
"""

from plone import api
from plone.rest.service import Service
from wikimooc.policy import _
from wikimooc.policy.interfaces import IWikimoocPolicyLayer
from zExceptions import BadRequest
from zope.i18n import translate


STATE_CHANGING = frozenset({"POST", "PATCH", "PUT", "DELETE"})
CREDENTIAL_COOKIES = ("__ac", "auth_token")


class UnsupportedMediaType(BadRequest):
    """415: plone.rest's error view takes the status from the class name."""


def is_json(content_type):
    media_type = (content_type or "").split(";")[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def authenticated_by_cookie_alone(request):
    # Zope keeps the Authorization header out of the environment, in _auth.
    if getattr(request, "_auth", None):
        return False
    if not any(request.cookies.get(name) for name in CREDENTIAL_COOKIES):
        return False
    return not api.user.is_anonymous()


def refuse_cookie_posts_without_json(event):
    request = event.request
    if not IWikimoocPolicyLayer.providedBy(request):
        return
    if request.get("REQUEST_METHOD", "GET").upper() not in STATE_CHANGING:
        return
    if not isinstance(request.get("PUBLISHED"), Service):
        return
    if is_json(request.getHeader("Content-Type")):
        return
    if authenticated_by_cookie_alone(request):
        message = _(
            "A request authenticated by the session cookie must send JSON, with"
            " \"Content-Type: application/json\"."
        )
        raise UnsupportedMediaType(translate(message, context=request))
