"""The sessions a member is enrolled in (My courses), and the visitor as a learner
of a course: their wiki username and the sessions of the course they are enrolled
in. A lesson or an exercise page needs the latter in more than one place (the
exercise progress, the practice panel), so it is worked out once per request."""

from plone import api
from typing import NamedTuple
from wikimooc.policy.enrollment import session_uids
from wikimooc.policy.enrollment import valid_wiki_username
from zope.annotation.interfaces import IAnnotations
from zope.component import getMultiAdapter


REQUEST_CACHE = "wikimooc.policy.learner"


class CourseLearner(NamedTuple):
    wiki_username: str
    sessions: list


def course_learner(course, request):
    """The current member as a learner of ``course`` (with no sessions when they are
    enrolled in none); None for anonymous visitors and for members without a valid
    wiki username. Kept on ``request``: an enrollment made later in the same request
    is not seen."""
    found = IAnnotations(request).setdefault(REQUEST_CACHE, {})
    key = course.getPhysicalPath()
    if key not in found:
        found[key] = current_learner_of(course, request)
    return found[key]


def current_learner_of(course, request):
    # plone_portal_state remembers the member for the request: the page's other
    # viewlets asked already.
    portal_state = getMultiAdapter((course, request), name="plone_portal_state")
    if portal_state.anonymous():
        return None
    member = portal_state.member()
    username = valid_wiki_username(member)
    if username is None:
        return None
    sessions = [enrolled.session for enrolled in enrolled_sessions(member, username, course)]
    return CourseLearner(username, sessions)


class EnrolledSession(NamedTuple):
    entry: object  # the session's catalog entry
    session: object


def enrolled_sessions(member, username, course=None):
    """Each session where ``username``, ``member``'s wiki username, is enrolled (of
    ``course`` only, if given), earliest first. Only the sessions whose learners
    group is among the member's groups (PAS got them from wikimooc.policy.pas when it
    authenticated the request) are looked up, by UID: the site and a course may have
    many. Each is checked for the enrollment itself."""
    uids = session_uids(member.getGroups())
    if not uids:
        return []
    query = {"UID": uids, "portal_type": "CourseSession", "sort_on": "start"}
    if course is not None:
        query["path"] = {"query": "/".join(course.getPhysicalPath()), "depth": 1}
    # A restricted search: the member may see what it finds.
    found = (
        EnrolledSession(entry, entry.getObject())
        for entry in api.portal.get_tool("portal_catalog")(**query)
    )
    return [enrolled for enrolled in found if username in enrolled.session.enrollments]
