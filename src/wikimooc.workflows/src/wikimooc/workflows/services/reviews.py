from Acquisition import aq_parent
from wikimooc.workflows.peerreview.actions import cancel_review
from wikimooc.workflows.peerreview.actions import post_review
from wikimooc.workflows.refusals import request_data
from wikimooc.workflows.services.service import PeerReviewService
from wikimooc.workflows.services.service import reviews_reply


class ReviewsGet(PeerReviewService):
    def answer(self):
        return reviews_reply(self.context)


class ReviewsPost(PeerReviewService):
    """The caller reviews the submission: 201, with the submission's reviews."""

    def answer(self):
        data = request_data(self.request)
        post_review(self.context, data.get("choices"), data.get("comment"), data.get("points"))
        self.request.response.setStatus(201)
        return reviews_reply(self.context)


class ReviewCancelPost(PeerReviewService):
    def answer(self):
        cancel_review(self.context, request_data(self.request).get("reason"))
        return reviews_reply(aq_parent(self.context))
