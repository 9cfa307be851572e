"""Fixed vocabularies of the course model; their tokens are part of the REST contract."""

from wikimooc.policy import _
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def vocabulary(*terms):
    return SimpleVocabulary([SimpleTerm(token, token, title) for token, title in terms])


PROJECTS = vocabulary(
    ("wikipedia", _("Wikipedia")),
    ("wiktionary", _("Wiktionary")),
    ("wikidata", _("Wikidata")),
    ("commons", _("Wikimedia Commons")),
    ("wikisource", _("Wikisource")),
    ("wikibooks", _("Wikibooks")),
    ("wikiquote", _("Wikiquote")),
    ("wikivoyage", _("Wikivoyage")),
    ("wikiversity", _("Wikiversity")),
    ("wikinews", _("Wikinews")),
    ("wikispecies", _("Wikispecies")),
    ("meta", _("Meta-Wiki")),
)

AUDIENCES = vocabulary(
    ("general_public", _("General public")),
    ("students", _("Students")),
    ("educators", _("Teachers and educators")),
    ("volunteers", _("Wikimedia volunteers")),
    ("partners", _("Chapter partners")),
    ("glam", _("Libraries, archives and museums")),
    ("public_servants", _("Public servants")),
)

ORGANISATION_KINDS = vocabulary(
    ("community", _("Wikimedia community")),
    ("chapter", _("Wikimedia chapter")),
    ("user_group", _("Wikimedia user group")),
    ("university", _("University")),
    ("school", _("School")),
    ("glam", _("Library, archive or museum")),
    ("other", _("Other organisation")),
)

LICENSES = vocabulary(
    ("cc-by-sa-4.0", _("CC BY-SA 4.0")),
    ("cc-by-4.0", _("CC BY 4.0")),
    ("cc0-1.0", _("CC0 1.0")),
    ("all-rights-reserved", _("All rights reserved (no reuse)")),
)
REUSABLE_LICENSES = frozenset({"cc-by-sa-4.0", "cc-by-4.0", "cc0-1.0"})
LICENSE_URLS = {
    "cc-by-sa-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}

WIKI_ACTIONS = vocabulary(
    ("create_page", _("Create a page")),
    ("edit_page", _("Edit a page")),
    ("add_reference", _("Add a reference")),
    ("upload_file", _("Upload a file on Commons")),
    ("add_statement", _("Add a Wikidata statement")),
)

CHECKS = vocabulary(
    ("wiki", _("Checked automatically on the wiki")),
    ("peer", _("Peer review")),
)

SESSION_KINDS = vocabulary(
    ("public", _("Public MOOC")),
    ("private", _("Private session")),
)

ENROLLMENT_POLICIES = vocabulary(
    ("open", _("Open: anyone can enroll")),
    ("key", _("Enrollment key")),
    ("invitation", _("Invitation list")),
)


def factory(terms):
    return provider(IVocabularyFactory)(lambda context: terms)


projects = factory(PROJECTS)
audiences = factory(AUDIENCES)
organisation_kinds = factory(ORGANISATION_KINDS)
licenses = factory(LICENSES)
wiki_actions = factory(WIKI_ACTIONS)
checks = factory(CHECKS)
session_kinds = factory(SESSION_KINDS)
enrollment_policies = factory(ENROLLMENT_POLICIES)
