"""The course page's box: licence and attribution, languages, reuse."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.app.multilingual.interfaces import ITranslationManager
from wikimooc.policy.reuse import may_adapt
from wikimooc.policy.reuse import may_reuse
from wikimooc.policy.vocabularies import LICENSE_URLS
from wikimooc.policy.vocabularies import LICENSES
from wikimooc.workflows.permissions import ADD_COURSE_SESSION


class CourseViewlet(ViewletBase):
    def update(self):
        super().update()
        course = self.context
        self.license_title = LICENSES.getTerm(course.license).title
        self.license_url = LICENSE_URLS.get(course.license)
        self.original = course.derived_from.to_object if course.derived_from else None
        self.languages = self.translations()
        self.can_adapt = may_adapt(course)
        self.can_add_session = may_reuse(course) and api.user.has_permission(
            ADD_COURSE_SESSION, obj=course
        )

    def credit(self, course):
        """The authors, and the organisation when it is not one of them."""
        authors = list(course.authors or [])
        if not authors or course.organisation in authors:
            return ", ".join(authors) or course.organisation
        return f"{', '.join(authors)} ({course.organisation})"

    def translations(self):
        names = api.portal.get_tool("portal_languages").getAvailableLanguages()
        found = ITranslationManager(self.context).get_translations()
        return [
            {
                "code": code,
                "name": names.get(code, {}).get("native", code),
                "url": translation.absolute_url(),
                "current": translation == self.context,
            }
            for code, translation in sorted(found.items())
        ]
