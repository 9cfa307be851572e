"""Edit tracking over REST: ask for a check now, the teacher dashboard, a learner's
progress, and teachers marking an exercise done or not done."""

from plone import api
from wikimooc.policy import _
from wikimooc.policy.enrollment import enrolled_username
from wikimooc.policy.enrollment import is_enrolled
from wikimooc.policy.enrollment import wiki_username_of
from wikimooc.policy.taskqueue.queue import enqueue_after_commit
from wikimooc.policy.taskqueue.tasks import check_session_edits
from wikimooc.policy.tracking.events import ProgressChanged
from wikimooc.policy.tracking.reports import course_exercises
from wikimooc.policy.tracking.reports import dashboard
from wikimooc.policy.tracking.reports import progress
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.workflows.permissions import VIEW_ENROLLMENTS
from wikimooc.workflows.refusals import BadRequest
from wikimooc.workflows.refusals import LoginRequired
from wikimooc.workflows.refusals import NotPermitted
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data
from zope.event import notify


class CheckEditsPost(RefusingService):
    """202: the check is queued; it runs when this request's transaction commits."""

    def answer(self):
        enqueue_after_commit(check_session_edits, api.portal.get().getId(), self.context.UID())
        self.request.response.setStatus(202)
        return {"queued": True, "session": self.context.absolute_url()}


class DashboardGet(RefusingService):
    def answer(self):
        return {"@id": self.context.absolute_url() + "/@dashboard", **dashboard(self.context)}


def may_view_learners(session):
    return api.user.has_permission(VIEW_ENROLLMENTS, obj=session)


def requested_learner(session, request):
    """The learner a request is about: the caller, or for the session's teachers
    ``?learner=<wiki username>``."""
    if asked := request.form.get("learner"):
        if not may_view_learners(session):
            raise NotPermitted(
                403, _("Only the session's teachers see other learners' progress.")
            )
        return enrolled_username(session, asked)
    if api.user.is_anonymous():
        raise LoginRequired(401, _("Log in to see your progress."))
    member = api.user.get_current()
    if not is_enrolled(session, member):
        raise NotPermitted(403, _("You are not enrolled in this session."))
    return wiki_username_of(member)


class ProgressGet(RefusingService):
    """A learner's own progress; teachers pass ``?learner=<wiki username>``."""

    def answer(self):
        return {
            "@id": self.context.absolute_url() + "/@progress",
            **progress(self.context, requested_learner(self.context, self.request)),
        }


class ProgressPost(RefusingService):
    """A teacher marks an exercise done or not done for a learner, with a reason."""

    def answer(self):
        username, exercise_uid, done, reason = self.decision()
        tracking_of(self.context).mark(
            username, exercise_uid, done, by=api.user.get_current().getId(), reason=reason
        )
        notify(ProgressChanged(self.context, [username]))
        return {
            "@id": self.context.absolute_url() + "/@progress",
            **progress(self.context, username),
        }

    def decision(self):
        data = request_data(self.request)
        username = enrolled_username(self.context, str(data.get("learner", "")))
        exercise_uid = data.get("exercise")
        if exercise_uid not in {exercise.UID() for exercise in course_exercises(self.context)}:
            raise BadRequest(
                400, _("\"exercise\" must be the UID of an exercise of this course.")
            )
        if not isinstance(data.get("done"), bool):
            raise BadRequest(400, _("\"done\" must be true or false."))
        reason = data.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise BadRequest(400, _("Give the reason for your decision."))
        return username, exercise_uid, data["done"], reason.strip()
