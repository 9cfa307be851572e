"""Locked modules: before its opening date, a module of a course shows its learner
its title and date, not its content, on every channel. What decides is here; the
publication guard below keeps pages and REST of the content of a locked module
from being answered, and the search, the syllabus, the pager and the practice
panel ask ``locked_opening``/``locked_uids``.

Who is locked out: a learner of the course (enrolled in one of its sessions) for
whom the module is open in none of their sessions. Whoever may edit the module
(its authors) or may see the enrollments of one of the course's sessions (its
teachers) sees everything; so do visitors who learn in no session of the course:
a published course stays readable as it always was, the dates pace learners."""

from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from plone import api
from plone.rest.interfaces import IAPIRequest
from wikimooc.policy import _
from wikimooc.policy.content.course import course_of
from wikimooc.policy.content.module import IModule
from wikimooc.policy.coursedates.rules import clock
from wikimooc.policy.coursedates.rules import is_open
from wikimooc.policy.coursedates.rules import learner_dates
from wikimooc.policy.enrollment import valid_wiki_username
from wikimooc.policy.learner import course_learner
from wikimooc.policy.learner import enrolled_sessions
from wikimooc.policy.readable import day_message
from wikimooc.workflows.permissions import VIEW_ENROLLMENTS
from zExceptions import Forbidden
from zExceptions import Redirect
from zope.globalrequest import getRequest
from zope.i18n import translate


MODIFY_CONTENT = "Modify portal content"  # Products.CMFCore.permissions.ModifyPortalContent


def module_of(content):
    for item in aq_chain(aq_inner(content)):
        if IModule.providedBy(item):
            return item
    return None


def sees_everything(course, module):
    if api.user.has_permission(MODIFY_CONTENT, obj=module):
        return True
    return any(
        api.user.has_permission(VIEW_ENROLLMENTS, obj=session)
        for session in course.objectValues() if session.portal_type == "CourseSession"
    )


def locked_opening(module, request=None, now=None):
    """The date ``module`` opens for the current visitor, if it is locked for them;
    else None."""
    course = course_of(module)
    learner = course_learner(course, request or getRequest()) if course is not None else None
    if learner is None or not learner.sessions:
        return None
    now = now or clock()
    openings = [learner_dates(session, learner.wiki_username).get(module.UID())
                for session in learner.sessions]
    if any(dates is None or is_open(dates, now) for dates in openings):
        return None
    if sees_everything(course, module):
        return None
    return min(dates.opens for dates in openings)


def locked_uids(request, now=None):
    """The UIDs of everything inside the modules locked for the current visitor (in
    the courses they learn in), for searches to leave out."""
    if api.user.is_anonymous():
        return []
    member = api.user.get_current()
    username = valid_wiki_username(member)
    if username is None:
        return []
    courses = {}
    for enrolled in enrolled_sessions(member, username):
        course = enrolled.session.__parent__
        courses[course.getPhysicalPath()] = course
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    for course in courses.values():
        for module in course.objectValues():
            if module.portal_type != "Module" or locked_opening(module, request, now) is None:
                continue
            path = "/".join(module.getPhysicalPath())
            found.extend(brain.UID for brain in catalog.unrestrictedSearchResults(path=path)
                         if brain.getPath() != path)
    return found


def without_locked(query, request):
    """A catalog query that also leaves out what is locked for the current visitor."""
    locked = locked_uids(request)
    if not locked:
        return query
    given = query.get("UID")
    if given is None:
        uid_query = {"not": locked}
    elif isinstance(given, dict):
        uid_query = {**given, "not": [*given.get("not", ()), *locked]}
    else:
        uid_query = {"query": given, "not": locked}
    return {**query, "UID": uid_query}


def lock_message(module, opens):
    return _("${module} opens on ${date}: its content is shown from then on.",
             mapping={"module": module.Title(), "date": day_message(opens)})


def published_context(request):
    published = request.get("PUBLISHED")
    context = getattr(published, "context", None)
    if context is None:
        context = getattr(published, "__self__", published)
    return context


def guard_locked_content(event):
    """After traversal: the content of a locked module (its lessons, exercises,
    quizzes) is not published to a locked-out learner. A page goes to the module,
    which shows its title and date; REST answers 403 with the same words; REST on
    the module itself too (it would list the content)."""
    request = event.request
    context = published_context(request)
    module = module_of(context) if context is not None else None
    if module is None:
        return
    is_rest = IAPIRequest.providedBy(request)
    if aq_base(context) is aq_base(module) and not is_rest:
        return
    opens = locked_opening(module, request)
    if opens is None:
        return
    if is_rest:
        raise Forbidden(translate(lock_message(module, opens), context=request))
    raise Redirect(module.absolute_url())
