"""The add and edit forms of WikiMOOC's types show WikiMOOC's own fields: not the
Plone machinery their behaviors bring along (keywords and language, publication
dates, ownership, the short name, navigation and versioning settings, the change
note). The content keeps them: plone.restapi and the site set them as before."""

from AccessControl import Unauthorized
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.z3cform.fieldsets.extensible import FormExtender
from zExceptions import NotFound


WIKIMOOC_TYPES = frozenset({
    "Course", "Module", "Lesson", "Exercise", "Quiz", "QuizQuestion", "CourseSession",
    "GuidedTourDraft", "GuidedTourStep",
})

PLONE_FIELDS = (
    # Categorization: the language is the section's (plone.app.multilingual).
    "IDublinCore.subjects", "IDublinCore.language",
    # Dates: courses and sessions are published by their workflows.
    "IDublinCore.effective", "IDublinCore.expires",
    # Ownership: a course credits its authors and organisation in its own fields.
    "IDublinCore.creators", "IDublinCore.contributors", "IDublinCore.rights",
    # Settings and versioning.
    "IShortName.id", "IExcludeFromNavigation.exclude_from_nav",
    "IVersionable.versioning_enabled", "IVersionable.changeNote",
)


class WikimoocFieldsOnly(FormExtender):
    order = 100

    def update(self):
        if getattr(self.form, "portal_type", None) not in WIKIMOOC_TYPES:
            return
        for name in PLONE_FIELDS:
            self.remove(name)
        self.form.groups = [group for group in self.form.groups if len(group.fields)]


class RefusingAddForm(DefaultAddForm):
    """Plone's add form answers a type that may not be added here with a ValueError,
    hence a server error page: a Course Author on someone else's course, say. Here the
    visitor gets Plone's "insufficient privileges" answer when they lack the type's add
    permission in this place, and "not found" when the type never goes in this place."""

    def update(self):
        type_info = self.context.portal_types.getTypeInfo(self.portal_type)
        if not type_info.isConstructionAllowed(self.context):
            raise Unauthorized(self.portal_type)
        allowed = {info.getId() for info in self.context.allowedContentTypes()}
        if self.portal_type not in allowed:
            raise NotFound(self.portal_type)
        super().update()


class RefusingAddView(DefaultAddView):
    form = RefusingAddForm
