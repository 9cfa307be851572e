"""A course's modules and their lessons and exercises, in the course's order."""

from Acquisition import aq_base
from functools import cache
from plone import api
from wikimooc.policy.content.course import exercises_of
from wikimooc.policy.coursedates.locks import locked_opening
from wikimooc.policy.coursedates.rules import learner_dates
from wikimooc.policy.learner import course_learner
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.video.watching import counted_lessons
from wikimooc.policy.video.watching import watched_done
from wikimooc.theme import _


PART_TYPES = {"Lesson": _("Lesson"), "Exercise": _("Exercise"), "Quiz": _("Quiz")}


def may_view(item):
    return api.user.has_permission("View", obj=item)


def viewable(items, portal_types):
    return [item for item in items if item.portal_type in portal_types and may_view(item)]


def part_summary(part):
    return {"title": part.Title(), "url": part.absolute_url(), "type": part.portal_type,
            "type_title": PART_TYPES[part.portal_type], "uid": part.UID()}


def module_parts(module):
    """The parts of ``module`` the visitor may see: none while it is locked for them."""
    if locked_opening(module) is not None:
        return []
    return [part_summary(part) for part in viewable(module.objectValues(), PART_TYPES)]


def syllabus(course):
    """Each module with its parts; a module locked for the visitor gives its opening
    date (``opens``) instead."""
    return [
        {"title": module.Title(), "url": module.absolute_url(), "opens": locked_opening(module),
         "parts": module_parts(module)}
        for module in viewable(course.objectValues(), ("Module",))
    ]


def due_dates(course, request, session=None):
    """{UID: due date} of the exercises and quizzes for the visitor as a learner of
    ``course`` (in ``session`` only, if given): the earliest of their sessions'."""
    learner = course_learner(course, request)
    found = {}
    for each in learner.sessions if learner is not None else ():
        if session is not None and each.getPhysicalPath() != session.getPhysicalPath():
            continue
        for uid, dates in learner_dates(each, learner.wiki_username).items():
            if dates.due is not None:
                found[uid] = min(found.get(uid, dates.due), dates.due)
    return found


def mark_due(parts, course, request, session=None):
    """Gives each exercise and quiz of ``parts`` its due date for the visitor."""
    due = due_dates(course, request, session)
    for part in parts:
        if part is not None and part["uid"] in due:
            part["due"] = due[part["uid"]]
    return parts


def mark_progress(modules, course, request, session=None):
    """Marks each exercise of ``modules`` (a ``syllabus``), and each lesson counted
    as done once watched, "done" or "todo" for the visitor as a learner of
    ``course``: done in any of their sessions of it, or in ``session`` only.
    Nothing is marked for whoever is no learner of the course. Exercises and quizzes
    also get their due dates."""
    for module in modules:
        mark_due(module["parts"], course, request, session)
    learner = course_learner(course, request)
    if learner is None:
        return modules
    sessions = [
        found for found in learner.sessions
        if session is None or found.getPhysicalPath() == session.getPhysicalPath()
    ]
    if not sessions:
        return modules
    trackings = [tracking for found in sessions
                 if (tracking := tracking_of(found, create=False)) is not None]
    done = set()
    for exercise in exercises_of(course) if trackings else ():
        key = (learner.wiki_username, exercise.UID())
        if any((progress := tracking.progress.get(key)) is not None and progress.done
               for tracking in trackings):
            done.add(exercise.absolute_url())
    counted = set()
    for lesson in counted_lessons(course):
        counted.add(lesson.absolute_url())
        if any(watched_done(found, lesson, learner.wiki_username) for found in sessions):
            done.add(lesson.absolute_url())
    for module in modules:
        for part in module["parts"]:
            if part["type"] == "Exercise" or part["url"] in counted:
                part["progress"] = "done" if part["url"] in done else "todo"
    return modules


def neighbours(course, part):
    """The parts before and after ``part`` (which the visitor is viewing) in the
    whole course, or None: the nearest ones the visitor may see (never in a module
    locked for them), without checking every part of the course."""
    parts = [
        (module, item)
        for module in course.objectValues() if module.portal_type == "Module"
        for item in module.objectValues() if item.portal_type in PART_TYPES
    ]
    current = aq_base(part)
    index = next((index for index, (_module, item) in enumerate(parts)
                  if aq_base(item) is current), None)
    may_view_module = cache(lambda module: may_view(module) and locked_opening(module) is None)

    def shown(module, item):
        return may_view_module(module) and may_view(item)

    def nearest(candidates):
        found = next((item for module, item in candidates if shown(module, item)), None)
        return part_summary(found) if found is not None else None

    if index is None or not may_view_module(parts[index][0]):
        return None, None
    return nearest(reversed(parts[:index])), nearest(parts[index + 1:])
