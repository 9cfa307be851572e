from wikimooc.workflows.peerreview.actions import override_grade
from wikimooc.workflows.refusals import request_data
from wikimooc.workflows.services.service import PeerReviewService
from wikimooc.workflows.services.service import reviews_reply


class GradeOverridePost(PeerReviewService):
    def answer(self):
        data = request_data(self.request)
        override_grade(self.context, data.get("points"), data.get("reason"))
        return reviews_reply(self.context)
