"""What a program can group: the sessions and programs the editor may see."""

from plone import api
from wikimooc.policy import _
from wikimooc.policy.isolated import isolated
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def session_title(brain):
    session = brain.getObject()
    return _("${course}: ${session} (${wiki})", mapping={
        "course": isolated(session.__parent__.Title()), "session": isolated(session.Title()),
        "wiki": isolated(session.wiki),
    })


def searched_terms(portal_type, title, exclude=None):
    catalog = api.portal.get_tool("portal_catalog")
    terms = [SimpleTerm(brain.UID, brain.UID, title(brain))
             for brain in catalog(portal_type=portal_type, sort_on="sortable_title")
             if brain.UID not in {exclude}]
    return SimpleVocabulary(terms)


@provider(IVocabularyFactory)
def program_sessions(context):
    return searched_terms("CourseSession", session_title)


@provider(IVocabularyFactory)
def programs(context):
    """Other programs (never the program itself)."""
    own = getattr(context, "UID", None)
    return searched_terms("Program", lambda brain: brain.Title,
                          exclude=own() if callable(own) else None)
