from wikimooc.workflows.peerreview.actions import override_grade
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data
from wikimooc.workflows.services.reviews import reviews_reply


class GradeOverridePost(RefusingService):
    def answer(self):
        data = request_data(self.request)
        override_grade(self.context, data.get("points"), data.get("reason"))
        return reviews_reply(self.context)
