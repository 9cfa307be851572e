"""Classic UI for edit tracking: the teacher dashboard (and its CSV), "check now",
and the learner's progress on an exercise page, which updates by itself."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser import BrowserView
from wikimooc.policy.content.course import course_of
from wikimooc.policy.coursedates.rules import learner_dates
from wikimooc.policy.learner import course_learner
from wikimooc.policy.taskqueue.queue import enqueue_after_commit
from wikimooc.policy.taskqueue.tasks import check_session_edits
from wikimooc.policy.tracking.reports import dashboard
from wikimooc.policy.tracking.reports import exercise_progress
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.theme import _
from wikimooc.theme.dates import time_tag
from wikimooc.theme.tracking.window import learner_note
from wikimooc.theme.tracking.window import teacher_note
from wikimooc.workflows.refusals import RefusingAction

import csv
import io


CSV_COLUMNS = (
    "wiki_username", "exercises_done", "edits", "pages_created", "pages_edited",
    "bytes_added", "last_edit", "unknown_on_wiki",
)


# What a failing wiki's recorded error means, for teachers (the checker records the
# HTTP status, the wiki's API error code or the network failure's name).
NETWORK_ERRORS = _("The platform could not reach it over the network.")
SLOW = _("It took too long to answer.")
WIKI_ERRORS = {
    "maxlag": _("It is overloaded and asked the platform to wait."),
    "ratelimited": _("It asked the platform to slow down."),
    "readonly": _("It is read-only for maintenance."),
    "HTTP 429": _("It asked the platform to slow down."),
}


def wiki_error_sentence(error):
    """A recorded wiki error (``HTTP 503``, ``maxlag``, ``ConnectionError``) as a
    sentence; None for none."""
    if not error:
        return None
    if error in WIKI_ERRORS:
        return WIKI_ERRORS[error]
    if error.startswith("HTTP "):
        return _("It answered with an error (${status}).", mapping={"status": error})
    if "Timeout" in error:
        return SLOW
    if error[:1].isupper():  # the name of a network failure, e.g. ConnectionError
        return NETWORK_ERRORS
    return _("It refused the platform's request (${code}).", mapping={"code": error})


class DashboardView(BrowserView):
    def page_title(self):
        return _("Dashboard of ${session}", mapping={"session": self.context.Title()})

    def __call__(self):
        self.data = dashboard(self.context)
        self.note = teacher_note(self.context, self.request)
        return self.index()

    def time(self, value, empty="—"):
        return time_tag(value, self.request, empty)

    def wiki_error(self):
        return wiki_error_sentence(self.data["wiki_status"]["error"])


class DashboardCSV(BrowserView):
    def __call__(self):
        data = dashboard(self.context)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow((*CSV_COLUMNS, "contributions"))
        for learner in data["learners"]:
            writer.writerow(
                [*(learner[column] for column in CSV_COLUMNS),
                 learner["wiki_links"]["contributions"]]
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
            dates = learner_dates(session, learner.wiki_username)
            note = learner_note(session, self.request)
            # Only a session whose edits count now is read again by the page.
            progress_url = None if note else session.absolute_url() + "/@progress"
            self.statuses += [
                {"session_title": session.Title(), "progress_url": progress_url, "note": note,
                 "item": exercise_progress(tracking, learner.wiki_username, exercise, dates)}
                for exercise in exercises
            ]

    def render(self):
        return self.index() if self.statuses else ""
