"""Classic UI for edit tracking: the teacher dashboard (and its CSV), "check now",
and the learner's progress on an exercise page, which updates by itself."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from wikimooc.policy import _
from wikimooc.policy.content.course import course_of
from wikimooc.policy.enrollment import is_enrolled
from wikimooc.policy.enrollment import LEARNERS_GROUP_PREFIX
from wikimooc.policy.enrollment import wiki_username_of
from wikimooc.policy.pas import learners_groups
from wikimooc.policy.taskqueue.queue import enqueue_after_commit
from wikimooc.policy.taskqueue.tasks import check_session_edits
from wikimooc.policy.tracking.reports import dashboard
from wikimooc.policy.tracking.reports import progress
from zExceptions import MethodNotAllowed

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


class CheckNowView(BrowserView):
    def __call__(self):
        if self.request.method != "POST":
            raise MethodNotAllowed("POST only")
        CheckAuthenticator(self.request)
        enqueue_after_commit(check_session_edits, api.portal.get().getId(), self.context.UID())
        api.portal.show_message(
            _("The check is queued: the dashboard shows its results in a minute."), self.request
        )
        self.request.response.redirect(self.context.absolute_url() + "/@@dashboard")
        return ""


def enrolled_sessions(course, member):
    """The member's sessions of ``course``: only the sessions whose learners group
    the member is in are loaded (a course may have many sessions)."""
    uids = [
        group_id[len(LEARNERS_GROUP_PREFIX):]
        for group_id in learners_groups().groups_by_user.get(member.getId(), ())
    ]
    if not uids:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(
        portal_type="CourseSession", UID=uids, path="/".join(course.getPhysicalPath())
    )
    sessions = (brain.getObject() for brain in brains)
    return [session for session in sessions if is_enrolled(session, member)]


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
        if api.user.is_anonymous():
            return
        member = api.user.get_current()
        course = course_of(self.context)
        if course is None:
            return
        shown = {exercise.UID() for exercise in exercises_shown(self.context)}
        for session in enrolled_sessions(course, member):
            learner = progress(session, wiki_username_of(member))
            for item in learner["items"]:
                if item["uid"] in shown:
                    self.statuses.append({
                        "session": session,
                        "progress_url": session.absolute_url() + "/@progress",
                        "item": item,
                    })
