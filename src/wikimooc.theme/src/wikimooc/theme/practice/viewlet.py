from plone import api
from plone.app.layout.viewlets import ViewletBase
from wikimooc.policy.content.course import course_of
from wikimooc.policy.coursedates.locks import locked_opening
from wikimooc.policy.coursedates.locks import module_of
from wikimooc.policy.learner import course_learner
from wikimooc.policy.roundtrips import practice_links
from wikimooc.policy.roundtrips import wiki_links
from wikimooc.policy.tracking.followed import practice_wiki
from wikimooc.theme.tracking.window import learner_note
from zope.viewlet.interfaces import IViewletManager


class IPracticePanels(IViewletManager):
    """Where a lesson or an exercise page shows its practice panels."""


class PracticeViewlet(ViewletBase):
    """A learner gets a panel for each of their sessions of the course, on the wiki
    where the session checks the exercise (or its home wiki for a lesson);
    other visitors see the wiki's pages of the lesson and how to join a session."""

    def update(self):
        super().update()
        self.panels, self.visitor = [], None
        course = course_of(self.context)
        if course is None or self.locked():
            return
        self.course_url = course.absolute_url()
        language = self.context.Language() or api.portal.get_current_language()
        learner = course_learner(course, self.request)
        if learner is not None:
            self.panels = [
                {"session": session.Title(), "note": learner_note(session, self.request),
                 **practice_links(self.context, practice_wiki(session, self.context),
                                 learner.wiki_username, language)}
                for session in learner.sessions
            ]
        if not self.panels:
            self.visitor = wiki_links(self.context, self.visitors_wiki(course), language)

    def locked(self):
        """No practice link into a module locked for the visitor."""
        module = module_of(self.context)
        return module is not None and locked_opening(module, self.request) is not None

    def visitors_wiki(self, course):
        """The wiki of the course's first session, else the home wiki."""
        for brain in api.content.find(
            context=course, depth=1, portal_type="CourseSession", sort_on="start"
        ):
            return brain.wiki
        return api.portal.get_registry_record("wikimooc.home_wiki")

    def render(self):
        return self.index() if self.panels or self.visitor else ""
