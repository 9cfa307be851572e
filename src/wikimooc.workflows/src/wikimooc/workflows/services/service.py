from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from wikimooc.workflows.peerreview.actions import PeerReviewRefused
from wikimooc.workflows.peerreview.disclosure import peer_review
from wikimooc.workflows.services import error_reply
from wikimooc.workflows.services import ServiceError
from zope.interface import alsoProvides


class PeerReviewService(Service):
    """Answers with ``answer()``; a refusal becomes plone.restapi's error shape.
    Actions refuse before they change anything, so nothing is left half done."""

    def reply(self):
        if self.request.method != "GET":
            alsoProvides(self.request, IDisableCSRFProtection)
        try:
            return self.answer()
        except ServiceError as error:
            return error_reply(self.request, error)
        except PeerReviewRefused as refused:
            return error_reply(
                self.request, ServiceError(refused.status, "PeerReviewRefused", refused.message)
            )


def reviews_reply(submission):
    """What GET {submission}/@reviews answers."""
    return {"@id": f"{submission.absolute_url()}/@reviews", **peer_review(submission)}
