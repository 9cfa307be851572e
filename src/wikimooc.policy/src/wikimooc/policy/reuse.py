"""Reuse under the licence: sessions of someone else's course, and adaptations."""

from Acquisition import aq_parent
from plone import api
from wikimooc.policy import _
from wikimooc.policy.content.session import ICourseSession
from wikimooc.workflows.permissions import ADD_COURSE
from wikimooc.workflows.refusals import Refused
from z3c.relationfield import RelationValue
from zExceptions import Forbidden
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import modified


class ReuseRefused(Refused):
    error_type = "ReuseRefused"


def may_reuse(course):
    """The user may edit the course, or sees it and its licence allows reuse."""
    if api.user.has_permission("Modify portal content", obj=course):
        return True
    return course.reusable and api.user.has_permission("View", obj=course)


def may_add_course_in(folder):
    allowed = {fti.getId() for fti in folder.allowedContentTypes()}
    return "Course" in allowed and api.user.has_permission(ADD_COURSE, obj=folder)


def course_targets(most=500):
    """The folders where the user may add a course (language roots first), lazily:
    asking whether there is one stops at the first."""
    found = api.content.find(portal_type=["LRF", "Folder"], sort_on="path")
    for brain in found[:most]:
        folder = brain.getObject()
        if may_add_course_in(folder):
            yield folder


def may_adapt(course):
    """"Adapt this course" is offered to whoever may reuse it and add a course
    somewhere to hold the adaptation."""
    return (
        not api.user.is_anonymous()
        and course.reusable
        and may_reuse(course)
        and next(course_targets(), None) is not None
    )


def refuse_unless_reusable(course):
    if may_reuse(course):
        return
    if not api.user.has_permission("View", obj=course):
        raise ReuseRefused(403, _("You cannot see this course."))
    raise ReuseRefused(403, _("The licence of this course does not allow reusing it."))


def check_new_session(session, event):
    """A session of a course whose licence forbids reuse only by its own authors.
    Forbidden itself, not a subclass: the publisher and plone.rest map the class
    name to the status, 403."""
    try:
        refuse_unless_reusable(aq_parent(session))
    except ReuseRefused as refused:
        raise Forbidden(translate(refused.message, context=getRequest())) from refused


def adapt_course(course, target, organisation=None, title=None):
    """Copy ``course`` into ``target`` for the caller's organisation: its sessions
    stay behind; "derived from" and the original authors are kept, as the licence
    asks."""
    refuse_unless_reusable(course)
    if not may_add_course_in(target):
        raise ReuseRefused(403, _("You cannot add a course there."))
    adaptation = api.content.copy(source=course, target=target, safe_id=True)
    sessions = [item for item in adaptation.objectValues() if ICourseSession.providedBy(item)]
    for session in sessions:
        api.content.delete(session, check_linkintegrity=False)
    adaptation.derived_from = RelationValue(getUtility(IIntIds).getId(course))
    adaptation.authors = list(course.authors or [])
    if organisation:
        adaptation.organisation = organisation
    if title:
        adaptation.title = title
    adaptation.setCreators([api.user.get_current().getId()])
    modified(adaptation)
    return adaptation
