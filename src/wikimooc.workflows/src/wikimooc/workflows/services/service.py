from wikimooc.workflows.peerreview.disclosure import peer_review
from wikimooc.workflows.refusals import RefusingService


class PeerReviewService(RefusingService):
    refused_type = "PeerReviewRefused"


def reviews_reply(submission):
    """What GET {submission}/@reviews answers."""
    return {"@id": f"{submission.absolute_url()}/@reviews", **peer_review(submission)}
