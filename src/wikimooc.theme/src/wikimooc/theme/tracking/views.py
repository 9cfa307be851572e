"""Classic UI for edit tracking: the teacher dashboard (and its CSV), "check now",
and the learner's progress on an exercise page, which updates by itself."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser import BrowserView
from wikimooc.policy.alerts.listing import session_alerts
from wikimooc.policy.content.course import course_of
from wikimooc.policy.coursedates.rules import learner_dates
from wikimooc.policy.isolated import isolated
from wikimooc.policy.learner import course_learner
from wikimooc.policy.quiz.attempts import learner_attempts
from wikimooc.policy.taskqueue.queue import enqueue_after_commit
from wikimooc.policy.taskqueue.tasks import check_session_edits
from wikimooc.policy.tracking.reports import dashboard
from wikimooc.policy.tracking.reports import exercise_progress
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.theme import _
from wikimooc.theme.dates import ReaderDates
from wikimooc.theme.downloads import csv_attachment
from wikimooc.theme.tracking.window import learner_note
from wikimooc.theme.tracking.window import teacher_note
from wikimooc.workflows.permissions import VIEW_ENROLLMENTS
from wikimooc.workflows.refusals import RefusingAction

import csv
import io


CSV_COLUMNS = (
    "wiki_username", "exercises_done", "edits", "pages_created", "pages_edited",
    "bytes_added", "last_edit", "unknown_on_wiki",
)
# For a session that follows several wikis, these again for each wiki, named
# "<column> <host>".
CSV_WIKI_COLUMNS = ("exercises_done", "edits", "pages_created", "bytes_added", "unknown_on_wiki")
# For a session with a schedule (course dates), after "contributions": how many items
# the learner did after their due date and how many are past due and not done (to
# sort by), then those items' titles, separated by "; " (to follow up).
CSV_WORK_COLUMNS = ("late_count", "missing_count", "late_work", "missing_work")
TITLES_SEPARATOR = "; "


def work_cells(learner):
    late, missing = learner["late_work"], learner["missing_work"]
    return [len(late), len(missing), TITLES_SEPARATOR.join(late), TITLES_SEPARATOR.join(missing)]


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


class DashboardView(ReaderDates, BrowserView):
    def page_title(self):
        return _("Dashboard of ${session}", mapping={"session": isolated(self.context.Title())})

    def __call__(self):
        self.data = dashboard(self.context)
        self.note = teacher_note(self.context, self.request)
        self.open_alerts = len(session_alerts(self.context, dismissed=False))
        return self.index()

    def wikis_down(self):
        return [wiki for wiki in self.data["wikis"] if wiki["wiki_status"]["reachable"] is False]

    def wiki_error(self, wiki):
        return wiki_error_sentence(wiki["wiki_status"]["error"])


class DashboardCSV(BrowserView):
    def __call__(self):
        data = dashboard(self.context)
        out = io.StringIO()
        writer = csv.writer(out)
        hosts = [wiki["wiki"] for wiki in data["wikis"]] if len(data["wikis"]) > 1 else []
        scheduled = data["scheduled"]
        writer.writerow((
            *CSV_COLUMNS, "contributions", *(CSV_WORK_COLUMNS if scheduled else ()),
            *(f"{column} {host}" for host in hosts for column in CSV_WIKI_COLUMNS),
        ))
        for learner in data["learners"]:
            writer.writerow(
                [*(learner[column] for column in CSV_COLUMNS),
                 learner["wiki_links"]["contributions"],
                 *(work_cells(learner) if scheduled else ()),
                 *(wiki[column] for wiki in learner["wikis"] if hosts
                   for column in CSV_WIKI_COLUMNS)]
            )
        return csv_attachment(
            self.request, f"{self.context.getId()}-progress.csv", out.getvalue()
        )


class CheckNowView(RefusingAction):
    def act(self, form):
        enqueue_after_commit(check_session_edits, api.portal.get().getId(), self.context.UID())
        return _("The check is queued: the dashboard shows its results in a minute.")

    def page_url(self):
        return self.context.absolute_url() + "/@@dashboard"


def items_shown(context):
    """An exercise page shows its own progress; a lesson page, its module's exercises
    and quizzes."""
    if context.portal_type == "Exercise":
        return [context]
    return [item for item in context.__parent__.objectValues()
            if item.portal_type in ("Exercise", "Quiz")]


def quiz_progress(session, username, quiz):
    attempts = learner_attempts(session, quiz, username)
    last = attempts[-1] if attempts else None
    return {"@id": quiz.absolute_url(), "uid": quiz.UID(), "title": quiz.Title(),
            "quiz": True, "done": last is not None,
            "score": f"{last.score:g}" if last else None,
            "max_score": f"{last.max_score:g}" if last else None}


class ExerciseProgressViewlet(ViewletBase):
    """Is it done, in each of the learner's sessions of this course; where to see
    their progress, and for the course's teachers, the sessions' grade books."""

    def update(self):
        super().update()
        self.statuses = []
        self.sessions = []
        self.gradebooks = []
        course = course_of(self.context)
        if course is None or api.user.is_anonymous():
            return
        self.gradebooks = [
            {"title": session.Title(), "url": session.absolute_url() + "/@@gradebook"}
            for session in taught_sessions(course)
        ]
        learner = course_learner(course, self.request)
        if learner is None or not learner.sessions:
            return
        items = items_shown(self.context)
        for session in learner.sessions:
            tracking = tracking_of(session, create=False)
            dates = learner_dates(session, learner.wiki_username)
            note = learner_note(session, self.request)
            # Only a session whose edits count now is read again by the page.
            progress_url = None if note else session.absolute_url() + "/@progress"
            self.sessions.append({"title": session.Title(),
                                  "url": session.absolute_url() + "/@@my-grades"})
            self.statuses += [
                {"session_title": session.Title(), "note": note,
                 "progress_url": None if item.portal_type == "Quiz" else progress_url,
                 "item": quiz_progress(session, learner.wiki_username, item)
                 if item.portal_type == "Quiz"
                 else exercise_progress(tracking, learner.wiki_username, item, dates)}
                for item in items
            ]

    def render(self):
        return self.index() if self.statuses or self.gradebooks else ""


def taught_sessions(course):
    """The sessions of ``course`` whose learners the current member may see."""
    found = api.content.find(context=course, depth=1, portal_type="CourseSession")
    return [session for session in (brain.getObject() for brain in found)
            if api.user.has_permission(VIEW_ENROLLMENTS, obj=session)]
