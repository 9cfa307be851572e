from plone import api
from plone.app.layout.viewlets import ViewletBase
from wikimooc.policy.browser.dashboard import course_of
from wikimooc.policy.browser.dashboard import enrolled_sessions
from wikimooc.policy.enrollment import wiki_username_of
from wikimooc.policy.roundtrips import practice_links
from wikimooc.policy.roundtrips import wiki_links
from wikimooc.policy.usernames import InvalidUsername


class PracticeViewlet(ViewletBase):
    """A learner gets a panel for the wiki of each of their sessions of the course;
    other visitors see the wiki's pages of the lesson and how to join a session."""

    def update(self):
        super().update()
        self.panels, self.visitor = [], None
        course = course_of(self.context)
        if course is None:
            return
        self.course_url = course.absolute_url()
        language = self.context.Language() or api.portal.get_current_language()
        username = self.learner_username()
        if username:
            self.panels = [
                {"session": session.Title(),
                 **practice_links(self.context, session.wiki, username, language)}
                for session in enrolled_sessions(course, api.user.get_current())
            ]
        if not self.panels:
            self.visitor = wiki_links(self.context, self.visitors_wiki(course), language)

    def learner_username(self):
        if api.user.is_anonymous():
            return None
        try:
            return wiki_username_of(api.user.get_current())
        except InvalidUsername:
            return None

    def visitors_wiki(self, course):
        """The wiki of the course's first session, else the home wiki."""
        for brain in api.content.find(
            context=course, depth=1, portal_type="CourseSession", sort_on="start"
        ):
            return brain.wiki
        return api.portal.get_registry_record("wikimooc.home_wiki")
