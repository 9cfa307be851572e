"""Page parts several pages show: a list of sessions, a course's syllabus, the way
to the previous and next part of a course."""

from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from wikimooc.theme.dates import ReaderDates


class CourseParts(ReaderDates):
    """Mixed into views; each part renders with its own template (their days with
    ``view/day``)."""

    sessions_part = ViewPageTemplateFile("templates/sessions.pt")
    syllabus_part = ViewPageTemplateFile("templates/syllabus.pt")
    pager_part = ViewPageTemplateFile("templates/pager.pt")

    def render_sessions(self, sessions):
        return self.sessions_part(sessions=sessions)

    def render_syllabus(self, modules, current_url=None):
        return self.syllabus_part(modules=modules, current_url=current_url)

    def render_pager(self, before, after):
        return self.pager_part(before=before, after=after)
