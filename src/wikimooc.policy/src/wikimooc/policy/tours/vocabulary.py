"""The tours teachers pick from for a lesson or an exercise: those of the wikis of
the course's sessions (the home wiki's while it has none) and the course's drafts."""

from Acquisition import aq_base
from plone import api
from wikimooc.policy import _
from wikimooc.policy.content.course import course_of
from wikimooc.policy.tours.names import NAME
from wikimooc.policy.tours.wiki import tours_on_wiki
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


class TourNames(SimpleVocabulary):
    """Lists the tours known now, and accepts any well-formed name: a tour made on
    the wiki since, or a wiki that cannot be reached now, must not block saving."""

    def __contains__(self, value):
        return super().__contains__(value) or well_formed(value)

    def getTerm(self, value):
        if super().__contains__(value) or not well_formed(value):
            return super().getTerm(value)
        return SimpleTerm(value, value, value)

    def getTermByToken(self, token):
        return self.getTerm(token)


def well_formed(value):
    return isinstance(value, str) and bool(NAME.match(value))


def course_wikis(course):
    sessions = course.objectValues() if course is not None else ()
    hosts = sorted({item.wiki for item in sessions if item.portal_type == "CourseSession"})
    return hosts or [api.portal.get_registry_record("wikimooc.home_wiki")]


def course_drafts(course):
    items = course.objectValues() if course is not None else ()
    return [item for item in items if item.portal_type == "GuidedTourDraft"]


@provider(IVocabularyFactory)
def guided_tours(context):
    course = course_of(context) if context is not None else None
    wikis_by_name = {}
    for host in course_wikis(course):
        for name in tours_on_wiki(host):
            wikis_by_name.setdefault(name, []).append(host)
    titles = {
        name: _("${name} (on ${wikis})", mapping={"name": name, "wikis": ", ".join(hosts)})
        for name, hosts in wikis_by_name.items()
    }
    for draft in course_drafts(course):
        titles.setdefault(
            draft.tour_name,
            _("${name} (draft in this course)", mapping={"name": draft.tour_name}),
        )
    current = getattr(aq_base(context), "tour", None)
    if well_formed(current):
        titles.setdefault(current, current)
    return TourNames([SimpleTerm(name, name, titles[name]) for name in sorted(titles)])
