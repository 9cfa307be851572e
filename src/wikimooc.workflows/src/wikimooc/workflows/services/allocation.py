from wikimooc.workflows.peerreview.actions import allocate_by_hand
from wikimooc.workflows.peerreview.disclosure import person
from wikimooc.workflows.peerreview.progress import run_session
from wikimooc.workflows.peerreview.relations import by_uid
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data


class AllocateReviewsPost(RefusingService):
    """With "submission" and "reviewer", a teacher's allocation (also an extra
    reviewer); without, what the session's rounds lack, and flexible grading."""

    def answer(self):
        data = request_data(self.request)
        if "submission" in data or "reviewer" in data:
            changes = allocate_by_hand(self.context, data.get("submission"), data.get("reviewer"))
        else:
            changes = run_session(self.context)
        items = [
            {
                "submission": by_uid(change.submission).absolute_url(),
                "reviewer": person(change.reviewer, self.context.wiki),
                "allocated": change.allocated,
            }
            for change in changes
        ]
        return {"items": items, "items_total": len(items)}
