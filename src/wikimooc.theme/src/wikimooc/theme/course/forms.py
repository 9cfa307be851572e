"""The add and edit forms of WikiMOOC's types show WikiMOOC's own fields: not the
Plone machinery their behaviors bring along (keywords and language, publication
dates, ownership, the short name, navigation and versioning settings, the change
note). The content keeps them: plone.restapi and the site set them as before."""

from plone.z3cform.fieldsets.extensible import FormExtender


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
