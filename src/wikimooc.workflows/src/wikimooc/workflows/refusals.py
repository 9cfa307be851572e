"""The one way to refuse: an action raises ``Refused`` (or a domain's subclass)
before it changes anything; REST services built on ``RefusingService`` and Classic UI
form actions built on ``RefusingAction`` turn it into the answer their client reads."""

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
    gets; ``message`` is translatable."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class ServiceError(Exception):
    def __init__(self, status, error_type, message):
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message


def error_reply(request, error):
    """plone.restapi's error shape, the message in the user's language."""
    request.response.setStatus(error.status)
    return {
        "error": {
            "type": error.error_type,
            "message": translate(error.message, context=request),
        }
    }


def request_data(request):
    try:
        return json_body(request)
    except DeserializationError as error:
        raise ServiceError(400, "BadRequest", str(error)) from error


class RefusingService(Service):
    """Answers with ``answer()``; a refusal (Refused, or a ServiceError about the
    request) becomes plone.restapi's error shape, of type ``refused_type``.
    Actions refuse before they change anything, so nothing is left half done."""

    refused_type = "Refused"

    def reply(self):
        if self.request.method != "GET":
            alsoProvides(self.request, IDisableCSRFProtection)
        try:
            return self.answer()
        except ServiceError as error:
            return error_reply(self.request, error)
        except Refused as refused:
            return error_reply(
                self.request, ServiceError(refused.status, self.refused_type, refused.message)
            )


class RefusingAction(BrowserView):
    """A Classic UI form's action: POST only, CSRF-checked; ``act(form)`` says what
    it did, or raises Refused; then back to a page with the message."""

    def __call__(self):
        if self.request.method != "POST":
            raise MethodNotAllowed("POST only")
        CheckAuthenticator(self.request)
        try:
            message, kind = self.act(self.request.form), "info"
        except Refused as refused:
            message, kind = refused.message, "error"
        api.portal.show_message(message, request=self.request, type=kind)
        self.request.response.redirect(self.page_url())

    def page(self):
        return self.context

    def page_url(self):
        return self.page().absolute_url()
