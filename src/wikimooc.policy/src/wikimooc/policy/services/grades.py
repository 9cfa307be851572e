"""The grade book over REST: the session's grading policy (its teachers read and
change it), the grade book (batched) and one learner's detail for the teachers, and
a learner's own grades."""

from plone import api
from urllib.parse import quote
from wikimooc.policy import _
from wikimooc.policy.enrollment import is_enrolled
from wikimooc.policy.enrollment import wiki_username_of
from wikimooc.policy.grades.book import grade_book
from wikimooc.policy.grades.book import learner_detail
from wikimooc.policy.grades.book import learner_in_book
from wikimooc.policy.grades.results import gradable_items
from wikimooc.policy.grades.settings import change
from wikimooc.policy.grades.settings import grading_policy
from wikimooc.policy.grades.settings import GradingRefused
from wikimooc.policy.services.path_parameters import PathParameters
from wikimooc.workflows.batching import hypermedia_batch
from wikimooc.workflows.refusals import LoginRequired
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data


def policy_info(session, policy):
    return {"@id": session.absolute_url() + "/@grading-policy", **policy.as_dict(),
            "gradable_items": [{"uid": item.uid, "title": item.title, "category": item.category,
                                "module": item.module_id} for item in gradable_items(session)]}


class GradingPolicyGet(RefusingService):
    def answer(self):
        return policy_info(self.context, grading_policy(self.context))


class GradingPolicyPatch(RefusingService):
    """Changes the fields given; a 400 with the reason, and nothing changed, else."""

    def answer(self):
        uids = {item.uid for item in gradable_items(self.context)}
        return policy_info(self.context, change(self.context, request_data(self.request), uids))


class GradebookGet(PathParameters, RefusingService):
    """GET {session}/@gradebook: the learners' rows, batched (``search``, ``module``,
    ``sort_on``, ``sort_order``); GET {session}/@gradebook/<wiki username>: one
    learner's detail."""

    def answer(self):
        session = self.context
        if len(self.params) > 1:
            raise GradingRefused(400, _("Say whose grades: @gradebook/<wiki username>."))
        if self.params:
            detail = learner_in_book(session, self.params[0])
            username = quote(detail["wiki_username"])
            return {"@id": f"{session.absolute_url()}/@gradebook/{username}", **detail}
        columns, rows = grade_book(session, self.request.form)
        batch = hypermedia_batch(self.request, rows)
        result = {"@id": batch.canonical_url, "pass_mark": grading_policy(session).pass_mark,
                  "columns": columns, "items": list(batch), "items_total": batch.items_total}
        if batch.links:
            result["batching"] = batch.links
        return result


class MyGradesGet(RefusingService):
    """The caller's own grades in the session they learn in."""

    def answer(self):
        session = self.context
        if api.user.is_anonymous():
            raise LoginRequired(401, _("Log in to see your grades."))
        member = api.user.get_current()
        if not is_enrolled(session, member):
            raise GradingRefused(403, _("You are not enrolled in this session."))
        return {"@id": session.absolute_url() + "/@my-grades",
                **learner_detail(session, wiki_username_of(member))}
