"""Classic UI for edit tracking: the teacher dashboard (and its CSV), "check now",
and the learner's progress on an exercise page, which updates by itself."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser import BrowserView
from wikimooc.policy.content.course import course_of
from wikimooc.policy.learner import course_learner
from wikimooc.policy.taskqueue.queue import enqueue_after_commit
from wikimooc.policy.taskqueue.tasks import check_session_edits
from wikimooc.policy.tracking.reports import dashboard
from wikimooc.policy.tracking.reports import exercise_progress
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.theme import _
from wikimooc.workflows.refusals import RefusingAction

import csv
import io


CSV_COLUMNS = (
    "wiki_username", "exercises_done", "edits", "pages_created", "pages_edited",
    "bytes_added", "last_edit", "unknown_on_wiki",
)


class DashboardView(BrowserView):
    def __call__(self):
        self.data = dashboard(self.context)
        return self.index()


class DashboardCSV(BrowserView):
    def __call__(self):
        data = dashboard(self.context)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS + ("contributions",))
        for learner in data["learners"]:
            writer.writerow(
                [learner[column] for column in CSV_COLUMNS] + [learner["wiki_links"]["contributions"]]
            )
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{self.context.getId()}-progress.csv"'
        )
        return out.getvalue()


class CheckNowView(RefusingAction):
    def act(self, form):
        enqueue_after_commit(check_session_edits, api.portal.get().getId(), self.context.UID())
        return _("The check is queued: the dashboard shows its results in a minute.")

    def page_url(self):
        return self.context.absolute_url() + "/@@dashboard"


def exercises_shown(context):
    """An exercise page shows its own progress; a lesson page, its module's exercises."""
    if context.portal_type == "Exercise":
        return [context]
    return [item for item in context.__parent__.objectValues() if item.portal_type == "Exercise"]


class ExerciseProgressViewlet(ViewletBase):
    """Is it done, in each of the learner's sessions of this course."""

    def update(self):
        super().update()
        self.statuses = []
        course = course_of(self.context)
        learner = course_learner(course, self.request) if course is not None else None
        if learner is None or not learner.sessions:
            return
        exercises = exercises_shown(self.context)
        for session in learner.sessions:
            tracking = tracking_of(session, create=False)
            session_title, progress_url = session.Title(), session.absolute_url() + "/@progress"
            self.statuses += [
                {"session_title": session_title, "progress_url": progress_url,
                 "item": exercise_progress(tracking, learner.wiki_username, exercise)}
                for exercise in exercises
            ]

    def render(self):
        return self.index() if self.statuses else ""
