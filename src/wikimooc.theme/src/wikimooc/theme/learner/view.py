from plone import api
from Products.Five.browser import BrowserView
from wikimooc.policy.enrollment import wiki_username_of
from wikimooc.policy.learner import enrolled_sessions
from wikimooc.policy.tracking.reports import progress
from wikimooc.policy.usernames import InvalidUsername
from wikimooc.policy.wikis import user_links
from wikimooc.theme import _
from wikimooc.theme.announcements.views import shown_announcements
from wikimooc.theme.course.parts import CourseParts
from wikimooc.theme.course.summaries import as_enrolled
from wikimooc.theme.course.summaries import session_summary
from wikimooc.theme.coursedates.views import WeekParts
from wikimooc.theme.tracking.window import learner_note
from zExceptions import Unauthorized


LATEST_ANNOUNCEMENTS = 3


class MyCoursesView(CourseParts, WeekParts, BrowserView):
    """The sessions the member is enrolled in, with their progress and where to go on."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to see your courses.")
        return self.index()

    page_title = _("My courses")

    def catalogue_url(self):
        return api.portal.get_navigation_root(self.context).absolute_url()

    def courses(self):
        member = api.user.get_current()
        try:
            username = wiki_username_of(member)
        except InvalidUsername:
            return []
        found = []
        for brain, session in enrolled_sessions(member, username):
            course = session.__parent__
            learner = progress(session, username)
            still_to_do = [item for item in learner["items"] if not item["done"]]
            found.append({
                "course_title": course.Title(),
                "course_url": course.absolute_url(),
                "session": as_enrolled(session_summary(brain, self.request)),
                "done": learner["exercises_done"],
                "total": learner["exercises_total"],
                "completed": bool(learner["exercises_total"]) and not still_to_do,
                "next": still_to_do[0] if still_to_do else None,
                "grades_url": session.absolute_url() + "/@@my-grades",
                "contributions_url": user_links(session.wiki, username)["contributions"],
                "note": learner_note(session, self.request),
                "announcements": shown_announcements(session, self.request)[:LATEST_ANNOUNCEMENTS],
                "this_week": self.render_this_week(session),
            })
        return found
