from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from Products.Five.browser import BrowserView
from wikimooc.policy.content.course import course_of
from wikimooc.policy.content.course import has_module
from wikimooc.policy.coursedates.locks import locked_opening
from wikimooc.policy.enrollment import enrollment_state
from wikimooc.policy.enrollment import wiki_username_of
from wikimooc.policy.tracking.followed import session_wikis
from wikimooc.policy.usernames import InvalidUsername
from wikimooc.policy.vocabularies import AUDIENCES
from wikimooc.policy.vocabularies import ORGANISATION_KINDS
from wikimooc.policy.vocabularies import PROJECTS
from wikimooc.policy.vocabularies import WIKI_ACTIONS
from wikimooc.policy.wikis import page_url
from wikimooc.theme import _
from wikimooc.theme.course.parts import CourseParts
from wikimooc.theme.course.plain_words import exercise_page
from wikimooc.theme.course.plain_words import namespace_words
from wikimooc.theme.course.plain_words import size_words
from wikimooc.theme.course.summaries import as_enrolled
from wikimooc.theme.course.summaries import session_kind_title
from wikimooc.theme.course.summaries import session_summary
from wikimooc.theme.course.summaries import term_titles
from wikimooc.theme.course.syllabus import mark_due
from wikimooc.theme.course.syllabus import mark_progress
from wikimooc.theme.course.syllabus import module_parts
from wikimooc.theme.course.syllabus import neighbours
from wikimooc.theme.course.syllabus import syllabus
from wikimooc.theme.coursedates.views import WeekParts
from wikimooc.theme.dates import long_date
from wikimooc.workflows.peerreview.relations import rubric_of
from wikimooc.workflows.permissions import ADD_MODULE
from zope.i18n import translate


def rich_text(content, field="text"):
    value = getattr(content, field, None)
    return value.output if value is not None else None


class CourseView(CourseParts, BrowserView):
    """Syllabus and sessions; the course box above (wikimooc.policy's viewlet) gives
    the licence, the credits, the languages and reuse."""

    def text(self):
        return rich_text(self.context)

    def facts(self):
        course = self.context
        return {
            "projects": term_titles(PROJECTS, course.projects),
            "audience": term_titles(AUDIENCES, course.audience),
            "organisation": course.organisation,
            "organisation_kind": term_titles(ORGANISATION_KINDS, [course.organisation_kind]),
        }

    def modules(self):
        return mark_progress(syllabus(self.context), self.context, self.request)

    def add_module_url(self):
        """Where its writers add the first module of a course that has none."""
        course = self.context
        if has_module(course) or not api.user.has_permission(ADD_MODULE, obj=course):
            return None
        return course.absolute_url() + "/++add++Module"

    def sessions(self):
        brains = api.content.find(
            context=self.context, depth=1, portal_type="CourseSession", sort_on="start"
        )
        return [
            self.with_enrollment(session_summary(brain, self.request), brain) for brain in brains
        ]

    def with_enrollment(self, summary, brain):
        """What the visitor can do about the session, from the course page: the
        session page's own enrollment action."""
        session = brain.getObject()
        state = enrollment_state(session)
        return {
            **(as_enrolled(summary) if state == "enrolled" else summary),
            "visitor_state": state,
            "needs_key": session.enrollment_policy == "key",
        }


class ModuleView(CourseParts, BrowserView):
    def opens(self):
        """The date the module opens, while it is locked for the visitor."""
        opens = locked_opening(self.context, self.request)
        return self.day(opens) if opens else None

    def parts(self):
        return mark_due(module_parts(self.context), course_of(self.context), self.request)


class CoursePartView(CourseParts, BrowserView):
    """A lesson or an exercise: its text and the way through the course."""

    def course(self):
        return course_of(self.context)

    def pager(self):
        before, after = mark_due(list(neighbours(self.course(), self.context)),
                                 self.course(), self.request)
        return self.render_pager(before, after)


class LessonView(CoursePartView):
    def text(self):
        return rich_text(self.context)


class ExerciseView(CoursePartView):
    def instructions(self):
        return rich_text(self.context, "instructions")

    def username(self):
        """The visitor's wiki username; for visitors without one, words that say
        whose name it is."""
        if not api.user.is_anonymous():
            try:
                return wiki_username_of(api.user.get_current())
            except InvalidUsername:
                pass
        return translate(_("Your username"), context=self.request)

    def wiki_check(self):
        exercise = self.context
        if exercise.check != "wiki":
            return None
        page = exercise_page(exercise.title_pattern, exercise.namespace, self.username())
        in_user_space = page and page["user_space"]
        return {
            "action": term_titles(WIKI_ACTIONS, [exercise.wiki_action]),
            "page": page,
            "namespace": None if in_user_space else namespace_words(exercise.namespace),
            "min_bytes": exercise.min_bytes,
            "size": size_words(exercise.min_bytes),
            "required_text": exercise.required_text,
            "is_pattern": exercise.required_text_is_pattern,
        }

    def criteria(self):
        return rubric_of(self.context)


class SessionView(CourseParts, WeekParts, BrowserView):
    def facts(self):
        session = self.context
        teachers = [api.user.get(userid=userid) for userid in session.teachers or ()]
        return {
            "kind_title": session_kind_title(session.kind),
            "start": long_date(session.start, self.request),
            "end": long_date(session.end, self.request),
            "wiki": session.wiki,
            "wiki_url": page_url(session.wiki, ""),
            "other_wikis": [{"wiki": host, "url": page_url(host, "")}
                            for host in session_wikis(session)[1:]],
            "teachers": [
                member.getProperty("fullname") or member.getUserName()
                for member in teachers if member is not None
            ],
        }

    def course(self):
        return aq_parent(aq_inner(self.context))

    def modules(self):
        course = self.course()
        return mark_progress(syllabus(course), course, self.request, session=self.context)
