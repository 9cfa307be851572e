"""The one way to refuse: an action raises ``Refused`` (a domain's subclass, or
``BadRequest`` when the request itself is wrong) before it changes anything; REST
services built on ``RefusingService`` answer it in plone.restapi's error shape,
Classic UI form actions built on ``RefusingAction`` show it on the page they go back
to, and a page that shows it beside its form catches it with ``Attempt``."""

from plone import api
from plone.protect import CheckAuthenticator
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from zExceptions import MethodNotAllowed
from zope.i18n import translate
from zope.interface import alsoProvides


class Refused(Exception):
    """Raised before anything changed. ``status`` is the HTTP status a REST client
    gets; ``message`` is translatable. Each subclass names its ``error_type``, the
    ``type`` of the REST error (docs/api.md). ``message_type`` is the kind of status
    message a Classic UI page shows it as."""

    message_type = "error"

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class BadRequest(Refused):
    """The request itself cannot be used: a body that is not JSON, a value missing
    or of the wrong type."""

    error_type = "BadRequest"


class LoginRequired(Refused):
    """Only a logged-in member may ask this (401)."""

    error_type = "Unauthorized"


class NotPermitted(Refused):
    """The caller is logged in but may not ask this (403)."""

    error_type = "Forbidden"


class Attempt:
    """``with Attempt() as attempt:`` runs its block; a ``Refused`` raised there
    ends the block and is kept in ``attempt.refused`` (else None) for the caller to
    show. Any other exception goes on."""

    refused = None

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, Refused):
            self.refused = error
            return True
        return False


def request_data(request):
    """The JSON body of the request; BadRequest when it is not JSON."""
    try:
        return json_body(request)
    except DeserializationError as error:
        raise BadRequest(400, str(error)) from error


class RefusingService(Service):
    """Answers with ``answer()``; a refusal becomes plone.restapi's error shape
    ``{"error": {"type", "message"}}``, with the refusal's status and type and the
    message in the caller's language. Actions refuse before they change anything,
    so nothing is left half done."""

    def reply(self):
        if self.request.method != "GET":
            alsoProvides(self.request, IDisableCSRFProtection)
        with Attempt() as attempt:
            return self.answer()
        refused = attempt.refused
        self.request.response.setStatus(refused.status)
        return {
            "error": {
                "type": refused.error_type,
                "message": translate(refused.message, context=self.request),
            }
        }


class RefusingAction(BrowserView):
    """A Classic UI form's action: POST only, CSRF-checked; ``act(form)`` says what
    it did, or raises Refused; then back to a page with the message."""

    def __call__(self):
        if self.request.method != "POST":
            raise MethodNotAllowed("POST only")
        CheckAuthenticator(self.request)
        with Attempt() as attempt:
            message, kind = self.act(self.request.form), "info"
        if attempt.refused is not None:
            message, kind = attempt.refused.message, attempt.refused.message_type
        api.portal.show_message(message, request=self.request, type=kind)
        self.request.response.redirect(self.page_url())

    def page(self):
        return self.context

    def page_url(self):
        return self.page().absolute_url()
