"""A course's modules and their lessons and exercises, in the course's order."""

from Acquisition import aq_base
from functools import cache
from plone import api
from wikimooc.theme import _


PART_TYPES = {"Lesson": _("Lesson"), "Exercise": _("Exercise"), "Quiz": _("Quiz")}


def may_view(item):
    return api.user.has_permission("View", obj=item)


def viewable(items, portal_types):
    return [item for item in items if item.portal_type in portal_types and may_view(item)]


def part_summary(part):
    return {"title": part.Title(), "url": part.absolute_url(), "type": part.portal_type,
            "type_title": PART_TYPES[part.portal_type]}


def module_parts(module):
    return [part_summary(part) for part in viewable(module.objectValues(), PART_TYPES)]


def syllabus(course):
    return [
        {"title": module.Title(), "url": module.absolute_url(), "parts": module_parts(module)}
        for module in viewable(course.objectValues(), ("Module",))
    ]


def neighbours(course, part):
    """The parts before and after ``part`` (which the visitor is viewing) in the
    whole course, or None: the nearest ones the visitor may see, without checking
    every part of the course."""
    parts = [
        (module, item)
        for module in course.objectValues() if module.portal_type == "Module"
        for item in module.objectValues() if item.portal_type in PART_TYPES
    ]
    current = aq_base(part)
    index = next((index for index, (_module, item) in enumerate(parts)
                  if aq_base(item) is current), None)
    may_view_module = cache(may_view)

    def shown(module, item):
        return may_view_module(module) and may_view(item)

    def nearest(candidates):
        found = next((item for module, item in candidates if shown(module, item)), None)
        return part_summary(found) if found is not None else None

    if index is None or not may_view_module(parts[index][0]):
        return None, None
    return nearest(reversed(parts[:index])), nearest(parts[index + 1:])
