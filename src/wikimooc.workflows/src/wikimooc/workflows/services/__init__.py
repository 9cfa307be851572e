"""REST services of WikiMOOC (plone.restapi), documented in docs/api.md: the
helpers all of them share, and the peer-review services."""

from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from zope.i18n import translate


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
