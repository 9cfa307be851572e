"""The visitor as a learner of a course: their wiki username and the sessions of the
course they are enrolled in. A lesson or an exercise page needs it in more than one
place (the exercise progress, the practice panel), so it is worked out once per
request."""

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
    return CourseLearner(username, enrolled_sessions(course, member.getGroups(), username))


def enrolled_sessions(course, group_ids, username):
    """The sessions of ``course`` where ``username`` is enrolled, among those whose
    learners group is in ``group_ids`` (the member's groups: PAS got them from
    wikimooc.policy.pas when it authenticated the request). Only these sessions
    are looked up, by UID alone: a course may have many."""
    uids = session_uids(group_ids)
    if not uids:
        return []
    course_path = "/".join(course.getPhysicalPath())
    # A restricted search: the member may see what it finds. Sessions are items of
    # their course, got from it rather than traversed to from the site.
    brains = api.portal.get_tool("portal_catalog")(UID=uids)
    sessions = [
        course[session_id]
        for parent_path, _, session_id in (brain.getPath().rpartition("/") for brain in brains)
        if parent_path == course_path
    ]
    return [session for session in sessions if username in session.enrollments]
