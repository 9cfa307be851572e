from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from wikimooc.policy.refusals import Refused
from wikimooc.policy.services import error_reply
from wikimooc.policy.services import ServiceError
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


class RefusingService(Service):
    """Answers with ``answer()``; a refusal (Refused, or a ServiceError about the
    request) becomes plone.restapi's error shape, of type ``refused_type``."""

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

    def created(self, location, body):
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", location)
        return body


@implementer(IPublishTraverse)
class PathParameters:
    """For services whose URL goes on: ``params``, the names after the service's."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self
