from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from wikimooc.workflows.peerreview.disclosure import peer_review
from wikimooc.workflows.refusals import Refused
from wikimooc.workflows.services import error_reply
from wikimooc.workflows.services import ServiceError
from zope.interface import alsoProvides


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


class PeerReviewService(RefusingService):
    refused_type = "PeerReviewRefused"


def reviews_reply(submission):
    """What GET {submission}/@reviews answers."""
    return {"@id": f"{submission.absolute_url()}/@reviews", **peer_review(submission)}
