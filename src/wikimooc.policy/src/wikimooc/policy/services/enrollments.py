from plone import api
from plone.restapi.batching import HypermediaBatch
from wikimooc.policy import _
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.enrollment import LearnerSequence
from wikimooc.policy.usernames import split_pasted_names
from wikimooc.policy.wikis import user_links
from wikimooc.workflows.refusals import BadRequest
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data
from zope.i18n import translate


class EnrollmentsGet(RefusingService):
    def answer(self):
        batch = HypermediaBatch(self.request, LearnerSequence(self.context.enrollments))
        result = {
            "@id": batch.canonical_url,
            "items": [
                {
                    "user_id": learner.user_id,
                    "wiki_username": learner.username,
                    "enrolled": learner.enrolled,
                    "added_by": learner.added_by,
                    "wiki_links": user_links(self.context.wiki, learner.username),
                }
                for learner in batch
            ],
            "items_total": batch.items_total,
        }
        if batch.links:
            result["batching"] = batch.links
        return result


class EnrollmentsPost(RefusingService):
    """Teachers add learners by wiki username: a list, or a pasted block of text."""

    def answer(self):
        results = add_learners(
            self.context, self.usernames(), added_by=api.user.get_current().getId()
        )
        for result in results:
            if result.get("reason"):
                result["reason"] = translate(result["reason"], context=self.request)
        return {"items": results, "items_total": len(results)}

    def usernames(self):
        usernames = request_data(self.request).get("usernames")
        if isinstance(usernames, str):
            usernames = split_pasted_names(usernames)
        if not isinstance(usernames, list) or not all(
            isinstance(name, str) for name in usernames
        ) or not usernames:
            raise BadRequest(
                400, _("Give \"usernames\": a list of wiki usernames, or one name per line.")
            )
        return usernames
