from Acquisition import aq_parent
from wikimooc.workflows.peerreview.actions import cancel_review
from wikimooc.workflows.peerreview.actions import post_review
from wikimooc.workflows.peerreview.disclosure import peer_review
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data


def reviews_reply(submission):
    """What GET {submission}/@reviews answers."""
    return {"@id": f"{submission.absolute_url()}/@reviews", **peer_review(submission)}


class ReviewsGet(RefusingService):
    def answer(self):
        return reviews_reply(self.context)


class ReviewsPost(RefusingService):
    """The caller reviews the submission: 201, with the submission's reviews."""

    def answer(self):
        data = request_data(self.request)
        post_review(self.context, data.get("choices"), data.get("comment"), data.get("points"))
        self.request.response.setStatus(201)
        return reviews_reply(self.context)


class ReviewCancelPost(RefusingService):
    def answer(self):
        cancel_review(self.context, request_data(self.request).get("reason"))
        return reviews_reply(aq_parent(self.context))
