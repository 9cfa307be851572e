from plone import api
from plone.restapi.batching import HypermediaBatch
from wikimooc.workflows.peerreview.actions import create_submission
from wikimooc.workflows.peerreview.disclosure import submission_info
from wikimooc.workflows.peerreview.disclosure import to_review
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data


class SubmissionsGet(RefusingService):
    """The session's submissions the caller may see (the team: all of them; a
    learner: their own and those they review), and those they are still to review."""

    def answer(self):
        found = api.content.find(
            context=self.context, depth=1, portal_type="Submission", sort_on="created"
        )
        batch = HypermediaBatch(self.request, found)
        result = {
            "@id": batch.canonical_url,
            "items": [submission_info(brain.getObject()) for brain in batch],
            "items_total": batch.items_total,
            "to_review": self.to_review(),
        }
        if batch.links:
            result["batching"] = batch.links
        return result

    def to_review(self):
        return [
            {"@id": submission.absolute_url(), "UID": submission.UID(), "title": submission.Title()}
            for submission in to_review(self.context)
        ]


class SubmissionsPost(RefusingService):
    """A learner's draft submission: 201 with its location."""

    def answer(self):
        data = request_data(self.request)
        submission = create_submission(
            self.context, data.get("exercise"), data.get("text"), data.get("links")
        )
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", submission.absolute_url())
        return submission_info(submission)
