from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from wikimooc.policy.catalogue import find_courses
from wikimooc.policy.catalogue import open_sessions
from wikimooc.policy.vocabularies import AUDIENCES
from wikimooc.policy.vocabularies import LICENSES
from wikimooc.policy.vocabularies import PROJECTS
from wikimooc.theme import _
from wikimooc.theme.course.parts import CourseParts
from wikimooc.theme.course.summaries import session_summary
from wikimooc.theme.course.summaries import term_titles
from wikimooc.theme.plurals import plural
from wikimooc.workflows.batching import page_start
from wikimooc.workflows.refusals import Attempt
from zope.component import getUtility
from zope.i18n.interfaces import ITranslationDomain


PAGE_SIZE = 20
# Fewer courses than this in the chosen language: the search offers the others'.
FEW = 3
ALL_LANGUAGES = "all"
# The language the messages are written in: it needs no catalogue.
SOURCE_LANGUAGE = "en"
FILTER_LABELS = {
    "language": _("Language"),
    "project": _("Wikimedia project"),
    "audience": _("Audience"),
}


class CatalogueView(CourseParts, BrowserView):
    """Published courses, in the section's language unless another (or all) is
    chosen; the filters are a plain GET form, so every result page has its address."""

    def __call__(self):
        form = self.request.form
        self.language = form.get("language") or api.portal.get_current_language(self.context)
        self.error = None
        self.batch = Batch([], PAGE_SIZE)
        self.courses = []
        with Attempt() as attempt:
            brains = find_courses({
                **form, "language": "" if self.language == ALL_LANGUAGES else self.language,
            })
            self.batch = Batch(brains, PAGE_SIZE, page_start(form))
            self.courses = self.course_cards(list(self.batch))
        if attempt.refused is not None:
            self.error = attempt.refused.message
        return self.index()

    def found(self):
        return plural(
            "${count} course found", "${count} courses found", self.batch.sequence_length,
            self.request,
        )

    def elsewhere(self):
        """When a search in one language finds fewer than FEW courses, the courses
        of the other languages it finds (the header's search stays in the page's
        language, but "wikidata" from /en should lead to the German course)."""
        if (
            self.error or not self.request.form.get("q") or self.language == ALL_LANGUAGES
            or self.batch.sequence_length >= FEW
        ):
            return []
        brains = [
            brain for brain in find_courses({**self.request.form, "language": ""})
            if brain.Language != self.language
        ]
        return self.course_cards(brains[:PAGE_SIZE])

    def all_languages_url(self):
        form = {key: value for key, value in self.request.form.items() if key != "b_start"}
        return f"{self.context.absolute_url()}?{urlencode({**form, 'language': ALL_LANGUAGES})}"

    def course_cards(self, brains):
        sessions = open_sessions([brain.getPath() for brain in brains])
        names = self.language_names()
        return [
            {
                "title": brain.Title,
                "url": brain.getURL(),
                "description": brain.Description,
                "language": names.get(brain.Language, brain.Language),
                "projects": term_titles(PROJECTS, brain.projects),
                "audience": term_titles(AUDIENCES, brain.audience),
                "organisation": brain.organisation,
                "license": term_titles(LICENSES, [brain.license]),
                "sessions": [
                    session_summary(session, self.request)
                    for session in sessions[brain.getPath()]
                ],
            }
            for brain in brains
        ]

    def language_names(self):
        available = api.portal.get_tool("portal_languages").getAvailableLanguages()
        codes = api.portal.get_registry_record("plone.available_languages")
        return {code: available.get(code, {}).get("native", code) for code in codes}

    def interface_languages(self):
        """The languages the interface speaks: English, then every language with a
        catalogue of the ``wikimooc`` domain (adding one is adding its .po files),
        each named in itself and linked to its section where the site has one."""
        known = api.portal.get_tool("portal_languages").getAvailableLanguages()
        # zope.i18n gives every domain a pseudo-language "test": not one Plone knows.
        translated = {
            code for code in getUtility(ITranslationDomain, "wikimooc").getCatalogsInfo()
            if code in known
        }
        codes = [SOURCE_LANGUAGE, *sorted(translated - {SOURCE_LANGUAGE})]
        portal = api.portal.get()
        return [
            {
                "code": code,
                "name": known[code].get("native", code),
                "url": portal[code].absolute_url() if code in portal.objectIds() else None,
            }
            for code in codes
        ]

    def filters(self):
        return [
            {"name": name, "id": f"wikimooc-catalogue-{name}", "label": label,
             "options": self.options(name)}
            for name, label in FILTER_LABELS.items()
        ]

    def options(self, name):
        """A filter's choices, "all" first."""
        if name == "language":
            choices = [(ALL_LANGUAGES, _("All languages")), *self.language_names().items()]
            chosen = self.language
        else:
            vocabulary = {"project": PROJECTS, "audience": AUDIENCES}[name]
            everything = {"project": _("All projects"), "audience": _("Everyone")}[name]
            choices = [("", everything), *((term.token, term.title) for term in vocabulary)]
            chosen = self.request.form.get(name, "")
        return [
            {"value": value, "title": title, "selected": value == chosen}
            for value, title in choices
        ]

    def batch_navigation(self):
        return self.context.restrictedTraverse("@@batchnavigation")(self.batch)
